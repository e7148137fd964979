"""A fixed slice of the generated corpus through the real extractor and the eval harness.

One document per family, text (one cell per line), tab-separated and Word renditions, a fixed
seed.  The figures are printed (``pytest -s``).  Asserted: the instrument works end to end (every
gold file is well-formed, every document is scored, every family and rendition is reported), and
each family holds the level the formats-parity work reached, in every rendition, with every form
found and TSV and Word within 0.02 of text (issue 17).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.goldfile import load_gold
from eval.harness import run_eval
from tests.synth.corpus import available_families, make_document
from tests.synth.report import fold, text_tables
from tests.synth.write import write_corpus

SLICE_SEED = 17
RENDITIONS = ("text", "tsv", "docx")

# Field F1 reached on this slice, the lowest of its renditions, less 0.01: a family that falls
# below its gate regressed even when the overall figure holds.
GATES = {
    "chongqing_dept_target": 0.99, "chongqing_project_target": 0.99, "dept_national": 0.99,
    "dept_national_nobudget": 0.98, "dept_score_sheet": 0.99, "fushun": 0.986, "hubei": 0.982,
    "hubei_dept_target": 0.99, "national": 0.99, "national_project_target": 0.99, "project_score_sheet": 0.99,
    "sichuan": 0.979, "xianjie": 0.98,
}


@pytest.fixture(scope="module")
def slice_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    pytest.importorskip("docx")
    out: Path = tmp_path_factory.mktemp("synth-slice")
    families = available_families()
    docs = [make_document(SLICE_SEED, i, family=family) for i, family in enumerate(families)]
    written = write_corpus(docs, out, RENDITIONS)
    golds = [load_gold(w.gold_path) for w in written]
    assert [g.problems for g in golds] == [[] for _ in golds]
    run = run_eval(golds, workers=1)
    assert {o.status for o in run.outcomes} <= {"scored", "error"}
    table = fold([(w.rendition, w.doc.family, w.doc.planted, o.score, o.status == "error", o.seconds)
                  for w, o in zip(written, run.outcomes, strict=True)])
    return table, text_tables(table)


def test_every_family_and_rendition_is_reported(slice_report: tuple[dict, str]) -> None:
    table, text = slice_report
    print("\n" + text)
    assert set(table) == set(RENDITIONS)
    for rendition, cells in table.items():
        assert set(cells) == {*available_families(), "all"}, rendition
        assert cells["all"].documents == len(available_families())
        for family, cell in cells.items():
            assert 0.0 <= cell.score.fields.f1 <= 1.0
            assert cell.score.forms.gold >= 1, (rendition, family)
            assert f"| {family} |" in text


def test_report_counts_forms_and_planted_errors(slice_report: tuple[dict, str]) -> None:
    table, _ = slice_report
    for cells in table.values():
        whole = cells["all"].to_dict()
        assert whole["forms"]["gold"] == sum(c.score.forms.gold for f, c in cells.items() if f != "all")
        assert whole["forms"]["found"] + whole["forms"]["missed"] == whole["forms"]["gold"]
        assert whole["planted"]["caught"] <= whole["planted"]["planted"]


def test_each_family_holds_its_gate_in_every_rendition(slice_report: tuple[dict, str]) -> None:
    table, _ = slice_report
    for family in available_families():
        text = table["text"][family].score
        for rendition in RENDITIONS:
            score = table[rendition][family].score
            assert score.forms.matched == score.forms.gold and score.forms.spurious == 0, (rendition, family)
            assert score.fields.f1 >= GATES[family], (rendition, family, score.fields.f1)
            assert score.fields.f1 >= text.fields.f1 - 0.02, (rendition, family, text.fields.f1, score.fields.f1)


@pytest.mark.parametrize("rendition", RENDITIONS)
def test_drawn_wording_reads_as_well_as_the_template(rendition: str, tmp_path: Path) -> None:
    """One document per family in drawn wording (tests/synth/wording.py: header synonyms, the unit
    in a line or in the headers, 执行率(%) over bare rates, 分值 first, 1,234.56 万元, full-width
    digits, 无 for empty cells, 上年结转 rows, the year at the title's end or in a 填报年度 line):
    every form found, every document at 0.99 or more (each reads 1.000 where the gate was set)."""
    pytest.importorskip("docx")
    families = available_families()
    docs = [make_document(SLICE_SEED, 100 + i, family=family, wording=True) for i, family in enumerate(families)]
    written = write_corpus(docs, tmp_path, (rendition,))
    run = run_eval([load_gold(w.gold_path) for w in written], workers=1)
    for w, outcome in zip(written, run.outcomes, strict=True):
        score = outcome.score
        assert score is not None, w.doc.name
        assert score.forms.matched == score.forms.gold and score.forms.spurious == 0, w.doc.name
        assert score.fields.f1 >= 0.99, (w.doc.name, score.fields.f1)
