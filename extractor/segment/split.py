"""Split an ingested document into form instances.

One file often holds several forms (four projects back to back, a 决算 narrative with a scoring
sheet and project tables in its annex).  Forms are found on a stream of *rows*: every grid row and
every paragraph (as a one-cell row), so a title is found whether it was pasted as a paragraph, a
one-cell table row or the first row of a Word table.  A form runs from its title to the next title,
or until narrative prose resumes after its tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from extractor.classify import classify_title, classify_vocabulary, is_title, refine_by_body
from extractor.grid import Cell, Grid, IngestedDocument, Paragraph
from extractor.segment.basic_data import attach, is_basic_data_heading, starts_sheet
from extractor.segment.cell_wrap import join_wrapped
from extractor.segment.export_fund_pieces import join_fund_pieces
from extractor.segment.export_header import join_cut_header, join_header_rows, place_sub_header, rejoin_late_header
from extractor.segment.export_interleave import split_interleaved
from extractor.segment.export_label_rows import join_label_row_content
from extractor.segment.export_late import cut_rows_at, restore_late_funds, restore_late_table
from extractor.segment.export_line import mend_funds_block, one_line_export
from extractor.segment.export_names import join_name_pieces
from extractor.segment.export_repeats import drop_repeated_labels
from extractor.segment.export_sheet import sheet_rows
from extractor.segment.export_title import join_title_piece
from extractor.segment.export_twins import join_twin_pieces
from extractor.segment.export_wrap import join_label_values, join_whereof, lift_choices
from extractor.segment.joined_header import split_joined_headers
from extractor.segment.label_wrap import join_wrapped_labels
from extractor.segment.merge import merge_split_forms
from extractor.segment.repeat import split_repeated_forms
from extractor.segment.report_form import attach_report, report_chunk
from extractor.segment.restream import YEAR_FRAGMENT, is_stream, restream
from extractor.segment.slot_rows import slot_column
from extractor.segment.types import LINES_GRID, FormChunk, Row
from extractor.values import drop_ruby, squash
from extractor.vocab import is_level_word
from extractor.vocab.forms import (
    DEPT_RUBRIC_WORDS,
    FORM_BODY_WORDS,
    FORM_ROW_LINE_RE,
    PROJECT_RUBRIC_WORDS,
    STATED_POINTS_RE,
)
from extractor.vocab.page import is_page_furniture, is_site_fact, is_site_tip

_LONG_PROSE = 60
_SLOT_CONFIDENCE = 0.8  # typed by the rows' template, not by a title


def row_stream(doc: IngestedDocument) -> list[Row]:
    """Every grid row and paragraph in reading order, cell runs re-rowed.  A cell's text comes
    without the pinyin a mirror prints after characters (``項(xiàng)目``): the readers match and
    measure the form's own words, and the cell's span still covers the printed characters."""
    rows: list[Row] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            cell = _unruby(Cell(block.text, 0, 0, char_start=block.char_start, char_end=block.char_end,
                                page=block.page))
            rows.append(Row([cell], None, block.page))
        elif isinstance(block, Grid):
            for cells in block.filled():
                cells = [_unruby(c) for c in cells]
                row = Row(cells, block.id, block.page)
                if is_stream(cells):
                    export = one_line_export(row)
                    if export is None:
                        rows.extend(restream(row))
                    else:
                        rows.extend(_export_rows(export))
                else:
                    rows.append(row)
    return join_wrapped_labels(_restream_cell_runs(_without_site_lines(rows)))


def _without_site_lines(rows: list[Row]) -> list[Row]:
    """``rows`` without a download site's lines about the file it offers (its facts, and the tips
    among them, numbered like pages): no cell of the form, and a reader counting page markers
    would count the tips."""
    out: list[Row] = []
    among = False
    for row in rows:
        texts = [c.clean for c in row.cells if c.clean]
        one = texts[0] if len(texts) == 1 else None
        if one is not None and (is_site_fact(one) or (among and is_site_tip(one))):
            among = True
            continue
        among = False
        out.append(row)
    return out


def _export_rows(export: Row) -> list[Row]:
    """A one-line export re-rowed: a score sheet by its header's column order, anything else by
    the stream's row starts, then what the export printed late or wrapped put back."""
    cells = join_fund_pieces(join_label_row_content(join_twin_pieces(join_title_piece(export.cells))))
    cells, starts = restore_late_table(restore_late_funds(cells))
    export = Row(rejoin_late_header(cells), export.grid_id, export.page)
    sheet = sheet_rows(export)
    if sheet is not None:
        return sheet
    rows = cut_rows_at(restream(export, notes=True), starts)
    rows = split_interleaved(join_header_rows(mend_funds_block(join_whereof(drop_repeated_labels(rows)))))
    return join_name_pieces(join_label_values(lift_choices(place_sub_header(join_cut_header(rows)))))


