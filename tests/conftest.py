"""Shared test fixtures: where ../shared lives, and skipping cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = SHARED / "samples"
EXAMPLES = REPO / "examples"


def seed(name: str) -> Path:
    """A seed document by its number prefix, skipping the test when ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout (CI provides it)")
    matches = sorted(SEEDS.glob(f"{name}_*.txt"))
    assert matches, f"no seed {name}"
    return matches[0]


def samples() -> list[Path]:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside this checkout (CI provides it)")
    return sorted(SAMPLES.glob("[0-9][0-9]_*.txt"))


from tests.pg import pg_server_fixture, pg_url  # noqa: E402, F401 - PostgreSQL fixtures (tests/pg.py)
