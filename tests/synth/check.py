"""Self-consistency of generated gold: the validator, run on the gold values themselves, must
raise exactly the planted findings (and nothing on a clean form).

This is what makes the corpus a measuring instrument for findings: a planted error the
validator cannot see even from perfect values would count against every reader.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

PREDICTING = frozenset({"error", "warning"})


def validator_findings(form_gold: dict[str, Any]) -> Counter[tuple[str, str]]:
    """(code, first field) of every error/warning the validator raises on a gold-shape form."""
    from extractor.validate import validate_form
    from extractor.validate.plain import record_from_plain

    found: Counter[tuple[str, str]] = Counter()
    for finding in validate_form(record_from_plain(form_gold)):
        if finding.severity in PREDICTING:
            found[(finding.code, finding.fields[0] if finding.fields else "")] += 1
    return found


def disagreements(gold: dict[str, Any]) -> list[str]:
    """What the validator raises on the gold's forms that the gold does not expect, and back."""
    out: list[str] = []
    expected: dict[int, Counter[tuple[str, str]]] = {}
    for item in gold.get("expected_findings", []):
        expected.setdefault(item["form"], Counter())[(item["code"], item["field"])] += 1
    for i, form in enumerate(gold["forms"]):
        got = validator_findings(form)
        want = expected.get(i, Counter())
        out += [f"form {i}: unexpected {code} @ {fld}" for code, fld in (got - want)]
        out += [f"form {i}: missing {code} @ {fld}" for code, fld in (want - got)]
    return out
