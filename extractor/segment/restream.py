"""Re-row a form that lost its row breaks: a whole table pasted as one line of cells.

Web pages and PDF text often arrive as a single stream of cells (``项目名称 委托业务项目 主管部门 …
年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974 …``).  The rows are recovered from
what starts a row on these forms: a label (项目名称, 年度资金总额, 总分 …), a run of column headers,
an 一级/二级 word, or a name that follows a row's closing numbers (分值, 得分).  Cell positions are
then unknown, so the section readers align such rows by cell type rather than by column.  Cell
lines (one cell per line) are then cut again table by table under each table's header, since a
row printed rotated or short cells first defeats these row starts (``row_cut`` and its users).
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.classify import is_title
from extractor.grid import Cell
from extractor.segment.cell_wrap import join_header_halves, join_wrapped
from extractor.segment.export_names import is_sign_cell
from extractor.segment.funds_order import restore_funds_rows
from extractor.segment.indicator_order import restore_indicator_rows
from extractor.segment.row_order import restore_tall_names
from extractor.segment.section_order import restore_section_rows
from extractor.segment.sides_order import restore_side_rows
from extractor.segment.types import LINES_GRID, Row
from extractor.values import is_numeric, is_placeholder, normalize_operator, squash
from extractor.vocab import (
    FUNDS_COLUMNS,
    INDICATOR_COLUMNS,
    LEVEL1_RE,
    LEVEL2_RE,
    TOTAL_ROW_RE,
    fund_role,
    is_level,
    match_column,
)

MIN_STREAM_CELLS = 25
_LABEL_RE = re.compile(
    r"^(项目名称|主管部门|实施单位|单位名称|项目负责人|项目资金|资金情况|年度总体目标|总体目标|年度绩效目标|"
    r"绩效指标|项目总体情况|填报日期|项目类别|项目属性|项目类型|其他需要说明|评价结论|存在问题|改进措施|附件|"
    # a department declaration's duties and goal rows (dept_page: dev 17's text layer)
    r"部门(主要)?职能|(部门)?整体绩效目标)"
)
# the label a block prints once, in a merged cell beside all its rows; some exports print it on
# every row (资金情况（万元） | 年度资金总额 | …, 绩效指标 | 产出指标 | …)
_MERGED_LABEL = re.compile(r"^(项目资金|资金情况|资金投入情况|绩效指标$)")
_TAIL_MAX = 3  # characters of a bare level word that can end a name (成本, 满意度)
_BLOCK_LABELS = frozenset({"绩效指标", "年度绩效指标"})  # merged labels a template repeats per row
YEAR_FRAGMENT = re.compile(r"^(?=.)[（(]?(20\d{2})?年?度?[)）]?$")  # "(2022", "年度)" after a title
_GOALS_HEADER_END = re.compile(r"(实际完成情况|完成情况综述|全年完成情况|实际完成目标)$")


def is_stream(cells: list[Cell]) -> bool:
    """A row holding a whole form: far more cells than any form's widest row."""
    return sum(1 for c in cells if c.clean) >= MIN_STREAM_CELLS


_YEAR_ALONE = re.compile(r"^20\d{2}年?$")
_TITLE_PIECES = 3  # cells of a title's head before its last piece


def _title_head(current: list[Cell], text: str) -> bool:
    """The row so far is the head of the title ``text`` ends: a bare year (``2020``, ``2020年``),
    perhaps with the unit's name after it (``2023 年某局 整体绩效自评表``), the whole a title."""
    if not current or len(current) > _TITLE_PIECES or _YEAR_ALONE.match(squash(current[0].clean)) is None:
        return False
    rest = [c.clean for c in current[1:]]
    return all(not is_numeric(t) and not _LABEL_RE.match(squash(t)) for t in rest) and (
        not rest or is_title("".join([current[0].clean, *rest, text])))


