"""A target form's cost composition run together (``项目预算成本构成…合计…``): its items and 合计.

The block prints ``成本构成 | 金额 | 测算(公式)依据`` and often the prior years' execution
(``2020年实际执行数 2021年实际执行数``), then one row per cost item and a ``合计`` row.  Glued, a
row is ``保安服务费191依据招标文件191191``: the item, its amount, the basis (which may hold figures
of its own, ``按10人×2万元测算``), the prior years' figures fused; the 合计 row is
``合计814662.98794.55``.  Which figure runs are the amounts is settled by arithmetic only: the
amounts, one after each item's words (the first run after the header is the first amount; with
prior columns an item's prior figures stand between its basis and the next item), must add up to
the amount the 合计 run opens with, and exactly one choice of runs may do so.  Anything else (no
choice, two choices, a page marker in a figure) reads nothing and says so.

An item's label is certain where nothing but the header or the prior figures stand before it; after
a basis the two texts touch and where one ends is not printed, so the label is left out.  The prior
years' figures are not this year's funds and are never read (eval/gold/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from extractor.layouts.fused.text import CleanText

Span = tuple[int, int]

# the block's column header, in any order: 成本构成 金额 测算(公式)依据 prior years' 实际执行数 …
_HEADER = re.compile(
    r"(?:项目预算成本构成|成本构成|金额\(万元\)|金额|测算\(公式\)依据|测算依据|(?:20\d{2}年度?|前两年|上年)实际执行数)+"
)
_PRIOR = re.compile(r"实际执行数")
_TOTAL = re.compile(r"合计")
_FIGURE = re.compile(r"\d[\d.]*")
# expense words of the economic classification (政府支出经济分类: 商品和服务支出 …) that end a cost
# item; the longest is taken (宣传印刷费 before 印刷费)
_ITEM_WORDS = (
    "公务用车运行维护费", "信息化建设费", "物业管理费", "运行维护费", "宣传印刷费", "专家咨询费", "保安服务费",
    "设备购置费", "工程建设费", "人员劳务费", "委托业务费", "专用材料费", "公务接待费", "办公费", "印刷费",
    "咨询费", "手续费", "水电费", "水费", "电费", "邮电费", "取暖费", "差旅费", "维修费", "维护费", "租赁费",
    "会议费", "培训费", "材料费", "燃料费", "劳务费", "宣传费", "保洁费", "绿化费", "服务费", "购置费", "建设费",
)
_ITEM_END = re.compile("(?:" + "|".join(sorted(_ITEM_WORDS, key=len, reverse=True)) + ")$")
# how a 测算依据 ends (按采购计划测算, 参照上年标准, 按合同金额, 单价×数量, 依据招标文件, 按合同约定支付, …个月)
_BASIS_END = re.compile(r"(?:测算|计算|标准|金额|数量|月数|人数|文件|支付|约定|合同|规定|核定|个月|计)$")
_MAX_FIGURES = 24  # figure runs between the header and the 合计: more is no cost block read here
_MAX_CUTS = 64  # cuts of one run of prior figures tried


@dataclass(slots=True)
class CostItem:
    label: Span | None
    amount: Span | None  # None: a page marker touched it (its arithmetic held, its digits are not sure)


@dataclass(slots=True)
class CostBlock:
    """What was read: the items (amount spans, labels where certain) and the 合计's amount span;
    ``unread`` when the block was found but not read with certainty."""

    items: list[CostItem] = field(default_factory=list)
    total: Span | None = None  # the 合计's amount (None: a page marker touched its run)
    total_label: Span = (0, 0)
    unread: Span | None = None


def read_cost(ct: CleanText, span: Span) -> CostBlock:
    """The block ``span`` of ``ct.text`` (from its 项目预算成本构成 to the goal) read where certain."""
    t = ct.text
    head = _HEADER.match(t, span[0], span[1])
    if head is None or "金额" not in head.group(0):
        return CostBlock(unread=span)
    priors = len(_PRIOR.findall(head.group(0)))
    closing = [m for m in _TOTAL.finditer(t, head.end(), span[1])]
    if not closing:
        return CostBlock(unread=span)
    body_end = closing[-1].start()
    run = _FIGURE.match(t, closing[-1].end(), span[1])
    figures = list(_FIGURE.finditer(t, head.end(), body_end))
    if run is None or not figures or figures[0].start() == head.end() or len(figures) > _MAX_FIGURES:
        return CostBlock(unread=span)
    if priors and figures[-1].end() != body_end:
        return CostBlock(unread=span)  # the last item's prior figures stand before the 合计
    values = [_value(m.group(0)) for m in figures]
    choices = _choices(values, run.group(0), [m.group(0) for m in figures], priors)
    if len(choices) != 1:
        return CostBlock(unread=span)
    chosen, opening = choices[0]
    total = (run.start(), run.start() + len(opening))
    items = []
    for k, i in enumerate(chosen):
        start = head.end() if k == 0 else figures[i - 1].end()
        certain = k == 0 or priors > 0
        label = (start, figures[i].start()) if certain and figures[i].start() > start else None
        if not certain:
            label = _label_after_basis(t, start, figures[i].start())
        amount = None if _touches_marker(ct, figures[i].span()) else figures[i].span()
        items.append(CostItem(label, amount))
    return CostBlock(items, None if _touches_marker(ct, (run.start(), run.end())) else total, closing[-1].span())


def _label_after_basis(t: str, start: int, end: int) -> Span | None:
    """The item's label where a basis runs into it (``按合同金额租赁费``): only where the text ends
    with an expense word of the economic classification and what stands before that word ends as
    a basis does (测算, 标准, 金额 …); else None."""
    m = _ITEM_END.search(t, start, end)
    if m is None or m.end() != end or m.start() == start or not _BASIS_END.search(t[start:m.start()]):
        return None
    return m.start(), end


def _value(text: str) -> Decimal | None:
    """A figure as printed (no leading zero before a digit, at most two decimals), else None."""
    if text.count(".") > 1 or text.endswith(".") or (len(text) > 1 and text[0] == "0" and text[1] != "."):
        return None
    if "." in text and len(text.split(".")[1]) > 2:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _openings(run: str, priors: int) -> dict[Decimal, str]:
    """The figures the 合计 run may open with, by value: the whole run where the block prints no
    prior years; else an opening after which the rest cuts into the prior years' totals, or the
    whole run (those totals left blank); one value printed by two openings is left out."""
    if not priors:
        value = _value(run)
        return {} if value is None else {value: run}
    out: dict[Decimal, list[str]] = {}
    for k in range(1, len(run)):
        head = run[:k]
        value = _value(head)
        if value is not None and _cuts(run[k:], priors):
            out.setdefault(value, []).append(head)
    whole = _value(run)
    if whole is not None:
        out.setdefault(whole, []).append(run)  # the prior years' totals left blank
    return {v: heads[0] for v, heads in out.items() if len(heads) == 1}


def _cuts(run: str, n: int) -> list[tuple[Decimal, ...]]:
    """Every cut of ``run`` into ``n`` printed figures (``191191`` into two: 1|91191, 19|1191 …)."""
    if n == 1:
        value = _value(run)
        return [] if value is None else [(value,)]
    out = []
    for k in range(1, len(run)):
        value = _value(run[:k])
        if value is not None:
            out += [(value, *rest) for rest in _cuts(run[k:], n - 1)]
    return out[:_MAX_CUTS]


def _choices(values: list[Decimal | None], total_run: str, runs: list[str], priors: int
             ) -> list[tuple[list[int], str]]:
    """Every choice of the amounts' runs whose sum the 合计 opens with: the first run always, then
    runs in order.  With prior columns a run of prior figures stands between two amounts and the
    last run is the last item's; those runs, cut into the prior years' columns, must add up to the
    totals the 合计 prints after its amount.  Stops counting at two."""
    openings = _openings(total_run, priors)
    top = max(openings, default=Decimal(0))
    found: list[tuple[list[int], str]] = []
    step, limit = (2, len(values) - 1) if priors else (1, len(values))

    def walk(chosen: list[int], total: Decimal) -> None:
        if len(found) > 1 or total > top:
            return
        if total in openings and (not priors or _priors_add_up(chosen, runs, total_run[len(openings[total]):],
                                                                priors)):
            found.append((list(chosen), openings[total]))
        for j in range(chosen[-1] + step, limit):
            v = values[j]
            if v is not None:
                walk([*chosen, j], total + v)

    if values and values[0] is not None and limit > 0:
        walk([0], values[0])
    return found


def _priors_add_up(chosen: list[int], runs: list[str], rest: str, priors: int) -> bool:
    """Whether the prior runs of ``chosen`` (the run before each next amount, and the last run), cut
    into ``priors`` columns, add up to the totals ``rest`` of the 合计 run prints after its amount
    (none printed: nothing to check)."""
    if not rest:
        return True
    targets = _cuts(rest, priors)
    sums = {tuple(Decimal(0) for _ in range(priors))}
    for run in [runs[c - 1] for c in chosen[1:]] + [runs[-1]]:
        options = _cuts(run, priors)
        sums = {tuple(a + b for a, b in zip(acc, o, strict=True)) for acc in sums for o in options}
        if not sums or len(sums) > _MAX_CUTS * _MAX_CUTS:
            return False
    return any(t in sums for t in targets)


def _touches_marker(ct: CleanText, span: Span) -> bool:
    """Whether a page marker was cut out inside the figure run or at its edges: a figure printed
    against a marker may have lent it a digit."""
    return any(span[0] <= i <= span[1] for i in ct.markers)
