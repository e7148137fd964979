"""The ``pipe_rowends`` print (tests/synth/messify/pipe_rowends.py) and its reading."""

from __future__ import annotations

from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify
from tests.synth.messify.base import sheet_of
from tests.synth.messify.pipe_rowends import STANDARDS

SEED = 18
DOCS = [make_document(SEED, i) for i in range(2 * len(available_families()))]


def test_cells_one_per_line_rows_closed_by_pipes() -> None:
    for doc in DOCS:
        text = messify(doc, "pipe_rowends", SEED).text
        body = [ln for ln in text.splitlines() if "|" in ln]
        assert all(ln.endswith("|") for ln in body)
        assert all(ln.count("|") == 1 or set(ln) == {"|"} for ln in body), doc.name


def test_gold_is_the_clean_gold() -> None:
    for doc in DOCS[:8]:
        assert messify(doc, "pipe_rowends", SEED).forms == sheet_of(doc).forms


def test_parameters_vary_across_documents() -> None:
    texts = [messify(doc, "pipe_rowends", SEED).text for doc in DOCS]
    assert any("绩效标准 |" in t for t in texts) and any("绩效标准 |" not in t for t in texts)
    assert any(any(f"{s} |" in t for s in STANDARDS) for t in texts)
    assert any("编制单位" in t for t in texts)
    widths = {ln.count("|") for t in texts for ln in t.splitlines() if ln and set(ln) == {"|"}}
    assert len(widths) >= 3
