"""Re-row a form of stacked section tables (Fushun's 部门整体支出绩效自评表) pasted one cell per line.

The template stacks its sections in one table, each under a header row that opens with the
section's label: 整体收支情况 (名称 and the money columns), 年度主要任务 (工作名称, 对应项目, money),
年度绩效目标 (年初设定目标, 全年完成情况), then 分解目标评价 over the indicator header (一级 … 原因说明)
and 总评价得分.  Pasted one cell per line, a row's cells may come out of order (short cells first,
or rotated), and nothing marks where a row ends.  The header words of each section still come
together, so they cut the stream into sections; each header is put in the template's column
order, and each section's body is cut into rows by ``row_cut`` with the columns that section
prints.  Rows come out full width (a blank cell for each empty column, the section label's
column blank on data rows), so the form's reader places them under the header as printed.

A section whose body cannot be cut, or whose cut ties with another reading, is left as the
restreaming cut it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extractor.grid import Cell
from extractor.segment.row_cut import TIE, Column, Cut, cut
from extractor.values import is_numeric, normalize_operator, squash
from extractor.vocab import LEVEL1_RE, LEVEL1_WORDS, is_level, says_nothing

_SENTENCE = re.compile(r"[，。；;,]")


def _when(ok: bool, cost: float = 0.0) -> float | None:
    return cost if ok else None


def _text(key: str) -> float | None:
    return _when(not is_numeric(key) and not says_nothing(key))


def _money(key: str) -> float | None:
    return _when(is_numeric(key) and not key.endswith("%") or says_nothing(key))


def _rate(key: str) -> float | None:
    return _when(is_numeric(key) or says_nothing(key))


def _level1(key: str) -> float | None:
    if is_numeric(key) or _LABEL.match(key):
        return None
    return 0.0 if key in LEVEL1_WORDS or is_level(LEVEL1_RE, key) else 1.0


def _level2(key: str) -> float | None:
    return _when(not is_numeric(key) and not _LABEL.match(key) and not _SENTENCE.search(key) and len(key) <= 12)


def _label(key: str) -> float | None:
    return _when(bool(_LABEL.match(key)))


def _content(key: str) -> float | None:
    return _when(not _figure(key) and not _LABEL.match(key) and not _SENTENCE.search(key))


def _measure(key: str) -> float | None:
    if _figure(key):
        return 0.0
    return _when(len(key) <= 12 and not _SENTENCE.search(key) and not _LABEL.match(key) and not _COMPLETION.match(key))


def _completion(key: str) -> float | None:
    return _when(bool(_COMPLETION.match(key)))


def _number(key: str) -> float | None:
    return _when(is_numeric(key) or says_nothing(key))


def _reason(key: str) -> float | None:
    return _when(not is_numeric(key) and not _LABEL.match(key) and bool(_SENTENCE.search(key) or len(key) > 12))


def _goal(pattern: re.Pattern[str]) -> Callable[[str], float | None]:
    """A goal text; one that opens like the other column's (目标1： / 完成：) is less likely."""
    return lambda key: None if is_numeric(key) else (0.0 if pattern.match(key) else 0.5)


def _figure(key: str) -> bool:
    return is_numeric(key) or normalize_operator(key) is not None or bool(re.match(r"^[≥≤=<>≧≦＞＜═＝\d.]", key))


_LABEL = re.compile(r"^指标\d+$")  # the pre-printed 三级 label 指标 N
_COMPLETION = re.compile(r"^(完成|部分完成|未完成|基本完成|超额完成)$")

# each section: its label, its header words in template order (a pattern and a column), the data
# rows' columns beside the label's (merged) column
_Section = tuple[str, re.Pattern[str], list[tuple[re.Pattern[str], Column]], bool]
_PRINTED = 1.2  # the template prints a mark (/, ——) in an empty money cell: a blank one is unlikely
_MONEY = [(re.compile(r"年初(预算|计划)"), Column(_money, _PRINTED)),
          (re.compile(r"全年.{0,4}预算"), Column(_money, _PRINTED)),
          (re.compile(r"执行数|全年执行"), Column(_money, _PRINTED)), (re.compile(r"执行率"), Column(_rate, _PRINTED))]
