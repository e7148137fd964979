"""The import contracts in pyproject.toml name every layout folder.

``lint-imports`` checks only the modules a contract lists, so a new layout left out of the
independence contract (or of the LLM path's) would be free to import its neighbours unnoticed.
"""

from __future__ import annotations

import tomllib
from typing import Any

from tests.conftest import REPO

LAYOUTS = REPO / "extractor" / "layouts"


def _contract(name_start: str) -> dict[str, Any]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    found = [c for c in contracts if c["name"].startswith(name_start)]
    assert len(found) == 1, f"one contract named {name_start!r}…"
    return found[0]


def _layout_modules() -> set[str]:
    return {f"extractor.layouts.{d.name}" for d in LAYOUTS.iterdir() if (d / "__init__.py").is_file()}


def test_every_layout_is_independent_of_the_others() -> None:
    assert set(_contract("layouts are independent")["modules"]) == _layout_modules()


def test_the_llm_path_may_import_no_layout_directly() -> None:
    forbidden = set(_contract("the LLM path")["forbidden_modules"])
    assert forbidden == _layout_modules() | {"extractor.layouts.registry"}
