"""Site footers after a web form's last row (``tests/synth/messify/site_footer.py``): page furniture
that ends the form, never indicator rows."""

from __future__ import annotations

import random

from extractor.grid import Grid
from extractor.ingest.text_grid import parse_text
from extractor.pipeline import extract_text
from extractor.vocab.page import is_page_furniture
from tests.synth.corpus import make_document
from tests.synth.messify import messify
from tests.synth.messify.site_footer import add_footer, footer_lines


def test_every_footer_line_is_page_furniture() -> None:
    for seed in range(200):
        for line in footer_lines(random.Random(seed)):
            # a form's header may print 联系电话 too: the footer ends at the lines before it
            assert is_page_furniture(line) or line.startswith("联系电话"), line


def test_form_cells_are_no_footer() -> None:
    for cell in ("联系电话", "单位地址", "地址", "主办会议次数", "技术支持服务满意度", "项目主管部门",
                 "版权保护宣传次数", "邮编", "网站访问量", "建设路面3公里"):
        assert not is_page_furniture(cell), cell


def test_a_footer_of_three_links_keeps_a_page_of_cell_lines_ungridded() -> None:
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "培训人数", "100人"]
    lines = add_footer([x for c in cells for x in (c, "")], random.Random(0))
    lines += ["", "联系我们  网站地图  隐私声明", ""]
    blocks = parse_text("\n".join(lines) + "\n")
    assert not any(isinstance(b, Grid) for b in blocks[: len(cells)])  # the form's cells stay lines


def test_web_pages_print_footers_and_read_no_footer_row() -> None:
    footed = 0
    for i in range(12):
        messy = messify(make_document(18, i), "web_lines", 18)
        if "ICP备" not in messy.text and "公务邮箱" not in messy.text and "版权所有" not in messy.text:
            continue
        footed += 1
        result = extract_text(messy.text)
        names = [str(ind.name.value) for form in result.forms for ind in getattr(form, "indicators", None) or []]
        assert not [n for n in names if is_page_furniture(n)]
    assert footed >= 3