_SECTIONS: list[_Section] = [
    ("funds", re.compile(r"收支情况"),
     [(re.compile(r"^(名称|项目|科目)$"), Column(_text, required=True)), *_MONEY], True),
    ("tasks", re.compile(r"^(年度)?主要任务$"),
     [(re.compile(r"工作名称|任务名称"), Column(_text, required=True)),
      (re.compile(r"对应项目|项目名称"), Column(_text, 0.3)), *_MONEY], True),
    ("goals", re.compile(r"^(年度|部门)?绩效目标$"),
     [(re.compile(r"设定目标|年度目标"), Column(_goal(re.compile(r"^目标")), 0.6)),
      (re.compile(r"完成情况|实际完成"), Column(_goal(re.compile(r"^(完成|已|未|基本)")), 0.6))], True),
    ("indicators", re.compile(r"^一级指标$"),
     [(re.compile(r"^二级"), Column(_level2, leading=True)),
      (re.compile(r"^三级"), Column(_label, required=True)),
      (re.compile(r"^内容$"), Column(_content, 0.6, unique=True)),
      (re.compile(r"指标值|目标值"), Column(_measure, 0.6)),
      (re.compile(r"完成值|实际完成"), Column(_measure, 0.6)),
      (re.compile(r"完成程度|完成率"), Column(_completion, 0.3)),
      (re.compile(r"^(分值|权重)"), Column(_number, 0.6)),
      (re.compile(r"^得分"), Column(_number, 0.6)),
      (re.compile(r"原因说明|未完成原因|偏差原因"), Column(_reason))], False),
]
_LEVEL1_COLUMN = Column(_level1, leading=True)  # the indicator section's label column holds its 一级
_BREAK = re.compile(r"^分解目标")  # 分解目标评价: a row of its own over the indicator header
_TOTAL = re.compile(r"^总评价得分|^总分$")


def _section_of(key: str) -> _Section | None:
    return next((s for s in _SECTIONS if s[1].search(key)), None)


_HEADER_WORD = 20  # a header word is short and no sentence (a goal text may say 实际完成)


def _is_header_word(key: str) -> bool:
    if len(key) > _HEADER_WORD or _SENTENCE.search(key):
        return False
    return _section_of(key) is not None or any(p.search(key) for s in _SECTIONS for p, _ in s[2])


def is_section_form(cells: list[Cell]) -> bool:
    """The stream holds the template's own sections: 收支 and 年度主要任务 or 分解目标评价."""
    keys = {squash(c.clean) for c in cells}
    found = {s[0] for k in keys if _is_header_word(k) and (s := _section_of(k)) is not None}
    return "funds" in found and ("tasks" in found or any(_BREAK.match(k) for k in keys))


def restore_section_rows(rows: list[list[Cell]], order: dict[int, int]) -> list[list[Cell]]:
    """``rows`` (restreamed cell lines) with a stacked-section form's sections re-rowed;
    ``order``: each cell's (``id``) place in print order."""
    cells = sorted((c for r in rows for c in r), key=lambda c: order.get(id(c), 0))
    if not is_section_form(cells):
        return rows
    runs = _header_runs(cells)
    if not runs:
        return rows
    rebuilt: dict[int, list[list[Cell]]] = {}  # first cell's place → rows replacing the run to the next
    spans: list[tuple[int, int]] = []
    for k, (start, end, section) in enumerate(runs):
        stop = runs[k + 1][0] if k + 1 < len(runs) else _section_end(cells, end)
        brk = next((i for i in range(end, stop) if _BREAK.match(squash(cells[i].clean))), None)
        body_end = brk if brk is not None else stop
        total_at = next((i for i in range(end, body_end) if _TOTAL.match(squash(cells[i].clean))), None)
        if total_at is not None:
            body_end = total_at
        out = _rebuild(section, cells[start:end], cells[end:body_end], cells[body_end:stop])
        if out is not None:
            rebuilt[start] = out
            spans.append((start, stop))
    if not spans:
        return rows
    return _splice(rows, cells, spans, rebuilt)


