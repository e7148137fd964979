"""The generic reader: any table of the national template family, read by its header words.

It scores a constant 0.5 for every form it can read, so any layout that recognises a chunk as its
own (1.0) wins over it, and a form nothing more specific recognises is still read.
"""

from __future__ import annotations

from extractor.layouts.registry import Layout
from extractor.rules.table import read_table
from extractor.segment.types import FormChunk

GENERIC_SCORE = 0.5


def detect(chunk: FormChunk) -> float:
    return GENERIC_SCORE


LAYOUT = Layout(
    name="table",
    form_types=frozenset({"project_self_eval", "dept_self_eval", "dept_target", "project_target"}),
    detect=detect,
    read=read_table,
    summary="national template family read by header vocabulary (paired/shifted funds, heading lines, weighting)",
)
