"""Score sheets whose text ran together (PDF text, document-sharing mirrors, web pages).

Two readers: a header printed as one run of the 评分表 columns (``序号一级指标二级指标三级指标分值
评分标准自评得分扣分原因``, some left out) is read row by row in that column order (``columns``);
a header with 指标解释/指标说明 columns and no 分值 column, whose labels state their points
(``绩效目标合理性(2分)``), is cut at those labels (``read``).  The generic ``score_sheet`` reader
needs cells and reads such a chunk as nothing.  A document of run-together sheets is claimed before
segmentation and cut into its sheets (``claim``).
"""

from __future__ import annotations

import re

from extractor.layouts.registry import Layout
from extractor.layouts.score_runon.claim import claim
from extractor.layouts.score_runon.columns import Header, Sheet, find_header, read_columns
from extractor.layouts.score_runon.read import (
    count_labels,
    read_run_on,
    read_title_and_unit,
    run_on_stream,
    whole_cell_labels,
)
from extractor.layouts.score_runon.text import RunText, run_text
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
    columns = _columns(chunk)
    if columns is not None:
        return 1.0 if columns[2].runs_together() else 0.0
    stream = run_on_stream(chunk)
    if stream is None or _POINTS_FIRST.match(stream.text):
        return 0.0
    labels = count_labels(stream)
    if len(_FIGURE.findall(_LABEL_RE.sub("", stream.text))) * 4 < labels:
        return 0.0  # a blank template (no score beside its labels, a page number at most): not a run-on
    return 1.0 if labels >= _MIN_LABELS and whole_cell_labels(chunk) * 2 < labels else 0.0


_TITLE = re.compile(r"[^。，,；;:：《》()（）]{0,40}?(?:评分表|打分表|得分表)")


def _columns(chunk: FormChunk) -> tuple[RunText, Header, Sheet] | None:
    """The run text, its column header and the rows it gives, where the header is one run of
    评分表 column words."""
    rt = run_text(chunk)
    header = find_header(rt)
    if header is None:
        return None
    return rt, header, read_columns(rt, header)


def _read_columns(chunk: FormChunk, rt: RunText, header: Header, sheet: Sheet) -> DeptScoreSheet | ProjectScoreSheet:
    model = ProjectScoreSheet if chunk.form_type == "project_score_sheet" else DeptScoreSheet
    finding = Finding(code="LAYOUT_SCORE_RUN_ON", severity="info",
                      message_zh="评分表文字连排无分隔，按表头列序与数字、句号位置逐行切分",
                      message_en="the score sheet's text ran together; each row was cut in the header's column "
                                 "order at its figures and full stops (confidence 0.9)",
                      rule="layouts.score_runon.columns")
    header_values = read_header(chunk)
    titles = list(_TITLE.finditer(rt.text, 0, header.start))
    if titles:
        m = titles[-1]
        title = re.sub(r"^\d+(?:\.\d+)?", "", m.group(0))
        start = m.end() - len(title)
        header_values.title = rt.value(start, m.end(), title)
        year = re.search(r"(20\d{2})年", title)
        if year is not None:
            header_values.year = rt.value(start + year.start(1), start + year.end(1), int(year.group(1)))
    return model(header=header_values, items=sheet.items, groups=sheet.groups, totals=sheet.totals,
                 form_index=chunk.index, findings=[finding, *sheet.findings()])


def read(chunk: FormChunk) -> DeptScoreSheet | ProjectScoreSheet:
    columns = _columns(chunk)
    if columns is not None and columns[2].runs_together():
        return _read_columns(chunk, *columns)
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
    summary="score sheet run together: in its header's column order, or cut at labels stating their points",
    before_segment=claim,
)
