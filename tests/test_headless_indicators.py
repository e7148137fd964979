"""An excerpt that begins mid-table (shape ``truncated_top``): indicator rows read by their level
words, value shapes and total row, the missing header flagged and never guessed."""

from __future__ import annotations

from decimal import Decimal

import jixiao
from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify

# invented rows: a self-evaluation cut under its indicator header
SELF_EVAL = (
    "\t产出指标\t数量指标\t培训人次\t≥300人次\t320人次\t20\t20\t\n"
    "\t\t时效指标\t按时完成率\t=100%\t100%\t20\t18\t进度稍慢，将加快。\n"
    "\t效益指标\t社会效益指标\t群众知晓率\t≥90%\t92%\t30\t30\t\n"
    "总分\t\t\t\t\t\t100\t68\t\n"
)


def _one(text: str) -> jixiao.DocumentResult:
    result = jixiao.extract_text(text)
    assert len(result.forms) == 1
    return result


def test_rows_read_without_their_header() -> None:
    form = _one(SELF_EVAL).forms[0]
    assert form.schema_name == "project_self_eval"
    names = [i.name.value for i in form.indicators]
    assert names == ["培训人次", "按时完成率", "群众知晓率"]
    second = form.indicators[1]
    assert second.level1.value == "产出指标" and second.level2.value == "时效指标"
    assert second.weight.value == Decimal("20") and second.score.value == Decimal("18")
    assert second.target.value is not None and second.target.value.text == "=100%"
    assert second.deviation_reason.value == "进度稍慢，将加快。"
    assert form.totals.weight.value == Decimal("100")
    codes = {f.code for f in form.findings}
    assert "LAYOUT_HEADERLESS_TABLE" in codes
    # rows above the excerpt are lost: their weights' shortfall is no mismatch
    assert not codes & {"TOTAL_WEIGHT_MISMATCH", "TOTAL_SCORE_MISMATCH", "WEIGHTS_NOT_PROFILE_TOTAL"}
    assert form.header.title.value is None and form.header.year.value is None  # never guessed


def test_rows_without_actuals_are_a_target_form() -> None:
    text = ("\t产出指标\t数量指标\t培训人次\t≥300人次\t40\n"
            "\t效益指标\t社会效益指标\t群众知晓率\t≥90%\t60\n"
            "合计\t\t\t\t\t100\n")
    form = _one(text).forms[0]
    assert form.schema_name == "project_target"
    assert [i.weight.value for i in form.indicators] == [Decimal("40"), Decimal("60")]


def test_target_rows_without_a_total_row() -> None:
    """A target table's last column, a bare figure on every row, is its weight; the header line
    the excerpt was cut in is no indicator row."""
    text = ("指标值\t权重\n"
            "\t\t质量指标\t验收合格率\t>=\t90\t%\t20\n"
            "\t效益指标\t社会效益指标\t社会稳定程度\t定性\t良好\t\t30\n")
    form = _one(text).forms[0]
    assert form.schema_name == "project_target"
    assert [(i.name.value, i.weight.value) for i in form.indicators] == [
        ("验收合格率", Decimal("20")), ("社会稳定程度", Decimal("30"))]
    assert form.indicators[0].target.value is not None and form.indicators[0].target.value.value == Decimal("90")


def test_no_total_row_reads_nothing() -> None:
    """A self-evaluation's figures without a total row: 分值 and 得分 cannot be told apart."""
    text = "".join(SELF_EVAL.splitlines(keepends=True)[:3])
    form = _one(text).forms[0]
    assert not form.indicators
    assert "LAYOUT_HEADERLESS_TABLE" not in {f.code for f in form.findings}


def test_two_figure_columns_after_the_score_read_nothing() -> None:
    """Columns that cannot be named with certainty (figures right of the total's last figure)."""
    text = SELF_EVAL.replace("\t20\t20\t\n", "\t20\t20\t7\n", 1).replace("将加快。\n", "将加快。\t8\n", 1)
    assert not _one(text).forms[0].indicators


def test_truncated_top_gold_keeps_what_is_printed() -> None:
    cut = 0
    for i in range(len(available_families())):
        doc = make_document(17, i)
        clean, messy = messify(doc, "clean"), messify(doc, "truncated_top", 3)
        first = messy.forms[0]
        if first.get("header") != {}:
            continue  # no form with named indicator rows: cut at the bottom instead
        cut += 1
        assert "funds" not in first and "goals" not in first
        full = next(f for f in clean.forms if f["schema_name"] == first["schema_name"]
                    and [r["name"] for r in f["indicators"][-len(first["indicators"]):]]
                    == [r["name"] for r in first["indicators"]])
        assert 0 < len(first["indicators"]) <= len(full["indicators"])
        for row in first["indicators"]:
            assert row["name"] in messy.text
            for level in ("level1", "level2"):
                if level in row:
                    assert row[level] in messy.text
        assert all(f["form"] < len(messy.forms) for f in messy.findings)
    assert cut >= 3


def test_department_indicators_type_a_department_form() -> None:
    """三公经费控制率 is set by a department's overall form only; the type stays flagged uncertain."""
    text = SELF_EVAL.replace("按时完成率", "三公经费控制率")
    form = _one(text).forms[0]
    assert form.schema_name == "dept_self_eval"
    assert "EXTRACT_FORM_TYPE_UNCERTAIN" in {f.code for f in form.findings}


def test_rows_above_the_first_level_word_are_kept() -> None:
    """An excerpt that begins mid-group: its first rows print no 一级/二级 word and are read
    without one (the segmenter used to start the form at the first level word)."""
    form = _one("\t\t\t补助发放准确率\t≥95%\t96%\t10\t10\t\n" + SELF_EVAL).forms[0]
    first = form.indicators[0]
    assert first.name.value == "补助发放准确率" and first.level1.value is None
    assert first.weight.value == Decimal("10") and len(form.indicators) == 4


def test_label_printed_on_every_row_stays_in_its_column() -> None:
    """A merged 绩效指标 cell printed again on every row is no stray cell: a row whose 一级 word is
    also a 二级 word (满意度指标) is not shifted onto it."""
    text = (
        "绩 效 指 标\t产出指标（60分）\t质量指标\t重点工作完成率\t>=92%\t90%\t60\t58\t人手不足，已补充。\n"
        "绩 效 指 标\t效益指标（30分）\t社会效益指标\t社会稳定程度\t良好\t良好\t30\t30\t\n"
        "绩 效 指 标\t满意度指标（10分）\t服务对象满意度指标\t服务对象满意度\t>=93%\t96%\t10\t10\t\n"
        "总分\t\t\t\t\t\t100\t98\t\n"
    )
    last = _one(text).forms[0].indicators[-1]
    levels = (last.level1.value, last.level2.value, last.name.value)
    assert levels == ("满意度指标", "服务对象满意度指标", "服务对象满意度")
    assert last.weight.value == Decimal("10") and last.actual.value is not None
