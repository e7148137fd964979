"""A project self-evaluation whose cells PDF text extraction emitted out of order, as one stream."""

from __future__ import annotations

from extractor.layouts.registry import Layout
from extractor.layouts.scrambled.stream import is_scrambled_stream, read_scrambled_form
from extractor.rules.table import new_form
from extractor.segment.types import FormChunk
from schemas import ProjectSelfEval


def detect(chunk: FormChunk) -> float:
    return 1.0 if is_scrambled_stream(chunk.rows) else 0.0


def read(chunk: FormChunk) -> ProjectSelfEval:
    form = new_form(chunk)
    assert isinstance(form, ProjectSelfEval)  # the layout reads project_self_eval only
    form.findings = read_scrambled_form(chunk.rows, form)
    return form


LAYOUT = Layout(
    name="scrambled",
    form_types=frozenset({"project_self_eval"}),
    detect=detect,
    read=read,
    summary="PDF text stream in scrambled cell order; funds and indicators placed by arithmetic",
)
