"""Text-layer PDF ingest with pdfminer.six: ruled tables become grids, other text paragraphs.

Why not unstructured: ``unstructured.partition.pdf`` imports ``pi_heif``, ``pdf2image`` and
``unstructured_inference`` (the ``[pdf]`` extra, layout models from the Hugging Face hub) at module
level, so even ``strategy="fast"`` (pdfminer underneath) cannot be imported with our dependencies;
we read pdfminer's page objects directly.

Government forms are ruled tables, so the table geometry comes from the ruling lines
("lattice"): horizontal and vertical segments that cross form a table; their distinct positions
form a fine grid; a missing boundary between two fine cells means they are one merged cell,
which yields rowspan/colspan.  Characters are placed into cells by their centre.  Text outside
tables becomes one ``Paragraph`` per printed line, with wide gaps kept as tabs so that an
unruled table still reads as tab-separated rows.  Cell ``bbox`` is in PDF points with the origin
at the top-left of the page (the convention scans use in pixels).  A PDF without a text layer
(scanned pages) raises :class:`NeedsOcrError` for the OCR path.  Pages and inflated streams are
limited before pdfminer starts (:mod:`extractor.ingest.precheck`).
"""

from __future__ import annotations

import io
import logging
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from extractor.errors import InputError, JixiaoError, corrupt
from extractor.grid import Block, Cell, Grid, Paragraph
from extractor.ingest.elements import elements_for_blocks
from extractor.ingest.limits import DEFAULT_LIMITS, Limits, check
from extractor.ingest.pdf_device import counting_aggregator
from extractor.ingest.precheck import check_bytes

logger = logging.getLogger(__name__)

TOL = 2.0  # points: ruling lines closer than this are the same line
MIN_PAGE_CHARS = 20  # a page with fewer readable characters is treated as scanned


class NeedsOcrError(InputError):
    """The PDF has no usable text layer: its pages are images and must go through OCR."""

    def __init__(self, source: str, pages: list[int]) -> None:
        super().__init__(
            "the PDF has no text layer (scanned pages): it needs OCR",
            source=source,
            hint="send it through the OCR path, or upload a PDF exported from Word/WPS",
        )
        self.pages = pages


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class _Seg:
    horizontal: bool
    pos: float  # y for horizontal, x for vertical
    lo: float
    hi: float


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    chars: list[_Char]
    segments: list[_Seg]
    readable: int  # characters with a real Unicode mapping


def pdf_has_text_layer(data: bytes, source: str = "<pdf>", limits: Limits = DEFAULT_LIMITS) -> bool:
    """True when at least half the pages carry ``MIN_PAGE_CHARS`` readable characters.

    Interprets every page, as costly as :func:`pdf_blocks` (which raises :class:`NeedsOcrError`
    instead: call that when reading anyway); ``source`` names the file in the errors raised."""
    pages = list(_read_pages(data, source, limits))
    return bool(pages) and _text_page_share(pages) >= 0.5


def _text_page_share(pages: list[_Page]) -> float:
    return sum(p.readable >= MIN_PAGE_CHARS for p in pages) / max(len(pages), 1)


def pdf_blocks(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Block], list[Any]]:
    """Reads a text-layer PDF into grids and paragraphs in reading order, plus elements."""
    pages = list(_read_pages(data, source, limits))
    if not pages or _text_page_share(pages) < 0.5:
        raise NeedsOcrError(source, [p.number for p in pages if p.readable < MIN_PAGE_CHARS])
    blocks: list[Block] = []
    for page in pages:
        if page.readable < MIN_PAGE_CHARS and not (page.readable and page.segments):  # ruled: a table's last rows
            logger.warning("%s: page %d has no text layer; it is skipped", source, page.number)
            continue
        blocks += _page_blocks(page, first_grid=1 + sum(isinstance(b, Grid) for b in blocks))
    return blocks, elements_for_blocks(blocks, source)


# ---------------------------------------------------------------- reading


def _read_pages(data: bytes, source: str, limits: Limits) -> Iterator[_Page]:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    check_bytes(data, source, "pdf", limits, deep=True)  # opens in pdfium, pages, inflated streams
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        manager = PDFResourceManager(caching=True)
        device = counting_aggregator(manager, source, limits)  # raw objects; we do our own layout
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            # pdfium counted fewer
            check(limits, "max_pages", number, source, f"the PDF has over {limits.max_pages:,} pages")
            interpreter.process_page(page)
            yield _collect(device.get_result(), number)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            "the PDF is password-protected",
            source=source,
            hint="remove the password (print to a new PDF) and upload again",
        ) from None
    except JixiaoError:
        raise
    except Exception as exc:  # noqa: BLE001 - parser boundary on untrusted bytes
        raise corrupt(source, "pdf", f"{type(exc).__name__}: {exc}"[:200]) from None


