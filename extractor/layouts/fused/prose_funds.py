"""Funds written as prose in a run-together self-evaluation (``年度资金总额:38.75万元``).

Some pages print a self-evaluation's funds as sentences: the total row's label states the amount
after a colon, each budget column repeats the project's name and the amount with its sources in
brackets (``38.75万元(某某资金37万元,某某资金1.75万元)``), and the sources run together in one
``其中`` cell.  Run together, the bracket's parts look like the budget columns, so a row whose
figures carry their unit is never split into columns: only an amount whose role the words make
certain is read — the first amount right after a total label's colon, or a source label followed
by at most a fund's name and one amount — and anything else is left unread (the caller flags it).
"""

from __future__ import annotations

import re

from extractor.layouts.fused.scan import Span

# a figure followed by its money unit: the row states amounts in words, not in columns
_PROSE_AMOUNT = re.compile(r"\d(?:万元|元)")
_UNIT = re.compile(r"万元|元")
_FIGURE_CHARS = "0123456789.%, "
_LEAD_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(?:万元|元)")
# a source's run: a fund's name (no digits, no brackets), then its one amount and unit, nothing else
_SOURCE_AMOUNT = re.compile(r"[^\d()（）\[\]【】,，、;；]{0,20}?(\d+(?:\.\d+)?)(?:万元|元)")


def is_prose(run: str) -> bool:
    """Whether a funds row prints its amounts with their unit among words or brackets (prose); a
    row of figures each followed by its unit (``100万元95万元``) is still one figure per column;
    one amount alone after a label (``其中:财政拨款20万元``) is the label's."""
    amounts = len(_PROSE_AMOUNT.findall(run))
    return amounts == 1 or (amounts > 1 and _UNIT.sub("", run).strip(_FIGURE_CHARS) != "")


def certain_amount(label: str, run: str, role: str) -> Span | None:
    """The span (within ``run``) of the one amount whose role is certain, else None: a total's
    amount right after its label's colon; a source's amount after its own label and a name."""
    if role != "total":
        source = _SOURCE_AMOUNT.fullmatch(run)
        return source.span(1) if source else None
    lead = _LEAD_AMOUNT.match(run) if label.endswith(":") else None
    return lead.span(1) if lead else None