def _unruby(cell: Cell) -> Cell:
    """``cell`` without a mirror's inline pinyin, counting what was dropped (``Cell.ruby``)."""
    if "(" not in cell.text and "（" not in cell.text:
        return cell
    text = drop_ruby(cell.text)
    return cell if text == cell.text else replace(cell, text=text, ruby=cell.ruby + len(cell.text) - len(text))


_RUN_MIN = 25
_SPACED_SHARE = 0.05  # a grid of cell lines: few of its lines hold more than one cell
_SHORT_CELL = 60


def _restream_cell_runs(rows: list[Row]) -> list[Row]:
    """A long run of short one-cell rows is a table pasted one cell per line: re-row it."""
    out: list[Row] = []
    run: list[Row] = []

    def flush() -> None:
        cells = split_joined_headers([c for r in run for c in r.cells])
        # body words counted on the cells joined back (一级 / 指标 is a wrapped 一级指标)
        joined = join_wrapped(cells)
        if len(run) >= _RUN_MIN and (sum(_is_body_text(c.clean) for c in joined) >= 3 or _bare_level_header(joined)):
            out.extend(restream(Row(cells, run[0].grid_id or LINES_GRID, run[0].page), cell_lines=True))
        else:
            out.extend(run)
        run.clear()

    lines: dict[str | None, int] = {}
    wide: dict[str | None, int] = {}
    for row in rows:
        lines[row.grid_id] = lines.get(row.grid_id, 0) + 1
        wide[row.grid_id] = wide.get(row.grid_id, 0) + (len(row.nonblank) > 1)
    for row in rows:
        texts = row.nonblank
        cell_grid = row.grid_id is not None and wide[row.grid_id] <= _SPACED_SHARE * lines[row.grid_id]
        if run and cell_grid and (joined := _spaced_line(row)) is not None:
            row = joined  # a cell line with single spaces inside (1 至 2 项) that ingest cut at them
            texts = row.nonblank
        if texts and is_page_furniture(texts[0]):
            # a web page's footer or navigation line (its links cut at ``|``: ``内容保障 | 公务邮箱``)
            # is no cell of the table it borders: one cell, so that no reader takes its links for columns
            flush()
            out.append(_one_cell(row))
            continue
        if len(texts) <= 1 and all(len(t) <= _SHORT_CELL for t in texts):
            run.append(row)
            continue
        flush()
        out.append(row)
    flush()
    return out


_BARE_LEVELS = ["一级", "二级", "三级"]


def _bare_level_header(cells: list[Cell]) -> bool:
    """``一级`` / ``二级`` / ``三级`` as whole cells in a row: an indicator header whose words print
    no 指标 (a web page's declaration form), which no body word names."""
    keys = [squash(c.clean) for c in cells if c.clean]
    return any(keys[k:k + 3] == _BARE_LEVELS for k in range(len(keys) - 2))


