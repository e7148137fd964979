"""Run-together text: a table whose cells arrived with no separators (web excerpts, OCR).

It claims the whole document before segmentation (its forms are cut by vocabulary, not by title
rows) and reads each chunk with ``extractor.rules.fused``.
"""

from __future__ import annotations

from extractor.fused.chunks import fused_chunks, is_fused_chunk
from extractor.layouts.registry import Layout
from extractor.rules.fused import read_fused
from extractor.rules.table import TableForm, new_form
from extractor.segment.types import FormChunk


def detect(chunk: FormChunk) -> float:
    return 1.0 if is_fused_chunk(chunk) else 0.0


def read(chunk: FormChunk) -> TableForm:
    return read_fused(chunk, new_form(chunk))


LAYOUT = Layout(
    name="fused",
    form_types=frozenset({"project_self_eval", "dept_self_eval", "dept_target", "project_target"}),
    detect=detect,
    read=read,
    summary="a table whose text ran together without cell separators, cut by header vocabulary and arithmetic",
    before_segment=fused_chunks,
)
