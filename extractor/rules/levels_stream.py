"""A column-scrambled stream whose merged 一级/二级 cells come as one block after its rows.

Seen (Hubei-style templates, ``三级指标 | 年初目标值(A) | 实际完成值(B) | 得分``, some with 分值): each row
prints its figures and then its tall name cell (``≥96% 96% 15 补助发放准确率``, a name wrapped into
``受益 对象满意度``), and the level words, with the points of each 一级 (``产出指标 (60 分)``), follow
the last row.  A row is its value group and the name run up to the next group; the reading is kept
only when every group is certain (target and actual each with a figure or an operator, or the same
text twice: a name ending ``（%）`` before ``≧47 40.3`` is no target) and
every run is a name of one or two pieces with no figure in it.  The block's words are placed by
``rules/levels_after`` (printed points and template order), else left empty with its finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.grid import Cell
from extractor.rules.cells import joined_value, measure_value, number_value, traced
from extractor.rules.header_fragments import HEAD, is_header_fragment
from extractor.rules.levels_after import block_of_cells, place_levels
from extractor.rules.stream_nature import NATURE_WORDS, UNIT_WORDS, NatureCells, fill_nature, nature_cells, split_signs
from extractor.segment.types import Row
from extractor.values import is_numeric, normalize_operator, parse_measure, squash
from extractor.vocab import TOTAL_ROW_RE, is_level_word
from schemas.common import Finding, Indicator, IndicatorGroup, Measure, Value

Token = tuple[Row, Cell]
STREAM_CONFIDENCE = 0.6  # a cell placed by its order in a stream, not by a printed border
_REASON_ENDS = ("。", "；", ";")
_FIGURE = re.compile(r"\d+(\.\d+)?")  # a bare 分值 / 得分 (not 71万元, which parses as a number too)
_MAX_VALUE = 16  # a target or actual longer than this is a name or a reason, not a value cell
_SERIAL = re.compile(r"^★?指标\d+[：:]")  # 指标1：养护道路里程 (the name's serial is no figure of a value)


@dataclass(slots=True)
class BlockRows:
    indicators: list[Indicator]
    groups: list[IndicatorGroup]
    finding: Finding
    weighted: bool


def _certain(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or normalize_operator(text) is not None


@dataclass(slots=True)
class _Group:
    """One row's values: target and actual (a cell each, pieces of a wrapped cell, or the two halves
    of one glued cell), the 分值 / 得分 figures printed, and how many tokens the group spans."""

    target: list[Token]
    actual: list[Token]
    target_text: str
    actual_text: str
    figures: list[Token]
    span: int
    nature: NatureCells | None = None  # the row's sign, target, unit and actual where a 指标性质 column prints


def _text(tok: Token) -> str:
    return squash(tok[1].clean)


def _is_figure(tok: Token) -> bool:
    return bool(_FIGURE.fullmatch(_text(tok)))


def _value_cell(text: str) -> bool:
    """A cell that can be a target or actual: no reason sentence, not too long, not a serial name."""
    return not text.endswith(_REASON_ENDS) and len(text) <= _MAX_VALUE and not _SERIAL.match(text)


def _plain_piece(tok: Token) -> bool:
    """A piece of a wrapped text value: no figure, no operator, no level word, no reason."""
    text = _text(tok)
    return _value_cell(text) and not _certain(text) and not is_level_word(text)


def _figures_at(body: list[Token], i: int, width: int) -> list[Token]:
    out: list[Token] = []
    while len(out) < width - 2 and i + len(out) < len(body) and _is_figure(body[i + len(out)]):
        out.append(body[i + len(out)])
    return out


def _group_at(body: list[Token], i: int, columns: _Columns, *, short: bool = False) -> _Group | None:
    """The row's values that start at ``i`` (target, actual[, 分值], 得分), where certain: two cells each
    with a figure or an operator, the same text twice (``持续改善 持续改善 4``), one cell printing a text
    twice (``持续改善持续改善 4``), or a text wrapped into pieces printed twice (``达到验收标准 达到 验收标准
    35``).  ``short`` allows a numeric pair whose last figure (得分) went to the table's end."""
    for group in _candidates(body, i, columns):
        if group is None:
            continue
        width = columns.width
        figures = _figures_at(body, i + group.span, width)
        if len(figures) == width - 2 or short and len(figures) == width - 3 and _numeric(group):
            group.figures, group.span = figures, group.span + len(figures)
            return group
    return None


