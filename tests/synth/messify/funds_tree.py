"""A target form's funds printed as a hierarchy of sources (项目库 declarations of some provinces).

Under the caption (``项目资金（万元）``) the total comes first, then numbered subtotals, each
followed by its numbered parts, indented::

    项目资金（万元） | 年度资金总额 | 6.30
                     | （一）财政拨款小计 | 6.30
                     |   1、一般公共预算 | 6.30
                     |   2、政府性基金 | 0.00
                     |   3、国有资本经营预算 | 0.00
                     | （二）自有资金小计 | 0.00
                     |   1、事业收入 | 0.00
                     |   2、经营性收入 | 0.00
                     | （三）其他收入 | 0.00

The gold keeps every printed row with its label as printed (numbering kept, indent dropped): the
total a ``total``, the 财政拨款 subtotal ``fiscal``, the 自有资金 subtotal ``unit_funds``, 其他收入
``other``, and each numbered part under a subtotal a ``line_item``; an amount printed blank has
no budget.  The model's fiscal amount falls to 一般公共预算 (in a third of the forms part of it to
政府性基金), its other funds to 自有资金 (split between 事业收入 and 经营性收入).
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import number_of

CAPTIONS = ("项目资金（万元）", "项目资金(万元)", "资金情况（万元）")
HEADS = (("（一）", "（二）", "（三）"), ("(一)", "(二)", "(三)"), ("一、", "二、", "三、"))
PARTS = ("、", ".")


def _amount(value: Decimal | None, zero: str) -> str:
    if value is None or value == 0:
        return zero
    return f"{value:.2f}"


def _split(value: Decimal, rng: random.Random) -> tuple[Decimal, Decimal]:
    """``value`` as two positive parts to the cent (or all in the first)."""
    if value < Decimal("0.1") or rng.random() < 0.5:
        return value, Decimal(0)
    first = (value * Decimal(rng.randint(55, 90)) / 100).quantize(Decimal("0.01"))
    return first, value - first


def hierarchy(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> bool:
    """Replace ``form``'s ``资金情况`` rows (in ``rows``) with the hierarchy; its gold funds follow.
    False (nothing changed) where the rows are not the plain total / fiscal / other block."""
    funds = form.get("funds") or []
    by_role = {f["role"]: f for f in funds}
    labels = {f["label"] for f in funds}
    body = [r for r, row in enumerate(rows) if any(t in labels for t in row)]
    if set(by_role) != {"total", "fiscal", "other"} or len(body) != 3 or body != list(range(body[0], body[0] + 3)):
        return False
    total = number_of(by_role["total"].get("budget", "") or "")
    if total is None:
        return False
    fiscal = number_of(by_role["fiscal"].get("budget", "") or "") or Decimal(0)
    other = number_of(by_role["other"].get("budget", "") or "") or Decimal(0)
    zero = rng.choice(("0.00", "0", ""))
    heads, dot = rng.choice(HEADS), rng.choice(PARTS)
    indent = rng.choice(("", "  ", "\u3000\u3000"))
    general, fund = _split(fiscal, rng) if rng.random() < 1 / 3 else (fiscal, Decimal(0))
    business, operating = _split(other, rng)
    printed: list[tuple[str, str, Decimal | None]] = [  # (label, role, amount)
        ("年度资金总额", "total", total),
        (f"{heads[0]}财政拨款小计", "fiscal", fiscal),
        (f"{indent}1{dot}一般公共预算", "line_item", general),
        (f"{indent}2{dot}政府性基金", "line_item", fund),
        (f"{indent}3{dot}国有资本经营预算", "line_item", Decimal(0)),
        (f"{heads[1]}自有资金小计", "unit_funds", other),
        (f"{indent}1{dot}事业收入", "line_item", business),
        (f"{indent}2{dot}经营性收入", "line_item", operating),
        (f"{heads[2]}其他收入", "other", Decimal(0)),
    ]
    width = max(len(rows[r]) for r in body)
    caption = rng.choice(CAPTIONS)
    block: list[list[str]] = []
    gold: list[dict[str, Any]] = []
    for k, (label, role, value) in enumerate(printed):
        amount = _amount(value, zero) if k else f"{total:.2f}"
        block.append([caption if k == 0 else "", label, *[""] * (width - 3), amount])
        entry: dict[str, Any] = {"role": role, "label": label.strip(" \u3000")}
        if amount:
            entry["budget"] = amount
        gold.append(entry)
    rows[body[0]:body[0] + 3] = block
    form["funds"] = gold
    return True
