"""What a run tells its reader: the JSON summary, per-document diffs, the baseline comparison.

The JSON summary is the stable, machine-readable result (CI gates on it, ``--baseline`` reads a
previous one).  The diff files are for the developer asking *why*: every mismatch with the gold
label, the extracted value, the cell text it was read from and the cell's position.
Rendering to the terminal lives in ``eval.tables``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from eval.harness import DocumentOutcome, EvalRun
from eval.score import DocScore

SUMMARY_VERSION = 1
_EPS = 1e-9


def summary(run: EvalRun, diffs: dict[str, Path] | None = None) -> dict[str, Any]:
    """The machine-readable result of a run."""
    total = run.total()
    out = _score_dict(total)
    return {
        "version": SUMMARY_VERSION,
        "run": {
            "started": run.started.isoformat(timespec="seconds"),
            "seconds": round(run.seconds, 3),
            "backend": run.backend,
            "documents": len(run.outcomes),
            **{status: run.count(status) for status in ("scored", "error", "skipped", "invalid")},
        },
        **out,
        "usage": _usage(run),
        "documents": [_document_dict(outcome, (diffs or {}).get(outcome.name)) for outcome in run.outcomes],
    }


def _usage(run: EvalRun) -> dict[str, Any] | None:
    """What the model cost over the run, in all and per extracted form; ``None`` when unasked."""
    asked = [o for o in run.outcomes if o.usage]
    if not asked:
        return None
    total = {key: sum(o.usage[key] for o in asked) for key in ("calls", "prompt_tokens", "completion_tokens")}
    forms = sum(o.score.forms.extracted for o in run.outcomes if o.score is not None)
    seconds = sum(o.seconds for o in run.outcomes if o.score is not None)
    per_form = {key: round(value / forms, 1) for key, value in [*total.items(), ("seconds", seconds)]} if forms else None
    return {**total, "forms": forms, "per_form": per_form}


def _score_dict(score: DocScore) -> dict[str, Any]:
    return {
        "overall": score.fields.to_dict(),
        "forms": score.forms.to_dict(),
        "rows": {name: rows.to_dict() for name, rows in sorted(score.rows.items())},
        "by_form_type": {name: c.to_dict() for name, c in sorted(score.by_form_type.items())},
        "by_family": {name: c.to_dict() for name, c in sorted(score.by_family.items())},
        "by_field": {name: c.to_dict() for name, c in sorted(score.by_field.items())},
        "findings": score.findings.to_dict() if score.findings is not None else None,
    }


def _document_dict(outcome: DocumentOutcome, diff: Path | None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": outcome.name,
        "gold": str(outcome.gold.path),
        "source": str(outcome.gold.source),
        "status": outcome.status,
        "reason": outcome.reason or None,
        "warnings": outcome.warnings,
        "seconds": round(outcome.seconds, 3),
    }
    if outcome.usage:
        doc["usage"] = outcome.usage
    if outcome.gold.problems:
        doc["problems"] = outcome.gold.problems
    if outcome.score is not None:
        score = _score_dict(outcome.score)
        doc.update({k: score[k] for k in ("overall", "forms", "rows", "by_form_type", "by_family", "findings")})
        doc["mismatches"] = len(outcome.score.mismatches)
    doc["diff"] = str(diff) if diff else None
    return doc


def write_diffs(run: EvalRun, directory: Path) -> dict[str, Path]:
    """One ``<doc>.diff.txt`` per document with anything to explain; returns name → file."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for outcome in run.outcomes:
        text = diff_text(outcome)
        if text is None:
            continue
        path = directory / (re.sub(r"[^\w.~-]+", "__", outcome.name) + ".diff.txt")
        path.write_text(text, encoding="utf-8")
        written[outcome.name] = path
    return written


