"""Repair form boundaries that page furniture and section prose put in the wrong place.

Two shapes seen in web-page copies of single forms:
- the title is printed twice, once above the publication metadata (发布日期 / 索引号) and once above
  the table; the first "form" holds only metadata rows and is dropped;
- a numbered section (三、目标完成情况) prints its goal sentences as prose between the funds block and
  the indicator table, so segmentation closes the titled form and opens an untitled one for the
  indicator table; the untitled part is joined back to the form it continues.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.segment.types import FormChunk, Row
from extractor.values import squash

_INDICATOR_HEAD = ("一级指标", "三级指标")
_FORM_HEAD = ("项目名称", "单位名称", "部门名称")


def merge_split_forms(chunks: list[FormChunk], is_body_row: Callable[[Row], bool]) -> list[FormChunk]:
    """Chunks with metadata-only duplicates dropped and headless continuations joined back."""
    kept: list[FormChunk] = []
    for k, chunk in enumerate(chunks):
        nxt = chunks[k + 1] if k + 1 < len(chunks) else None
        if nxt is not None and _is_repeated_title_stub(chunk, nxt, is_body_row):
            continue
        if kept and _continues(kept[-1], chunk):
            kept[-1].rows.extend(chunk.rows)
            kept[-1].context.extend(chunk.context)
            continue
        kept.append(chunk)
    return kept


def _is_repeated_title_stub(chunk: FormChunk, nxt: FormChunk, is_body_row: Callable[[Row], bool]) -> bool:
    """A titled chunk without any form body, followed by a chunk printing the same title."""
    if not chunk.title or squash(chunk.title) != squash(nxt.title):
        return False
    return not any(is_body_row(r) for r in chunk.rows)


def _has(rows: list[Row], words: tuple[str, ...]) -> bool:
    return any(w in squash(t) for r in rows for t in r.texts for w in words)


def _continues(prev: FormChunk, chunk: FormChunk) -> bool:
    """An untitled chunk that is only an indicator table, after a titled form that has none."""
    if chunk.title_row is not None or chunk.title or prev.title_row is None:
        return False
    if not _has(chunk.rows, _INDICATOR_HEAD) or _has(chunk.rows, _FORM_HEAD):
        return False
    return not _has(prev.rows, _INDICATOR_HEAD)
