"""A target table listing several projects in one grid (部门预算项目绩效目标申报表).

Segmentation gets one chunk per project from its ``split`` hook; each part is read by the list
reader, which takes the project's own cells from the first row.
"""

from __future__ import annotations

from extractor.layouts.project_list.read import is_project_list, read_project_list
from extractor.layouts.project_list.split import split_project_list
from extractor.layouts.registry import Layout
from extractor.rules.table import new_form
from extractor.segment.types import FormChunk
from schemas import DeptTarget, ProjectTarget


def detect(chunk: FormChunk) -> float:
    return 1.0 if is_project_list(chunk.rows) else 0.0


def read(chunk: FormChunk) -> ProjectTarget | DeptTarget:
    form = new_form(chunk)
    assert isinstance(form, (ProjectTarget, DeptTarget))  # the layout reads target tables only
    read_project_list(chunk.rows, form.header, form)
    return form


def split(chunk: FormChunk) -> list[FormChunk] | None:
    """One chunk per project, each with the header rows; None when the chunk lists no projects."""
    parts = split_project_list(chunk.rows)
    if parts is None:
        return None
    return [
        FormChunk(0, chunk.form_type, chunk.type_confidence, chunk.title, chunk.title_row, rows, list(chunk.context))
        for rows in parts
    ]


LAYOUT = Layout(
    name="project_list",
    form_types=frozenset({"project_target", "dept_target"}),
    detect=detect,
    read=read,
    summary="target table listing several projects, one form per project",
    split=split,
)
