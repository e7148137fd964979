"""Funds written as prose in a project self-evaluation's cells (a ``run_together`` parameter).

Some county pages print the funds block of a self-evaluation as sentences, not figures: the
total row's label cell states the amount after a colon (``年度资金总额:38.75万元``), each budget
column repeats one sentence (the project's name, the amount, its sources in brackets:
``38.75万元(中央补助资金37万元,自筹资金1.75万元)``), and the source rows are one cell run
together (``其中:财政拨款某某资金37万元其他资金某某资金1.75万元``).  Run together, the bracket's
parts look like the three budget columns.

The gold keeps only what the print states with certainty: the total row's budget (the amount
after 年度资金总额:) and each source's budget in the 其中 breakdown after its own label
(财政拨款, 上年结转资金, 其他资金 …); the total's other columns (initial budget, execution, weight, rate, score)
are no longer printed as figures and leave the gold, as do source rows the breakdown omits.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Sheet, forget_findings, number_of

SHARE = 0.3  # of the documents; every project self-evaluation of a drawn document
# names a bracket or the breakdown gives a source (invented; none is a funds row label)
SOURCE_NAMES = ("省级专项", "市级奖补", "乡村振兴衔接", "农业发展", "县级配套", "教育发展", "自筹", "社会捐赠")
_MONEY_HEADS = ("年初预算", "全年预算", "预算数", "调整后预算", "执行数", "全年执行", "预算执行数")
_COLONS = (":", "：")
_BRACKETS = (("(", ")"), ("（", "）"))
_SEPARATORS = (",", "，", "、", ";")


def funds_prose(sheet: Sheet, rng: random.Random) -> None:
    """With probability ``SHARE``, every project self-evaluation whose funds rows this print can
    take is printed with its funds as prose (see the module's docstring)."""
    if rng.random() >= SHARE:
        return
    for part in sheet.parts:
        if part.rows is None or part.form is None:
            continue
        form = sheet.forms[part.form]
        if form.get("schema_name") == "project_self_eval" and _prose(part.rows, form, rng):
            forget_findings(sheet, part.form)


def _key(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


def _prose(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> bool:
    funds = form.get("funds") or []
    total = next((f for f in funds if f.get("role") == "total"), None)
    if total is None or not total.get("budget"):
        return False
    at = next(((r, c) for r, row in enumerate(rows) for c, t in enumerate(row)
               if _key(t) == total.get("label")), None)
    if at is None or at[0] == 0:
        return False
    r, c = at
    head = rows[r - 1]
    money = [k for k, t in enumerate(head) if k > c and k < len(rows[r]) and any(w in _key(t) for w in _MONEY_HEADS)
             and "率" not in t]
    budget = Decimal(str(total["budget"]))
    if not money or not any(number_of(rows[r][k]) == budget for k in money):
        return False
    unit = str((form.get("header") or {}).get("money_unit") or "万元")
    by_label = {f.get("label"): f for f in funds}
    below = []
    for k in range(r + 1, len(rows)):
        label = next((t for t in rows[k] if _key(t) in by_label and t.strip()), None)
        if label is None:
            break
        below.append((k, by_label[_key(label)]))
    sources = [(f, rng.choice(SOURCE_NAMES) + "资金") for _, f in below if f.get("budget")]
    colon = rng.choice(_COLONS)
    opened, closed = rng.choice(_BRACKETS)
    sep = rng.choice(_SEPARATORS)
    bracket = sep.join(f"{name}{f['budget']}{unit}" for f, name in sources)
    sentence = f"{total['budget']}{unit}" + (f"{opened}{bracket}{closed}" if bracket and rng.random() < 0.8 else "")
    name = str((form.get("header") or {}).get("project_name") or "")
    named_every = rng.random() < 0.5
    row = rows[r]
    for k in range(c + 1, len(row)):
        if number_of(row[k]) is not None or k in money:
            row[k] = ""
    row[c] = f"{total['label']}{colon}{total['budget']}{unit}"  # the gold label ends at the colon
    for n, k in enumerate(money):
        row[k] = (name if (n == 0 or named_every) else "") + sentence
    kept: list[dict[str, Any]] = [{"role": "total", "label": f"{total['label']}{colon}", "budget": total["budget"]}]
    if below:
        first = below[0][0]
        lead = f"其中{rng.choice(_COLONS)}"
        breakdown = "".join(f"{_word(f['label'])}{n if rng.random() < 0.7 else ''}{f['budget']}{unit}"
                            for f, n in sources)
        cells = ["" for _ in rows[first]]
        cells[c] = f"{lead}{breakdown}" if breakdown else ""
        rows[first] = cells
        for k, _ in below[1:]:
            rows[k] = ["" for _ in rows[k]]
        kept += [{"role": f["role"], "label": (lead if k == 0 else "") + _word(f["label"]), "budget": f["budget"]}
                 for k, (f, _) in enumerate(sources)]  # labels as printed: 其中 before the first
    form["funds"] = kept
    return True


def _word(label: str) -> str:
    """A source row's label as the breakdown prints it: without its own 其中 and colon."""
    key = _key(label)
    return key[2:].lstrip(":：") if key.startswith("其中") else key.rstrip(":：")