def _name_tail(cells: list[Cell], at: int, current: list[Cell]) -> bool:
    """Cell ``at`` reads like a level word (``成本``, ``满意度``) but is the last piece of the name
    before it: a short bare word (no ``指标``) between a text that is no level word and a cell that
    is wholly a sign (``≥``, ``定性``) — a level cell is followed by a name, never by a sign."""
    key = squash(cells[at].clean)
    if at + 1 >= len(cells) or len(key) > _TAIL_MAX or key.endswith("指标") or not current:
        return False
    before = current[-1].clean
    return (not _level_cell(before) and not is_numeric(before) and not is_placeholder(before)
            and is_sign_cell(cells[at + 1].clean))


def _goals_header_end(key: str, current: list[Cell]) -> bool:
    """``key`` is the last column of the goals header the row so far opens (``年度总体目标 |
    年初设定目标``), though it starts with that label's words (``年度总体目标完成情况综述``)."""
    return (len(current) >= 2 and _GOALS_HEADER_END.search(key) is not None
            and _LABEL_RE.match(squash(current[0].clean)) is not None and "目标" in squash(current[0].clean))


def _header_word(text: str) -> bool:
    return bool(match_column(text, INDICATOR_COLUMNS) or match_column(text, FUNDS_COLUMNS))