def _collect(layout: Any, number: int) -> _Page:
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTRect

    chars: list[_Char] = []
    segments: list[_Seg] = []
    readable = 0
    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            text = item.get_text()
            if text.strip():
                chars.append(_Char(text, item.x0, item.y0, item.x1, item.y1, item.size or 1.0))
                readable += not text.startswith("(cid:")
        elif isinstance(item, LTRect):
            segments += _rect_edges(item.x0, item.y0, item.x1, item.y1)
        elif isinstance(item, LTCurve):
            segments += _path_edges(item.pts)
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return _Page(number, layout.height, chars, segments, readable)


def _rect_edges(x0: float, y0: float, x1: float, y1: float) -> list[_Seg]:
    if y1 - y0 <= TOL:  # a thin filled rectangle drawn as a rule
        return [_Seg(True, (y0 + y1) / 2, x0, x1)]
    if x1 - x0 <= TOL:
        return [_Seg(False, (x0 + x1) / 2, y0, y1)]
    return [
        _Seg(True, y0, x0, x1),
        _Seg(True, y1, x0, x1),
        _Seg(False, x0, y0, y1),
        _Seg(False, x1, y0, y1),
    ]


def _path_edges(pts: list[tuple[float, float]]) -> list[_Seg]:
    edges = []
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        if abs(ay - by) <= TOL and abs(ax - bx) > TOL:
            edges.append(_Seg(True, (ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= TOL and abs(ay - by) > TOL:
            edges.append(_Seg(False, (ax + bx) / 2, min(ay, by), max(ay, by)))
    return edges


# ---------------------------------------------------------------- tables from ruling lines


def _merge_collinear(segments: list[_Seg]) -> list[_Seg]:
    """Joins duplicate and touching segments (adjacent cell borders are drawn twice)."""
    merged: list[_Seg] = []
    for seg in sorted(segments, key=lambda s: (s.horizontal, round(s.pos / TOL), s.lo)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.horizontal == seg.horizontal
            and abs(last.pos - seg.pos) <= TOL
            and seg.lo <= last.hi + TOL
        ):
            last.hi = max(last.hi, seg.hi)
        else:
            merged.append(_Seg(seg.horizontal, seg.pos, seg.lo, seg.hi))
    return merged


def _table_groups(segments: list[_Seg]) -> list[list[_Seg]]:
    """Connected sets of crossing horizontal and vertical segments: one set per table."""
    segs = _merge_collinear(segments)
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, s in enumerate(segs) if s.horizontal]
    vs = [i for i, s in enumerate(segs) if not s.horizontal]
    for i in hs:
        h = segs[i]
        for j in vs:
            v = segs[j]
            if h.lo - TOL <= v.pos <= h.hi + TOL and v.lo - TOL <= h.pos <= v.hi + TOL:
                parent[find(i)] = find(j)
    groups: dict[int, list[_Seg]] = {}
    for i, seg in enumerate(segs):
        groups.setdefault(find(i), []).append(seg)
    return [g for g in groups.values() if 2 <= sum(s.horizontal for s in g) <= len(g) - 2]


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def _covers(segs: list[_Seg], pos: float, at: float) -> bool:
    return any(abs(s.pos - pos) <= TOL and s.lo - TOL <= at <= s.hi + TOL for s in segs)


@dataclass(slots=True)
class _Lattice:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom (descending PDF y)
    anchor_of: dict[tuple[int, int], tuple[int, int]]  # fine cell -> anchor fine cell
    spans: dict[tuple[int, int], tuple[int, int]]  # anchor -> (rowspan, colspan)

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, ch: _Char) -> bool:
        inside_x = self.xs[0] - TOL <= ch.cx <= self.xs[-1] + TOL
        return inside_x and self.ys[-1] - TOL <= ch.cy <= self.ys[0] + TOL

    def locate(self, ch: _Char) -> tuple[int, int]:
        col = min(max(bisect_left(self.xs, ch.cx) - 1, 0), len(self.xs) - 2)
        neg = [-y for y in self.ys]
        row = min(max(bisect_left(neg, -ch.cy) - 1, 0), len(self.ys) - 2)
        return self.anchor_of[(row, col)]


def _lattice(group: list[_Seg]) -> _Lattice | None:
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    xs = _cluster([s.pos for s in vs])
    ys = _cluster([s.pos for s in hs])[::-1]
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2:
        return None  # a single framed box is a bordered paragraph, not a table
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            k = parent[k]
        return k

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not _covers(vs, xs[c + 1], mid_y):
                union((r, c), (r, c + 1))
            if r + 1 < n_rows and not _covers(hs, ys[r + 1], mid_x):
                union((r, c), (r + 1, c))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in parent:
        members.setdefault(find(key), []).append(key)
    anchor_of: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for cells in sorted(members.values()):
        r0, c0 = min(r for r, _ in cells), min(c for _, c in cells)
        r1, c1 = max(r for r, _ in cells), max(c for _, c in cells)
        if (r0, c0) in anchor_of:  # a non-rectangular merge overlapping another: keep the first
            continue
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                anchor_of.setdefault((r, c), (r0, c0))
    return _Lattice(xs, ys, anchor_of, spans)


# ---------------------------------------------------------------- text


def _is_cjk(ch: str) -> bool:
    o = ord(ch[0])
    return 0x3000 <= o <= 0x303F or 0x3400 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Groups characters into printed lines (top to bottom), each sorted left to right."""
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (-c.cy, c.x0)):
        if lines and abs(lines[-1][0].cy - ch.cy) <= 0.5 * max(ch.size, lines[-1][0].size):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _line_text(line: list[_Char], *, tabs: bool) -> str:
    parts = [line[0].text]
    for a, b in zip(line, line[1:], strict=False):
        gap = b.x0 - a.x1
        if tabs and gap > 2.5 * b.size:
            parts.append("\t")
        elif gap > 0.25 * b.size and not (_is_cjk(a.text) and _is_cjk(b.text)):
            parts.append(" ")
        parts.append(b.text)
    return "".join(parts).strip()


def _cell_text(chars: list[_Char]) -> str:
    """Joins wrapped lines: no separator between CJK characters, a space otherwise."""
    out = ""
    for line in _lines(chars):
        text = _line_text(line, tabs=False)
        if out and not (_is_cjk(out[-1]) or _is_cjk(text[0])):
            out += " "
        out += text
    return out


# ---------------------------------------------------------------- blocks


def _page_blocks(page: _Page, first_grid: int) -> list[Block]:
    lattices = [lat for g in _table_groups(page.segments) if (lat := _lattice(g)) is not None]
    cell_chars: list[dict[tuple[int, int], list[_Char]]] = [{} for _ in lattices]
    loose: list[_Char] = []
    for ch in page.chars:
        for k, lat in enumerate(lattices):
            if lat.contains(ch):
                cell_chars[k].setdefault(lat.locate(ch), []).append(ch)
                break
        else:
            loose.append(ch)
    placed: list[tuple[float, Block]] = []
    for line in _lines(loose):
        text = _line_text(line, tabs=True)
        placed.append((max(c.y1 for c in line), Paragraph(text, page=page.number)))
    for k, lat in enumerate(lattices):
        placed.append((lat.top, _grid(lat, cell_chars[k], page)))
    placed.sort(key=lambda item: -item[0])
    blocks: list[Block] = []
    n = first_grid
    for _, block in placed:
        if isinstance(block, Grid):
            block.id = f"t{n}"
            n += 1
        blocks.append(block)
    return blocks


def _grid(lat: _Lattice, chars: dict[tuple[int, int], list[_Char]], page: _Page) -> Grid:
    """One lattice as a grid; its id is given in reading order by the caller."""
    rows: list[list[Cell]] = [[] for _ in range(len(lat.ys) - 1)]
    for (r, c), (rowspan, colspan) in sorted(lat.spans.items()):
        x0, x1 = lat.xs[c], lat.xs[c + colspan]
        top, bottom = lat.ys[r], lat.ys[r + rowspan]
        bbox = (round(x0, 1), round(page.height - top, 1), round(x1, 1), round(page.height - bottom, 1))
        text = _cell_text(chars.get((r, c), []))
        rows[r].append(Cell(text, r, c, rowspan=rowspan, colspan=colspan, page=page.number, bbox=bbox))
    return Grid(id="", kind="pdf", rows=rows, page=page.number)


