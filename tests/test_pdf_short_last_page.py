"""A PDF page holding only a table's last rows is read, not taken for a scan (issue 17).

Generated Fushun form 41:56 overflows by its 总评价得分 row: the second page prints 14 readable
characters, under the 20 a text page was required to have, so the total row was skipped with a
"no text layer" warning and the planted total_score slip went unreported.  A page drawing table
rules is a text page however little text it holds.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.synth.corpus import make_document


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_table_overflowing_onto_a_nearly_empty_page_keeps_its_total_row(tmp_path, caplog) -> None:  # noqa: ANN001
    import jixiao
    from tests.synth.write import write_corpus

    (written,) = write_corpus([make_document(41, 56, family="fushun")], tmp_path, ("pdf",))
    gold = json.loads(written.gold_path.read_text(encoding="utf-8"))
    result = jixiao.extract(written.path)
    assert "no text layer" not in caplog.text
    (form,) = result.forms
    assert form.totals.score.value is not None
    assert str(form.totals.score.value) == gold["forms"][0]["totals"]["score"]
