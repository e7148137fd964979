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
