"""The common ground of every shape: a document as prose and table rows, and its gold as a dict.

A shape never re-draws a form: it takes the clean rows the TSV rendition would print (a
horizontal merge's further positions empty, a vertical merge's lower positions as the style
prints them) and the gold written from the model, and returns the messy text and the gold
that still holds for it.  Working on rows rather than on the printed text keeps every shape
able to say which cell it damaged, so the gold can drop exactly the values that became
uncertain and nothing else.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from tests.synth import gold
from tests.synth.model import Document
from tests.synth.render_text import _preamble, _rows

Rows = list[list[str]]


@dataclass
class Part:
    """A run of prose lines, or one form's table rows (``form`` is its index in the gold)."""

    prose: list[str] = field(default_factory=list)
    rows: Rows | None = None
    form: int | None = None


@dataclass
class Sheet:
    """A document ready to be messed up: its parts in print order and its gold (``forms``,
    ``expected_findings``) as the gold file will hold them."""

    parts: list[Part]
    forms: list[dict[str, Any]]
    findings: list[dict[str, Any]]

    def tables(self) -> list[Part]:
        return [p for p in self.parts if p.rows is not None]

    def tables_of(self, schema: str) -> list[tuple[Part, dict[str, Any]]]:
        """The table parts of the forms of ``schema``, each with its gold form: the forms a
        template reprints (a project target's cost block, a self-evaluation's rubric)."""
        return [(p, self.forms[p.form]) for p in self.tables()
                if p.form is not None and self.forms[p.form].get("schema_name") == schema]


def sheet_of(doc: Document) -> Sheet:
    """Prose and rows of ``doc`` (the TSV rendition's rows, merges left empty) with its gold."""
    parts: list[Part] = []
    for k, form in enumerate(doc.forms):
        narrative, lines = _preamble(form, k == 0, doc)
        parts.append(Part(prose=narrative + lines))
        assert form.table is not None
        parts.append(Part(rows=_rows(form.table, skip_horizontal=False, repeat=doc.style.repeat_merged), form=k))
    data = gold.document_gold(doc, "", b"")
    return Sheet(parts, copy.deepcopy(data["forms"]), copy.deepcopy(data["expected_findings"]))


def tsv_text(parts: list[Part]) -> str:
    """Parts printed as tab-separated rows, prose as plain lines, a blank line after each table."""
    lines: list[str] = []
    for part in parts:
        lines += part.prose
        if part.rows is not None:
            lines += ["\t".join(row) for row in part.rows] + [""]
    return "\n".join(lines) + "\n"


_NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")


def number_of(text: str) -> Decimal | None:
    """The decimal a cell prints when it is a bare number (``1,234.50``, ``85%``), else None."""
    t = text.strip()
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t.rstrip("%").replace(",", ""))
    except InvalidOperation:
        return None


ROW_LISTS = ("funds", "indicators", "items", "tasks")
_ROW_KEYS = ("label", "name")


def _row_name(row: dict[str, Any]) -> str | None:
    for key in _ROW_KEYS:
        value = row.get(key)
        if isinstance(value, str):
            return value
    return None


def _leaf_matches(value: Any, text: str) -> bool:
    """Whether a gold leaf (a number string or a measure) is what ``text`` printed."""
    if isinstance(value, dict):
        return value.get("text") == text or _leaf_matches(value.get("value"), text)
    if isinstance(value, str):
        n = number_of(text)
        try:
            return n is not None and Decimal(value) == n
        except InvalidOperation:
            return value == text
    return False


# the order a row prints its plain figures in (fused_pairs._NUMBERS); a rate is told by its %
_PRINT_ORDER = ("initial_budget", "budget", "executed", "weight", "score", "target", "actual")


def _lost_fields(entry: dict[str, Any], row: list[str], damaged: set[int]) -> set[str]:
    """The fields of ``entry`` (the row ``row`` prints) that a damaged cell held.  A value printed
    by both a damaged and an intact cell (分值 5 | 得分 5, the 得分 fused) is told apart by print
    order: the row's cells printing it, left to right, are its fields in column order, so only the
    damaged cell's field is lost; a measure whose own text an intact cell prints is intact.  Where
    the cells and fields printing a value do not pair up one to one, every such field is lost."""
    cells = [(i, row[i].strip()) for i in range(len(row)) if row[i].strip()]
    lost: set[str] = set()
    for fld, value in entry.items():
        if fld in ("role", "label", "name", "level1", "level2"):
            continue
        if isinstance(value, dict) and isinstance(value.get("text"), str):
            printing = [i for i, t in cells if t == value["text"]]
            if printing:
                if any(i in damaged for i in printing):
                    lost.add(fld)
                continue
        if not any(_leaf_matches(value, row[i].strip()) for i in damaged if row[i].strip()):
            continue
        lost.add(fld)
        if not isinstance(value, str) or fld not in _PRINT_ORDER + ("rate",):
            continue
        rate = fld == "rate"
        same = [f for f in _PRINT_ORDER + ("rate",) if isinstance(entry.get(f), str) and (f == "rate") == rate
                and _leaf_matches(entry[f], value)]
        printing = [i for i, t in cells if number_of(t) is not None and t.endswith("%") == rate
                    and _leaf_matches(value, t)]
        if len(same) == len(printing) and printing[same.index(fld)] not in damaged:
            lost.discard(fld)
    return lost


