"""A scan's OCR slips in label words (``extractor/vocab/slips.py``) and the ``ocr_slips`` shape.

Labels, column headers, funds labels and level words are known through a bounded table of
look-alike slips while every value keeps what was printed; a figure with a digit read as a letter
holds its column but is never read.
"""

from __future__ import annotations

import random

import pytest

import jixiao
from extractor.vocab import is_slipped_figure, squash
from tests.synth.corpus import available_families, corpus
from tests.synth.messify import messify
from tests.synth.messify.base import sheet_of
from tests.synth.messify.ocr_slips import scan_slips


@pytest.mark.parametrize(("printed", "meant"), [
    ("主管部n", "主管部门"), ("顼目名称", "项目名称"), ("项Fl名称", "项目名称"), ("项E1实施单位", "项目实施单位"),
    ("实施单f立", "实施单位"), ("年度贫金总额", "年度资金总额"), ("项目资金（万兀）", "项目资金（万元）"),
    ("一级指杨", "一级指标"), ("得份", "得分"), ("总份", "总分"), ("年初预匏数", "年初预算数"),
    ("年度总体目杨", "年度总体目标"),
])
def test_label_slips_fold_into_the_key(printed: str, meant: str) -> None:
    assert squash(printed) == squash(meant)


@pytest.mark.parametrize("text", ["扶贫金融贷款", "脱贫金额", "月份", "杨树种植", "市场份额", "获得份额", "问卷总份数",
                                  "nm", "Fl", "E1", "单f"])
def test_form_words_and_codes_do_not_fold(text: str) -> None:
    assert squash(text) == text


def test_only_a_long_texts_opening_is_folded() -> None:
    sentence = "项目实施后群众满意度明显提高，部n" + "得份" * 10
    assert squash(sentence).endswith("得份" * 10)


@pytest.mark.parametrize(("text", "slipped"), [
    ("1O", True), ("6B2.87", True), ("8B%", True), ("l5", True), ("9Z.5", True),
    ("10", False), ("B", False), ("OK", False), ("2023年", False), ("A1", False), ("", False),
])
def test_a_figure_with_a_letter_is_told(text: str, slipped: bool) -> None:
    assert is_slipped_figure(text) is slipped


_FORM = "\n".join([
    "2023年度项目支出绩效自评表",
    "顼目名称\t\t法律援助经费\t\t\t\t\t\t",
    "主管部n\t某区司法局\t\t\t\t实施单f立\t某区法律援助中心\t\t",
    "项目资金（万兀）\t\t\t年初预匏数\t全年预算数\t全年执行数\t分值\t执行率\t得份",
    "\t年度贫金总额\t\t6B2.87\t632.87\t552.78\t10\t87.34%\t8.73",
    "\t其中：当年财政拨款\t\t632.87\t632.87\t552.78\t—\t—\t—",
    "绩效指标\t一级指杨\t二级指标\t三级指杨\t年度指标值\t实际完成值\t分值\t得份\t偏差原因分析及改进措施",
    "\t产出指杨\t数量指标\t援助案件数\t≥300件\t320件\t40\t40\t",
    "\t效益指标\t社会效益指标\t群众知晓率\t≥90%\t92%\t30\t30\t",
    "\t满意度指标\t服务对象满意度指标\t受益对象满意度\t≥90%\t95%\t20\t1O\t",
    "总份\t\t\t\t\t\t100\t98.73\t",
]) + "\n"


def test_a_form_with_slipped_labels_is_read_with_its_values_as_printed() -> None:
    form = jixiao.extract_text(_FORM).forms[0]
    assert form.header.department.value == "某区司法局"
    assert form.header.unit_name.value == "某区法律援助中心"
    assert form.header.money_unit.value == "万元"
    total = next(r for r in form.funds if r.role == "total")
    assert total.label.value == "年度贫金总额"  # the label as printed
    assert total.initial_budget.value is None  # 6B2.87 is no number
    assert str(total.budget.value) == "632.87" and str(total.score.value) == "8.73"
    rows = form.indicators
    assert [r.level1.value for r in rows] == ["产出指杨", "效益指标", "满意度指标"]  # level words verbatim
    last = rows[-1]
    assert str(last.weight.value) == "20" and last.score.value is None  # 1O holds 得分, unread
    assert last.deviation_reason.value is None
    assert str(form.totals.score.value) == "98.73"


def test_scan_slips_keep_the_gold_to_the_print() -> None:
    """Every funds label and level word the gold holds is printed; a figure with a letter left the gold."""
    for doc in corpus(7, 12, available_families()):
        messy = messify(doc, "ocr_slips", 7)
        for form in messy.forms:
            for row in form.get("funds") or []:
                if row.get("label"):
                    assert row["label"] in messy.text
            for ind in form.get("indicators") or []:
                for key in ("level1", "level2"):
                    if ind.get(key):
                        assert ind[key] in messy.text


def test_scan_slips_touch_labels_and_figures_only() -> None:
    doc = corpus(7, 1, available_families())[0]
    sheet = sheet_of(doc)
    title = sheet.forms[0]["header"].get("title")
    names = [i["name"] for i in sheet.forms[0].get("indicators") or []]
    scan_slips(sheet, random.Random(3))
    assert sheet.forms[0]["header"].get("title") == title
    assert [i["name"] for i in sheet.forms[0].get("indicators") or []] == names
