"""A download site's copy of a form run together: the site's preamble (file facts, numbered tips,
the file's name twice) and a sign-off line printed before the title.  The messifier's parameter
(gold unchanged) and the readers on it.  All inputs are synthetic."""

from __future__ import annotations

import random
from decimal import Decimal

from extractor.classify import is_title
from extractor.layouts.fused.lexicon import LABELS
from extractor.layouts.fused.text import clean_text
from extractor.pipeline import extract_text
from extractor.rules.header import _LABELS
from extractor.vocab.page import is_site_fact, is_site_tip
from tests.synth.messify.download_site import download_site

PREAMBLE = ("东林县2023年度项目支出绩效目标表.docx\n资源ID:482913\n资源大小:20.1KB\n资源格式: DOCX\n下载积分:5金币\n"
            "友情提示\n1、下载的文档不会出现水印,预览文档经过压缩,下载后原文更清晰。\n"
            "2、PDF文件下载后,可能会被浏览器默认打开,此种情况可以点击浏览器菜单,保存网页到桌面,就可以正常下载了。\n"
            "3、本站不支持迅雷下载,请使用电脑自带的IE浏览器,或者360浏览器、谷歌浏览器下载即可。\n|\n"
            "东林县2023年度项目支出绩效目标表\n")
FORM = ("主管部门审核意见单位公章:年月 日东林县2023年度项目支出绩效目标表项目名称乡村道路维护主管部门东林县交通运输局"
        "实施单位东林县公路养护中心资金情况(万元)年度资金总额:85.99其中:财政拨款85.99其他资金项目预算成本构成成本构成"
        "金额测算(公式)依据前两年实际执行数设备购置费32.50按采购计划测算30.10人员劳务费53.49参照上年标准50.00合计85.99"
        "总体目标按期完成道路维护任务,通行条件改善。1、绩效指标一级指标二级指标三级指标当年预期实现值指标权重产出指标"
        "数量指标维护里程≥120公里60效益指标社会效益指标群众出行便利度明显提升302、满意度指标服务对象满意度指标"
        "群众满意度≥90%10\n")


def test_the_form_behind_the_preamble_and_sign_off_reads_its_header_funds_and_rows() -> None:
    (form,) = extract_text(PREAMBLE + FORM).forms
    h = form.header
    assert (h.title.value, h.year.value) == ("东林县2023年度项目支出绩效目标表", 2023)
    assert (h.project_name.value, h.department.value, h.unit_name.value) == (
        "乡村道路维护", "东林县交通运输局", "东林县公路养护中心")
    assert [(row.role, row.budget.value) for row in form.funds][:2] == [
        ("total", Decimal("85.99")), ("fiscal", Decimal("85.99"))]
    rows = [(i.name.value, i.target.value.text if i.target.value else None, i.weight.value) for i in form.indicators]
    assert rows[0] == ("维护里程", "≥120公里", Decimal("60"))
    assert rows[2] == ("群众满意度", "≥90%", Decimal("10"))
    assert rows[1][2] is None  # ``302、``: the weight touches the page marker 2、, so it is not read


def test_numbered_tips_are_no_page_markers() -> None:
    """The tips count 1、2、3、 at line starts like a site's pages; the form's own markers, inside its
    run-together line, are the ones cut out."""
    text = PREAMBLE + FORM
    ct = clean_text(text)
    assert "1、绩效指标" not in ct.text and "302、" not in ct.text
    assert "1、下载的文档" in ct.text and "3、本站" in ct.text
    # page chunks at line starts (no long line after them) are still pages
    pages = "1、" + "甲" * 80 + "\n2、" + "乙" * 80 + "\n3、" + "丙" * 80
    assert "、" not in clean_text(pages).text


def test_site_lines_and_file_names_are_no_cells_or_titles() -> None:
    for line in ("资源ID:123456", "资源大小: 20.1KB", "资源格式: DOCX", "下载积分:5金币", "友情提示"):
        assert is_site_fact(line), line
    assert is_site_tip("3、本站不支持迅雷下载,请使用电脑自带的IE浏览器")
    for line in ("项目名称", "下载量", "年度资金总额", "主管部门审核意见单位公章:年月 日"):
        assert not is_site_fact(line) and not is_site_tip(line), line
    assert not is_title("乡村振兴衔接资金项目绩效评价指标体系及评分表.pdf")
    assert is_title("乡村振兴衔接资金项目绩效评价指标体系及评分表")


def test_a_sign_off_line_names_no_department() -> None:
    dept = next(p for p, field in _LABELS if field == "department")
    assert dept.match("主管部门") and not dept.match("主管部门审核意见单位公章:年月日")
    fused = [field for p, field in LABELS if p.match("主管部门审核意见单位公章")]
    assert fused[:1] == [None]


def test_download_site_prints_facts_tips_name_and_sign_off_before_the_body() -> None:
    body = "2023年度项目支出绩效目标表项目名称某某经费"
    for seed in range(20):
        text = download_site(body, "2023年度项目支出绩效目标表", random.Random(seed))
        head, last = text.rsplit("\n", 1)
        assert last.endswith(body) and last != body  # a sign-off line opens the form's line
        assert "资源ID" in head and "资源格式" in head and "下载积分" in head
        assert any(line.startswith("2、") for line in head.splitlines())
