"""A figure is never a level word or an indicator's name, nor is a form's own label: such a
reading is a misplaced row.

Every reader places cells by position, vocabulary and arithmetic; when a print shifts a row (a
merged cell printed once, a wrapped cell, a column the header does not name) a value may land in
the 一级/二级 column or in the name (``≥98%`` as 二级指标, ``250万`` as the name), and a piece of
the form around the table may be read as a row (``年度绩效目标``, ``财政部门审核意见``, a level
word's wrapped tail ``指标``).  No form prints these there, so whichever layout read them, they
are not trusted: a level holding a figure is emptied, a row whose name is a figure or a form label
is taken out (its other cells were placed by the same wrong shift), and ``LAYOUT_FIGURE_AS_LABEL``
/ ``LAYOUT_LABEL_AS_NAME`` point at the cells for a person to read.  The check runs once for
every layout (``Registry.extract``), so no reader needs its own.
"""

from __future__ import annotations

import re

from extractor.rules.align import doubt
from extractor.values import squash
from extractor.vocab.key import simplified
from schemas.common import Finding, Indicator, SourceRef, Value

# an operator, a figure and at most a short unit (%, ‰, M, 个, 元/人, 元/人*月): nothing a label is
_FIGURE = re.compile(
    r"[≥≤<>=＞＜≧≦]*\d[\d.,]*"
    r"(?:%|‰|[A-Za-z]{1,3}|[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff]{1,2}(?:\*[\u4e00-\u9fff])?)?)?")
# a form's labels around its table: a level word's cut piece (指标, 产出), a goal label (年度绩效目标),
# the sign-off block (审核意见, 盖章, 填报人); none is ever an indicator's name
_FORM_LABEL = re.compile(r"(?:指标|绩效|产出|效益|成本|(?:项目)?(?:年度)?(?:绩效)?(?:总体)?目标[:：]?"
                         r"|.*(?:盖章|审核意见|签字|签章|填报人|联系电话).*)")
_INDEX = re.compile(r"^indicators\[(\d+)\]")


def is_figure_label(text: str | None) -> bool:
    """``text`` is a figure (with its operator and unit), not a word."""
    return bool(text) and _FIGURE.fullmatch(squash(text or "")) is not None


def is_form_label(text: str | None) -> bool:
    """``text`` is one of the form's own labels, never an indicator's name."""
    return bool(text) and _FORM_LABEL.fullmatch(simplified(squash(text or ""))) is not None


def refuse_misplaced_rows(indicators: list[Indicator],
                          findings: list[Finding]) -> tuple[list[Indicator], list[Finding]]:
    """The indicators with figure levels emptied and rows named by a figure or a label taken out, and the findings
    (the reader's, their ``indicators[i]`` paths renumbered past the rows taken out, plus one
    ``LAYOUT_FIGURE_AS_LABEL`` / ``LAYOUT_LABEL_AS_NAME`` per refusal)."""
    kept: list[Indicator] = []
    new_index: dict[int, int | None] = {}
    refused: list[Finding] = []
    for i, ind in enumerate(indicators):
        name = ind.name.value if isinstance(ind.name.value, str) else None
        if is_figure_label(name) or is_form_label(name):
            new_index[i] = None
            refused.append(_finding("indicators", "指标名称", ind.name, _cells(ind), figure=is_figure_label(name)))
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


def _finding(path: str, what: str, value: Value[str], cells: list[SourceRef], figure: bool = True) -> Finding:
    printed = value.raw or value.value
    if figure:
        return doubt("LAYOUT_FIGURE_AS_LABEL", "warning",
                     f"{what}读到数值“{printed}”，该行单元格错位，未采用，请核对原件",
                     f"{path} read as the figure {printed!r}: the row's cells were misplaced, so it was not kept; "
                     "check the original", fields=[path], cells=cells, rule="extract.figure_label")
    return doubt("LAYOUT_LABEL_AS_NAME", "warning", f"指标名称读到表格标签“{printed}”，该行未采用，请核对原件",
                 f"an indicator's name read as the form label {printed!r}: the row was not kept; check the original",
                 fields=[path], cells=cells, rule="extract.label_name")
