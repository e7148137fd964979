"""Which web pages may drive the service: the Host check and the Origin check.

A service on 127.0.0.1 without a token is still reachable from any web page the operator
opens, in two ways this module closes:

* **DNS rebinding**: a page at ``evil.example`` re-points its own name at 127.0.0.1 and reads
  the API as a same-origin page.  Its requests carry ``Host: evil.example``, so without a token
  the service answers only to the names it is known by (the loopback names, the bound address,
  ``JIXIAO_ALLOWED_HOSTS``).  With a token a rebinding page cannot authenticate, and the check
  applies only when names are configured (a server reached by IP or any DNS name keeps working).
* **Cross-site requests (CSRF)**: a page elsewhere can make the browser POST a form to the
  service (``multipart/form-data`` needs no CORS preflight).  Every state-changing request is
  refused when the browser says it comes from another site: ``Origin`` first, then
  ``Sec-Fetch-Site`` (the service's own page sends ``Origin: null`` because its referrer policy is
  ``no-referrer``), then ``Referer``.  A request with none of them is not from a browser (curl,
  scripts) and passes: those cannot be forged by a web page.

Both checks answer before the body is read, as problem documents.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from extractor.service.problems import problem_response
from extractor.service.settings import ServiceSettings, normal_host

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
WILDCARD_BINDS = frozenset({"", "0.0.0.0", "[::]", "*"})
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SAME_ORIGIN_FETCH = frozenset({"same-origin", "none"})  # "none": typed into the address bar
_DEFAULT_PORTS = {"http": 80, "https": 443}


def allowed_host_names(settings: ServiceSettings) -> frozenset[str] | None:
    """The names the Host header may carry, or ``None`` when the Host check is off."""
    if "*" in settings.allowed_hosts:
        return None
    if settings.token and not settings.allowed_hosts:
        return None
    names = set(LOOPBACK_NAMES) | set(settings.allowed_hosts)
    bound = normal_host(settings.bind_host)
    if bound not in WILDCARD_BINDS:
        names.add(bound)
    return frozenset(names)


def split_host(value: str) -> tuple[str, int | None]:
    """``"Example.org:8000"`` → ``("example.org", 8000)``; ``"[::1]"`` → ``("[::1]", None)``."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value.partition("]")
        name, port_text = name + "]", rest.removeprefix(":")
    else:
        name, _, port_text = value.partition(":")
    port = int(port_text) if port_text.isdigit() else None
    return name.rstrip("."), port


def same_origin(url: str, host_header: str, cors_origins: tuple[str, ...]) -> bool:
    """Whether a page at ``url`` (an Origin or a Referer) may change state on this service."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.netloc:
        return False
    if f"{scheme}://{parts.netloc.lower()}" in cors_origins:
        return True
    page_host, page_port = split_host(parts.netloc)
    host, port = split_host(host_header)
    default = _DEFAULT_PORTS[scheme]
    return page_host == host and (page_port or default) == (port or default)


def cross_site_reason(headers: Headers, cors_origins: tuple[str, ...]) -> str | None:
    """Why a state-changing request must be refused, or ``None`` when it may proceed."""
    host = headers.get("host", "")
    origin = headers.get("origin")
    if origin is not None and origin.strip().lower() != "null":
        return None if same_origin(origin, host, cors_origins) else f"it comes from the page origin {_shown(origin)}"
    site = headers.get("sec-fetch-site")
    if site is not None:
        return None if site.strip().lower() in SAME_ORIGIN_FETCH else f"the browser marks it {_shown(site)}"
    if origin is not None:
        return "it comes from an opaque (null) origin, e.g. a sandboxed frame or a data: page"
    referer = headers.get("referer")
    if referer is not None and not same_origin(referer, host, cors_origins):
        return f"it was sent from the page {_shown(referer)}"
    return None


def _shown(value: str) -> str:
    """A header value fit for a message: printable, at most 100 characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in value[:100])
    return repr(clean)


class HostOriginGuard:
    """ASGI middleware: the Host check on every request, the Origin check on state changes."""

    def __init__(self, app: ASGIApp, settings: ServiceSettings) -> None:
        self.app = app
        self.hosts = allowed_host_names(settings)
        self.cors_origins = settings.cors_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if self.hosts is not None:
            name, _ = split_host(headers.get("host", ""))
            if name not in self.hosts:
                response = problem_response(
                    400,
                    "host-not-allowed",
                    f"this service does not answer to the host name {_shown(name)}",
                    hint="open it by the address it was started on (e.g. http://127.0.0.1:8000/), or add the "
                    "name to JIXIAO_ALLOWED_HOSTS (jixiao serve --allowed-host NAME)",
                    instance=scope["path"],
                    headers={"Connection": "close"},
                )
                await response(scope, receive, send)
                return
        if scope["method"] in STATE_CHANGING:
            reason = cross_site_reason(headers, self.cors_origins)
            if reason is not None:
                response = problem_response(
                    403,
                    "cross-site-request",
                    f"a {scope['method']} from another web site is refused: {reason}",
                    hint="use the service's own page or a script; to let a web application call the API, "
                    "add its origin to JIXIAO_CORS_ORIGINS (jixiao serve --cors-origin URL)",
                    instance=scope["path"],
                    headers={"Connection": "close"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
