"""The generated corpus (tests/synth): deterministic, well-formed gold, gold self-consistent
with the validator, and renditions that print what the gold says."""

from __future__ import annotations

import io
import json
import random
import re
import shutil
from collections import Counter
from decimal import Decimal

import pytest

from eval.goldfile import check_gold
from eval.textnorm import normalize_text
from extractor.errors import ConfigError
from tests.synth import arith, check, gold, render_office, render_text
from tests.synth.corpus import EXTRA_FAMILIES, FAMILIES, available_families, make_document, schema_of
from tests.synth.model import Grid
from tests.synth.style import Style

SEED = 20261202
FAMILIES_HERE = available_families() + sorted(EXTRA_FAMILIES)  # the extras asked for by name


def test_every_layout_family_is_modelled() -> None:
    assert {"national", "xianjie", "sichuan", "hubei", "fushun", "dept_national", "dept_national_nobudget",
            "chongqing_dept_target", "hubei_dept_target", "chongqing_project_target", "national_project_target",
            "dept_score_sheet", "project_score_sheet"} <= set(FAMILIES)
    assert set(FAMILIES) - set(FAMILIES_HERE) <= {"project_score_sheet"}


def test_extra_families_stay_out_of_the_rotation() -> None:
    """A family added by name leaves every other family's documents of a seed as they were."""
    assert not EXTRA_FAMILIES & set(available_families())
    assert make_document(SEED, 5).family == available_families()[5 % len(available_families())]


@pytest.mark.parametrize("family", FAMILIES_HERE)
def test_same_seed_same_document(family: str) -> None:
    first, second = make_document(SEED, 3, family=family), make_document(SEED, 3, family=family)
    assert render_text.one_cell_per_line(first) == render_text.one_cell_per_line(second)
    assert render_text.tsv(first) == render_text.tsv(second)
    assert gold.document_gold(first, "x", b"") == gold.document_gold(second, "x", b"")
    other = make_document(SEED + 1, 3, family=family)
    assert render_text.tsv(other) != render_text.tsv(first)


@pytest.mark.parametrize("family", FAMILIES_HERE)
def test_gold_is_well_formed_and_clean_forms_raise_nothing(family: str) -> None:
    for index in range(6):
        doc = make_document(SEED, index, family=family, plant=False, wording=index % 2 == 1)
        data = gold.document_gold(doc, "generated.txt", b"")
        assert check_gold(data) == [], doc.name
        assert data["expected_findings"] == []
        assert check.disagreements(data) == [], doc.name
        assert all(form["schema_name"] == schema_of(family) for form in data["forms"])


@pytest.mark.parametrize("family", FAMILIES_HERE)
def test_validator_finds_exactly_the_planted_error(family: str) -> None:
    kinds: Counter[str] = Counter()
    for index in range(8):
        doc = make_document(SEED, index, family=family, plant=True, wording=index % 2 == 1)
        data = gold.document_gold(doc, "generated.txt", b"")
        assert doc.planted is not None, f"{doc.name}: no error could be planted"
        assert len(data["expected_findings"]) == 1
        assert check.disagreements(data) == [], doc.name
        kinds[doc.planted] += 1
    assert kinds, family


def test_every_planted_kind_occurs_in_a_corpus() -> None:
    seen = {make_document(SEED, i, families=FAMILIES_HERE, plant=True).planted for i in range(120)}
    expected = set(arith.PLANT_KINDS)
    assert expected <= seen, expected - seen


def test_styles_vary_across_documents() -> None:
    styles = [make_document(SEED, i, families=FAMILIES_HERE).style for i in range(80)]
    for flag in ("spaced", "group_points", "name_prefix", "unit_brackets", "repeat_merged", "two_row_header",
                 "op_column", "title_in_table", "thousands"):
        assert {getattr(s, flag) for s in styles} == {True, False}, flag
    assert {s.money_unit for s in styles} == {"万元", "元"}
    assert {s.tsv_merge for s in styles} == {"blank", "repeat", "drop"}
    assert len({s.glyphs["≥"] for s in styles}) >= 3
    counts = Counter(len(make_document(SEED, i, family="national").forms) for i in range(30))
    assert set(counts) == {1, 2, 3}


def test_style_prints_numbers_and_operators() -> None:

    style = Style(money_unit="元", money_places=2, thousands=True, glyphs={"≥": "≧"})
    assert style.money(Decimal("1437.5")) == "1,437.50"
    assert style.money(None) == style.filler
    m = style.measure("≥", Decimal(95), "%")
    assert (m.text, m.bare, m.op, m.unit) == ("≧95%", "95%", "≥", "%")
    assert Style(spaced=True).label("项目名称") == "项 目 名 称"


def test_grid_rejects_a_row_of_the_wrong_width() -> None:
    grid = Grid([1, 1, 1])
    grid.row(("a", 1, 2), "b", "c")
    grid.row("d", "e")  # the first column is covered from above
    with pytest.raises(ValueError, match="fills 2 of 3"):
        grid.row("f", "g")


@pytest.mark.parametrize("family", FAMILIES_HERE)
def test_text_renditions_print_the_gold_values(family: str) -> None:
    """Every labelled number and short text of the gold is printed in both text renditions."""
    doc = make_document(SEED, 1, family=family, wording=True)
    data = gold.document_gold(doc, "x", b"")
    for text in (render_text.one_cell_per_line(doc), render_text.tsv(doc)):
        flat = normalize_text(text).replace(",", "")
        for form in data["forms"]:
            assert normalize_text(form["header"]["title"]) in flat
            for row in form.get("indicators", []) + form.get("items", []):
                for key in ("weight", "score"):
                    if key in row:
                        assert row[key] in flat, (doc.name, row)
                if isinstance(row.get("target"), dict):
                    assert normalize_text(row["target"]["text"]) in flat
            for row in form.get("funds", []):
                assert normalize_text(row["label"]) in flat


