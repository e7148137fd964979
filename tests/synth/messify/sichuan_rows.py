"""How some Sichuan declaration pages print their indicator rows (``sichuan_page.py``'s block).

More pages of the spaced-row template (held-out pages the lead described; every example here
invented).  Per document:

- the block label opens the first row instead of the header: the header prints
  ``一级指标 二级指标 三级指标 指标值`` and the first row ``绩效指标 项目完成`` (then ``指标`` …);
- names as longer phrases with Chinese punctuation (``对符合条件的发放补助人数``,
  ``培训人次、发放补助人数``, ``资金拨付，按时足额``): a line then holds fewer short words than a
  spaced row does (``数量指标 某某某某某某某某某某某某 120人``);
- targets as deadlines and periods the pages print (``2021年1月-12月``, ``12月底到位``, ``长期``);
- 二级 words wrapped over two lines before their rows (``社会效益`` / ``指标`` / ``某某 100%``, or
  ``指标`` opening the first row).

Gold follows the print: the names and targets as printed (a deadline or period a worded target,
``qualitative``), the whole level word wherever it wraps.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

_PREFIXES = ("对符合条件的", "全年累计", "按标准", "辖区内", "项目覆盖")
_SUFFIXES = ("，按时足额", "、及时到位", "（含补发）", "，全覆盖")
_PERIODS = ("{y}年1月-12月", "{y}年{a}月-{b}月", "{b}月底到位", "{b}月底前完成", "长期", "{y}年度内")
_WRAP2_MIN = 5  # 社会效益指标, 满意度指标: a 二级 word this long may wrap in its cell


@dataclass(frozen=True)
class RowStyle:
    """One document's way of printing its indicator rows."""

    block_first: bool  # 绩效指标 opens the first row, not the header
    phrase: float  # share of names printed as longer punctuated phrases
    period: float  # share of targets printed as a deadline or period
    wrap2: str  # "" (二级 words whole), "alone" (``指标`` on its own line) or "opens" (opening the row)


def draw(rng: random.Random) -> RowStyle:
    """The style of one document (about half the pages print some of these)."""
    return RowStyle(block_first=rng.random() < 1 / 3, phrase=rng.choice((0.0, 0.0, 0.3, 0.6)),
                    period=rng.choice((0.0, 0.0, 0.25)), wrap2=rng.choice(("", "", "alone", "opens")))


def reword(entries: list[dict[str, Any]], style: RowStyle, year: object, rng: random.Random) -> list[dict[str, Any]]:
    """The indicator entries with some names and targets as these pages print them (copies)."""
    out: list[dict[str, Any]] = []
    names = [str(e.get("name") or "") for e in entries if e.get("name")]
    for entry in entries:
        entry = dict(entry)
        name = str(entry.get("name") or "")
        if name and rng.random() < style.phrase:
            other = rng.choice(names)
            choice = rng.randrange(3)
            if choice == 0:
                name = rng.choice(_PREFIXES) + name
            elif choice == 1 and other != name:
                name = f"{name}、{other}"
            else:
                name += rng.choice(_SUFFIXES)
            entry["name"] = name
        if isinstance(entry.get("target"), dict) and rng.random() < style.period:
            a = rng.randint(1, 6)
            text = rng.choice(_PERIODS).format(y=year or 2023, a=a, b=rng.randint(a + 1, 12))
            entry["target"] = {"operator": "qualitative", "text": text}
            entry.pop("unit", None)
            entry["nature"] = "定性"
        out.append(entry)
    return out


def level2_lines(level2: str, style: RowStyle, opens_line: bool) -> tuple[list[str], str]:
    """(lines printed before the row, the 二级 cell left on the row) for a group's first row; a
    wrap only where the 二级 word opens the row's line."""
    if not style.wrap2 or not opens_line or len(level2) < _WRAP2_MIN or not level2.endswith("指标"):
        return [], level2
    if style.wrap2 == "alone":
        return [level2[:-2], "指标"], ""
    return [level2[:-2]], "指标"


def block_first(lines: list[str], style: RowStyle) -> list[str]:
    """The block's lines (header first) with 绩效指标 moved from the header onto the first row."""
    if not style.block_first or len(lines) < 2 or not lines[0].startswith("绩效指标 "):
        return lines
    return [lines[0].removeprefix("绩效指标 "), "绩效指标 " + lines[1].lstrip()] + lines[2:]
