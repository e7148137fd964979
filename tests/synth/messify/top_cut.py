"""An excerpt that begins mid-table: the top of a form cut off (shape ``truncated_top``).

Real excerpts (a page copied from the middle of a report, the second page of a scan) open on a
form's indicator rows: no title, no header labels, no funds, no goals and no indicator header, or
only the header's last cells (the line it was cut in).  The rows still print their 一级/二级 words
where their group opens, their values and the 合计 row.  The gold keeps what is printed: the
indicator rows from the cut on (a row's 一级/二级 only where the excerpt prints that word), the
totals and the later forms; the earlier forms, the cut form's header, funds and goals leave it.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Sheet, tsv_text
from tests.synth.messify.document_shapes import ROW_LOCAL, truncated

_STATED = re.compile(r"[（(]\d+(?:\.\d+)?分[）)]$")


def _prints(cell: str, word: object) -> bool:
    """``cell`` prints ``word`` (a name or level word), alone or with the points it states."""
    text = cell.strip()
    return bool(text) and isinstance(word, str) and (text == word or _STATED.sub("", text) == word)


def truncated_top(sheet: Sheet, rng: random.Random) -> str:
    """The shape: the top cut off; a document with no form to cut so is cut at the bottom."""
    text = cut_top(sheet, rng)
    return text if text is not None else truncated(sheet, rng)


def cut_top(sheet: Sheet, rng: random.Random) -> str | None:
    """The text from a random point at or after a form's indicator header on; None when no form
    prints indicator rows with a name (score sheets, whose rows are items, are left to the
    bottom cut)."""
    candidates = []
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        rows = sheet.forms[part.form].get("indicators") or []
        at = [next((i for i, row in enumerate(part.rows) if any(_prints(t, r.get("name")) for t in row)), None)
              for r in rows]
        if len(rows) >= 2 and all(i is not None for i in at):
            candidates.append((part, [i for i in at if i is not None]))
    if not candidates:
        return None
    part, printed_at = rng.choice(candidates)
    assert part.rows is not None and part.form is not None
    first = printed_at[0]
    cut = rng.choice(printed_at[: max(1, len(printed_at) // 2)])  # at least half the rows stay printed
    head: list[list[str]] = []
    if cut == first and first > 0 and rng.random() < 0.4:
        name = (sheet.forms[part.form].get("indicators") or [{}])[0].get("name")
        head = [_header_tail(part.rows[first - 1], part.rows[first], name, rng)]
    kept_rows = part.rows[cut:]
    _keep_printed(sheet.forms[part.form], printed_at, cut, kept_rows)
    _keep_findings(sheet, part.form, [k for k, i in enumerate(printed_at) if i >= cut])
    index = sheet.parts.index(part)
    part.rows = [row for row in head if any(c.strip() for c in row)] + kept_rows
    later = sheet.parts[index + 1:]
    shift = part.form
    for p in later:
        if p.form is not None:
            p.form -= shift
    part.form = 0
    sheet.parts = [part, *later]
    sheet.forms = sheet.forms[shift:]
    return tsv_text(sheet.parts)


def _header_tail(header: list[str], first_row: list[str], name: object, rng: random.Random) -> list[str]:
    """The indicator header's line cut after its name column: the cells after a random column
    past the one the first row prints its name in (``分值 | 得分 | 偏差原因…``)."""
    name_at = next((k for k, t in enumerate(first_row) if _prints(t, name)), 0)
    start = rng.randint(min(name_at + 1, len(header) - 1), len(header) - 1)
    return header[start:]


def _keep_printed(form: dict[str, Any], printed_at: list[int], cut: int, rows: list[list[str]]) -> None:
    """The cut form's gold reduced to what the excerpt prints."""
    indicators = form.get("indicators") or []
    kept: list[dict[str, Any]] = []
    seen: list[str] = []
    for entry, at in zip(indicators, printed_at, strict=True):
        if at < cut:
            continue
        seen += [t for row in rows[: at - cut + 1] for t in row if t.strip()]
        entry = dict(entry)
        for level in ("level1", "level2"):
            if level in entry and not any(_prints(t, entry[level]) for t in seen):
                del entry[level]  # its group opened above the cut: the word is not printed
        kept.append(entry)
        seen = []
    form["indicators"] = kept
    form["header"] = {}
    for key in ("funds", "overall_goal", "goals", "goal_list", "tasks", "staff_count"):
        form.pop(key, None)
    if "groups" in form:
        printed = {t.strip() for row in rows for t in row}
        form["groups"] = [g for g in form["groups"] if any(t.startswith(g["name"]) and "分" in t for t in printed)
                          and _complete(g, indicators, printed_at, cut)]
        if not form["groups"]:
            del form["groups"]


def _complete(group: dict[str, Any], rows: list[dict[str, Any]], printed_at: list[int], cut: int) -> bool:
    level = "level1" if group.get("level", 1) == 1 else "level2"
    members = [k for k, r in enumerate(rows) if r.get(level) == group["name"]]
    return bool(members) and all(printed_at[k] >= cut for k in members)


def _keep_findings(sheet: Sheet, form: int, kept: list[int]) -> None:
    """Earlier forms' findings go with them; the cut form keeps only what a printed row raises by
    itself (its weights no longer add up to a printed total, so no sum finding is expected)."""
    new_index = {old: new for new, old in enumerate(kept)}
    out = []
    for f in sheet.findings:
        if f["form"] < form:
            continue
        if f["form"] == form:
            fld = f["field"]
            if f["code"] not in ROW_LOCAL or not fld.startswith("indicators["):
                continue
            at = int(fld[len("indicators["): fld.index("]")])
            if at not in new_index:
                continue
            f = {**f, "field": f"indicators[{new_index[at]}]{fld[fld.index(']') + 1:]}"}
        out.append({**f, "form": f["form"] - form})
    sheet.findings = out