@dataclass(frozen=True, slots=True)
class _Columns:
    """What the header prints besides target and actual: 分值 (``width`` 4, else 3), 指标性质, 度量单位."""

    width: int
    nature: bool = False
    unit: bool = False


def _candidates(body: list[Token], i: int, columns: _Columns) -> list[_Group | None]:
    """The readings of the row's values that start at ``i``, most certain first."""
    if columns.nature:
        cells = nature_cells(body, i, columns.unit)
        if cells is None:
            return []
        return [_Group([cells.target], [cells.actual], _text(cells.target), _text(cells.actual), [], cells.span, cells)]
    first = _verdict_pair(body) if i == 0 else None  # no name before the first row: two verdicts are certain
    return [_pair(body, i), _glued_twin(body, i), *_wrapped_twins(body, i), first]


def _numeric(group: _Group) -> bool:
    if group.nature is not None:
        return _text(group.nature.nature) != "定性"
    return _certain(group.target_text) and _certain(group.actual_text)


def _pair(body: list[Token], i: int) -> _Group | None:
    if i + 1 >= len(body):
        return None
    target, actual = _text(body[i]), _text(body[i + 1])
    if not (_value_cell(target) and _value_cell(actual)):
        return None
    if target == actual and not is_numeric(target) or _certain(target) and _certain(actual):
        return _Group([body[i]], [body[i + 1]], target, actual, [], 2)
    return None


def _verdict_pair(body: list[Token]) -> _Group | None:
    """The first row's two different text values (``达到验收标准 达到预期 30 工程质量``): nothing stands
    before them but the header, so no name's piece can be one of them."""
    if len(body) < 2 or not _verdicts(body[0], body[1]):
        return None
    return _Group([body[0]], [body[1]], _text(body[0]), _text(body[1]), [], 2)


def _glued_twin(body: list[Token], i: int) -> _Group | None:
    """One cell printing the same text twice (target and actual glued by the text layer)."""
    if i >= len(body) or not _plain_piece(body[i]):
        return None
    text = _text(body[i])
    half = len(text) // 2
    if len(text) < 4 or len(text) % 2 or text[:half] != text[half:]:
        return None
    return _Group([body[i]], [body[i]], text[:half], text[half:], [], 1)


def _wrapped_twins(body: list[Token], i: int) -> list[_Group | None]:
    """Three or four pieces, none a figure or a level word, that join into the same text twice."""
    out: list[_Group | None] = []
    for n in (3, 4):
        pieces = body[i:i + n]
        if len(pieces) < n or not all(_plain_piece(t) for t in pieces):
            break
        texts = [_text(t) for t in pieces]
        for cut in (1, 2):
            target, actual = "".join(texts[:cut]), "".join(texts[cut:])
            if n - cut <= 2 and target == actual:
                out.append(_Group(pieces[:cut], pieces[cut:], target, actual, [], n))
    return out


def _header_words(tokens: list[Token]) -> str:
    return "".join(squash(c.clean) for _, c in tokens if is_header_fragment(c.clean))


def _weighted(tokens: list[Token]) -> bool:
    words = _header_words(tokens)
    return "分值" in words or "权重" in words


def stream_tokens(rows: list[Row]) -> list[Token]:
    """The stream's cells in print order (paragraph rows and empty cells left out)."""
    return [(r, c) for r in rows if not r.is_paragraph for c in r.cells if c.clean]


def has_stream_head(rows: list[Row]) -> bool:
    """Whether the rows print an indicator header's first word (alone or closed up with the next)."""
    return any(HEAD.match(squash(c.clean)) for _, c in stream_tokens(rows))


def reads_whole(rows: list[Row]) -> bool:
    """Whether the rows' indicator table (its header's first word up to 总分) reads whole as a
    figures-first stream with its level block after the rows: the print the scrambled layout reads,
    which a run-together reader must leave to it (a spaced header, ``一 级 指 标``, looks run together)."""
    tokens = stream_tokens(rows)
    head = next((k for k, t in enumerate(tokens) if HEAD.match(squash(t[1].clean))), None)
    if head is None:
        return False
    end = next((k for k in range(head, len(tokens)) if TOTAL_ROW_RE.match(squash(tokens[k][1].clean))), len(tokens))
    return read_block_rows(tokens[head:end]) is not None


