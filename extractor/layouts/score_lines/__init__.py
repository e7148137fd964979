"""Score sheets as their PDF text layer: label lines, each row's figures opening the next line.

A rubric with merged 一级/二级 cells copied out of a PDF keeps no columns (sample 09, the
``pdf_sheet`` shape of tests/synth/messify): ``20 分)项目决策(10 分)科学决策必要性`` /
``5 5 可行性`` / ``5 5 (`` / ``10 ) 绩效目标明确性`` …  The generic ``score_sheet`` reader needs
cells under a header and reads nothing of it; ``score_runon`` needs a run-together header.
This layout claims a score-sheet chunk whose rows open with figures and whose labels state
their points, and reads the tree from those points (``read.py``).
"""

from __future__ import annotations

from extractor.layouts.registry import Layout
from extractor.layouts.score_lines.read import read_lines, stream_of
from extractor.layouts.score_lines.tokens import row_shapes, tokenize
from extractor.rules.header import read_header
from extractor.segment.types import FormChunk
from schemas import DeptScoreSheet, ProjectScoreSheet
from schemas.common import Finding

_MIN_ROWS = 3
_MIN_POINTS = 2
# below score_runon's 1.0: a sheet with a run-together header is its; above the generic 0.5
_SCORE = 0.8


def detect(chunk: FormChunk) -> float:
    text = stream_of(chunk).text
    points = sum(t.kind == "points" for t in tokenize(text))
    pdf, table = row_shapes(text)
    if points < _MIN_POINTS or pdf < _MIN_ROWS or table * 2 >= pdf:
        return 0.0
    return _SCORE


def read(chunk: FormChunk) -> DeptScoreSheet | ProjectScoreSheet:
    sheet = read_lines(stream_of(chunk))
    model = ProjectScoreSheet if chunk.form_type == "project_score_sheet" else DeptScoreSheet
    finding = Finding(code="LAYOUT_SCORE_LINES", severity="info",
                      message_zh="评分表为PDF文字层：各行分值得分排在下一行开头，层级按标注分值推断",
                      message_en="the score sheet is a PDF text layer (each row's figures open the next line); "
                                 "its levels were read from the points its labels state (confidence 0.9)",
                      rule="layouts.score_lines")
    return model(header=read_header(chunk), items=sheet.items, groups=sheet.groups, totals=sheet.totals,
                 form_index=chunk.index, findings=[finding, *sheet.findings])


LAYOUT = Layout(
    name="score_lines",
    form_types=frozenset({"dept_score_sheet", "project_score_sheet"}),
    detect=detect,
    read=read,
    summary="score sheet as a PDF text layer: label lines, figures opening the next line (sample 09)",
)
