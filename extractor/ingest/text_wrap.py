"""Tab-separated rows whose cells wrapped onto extra lines, put back together.

A table copied out of a narrow web page or a PDF keeps its TABs but breaks long cells
(``经济效益`` / ``指标``) and sometimes a whole header row between two cells.  Each piece then
reads as a row of its own, or as narrative that ends the table, and every later cell lands one
column off.  Within one table (lines between blank lines) rows print the same number of TABs,
so lines short of that count that add up to it are one row: joined inside a cell (the line
break becomes part of the cell, as in a one-cell-per-line paste) or between two cells.  A
short line without TAB between two table lines is a wrapped piece of the neighbour that is
short of its TABs.  Character offsets are kept: the joint replaces the line break in place.

Rows short of their TABs are also whole rows of their own (merged cells dropped, a section of
fewer columns), so a line continues the one above only where a break can fall: not after a
figure, an empty cell or a finished sentence, and not before an empty first cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

Line = tuple[str, int]  # (text without its line break, offset of its first character)

_FRAGMENT = 12  # a wrapped piece is a few words, not a sentence
_SENTENCE = set("。；;，,：:")
_FIGURE = re.compile(r"^[<>=≤≥≧≦＝]*\s*[-+]?\d[\d,.]*\s*%?$")
_CLOSED = ("。", "；", ";", "！", "？")
# labels that open a row of a form (项目名称 | …, 主管部门 | … | 实施单位 | …): a line starting
# with one is a row of its own, however few cells it prints
_ROW_START = re.compile(
    r"^(项目名称|(项目)?主管部门|主管单位|(项目)?实施单位(（盖章）)?|资金使用单位|单位名称|部门名称|部门（单位）名称|"
    r"资金情况.*|项目资金.*|"
    r"年度资金总额[:：]?|预算执行情况.*|年度预算安排.*|年度总体目标|总体目标|整体绩效目标|"
    r"绩效指标|年度绩效指标|总分|合计|总计)$"
)


def _tabs(text: str) -> int:
    return text.count("\t")


def _width(block: list[Line]) -> int | None:
    """The TAB count complete rows of a table print: the most common count among its TAB
    lines, when it is also the largest (wrapped pieces only ever print fewer)."""
    counts = Counter(_tabs(t) for t, _ in block if "\t" in t)
    if not counts:
        return None
    width, n = counts.most_common(1)[0]
    ok = n >= 3 and n >= 0.3 * sum(counts.values()) and sum(c for w, c in counts.items() if w > width) <= 1
    return width if ok else None


def _join(a: Line, b: Line, sep: str) -> Line:
    """``a`` and ``b`` as one line, the line break between them replaced by ``sep`` (padded to
    the break's length so later offsets stay right)."""
    gap = b[1] - a[1] - len(a[0])
    return (a[0] + (sep + " " * (gap - 1) if sep == "\t" else "\n" * gap) + b[0], a[1])


def _fragment(text: str) -> bool:
    body = text.strip()
    return bool(body) and "\t" not in text and len(body) <= _FRAGMENT and not (set(body) & _SENTENCE)


def _may_continue(above: str, line: str, below: list[str], width: int) -> bool:
    """Whether ``line`` can be the rest of the row ``above`` broke off.  Not when the break
    would fall after a figure or a closed sentence, nor before a row's own label (主管部门) or
    an empty first cell followed by sentences, nor when ``line`` starts a run of rows
    printing the same number of TABs, at least half the table's (``below``: the next two
    lines; pieces of one broken header print a few TABs each): those are rows of their
    own (a Fushun 合计 row ending in 100% above the 年度绩效目标 header; a funds block one
    column narrower than the indicator table, under a short 部门名称 row)."""
    last = unicodedata.normalize("NFKC", above.split("\t")[-1].strip())  # ４６１，４００．００ is a figure too
    if _FIGURE.match(last) or last.endswith(_CLOSED) or _ROW_START.match(re.sub(r"\s", "", line.split("\t")[0])):
        return False
    if line.startswith("\t") and any(cell.strip().endswith(_CLOSED) for cell in line.split("\t")):
        return False  # a row under a merged label left empty, holding sentences: no header's rest
    tabs = _tabs(line)
    return 2 * tabs < width or len(below) < 2 or any(_tabs(b) != tabs for b in below)


def _two_headings(before: str, after: str) -> bool:
    """The break falls between two whole column headings (三级指标 / 指标性质), not inside one
    cell (二级 / 指标, 实际完 / 成值): TAB counts alone cannot tell where a row that broke
    more than once lost its cell border."""
    from extractor.vocab import INDICATOR_COLUMNS, match_column  # header words, not grammar: no reader logic here

    left, right = before.split("\t")[-1].strip(), after.split("\t")[0].strip()
    return bool(left and right and match_column(left, INDICATOR_COLUMNS) and match_column(right, INDICATOR_COLUMNS))


def _rejoin_block(block: list[Line]) -> list[Line]:
    """One table's lines with its broken rows joined (see the module's docstring)."""
    width = _width(block)
    if width is None:
        return block
    out: list[Line] = []
    pending: Line | None = None  # a wrapped piece before a row: it starts that row's first cell
    for k, line in enumerate(block):
        t = _tabs(line[0])
        if pending is not None:
            if t > 0:
                line = _join(pending, line, "\n")
            else:
                out.append(pending)
            pending = None
        prev = _tabs(out[-1][0]) if out else 0
        nxt = block[k + 1][0] if k + 1 < len(block) else ""
        below = [b for b, _ in block[k + 1:k + 3]]
        if 0 < prev < width and _may_continue(out[-1][0], line[0], below, width):  # short: this may complete it
            total = prev + t
            if (t == 0 and _fragment(line[0])) or (t > 0 and total == width):
                out[-1] = _join(out[-1], line, "\n")
                continue
            if t > 0 and total < width:
                between = total + 1 == width or _two_headings(out[-1][0], line[0])
                out[-1] = _join(out[-1], line, "\t" if between else "\n")
                continue
        if prev == width and _fragment(line[0]) and "\t" in nxt:
            pending = line
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def rejoin_wrapped(lines: list[Line]) -> list[Line]:
    """Lines with wrapped table rows joined; blank lines separate tables and stay."""
    out: list[Line] = []
    block: list[Line] = []
    for line in lines:
        if line[0].strip(" \r\n"):
            block.append(line)
            continue
        out += _rejoin_block(block) + [line]
        block = []
    return out + _rejoin_block(block)