def _one_cell(row: Row) -> Row:
    """``row``'s cells as one cell (its texts joined by spaces); a row of one cell as it is."""
    cells = [c for c in row.cells if c.clean]
    if len(cells) < 2:
        return row
    text = " ".join(c.clean for c in cells)
    joined = Cell(text, cells[0].row, cells[0].col, char_start=cells[0].char_start, char_end=cells[-1].char_end,
                  page=cells[0].page, ruby=sum(c.ruby for c in cells))
    return Row([joined], row.grid_id, row.page)


def _spaced_line(row: Row) -> Row | None:
    """One printed line that ingest cut into cells at single spaces, as one cell; None for any
    other row (cells apart by more than one space, on several lines, or longer than a cell)."""
    cells = [c for c in row.cells if c.clean]
    starts = [c.char_start for c in cells if c.char_start is not None]
    ends = [c.char_end for c in cells if c.char_end is not None]
    if len(cells) < 2 or len({c.row for c in cells}) != 1 or len(starts) != len(cells) or len(ends) != len(cells):
        return None
    if any(start != end + 1 for end, start in zip(ends, starts[1:], strict=False)):
        return None
    text = " ".join(c.clean for c in cells)
    if len(text) > _SHORT_CELL:
        return None
    joined = Cell(text, cells[0].row, cells[0].col, char_start=cells[0].char_start, char_end=cells[-1].char_end,
                  page=cells[0].page, ruby=sum(c.ruby for c in cells))
    return Row([joined], row.grid_id, row.page)


def _is_body_text(text: str) -> bool:
    return any(w in squash(text) for w in FORM_BODY_WORDS)


def _title_of(row: Row) -> str | None:
    """The row is a title when its only printed text names a form family.

    A Word title often sits in a merged first table row: the grid repeats it in every position
    the merge covers (or the author typed it into each cell), so repeats count once.
    """
    texts = _distinct_printed(row)
    while len(texts) > 1 and YEAR_FRAGMENT.match(squash(texts[-1])):
        texts = texts[:-1]  # 财政项目支出绩效自评表 | (2022 | 年度)
    if len(texts) == 1 and is_title(texts[0]):
        return _ATTACHMENT_LEAD.sub("", re.sub(r"[ \t]+", " ", texts[0]).strip())
    if len(texts) == 2 and is_title(texts[0]) and len(texts[1]) <= 30:  # title | 部门:xxx
        return texts[0].strip()
    if 2 <= len(texts) <= 4 and texts[-1].rstrip().endswith("表") and is_title("".join(texts)):
        return " ".join(t.strip() for t in texts)  # a title split at its spaces (2019 年某局 整体绩效自评表)
    return None


# an attachment's number printed before the title on its line (``附件 2: 部门整体…申报表``, dev 17)
_ATTACHMENT_LEAD = re.compile(r"^附件\s*\d{0,2}\s*[:：]\s*(?=\S)")


def _distinct_printed(row: Row) -> list[str]:
    """The row's printed texts with merge copies and side-by-side repeats counted once."""
    out: list[str] = []
    for cell in row.cells:
        text = cell.clean
        if not text or cell.continuation or (out and out[-1] == text):
            continue
        out.append(text)
    return out


_FORM_LABEL = re.compile(
    r"^(项目名称|主管部门|实施单位|实施[（(]主管[)）]单位|单位名称|部门名称|部门[（(]单位[)）]名称|预算单位|项目资金|资金情况|总体资金情况)"
)


def _has_form_body(chunk: FormChunk) -> bool:
    """A title followed only by page furniture (a web page's 标题 metadata naming the form) is a
    mention of the form, not the form; so is a list of forms under a 项目名称 column.  A form
    prints body words or at least two header labels."""
    if any(_is_body_row(r) or slot_column(r) is not None for r in chunk.rows):
        return True
    labels = {m.group(1) for r in chunk.rows for t in r.texts if (m := _FORM_LABEL.match(squash(t)))}
    return len(labels) >= 2


