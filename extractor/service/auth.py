"""The API token: one shared secret, sent as ``Authorization: Bearer <token>`` or ``X-API-Token``.

With no token configured (the default on a loopback address) the API is open to whoever can
reach 127.0.0.1 — but not to web pages the operator opens: ``extractor.service.guard`` refuses
foreign Host names and cross-site writes.  ``jixiao serve`` refuses a non-loopback address
without a token, and a token shorter than 16 characters (``settings.check_token_strength``).  The web page and
the docs are static and hold no data, so only ``/api/*`` asks for it.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from extractor.service.problems import ProblemError


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-token") or None


# Declared so that the OpenAPI document names the scheme and /docs offers "Authorize";
# the header is read by ``presented_token``, which also accepts X-API-Token.
bearer = HTTPBearer(auto_error=False, description="the service's API token (JIXIAO_API_TOKEN)")


def require_token(request: Request, _: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """FastAPI dependency: passes when no token is configured or the request presents it."""
    expected: str | None = request.app.state.settings.token
    if not expected:
        return
    given = presented_token(request)
    if given is None or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ProblemError(
            401,
            "unauthorized",
            "this API needs its token" if given is None else "the API token is wrong",
            hint="send Authorization: Bearer <token>; the web page asks for it once and keeps it",
            headers={"WWW-Authenticate": 'Bearer realm="jixiao"'},
        )