def test_docx_has_a_landscape_section_per_form_and_real_merges() -> None:
    docx = pytest.importorskip("docx")
    doc = next(d for i in range(40) if len((d := make_document(SEED, i, family="national")).forms) == 3
               and not d.style.repeat_merged)
    buf = io.BytesIO()
    render_office.write_docx(doc, buf)
    document = docx.Document(io.BytesIO(buf.getvalue()))
    assert len(document.sections) == 3
    assert all(s.page_width > s.page_height for s in document.sections)
    xml = document.element.xml
    assert "w:vMerge" in xml and "w:gridSpan" in xml
    texts = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(f.header["project_name"] in texts for f in doc.forms)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_and_scan_renditions(tmp_path) -> None:  # noqa: ANN001
    from tests.synth.write import write_corpus

    docs = [make_document(SEED, 0, family="sichuan")]
    written = write_corpus(docs, tmp_path, ("pdf", "scan"))
    assert [w.rendition for w in written] == ["pdf", "scan"]
    assert written[0].path.read_bytes().startswith(b"%PDF")
    data = json.loads(written[1].gold_path.read_text(encoding="utf-8"))
    assert data["source"] == str(written[1].path.resolve())
    assert re.fullmatch(r"[0-9a-f]{64}", data["source_sha256"])


def test_project_score_sheet_is_generated_ahead_of_its_schema() -> None:
    """Issue 19 added the form type: the family is generated and, once the schemas know it, in corpora."""
    doc = make_document(SEED, 0, family="project_score_sheet", plant=False)
    data = gold.document_gold(doc, "x", b"")
    for form in data["forms"]:
        assert form["schema_name"] == "project_score_sheet"
        assert {item["level1"] for item in form["items"]} == {"项目决策", "项目过程", "项目产出", "项目效益"}
        assert sum(int(item["weight"]) for item in form["items"]) == 100
        if "score" in form.get("totals", {}):  # a blank template prints no scores and no 合计
            assert Decimal(form["totals"]["score"]) == sum(Decimal(item["score"]) for item in form["items"])
    from schemas import FORM_TYPES

    assert ("project_score_sheet" in available_families()) == ("project_score_sheet" in FORM_TYPES)


def test_written_gold_points_at_its_rendition(tmp_path) -> None:  # noqa: ANN001
    from tests.synth.write import write_corpus

    docs = [make_document(SEED, i) for i in range(3)]
    written = write_corpus(docs, tmp_path, ("text", "tsv"))
    assert [w.rendition for w in written] == ["text"] * 3 + ["tsv"] * 3
    for w in written:
        data = json.loads(w.gold_path.read_text(encoding="utf-8"))
        assert data["source"] == str(w.path.resolve())
        assert check_gold(data) == []
    with pytest.raises(ConfigError, match="unknown rendition"):
        write_corpus(docs, tmp_path, ("rtf",))


def test_unknown_family_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown family 'shanghai'"):
        make_document(SEED, 0, family="shanghai")


def test_wording_varies_across_documents() -> None:
    """Every wording axis (wording.py) is drawn both ways, and the header words vary per column."""
    wordings = [make_document(SEED, i, families=FAMILIES_HERE, wording=True).style.wording for i in range(80)]
    assert make_document(SEED, 0).style.wording.words == {}  # the template's words unless asked
    for flag in ("rate_in_header", "weight_first", "thousands", "fullwidth", "none_word", "carry_row"):
        assert {getattr(w, flag) for w in wordings} == {True, False}, flag
    assert {w.unit_at for w in wordings} == {"caption", "line", "header"}
    assert {w.year_at for w in wordings} == {"line", "suffix", "label"}
    for key in ("target", "actual", "weight", "score", "rate", "budget"):
        assert len({w.word(key, "") for w in wordings}) >= 3, key


def test_wording_prints_what_it_says() -> None:
    """Rates under 执行率(%) print bare, the unit moves out of the caption into a line, digits go
    full width, 无 fills empty cells, an empty 上年结转 row is printed and 分值 moves before the target."""
    from tests.synth.common import Context
    from tests.synth.families_project import national
    from tests.synth.model import Document
    from tests.synth.wording import Wording

    wording = Wording(words={"target": "年度目标值", "score": "自评得分"}, unit_at="line", rate_in_header=True,
                      weight_first=True, fullwidth=True, carry_row=True)
    style = Style(money_unit="万元", filler="无", wording=wording)
    assert style.rate(Decimal("97.5")) == "９７．５０" and style.rate_label("执行率") == "执行率(%)"
    assert style.money(Decimal("1234.5")) == "１２３４．５０" and style.money(None) == "无"
    assert style.caption("项目资金") == "项目资金" and style.unit_line() == "单位：万元"
    form = national(random.Random(1), style, Context(year=2023, place="云溪县", department="教育局"))
    printed = render_text.tsv(Document(name="x", family="national", narrative="", forms=[form], style=style))
    assert "单位：万元" in printed and "执行率(%)" in printed and "上年结转资金" in printed
    assert "项目资金（万元）" not in printed
    header = next(line for line in printed.splitlines() if "三级指标" in line).split("\t")
    assert header.index("分值") < header.index("年度目标值") < header.index("自评得分")
    assert Style().caption("项目资金") == "项目资金（万元）"  # the default wording prints the template's
