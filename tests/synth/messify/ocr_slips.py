"""OCR slips in a form's printed labels and header words (rubric-style county prints).

Scans shared on document-sharing sites misread a few characters of the labels the forms print:
``项Fl名称`` for 项目名称 (目 read as two Latin letters), ``(万兀)`` for (万元), ``年初预匏数`` for
年初预算数.  Only label, caption and header cells slip here, never a value, a funds row's label
or a title: the gold is unchanged.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Sheet, drop_damaged

LABEL_CELLS = frozenset({"项目名称", "项目资金（万元）", "项目资金(万元)", "项目实施单位", "项目主管部门",
                         "年初预算数", "全年预算数", "年初预算", "调整后预算数", "预算执行数", "预算执行率"})
SLIPS = (("项目", "项Fl"), ("万元", "万兀"), ("预算", "预匏"))


def ocr_slips(sheet: Sheet, rng: random.Random) -> None:
    """Each label or header cell of ``LABEL_CELLS`` (spaces ignored) misread with probability
    0.5, one slip per cell (in place)."""
    for part in sheet.tables():
        assert part.rows is not None
        for row in part.rows:
            for c, text in enumerate(row):
                if text.replace(" ", "") not in LABEL_CELLS or rng.random() >= 0.5:
                    continue
                squashed = text.replace(" ", "")
                slips = [(a, b) for a, b in SLIPS if a in squashed]
                if slips:
                    a, b = rng.choice(slips)
                    row[c] = squashed.replace(a, b, 1)


# what a scan's OCR makes of a label's characters (true text → printed), per document a bounded
# table: 目 as two Latin letters, 位 split into f and 立, 门 as n, look-alike characters
SCAN_SLIPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("项目", ("顼目", "项Fl", "项E1")),
    ("单位", ("单f立",)),
    ("资金", ("贫金",)),
    ("万元", ("万兀",)),
    ("指标", ("指杨",)),
    ("得分", ("得份",)),
    ("总分", ("总份",)),
    ("部门", ("部n",)),
    ("预算", ("预匏",)),
)
# header labels, column headers and total labels a scan may misread (spaces ignored; a unit
# bracket or a stated point after the word allowed)
_LABEL_WORD = re.compile(
    r"^(项目名称|项目资金|(项目)?主管部门|(项目)?实施单位|单位名称|项目单位|年度资金总额|年度总体目标|预期目标|"
    r"实际完成情况|一级指标|二级指标|三级指标|年度指标值|指标值|实际完成值|分值|得分|总分|合计|偏差原因分析及改进措施|"
    r"年初预算数|全年预算数|全年执行数|执行率|预算执行率|权重|指标得分|自评得分|资金单位|单位)"
    r"([（(][^()（）]{1,8}[)）])?[:：]?$")
# a figure's digits as a scan misreads them (the figure is then no number: it leaves the gold)
DIGIT_SLIPS = {"0": "O", "1": "l", "2": "Z", "3": "B"}
_FIGURE = re.compile(r"^\d+(\.\d+)?%?$")


def _slip(text: str, rng: random.Random) -> str | None:
    """``text`` with one of its label words misread, or None when it holds none."""
    squashed = text.replace(" ", "")
    choices = [(a, b) for a, bs in SCAN_SLIPS if a in squashed for b in bs]
    if not choices:
        return None
    a, b = rng.choice(choices)
    return squashed.replace(a, b, 1)


def scan_slips(sheet: Sheet, rng: random.Random) -> None:
    """A scan's OCR slips in the forms' labels (in place): per document a rate (30–80 %) of the
    header labels, column headers, total labels, funds row labels and 一级/二级 words misread, one
    slip a cell (``SCAN_SLIPS``: 顼目名称, 主管部n, 实施单f立, 年度贫金总额, 得份, 产出指杨); a
    ``单位:万元`` line's unit as 万兀 at the same rate; in half the documents 3 % of the figure cells
    with a digit read as a letter (``9O``, ``l5``).  The gold follows the print where it holds the
    text: a funds row's label and a level word (every cell of the form printing that word slips
    alike) are the printed ones; a figure with a letter is no number and leaves the gold, and the
    form's expected findings with it; titles and values never slip."""
    rate = rng.choice((0.3, 0.5, 0.8))
    figures = rng.choice((0.0, 0.03))
    for part in sheet.parts:
        part.prose = [line.replace("万元", "万兀", 1) if "单位" in line and "万元" in line and rng.random() < rate
                      else line for line in part.prose]
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        form = sheet.forms[part.form]
        heads = {re.sub(r"[（(][^()（）]*[)）]$", "", t.strip()) for row in part.rows for t in row}
        levels = _level_slips(form, heads, rng, rate)
        funds = {str(f.get("label")): f for f in form.get("funds") or [] if f.get("label")}
        values = set(_strings(form))  # a score sheet's item 预算执行率 is a name, not the column's label
        damaged: dict[int, set[int]] = {}
        figures_printed: dict[tuple[int, int], str] = {}
        for r, row in enumerate(part.rows):
            for c, text in enumerate(row):
                word = text.strip()
                if not word:
                    continue
                head = re.sub(r"[（(][^()（）]*[)）]$", "", word)
                if head in levels:
                    row[c] = word.replace(head, levels[head], 1)
                elif word in funds:  # a funds row's label: the gold holds it
                    printed = _slip(word, rng) if rng.random() < rate else None
                    if printed is not None and printed not in funds:
                        funds[word]["label"] = printed
                        row[c] = printed
                elif _LABEL_WORD.match(word.replace(" ", "")) and word not in values and rng.random() < rate:
                    row[c] = _slip(word, rng) or text
                elif figures and _FIGURE.match(word) and rng.random() < figures:
                    digits = [i for i, ch in enumerate(word) if ch in DIGIT_SLIPS]
                    if digits:
                        i = rng.choice(digits)
                        row[c] = word[:i] + DIGIT_SLIPS[word[i]] + word[i + 1:]
                        damaged.setdefault(r, set()).add(c)
                        figures_printed[(r, c)] = text
        # the gold's figures are found by what the cells printed before the slip (their labels as printed)
        before = [[figures_printed.get((r, c), t) for c, t in enumerate(row)] for r, row in enumerate(part.rows)]
        drop_damaged(sheet, part.form, before, damaged)


def _strings(node: Any) -> list[str]:
    """Every text the gold holds under ``node``."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for v in node.values() for t in _strings(v)]
    if isinstance(node, list):
        return [t for v in node for t in _strings(v)]
    return []


def _level_slips(form: dict[str, Any], heads: set[str], rng: random.Random, rate: float) -> dict[str, str]:
    """The form's 一级/二级 words that slip (word → printed), the gold's levels and groups renamed
    to the printed word: a word slips alike wherever the form prints it; a word the table does not
    print as a cell of its own (``heads``, a stated point aside) stays."""
    words = {str(e[k]) for key in ("indicators", "items") for e in form.get(key) or []
             for k in ("level1", "level2") if e.get(k)} & heads
    slips: dict[str, str] = {}
    for word in sorted(words):
        if rng.random() < rate and (printed := _slip(word, rng)) is not None and printed not in words:
            slips[word] = printed
    for key in ("indicators", "items"):
        for e in form.get(key) or []:
            for k in ("level1", "level2"):
                if e.get(k) in slips:
                    e[k] = slips[e[k]]
    for g in form.get("groups") or []:
        if g.get("name") in slips:
            g["name"] = slips[g["name"]]
    return slips