def _is_body_row(row: Row) -> bool:
    return any(w in squash(t) for t in row.texts for w in FORM_BODY_WORDS) or _is_rubric_row(row)


def _is_rubric_row(row: Row) -> bool:
    """A rubric's 一级 heading with its stated points (``20 分)项目决策``): a score sheet whose
    header and title lie above the excerpt (a PDF text layer) starts here."""
    text = squash("".join(row.texts))
    words = (*PROJECT_RUBRIC_WORDS, *DEPT_RUBRIC_WORDS)
    return any(w in text for w in words) and bool(STATED_POINTS_RE.search(text))


BeforeSegment = Callable[[IngestedDocument], list[FormChunk]]
SplitChunk = Callable[[FormChunk], "list[FormChunk] | None"]


def segment(
    doc: IngestedDocument, *, before: Sequence[BeforeSegment] = (), split: Sequence[SplitChunk] = ()
) -> list[FormChunk]:
    """Form instances of a document, in document order.

    The hooks come from the layout registry (``extractor.layouts.segment`` passes them), so this
    stage knows no layout: ``before`` hooks may claim the whole document (a run-together text is
    cut by its own vocabulary, not by titles) and the first that returns chunks wins; ``split``
    hooks may cut one found form into several (a target table listing several projects).
    """
    for hook in before:
        claimed = hook(doc)
        if claimed:
            return claimed
    rows = row_stream(doc)
    chunks: list[FormChunk] = []
    current: FormChunk | None = None
    seen_table = False

    def close() -> None:
        nonlocal current
        if current is not None and any(not r.is_paragraph for r in current.rows) and _has_form_body(current):
            _type_from_body(current)
            chunks.append(current)
        current = None

    basic: list[Row] | None = None  # a 基础数据表 held back for the form that follows it
    lead: list[Row] = []  # header lines (单位：万元, 预算年度：2024) printed just above a title
    above: list[Row] = []  # table rows before any form: an untitled form's header rows (项目名称 …)
    lead_above: list[Row] = []  # the header lines printed just above the first of those rows
    for row in rows:
        if is_basic_data_heading(row):
            close()
            basic = [row]
            continue
        title = _title_of(row)
        if title is not None and current is not None and _is_subtitle(current, title):
            current.context.append(title)  # 3.…-2023中央绩效目标表 under 项目支出绩效目标表 / (2023年)
            continue
        if title is not None:
            if current is not None:
                lead = _trailing_header_lines(current) + lead
            close()
            current = FormChunk(len(chunks), classify_title(title), 0.9, title, row)
            _add_lead(current, lead)
            lead = []
            seen_table = False
            if basic is not None:
                attach(basic, current)
                basic = None
            continue
        if basic is not None and current is None and not starts_sheet(row):
            basic.append(row)
            continue
        if current is None:
            slot = slot_column(row) is not None  # a Fushun indicator row: the template is a department's
            if (_is_body_row(row) and not row.is_paragraph) or _is_rubric_row(row) or slot:
                current = FormChunk(len(chunks), "dept_self_eval" if slot else None, _SLOT_CONFIDENCE if slot else 0.0,
                                    "", None)
                seen_table = False
                if basic is not None:
                    attach(basic, current)
                    basic = None
                taken = header_rows_above(above, row)
                _add_lead(current, lead if not above else lead_above if taken and taken[0] is above[0] else [])
                current.rows.extend(taken)
            else:
                if not row.is_paragraph and not above:
                    lead_above = lead if len(above) < _ABOVE_MAX else []
                lead = [*lead, row] if _is_header_line(row) else []
                above = [*above, row][-_ABOVE_MAX:] if not row.is_paragraph else []
                continue
        above = []
        if seen_table and row.nonblank and is_page_furniture(row.nonblank[0]):
            close()  # the page's footer after the form's rows: no row of it
            continue
        if row.is_paragraph:
            text = row.cells[0].clean
            long_prose = len(text) > _LONG_PROSE and not FORM_ROW_LINE_RE.match(text)
            if seen_table and (long_prose or _is_section_heading(text)):
                close()
                continue
            current.context.append(text)
            current.rows.append(row)
            continue
        seen_table = True
        current.rows.append(row)
    close()
    if basic is not None and chunks:  # printed after the last form: context of that form
        chunks[-1].context.extend(" | ".join(t.strip() for t in r.texts if t.strip()) for r in basic)
    chunks = merge_split_forms(chunks, _is_body_row)
    chunks = [part for c in chunks for part in split_repeated_forms(c)]
    chunks = attach_report(rows, chunks)
    if not chunks:
        report = report_chunk(rows)  # a self-evaluation report whose tables print no form title
        chunks = [report] if report is not None else _prose_form(rows)
    chunks = [part for c in chunks for part in _split(c, split)]
    for i, c in enumerate(chunks):
        c.index = i
    return chunks


