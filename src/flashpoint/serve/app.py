"""The FastAPI application: routes, static dashboard, JSON errors and security headers."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flashpoint.errors import StoreError
from flashpoint.serve.errors import (
    ApiError,
    BadParameterError,
    InternalError,
    MethodNotAllowedError,
    NotFoundError,
    StoreUnavailableError,
)
from flashpoint.serve.ingest import MAX_BODY_BYTES
from flashpoint.serve.listing import ActorCatalog
from flashpoint.serve.routes import router
from flashpoint.settings import Settings
from flashpoint.store import Store, open_store

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("flashpoint.serve")

# Everything the pages load comes from this server; data: only for Leaflet's tiny inline images.
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the security headers to every HTTP response (plain ASGI: no per-request copying)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status)


def _install_error_handlers(app: FastAPI) -> None:
    async def api_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error_response(exc)

    async def validation_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return _error_response(BadParameterError(f"{where}: {first.get('msg', 'invalid')}"))

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            return _error_response(NotFoundError("no such path"))
        if exc.status_code == 405:
            return _error_response(MethodNotAllowedError("method not allowed on this path"))
        error = ApiError(str(exc.detail))
        error.status = exc.status_code
        return _error_response(error)

    async def store_error(_request: Request, exc: Exception) -> Response:
        log.error("store error: %s", exc)
        return _error_response(StoreUnavailableError("the database could not answer"))

    async def unexpected(_request: Request, exc: Exception) -> Response:
        log.exception("unexpected error", exc_info=exc)
        return _error_response(InternalError("internal error"))

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(SQLAlchemyError, store_error)
    app.add_exception_handler(Exception, unexpected)


def _install_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        # Our own page: FastAPI's default loads Swagger UI from a CDN with an inline script.
        return FileResponse(STATIC / "docs.html", headers={"cache-control": "no-cache"})


def create_app(
    db_url: str | None = None,
    *,
    store: Store | None = None,
    settings: Settings | None = None,
    cors_origins: Sequence[str] = (),
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The app over ``store`` (or a store opened at ``db_url``).

    CORS stays closed unless ``cors_origins`` names the origins allowed to read the API.
    """
    settings = settings or Settings()
    app = FastAPI(
        title="flashpoint",
        summary="Conflict events extracted from news reports",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store or open_store(db_url)
    app.state.api_token = settings.api_token or None
    app.state.max_body_bytes = max_body_bytes
    app.state.actor_catalog = ActorCatalog()
    app.include_router(router)
    _install_pages(app)
    _install_error_handlers(app)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])
    app.add_middleware(SecurityHeaders)
    return app
