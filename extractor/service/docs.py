"""``/docs`` that works without a CDN.

FastAPI's default page loads Swagger UI from a CDN, which an offline bureau network cannot
reach.  When the ``swagger-ui-bundle-v2`` package is installed its files are served from
``/docs/assets``; without it ``/docs`` is a plain server-rendered list of the endpoints, and
``/openapi.json`` is served either way.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"


def swagger_dir() -> Path | None:
    """Swagger UI's files from ``swagger-ui-bundle-v2`` (import name ``swagger_ui_bundle``).

    Only Swagger UI 5 or later reads the OpenAPI 3.1 that FastAPI writes; the older
    ``swagger-ui-bundle`` package ships 4.x under the same import name, which shows "Unable to
    render this definition", so with it the plain page is served instead.
    """
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    path = Path(swagger_ui_bundle.swagger_ui_path)
    match = re.search(r"swagger-ui-(\d+)\.", path.name)
    if match is None or int(match.group(1)) < 5:
        return None
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def install_docs(app: FastAPI) -> None:
    assets = swagger_dir()
    if assets is not None:
        app.mount(ASSETS, StaticFiles(directory=assets), name="swagger-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if assets is not None:
            return get_swagger_ui_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title=f"{app.title} — API",
                swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                swagger_css_url=f"{ASSETS}/swagger-ui.css",
                swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
            )
        return HTMLResponse(plain_docs(app.openapi(), app.openapi_url or "/openapi.json"))


def plain_docs(spec: dict[str, Any], openapi_url: str) -> str:
    """A readable endpoint list from the OpenAPI document, for when Swagger UI is not installed."""
    rows = []
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            rows.append(
                f"<tr><td><code>{html.escape(method.upper())}</code></td><td><code>{html.escape(path)}</code></td>"
                f"<td>{html.escape(op.get('summary', ''))}</td></tr>"
            )
    title = html.escape(spec.get("info", {}).get("title", "API"))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title} — API</title></head><body>"
        f"<h1>{title} API</h1><p>The full description is <a href='{html.escape(openapi_url)}'>"
        f"{html.escape(openapi_url)}</a> (OpenAPI 3).</p>"
        f"<table border='1' cellpadding='4'><tr><th>method</th><th>path</th><th>what</th></tr>{''.join(rows)}</table>"
        "</body></html>"
    )
