"""Scoring sheets (打分表/评分表/评价指标体系), department and project: scored items with their stated rules.

The generic reader of its form type (0.5); a sheet with no header row falls back, inside the
reader, to reading its cells as a stream.
"""

from __future__ import annotations

from extractor.layouts.registry import Layout
from extractor.layouts.score_sheet.split import split
from extractor.rules.table import read_score_sheet_form
from extractor.segment.types import FormChunk

GENERIC_SCORE = 0.5


def detect(chunk: FormChunk) -> float:
    return GENERIC_SCORE


LAYOUT = Layout(
    name="score_sheet",
    form_types=frozenset({"dept_score_sheet", "project_score_sheet"}),
    detect=detect,
    read=read_score_sheet_form,
    summary="department or project scoring sheet read by cell type (分值, 计分标准, √ marks, 自评打分)",
    split=split,
)
