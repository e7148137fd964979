"""A Word table with spaced-out labels (项 目 名 称) is read as the table it is (issue 17).

Its flattened text is one long line that the run-together reader's closing-up of spaced labels
turned into a 'fused' form, losing the funds and the operator column of every such Hubei form.
"""

from __future__ import annotations

import io

import pytest

from extractor.layouts import choose, segment
from extractor.pipeline import ingest_bytes
from tests.synth import render_office
from tests.synth.corpus import make_document


def test_spaced_labels_in_a_word_table_are_not_run_together() -> None:
    pytest.importorskip("docx")
    doc = next(d for i in range(60) if (d := make_document(17, i, family="hubei")).style.spaced)
    buf = io.BytesIO()
    render_office.write_docx(doc, buf)
    chunks = segment(ingest_bytes(buf.getvalue(), "spaced.docx"))
    assert len(chunks) == len(doc.forms)
    assert {choose(chunk).layout.name for chunk in chunks} == {"table"}
