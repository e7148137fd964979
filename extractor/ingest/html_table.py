"""Turns one HTML ``<table>`` into a :class:`~extractor.grid.Grid` with spans in the right places.

Both unstructured's ``text_as_html`` (docx) and real web pages describe merged cells with
``rowspan``/``colspan``.  A cell's column is not its index in the ``<tr>``: cells spanning down
from rows above occupy positions, and later cells are pushed right past them.  We replay the
HTML table-placement rule on an occupancy map so that every anchor cell gets its true top-left
position, and pad holes (short rows) with blank cells so each position is covered exactly once.

Nested tables are flattened into the text of the outer cell that holds them: forms nest tables
for layout only, and the outer grid is the one the extractor must align.

:func:`blocks_from_elements` is the step every unstructured-based path shares: tables (whose
geometry arrives as HTML) become grids, everything else paragraphs, in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from typing import Any

from extractor.errors import NoFormFoundError
from extractor.grid import Block, Cell, Grid, GridKind, Paragraph

_MAX_SPAN = 1000  # a larger span is a broken attribute, not a layout
_BLOCK_TAGS = {"br", "p", "div", "li", "tr", "table"}
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")


class _Cell:
    __slots__ = ("parts", "rowspan", "colspan")

    def __init__(self, rowspan: int, colspan: int) -> None:
        self.parts: list[str] = []
        self.rowspan = rowspan
        self.colspan = colspan

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


class _TableParser(HTMLParser):
    """Collects the first top-level table as rows of raw cells (text + declared spans)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[_Cell]] = []
        self._depth = 0  # table nesting depth; 1 = the table we collect
        self._cell: _Cell | None = None
        self._finished = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._finished:
            return
        if tag == "table":
            self._depth += 1
            if self._depth > 1:
                self._newline()
            return
        if self._depth == 1 and tag == "tr":
            self._cell = None
            self.rows.append([])
        elif self._depth == 1 and tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
            values = dict(attrs)
            self._cell = _Cell(_span(values.get("rowspan")), _span(values.get("colspan")))
            self.rows[-1].append(self._cell)
        elif tag in _BLOCK_TAGS:
            self._newline()
        elif self._depth > 1 and tag in ("td", "th"):
            self._data(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("td", "th", "table", "tr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._finished:
            return
        if tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self._finished = True
            else:
                self._newline()
        elif self._depth == 1 and tag in ("td", "th", "tr"):
            self._cell = None
        elif tag in ("p", "div", "li"):
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self._finished and self._depth >= 1:
            self._data(data.replace("\n", " "))

    def _data(self, text: str) -> None:
        if self._cell is not None:
            self._cell.parts.append(text)

    def _newline(self) -> None:
        self._data("\n")


def _span(value: str | None) -> int:
    """Parses a span attribute; ``0`` (HTML: "to the end of the section") becomes -1."""
    if value is None:
        return 1
    try:
        n = int(value.strip().rstrip(";"))
    except ValueError:
        return 1
    if n == 0:
        return -1
    return min(max(n, 1), _MAX_SPAN)


def parse_html_table(html: str, grid_id: str, kind: GridKind, *, page: int | None = None) -> Grid:
    """Parses the first top-level ``<table>`` in ``html``; an html without one gives an empty grid."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return _place_cells(parser.rows, grid_id, kind, page=page)


def _place_cells(
    raw_rows: list[list[_Cell]], grid_id: str, kind: GridKind, *, page: int | None
) -> Grid:
    """Replays HTML cell placement: anchors skip positions already covered by spans from above."""
    n_rows = len(raw_rows)
    occupied: dict[tuple[int, int], bool] = {}
    anchors: list[Cell] = []
    for r, row in enumerate(raw_rows):
        col = 0
        for raw in row:
            while occupied.get((r, col)):
                col += 1
            rowspan = n_rows - r if raw.rowspan == -1 else min(raw.rowspan, n_rows - r)
            colspan = raw.colspan
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied[(r + dr, col + dc)] = True
            anchors.append(Cell(raw.text(), r, col, rowspan=rowspan, colspan=colspan, page=page))
            col += colspan
    width = max((c + 1 for (_, c) in occupied), default=0)
    for r in range(n_rows):  # pad holes so each position is covered exactly once
        for c in range(width):
            if not occupied.get((r, c)):
                anchors.append(Cell("", r, c, page=page))
    rows: list[list[Cell]] = [[] for _ in range(n_rows)]
    for cell in anchors:
        rows[cell.row].append(cell)
    for row_cells in rows:
        row_cells.sort(key=lambda c: c.col)
    return Grid(id=grid_id, kind=kind, rows=rows, page=page)


def grid_to_html(grid: Grid) -> str:
    """Serialises a grid back to an HTML table with spans (element metadata for built grids)."""
    from html import escape

    body = []
    for row in grid.rows:
        cells = []
        for c in row:
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            )
            cells.append(f"<td{attrs}>{escape(c.text).replace(chr(10), '<br/>')}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table>{''.join(body)}</table>"


# Element categories that carry no form content.
_SKIPPED_CATEGORIES = {"PageBreak", "Image", "Picture", "Figure"}


def blocks_from_elements(
    elements: Sequence[Any],
    kind: GridKind,
    table_html: Callable[[Any], str | None] | None = None,
) -> list[Block]:
    """Maps unstructured elements to grids (tables) and paragraphs, keeping their order.

    ``table_html`` supplies the HTML to parse for a table element when its ``text_as_html`` is
    not the best source (html input: unstructured drops the spans there).  Grid ids are ``t1``,
    ``t2`` … in reading order, unique within the document.
    """
    blocks: list[Block] = []
    n_tables = 0
    for element in elements:
        category = getattr(element, "category", type(element).__name__)
        page = getattr(element.metadata, "page_number", None)
        if category == "Table":
            html = table_html(element) if table_html else None
            html = html or getattr(element.metadata, "text_as_html", None)
            if html:
                n_tables += 1
                grid = parse_html_table(html, f"t{n_tables}", kind, page=page)
                grid.element_id = element.id
                if grid.n_rows:
                    blocks.append(grid)
                    continue
                n_tables -= 1
        if category in _SKIPPED_CATEGORIES:
            continue
        text = (element.text or "").strip()
        if text:
            blocks.append(Paragraph(text=text, page=page))
    return blocks


def require_content(blocks: Sequence[Block], source: str, kind: str) -> None:
    """Refuses a document that was read without error but holds no text at all."""
    if not blocks:
        raise NoFormFoundError(
            f"the {kind} file holds no text or tables",
            source=source,
            hint="if its pages are scanned images, upload them as PDF or image files for OCR",
        )
