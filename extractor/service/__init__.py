"""The operator service: an HTTP API and web page over the extraction pipeline, with a durable store.

``create_app(settings)`` builds the FastAPI app; ``jixiao serve`` (``extractor.service.cli``)
runs it under uvicorn.  FastAPI and the pipeline load on first use of ``create_app``, so that
registering the ``serve`` command costs the CLI nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractor.service.settings import ServiceSettings, settings_from_env

if TYPE_CHECKING:
    from extractor.service.app import create_app

__all__ = ["ServiceSettings", "create_app", "settings_from_env"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from extractor.service.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
