"""Score sheets whose text ran together (PDF text, document-sharing mirrors), points in the labels.

Claims a score-sheet chunk whose header, printed as one run (一级指标二级指标三级指标指标解释…),
names no 分值 column while its labels state their points (``绩效目标合理性(2分)``); the generic
``score_sheet`` reader needs cells and reads such a chunk as nothing.
"""

from __future__ import annotations

import re

from extractor.layouts.registry import Layout
from extractor.layouts.score_runon.read import (
    count_labels,
    read_run_on,
    read_title_and_unit,
    run_on_stream,
    whole_cell_labels,
)
from extractor.rules.header import read_header
from extractor.segment.types import FormChunk
from schemas import DeptScoreSheet, ProjectScoreSheet
from schemas.common import Finding

_MIN_LABELS = 3
# points printed before the first heading's name (``(20分)项目决策``, ``20 分)项目决策``): a PDF
# text layer whose labels read the other way round (the score_lines layout's), not a run-on text
_LABEL_RE = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_POINTS_FIRST = re.compile(r"\s*[（(]?\s*[\u4e00-\u9fff]{0,6}\d+(?:\.\d+)?\s*分?\s*[)）]")


def detect(chunk: FormChunk) -> float:
    stream = run_on_stream(chunk)
    if stream is None or _POINTS_FIRST.match(stream.text):
        return 0.0
    labels = count_labels(stream)
    if len(_FIGURE.findall(_LABEL_RE.sub("", stream.text))) * 4 < labels:
        return 0.0  # a blank template (no score beside its labels, a page number at most): not a run-on
    return 1.0 if labels >= _MIN_LABELS and whole_cell_labels(chunk) * 2 < labels else 0.0


def read(chunk: FormChunk) -> DeptScoreSheet | ProjectScoreSheet:
    stream = run_on_stream(chunk)
    items, groups = read_run_on(stream) if stream is not None else ([], [])
    model = ProjectScoreSheet if chunk.form_type == "project_score_sheet" else DeptScoreSheet
    finding = Finding(code="LAYOUT_SCORE_RUN_ON", severity="info",
                      message_zh="评分表文字连排无分隔，按带分值的指标名称切分，分值取自名称",
                      message_en="the score sheet's text ran together; it was cut at the labels that state their "
                                 "points, which are the weights (confidence 0.9)",
                      rule="layouts.score_runon")
    header = read_header(chunk)
    if stream is not None:
        title, unit = read_title_and_unit(stream)
        if header.title.value is None and title.value is not None:
            header.title = title
            year = re.match(r"(\d{4})", title.value)
            if header.year.value is None and year is not None:
                header.year = title.model_copy(update={"value": int(year.group(1))})
        if header.unit_name.value is None and unit.value is not None:
            header.unit_name = unit
    return model(header=header, items=items, groups=groups, form_index=chunk.index, findings=[finding])


LAYOUT = Layout(
    name="score_runon",
    form_types=frozenset({"dept_score_sheet", "project_score_sheet"}),
    detect=detect,
    read=read,
    summary="score sheet run together with the points only in its labels (绩效目标合理性(2分)…2)",
)
