"""The run summary as terminal tables (rich), worst first so the eye lands on what to fix."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

_MAX_CHANGES = 25
PIPED_WIDTH = 1_000  # piped or redirected: rows are never wrapped or cut to an assumed 80 columns


def stdout_console(stream: TextIO | None = None) -> Console:
    """The console the tables go to: the terminal's width on a terminal, unbounded when piped.

    Rich assumes 80 columns when stdout is not a terminal and squashes every table into them
    (``fiel…``, figures split over two lines), which defeats ``| less`` and ``> run.txt``.
    """
    out = stream if stream is not None else sys.stdout
    if out.isatty():
        return Console(file=out)
    return Console(file=out, width=PIPED_WIDTH)


def render(console: Console, summary: dict[str, Any]) -> None:
    run = summary["run"]
    console.print(
        f"[bold]jixiao eval[/] — {run['documents']} document(s): {run['scored']} scored, "
        f"{run['error']} extraction error(s), {run['skipped']} skipped, {run['invalid']} invalid gold; "
        f"backend {run['backend']}, {run['seconds']:.1f}s"
    )
    console.print(_overview(summary))
    if summary["by_form_type"]:
        console.print(_prf_table("By form type", summary["by_form_type"], "form type"))
    if summary.get("by_family"):
        console.print(_prf_table("By layout family", summary["by_family"], "layout family"))
    if summary["by_field"]:
        console.print(_fields(summary["by_field"]))
    console.print(_documents(summary["documents"]))
    usage = summary.get("usage")
    if usage:
        per = usage.get("per_form") or {}
        console.print(
            f"model: {usage['calls']} call(s), {usage['prompt_tokens']:,} prompt + {usage['completion_tokens']:,} "
            f"completion tokens over {usage['forms']} form(s)"
            + (f"; per form {per['calls']} calls, {per['prompt_tokens']:,.0f} + {per['completion_tokens']:,.0f} tokens, "
               f"{per['seconds']:.1f}s wall" if per else "")
        )
    if "baseline" in summary:
        _baseline(console, summary["baseline"])


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _overview(summary: dict[str, Any]) -> Table:
    table = Table(title="Overall", title_justify="left")
    for column in ("scope", "P", "R", "F1", "gold", "extracted", "matched", "missed", "spurious", "note"):
        table.add_column(column, justify="left" if column in ("scope", "note") else "right")
    o = summary["overall"]
    table.add_row(
        "fields",
        _f(o["precision"]),
        _f(o["recall"]),
        _f(o["f1"]),
        "",
        "",
        "",
        str(o["fn"]),
        str(o["fp"]),
        f"tp {o['tp']}",
        style="bold",
    )
    forms = summary["forms"]
    table.add_row(
        "forms",
        "",
        "",
        "",
        str(forms["gold"]),
        str(forms["extracted"]),
        str(forms["matched"]),
        str(forms["missed"]),
        str(forms["spurious"]),
        f"type accuracy {_f(forms['type_accuracy'])}"
        + (f", layout {_f(forms['layout_accuracy'])}" if forms.get("layout_accuracy") is not None else ""),
    )
    for name, rows in summary["rows"].items():
        table.add_row(
            f"{name} rows",
            _f(rows["precision"]),
            _f(rows["recall"]),
            _f(rows["f1"]),
            str(rows["gold"]),
            str(rows["extracted"]),
            str(rows["matched"]),
            str(rows["missed"]),
            str(rows["spurious"]),
            f"exact {rows['exact']}",
        )
    findings = summary.get("findings")
    if findings:
        table.add_row(
            "findings",
            _f(findings["precision"]),
            _f(findings["recall"]),
            _f(findings["f1"]),
            "",
            "",
            "",
            str(findings["fn"]),
            str(findings["fp"]),
            f"tp {findings['tp']}",
        )
    return table


def _prf_table(title: str, scores: dict[str, dict[str, Any]], label: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    for column in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right")
    for name, c in sorted(scores.items(), key=lambda item: (item[1]["f1"], item[0])):
        table.add_row(
            escape(name), _f(c["precision"]), _f(c["recall"]), _f(c["f1"]), str(c["tp"]), str(c["fp"]), str(c["fn"])
        )
    return table


def _fields(by_field: dict[str, dict[str, Any]]) -> Table:
    imperfect = {name: c for name, c in by_field.items() if c["f1"] < 1.0}
    table = _prf_table("By field (imperfect only, worst first)", imperfect, "field")
    perfect = len(by_field) - len(imperfect)
    if perfect:
        table.caption = f"{perfect} other field(s) at F1 1.000"
    return table


def _documents(documents: list[dict[str, Any]]) -> Table:
    table = Table(title="Documents", title_justify="left")
    for column in ("document", "status", "forms", "P", "R", "F1", "mismatches", "detail"):
        table.add_column(column, justify="right" if column in ("P", "R", "F1", "mismatches") else "left")
    for doc in sorted(documents, key=lambda d: ((d.get("overall") or {}).get("f1", 2.0), d["name"])):
        overall = doc.get("overall") or {}
        forms = doc.get("forms") or {}
        found = f"{forms['matched']}/{forms['gold']} (+{forms['spurious']})" if forms else ""
        detail = doc.get("reason") or doc.get("diff") or ""
        if doc.get("warnings"):
            detail = f"{detail}  ⚠ {len(doc['warnings'])} warning(s)".strip()
        style = {"error": "red", "skipped": "yellow", "invalid": "red"}.get(doc["status"])
        table.add_row(
            escape(doc["name"]),
            doc["status"],
            found,
            _f(overall.get("precision")),
            _f(overall.get("recall")),
            _f(overall.get("f1")),
            str(doc.get("mismatches", "")),
            escape(detail),
            style=style,
        )
    return table


def _baseline(console: Console, cmp: dict[str, Any]) -> None:
    overall = cmp["overall"]
    delta = overall["delta"]
    if delta is None:
        change = "n/a"
    elif abs(delta) < 1e-9:
        change = "unchanged"
    else:
        change = f"[{'green' if delta > 0 else 'red'}]{delta:+.3f}[/]"
    console.print(
        f"[bold]Against baseline[/] ({cmp.get('baseline_started') or '?'}): "
        f"overall F1 {_f(overall['before'])} → {_f(overall['after'])} ({change})"
    )
    for title, key, style in (("Regressed", "regressed", "red"), ("Improved", "improved", "green")):
        changes = sorted(cmp[key], key=lambda c: c["delta"] if key == "regressed" else -c["delta"])
        if not changes:
            continue
        table = Table(title=f"{title} ({len(changes)})", title_justify="left", title_style=style)
        for column in ("scope", "name", "before", "after", "Δ F1"):
            table.add_column(column, justify="right" if column in ("before", "after", "Δ F1") else "left")
        for c in changes[:_MAX_CHANGES]:
            table.add_row(c["scope"], escape(c["name"]), _f(c["before"]), _f(c["after"]), f"{c['delta']:+.3f}")
        if len(changes) > _MAX_CHANGES:
            table.caption = f"… and {len(changes) - _MAX_CHANGES} more (see the JSON summary)"
        console.print(table)
    for label, key in (("new", "new"), ("gone", "gone")):
        if cmp[key]:
            names = escape(", ".join(f"{c['scope']}:{c['name']}" for c in cmp[key][:10]))
            console.print(f"{len(cmp[key])} {label} since the baseline: {names}{' …' if len(cmp[key]) > 10 else ''}")
