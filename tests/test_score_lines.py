"""Score sheets as a PDF text layer (issue 19, sample 09's shape): the score_lines layout.

The texts come from the generator's ``pdf_sheet`` shape (tests/synth/messify/sheet_shapes.py),
which prints a generated sheet the way a PDF's text layer gives it, and from a small fictional
excerpt written in sample 09's shape."""

from __future__ import annotations

from decimal import Decimal

from extractor.ingest import ingest_text
from extractor.layouts import REGISTRY, segment
from extractor.pipeline import extract_text
from tests.synth.corpus import corpus
from tests.synth.messify import messify
from tests.synth.render_text import tsv

# fictional, in sample 09's shape: points before the names, brackets broken over line ends,
# a page number between two rows, 二级 labels glued to their first item, an optional row with
# one figure, a 总分 that prints no value, the report going on after it
EXCERPT = """编辑: 某某 | 2020-03-02 |
30 分)项目决策(20 分)科学决策必要性 (政策依据)
10 10 可行性
10 8 (
10 ) 绩效目标明确性
10 10
12 (
70 分)项目绩效(40 分)项目完成完成数量
20 20 完成质量
20 15 (
30 分)项目效益经济效益(可选项)
20 服务对象满意度
30 27 总分 3.自评开展情况. 按照预算绩效管理要求,本单位对
"""


def _items(form):
    return [(i.level1.value, i.level2.value, i.name.value, i.weight.value, i.score.value) for i in form.items]


def test_an_untitled_pdf_project_sheet_is_found_typed_and_read():
    [form] = extract_text(EXCERPT, "excerpt.txt").forms
    assert form.schema_name == "project_score_sheet" and form.layout is not None
    assert form.layout.name == "score_lines"
    d = Decimal
    assert _items(form) == [
        ("项目决策", "科学决策", "必要性 (政策依据)", d(10), d(10)),
        ("项目决策", "科学决策", "可行性", d(10), d(8)),
        ("项目决策", "绩效目标", "明确性", d(10), d(10)),
        ("项目绩效", "项目完成", "完成数量", d(20), d(20)),
        ("项目绩效", "项目完成", "完成质量", d(20), d(15)),
        ("项目绩效", "项目效益", "服务对象满意度", d(30), d(27)),  # the one-figure optional row is not read
    ]
    assert [(g.level, g.name, g.stated_weight.value) for g in form.groups] == [
        (1, "项目决策", d(30)), (2, "科学决策", d(20)), (2, "绩效目标", d(10)),
        (1, "项目绩效", d(70)), (2, "项目完成", d(40)), (2, "项目效益", d(30))]
    assert form.totals.score.value is None  # 总分 prints no value; "3." opens the report's next section
    first = form.items[0]
    assert first.name.source and first.name.confidence == 0.9
    codes = {f.code for f in form.findings}
    assert "LAYOUT_SCORE_LINES" in codes
    unread = [f.message_zh for f in form.findings if f.code == "LAYOUT_SCORE_ROW_UNREAD"]
    assert len(unread) == 1 and unread[0].endswith("未读取：经济效益(可选项)")


def test_a_glued_label_no_framework_names_stays_whole_and_flagged():
    text = EXCERPT.replace("科学决策必要性", "前期论证必要性")
    [form] = extract_text(text, "excerpt.txt").forms
    assert form.items[0].name.value == "前期论证必要性 (政策依据)" and form.items[0].name.confidence == 0.5
    assert "LAYOUT_SCORE_LABEL_JOINED" in {f.code for f in form.findings}


def test_generated_pdf_sheets_are_read_as_printed_and_tables_are_not_claimed():
    read = 0
    docs = [d for d in corpus(19, 24, ["project_score_sheet"]) if len(d.forms) == 1][:6]
    for doc in docs:
        messy = messify(doc, "pdf_sheet", 19)
        [form] = extract_text(messy.text, "sheet.txt").forms
        expected = [(i["level1"], i["level2"], i["name"], Decimal(i["weight"]),
                     Decimal(i["score"]) if "score" in i else None) for i in messy.forms[0]["items"]]
        read += _items(form) == expected
        for chunk in segment(ingest_text(tsv(doc), "clean.txt")):
            assert REGISTRY.choose(chunk).layout.name != "score_lines"
    assert read == len(docs) == 6  # the family's figure is bench_shapes' (pdf_sheet); these all read exactly
