"""A project self-evaluation REPORT (财政支出项目绩效评价自评报告) whose tables carry a form.

Hunan's report template prints a cover (评价类型 choices, 项目名称, 项目单位, 主管部门, 评价方式,
报告日期), then 一、项目基本概况 as a table whose funds print as label/amount pairs per column
(``计划安排资金 (万元) | B | 实际到位资金 (万元) | A | 实际支出 (万元) | E | 结余 | R``, then one row per
source: ``省财政 | b | 省财政 | a | …``), then 二、项目支出明细情况 (payments, not funds).  No form
title and no indicator header is printed, so segmentation finds nothing; yet the report's tables
are one project's self-evaluation and the samples label them so.  The chunk is built only when the
funds line prints both the 计划安排资金 and the 实际支出 label: a narrative report quoting its
figures in prose prints no such table row and still yields no form.
"""

from __future__ import annotations

import re

from extractor.segment.types import FormChunk, Row
from extractor.values import squash

_PLANNED = re.compile(r"^计划安排资金")
_SPENT = re.compile(r"^实际支出")
_REPORT_TITLE = re.compile(r"绩效(评价)?自评报告$")
# the cover lines the header reader takes: the project, its unit and its department
_COVER_LABEL = re.compile(r"^(项目名称|项目单位|主管部门)")
# where the funds block ends: the payments section (二、项目支出明细情况) or any numbered section
_LEVEL_HEAD = re.compile(r"^(一级指标|二级指标|三级指标)$")
_SECTION = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def is_funds_line(row: Row) -> bool:
    """The funds line of the report's 基本概况 table: 计划安排资金 and 实际支出 labels in one row."""
    keys = [squash(t) for t in row.texts]
    return (not row.is_paragraph and any(_PLANNED.match(k) for k in keys)
            and any(_SPENT.match(k) for k in keys))


def level_header_at(rows: list[Row]) -> int | None:
    """The first row printing a level heading cell (一级指标 / 二级指标 / 三级指标): the indicator
    table's header, below which a report's rows are indicators (payments lie above it)."""
    return next((k for k, r in enumerate(rows) if any(_LEVEL_HEAD.match(squash(t)) for t in r.texts)), None)


def report_chunk(rows: list[Row]) -> FormChunk | None:
    """The report's form: its title (where printed), cover labels and funds block; or None."""
    start = next((k for k, r in enumerate(rows) if is_funds_line(r)), None)
    if start is None:
        return None
    end = _block_end(rows, start)
    title_at = next((k for k in range(start - 1, -1, -1) if rows[k].is_paragraph
                     and _REPORT_TITLE.search(squash(rows[k].cells[0].clean))), None)
    cover_from = 0 if title_at is None else title_at + 1
    title_row = rows[title_at] if title_at is not None else None
    title = title_row.cells[0].clean.strip() if title_row is not None else ""
    chunk = FormChunk(0, "project_self_eval", 0.8 if title_row is not None else 0.6, title, title_row)
    for row in rows[cover_from:start]:
        keys = [squash(t) for t in row.texts if t.strip()]
        if keys and _COVER_LABEL.match(keys[0]):
            chunk.rows.append(row)
        elif keys:
            chunk.context.append(" | ".join(t.strip() for t in row.texts if t.strip()))
    chunk.rows.extend(rows[start:end])
    return chunk


def _block_end(rows: list[Row], start: int) -> int:
    """Where the funds block from ``start`` ends: a paragraph or the next numbered section."""
    end = start + 1
    while end < len(rows) and not rows[end].is_paragraph and not _is_section(rows[end]):
        end += 1
    return end


def _is_section(row: Row) -> bool:
    first = next((t for t in row.texts if t.strip()), "")
    return bool(_SECTION.match(squash(first)))


def attach_report(rows: list[Row], chunks: list[FormChunk]) -> list[FormChunk]:
    """A report that prints its indicator table after the payments (三、…): segmentation opened the
    form in the payments or at the indicator header, untitled; above it lie the report's cover and
    funds, and they are the form's.  The payments are not (a payment's month is no form year): the
    form keeps its rows after the section that follows the funds block, where one is printed."""
    if not chunks or chunks[0].title_row is not None or not chunks[0].rows:
        return chunks
    first = chunks[0].rows[0]
    at = next((k for k, r in enumerate(rows) if r is first), None)
    report = report_chunk(rows[:at]) if at is not None else None
    if report is None:
        return chunks
    form = chunks[0]
    head = level_header_at(form.rows)
    start = next(k for k, r in enumerate(rows) if is_funds_line(r))
    cut = next((k for k in range(_block_end(rows, start) + 1, len(rows)) if _is_section(rows[k])), None)
    if head is not None:  # the indicator header: the payments lie above it
        form.rows = form.rows[head:]
    elif cut is not None:
        kept = {id(r) for r in rows[cut + 1:]}
        form.rows = [r for r in form.rows if id(r) in kept]
    form.rows = report.rows + form.rows
    form.title, form.title_row = report.title, report.title_row
    form.context = report.context + form.context
    return chunks
