"""Cut the text of a run-together indicator table into rows and cells.

Between two 一级/二级 words the table prints ``name value value … name value …`` with nothing in
between.  The header says which cells follow a name (分值 before 年度指标值 on 衔接资金 forms,
单位 / 性质 / 年初值 / 调整值 / 完成值 / 系数 / 权重 / 得分 / 核心 on Chongqing lists), and each kind of
cell has a shape: a number, a rate, ``≥266米``, a unit, 是/否.  Every cut consistent with those
shapes is ranked by how the cells read (a unit printed, 得分 ≤ 分值, 得分 = 分值 × 系数, a qualitative
target repeated as its actual: ``合格合格``), and the best tiling of the whole stretch wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.layouts.fused.borders import bordered, bordered_texts
from extractor.layouts.fused.lexicon import EXPLAIN, NATURE_WORDS, QUALITATIVE_STARTS, scrambled
from extractor.layouts.fused.numbers import close, numbers_at
from extractor.layouts.fused.points_tail import points_run
from extractor.values import parse_percent
from extractor.vocab.figure_runs import by_completion
from extractor.vocab.units import MEASURE_UNITS

SLOT_KIND = {
    "unit": "unit", "nature": "nature", "target": "measure", "adjusted": "measure", "actual": "measure",
    "coef": "pct", "weight": "num", "score": "num", "core": "core", "explain": "explain",
    "method": "method",  # 得分计算方法: empty, a formula text or a whole per cent (``method_options``)
}
# what an empty cell costs: columns a row nearly always fills cost more
_BLANK_COST = {"target": 1.0, "actual": 1.0, "adjusted": 0.1, "unit": 0.6, "nature": 0.3, "core": 1.0,
               "weight": 2.0, "score": 2.0, "coef": 2.0, "explain": 0.0, "method": 0.2}
# a 指标说明 phrase read as such: the name ends where it begins, never swallows it
_EXPLAIN_GAIN = 1.0
OPERATOR = re.compile(r"≥|≧|>=|≤|≦|<=|═|=|>|<|≈|不低于|不少于|不高于|不超过|大于等于|小于等于|大于|小于|高于|低于")
_OP = OPERATOR
_NOT_TEXT = re.compile(r"[\d%≥≧≤≦<>=═≈]")
_NUMBERED_NAME = re.compile(r"指标\d{1,2}:")  # a numbered name (指标2:森林覆盖率) opens the next row
# a text target ending a stretch: Han words with no 指 or 标 (an OCR'd level word, ``度意指满标``,
# may follow it) — not the next form's lead (``单位:万元``)
_LAST_TEXT = re.compile(r"(?:(?![指标])[\u4e00-\u9fff])+")
_MAX_NAME = 40
_MAX_QUALITATIVE = 8
_SKIP_COST = 6.0
_ROW_COST = 1.0
_DIGIT_CUT = 0.8
_COMPLETION_GAIN = 1.0
_YEAR_CUT = 2.0  # a year read as a measure of 年 cut off the date it opens (``2022年`` | ``9月底前``)
# Bounds on the search, beyond which a stretch is left unread (and reported) rather than guessed.
# The gold's longest stretch between two 一级/二级 words is 216 characters and takes 7,600 steps
# (cell readings tried and scored); a step costs about 15 µs, so the bounds keep one stretch
# under about a second whatever its text.
MAX_BODY = 600  # characters between two 一级/二级 words
MAX_STEPS = 50_000  # cell readings tried and scored in one stretch


@dataclass(frozen=True, slots=True)
class Slot:
    field: str
    start: int
    end: int
    kind: str  # num | pct | measure | qual | garbled | unit | nature | core | explain


@dataclass(slots=True)
class RowCut:
    name: tuple[int, int]
    slots: dict[str, Slot] = field(default_factory=dict)

    @property
    def end(self) -> int:
        return max([self.name[1], *[s.end for s in self.slots.values()]])


def row_template(columns: list[str]) -> list[str]:
    """The cells printed after the name, up to a free-text column (偏差原因 cannot be told from
    the next row's name in run-together text, so it is not read)."""
    out: list[str] = []
    for col in columns[columns.index("name") + 1:] if "name" in columns else []:
        if col not in SLOT_KIND:
            break
        out.append(col)
    return out


def _units_at(b: str, q: int) -> list[str]:
    """Units printed at ``q``, a rate unit (``元/人``, ``次/年``) as one."""
    units = [u for u in MEASURE_UNITS if b.startswith(u, q)]
    rates = [f"{u}/{v}" for u in units if b.startswith("/", q + len(u))
             for v in MEASURE_UNITS if b.startswith(v, q + len(u) + 1)]
    return units + rates


def _options(b: str, q: int, kind: str, *, unit_column: bool = False, qualitative: bool = False,
             criterion: bool = False, lone: bool = False) -> list[tuple[int, str]]:
    """(end, slot kind) of every cell of ``kind`` that can start at ``q``; ``unit_column``: a
    度量单位 column follows the measure (``97%`` may be 97 | %), ``qualitative``: the row's
    指标性质 says 定性 (its target is text, digits included: ``9月前``); ``criterion``: the row's
    target printed a dash, so its actual may be a rubric's criterion text (``目标明确、内容细化``);
    ``lone``: the measure is the row's only cell (a target form's name | 指标值), so a text target
    may end the stretch."""
    out: list[tuple[int, str]] = []
    if kind == "unit":
        out = [(q + len(u), "unit") for u in _units_at(b, q)]
    elif kind == "nature":
        out = [(q + len(w), "nature") for w in NATURE_WORDS if b.startswith(w, q)]
        if (op := _OP.match(b, q)) is not None:
            out.append((op.end(), "nature"))  # a 指标性质 column printing the target's operator (>=, ≤)
        if not out and len(b) >= q + 4 and scrambled(b[q:q + 4], ("定量指标", "定性指标")) and "指" in b[q:q + 4]:
            out.append((q + 4, "nature"))
    elif kind == "core":
        out = [(q + 1, "core")] if b[q:q + 1] in ("是", "否") else []
    elif kind == "explain":
        out = [(m.end(), "explain")] if (m := EXPLAIN.match(b, q)) else []
    elif kind == "method":
        out = method_options(b, q)
    elif kind in ("num", "pct"):
        out = [(n.end, kind) for n in numbers_at(b, q) if n.percent == (kind == "pct")]
    elif kind == "measure":
        out = _measure_options(b, q, lone)
        if unit_column:
            out += [(n.end - 1, "measure") for n in numbers_at(b, q) if n.percent]
        if qualitative:
            out += _qualitative_text(b, q)
        if criterion:
            out += _criterion_text(b, q)
        elif (dash := _DASH.match(b, q)) is not None:
            out.append((dash.end(), "blank"))
    return out


_MAX_METHOD = 16


def method_options(b: str, q: int) -> list[tuple[int, str]]:
    """A 得分计算方法 cell at ``q``: a whole figure of at most 100 with no ``%`` (the completion in
    per cent), or a formula text — Han words and punctuation, no figure or operator — that ends
    right before the next figure (the 得分 after it)."""
    out = [(n.end, "num") for n in numbers_at(b, q) if not n.percent and "." not in b[q:n.end]
           and (v := parse_percent(b[q:n.end])) is not None and v <= 100]
    for end in range(q + 1, min(len(b), q + _MAX_METHOD) + 1):
        if _NOT_TEXT.match(b, end - 1) or not re.match(r"[\u4e00-\u9fff，,、；;（）()]", b[end - 1]):
            break  # every character of it a word's (``6按…`` is a figure's end, not a formula)
        if end - q >= 2 and end < len(b) and b[end].isdigit():
            out.append((end, "method"))
    return out


# an empty cell printed as a dash (OCR reads — as 一): a rubric criterion's target
_DASH = re.compile(r"——|[一—\-](?![一—\-])")
_MAX_CRITERION = 30


def _criterion_text(b: str, q: int) -> list[tuple[int, str]]:
    """A rubric criterion's text after a dashed target (``目标明确、内容细化``): no figure or
    operator in it, ending right before the next figure (the 得分).  Only where the dash says
    the row is a criterion's: a measure column does not hold free text otherwise."""
    for end in range(q + 1, min(len(b), q + _MAX_CRITERION) + 1):
        if _NOT_TEXT.match(b, end - 1) or re.match(r"[A-Za-z]", b[end - 1]):
            return []
        if end < len(b) and b[end].isdigit() and end - q >= 2:
            return [(end, "criterion")]
    return []


def _qualitative_text(b: str, q: int) -> list[tuple[int, str]]:
    """A 定性 row's target text with digits in it (``9月前``, ``12月底前``): it ends in a Han
    character right before the next figure (the weight)."""
    out: list[tuple[int, str]] = []
    for end in range(q + 2, min(len(b), q + _MAX_QUALITATIVE + 4) + 1):
        text = b[q:end]
        if _OP.search(text) or "%" in text:
            break
        before_figure = end == len(b) or b[end].isdigit()
        if re.fullmatch(r"[\u4e00-\u9fff]", text[-1]) and re.search(r"\d", text) and before_figure:
            out.append((end, "qual"))
    return out


# how a qualitative target printed once begins (健全, 明显提升, 持续改善, 达到验收标准): a predicate,
# never the tail of a name (管护机制健全, 环境持续改善), which is a noun phrase
QUALITATIVE_HEAD = re.compile(
    r"(?:明显|持续|逐年|逐步|达到|达成|有效|显著|稳步|不断|进一步|基本|全面|按时|按期|及时|大幅|较大|"
    r"健全|完善|良好|合格|达标|优良|较好|提升|提高|改善|增强|满意|规范)"
)
# a date printed as a target or actual (2024年12月底前, 11月前, 6月25日, 2022年9月): a text with figures
_DATE = re.compile(r"(?:20\d{2}年)?\d{1,2}月(?:底|末|份)?(?:\d{1,2}日)?(?:前|以前|之前)?")


# a bound printed after its figure (``95%以上``, ``5万元以内``): the cell's operator (sample 15)
_BOUND_WORDS = ("及以上", "以上", "及以下", "以下", "以内")


def _measure_options(b: str, q: int, lone: bool = False) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    date = _DATE.match(b, q)
    if date is not None:
        out.append((date.end(), "date"))
    op = _OP.match(b, q)
    at = op.end() if op else q
    for n in numbers_at(b, at):
        out.append((n.end, "measure"))
        if n.percent:
            out.append((n.end - 1, "measure"))  # the % printed in a 度量单位 cell of its own
        if not n.percent:
            out.extend((n.end + len(u), "measure") for u in _units_at(b, n.end) if u != "%")
    out.extend([(end + len(w), "measure") for end, kind in out if kind == "measure"
                for w in _BOUND_WORDS if b.startswith(w, end)])
    if op:
        return out
    for size in range(1, _MAX_QUALITATIVE + 1):
        text = b[q:q + size]
        if len(text) < size or _NOT_TEXT.search(text) or re.search(r"[A-Za-z]", text):
            break
        after = b[q + size:q + size + 1]
        last = lone and not after and _LAST_TEXT.fullmatch(text) is not None
        if b[q + size:q + 2 * size] == text or b[max(0, q - size):q] == text:
            out.append((q + size, "qual"))
        elif (after.isdigit() or _NUMBERED_NAME.match(b, q + size) or last) and QUALITATIVE_HEAD.match(text):
            # printed once (a target form): where it starts is told by its words; it ends at a figure,
            # at the next row's numbered name (``持续改善指标2:森林覆盖率``) or, Han words only, at the
            # stretch's end (the next 一级/二级 word)
            out.append((q + size, "qual"))
    for size in range(2, 5):
        text = b[q:q + size]
        noisy = re.search(r"[\dA-Za-z]", text)
        if len(text) == size and not _NOT_TEXT.match(text) and noisy and _units_at(text, size - 1):
            out.append((q + size, "garbled"))
    return out


def groups_of(template: list[str]) -> list[list[str]]:
    """Adjacent cells that must be read together: unit/nature/target/adjusted/actual (a unit cell
    agrees with the measures, a qualitative target is repeated as its actual) and coef/weight/score
    (得分 ≤ 分值, 得分 = 分值 × 系数)."""
    measures = [i for i, f in enumerate(template) if _bound("target", f)]
    figures = [i for i, f in enumerate(template) if _bound("score", f)]
    if measures and figures and min(figures) < max(measures):
        return [list(template)]  # 指标值 | 指标权重 | 全年完成值 | 指标得分 (Chongqing department lists): one group,
        # so a text target and its actual with the weight between them are read together
    out: list[list[str]] = []
    for fld in template:
        if out and _bound(out[-1][-1], fld):
            out[-1].append(fld)
        else:
            out.append([fld])
    return out


def _bound(prev: str, fld: str) -> bool:
    measures = ("unit", "nature", "target", "adjusted", "actual")
    numbers = ("coef", "weight", "method", "score")
    return (prev in measures and fld in measures) or (prev in numbers and fld in numbers)


GroupOption = tuple[int, tuple[Slot, ...], float]


class _TooManySteps(Exception):
    """The search ran past ``MAX_STEPS``."""


def _group_options(b: str, q: int, fields: list[str], max_weight: Decimal, steps: list[int],
                   criteria: bool = False, lone: bool = False,
                   borders: frozenset[int] = frozenset()) -> list[GroupOption]:
    """Every reading of a group of cells from ``q`` (cells may be empty), each with its score;
    each reading tried counts against ``steps[0]`` (the steps left to the whole stretch); ``lone``:
    the row's one cell is its target."""
    out: list[GroupOption] = []

    def walk(i: int, pos: int, acc: list[Slot]) -> None:
        steps[0] -= 1
        if steps[0] < 0:
            raise _TooManySteps
        if i == len(fields):
            out.append((pos, tuple(acc), _group_score(b, fields, acc, max_weight, borders)))
            return
        walk(i + 1, pos, acc)
        if pos >= len(b):
            return
        kind_of = SLOT_KIND[fields[i]]
        unit_column = kind_of == "measure" and "unit" in fields[i + 1:]
        qualitative = kind_of == "measure" and any(x.field == "nature" and b[x.start:x.end] in ("定性", "定性指标")
                                                   for x in acc)
        criterion = fields[i] == "actual" and (criteria or any(x.field == "target" and x.kind == "blank" for x in acc))
        options = _options(b, pos, kind_of, unit_column=unit_column, qualitative=qualitative,
                           criterion=criterion, lone=lone)
        if kind_of == "measure" and borders:  # a verdict cell as printed (borders.py)
            options += [o for o in bordered_texts(b, pos, borders) if o not in options]
        for end, kind in options:
            acc.append(Slot(fields[i], pos, end, kind))
            walk(i + 1, end, acc)
            acc.pop()

    walk(0, q, [])
    return out


def _number(b: str, slot: Slot | None) -> Decimal | None:
    """The number of a num or pct cell (``100%`` → 100)."""
    return None if slot is None else parse_percent(b[slot.start:slot.end])


def _bare_value(b: str, slot: Slot) -> Decimal | None:
    """The figure of a cell with no unit, its operator aside (``≧281`` → 281): a target's sign says
    nothing of where its figure ends, so ``≧281306`` is ranked like ``281306``."""
    op = _OP.match(b, slot.start)
    return parse_percent(b[op.end() if op else slot.start:slot.end])


def _unit_of(b: str, slot: Slot) -> str | None:
    m = re.search(r"\d(\D+)$", b[slot.start:slot.end])
    return m.group(1) if m else None


def _group_score(b: str, fields: list[str], slots: list[Slot], max_weight: Decimal,
                 borders: frozenset[int] = frozenset()) -> float:
    got = {s.field: s for s in slots}
    s = 0.0
    for fld in fields:
        slot = got.get(fld)
        if slot is None:
            s -= _BLANK_COST[fld]
        elif slot.kind == "measure":
            s += 0.5 if _unit_of(b, slot) or b[slot.end - 1] == "%" else 0.2
            s -= _DIGIT_CUT if _cuts_digits(b, slot) else 0.0
            date = _DATE.match(b, slot.start)
            s -= _YEAR_CUT if b[slot.end - 1] == "年" and date is not None and date.end() > slot.end else 0.0
        elif slot.kind == "date":
            s += 0.5
        elif slot.kind == "garbled":
            s -= 0.8
        elif slot.kind == "explain":
            s += _EXPLAIN_GAIN
        elif slot.kind == "blank":
            s -= 0.2  # a printed dash: an empty cell, read as one
        elif slot.kind == "criterion":
            s += 0.5
    weight, score, coef = (_number(b, got.get(f)) for f in ("weight", "score", "coef"))
    method = got.get("method")
    if method is not None and method.kind == "num" and weight is not None and score is not None:
        s += 0.5 if close(weight * (_number(b, method) or 0) / 100, score, "0.06") else 0.0  # the completion
    if weight is not None and weight > max_weight:
        s -= 3.0
    if score is not None and score > max_weight:
        s -= 3.0  # no indicator scores more than its block's points
    if weight is not None and score is not None:
        s -= 3.0 if score > weight else 0.0
        if coef is not None:
            s += 1.0 if close(weight * coef / 100, score, "0.06") else -1.0
    if weight is not None and weight == 0 and "target" in fields:
        s -= 2.0  # an indicator printed with no points: a run of figures cut one digit short (``9|0|101001|0``)
    if "target" in fields and weight is not None and score is not None and 0 < weight == score:
        s += 0.4  # full marks, the common case, when the figures run on from the target (``2810810``: 28|10|8|10)
    s += _near(b, got.get("target"), got.get("actual")) if "weight" in fields else 0.0
    s += _completion(b, got)
    unit = got.get("unit")
    printed = {_unit_of(b, x) or ("%" if b[x.end - 1] == "%" else None) for x in slots if x.kind == "measure"}
    printed.discard(None)
    if printed:
        s += 0.5 if unit is not None and printed == {b[unit.start:unit.end]} else -0.5
    target, actual = got.get("target"), got.get("actual")
    if actual is not None and _OP.match(b, actual.start) and (target is None or not _OP.match(b, target.start)):
        s -= 2.0  # an operator belongs to the target; an actual printing one where the target has none is a mis-cut
    nature = got.get("nature")
    if nature is not None and b[nature.start:nature.end] in ("定性", "定性指标"):
        target = got.get("target")
        s += 0.5 if target is not None and target.kind == "qual" else -0.5  # a 定性 row's target is text
    quals = [x for x in slots if x.kind == "qual"]
    if any(b.startswith(QUALITATIVE_STARTS, x.start) for x in quals):
        s += 0.6  # the text target opens with a qualitative word (显著提升 after 履职效能)
    if len(quals) == 2:
        same = b[quals[0].start:quals[0].end] == b[quals[1].start:quals[1].end] and _figures_between(slots, *quals)
        if same:
            s += 1.5
        elif all(bordered(x.start, x.end, borders) for x in quals):
            s += 0.5  # two verdicts, each printed as a cell of its own (效果明显 达成预期指标)
        else:
            s -= 1.0
    elif quals and "actual" in fields and not (
            bordered(quals[0].start, quals[0].end, borders) and {"target", "actual"} <= set(got)
            and got["target"].kind == "date") and not _points_after(b, fields, got):
        # a qualitative value is printed as target and again as actual (a target form prints it once);
        # a verdict printed as its own cell after a date target is that row's actual (效果明显)
        s -= 2.0
    return s


def _points_after(b: str, fields: list[str], got: dict[str, Slot]) -> bool:
    """A text target printed once, then a bare run that may be the row's points, under a header
    naming no 分值/得分 (a transfer page's rows, ``points_tail``): the run is no actual, so the
    text need not be printed twice."""
    target, actual = got.get("target"), got.get("actual")
    if "weight" in fields or "score" in fields or target is None or actual is None or target.kind != "qual":
        return False
    return points_run(b[actual.start:actual.end])


def _near(b: str, target: Slot | None, actual: Slot | None) -> float:
    """A bare figure's actual within half to twice its target reads better than one cut far from it
    (``901010010``: 90 | 10 | 100 | 10, not 9 | 0 | 101001 | 0), where the group also holds the
    figures between them (Chongqing department lists)."""
    if target is None or actual is None or target.kind != "measure" or actual.kind != "measure":
        return 0.0
    t, a = _bare_value(b, target), _bare_value(b, actual)
    if t is None or a is None or t <= 0:
        return 0.0
    return 0.5 if t / 2 <= a <= t * 2 else 0.0


def _completion(b: str, got: dict[str, Slot]) -> float:
    """A run holding target, weight, actual and score (``2810810``) reads better where the score is
    the weight times the completion (``vocab.figure_runs.by_completion``), as forms score."""
    if not all(f in got for f in ("target", "actual", "weight", "score")):
        return 0.0
    if got["target"].kind != "measure" or got["actual"].kind != "measure":
        return 0.0
    values = {f: _bare_value(b, got[f]) for f in ("target", "actual", "weight", "score")}
    if any(v is None for v in values.values()):
        return 0.0
    return _COMPLETION_GAIN if by_completion({f: v for f, v in values.items() if v is not None}) else 0.0


def _figures_between(slots: list[Slot], first: Slot, second: Slot) -> bool:
    """Nothing but figure cells between a text target and its actual: ``合格合格``, or the 指标权重
    between them (``良好10良好``, Chongqing department lists print 指标值 | 指标权重 | 全年完成值)."""
    between = [x for x in slots if first.end <= x.start and x.end <= second.start]
    return sum(x.end - x.start for x in between) == second.start - first.end and all(
        x.kind in ("num", "pct") for x in between)


def _cuts_digits(b: str, slot: Slot) -> bool:
    """A measure cut out of a longer run of digits (``100%92%`` read as 10 | 0% …) is suspect."""
    before = b[slot.start - 1:slot.start] if slot.start else ""
    after = b[slot.end:slot.end + 1]
    return (before.isdigit() and b[slot.start].isdigit()) or (after.isdigit() and b[slot.end - 1].isdigit())


# what a name may print that is no figure: a bracketed unit (``(%)``, ``(元/人)``) and its slot number
_NAME_PARTS = re.compile(r"\([^()]{1,6}\)|^指标\d{1,2}:")


def _name_score(name: str) -> float:
    s = -_ROW_COST
    name = _NAME_PARTS.sub("", name) or name
    if len(name) == 1:
        s -= 2.0
    if re.search(r"\d", name):
        s -= 1.5
    if re.search(r"[A-Za-z]", name):
        s -= 0.5  # OCR noise more often than a Latin name
    if re.search(r"[≥≧≤≦<>=═%]", name):
        s -= 3.0
    if _SWALLOWED_ROW.search(name):
        s -= 4.0  # a figure then a dash and text: a rubric row's 分值 and empty target, never a name's
    return s


_SWALLOWED_ROW = re.compile(r"\d(?:——|[一—\-])[\u4e00-\u9fff]")


State = tuple[int, int, Decimal | None]  # (position, group index: 0 = a name next, the row's 分值 read so far)
Step = tuple[Slot, ...] | tuple[int, int] | None  # cells read, a name's span, or a skipped character
# a row whose 得分 exceeds its 分值 printed in an earlier group (衔接资金: 分值 | 指标值 | 实际值 | 得分)
_SCORE_OVER_WEIGHT = 3.0


def cut_rows(b: str, template: list[str], max_weight: Decimal = Decimal(100), criteria: bool = False,
             stock: str | None = None, borders: frozenset[int] = frozenset()) -> tuple[list[RowCut], int] | None:
    """The best tiling of ``b`` by rows (Viterbi over cells); returns the rows and how many
    characters had to be skipped as unreadable, or None when ``b`` is longer than ``MAX_BODY``
    or its search takes more than ``MAX_STEPS``: too long to cut reliably.  ``criteria``: the rows
    of a rubric's 项目决策 / 项目管理 group, whose actual may be a criterion's text with no dash
    before it (``目标完整性4目标明确、内容细化4``: the 分值 and 得分 bound it).  ``stock``: the text
    the table's reason column prints on every row (``stock.learn_stock``), read as that cell
    after a row's figures; printed twice after a row with no actual, the first is its actual.
    ``borders``: positions of ``b`` before which the source printed whitespace (``borders.py``)."""
    if len(b) > MAX_BODY:
        return None
    try:
        rows, skipped = _cut_rows(b, template, max_weight, [MAX_STEPS], criteria, stock, borders)
    except _TooManySteps:
        return None
    return [_stock_actual(row, template) for row in rows], skipped


def _stock_actual(row: RowCut, template: list[str]) -> RowCut:
    """A row that read one value (target or actual) followed by the stock text twice: the value is
    its target, the stock text its actual (the cell printed it) and its reason."""
    stock = sorted((s for s in row.slots.values() if s.kind == "stock"), key=lambda s: s.start)
    if len(stock) < 2 or not {"target", "actual"} <= set(template) or len({"target", "actual"} & set(row.slots)) != 1:
        return row
    slots = {f: s for f, s in row.slots.items() if s.kind != "stock"}
    lone = slots.pop("target", None) or slots.pop("actual")
    slots["target"] = Slot("target", lone.start, lone.end, lone.kind)  # the value before the stock texts
    slots["actual"] = Slot("actual", stock[0].start, stock[0].end, "qual")
    slots["deviation"] = stock[1]
    return RowCut(row.name, slots)


_STOCK_GAIN = 0.5  # the stock text read as its column rather than opening the next name


def _cut_rows(b: str, template: list[str], max_weight: Decimal, steps: list[int], criteria: bool = False,
              stock: str | None = None, borders: frozenset[int] = frozenset()
              ) -> tuple[list[RowCut], int]:
    """Viterbi over (position, group, 分值 so far): the row's 分值 travels with the state, so a
    得分 printed groups later (after the measures) is still held to it."""
    groups = groups_of(template)
    n = len(groups)
    best: dict[State, tuple[float, State | None, Step]] = {(0, 0, None): (0.0, None, None)}
    at: dict[int, set[State]] = {0: {(0, 0, None)}}

    def offer(state: State, score: float, prev: State, what: Step) -> None:
        if state not in best or score > best[state][0]:
            best[state] = (score, prev, what)
            at.setdefault(state[0], set()).add(state)

    option_cache: dict[tuple[int, int], list[GroupOption]] = {}
    for q in range(len(b) + 1):
        order = {g: k for k, g in enumerate([*range(1, n + 1), 0])}  # empty cells end a row at the same position
        pending = sorted(at.get(q, set()), key=lambda s: order[s[1]])
        done: set[State] = set()
        while pending:
            state = pending.pop(0)
            if state in done:
                continue
            done.add(state)
            _, g, weight = state
            here = best[state][0]
            if g == 0:
                if q < len(b):
                    offer((q + 1, 0, None), here - _SKIP_COST, state, None)
                    if stock and b.startswith(stock, q):
                        end = q + len(stock)
                        offer((end, 0, None), here + _STOCK_GAIN, state, (Slot("deviation", q, end, "stock"),))
                    if not _NOT_TEXT.match(b[q]):
                        for end in range(q + 1, min(len(b), q + _MAX_NAME) + 1):
                            offer((end, 1 if n else 0, None), here + _name_score(b[q:end]), state, (q, end))
                continue
            if (q, g) not in option_cache:
                options = _group_options(b, q, groups[g - 1], max_weight, steps, criteria,
                                         template == ["target"], borders)
                option_cache[(q, g)] = [o for o in options if not stock or not any(
                    x.kind == "qual" and b[x.start:x.end] == stock for x in o[1])]  # the stock text is its own cell
            for end, slots, score in option_cache[(q, g)]:
                got = {s.field: s for s in slots}
                w = _number(b, got.get("weight")) if "weight" in got else weight
                sc = _number(b, got.get("score"))
                if "weight" not in got and w is not None and sc is not None and sc > w:
                    score -= _SCORE_OVER_WEIGHT
                nxt: State = (end, g + 1, w) if g < n else (end, 0, None)
                offer(nxt, here + score, state, slots)
                if end == q:  # an empty group: the next group starts here too
                    pending.append(nxt)
                    pending.sort(key=lambda s: order[s[1]])
    final: State = (len(b), 0, None)  # a row ends with its 分值 forgotten: one final state
    if final not in best:
        return [], len(b)
    return _trace(best, final)


def _slots_of(pending: list[Slot]) -> dict[str, Slot]:
    """A row's cells by field; stock cells (a reason printed twice) each under a key of its own."""
    out: dict[str, Slot] = {}
    for k, slot in enumerate(pending):
        out[f"stock{k}" if slot.kind == "stock" else slot.field] = slot
    return out


def _trace(best: dict[State, tuple[float, State | None, Step]], state: State) -> tuple[list[RowCut], int]:
    rows: list[RowCut] = []
    skipped = 0
    pending: list[Slot] = []
    while True:
        _, prev, what = best[state]
        if prev is None:
            break
        if what is None:
            skipped += 1
        elif isinstance(what, tuple) and what and isinstance(what[0], int):
            rows.append(RowCut(what, _slots_of(pending)))
            pending = []
        else:
            pending.extend(what)
        state = prev
    rows.reverse()
    return rows, skipped
