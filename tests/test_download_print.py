"""A download site's copy as other prints give it: list dashes before the site's facts, a tip
count opening at ``2、``, the form over several long lines, a lone page marker between two column
headers.  The messifier's parameter (gold unchanged) and the readers on it.  All inputs are
synthetic."""

from __future__ import annotations

import random
import re

from extractor.layouts.fused.text import clean_text
from extractor.pipeline import extract_text
from tests.synth.messify.download_print import break_body, dash_facts, lose_first_tip
from tests.synth.messify.download_site import download_site

TIPS = ("某某文库2024年度项目支出绩效目标表.docx\n-\n资源ID:245001\n资源大小:22.6KB\n- 资源格式: DOCX\n下载积分:5金币\n"
        "友情提示\n2、PDF文件下载后,可能会被浏览器默认打开,此种情况可以点击浏览器菜单,保存网页到桌面,就可以正常下载了。\n"
        "3、本站不支持迅雷下载,请使用电脑自带的IE浏览器,或者360浏览器、谷歌浏览器下载即可。\n"
        "4、本站资源下载后的文档和图纸-无水印,预览文档经过压缩,下载后原文更清晰。\n|\n某某文库2024年度项目支出绩效目标表\n")
FORM = ("主管部门审核意见单位公章:年月 日北山县2024年度项目支出绩效目标表项目名称河道保洁服务主管部门北山县水利局"
        "实施单位北山县河道管理所资金情况(万元)年度资金总额:64.20其中:财政拨款64.20其他资金"
        "项目预算成本构成成本构成金额测算(公式)依据2022年实际执行数2023年实际执行数保洁服务费40.20依据招标文件"
        "38.0039.10材料费24.00单价×数量22.0023.50合计64.2060.0062.60总体目标按期完成河道保洁任务,河面整洁。"
        "一级指标1、二级指标三级指标指标值产出指标数量指标保洁里程≥35公里质量指标河面漂浮物清理率≥95%"
        "效益指标生态效益指标河道环境明显改善满意度指标服务对象满意度指标沿岸群众满意度≥90%\n")


def _rows(text: str) -> list[tuple[str, str | None]]:
    (form,) = extract_text(text).forms
    assert form.layout is not None and form.layout.name == "fused"
    return [(i.name.value, i.target.value.text if i.target.value else None) for i in form.indicators]


def test_a_lone_marker_between_two_column_headers_is_a_page_marker() -> None:
    ct = clean_text(FORM)
    assert "一级指标二级指标三级指标" in ct.text
    rows = _rows(TIPS + FORM)
    assert rows[0] == ("保洁里程", "≥35公里") and rows[-1] == ("沿岸群众满意度", "≥90%")


def test_one_marker_elsewhere_stays_text() -> None:
    text = "总体目标1、完成河道保洁任务一级指标二级指标三级指标指标值"
    assert "1、完成" in clean_text(text).text


def test_the_form_over_several_long_lines_after_the_tips() -> None:
    cut = FORM.index("总体目标")
    lines = TIPS + FORM[:cut] + "\n" + FORM[cut:]
    assert all(len(line) < 300 for line in lines.splitlines())
    assert _rows(lines) == _rows(TIPS + FORM)  # read as the one-line print is


def test_download_print_draws_dashes_a_lost_tip_and_broken_lines() -> None:
    lines = ["表.docx", "资源ID:1", "资源大小:2.0KB", "资源格式: DOCX", "下载积分:5金币", "友情提示",
             "1、甲", "2、乙", "3、丙"]
    seen = {"dash": False, "lost": False, "broken": False}
    body = "主管部门审核意见" + "项目名称某某" * 60 + "合计85.99" + "满意度指标" * 60
    for seed in range(40):
        rng = random.Random(seed)
        out = lose_first_tip(dash_facts(lines, rng), rng)
        seen["dash"] |= "-" in out or any(line.startswith("- 资源") for line in out)
        seen["lost"] |= not any(line.startswith("1、") for line in out) and "2、乙" in out
        broken = break_body(body, rng)
        assert broken.replace("\n", "") == body
        assert not re.search(r"[\d.]\n|\n[\d.]", broken)  # no figure is broken
        seen["broken"] |= "\n" in broken
    assert all(seen.values()), seen


def test_download_site_still_ends_with_the_body() -> None:
    body = "2023年度项目支出绩效目标表" + "项目名称某某经费" * 40
    for seed in range(20):
        text = download_site(body, "2023年度项目支出绩效目标表", random.Random(seed))
        assert text.replace("\n", "").endswith(body)