def _header_runs(cells: list[Cell]) -> list[tuple[int, int, _Section]]:
    """(start, end, section) of each run of header words that holds a section's label."""
    runs: list[tuple[int, int, _Section]] = []
    i = 0
    while i < len(cells):
        key = squash(cells[i].clean)
        if not _is_header_word(key):
            i += 1
            continue
        j = i
        while j < len(cells) and _is_header_word(squash(cells[j].clean)):
            j += 1
        labels = [s for c in cells[i:j] if (s := _section_of(squash(c.clean))) is not None]
        if len(labels) == 1 and j - i >= 2:
            runs.append((i, j, labels[0]))
        i = j
    return runs


def _section_end(cells: list[Cell], end: int) -> int:
    """The last section runs to its total row and the figures after it."""
    at = next((i for i in range(end, len(cells)) if _TOTAL.match(squash(cells[i].clean))), None)
    if at is None:
        return len(cells)
    at += 1
    while at < len(cells) and is_numeric(cells[at].clean) and at - end < 1000:
        at += 1
    return at


def _header_order(section: _Section, header: list[Cell]) -> list[tuple[Cell, Column | None]] | None:
    """The header's cells in template order with their data columns (None: the label's column),
    or None when a word is missing, doubled or unknown."""
    slots: list[Cell | None] = [None] * (len(section[2]) + 1)
    for cell in header:
        key = squash(cell.clean)
        at = 0 if section[1].search(key) else next((k + 1 for k, (p, _) in enumerate(section[2]) if p.search(key)), -1)
        if at < 0 or slots[at] is not None:
            return None
        slots[at] = cell
    if any(s is None for s in slots[:2]):
        return None
    columns: list[Column | None] = [None, *(c for _, c in section[2])]
    return [(cell, col) for cell, col in zip(slots, columns, strict=True) if cell is not None]


_MAX_RESIDUE = 1  # a rotated total row prints its score before its label


def _rebuild(section: _Section, header: list[Cell], body: list[Cell], tail: list[Cell]) -> list[list[Cell]] | None:
    """The section's rows: its header, its data rows full width, its total row."""
    ordered = _header_order(section, header)
    if ordered is None or not body:
        return None
    merged = section[3]  # the label's column is a merge beside the data rows
    columns = [col if col is not None else _LEVEL1_COLUMN for _, col in ordered]
    data_columns = columns[1:] if merged else columns
    options: list[tuple[float, int, Cut]] = []
    room = _MAX_RESIDUE if tail and not any(is_numeric(c.clean) for c in tail) else 0
    for k in range(room + 1):
        if k and not is_numeric(body[-k].clean):
            break
        found = cut(body[:len(body) - k], data_columns)
        if found is not None and not found.tied:
            options.append((found.cost, k, found))
    if not options:
        return None
    cost, k, best = min(options, key=lambda o: o[0])
    if any(o[0] - cost < TIE and o[1] != k for o in options):
        return None
    width = len(columns)
    head = [replace(c, col=i) for i, (c, _) in enumerate(ordered)]
    out = [head]
    shift = 1 if merged else 0
    for row in best.rows:
        line = [Cell("", row=row[0][1].row, col=i) for i in range(width)]
        for col, c in row:
            line[col + shift] = replace(c, col=col + shift)
        out.append(line)
    residue = body[len(body) - k:]
    rest = tail[1:]
    if tail:
        out.append([tail[0], *residue, *[c for c in rest if is_numeric(c.clean)]])
        rest = [c for c in rest if not is_numeric(c.clean)]
    out += [[c] for c in rest]
    return out


def _splice(rows: list[list[Cell]], cells: list[Cell], spans: list[tuple[int, int]],
            rebuilt: dict[int, list[list[Cell]]]) -> list[list[Cell]]:
    """Rows outside the rebuilt spans as they were (a row cut across a span's edge keeps its part
    outside), each span's rows in its place."""
    place = {id(c): k for k, c in enumerate(cells)}
    inside = [False] * len(cells)
    for start, stop in spans:
        for k in range(start, stop):
            inside[k] = True
    out: list[list[Cell]] = []
    emitted: set[int] = set()
    for row in rows:
        kept: list[Cell] = []
        for c in row:
            k = place.get(id(c), -1)
            if k < 0 or not inside[k]:
                kept.append(c)
                continue
            start = next(s for s, e in spans if s <= k < e)
            if kept:
                out.append(kept)
                kept = []
            if start not in emitted:
                emitted.add(start)
                out += rebuilt[start]
        if kept:
            out.append(kept)
    return [r for r in out if r]
