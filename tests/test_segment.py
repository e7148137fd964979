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


def _segment_text(text: str, tmp_path) -> list:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return segment(ingest_path(path))


def test_a_report_naming_a_form_is_no_form(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = ("2021年，我局认真落实预算绩效管理要求，对农村公路养护资金进行了全面梳理。\n"
              "自评情况详见附件《2021年度项目支出绩效自评表》（略）。\n"
              "一、资金情况。全年预算85.47万元，实际支出85.47万元，预算执行率100%。\n"
              "二、绩效目标完成情况。产出指标、效益指标均已完成，自评得分98分。\n")
    assert _segment_text(report, tmp_path) == []


def test_a_run_together_form_is_still_a_form(tmp_path) -> None:  # type: ignore[no-untyped-def]
    fused = ("现将评价结果公示如下：2021年度项目支出绩效自评表项目名称农村公路养护资金主管部门某县交通运输局"
             "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分年度资金总额85.47 85.47 85.47 10 100% 10"
             "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标养护里程≥120公里125公里1010\n")
    chunks = _segment_text(fused, tmp_path)
    assert [c.form_type for c in chunks] == ["project_self_eval"]


def test_a_title_split_at_its_spaces_still_opens_a_form(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("  2019 年安平县司法局 整体绩效自评表\n"
            "    部门（单位）名称  安平县司法局  财政供养人员数量   19\n"
            "  一级指标   二级指标   三级指标   指标值   实际完成值   分值   得分\n"
            "  产出指标   数量指标   办理案件数   ≥120件   125件   10   10\n")
    chunks = _segment_text(text, tmp_path)
    assert [c.form_type for c in chunks] == ["dept_self_eval"]
    assert chunks[0].title == "2019 年安平县司法局 整体绩效自评表"


def test_a_report_listing_its_indicator_levels_is_no_form(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = ("一、项目概况\n该项目共编制12个绩效目标指标,其中一级指标3个,二级指标9个,三级指标12个。\n"
              "二、绩效自评工作开展情况\n根据资金使用的绩效目标要求,我单位对该项目资金使用的效果情况进行自评。\n"
              "2022年度项目预算数为1132万元,执行数为1132万元,预算执行率100%,自评得分95分。\n")
    assert _segment_text(report, tmp_path) == []


def test_projects_under_one_title_are_one_form_each(tmp_path) -> None:  # type: ignore[no-untyped-def]
    def project(name: str, target: str) -> list[str]:
        return ["某区法院 | 单位:万元 | |", f"项目名称 | {name} | |", "预算数 | 20.00 | |",
                "一级指标 | 二级指标 | 三级指标 | 指标值 |", f"产出指标 | 数量指标 | 维修面积 | {target} |",
                "满意度指标 | 服务对象满意度指标 | 干警满意度 | ≥95% |"]
    text = "\n".join(["项目支出绩效目标表", *project("安全隐患维修", "≥400平方米"),
                      *project("办案业务费", "≥900件"), *project("信息化运维", "12次")]) + "\n"
    chunks = _segment_text(text, tmp_path)
    assert [c.form_type for c in chunks] == ["project_target"] * 3
    assert [c.title for c in chunks] == ["项目支出绩效目标表", "", ""]
    for chunk, name in zip(chunks, ("安全隐患维修", "办案业务费", "信息化运维"), strict=True):
        texts = [t for r in chunk.rows for t in r.nonblank]
        assert name in texts and sum(t.startswith("项目名称") for t in texts) == 1
    assert chunks[1].rows[0].nonblank[0] == "某区法院"  # the unit line above a header goes with it


def test_a_header_label_under_the_last_table_cuts_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("项目支出绩效自评表\n项目名称 | 农村公路养护 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
            "产出指标 | 数量指标 | 养护里程 | ≥120公里 |\n项目名称 | 农村公路养护 | 填报人 | 张三 |\n")
    assert len(_segment_text(text, tmp_path)) == 1


def test_an_excerpt_cut_under_its_title_keeps_its_header_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("现将自评结果公开如下。\n"
            "部门（单位）名称\t\t白河县民政局\t\t\n"
            "年度预算安排（万元）\t\t年初预算数\t全年预算数\t全年执行数\n"
            "\t年度资金总额\t169.32\t175.46\t175.46\n"
            "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\n"
            "产出指标\t数量指标\t救助人数\t≥100人\t120人\n")
    chunks = _segment_text(text, tmp_path)
    assert len(chunks) == 1 and chunks[0].form_type == "dept_self_eval"
    assert chunks[0].rows[0].nonblank == ["部门（单位）名称", "白河县民政局"]


def test_a_cell_line_cut_at_its_single_spaces_stays_one_cell_among_cell_lines() -> None:
    # ingest cuts 年度部门预算收入小计（1 至 2 项） at its spaces; among one-cell lines it is one cell
    from extractor.ingest import ingest_text
    from extractor.segment.split import row_stream

    lines = ["年度部门（单位）整体收支情况（万元）", "名 称", "年初预算数", "全年预算数", "全年执行数", "执行率",
             "520.47", "639.29", "——", "——", "年度部门预算收入小计（1 至 2 项）",
             *[x for k in range(8) for x in (f"{k}. 财政拨款收入", "456.54", "609.26", "——", "——")]]
    rows = row_stream(ingest_text("\n".join(lines) + "\n"))
    assert "年度部门预算收入小计（1 至 2 项）" in [t for r in rows for t in r.nonblank]
