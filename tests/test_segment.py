"""Every seed splits into the forms the issue lists; samples ingest without error."""

from __future__ import annotations

import pytest

from extractor.ingest import ingest_path
from extractor.layouts import segment

from tests.conftest import samples, seed

EXPECTED = {
    "000": ["project_self_eval", "dept_self_eval"],
    "001": ["project_self_eval"] * 4,
    "002": ["dept_score_sheet"] + ["project_self_eval"] * 3,
    "003": ["dept_target"] + ["project_target"] * 4,
    "004": ["dept_self_eval"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_forms(name: str) -> None:
    chunks = segment(ingest_path(seed(name)))
    assert [c.form_type for c in chunks] == EXPECTED[name]
    assert all(c.title for c in chunks)


def test_samples_ingest_and_segment_without_error() -> None:
    found = 0
    for path in samples():
        chunks = segment(ingest_path(path))
        found += bool(chunks)
    # nearly every excerpt holds (part of) a form; narrative-only heads may hold none
    assert found >= 38
