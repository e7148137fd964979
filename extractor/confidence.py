"""Flag values read from doubtful cells (OCR confidence, ambiguous layouts) as findings.

A value below the threshold is kept — the operator sees it — but never silently trusted: each one
gets an ``EXTRACT_LOW_CONFIDENCE`` finding that points at its cells, so the web page highlights it
and a reviewer can correct it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from schemas.common import Finding, Value

LOW_CONFIDENCE = 0.8


def low_confidence_values(node: Any, path: str = "") -> Iterator[tuple[str, Value[Any]]]:
    if isinstance(node, Value):
        if node.value is not None and node.confidence < LOW_CONFIDENCE:
            yield path, node
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name != "findings":
                yield from low_confidence_values(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from low_confidence_values(child, f"{path}[{i}]")


def confidence_findings(form: BaseModel, reported: list[Finding]) -> list[Finding]:
    """One finding per doubtful value, except values whose cells a layout finding already names."""
    seen = {(c.grid_id, c.row, c.col) for f in reported for c in f.cells}
    out = []
    for path, value in low_confidence_values(form):
        if value.source and all((c.grid_id, c.row, c.col) in seen for c in value.source):
            continue
        out.append(
            Finding(
                code="EXTRACT_LOW_CONFIDENCE",
                severity="warning",
                message_zh=f"{path} 读取置信度低（{value.confidence:.2f}），读到“{value.raw}”，请核对原件",
                message_en=f"{path} was read with low confidence ({value.confidence:.2f}) as {value.raw!r}; "
                "check the original",
                fields=[path],
                cells=list(value.source),
                rule="extract.confidence",
            )
        )
    return out