def read_block_rows(tokens: list[Token]) -> BlockRows | None:
    """Indicators of a figures-first stream with its level block after the rows; None when the
    region is not one (no block, a name before the first figures, a row that is not certain)."""
    start = next((k for k in range(len(tokens)) if block_of_cells(tokens[k:]) is not None), None)
    if start is None:
        return None
    block = block_of_cells(tokens[start:])
    assert block is not None
    first_value = next((k for k, t in enumerate(tokens) if not is_header_fragment(t[1].clean)), 0)
    # header pieces the stream strays among its rows leave them; a single character after the header
    # (a unit, ``年``) is a value's, not a piece of 年度指标值
    body = [t for k, t in enumerate(tokens[:start])
            if not is_header_fragment(t[1].clean) or k >= first_value and len(_text(t)) == 1]
    weighted = _weighted(tokens[:first_value])
    width = 4 if weighted else 3
    words = _header_words(tokens[:first_value])
    columns = _Columns(width, any(w in words for w in NATURE_WORDS), any(w in words for w in UNIT_WORDS))
    if columns.nature:
        body = split_signs(body)
    late: list[Token] = []
    while body and _is_figure(body[-1]) and len(late) < 3:
        late.insert(0, body.pop())  # 得分 the rows lost to the table's end, before the block
    if not body or _group_at(body, 0, columns, short=bool(late)) is None:
        return None  # names before the figures: not this print
    rows: list[tuple[_Group, list[Token]]] = []
    i = 0
    while i < len(body):
        group = _group_at(body, i, columns, short=bool(late))
        if group is not None:
            rows.append((group, []))
            i += group.span
            continue
        rows[-1][1].append(body[i])
        i += 1
    indicators: list[Indicator] = []
    short: list[Indicator] = []  # rows one figure short: their 得分 went to the table's end
    doubtful: list[Indicator] = []  # rows read in part: a name or the values left empty
    for group, run in rows:
        name = _name_of(run)
        found = None if _name_run(name) else _hidden_row(name, width)
        if not _name_run(name) and found is None:
            return None
        ind = _indicator(group, name if found is None else found[1], weighted)
        reason = _reason_of(run) if found is None else []
        if reason:
            ind.deviation_reason = joined_value(reason, confidence=STREAM_CONFIDENCE)
        indicators.append(ind)
        if len(group.figures) < width - 2:
            short.append(ind)
        if found is not None:
            indicators.append(found[0])
            if not found[1]:  # the run also holds the next row's text values: where the name ends is unsure
                ind.name = Value[str]()
                doubtful += [ind, found[0]]
    if len(short) != len(late):
        return None  # the figures after the rows are not the short rows' 得分
    _place_late(short, late)
    if doubtful:  # rows the block's words cannot be counted on to follow
        return BlockRows(indicators, [], _doubtful_finding(doubtful, indicators), weighted)
    groups, finding = place_levels(block, indicators)
    return BlockRows(indicators, groups, finding, weighted)


def _hidden_row(run: list[Token], width: int) -> tuple[Indicator, list[Token]] | None:
    """A row whose values are two texts printed after the name before them (``… 群众办事便利度 明显提升 较好
    5 服务保障能力``): its figures and the name after them are certain.  Where the run before the figures
    is three single pieces (the row before's name, then the two verdicts) the cut is certain too and
    comes back as that name; otherwise (a wrapped name or value, a glued cell) the target and actual
    are left empty and the name is ``[]``.  None when the run is not one such row."""
    n = width - 2
    for j in range(len(run) - n, 0, -1):
        figures, name = run[j:j + n], _name_of(run[j + n:])
        if all(_is_figure(t) for t in figures) and _name_run(name):
            before = run[:j]
            # the row before's name and two verdicts: three pieces, or two where the text layer glued them
            if len(before) < 2 or any(_certain(_SERIAL.sub("", _text(t))) or is_level_word(_text(t)) for t in before):
                return None
            if len(before) == 3 and _verdicts(before[1], before[2]):
                group = _Group([before[1]], [before[2]], _text(before[1]), _text(before[2]), figures, n)
                return _indicator(group, name, width == 4), before[:1]
            return _indicator(_Group([], [], "", "", figures, n), name, width == 4), []
    return None


