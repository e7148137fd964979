"""A figure is never a level word or an indicator's name: such a reading is a misplaced row.

Every reader places cells by position, vocabulary and arithmetic; when a print shifts a row (a
merged cell printed once, a wrapped cell, a column the header does not name) a value may land in
the 一级/二级 column or in the name (``≥98%`` as 二级指标, ``250万`` as the name).  No form prints
a bare figure there, so whichever layout read it, the value is not trusted: a level holding a
figure is emptied, a row whose name is a figure is taken out (its other cells were placed by the
same wrong shift), and ``LAYOUT_FIGURE_AS_LABEL`` points at the cells for a person to read.
The check runs once for every layout (``Registry.extract``), so no reader needs its own.
"""

from __future__ import annotations

import re

from extractor.values import squash
from schemas.common import Finding, Indicator, SourceRef, Value

# an operator, a figure and at most a short unit (%, ‰, M, 个, 元/人, 元/人*月): nothing a label is
_FIGURE = re.compile(
    r"[≥≤<>=＞＜≧≦]*\d[\d.,]*"
    r"(?:%|‰|[A-Za-z]{1,3}|[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff]{1,2}(?:\*[\u4e00-\u9fff])?)?)?")
_INDEX = re.compile(r"^indicators\[(\d+)\]")


def is_figure_label(text: str | None) -> bool:
    """``text`` is a figure (with its operator and unit), not a word."""
    return bool(text) and _FIGURE.fullmatch(squash(text or "")) is not None


def refuse_figure_labels(indicators: list[Indicator], findings: list[Finding]) -> tuple[list[Indicator], list[Finding]]:
    """The indicators with figure levels emptied and figure-named rows taken out, and the findings
    (the reader's, their ``indicators[i]`` paths renumbered past the rows taken out, plus one
    ``LAYOUT_FIGURE_AS_LABEL`` per refusal)."""
    kept: list[Indicator] = []
    new_index: dict[int, int | None] = {}
    refused: list[Finding] = []
    for i, ind in enumerate(indicators):
        if isinstance(ind.name.value, str) and is_figure_label(ind.name.value):
            new_index[i] = None
            refused.append(_finding("indicators", "指标名称", ind.name, _cells(ind)))
            continue
        for field in ("level1", "level2"):
            value: Value[str] = getattr(ind, field)
            if isinstance(value.value, str) and is_figure_label(value.value):
                refused.append(_finding(f"indicators[{len(kept)}].{field}", field, value, list(value.source)))
                setattr(ind, field, Value[str]())
        new_index[i] = len(kept)
        kept.append(ind)
    if not refused:
        return indicators, findings
    return kept, [*(_renumbered(f, new_index) for f in findings), *refused]


def _cells(ind: Indicator) -> list[SourceRef]:
    out: list[SourceRef] = []
    for name in type(ind).model_fields:
        value = getattr(ind, name)
        if isinstance(value, Value):
            out.extend(ref for ref in value.source if ref not in out)
    return out


def _renumbered(finding: Finding, new_index: dict[int, int | None]) -> Finding:
    fields = []
    for path in finding.fields:
        m = _INDEX.match(path)
        if m is None:
            fields.append(path)
            continue
        j = new_index.get(int(m.group(1)), int(m.group(1)))
        fields.append("indicators" if j is None else f"indicators[{j}]{path[m.end():]}")
    return finding if fields == finding.fields else finding.model_copy(update={"fields": fields})


def _finding(path: str, what: str, value: Value[str], cells: list[SourceRef]) -> Finding:
    return Finding(
        code="LAYOUT_FIGURE_AS_LABEL",
        severity="warning",
        message_zh=f"{what}读到数值“{value.raw or value.value}”，该行单元格错位，未采用，请核对原件",
        message_en=f"{path} read as the figure {value.raw or value.value!r}: the row's cells were misplaced, "
        "so it was not kept; check the original",
        fields=[path],
        cells=cells,
        rule="extract.figure_label",
    )