_PLACEHOLDERS = {"—", "-", "/", "－", "——", "无"}
_TOTAL_WORDS = {"合计", "总计", "合  计"}


def _owners(form: dict[str, Any], row: list[str], damaged: set[int]) -> list[dict[str, Any]] | None:
    """The entries a row that names none may have printed: the one whose other text cells (a
    target's text, a label printed with a number) the row's intact cells print most often.  Bare
    figures are no evidence (every rate of a form may be 100%): a row of figures only, or a tie,
    gives None, and the figures are dropped wherever they occur, as they are for a merged caption
    heading figures of several entries.  A 合计 row that matches no entry (a task table's, which
    the gold holds nowhere but in its totals) printed none: nothing is dropped from the lists."""
    intact = {row[i].strip() for i in range(len(row)) if i not in damaged and row[i].strip()}
    words = {t for t in intact if number_of(t) is None and t not in _PLACEHOLDERS}
    if not words:
        return None
    scored: list[tuple[int, dict[str, Any]]] = []
    for key in ROW_LISTS:
        for entry in form.get(key) or []:
            texts = {v.get("text") if isinstance(v, dict) else v for v in entry.values()}
            scored.append((len(words & {t for t in texts if isinstance(t, str)}), entry))
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] == 0:
        # a merged caption (总体资金情况) names no entry yet heads figures of all; a 合计 names none
        return [] if words & _TOTAL_WORDS else None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return [scored[0][1]]


def drop_values(form: dict[str, Any], row: list[str], damaged: set[int]) -> None:
    """Remove from ``form``'s gold every value of the row printed by ``row`` that one of the
    ``damaged`` cells held: the row is found by its label or name among the row's cells; a
    row that names none (figures under their header row) drops the figures wherever they
    occur in the form, since which entry they belonged to is not known here."""
    cells = set(row)
    texts = [row[i] for i in sorted(damaged) if row[i].strip()]
    if not texts:
        return
    named = any(_row_name(entry) in cells for key in ROW_LISTS for entry in form.get(key) or [])
    owners = None if named else _owners(form, row, damaged)
    for key in ROW_LISTS:
        for entry in form.get(key) or []:
            if named and _row_name(entry) not in cells:
                # a row of figures under a header row (预算支出总额 | 基本支出 …) names no entry: all may hold them
                continue
            if owners is not None and not any(entry is o for o in owners):
                continue
            lost = _lost_fields(entry, row, damaged) if named else None
            for fld in [f for f in entry if f not in ("role", "label", "name", "level1", "level2")]:
                if (fld in lost) if lost is not None else any(_leaf_matches(entry[fld], t) for t in texts):
                    del entry[fld]
    totals = form.get("totals")
    if totals and any(c.strip() in ("合计", "总分", "合  计", "总  分") for c in row):
        for fld in list(totals):
            if any(_leaf_matches(totals[fld], t) for t in texts):
                del totals[fld]
        if not totals:
            del form["totals"]


def drop_damaged(sheet: Sheet, form: int, rows: list[list[str]], damaged: dict[int, set[int]]) -> None:
    """Drop from ``form``'s gold the values of the ``damaged`` cells (row index → column indexes of
    ``rows``) and, when any was dropped, the findings expected of it: their figures were damaged too."""
    lost = False
    for r, cols in damaged.items():
        if cols:
            drop_values(sheet.forms[form], rows[r], cols)
            lost = True
    if lost:
        forget_findings(sheet, form)


def forget_findings(sheet: Sheet, form: int, codes: set[str] | None = None) -> None:
    """Drop the expected findings of ``form`` (those of ``codes`` only, when given): a finding
    whose figures a shape damaged can no longer be expected."""
    sheet.findings = [f for f in sheet.findings if f["form"] != form or (codes is not None and f["code"] not in codes)]


def rng_for(seed: int | str, shape: str) -> random.Random:
    return random.Random(f"{seed}:messify:{shape}")
