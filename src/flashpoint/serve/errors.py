"""Errors of the REST API: each has an HTTP status and a stable ``FP-API-...`` code.

The JSON body is always ``{"error": {"code", "message", "hint"}}`` so that clients can branch on
the code and people can read the hint.
"""

from __future__ import annotations

from typing import Any

from flashpoint.errors import FlashpointError


class ApiError(FlashpointError):
    code = "FP-API"
    status = 500
    hint = "Retry later; if it persists, report it with the request you made."

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "hint": self.hint}}


class BadParameterError(ApiError):
    code = "FP-API-BAD-PARAM"
    status = 400
    hint = "See GET /docs for the parameters each endpoint accepts."


class NotFoundError(ApiError):
    code = "FP-API-NOT-FOUND"
    status = 404
    hint = "Check the id or path; event ids come from GET /api/events."


class UnauthorizedError(ApiError):
    code = "FP-API-UNAUTHORIZED"
    status = 401
    hint = "Send the header 'Authorization: Bearer <FLASHPOINT_API_TOKEN>'."


class WriteDisabledError(ApiError):
    code = "FP-API-WRITE-DISABLED"
    status = 403
    hint = "Set FLASHPOINT_API_TOKEN on the server to enable POST /api/articles."


class PayloadTooLargeError(ApiError):
    code = "FP-API-TOO-LARGE"
    status = 413
    hint = "Send fewer articles per request."


class MalformedBodyError(ApiError):
    code = "FP-API-MALFORMED"
    status = 400
    hint = "Send JSON Lines (one article object per line) or a JSON list of article objects."


class MethodNotAllowedError(ApiError):
    code = "FP-API-METHOD"
    status = 405
    hint = "See GET /docs for the methods each endpoint accepts."


class StoreUnavailableError(ApiError):
    code = "FP-API-STORE"
    status = 503
    hint = "The database is unreachable; check the --db URL and retry."


class InternalError(ApiError):
    code = "FP-API-INTERNAL"
    status = 500
