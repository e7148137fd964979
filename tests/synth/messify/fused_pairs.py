"""Which fused figures of run-together text a careful reader can still split with certainty.

Cells of one row printed against each other (``1515``, ``20100%``, ``202010100.00%10``) leave one
string whose boundaries between two digits are lost.  A reader who knows the column rules — a
figure has no leading zero and at most two decimals, a rate ends in ``%``, 得分 ≤ 分值 ≤ 100,
执行率 = 执行数 / 预算数, 得分 = 分值 × 执行率, nothing spent from a zero budget, a row's amounts
within ten times each other — is sure of the cut when exactly one cut obeys them (``1515`` can
only be 15 | 15: 1 | 515 scores over the weight, 151 | 5 weighs over 100).  Any other run (a run
across rows, a cell the gold cannot name, two allowed cuts, a printed value that breaks the
rules) stays uncertain and leaves the gold; of a funds row's allowed cuts, those reading a 0 % rate
count only where none reads a rate above 0 (``25002500100%`` is 2500 | 2500 | 100%).  This is the
messifier's own statement of the rule;
the reader states it in ``extractor/layouts/fused/pairs.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import number_of
from tests.synth.messify.completion_rule import completion_rule
from tests.synth.messify.cost_block import certain_cost_total

_FIGURE = re.compile(r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d{1,2})?")
_MEASURE = re.compile(r"(\D*?)(\d[\d,.]*)(\D*)")
_DIGITS = set("0123456789.")
_HUNDRED = Decimal(100)
# ``method``: a 得分计算方法 cell's figure (the completion in per cent, ``method_column``), no gold field
_NUMBERS = ("initial_budget", "budget", "executed", "weight", "method", "rate", "score")
_FIELDS = ("initial_budget", "budget", "executed", "weight", "method", "rate", "score", "target", "actual")


def _figure(text: str, kind: str) -> Decimal | None:
    if kind == "measure":
        m = _MEASURE.fullmatch(text)
        return Decimal(m.group(2).replace(",", "")) if m and _FIGURE.fullmatch(m.group(2)) else None
    if (kind == "pct") != text.endswith("%"):
        return None
    body = text.rstrip("%")
    return Decimal(body.replace(",", "")) if _FIGURE.fullmatch(body) else None


def _allowed(v: dict[str, Decimal], total: dict[str, Decimal]) -> bool:
    if any(v[f] > total[f] for f in v if f in total):
        return False  # a part row's amount over the total's
    w, s, rate = v.get("weight"), v.get("score"), v.get("rate")
    budget, executed = v.get("budget"), v.get("executed")
    if (w is not None and w > _HUNDRED) or (w is not None and s is not None and s > w):
        return False
    if v.get("method", _HUNDRED) > _HUNDRED:
        return False
    if budget == 0 and executed:
        return False
    if budget and executed is not None and rate is not None and abs(executed / budget * 100 - rate) > Decimal("0.6"):
        return False
    if w is not None and rate is not None and s is not None and abs(w * min(rate, _HUNDRED) / 100 - s) > Decimal(".06"):
        return False
    amounts = [v[f] for f in ("initial_budget", "budget", "executed") if v.get(f)]
    return not amounts or max(amounts) <= 10 * min(amounts)


def cuts_allowed(texts: list[str], kinds: list[tuple[str, str]], total: dict[str, Decimal],
                 fixed: dict[str, Decimal], scored: Callable[[dict[str, Decimal]], bool] | None = None,
                 ) -> list[list[str]]:
    """Every cut of the joined ``texts`` into cells of ``kinds`` ((field, kind)) the rules allow
    (``scored``: the row's completion rule, ``completion_rule``); only a boundary between two
    digits may move."""
    joined = "".join(texts)
    printed = list(itertools.accumulate(len(t) for t in texts))[:-1]
    options: list[list[int]] = []
    for b in printed:
        if joined[b - 1] in _DIGITS and joined[b] in _DIGITS:
            lo, hi = b, b
            while lo > 1 and joined[lo - 2] in _DIGITS:
                lo -= 1
            while hi < len(joined) - 1 and joined[hi + 1] in _DIGITS:
                hi += 1
            options.append(list(range(lo, hi + 1)))
        else:
            options.append([b])
    out: list[list[str]] = []
    for combo in itertools.product(*options):
        bounds = [0, *combo, len(joined)]
        if any(a >= b for a, b in zip(bounds, bounds[1:], strict=False)):
            continue
        cells = [joined[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        values = {f: _figure(c, k) for (f, k), c in zip(kinds, cells, strict=True)}
        read = {f: v for f, v in values.items() if v is not None}
        if len(read) == len(values) and _allowed({**fixed, **read}, total) and (
                scored is None or scored({**fixed, **read})):
            out.append(cells)
    # a funds run ending in a rate above 0 (``25002500100%``) always has a twin reading 0 %
    # (250025001 | 0 | 0%): the page's rate is the one above 0 where any cut reads one
    rates = [k for k, (f, _) in enumerate(kinds) if f == "rate"]
    if rates and len(out) > 1:
        spent = [cells for cells in out if _figure(cells[rates[0]], "pct") != 0]
        out = spent or out
    return out


def _fields_of(entry: dict[str, Any], text: str) -> list[str]:
    """The entry's fields whose gold value ``text`` prints (a 15 may be its 分值 and its 得分)."""
    number = number_of(text)

    def prints(value: Any) -> bool:
        if isinstance(value, dict):
            return bool(value.get("text") == text)
        return isinstance(value, str) and number is not None and Decimal(value) == number

    return [fld for fld in _FIELDS if prints(entry.get(fld))]


def _in_print_order(fields: tuple[str, ...]) -> bool:
    """Columns print budget before 执行数 before 分值, 执行率, 得分, and a target before its actual
    (a 衔接资金 form prints 分值 before the target, so the two orders are kept apart)."""
    for chain in (_NUMBERS, ("target", "actual")):
        ranks = [chain.index(f) for f in fields if f in chain]
        if ranks != sorted(ranks):
            return False
    return True


def certain_run(form: dict[str, Any], row: list[str], cols: list[int], total: dict[str, Decimal],
                lost: set[int]) -> bool:
    """Whether the cells ``cols`` of ``row``, printed against each other and against nothing
    else, are cut in the one way the column rules allow (``total``: the amounts of the funds
    total row a reader is sure of, which a part row's cannot exceed; the row's other figures
    count too unless they are in ``lost``, cells fused into something)."""
    if certain_cost_total(form, row, cols):  # a cost block's 合计 cut by its items' sum
        return True
    texts = [row[c].strip() for c in cols]
    entries = [e for key in ("funds", "indicators", "items") for e in form.get(key) or []
               if e.get("name") in row or e.get("label") in row]
    if any(c.strip() in ("合计", "总分", "合  计", "总  分") for c in row) and form.get("totals"):
        entries.append(form["totals"])
    for entry in entries:
        for fields in itertools.product(*[_fields_of(entry, t) for t in texts]):
            if len(set(fields)) != len(fields) or not _in_print_order(fields):
                continue
            kinds = [(f, "pct" if f == "rate" else "measure" if f in ("target", "actual") else "num") for f in fields]
            part = {} if entry.get("role") == "total" else total
            others = [row[c].strip() for c in range(len(row)) if c not in cols and c not in lost]
            fixed = {f: Decimal(str(entry[f])) for f in _NUMBERS if f not in fields and isinstance(entry.get(f), str)
                     and any(number_of(o) == Decimal(str(entry[f])) and ("%" in o) == (f == "rate") for o in others)}
            scored = completion_rule(entry, row)
            if scored is not None:  # a measure printed alone counts for the rule too
                fixed |= {f: Decimal(entry[f]["value"]) for f in ("target", "actual")
                          if f not in fields and entry[f].get("text") in others}
            if cuts_allowed(texts, kinds, part, fixed) == [texts] or (
                    scored is not None and cuts_allowed(texts, kinds, part, fixed, scored) == [texts]):
                return True
    return False


def certain_total(form: dict[str, Any], rows: list[list[str]], damaged: dict[int, set[int]]) -> dict[str, Decimal]:
    """The funds total row's amounts whose cells were not damaged (or were cut with certainty)."""
    total = next((e for e in form.get("funds") or [] if e.get("role") == "total"), None)
    if total is None:
        return {}
    r = next((k for k, row in enumerate(rows) if total.get("label") in row), None)
    if r is None:
        return {}
    lost = {rows[r][c].strip() for c in damaged.get(r, set())}
    return {f: Decimal(total[f]) for f in ("initial_budget", "budget", "executed")
            if isinstance(total.get(f), str) and not any(number_of(t) == Decimal(total[f]) for t in lost)}
