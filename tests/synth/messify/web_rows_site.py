"""A ``web_rows`` page from a site template that prints its lines tight, then spaces rows unevenly.

What the lead saw on a held-out transfer-payment page beside what ``web_rows`` printed (invented
examples): the site's header lines one per line with no blank between them (the breadcrumb, then
``索引号`` / its value, ``主题分类``, ``发布机构`` / its value, ``成文日期`` / its value, each label and
value on lines of their own), a blank, the page's own title (``某某补助资金绩效目标自评表 (某某项目)``),
a blank, ``时间:… | 来源:…``, a blank; the form's first rows (names, departments, the funds caption
and header, the first funds rows) printed with no blank line between them, and only from there on
runs of 1–9 blank lines, unevenly (none under a goal caption, longer runs between indicator rows);
in half such pages an empty cell prints nothing, so a funds row with no figures is its label alone.

Gold: nothing changes — the site lines are no form's, and blank lines lose nothing.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Sheet

_TOPICS = ("财政", "综合政务", "财政、金融、审计", "交通", "农业、畜牧业、水产渔业")
_SECTIONS = ("重点领域公开", "财政资金", "预决算公开", "绩效评价")
_PROJECTS = ("公路", "建设", "改造", "项目", "工程")
_DASHES = re.compile(r"^[—\-－–/／]+$")
_TIGHT_ROWS = (8, 14)  # the form's first row lines printed with no blank between them
_CAPTION_MAX = 30  # a goal caption row (总体目标完成情况总体目标全年实际完成情况) is short and holds no figure


def site_style(rng: random.Random) -> dict[str, Any]:
    """Per document: whether the page comes from the tight template (half the documents), how
    many of the form's first row lines print with no blank line between them, and whether its
    empty cells print nothing (half the tight pages)."""
    site = rng.random() < 0.5
    return {"site": site, "tight": rng.randint(*_TIGHT_ROWS), "bare": site and rng.random() < 0.5}


def bare_cells(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A row's printed cells without its placeholder dashes: the template prints an empty cell as
    nothing, so a row with no figures carries only its label (``其他资金``)."""
    return [(c, t) for c, t in cells if not _DASHES.match(t)]


def site_header(sheet: Sheet, rng: random.Random) -> list[str]:
    """The template's lines above the form: label and value lines with no blank between them,
    then the page title and its date line, each followed by a blank line."""
    header = sheet.forms[0].get("header", {}) if sheet.forms else {}
    place = str(header.get("unit_name") or header.get("department") or "某县")[:6]
    year = str(header.get("year") or 2022)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    publisher = f"{place}{rng.choice(('局', '财政局', '办公室'))}"
    lines = [f"首页 > 政务公开 > {rng.choice(_SECTIONS)} > {place}",
             "索引号", f"{rng.randint(10**17, 10**18 - 1)}B/{year}-{rng.randint(1, 99999):05d}"]
    if rng.random() < 0.7:
        lines += ["主题分类", rng.choice(_TOPICS)]
    lines += ["发布机构", publisher, "成文日期", date, ""]
    title = f"{place}补助资金绩效目标自评表 ({place[:2]}{rng.choice(_PROJECTS)})"
    lines += [title, "", f"时间:{date} | 来源:{publisher}", ""]
    return lines


def row_gap(style: dict[str, Any], printed_rows: int, text: str, body: bool, rng: random.Random) -> int:
    """Blank lines after a row line on a tight-template page: none among the first rows or under
    a goal caption, then 1–9 unevenly (more often long between indicator rows)."""
    caption = "目标" in text and len(text) <= _CAPTION_MAX and not any(ch.isdigit() for ch in text)
    if printed_rows <= style["tight"] or caption:
        return 0
    if body:
        return rng.choice((1, 3, 8, 9, rng.randint(1, 9)))
    return rng.choice((1, 2, rng.randint(1, 9)))
