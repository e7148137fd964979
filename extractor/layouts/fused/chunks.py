"""Hand the forms of a run-together text to the segmenter as chunks the fused reader recognises.

Each chunk holds one row of cells: the stretches of the form's text between removed whitespace,
page markers and inline pinyin, each with its character span and its printed characters, so the
reader rebuilds the matching text (simplified characters, ``text.matching``) without losing
provenance or the printed text.
"""

from __future__ import annotations

import bisect
import re

from extractor.classify import classify_title, classify_vocabulary
from extractor.grid import Cell, IngestedDocument
from extractor.ingest.text_gaps import gap_separated
from extractor.ingest.text_grid import split_lines
from extractor.layouts.fused import lexicon as lx
from extractor.layouts.fused.scan import looks_fused, scan
from extractor.layouts.fused.tail import paragraph_tail, tail_chunk
from extractor.layouts.fused.text import CleanText, clean_text, matching, without_markers
from extractor.segment.types import FormChunk, Row
from extractor.vocab.key import drop_ruby, simplified
from extractor.vocab.page import is_page_furniture

FUSED_GRID = "fused"
# tables whose cells the file itself states: their flattened text is never a table run together
_STATED_CELLS = frozenset({"docx", "xlsx", "html"})


def fused_chunks(doc: IngestedDocument) -> list[FormChunk]:
    """The forms of a document whose tables arrived run together; empty for any other document
    (a Word file's table with spaced-out labels flattens into one long line that looks fused)."""
    if any(grid.kind in _STATED_CELLS for grid in doc.grids):
        return []
    if (alone := paragraph_tail(doc)) is not None:  # a table's tail printed as one line of prose
        return [alone]
    lines = split_lines(doc.text)
    gaps = gap_separated(lines)
    # only a gap-separated page's lines are asked: a spaced table's rows also open with their labels;
    # a page gapped only below its first lines is asked of its unspaced lines alone
    texts = [line.text for line in lines]
    rows = rows_run_together(texts) if gaps else _gapped_below(texts) and rows_run_together(texts, unspaced=True)
    if gaps and not rows:
        return []  # a web page's cells one per line between blank lines: a header row run together is one line
    claim = simplified(drop_ruby(doc.text))  # a mirror's traditional print with pinyin claims as its words do
    if (not looks_fused(claim) and not looks_fused(_unspaced_long_lines(claim, every=rows))
            and not looks_fused(simplified(drop_ruby(without_markers(doc.text))))):
        return []
    ct = clean_text(doc.text)
    forms = [f for f in scan(ct.text) if f.ind_columns or f.funds_columns]
    chunks: list[FormChunk] = []
    for i, form in enumerate(forms):
        title = ct.text[form.title[0]:form.title[1]] if form.title else ""
        form_type = classify_title(title) if title else None
        title = ct.printed[form.title[0]:form.title[1]] if form.title else ""
        confidence = 0.8 if form_type else 0.5
        if form_type is None:
            form_type = chunks[-1].form_type if chunks else classify_vocabulary([ct.text[form.start:form.end]])[0]
        end = _before_footer(ct, form.start, form.end, doc.text) if rows else form.end
        row = Row(_cells(ct, form.start, end), FUSED_GRID)
        chunks.append(FormChunk(i, form_type, confidence, title, None, [row]))
    tail = tail_chunk(doc, ct.offsets[forms[0].start]) if forms and forms[0].start > 0 else None
    if tail is not None:  # an excerpt that opens on a form's last rows: read as a headless table
        for chunk in chunks:
            chunk.index += 1
        chunks.insert(0, tail)
    return chunks


_LONG_LINE = 300


def _before_footer(ct: CleanText, start: int, end: int, text: str) -> int:
    """``end`` held before the first page footer line after ``start`` (``主办单位…网站标识码:48252``,
    ``下一篇:…``): a page pasted row per line ends its last form there, not at the end of the text,
    so the footer's figures never run on into the total row."""
    at = ct.offsets[start] if start < len(ct.offsets) else len(text)
    pos = 0
    for line in text.splitlines(keepends=True):
        if pos > at and is_page_furniture(line):
            return min(end, bisect.bisect_left(ct.offsets, pos, start, end))
        pos += len(line)
    return end
# a row's label (a level word, a funds row) in a line that goes on to a figure among more text
_ROW_LABEL = re.compile(rf"{lx.LEVEL1.pattern}|{lx.LEVEL2.pattern}|{lx.FUND_ROW.pattern}")
_FIGURE = re.compile(r"\d")
_ROW_REST = 4  # characters after the label: a level word's stated points (产出指标(50分)) are fewer
_RUN_TOGETHER_ROWS = 3
_GAPPED_LINES = 5
_SPACE = re.compile(r"\s")