# a numbered title (``3.法院办案业务…-2023中央绩效目标表``) naming one group of the projects listed
# under a form title printed just above it
_NUMBERED = re.compile(r"^(\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）])")


def _is_subtitle(current: FormChunk, title: str) -> bool:
    """A numbered title of the same form type right under an un-numbered one (only paragraphs
    such as ``(2023年)`` between them) heads a group of that form's projects, not a new form:
    the form keeps the title above, which names it."""
    return (current.title_row is not None and not any(not r.is_paragraph for r in current.rows)
            and bool(_NUMBERED.match(squash(title))) and not _NUMBERED.match(squash(current.title))
            and classify_title(title) in (None, current.form_type))


def _add_lead(chunk: FormChunk, lead: list[Row]) -> None:
    """Header lines printed above a form (预算年度：2019, 预算（单位）名称：…, 单位：万元) are its own:
    above its title, or above the first table row of a form whose title was cut off."""
    chunk.rows.extend(lead)
    chunk.context.extend(r.cells[0].clean for r in lead if r.is_paragraph)


_ABOVE_MAX = 16  # a 项目库 declaration prints a dozen label rows above its body (sample 61)


def header_rows_above(above: list[Row], first: Row) -> list[Row]:
    """The rows of ``first``'s table printed just above it when they open with a form's header
    labels (项目名称, 主管部门 …): an excerpt cut under its title starts with them, and the form
    starts at its first body row only because no title opened it."""
    rows = [r for r in above if r.grid_id == first.grid_id]
    if rows != above[len(above) - len(rows):]:
        return []
    labelled = [r for r in rows if _FORM_LABEL.match(squash(next(iter(r.nonblank), "")))]
    if not labelled and rows and any(is_level_word(t) for t in first.nonblank):
        return rows  # an excerpt that begins mid-table: indicator rows above the first 一级/二级 word
    return rows[rows.index(labelled[0]):] if labelled else []


_HEADER_LINE = re.compile(
    r"^(预算年度|填报年度|年度|评价年度|单位名称|预算[（(]单位[)）]名称|部门[（(]单位[)）]名称|部门名称|项目名称|主管部门|实施单位"
    r"|金额单位|单位)[:：]\S"
)
_YEAR_LINE = re.compile(r"^[（(]\d{4}年度?[)）]$")  # （2024年度） printed above a title that sits in its table


def _is_header_line(row: Row) -> bool:
    """A short ``label：value`` line (a paragraph or a one-cell row) naming the form's year, unit
    or money unit, or a bracketed year alone."""
    texts = row.nonblank
    if len(texts) != 1:
        return False
    text = squash(texts[0])
    return len(text) <= 40 and bool(_HEADER_LINE.match(text) or _YEAR_LINE.match(text))


