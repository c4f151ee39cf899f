"""REST API and offline web dashboard (``flashpoint serve``)."""

from __future__ import annotations

from flashpoint.serve.app import create_app


def serve(db_url: str | None, port: int, host: str = "127.0.0.1") -> None:
    """Run the API and dashboard with uvicorn until interrupted."""
    import uvicorn

    app = create_app(db_url)
    print(f"flashpoint: dashboard at http://{host}:{port}/  (API docs at /docs)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        app.state.store.close()


__all__ = ["create_app", "serve"]
