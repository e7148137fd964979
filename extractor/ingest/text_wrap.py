"""Tab-separated rows whose cells wrapped onto extra lines, put back together.

A table copied out of a narrow web page or a PDF keeps its TABs but breaks long cells
(``经济效益`` / ``指标``) and sometimes a whole header row between two cells.  Each piece then
reads as a row of its own, or as narrative that ends the table, and every later cell lands one
column off.  Within one table (lines between blank lines) complete rows print the same number
of TABs, so a run of lines short of that count that adds up to it is one row, each line break
either inside a cell (it stays in the cell, as in a one-cell-per-line paste) or between two
cells (it becomes a TAB): a row of ``g`` lines whose TABs fall ``b`` short of the count has
``b`` breaks between cells and ``g - 1 - b`` inside one.

Greedy joining (each line onto the one above when that one is short) goes wrong where a
header broke between cells and inside a cell in the same row, or where a fragment between two
complete rows is the head of the next row's first cell rather than the tail of the previous
row's last one.  So the table's lines are cut into rows by dynamic programming: a complete row
scores, a short line left alone costs, and each break a joined row needs costs by how likely a
cell border or a wrapped cell is there (two whole headings either side; a joined cell printed
whole elsewhere in the table).  Character offsets are kept: the joint replaces the line break
in place.

Rows short of their TABs are also whole rows of their own (merged cells dropped, a section of
fewer columns), so some breaks cannot fall anywhere: not after a figure or a finished
sentence, not before a row's own label (主管部门) or an empty first cell followed by
sentences, and not before a run of lines printing one narrower TAB count (a section).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Container

from extractor.vocab import INDICATOR_COLUMNS, TITLE_RE, is_blank, match_column
from extractor.vocab.columns import (
    FUNDS_COLUMNS,
    LEVEL1_WORDS,
    TOTAL_ROW_RE,
    fund_role,
    is_level_word,
    split_subtotal,
)
from extractor.vocab.forms import (
    DEPT_RUBRIC_WORDS,
    FORM_BODY_WORDS,
    NOT_TITLE_RE,
    PROJECT_RUBRIC_WORDS,
    SCORE_SHEET_WORDS,
    SELF_EVAL_WORDS,
    TARGET_WORDS,
)
from extractor.vocab.key import squash

Line = tuple[str, int]  # (text without its line break, offset of its first character)

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
_WORDS = frozenset(FORM_BODY_WORDS + SCORE_SHEET_WORDS + SELF_EVAL_WORDS + TARGET_WORDS
                   + PROJECT_RUBRIC_WORDS + DEPT_RUBRIC_WORDS + LEVEL1_WORDS)
_FRAGMENT = 12  # a wrapped piece is a few words, not a sentence
_LABEL = 8  # characters of a funds row's label, not a sentence naming funds
_HEAD = 3  # characters of a row label's head wrapped onto a line of its own (总体 / 资金情况)
_SENTENCE = set("。；;，,：:")
_MAX_LINES = 8  # lines one row may have broken into
# scores: a complete row earns _ROW; a short line left as it is costs _SHORT; each break a
# joined row needs costs by its kind (see _break_costs)
_ROW, _SHORT = 1.0, 0.5
_IN_CELL, _BETWEEN = 0.2, 0.3
_SECTION = 0.5  # a break before a run of narrower rows (see _Table._section)
# a piece opening with a conjunction or particle (及改进措施, 和…, 的…) continues the text before it:
# it opens no cell, and so no row
_CONTINUING = tuple("及和与或并的")


def _tabs(text: str) -> int:
    return text.count("\t")


def _width(block: list[Line]) -> int | None:
    """The TAB count complete rows of a table print: the largest count at least two lines
    print, with at most one line above it (wrapped pieces only ever print fewer; a table
    wrapped on most lines has only a few complete rows left)."""
    counts = Counter(_tabs(t) for t, _ in block if "\t" in t)
    for width in sorted(counts, reverse=True):
        if sum(c for w, c in counts.items() if w > width) > 1:
            return None
        if counts[width] >= 2:
            return width
    return None


class _PrintedElsewhere:
    """The cells printed whole in a complete row other than the two lines at a break, looked up
    rather than collected: collecting them at every break cost the table's cell count per break,
    so a long table (2,000 rows) took time quadratic in its length."""

    def __init__(self, printed: Counter[str], here: Counter[str]) -> None:
        self.printed, self.here = printed, here

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.printed[word] > self.here[word]


def _exact(text: str, known: Container[str]) -> bool:
    """A whole label: a row's own label, a funds row's label (收入合计, 单位资金), an indicator
    level, a total row's label, a form title, a form's column or rubric word, a column heading
    a heading's pattern matches from end to end (原因说明), or a cell printed whole in a
    complete row of the table."""
    word = squash(split_subtotal(text)[0])
    return bool(word) and (
        word in known or word in _WORDS or _row_label(word) or is_level_word(word)
        or (bool(TITLE_RE.search(word)) and not NOT_TITLE_RE.search(word))
        or any((m := pattern.search(word)) is not None and m.group(0) == word
               for pattern, _ in INDICATOR_COLUMNS + FUNDS_COLUMNS))


def _row_label(word: str) -> bool:
    """A label a row of a form opens with: 主管部门, 年度总体目标, a funds row (收入合计, 单位资金),
    a total row (总评价得分)."""
    return bool(_ROW_START.match(word) or TOTAL_ROW_RE.match(word)) or (
        len(word) <= _LABEL and fund_role(word) is not None)


def _loose(text: str, known: Container[str]) -> bool:
    """A label, or a text a column heading's pattern finds (全年执行数, 偏差原因分析)."""
    return _exact(text, known) or bool(match_column(text, INDICATOR_COLUMNS) or match_column(text, FUNDS_COLUMNS))