def diff_text(outcome: DocumentOutcome) -> str | None:
    """The diff of one document, or None when there is nothing to say (a perfect score)."""
    score = outcome.score
    if outcome.status == "scored" and not outcome.warnings and score is not None and not score.mismatches:
        return None
    lines = [
        f"# {outcome.name}  [{outcome.status}]",
        f"# gold   {outcome.gold.path}",
        f"# source {outcome.gold.source}",
    ]
    if outcome.reason:
        lines.append(f"# reason {outcome.reason}")
    lines += [f"# warning {w}" for w in outcome.warnings]
    lines += [f"# problem {p}" for p in outcome.gold.problems]
    if score is not None:
        f, forms = score.fields, score.forms
        lines.append(
            f"# forms gold {forms.gold}, extracted {forms.extracted}, matched {forms.matched}, "
            f"type correct {forms.type_correct}; fields P {f.precision:.3f} R {f.recall:.3f} F1 {f.f1:.3f} "
            f"(tp {f.tp}, fp {f.fp}, fn {f.fn})"
        )
        lines += [f"#   {pair}" for pair in score.form_pairs]
        current = None
        for m in score.mismatches:
            if m.form != current:
                current = m.form
                lines += ["", current]
            context = f"  «{m.context}»" if m.context else ""
            lines.append(f"  {m.kind.upper():8} {m.path}{context}")
            if m.kind != "spurious":
                lines.append(f"           expected {m.expected}")
            if m.kind != "missing":
                source = f" at {m.where}" if m.where else ""
                raw = f"  (cell text {m.raw!r}{source})" if m.raw is not None else source
                lines.append(f"           got      {m.got}{raw}")
    if outcome.trace:
        lines += ["", outcome.trace.rstrip()]
    return "\n".join(lines) + "\n"


def compare_to_baseline(current: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """F1 deltas against an earlier summary: overall, per form type, per layout family, per field,
    per document."""
    changes: list[dict[str, Any]] = []

    def compare(scope: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        for name in sorted(before.keys() | after.keys()):
            old = (before.get(name) or {}).get("f1")
            new = (after.get(name) or {}).get("f1")
            if old is None or new is None:
                changes.append({"scope": scope, "name": name, "before": old, "after": new, "delta": None})
            elif abs(new - old) > _EPS:
                changes.append(
                    {"scope": scope, "name": name, "before": old, "after": new, "delta": round(new - old, 6)}
                )

    def documents(summary_: dict[str, Any]) -> dict[str, Any]:
        return {d["name"]: d.get("overall") for d in summary_.get("documents", []) if d.get("overall")}

    compare("overall", {"overall": baseline.get("overall")}, {"overall": current.get("overall")})
    compare("form_type", baseline.get("by_form_type", {}), current.get("by_form_type", {}))
    compare("family", baseline.get("by_family", {}), current.get("by_family", {}))
    compare("field", baseline.get("by_field", {}), current.get("by_field", {}))
    compare("document", documents(baseline), documents(current))
    old_f1 = (baseline.get("overall") or {}).get("f1")
    new_f1 = (current.get("overall") or {}).get("f1")
    return {
        "baseline_started": (baseline.get("run") or {}).get("started"),
        "overall": {"before": old_f1, "after": new_f1,
                    "delta": round(new_f1 - old_f1, 6) if old_f1 is not None and new_f1 is not None else None},
        "improved": [c for c in changes if c["delta"] is not None and c["delta"] > 0],
        "regressed": [c for c in changes if c["delta"] is not None and c["delta"] < 0],
        "new": [c for c in changes if c["before"] is None],
        "gone": [c for c in changes if c["after"] is None],
    }  # fmt: skip


def load_summary(path: Path) -> dict[str, Any]:
    """A summary written by an earlier run (``--out`` or ``eval/runs/<ts>/summary.json``)."""
    from extractor.errors import InputError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read baseline ({exc})", source=str(path)) from exc
    if not isinstance(data, dict) or "overall" not in data:
        raise InputError("not an eval summary (no 'overall')", source=str(path),
                         hint="pass the summary.json of an earlier run")  # fmt: skip
    return data


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
