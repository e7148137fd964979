"""The FastAPI application: API, web page and docs, with the store and workers it owns.

``create_app(settings)`` builds everything; the store is opened and the workers started when
the app starts (so a TestClient used as a context manager, or uvicorn, gets a working service)
and stopped when it stops.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from extractor.service.docs import install_docs
from extractor.service.guard import HostOriginGuard
from extractor.service.intake import BodyLimit
from extractor.service.page_images import router as page_images_router
from extractor.service.problems import install_handlers
from extractor.service.routes import router
from extractor.service.settings import ServiceSettings
from extractor.service.store import make_store
from extractor.service.worker import WorkerPool

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("jixiao.service")
# The page builds every element from data with textContent; this policy is the second fence:
# no inline script, nothing loaded from elsewhere, so a document that smuggles markup into a
# cell cannot run code even if a rendering bug let it through.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(settings: ServiceSettings) -> FastAPI:
    store = make_store(settings)
    pool = WorkerPool(store, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store.open()
        pool.start()
        log.info("jixiao service: data in %s, %d worker(s)", settings.data_dir, settings.workers)
        try:
            yield
        finally:
            pool.stop()
            store.close()

    app = FastAPI(
        title="jixiao",
        version="1",
        summary="Budget-performance forms → validated, traceable data",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.pool = pool
    install_handlers(app)
    app.include_router(router)
    app.include_router(page_images_router)
    install_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    # the last added runs first: the Host/Origin guard answers before anything else looks at
    # the request, then CORS (only when origins are configured: closed by default), then the
    # body limit, which must see the body before any route reads it
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "X-API-Token", "Content-Type"],
            expose_headers=["Location"],
        )
    app.add_middleware(HostOriginGuard, settings=settings)
    return app


class SecurityHeaders:
    """``nosniff`` everywhere; the strict content policy on the page and its assets."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        strict = path == "/" or path.startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if strict:
                    headers.append((b"content-security-policy", PAGE_POLICY.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