def _spans(upper: str, lower: str) -> bool:
    """A column heading's pattern matches across the break (调整后 / 预算数, 全年预 / 算数): the
    heading word itself was cut."""
    cut, whole = len(squash(upper)), squash(upper + lower)
    return any(m.start() < cut < m.end() for pattern, _ in INDICATOR_COLUMNS + FUNDS_COLUMNS
               for m in pattern.finditer(whole))


def _open_bracket(text: str) -> bool:
    """``text`` opens a bracket it does not close (年初目标值( / A)): the cell goes on."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _fragment(text: str) -> bool:
    """A short piece of a cell: a few words without figures or punctuation, no title."""
    body = text.strip()
    return (bool(body) and "\t" not in text and len(body) <= _FRAGMENT and not (set(body) & _SENTENCE)
            and not any(ch.isdigit() for ch in body) and not TITLE_RE.search(body))


class _Table:
    """One block's lines with what the breaks between them are judged by."""

    def __init__(self, block: list[Line], width: int) -> None:
        self.lines = [t for t, _ in block]
        self.width = width
        first_tab = next((k for k, t in enumerate(self.lines) if "\t" in t), len(self.lines))
        self.above = first_tab  # lines before the first TAB line: the title and prose over the table
        # cells of complete rows: a joined cell printed whole elsewhere is a wrapped cell
        self.printed = Counter(squash(c) for t in self.lines if _tabs(t) == width for c in t.split("\t")
                               if len(squash(c)) >= 2 and not _FIGURE.match(c.strip()))
        self.seps: dict[tuple[int, int], list[str]] = {}
        # per break after line k: None where no break may fall, else (inside a cell, between two)
        self.breaks: list[tuple[float | None, float] | None] = []
        for k in range(len(self.lines) - 1):  # in order: a break reads the cell the one before it left open
            self.breaks.append(None if self._closed(k) else self._break_costs(k))
        for k, judged in enumerate(self.breaks):
            if judged is not None and self._section(k):
                inside, between = judged
                self.breaks[k] = (None if inside is None else inside + _SECTION, between + _SECTION)

    def _closed(self, k: int) -> bool:
        """No break may fall after line ``k``: it is the title or prose over the table, a figure
        or a finished sentence ends it, or the next line is a row of its own (its own label,
        sentences under an empty merged label)."""
        above, line = self.lines[k], self.lines[k + 1]
        if k < self.above and not _fragment(above):
            return True  # the title or prose over the table is no piece of its first row
        last, first = above.split("\t")[-1].strip(), re.sub(r"\s", "", line.split("\t")[0])
        if _FIGURE.match(unicodedata.normalize("NFKC", last)) or last.endswith(_CLOSED):  # ４６１，４００．００ too
            return True
        head = re.sub(r"\s", "", last)
        if _ROW_START.match(first) and not (head and _row_label(head + first)) and not (
                "\t" not in above and len(head) <= _HEAD and _fragment(above)):
            # 主管部门 opens a row, unless it ends a label broken inside (年度 / 总体目标, 支出 /
            # 合计) or a word or two stand alone above it (总体 / 资金情况): a label's head
            return True
        return line.startswith("\t") and any(cell.strip().endswith(_CLOSED) for cell in line.split("\t"))

    def _section(self, k: int) -> bool:
        """Line ``k + 1`` opens a run of lines of one TAB count short of the table's, at least
        half of it: a section of fewer columns (a funds block one column narrower than the
        indicator table) more likely than the rest of the row above; pieces of rows wrapped in
        a row may print such a run too, so it costs rather than bars."""
        return self._section_run(k + 1, k + 4)

    def _section_run(self, i: int, j: int) -> bool:
        """Lines ``i`` … ``j - 1`` all print one TAB count short of the table's, at least half of it."""
        if i < 0 or j > len(self.lines):
            return False
        tabs = _tabs(self.lines[i])
        return self.width > tabs and 2 * tabs >= self.width and all(_tabs(t) == tabs for t in self.lines[i:j])

    def _open_cell(self, k: int) -> str:
        """The last cell of line ``k``, with the pieces above it when line ``k`` holds no TAB
        and the break above it reads clearly as a wrapped cell (年初预 / 算数 / 全年预算数: the
        cell before the third line is 年初预算数)."""
        cell = self.lines[k].split("\t")[-1].strip()
        while k > 0 and "\t" not in self.lines[k] and (judged := self.breaks[k - 1]) is not None \
                and judged[0] is not None and judged[0] + 0.5 <= judged[1]:
            k -= 1
            cell = self.lines[k].split("\t")[-1].strip() + cell
        return cell

    def _break_costs(self, k: int) -> tuple[float | None, float]:
        """What a break after line ``k`` costs inside a cell and between two cells (None: it
        cannot be inside one).  A label that only reads whole across the break (项目 / 名称,
        全年预 / 算数) was wrapped; two labels either side (三级指标 / 指标性质), a label
        followed by what does not continue it (扣分原因 / 项目决策) meet at a cell border."""
        upper, lower = self._open_cell(k), self.lines[k + 1].split("\t")[0].strip()
        # printed whole in a complete row other than the two lines at the break
        here = Counter(squash(c) for t in self.lines[k:k + 2] if _tabs(t) == self.width for c in t.split("\t"))
        known = _PrintedElsewhere(self.printed, here)
        if not upper or not lower:
            return None, 0.1  # an empty cell did not wrap: the break is its border
        inside: float | None = _IN_CELL
        between = _BETWEEN
        whole = upper + lower
        if _FIGURE.match(lower) or is_blank(upper) or (upper[-1].isdigit() and lower[0].isdigit()):
            inside = None  # figures and placeholders do not wrap
        if lower.startswith(_CONTINUING) or upper.endswith(_CONTINUING) or _open_bracket(upper):
            between += _SECTION  # 未完成原因及 / 拟采取的…, 年初目标值( / A): the cell goes on
        if inside is not None and "\t" not in self.lines[k]:
            inside += 0.02  # a piece alone on its line: as likely the end of a long cell above
        exact_whole, loose_whole = _exact(whole, known), _loose(whole, known)
        if (exact_whole and not (_exact(upper, known) and _exact(lower, known))) or _spans(upper, lower) or (
                loose_whole and not _loose(upper, known) and not _loose(lower, known)):
            between += 0.3
            if inside is not None:
                inside -= 0.3 if exact_whole or _spans(upper, lower) else 0.15
        elif inside is not None and not loose_whole and (_exact(upper, known) or _exact(lower, known)):
            inside += 0.3
        if _loose(upper, known) and _loose(lower, known) and not exact_whole and not (
                lower.startswith(_CONTINUING) or upper.endswith(_CONTINUING) or _open_bracket(upper)):
            between = 0.05
            if inside is not None:
                inside += 0.3
        elif k < self.above:
            between += 0.6  # a prose line over the table is no cell of its first row
        return inside, between

    def _row_cost(self, i: int, j: int) -> float | None:
        """The cost of lines ``i`` … ``j - 1`` as one row (None: they cannot be)."""
        short = self.width - sum(_tabs(t) for t in self.lines[i:j])
        if short < 0 or short > j - i - 1:
            return None
        costs = []
        for k in range(i, j - 1):
            judged = self.breaks[k]
            if judged is None:
                return None
            costs.append(judged)
        if sum(inside is None for inside, _ in costs) > short:
            return None
        # the ``short`` breaks between cells are those where a border costs least against a wrap
        order = sorted(range(len(costs)), key=lambda n: (costs[n][0] is not None, costs[n][1] - (costs[n][0] or 0.0)))
        between = set(order[:short])
        total = 0.0
        for n, (inside, border) in enumerate(costs):
            total += border if n in between else (inside if inside is not None else float("inf"))
        self.seps[i, j] = ["\t" if n in between else "\n" for n in range(len(costs))]
        return total + self._opening(i)

    def _opening(self, i: int) -> float:
        """What a row opening at line ``i`` costs: nothing, unless it opens with a piece that
        continues the text before it."""
        return _SECTION if self.lines[i].lstrip().startswith(_CONTINUING) else 0.0

    def _alone(self, k: int) -> float:
        t = self.lines[k]
        if _tabs(t) == self.width:
            return _ROW
        if "\t" not in t and k < self.above and not _fragment(t):
            return 0.0  # the title and prose over the table
        if 2 * _tabs(t) > self.width and any(self._section_run(i, i + 3) for i in range(k - 2, k + 1)):
            # a row of a section of fewer columns (基础数据表 rows over a wider table): lines of
            # more than half the table's TABs cannot be two halves of one of its rows
            return _ROW
        return -_SHORT - self._opening(k)

    def rows(self) -> list[tuple[int, int, list[str]]]:
        """The best cut of the lines into rows: (first line, end, separators of its breaks)."""
        n = len(self.lines)
        best: list[float] = [0.0] + [float("-inf")] * n
        back: list[int] = [0] * (n + 1)
        for j in range(1, n + 1):
            for i in range(max(0, j - _MAX_LINES), j):
                if i == j - 1:
                    score = self._alone(i)
                else:
                    cost = self._row_cost(i, j)
                    if cost is None or cost >= _ROW + _SHORT * (j - i):
                        continue
                    score = _ROW - cost
                if best[i] + score > best[j]:
                    best[j], back[j] = best[i] + score, i
        cuts: list[tuple[int, int, list[str]]] = []
        j = n
        while j > 0:
            i = back[j]
            cuts.append((i, j, self.seps.get((i, j), [])))
            j = i
        return cuts[::-1]


def _join(a: Line, b: Line, sep: str) -> Line:
    """``a`` and ``b`` as one line, the line break between them replaced by ``sep`` (padded to
    the break's length so later offsets stay right)."""
    gap = b[1] - a[1] - len(a[0])
    return (a[0] + (sep + " " * (gap - 1) if sep == "\t" else "\n" * gap) + b[0], a[1])


def _rejoin_block(block: list[Line]) -> list[Line]:
    """One table's lines with its broken rows joined (see the module's docstring)."""
    width = _width(block)
    if width is None:
        return block
    out: list[Line] = []
    for i, j, seps in _Table(block, width).rows():
        line = block[i]
        for k, sep in zip(range(i + 1, j), seps, strict=True):
            line = _join(line, block[k], sep)
        out.append(line)
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