def _trailing_header_lines(chunk: FormChunk) -> list[Row]:
    """Header lines after a form's last table row belong to the next form, whose title follows
    them inside its table (Word: the title in a merged first row, the header lines above it)."""
    k = len(chunk.rows)
    while k > 0 and _is_header_line(chunk.rows[k - 1]):
        k -= 1
    moved = chunk.rows[k:]
    if moved and any(not r.is_paragraph for r in chunk.rows[:k]):
        del chunk.rows[k:]
        n_paragraphs = sum(r.is_paragraph for r in moved)
        del chunk.context[len(chunk.context) - n_paragraphs:]
        return moved
    return []


def _split(chunk: FormChunk, hooks: Sequence[SplitChunk]) -> list[FormChunk]:
    """The parts the first split hook that claims the chunk cuts it into, else the chunk."""
    for hook in hooks:
        parts = hook(chunk)
        if parts is not None:
            return parts
    return [chunk]


_TITLE_IN_TEXT = re.compile(
    r"[^，。；\s|]{0,40}?(绩效自评表|绩效目标自评表|绩效目标表|绩效目标申报表|自评打分表|评分表)"
)


# column headings a table prints and prose does not (产出指标, 预算执行率, 自评得分 are said in reports too)
_COLUMN_HEADS = ("一级指标", "二级指标", "三级指标", "年初预算数", "全年预算数", "全年执行数", "年度指标值",
                 "实际完成值", "计分标准", "评分标准", "指标分值", "指标值", "分值", "权重", "收入构成", "支出构成",
                 "总体资金情况", "年度资金总额", "预算数", "执行率", "得分")


_HEADS_RE = re.compile("|".join(sorted(_COLUMN_HEADS, key=len, reverse=True)))


def _headings_touch(text: str) -> bool:
    """Two column headings printed against each other (``年初预算数全年预算数``, spaces
    removed): a table's header row run together.  Prose says them apart (一级指标3个，二级指标9个)."""
    ends = {m.end() for m in _HEADS_RE.finditer(text)}
    return any(m.start() in ends for m in _HEADS_RE.finditer(text))


def _prose_form(rows: list[Row]) -> list[FormChunk]:
    """A form pasted as run-together text (web pages, PDF text) with no cell structure left.

    It is still a form: its title is found inside the text and its paragraphs become the rows,
    so the extractor can read what the text keeps and say what it could not.  A title alone is
    not enough: a narrative report names its annexed forms and quotes their figures, so two
    column headings must follow printed against each other (one hidden report became a form
    built from prose).
    """
    for k, row in enumerate(rows):
        text = squash("".join(row.texts))
        m = _TITLE_IN_TEXT.search(text)
        window = squash("".join(t for r in rows[k:k + 15] for t in r.texts))
        body_hits = sum(w in window for w in FORM_BODY_WORDS) if any(w in text for w in FORM_BODY_WORDS) else 0
        if m is None and body_hits < 3:
            continue
        if not _headings_touch(window):
            continue  # a report naming a form, quoting its figures or its 一级指标 in prose, not the form
        title = m.group(0).strip(" ：:") if m else ""
        chunk = FormChunk(0, classify_title(title) if title else None, 0.6 if title else 0.0, title, None)
        chunk.rows = rows[k:]
        _type_from_body(chunk)
        return [chunk]
    return []


_SECTION = re.compile(r"^(附件\d*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)")


def _is_section_heading(text: str) -> bool:
    return bool(_SECTION.match(text))


def _type_from_body(chunk: FormChunk) -> None:
    """Fill the type of an untitled (or vaguely titled) form from its header vocabulary."""
    words = [t for r in chunk.rows[:40] for t in r.texts if t]
    if chunk.form_type:
        chunk.form_type = refine_by_body(chunk.form_type, chunk.title, words)
        return
    chunk.form_type, chunk.type_confidence = classify_vocabulary(words, title=chunk.title)