def _gapped_below(lines: list[str]) -> bool:
    """Blank lines follow at least ``_GAPPED_LINES`` printed lines: a site template that prints its
    header and the form's first rows tight and spaces the rest (a spaced or piped table, a text
    run together, prints no blank lines between its rows)."""
    gapped = sum(1 for a, b in zip(lines, lines[1:], strict=False) if a.strip() and not b.strip())
    return gapped >= _GAPPED_LINES


def rows_run_together(lines: list[str], unspaced: bool = False) -> bool:
    """Whether a web page's lines are its table's ROWS with their cells run together (a transfer
    payment pasted row per line: ``产出指标数量指标建设公路28.5公里28.5公里1010``), not one cell per
    line: at least three lines hold a row's label (after a broken word's first line, a numbered
    funds row: ``指标成本指标…``, ``1.财政拨款收入…``) and go on to more cells, a figure among them.
    A page printing one cell per line prints a label alone on its line (a row of text cells run
    together prints no figure).  ``unspaced``: only lines with no space left between their cells
    once spaced-out labels are closed up count (a spaced table's rows keep theirs)."""
    found = 0
    for line in lines:
        if unspaced and _SPACE.search(_close_up(line.strip())):
            continue
        text = simplified(re.sub(r"\s+", "", line)).replace("：", ":").replace("（", "(").replace("）", ")")
        m = _ROW_LABEL.search(text)
        rest = text[m.end():] if m else ""
        if len(rest) >= _ROW_REST and _FIGURE.search(rest):
            found += 1
            if found >= _RUN_TOGETHER_ROWS:
                return True
    return False
_ONE_HAN = re.compile(r"^[\u4e00-\u9fff]$")


def _close_up(line: str) -> str:
    """``一 级 指 标二 级 指 标`` → ``一级指标二级指标``: a space beside a lone Han character is a
    spaced-out label's; a space between words (``年初预算数 全年预算数``) stays."""
    tokens = line.split(" ")
    out = tokens[0]
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        out += ("" if _ONE_HAN.match(prev) or _ONE_HAN.match(tok) else " ") + tok
    return out


def _unspaced_long_lines(text: str, every: bool = False) -> str:
    """The text with spaced-out labels closed up in lines long enough to be a whole table run
    together (``every``: in every line, a page whose lines are rows run together); short lines
    keep their spaces, which may be a spaced table's only cell borders."""
    lines = text.splitlines()
    if not every and not any(len(line) > _LONG_LINE for line in lines):
        return text
    return "\n".join(_close_up(line) if every or len(line) > _LONG_LINE else line for line in lines)


def _cells(ct: CleanText, start: int, end: int) -> list[Cell]:
    """One cell per stretch of characters that stood next to each other in the source, and an
    empty cell spanning each page marker cut out between them (``chunk_text`` needs to know a
    marker from whitespace: a figure against a marker may have lent it a digit)."""
    cells: list[Cell] = []
    k = start
    while k < end:
        if k in ct.markers:
            a, b = ct.markers[k]
            cells.append(Cell("", 0, len(cells), char_start=a, char_end=b))
        j = k + 1
        while j < end and ct.offsets[j] == ct.offsets[j - 1] + 1:
            j += 1
        # a gap that held inline pinyin, not whitespace or a marker: the cell's span covers it (Cell.ruby)
        ruby = ct.offsets[j] - ct.offsets[j - 1] - 1 if j < end and j not in ct.spaces and j not in ct.markers else 0
        cells.append(Cell(ct.printed[k:j], 0, len(cells), char_start=ct.offsets[k],
                          char_end=ct.offsets[j - 1] + 1 + ruby, ruby=ruby))
        k = j
    if end in ct.markers and end > start:
        a, b = ct.markers[end]
        cells.append(Cell("", 0, len(cells), char_start=a, char_end=b))
    return cells


def is_fused_chunk(chunk: FormChunk) -> bool:
    return len(chunk.rows) == 1 and chunk.rows[0].grid_id == FUSED_GRID


def chunk_text(chunk: FormChunk) -> CleanText:
    """The matching text of a fused chunk with each character's source offset (the cells hold the
    printed characters)."""
    text: list[str] = []
    offsets: list[int] = []
    markers: dict[int, tuple[int, int]] = {}
    spaces: set[int] = set()
    glued = True  # the cell before ended against inline pinyin (or there is none)
    for cell in chunk.rows[0].cells:
        if not cell.text:  # a page marker cut out here
            markers[len(offsets)] = (cell.char_start or 0, cell.char_end or 0)
            glued = True
            continue
        if not glued:
            spaces.add(len(offsets))
        text.append(cell.text)
        offsets.extend((cell.char_start or 0) + i for i in range(len(cell.text)))
        glued = cell.ruby > 0
    return matching("".join(text), offsets, markers, frozenset(spaces))
