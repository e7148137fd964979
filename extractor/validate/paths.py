"""The field paths of a dumped form: each traced value under the path findings name it by.

Funds rows are addressed by role (``funds[total]``, ``funds[other#1]`` where a role repeats), other
lists by position (``indicators[4]``).  Corrections, the web page's cell map and the exports all walk
a stored (JSON) form with these, so that a path means one field everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def traced_values(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every traced value of a dumped form with the field path the validator uses.

    Funds rows are addressed by role (``funds[total]``, ``funds[other#1]`` where a role repeats),
    other lists by position (``indicators[4]``), matching the paths in findings' ``fields``.
    """
    if isinstance(node, dict):
        if "value" in node and "source" in node and "confidence" in node:
            yield path, node
            return
        for key, child in node.items():
            if key != "findings":
                yield from traced_values(child, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for key, child in zip(list_keys(node), node, strict=True):
            yield from traced_values(child, f"{path}[{key}]")


def list_keys(items: list[Any]) -> list[str]:
    roles = [x.get("role") if isinstance(x, dict) and isinstance(x.get("role"), str) else None for x in items]
    if not all(roles):
        return [str(i) for i in range(len(items))]
    counts = {r: roles.count(r) for r in roles}
    seen: dict[str, int] = {}
    keys = []
    for role in roles:
        assert role is not None
        k = seen.get(role, 0)
        seen[role] = k + 1
        keys.append(role if counts[role] == 1 else f"{role}#{k}")
    return keys


def form_row_spans(form: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """The first and last grid row each grid gives this form, from its values' and findings' cells.

    Two forms can be read from one grid (seed 000: a score sheet printed under the self-assessment
    table); drawing the whole grid for each shows the document twice, so the page and the
    workbook both draw a form from these rows only.
    """
    refs = [ref for _, v in traced_values(form) for ref in v.get("source") or []]
    refs += [c for f in form.get("findings") or [] for c in f.get("cells") or []]
    spans: dict[str, tuple[int, int]] = {}
    for ref in refs:
        gid, r = ref.get("grid_id"), ref.get("row")
        if gid is None or not isinstance(r, int):
            continue
        lo, hi = spans.get(gid, (r, r))
        spans[gid] = (min(lo, r), max(hi, r))
    return spans