def _verdicts(target: Token, actual: Token) -> bool:
    """Two single value cells, neither a glued twin (``持续改善持续改善``, a name's piece before it)."""
    return all(_plain_piece(t) and _glued_twin([t], 0) is None for t in (target, actual))


def _doubtful_finding(doubtful: list[Indicator], indicators: list[Indicator]) -> Finding:
    refs = [f"indicators[{k}]" for k, ind in enumerate(indicators) if any(ind is d for d in doubtful)]
    return Finding(
        code="LAYOUT_ROW_AMBIGUOUS",
        severity="warning",
        message_zh=(f"指标行的文字目标值、实际值与前一行名称无法分开：{len(doubtful)} 行只读出确定的部分"
                    "（名称或目标值、实际值留空），一级/二级指标留空"),
        message_en=(f"text targets and actuals cannot be told from the name before them: {len(doubtful)} rows read "
                    "in part (a name or the target and actual left empty); levels left empty"),
        fields=refs,
        rule="indicators.levels_after_stream",
    )


def _place_late(short: list[Indicator], late: list[Token]) -> None:
    """The figures after the last row are, in order, the 得分 of the rows that printed one figure short."""
    for ind, (row, cell) in zip(short, late, strict=True):
        ind.score = number_value(row, cell, confidence=STREAM_CONFIDENCE)


def _reason(tok: Token) -> bool:
    return squash(tok[1].clean).endswith(_REASON_ENDS)


def _name_of(run: list[Token]) -> list[Token]:
    """The name in a row's run: what follows the reason sentence (the reason column, printed before
    the tall name cell, wraps too: ``部分资金 尚未拨付到位，…。 节约运行成本``)."""
    last = max((k for k, t in enumerate(run) if _reason(t)), default=-1)
    if any(_is_figure(t) for t in run[:last]):
        return run  # a reason after another row's figures: that row's, not this one's (never a name)
    return run[last + 1:]


def _reason_of(run: list[Token]) -> list[Token]:
    """The row's reason sentence, printed after its figures and before its name (``… 4.5 受天气影响工期延后，
    已督促加快实施。 设施正常使用年限``): the pieces up to the last one ending a sentence, none a figure."""
    last = max((k for k, t in enumerate(run) if _reason(t)), default=-1)
    if last < 0 or any(_is_figure(t) for t in run[:last + 1]):
        return []
    return run[:last + 1]


def _name_run(name: list[Token]) -> bool:
    """One or two pieces of a name, none with a figure."""
    pieces = [_SERIAL.sub("", squash(t[1].clean)) for t in name]
    return 1 <= len(pieces) <= 2 and not any(_certain(p) for p in pieces)


def _indicator(group: _Group, name: list[Token], weighted: bool) -> Indicator:
    conf = STREAM_CONFIDENCE
    ind = Indicator(
        name=joined_value(name, confidence=conf),
        target=_measure(group.target, group.target_text),
        actual=_measure(group.actual, group.actual_text),
    )
    if group.nature is not None:
        fill_nature(ind, group.nature, conf)
    figures = list(group.figures)
    if weighted and figures:  # 分值 first; a row one figure short lost its 得分 (placed later)
        (wr, wc) = figures.pop(0)
        ind.weight = number_value(wr, wc, confidence=conf)
    if figures:
        (sr, sc) = figures[0]
        ind.score = number_value(sr, sc, confidence=conf)
    ind.level1, ind.level2 = Value[str](), Value[str]()
    star = next((t for t in name if "★" in t[1].clean), None)
    if star is not None:  # a key indicator's mark
        ind.core = traced(star[0], [star[1]], True, confidence=conf)
    return ind


def _measure(cells: list[Token], text: str) -> Value[Measure]:
    """The value read from ``text`` (the cell, the joined pieces, or a glued cell's half), traced to its cells."""
    if not cells:
        return Value[Measure]()
    if len(cells) == 1 and squash(cells[0][1].clean) == text:
        row, cell = cells[0]
        return measure_value(row, cell, parse_measure(cell.clean), confidence=STREAM_CONFIDENCE)
    return traced(cells[0][0], [c for _, c in cells], parse_measure(text), confidence=STREAM_CONFIDENCE)
