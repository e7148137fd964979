"""Every error the API returns is an RFC 9457 problem document (``application/problem+json``).

An operator's browser and a script both get the same shape: ``type`` (a stable URN per kind of
problem), ``title``, ``status``, ``detail`` (what went wrong) and ``hint`` (what to do), so the
page can show the message as it is and a client can branch on ``code``.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from extractor.errors import InputError, JixiaoError

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("jixiao.service")

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    500: "Internal server error",
}


class ProblemError(Exception):
    """Raised anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        hint: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.hint = hint
        self.headers = headers or {}
        self.extra = extra or {}


def problem_body(
    status: int,
    code: str,
    detail: str,
    *,
    hint: str | None = None,
    instance: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:jixiao:problem:{code}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "code": code,
        "detail": detail,
    }
    if hint:
        body["hint"] = hint
    if instance:
        body["instance"] = instance
    if extra:
        body.update(extra)
    return body


def problem_response(
    status: int,
    code: str,
    detail: str,
    *,
    hint: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, code, detail, hint=hint, instance=instance, extra=extra),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def upload_problem(exc: InputError) -> ProblemError:
    """Maps a refusal of the type sniffer to its HTTP status.

    ``extractor.errors`` builds "unsupported type" refusals with :func:`unsupported_type`, whose
    message starts with the words below; every other sniffer refusal (corrupt, encrypted, bomb)
    means the bytes are of a known kind but cannot be read.
    """
    if exc.message.startswith("unsupported file type"):
        return ProblemError(415, "unsupported-type", exc.message, hint=exc.hint)
    return ProblemError(422, "unreadable", exc.message, hint=exc.hint)


def install_handlers(app: FastAPI) -> None:
    """Turns every failure, expected or not, into a problem document."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            exc.status,
            exc.code,
            exc.detail,
            hint=exc.hint,
            instance=request.url.path,
            headers=exc.headers,
            extra=exc.extra,
        )

    @app.exception_handler(JixiaoError)
    async def _jixiao(request: Request, exc: JixiaoError) -> JSONResponse:
        status = 422 if isinstance(exc, InputError) else 500
        return problem_response(
            status,
            "unreadable" if status == 422 else "server-error",
            exc.message,
            hint=exc.hint,
            instance=request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed", 401: "unauthorized"}.get(exc.status_code, "http-error")
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if isinstance(exc.__cause__, RecursionError):  # FastAPI's body parser met deeply nested JSON
            return problem_response(
                400, "invalid-json", "the JSON is nested too deeply", instance=request.url.path,
                hint="see /docs for the request shape",
            )
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing is served at {request.url.path}"
        return problem_response(
            exc.status_code, code, detail, instance=request.url.path, headers=dict(exc.headers or {})
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"]) or "the request"
        return problem_response(
            422,
            "invalid-request",
            f"{where}: {first['msg']}",
            instance=request.url.path,
            hint="see /docs for the request shape",
            extra={"errors": errors},
        )

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        # the path is percent-decoded: ascii() keeps an ESC sequence in it from reaching a terminal
        log.exception("unhandled error on %s %s", request.method, ascii(request.url.path))
        return problem_response(
            500,
            "server-error",
            f"internal error ({type(exc).__name__}); it was logged",
            instance=request.url.path,
            hint="retry; if it persists, report it with the time",
        )