def restream(row: Row, *, cell_lines: bool = False, notes: bool = False) -> list[Row]:
    """Split one stream row into the rows it printed.  ``cell_lines``: the cells were printed one
    per line, so each is whole — a numbered name (``指标2：人均补助标准``) after a row's scores
    opens the next row; in a PDF layer's one-line stream such a cell may be a fragment.
    ``notes``: a one-line export — a sentence after a row's scores is that row's note, whole or
    in the pieces its cell wrapped into (``受天气影响 工期延后，已督促 加快实施。``), not a name."""
    rows: list[list[Cell]] = []
    current: list[Cell] = []
    in_header = False
    numbers_in_row = 0

    def flush() -> None:
        nonlocal current, numbers_in_row
        if current:
            rows.append(current)
        current = []
        numbers_in_row = 0

    seen: set[str] = set()
    cells = join_header_halves(join_wrapped(row.cells))
    note_end = -1  # the last piece of the note being read
    indicators = False  # an indicator header was read: notes follow its rows' scores
    head_fields: list[str | None] = []  # the fields of the last header row read
    # a numbered name glued to its figures (``质量指标指标1：验收合格率≥93%``): a run-together tail, not cells
    # printed whole, so no numbered name is taken for a row start there
    numbered_cells = notes and not any(_GLUED_NUMBERED.search(squash(c.clean)) for c in cells)
    for at, cell in enumerate(cells):
        if at <= note_end:
            continue  # a piece of the note read with its first
        text = cell.clean
        if not text or is_placeholder(text) and not current:
            if current and text:
                current.append(cell)
            continue
        key = squash(text)
        if is_title(text):
            seen.clear()  # the next form prints its own labels
            indicators = False
        if key in ("一级指标", "三级指标"):
            indicators = True
        if cell_lines and _MERGED_LABEL.match(key):
            if key in seen:
                continue  # the funds block's merged label printed again on each of its rows
            seen.add(key)
        numeric = is_numeric(text)
        header = _header_word(text) and not numeric
        starts = False
        if is_title(text) and _title_head(current, text):
            pass  # ``2020 年度项目支出绩效自评表``: a title whose year the export cut off before it
        elif _goals_header_end(key, current):
            pass  # 年度总体目标 | 年初设定目标 | 年度总体目标完成情况综述: the header's last column
        elif is_title(text) or _LABEL_RE.match(key) or TOTAL_ROW_RE.match(key):
            starts = True
        elif current and is_title(current[0].clean) and not YEAR_FRAGMENT.match(key):
            # title (2022 年度) | the form: the title line ends at its year
            starts = all(YEAR_FRAGMENT.match(squash(c.clean)) for c in current[1:])
        elif len(current) > 1 and _YEAR_ALONE.match(squash(current[0].clean)) and is_title(current[-1].clean):
            starts = True  # 2023 | 年某局 | 整体绩效自评表 | the form: the title ends at its last piece
        elif (
            (header and not in_header and (key.startswith("一级") or match_column(text, FUNDS_COLUMNS)))  # header on
            or (in_header and not header)  # header over
            or (not numeric and fund_role(key) is not None and len(key) <= 15 and not _header_word(text))  # a fund
        ):
            starts = True
        elif notes and indicators and _name_tail(cells, at, current):
            pass  # 节约运行 | 成本 | ≥: a name's last piece that reads like a level word, before the row's sign
        elif is_level(LEVEL1_RE, text) and not (is_level(LEVEL2_RE, text) and _lone_level1(current)):
            starts = True  # 成本指标 after a lone 产出指标 is its 二级, not a new 一级
        elif is_level(LEVEL2_RE, text):
            starts = not (len(current) == 1 and is_level(LEVEL1_RE, current[0].clean))
        elif notes and indicators and numbers_in_row >= 2 and (end := note_pieces(cells, at)) is not None:
            note_end = end  # the note's pieces made one cell again
            cell = _joined(cells[at:end + 1]) if end > at else cell
        elif (not numeric and normalize_operator(key) is None and numbers_in_row >= 2 and not is_placeholder(key)
              and (not cell_lines and (not re.search(r"\d", key) or numbered_cells and _numbered_name(key, current))
                   or cell_lines and _row_name(key))):
            starts = True  # a name after a row's 分值 and 得分 (a blank mark — is no name)
        elif numbered_cells and indicators and numbers_in_row == 1 and _numbered_name(key, current):
            starts = True  # a target form's row ends at its one 权重 figure: the numbered name opens the next
        elif notes and indicators and numbers_in_row >= 2 and _BARE_NUMBER.match(key):
            starts = True  # Fushun's 三级 cell (指标2) after a row's scores: the next row under merged levels
        elif notes and indicators and numbers_in_row == 1 and _after_weight(cells, at, current, head_fields):
            starts = True  # a target form's row ended at its 权重 under a merged level: the next name
        if current and current[-1] is not None and _GOALS_HEADER_END.search(squash(current[-1].clean)):
            starts = True
        if starts:
            flush()
            in_header = header
            if header:
                head_fields = []
        if in_header and header:
            head_fields.append(match_column(text, INDICATOR_COLUMNS))
        current.append(cell)
        numbers_in_row += numeric
    flush()
    if cell_lines:
        order = {id(c): k for k, c in enumerate(c for r in rows for c in r)}
        rows = restore_side_rows(restore_section_rows(restore_tall_names(rows), order), order)
        # plain lines print nothing for an empty cell: an indicator table is cut by its header even in order
        rows = restore_indicator_rows(restore_funds_rows(rows, order), order, in_order=row.grid_id == LINES_GRID)
    return [Row(cells=_renumber(cells), grid_id=row.grid_id, page=row.page) for cells in rows]


_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOTE_PIECES = 4  # a wrapped note's tokens at most
_CLAUSE = re.compile(r"[，；,;]")


def _joined(cells: list[Cell]) -> Cell:
    first, last = cells[0], cells[-1]
    return replace(first, text=" ".join(c.clean for c in cells), char_end=last.char_end,
                   ruby=sum(c.ruby for c in cells))


