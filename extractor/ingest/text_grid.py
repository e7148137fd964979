"""Reconstruct table grids from pasted text, keeping a character span for every cell.

Shapes seen in real pastes (../shared/seeds, ../shared/samples):
- cell-lines: one cell per line with a leading TAB, blank lines between rows; a bare TAB line is
  an empty cell (often a merged-cell continuation); a line without TAB continues the cell above.
- tsv: one row per line, cells separated by TABs.
- pipe: ``a | b | c |`` rows; or one cell per line ending in `` |`` where a line of only pipes
  (``||``) ends a row and a lone ``|`` is an empty cell (or the row closer, where it is the only
  one; a merge's empty cells print as pipes after its text: ``产出指标 |||``); or cells of one or more lines separated
  by lines holding a lone ``|`` (web tables pasted cell by cell, no row breaks left).
- spaced: indented rows whose cells are separated by spaces (web pages copied as text).
- csv: comma-separated exports with quoted fields (``text_csv``), recognised before the others.
Anything else is narrative and becomes ``Paragraph``s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.grid import Block, Cell, Grid, GridKind, Paragraph
from extractor.ingest.page_marks import drop_page_marks, is_page_mark
from extractor.ingest.spaced_levels import level_name_target
from extractor.ingest.split_amounts import join_split_amounts
from extractor.ingest.text_csv import looks_like_csv, parse_csv
from extractor.ingest.text_gaps import gap_paragraphs, gap_separated, join_broken_cells, unbroken
from extractor.ingest.text_rowends import lone_row_ends
from extractor.ingest.text_serial import drop_line_numbers
from extractor.ingest.text_wrap import rejoin_wrapped
from extractor.vocab.key import drop_ruby
from extractor.vocab.page import is_page_furniture


@dataclass(slots=True)
class _Line:
    text: str
    start: int  # offset of the line's first character in the document text

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \r\n")  # a TAB or U+3000 alone is content, not a gap


def split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append(_Line(body, pos))
        pos += len(raw)
    return lines


def _is_tsv(line: str) -> bool:
    body = line.lstrip("\t")
    return "\t" in body.rstrip("\t") or (line.startswith("\t") and "\t" in body) or (
        not line.startswith("\t") and "\t" in line
    )


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


_PIPE_ONLY = re.compile(r"^\s*\|[\s|]*$")


def _is_pipe(line: str) -> bool:
    return line.count("|") >= 1 and (line.rstrip().endswith("|") or line.count("|") >= 2)


class _GridBuilder:
    """Accumulates rows of one grid; cells carry spans into the document text."""

    def __init__(self, grid_id: str, kind: GridKind) -> None:
        self.grid = Grid(id=grid_id, kind=kind)
        self.row: list[Cell] = []

    def add_cell(self, text: str, start: int) -> None:
        stripped = text.strip(" \r\n")
        lead = len(text) - len(text.lstrip(" \r\n"))
        begin = start + lead
        self.row.append(
            Cell(stripped, len(self.grid.rows), len(self.row), char_start=begin, char_end=begin + len(stripped))
        )

    def extend_last(self, text: str, start: int) -> None:
        """A continuation line: append to the previous cell (multi-line cell text)."""
        if not self.row:
            self.add_cell(text, start)
            return
        cell = self.row[-1]
        extra = text.strip(" \r\n")
        if extra:
            base = cell.text.rstrip(" \u3000")
            cell.text = f"{base}\n{extra}" if base else extra
            cell.char_end = start + len(text.rstrip(" \r\n"))

    def end_row(self) -> None:
        if self.row:
            self.grid.rows.append(self.row)
            self.row = []

    def finish(self) -> Grid | None:
        self.end_row()
        return self.grid if self.grid.rows else None


def _split_cells(text: str, start: int, sep: str) -> list[tuple[str, int]]:
    """Split a line into (cell text, start offset) pairs on a separator."""
    out: list[tuple[str, int]] = []
    pos = 0
    for part in text.split(sep):
        out.append((part, start + pos))
        pos += len(part) + len(sep)
    return out


_SPACED_SPLIT = re.compile(r"[ \u3000\xa0]+")  # a web copy separates by NBSP too


def _looks_spaced_row(line: str) -> bool:
    """An indented row with several space-separated tokens, at least one numeric or short."""
    body = line.strip()
    parts = [p for p in _SPACED_SPLIT.split(body) if p]
    return len(parts) >= 3 and sum(1 for p in parts if len(drop_ruby(p)) <= 12) >= 3


def parse_text(text: str, *, id_prefix: str = "t") -> list[Block]:
    """Turn decoded text into blocks (grids and paragraphs) in reading order."""
    if looks_like_csv(text):
        return parse_csv(text, id_prefix=id_prefix)
    lines = split_lines(text)
    n_cell = sum(_is_cell_line(ln.text) for ln in lines)
    n_tsv = sum(_is_tsv(ln.text) for ln in lines)
    n_pipe = sum(_is_pipe(ln.text) for ln in lines)
    n_text = sum(not ln.blank for ln in lines)
    if n_cell == 0 and n_tsv == 0 and n_pipe >= max(2, n_text // 5):
        return drop_line_numbers(_parse_pipe(lines, id_prefix))
    if n_cell == 0 and n_tsv == 0:
        if gap_separated(lines):
            joined = join_broken_cells(lines, text, _Line, _looks_spaced_row)
            # a site footer's links (``联系我们  网站地图  隐私声明``) are no table row
            if not any(len(_WIDE_GAP.split(ln.text.strip())) >= 3 and not is_page_furniture(ln.text) for ln in joined):
                return gap_paragraphs(joined)  # no spaced table row anywhere: every line a cell
            return unbroken(_parse_spaced(joined, id_prefix))
        return _parse_spaced(lines, id_prefix)
    if n_tsv > n_cell:
        lines = [_Line(t, start) for t, start in rejoin_wrapped([(ln.text, ln.start) for ln in lines])]
    return _parse_tabbed(lines, id_prefix)


def _parse_tabbed(lines: list[_Line], id_prefix: str) -> list[Block]:
    """cell-lines and tsv shapes (they can alternate within one document)."""
    blocks: list[Block] = []
    builder: _GridBuilder | None = None
    counter = 0

    def close() -> None:
        nonlocal builder
        if builder is not None:
            grid = builder.finish()
            if grid is not None:
                blocks.append(grid)
        builder = None

    def open_grid(kind: GridKind) -> _GridBuilder:
        nonlocal builder, counter
        if builder is None or builder.grid.kind != kind:
            close()
            counter += 1
            builder = _GridBuilder(f"{id_prefix}{counter}", kind)
        return builder

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.blank:
            if builder is not None:
                builder.end_row()
            i += 1
            continue
        if _is_tsv(line.text):
            b = open_grid("tsv")
            b.end_row()
            for part, start in _split_cells(line.text, line.start, "\t"):
                b.add_cell(part, start)
            b.end_row()
            i += 1
            continue
        if _is_cell_line(line.text):
            b = open_grid("cell-lines")
            b.add_cell(line.text[1:], line.start + 1)
            i += 1
            continue
        # a line without TAB: continues a cell-lines cell when inside a row, else narrative
        if builder is not None and builder.grid.kind == "cell-lines" and builder.row:
            builder.extend_last(line.text, line.start)
            i += 1
            continue
        close()
        stripped = line.text.strip()
        lead = len(line.text) - len(line.text.lstrip())
        blocks.append(Paragraph(stripped, line.start + lead, line.start + lead + len(stripped)))
        i += 1
    close()
    return blocks


_LABEL_MAX = 20  # a row's label (and its line number), not a paragraph that ends a row


def _figures_follow(lines: list[_Line], k: int) -> bool:
    """The next printed line is a ``| …`` row of cells (not a ``||`` padding line)."""
    nxt = next((ln.text for ln in lines[k + 1:] if not ln.blank), "")
    return nxt.lstrip().startswith("|") and not _PIPE_ONLY.match(nxt)


def _parse_pipe(lines: list[_Line], id_prefix: str) -> list[Block]:
    """Pipe rows; a line holding one cell plus ``|`` is a cell of a row ended by a ``||`` line."""
    if _is_separated(lines):
        return _parse_separated(lines, id_prefix)
    # one cell per line (``text |``); a lone ``|`` closes the row where every line is a cell or pipes
    # alone and no longer pipe-only line closes rows (elsewhere it is an empty cell)
    cell_lines, lone_closes = _cell_pipes(lines)
    # row ends of two widths: the lone pipes that end a header part's rows (text_rowends)
    lone_ends = lone_row_ends([ln.text for ln in lines]) if cell_lines and not lone_closes else frozenset()
    blocks: list[Block] = []
    counter = 0
    builder: _GridBuilder | None = None

    def grid() -> _GridBuilder:
        nonlocal builder, counter
        if builder is None:
            counter += 1
            builder = _GridBuilder(f"{id_prefix}{counter}", "pipe")
        return builder

    open_row = False  # the last row line started with "|" and did not end with one: a cell broke
    held = False  # the row so far was printed on lines ending in "|" only: a "| …" line continues it
    closed = False  # the last line printed a whole row of cells: a lone "|" after it closes its empty last cell
    for k, line in enumerate(lines):
        body = line.text
        if line.blank:
            continue
        after_row, closed = closed, False
        if open_row and builder is not None and builder.grid.rows and not body.lstrip().startswith("|"):
            open_row = _continue_broken_row(builder, body, line.start)
            closed = not open_row  # a broken row closed by its last line is as whole as any
            continue
        open_row = body.lstrip().startswith("|") and not body.rstrip().endswith("|")
        if _PIPE_ONLY.match(body):
            b = grid()
            if body.count("|") == 1 and after_row and not b.row:
                continue  # ``… | 项目编号: |`` then ``|``: the row's empty last cell, wrapped (sample 61)
            if body.count("|") >= 2 or lone_closes or k in lone_ends:
                b.end_row()
                held = False
            else:
                b.add_cell("", line.start + body.index("|"))
            continue
        if "|" not in body:
            if builder is not None:
                finished = builder.finish()
                if finished:
                    blocks.append(finished)
                builder = None
            stripped = body.strip()
            lead = len(body) - len(body.lstrip())
            blocks.append(Paragraph(stripped, line.start + lead, line.start + lead + len(stripped)))
            continue
        b = grid()
        parts = _split_cells(body, line.start, "|")
        # drop the empty edge pieces of "| a | b |"
        if parts and not parts[0][0].strip() and body.lstrip().startswith("|"):
            parts = parts[1:]
        if parts and not parts[-1][0].strip():
            parts = parts[:-1]
        starts, ends = body.lstrip().startswith("|"), body.rstrip().endswith("|")
        single = len(parts) == 1 and ends and not starts
        # a label on a line of its own (``年度资金总额 |``) holds its row open for ``| 32.4 | …``
        short = all(len(drop_ruby(part.strip())) <= _LABEL_MAX for part, _ in parts)
        label_line = ends and not starts and not single and short and _figures_follow(lines, k)
        # ``项目名称 |`` then ``X | ||||``: the held label's value, the row closed by its empty cells
        # (a line naming a table, ``绩效目标申报表 | ||||``, is the next form's title, not a value)
        value_line = held and not starts and ends and bool(parts) and bool(parts[0][0].strip()) and \
            len(parts) > 1 and all(not part.strip() for part, _ in parts[1:]) and \
            not parts[0][0].strip().endswith("表")
        if cell_lines and not starts and ends and len(parts) > 1 and bool(parts[0][0].strip()) and \
                all(not part.strip() for part, _ in parts[1:]):
            # ``产出指标 |||``: a cell and the empty cells of its merge, the row still open
            for part, start in parts:
                b.add_cell(part, start)
            held = short
            continue
        if not single and not (starts and held) and not value_line:
            b.end_row()
        for part, start in parts:
            b.add_cell(part, start)
        if not single and not label_line:
            b.end_row()
        held = (single and short) or label_line
        closed = not single and not label_line and ends and len(parts) >= 2
    if builder is not None:
        finished = builder.finish()
        if finished:
            blocks.append(finished)
    return blocks


def _continue_broken_row(builder: _GridBuilder, body: str, start: int) -> bool:
    """A cell of a ``| a | b |`` row broken over lines: the line's text up to its first ``|``
    continues the row's last cell, its further cells join the row.  True while the row stays
    open (the line does not end with ``|``)."""
    builder.row = builder.grid.rows.pop()
    parts = _split_cells(body, start, "|")
    builder.extend_last(*parts[0])
    rest = parts[1:]
    if rest and not rest[-1][0].strip():
        rest = rest[:-1]
    for part, offset in rest:
        builder.add_cell(part, offset)
    builder.end_row()
    return "|" not in body or not body.rstrip().endswith("|")


_WIDE_GAP = re.compile(r"[ \u3000\xa0]{2,}")
_TOKEN = re.compile(r"[^ \u3000\xa0]+")
# one Han character, with the syllable a mirror prints after it (``單(dān)``: 實 施 單(dān) 位)
_ONE_HAN = re.compile(r"^[\u3400-\u9fff](?:[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）])?$")


def spaced_cells(text: str) -> list[tuple[str, int]]:
    """(cell, offset) pairs of a space-separated row.

    Where a line separates some tokens by runs of two or more spaces, those runs are the cell
    borders and a single space sits inside a cell (a table copied from a web page pads its
    columns; one long run used to leave the row to the narrative).  Either way, single Han
    characters one space apart are one spaced-out label (``项 目 名 称`` → ``项目名称``), not
    four cells.
    """
    tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
    if not tokens:
        return []
    wide = _WIDE_GAP.search(text.strip()) is not None
    cells: list[tuple[str, int]] = []
    for k, (tok, start) in enumerate(tokens):
        if k and cells:
            gap = text[tokens[k - 1][1] + len(tokens[k - 1][0]):start]
            prev, prev_start = cells[-1]
            spaced_label = len(gap) == 1 and _ONE_HAN.match(tok) and _ONE_HAN.match(tokens[k - 1][0])
            if spaced_label:
                cells[-1] = (prev + tok, prev_start)
                continue
            if wide and len(gap) == 1:
                cells[-1] = (prev + gap + tok, prev_start)
                continue
        cells.append((tok, start))
    return join_split_amounts(drop_page_marks(cells))


# the figure or measure that may follow a label one space apart: 8.40, 63人, ≥90%, 12月底到位
_FIGURE_TAIL = re.compile(r"^[≥≤=><≧≦＝＞＜]{0,2}[-+]?\d")
_HAN = re.compile(r"[\u3400-\u9fff]")
_NUMBERED = re.compile(r"^\d{1,2}[、.．](?!\d)")


def label_and_figure(text: str) -> list[tuple[str, int]] | None:
    """A table row of two cells printed one space apart (a web page's spaced rows: a funds part
    ``(一)财政拨款小计 8.40``, an indicator row under a merged 二级 ``资金拨付 12月底到位``):
    the label and the figure as (cell, offset) pairs, where the line is exactly a worded label
    and a figure or measure; None for any other line (a label alone, a sentence, a date)."""
    tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
    if len(tokens) != 2:
        return None
    (label, start), (figure, at) = tokens
    if at != start + len(label) + 1 or not _HAN.search(label):
        return None
    if _FIGURE_TAIL.match(label) and not _NUMBERED.match(label):  # 1、一般公共预算 is a label; 12月 is none
        return None
    return tokens if _FIGURE_TAIL.match(figure) else None


def _parse_spaced(lines: list[_Line], id_prefix: str) -> list[Block]:
    """Rows copied from web pages: cells separated by spaces; other lines are narrative."""
    blocks: list[Block] = []
    builder: _GridBuilder | None = None
    counter = 0
    for line in lines:
        if line.blank or is_page_mark(line.text):
            continue
        cells = spaced_cells(line.text)
        wide = builder is not None and len(cells) >= 2 and _WIDE_GAP.search(line.text.strip())
        if _looks_spaced_row(line.text) or wide:
            if builder is None:
                counter += 1
                builder = _GridBuilder(f"{id_prefix}{counter}", "spaced")
            for text, offset in cells:
                builder.add_cell(text, line.start + offset)
            builder.end_row()
            continue
        stripped = line.text.strip()
        lead = len(line.text) - len(line.text.lstrip())
        if builder is not None and len(drop_ruby(stripped)) <= 40:
            # short lines inside a table region are one-cell rows (labels split over lines); a
            # mirror's inline pinyin (資(zī)金) is no part of the length; a label and its figure
            # one space apart are two cells, an indicator row with a long name its cells
            for text, offset in label_and_figure(line.text) or level_name_target(line.text) or [(stripped, lead)]:
                builder.add_cell(text, line.start + offset)
            builder.end_row()
            continue
        if builder is not None:
            grid = builder.finish()
            if grid:
                blocks.append(grid)
            builder = None
        blocks.append(Paragraph(stripped, line.start + lead, line.start + lead + len(stripped)))
    if builder is not None:
        grid = builder.finish()
        if grid:
            blocks.append(grid)
    return blocks


def _is_separated(lines: list[_Line]) -> bool:
    """Cells written on their own lines with a lone ``|`` line after each: no line mixes text
    and a pipe, and the separators are frequent enough to be structure, not stray marks."""
    lone = sum(1 for ln in lines if ln.text.strip() == "|")
    mixed = sum(1 for ln in lines if "|" in ln.text and not _PIPE_ONLY.match(ln.text))
    bare = sum(1 for ln in lines if not ln.blank and "|" not in ln.text)
    return mixed == 0 and lone >= max(4, bare // 3)


def _parse_separated(lines: list[_Line], id_prefix: str) -> list[Block]:
    """``text`` lines closed by a lone ``|``: each run of lines is one cell (a cell printed over
    several lines stays one cell), a ``|`` with no text before it is an empty cell.  Row breaks
    are not printed, so the cells form one stream row that segmentation re-rows; lines left
    after the last separator are narrative."""
    builder = _GridBuilder(f"{id_prefix}1", "pipe")
    pending: list[_Line] = []
    for line in lines:
        if line.blank:
            continue
        if line.text.strip() != "|":
            pending.append(line)
            continue
        if not pending:
            builder.add_cell("", line.start + line.text.index("|"))
            continue
        builder.add_cell(pending[0].text, pending[0].start)
        for extra in pending[1:]:
            builder.extend_last(extra.text, extra.start)
        pending = []
    blocks: list[Block] = []
    grid = builder.finish()
    if grid is not None:
        blocks.append(grid)
    for line in pending:
        stripped = line.text.strip()
        lead = len(line.text) - len(line.text.lstrip())
        blocks.append(Paragraph(stripped, line.start + lead, line.start + lead + len(stripped)))
    return blocks


def _is_cell_pipe(text: str) -> bool:
    """``text |`` or ``text |||``: one cell per line — text with no pipe, then pipes and spaces
    only.  Read in one pass (a regex for it backtracks quadratically on a long line that ends
    otherwise, and a hostile paste may hold a 200 KB one)."""
    bar = text.find("|")
    return bar > 0 and not text[:bar].isspace() and all(ch == "|" or ch.isspace() for ch in text[bar:])


def _cell_pipes(lines: list[_Line]) -> tuple[bool, bool]:
    """Whether every cell sits on a line of its own ending in ``|`` (a markdown-ish converter's
    print), rows closed by pipe-only lines: such lines are most of the lines that hold text and a
    pipe; the pipes after a cell's text beyond its own are then the empty cells of its merge.
    Second: whether a lone ``|`` is the row closer — no line mixes cells, none closes with more."""
    cells = mixed = 0
    closers: list[int] = []
    for ln in lines:
        if "|" not in ln.text:
            continue
        if _PIPE_ONLY.match(ln.text):
            closers.append(ln.text.count("|"))
        elif _is_cell_pipe(ln.text):
            cells += 1
        else:
            mixed += 1
    found = cells >= 8 and len(closers) >= 3 and cells >= 3 * mixed
    marks = [ln.text.strip() == "|" for ln in lines if not ln.blank]
    doubled = any(a and b for a, b in zip(marks, marks[1:], strict=False))  # ``|`` twice: empty cells
    return found, found and mixed == 0 and max(closers) == 1 and not doubled