def note_pieces(cells: list[Cell], at: int) -> int | None:
    """Where the note opening at ``at`` ends: the first of at most four texts (no figure, label,
    level word or title among them) that ends its sentence (``。``), when the texts up to it hold a
    clause mark (``，``) — a sentence, which no indicator name is; else None."""
    for end in range(at, min(len(cells), at + _NOTE_PIECES)):
        text = cells[end].clean
        key = squash(text)
        if (not text or is_numeric(text) or is_placeholder(text) or is_title(text) or _LABEL_RE.match(key)
                or TOTAL_ROW_RE.match(key) or is_level(LEVEL1_RE, text) or is_level(LEVEL2_RE, text)):
            return None
        if text.endswith("。"):
            return end if any(_CLAUSE.search(c.clean) for c in cells[at:end + 1]) else None
    return None


def _row_name(key: str) -> bool:
    """In cell lines, what can open an indicator row after the scores: text without figures or
    a numbered name (``指标2：人均补助标准``, ``1.培训人次``) whose digits only number it — not a
    figure with words around it (``每亩300``, ``325万元``) nor a sentence (the deviation note
    printed after the scores: ``个别群众对服务时效不满意，将改进工作方式。``)."""
    if re.search(r"[，。；,;]", key):
        return False
    digits = len(re.findall(r"\d", key))
    return digits == 0 or digits <= 2 and not re.match(r"^[\d.%]", key) and len(_HAN.findall(key)) >= 4


_NUMBERED_NAME = re.compile(r"^★?指标\d{1,2}[：:][^\d，。；,;]+$")


_BARE_NUMBER = re.compile(r"^指标\d{1,2}$")
_GLUED_NUMBERED = re.compile(r"指标\d{1,2}[：:]\D*\d")


def _numbered_name(key: str, current: list[Cell]) -> bool:
    """In a one-line export, a numbered name (``指标2：发放补助人数``) after a row's scores opens
    the next row: the export prints each cell whole between spaces, and the number and colon are
    the name's own (a PDF layer's fragment or a figure with words around it has no such head).
    A text with a digit after the head or a clause mark (a note: ``指标1：…，将加强宣传。``) is no
    name; nor is one after a bare ``指标2`` (a template's 三级 column numbering the 内容 beside it:
    which row that number opens is not certain here)."""
    if current and _BARE_NUMBER.match(squash(current[-1].clean)):
        return False
    return _NUMBERED_NAME.match(key) is not None


def _after_weight(cells: list[Cell], at: int, current: list[Cell], head_fields: list[str | None]) -> bool:
    """In a one-line export, cell ``at`` opens the next row of a target form whose header ends in
    its 权重 column: the row so far printed a name and every column after it, ending in its one
    figure, and from ``at`` a name and as many cells again, the last its figure (``带动农户增收
    >=196万元 10 节约运行成本 >=21万元 15``: the next row's level cells were merged and printed
    once).  The name is text without a figure, no sign, blank mark or block label; a row that
    dropped an empty cell or printed a value in pieces does not count right and is not cut here."""
    if not head_fields or head_fields[-1] != "weight" or "name" not in head_fields or not current:
        return False
    key = squash(cells[at].clean)
    if (re.search(r"\d", key) or normalize_operator(key) is not None or is_placeholder(key)
            or key in _BLOCK_LABELS or _MERGED_LABEL.match(key)):
        return False
    width = len(head_fields) - head_fields.index("name") - 1  # the cells a row prints after its name
    name_at = next((k for k, c in enumerate(current) if not _level_cell(c.clean)), None)
    if name_at is None or len(current) - name_at - 1 != width or not is_numeric(current[-1].clean):
        return False
    ahead = [c.clean for c in cells[at + 1:at + width + 1]]
    return len(ahead) == width and is_numeric(ahead[-1]) and not any(is_numeric(t) for t in ahead[:-1])


def _level_cell(text: str) -> bool:
    return is_level(LEVEL1_RE, text) or is_level(LEVEL2_RE, text)


def _lone_level1(current: list[Cell]) -> bool:
    return len(current) == 1 and is_level(LEVEL1_RE, current[0].clean)


def _renumber(cells: list[Cell]) -> list[Cell]:
    """Cells keep their source references (row/col in the original grid, character span)."""
    return cells
