"""The deterministic extractor: maps a segmented form's rows onto its schema, no model needed.

Every section reader works by header vocabulary; each value keeps its cell reference and a
confidence, and layout doubts are reported as ``LAYOUT_*`` findings rather than guessed silently.
"""

from __future__ import annotations

from extractor.fused.chunks import is_fused_chunk
from extractor.rules.funds import find_funds_header, read_funds
from extractor.rules.funds_paired import read_paired_funds
from extractor.rules.funds_shifted import read_shifted_funds
from extractor.rules.funds_simple import read_budget_split, read_labelled_amounts
from extractor.rules.fushun import is_fushun, read_fushun
from extractor.rules.fused import read_fused
from extractor.rules.goals import read_goals, read_overall_goal
from extractor.rules.header import read_header
from extractor.rules.indicator_header_order import reorder_scrambled_header
from extractor.rules.indicator_headings import apply_headings, plan_headings
from extractor.rules.indicator_row_join import rejoin_wrapped_rows
from extractor.rules.indicators import find_indicator_header, read_indicators
from extractor.rules.score_sheet import read_score_sheet
from extractor.rules.scrambled_stream import is_scrambled_stream, read_scrambled_form
from extractor.rules.project_list_form import is_project_list, read_project_list
from extractor.rules.weighted_indicators import find_weighted_layout, read_weighted_indicators
from extractor.segment.types import FormChunk
from schemas import DeptScoreSheet, DeptSelfEval, DeptTarget, FormRecord, ProjectSelfEval, ProjectTarget
from schemas.common import Finding

_MODELS = {
    "project_self_eval": ProjectSelfEval,
    "dept_self_eval": DeptSelfEval,
    "dept_target": DeptTarget,
    "project_target": ProjectTarget,
}


def extract_form(chunk: FormChunk) -> FormRecord:
    """One form record from one chunk, with layout findings attached."""
    header = read_header(chunk)
    if chunk.form_type == "dept_score_sheet":
        items, groups, totals = read_score_sheet(chunk.rows)
        return DeptScoreSheet(header=header, items=items, groups=groups, totals=totals, form_index=chunk.index)
    model = _MODELS.get(chunk.form_type, ProjectSelfEval)
    form = model(header=header, form_index=chunk.index)
    if is_fused_chunk(chunk):  # a table whose text ran together: its own reader (extractor.fused)
        return read_fused(chunk, form)  # type: ignore[return-value]
    # --- Fushun variant (收支 / 年度主要任务 / 年度绩效目标 / 分解目标评价): its own section reader
    if isinstance(form, DeptSelfEval) and is_fushun(chunk.rows):
        form.findings = read_fushun(chunk, form)
        return form
    # --- end Fushun variant
    if isinstance(form, ProjectSelfEval) and is_scrambled_stream(chunk.rows):
        form.findings = read_scrambled_form(chunk.rows, form)
        return form
    if isinstance(form, (ProjectTarget, DeptTarget)) and is_project_list(chunk.rows):
        read_project_list(chunk.rows, header, form)  # one project of a multi-project target table
        return form
    findings: list[Finding] = []
    rows = chunk.rows
    ind_header = find_indicator_header(rows)
    limit = ind_header.first_row if ind_header else len(rows)
    paired = read_paired_funds(rows, limit)
    funds_header = find_funds_header(rows, limit) if not paired else None
    if paired:
        form.funds = paired  # type: ignore[union-attr]
    elif funds_header is not None:
        funds, funds_findings, _ = read_funds(rows, funds_header)
        if not funds:
            funds, funds_findings = read_shifted_funds(rows, funds_header, limit)
        form.funds = funds  # type: ignore[union-attr]
        findings.extend(funds_findings)
    else:
        form.funds = read_budget_split(rows, limit) or read_labelled_amounts(rows, limit)  # type: ignore[union-attr]
    if isinstance(form, (ProjectSelfEval, DeptSelfEval)):
        form.goals = read_goals(rows[:limit])
    else:
        form.overall_goal = read_overall_goal(rows[:limit])  # type: ignore[union-attr]
    weighted = find_weighted_layout(rows, ind_header.first_row) if ind_header is not None else None
    if weighted is not None:
        form.indicators = read_weighted_indicators(rows, weighted)  # type: ignore[union-attr]
    elif ind_header is not None:
        ind_header, reordered = reorder_scrambled_header(rows, ind_header)
        if reordered is not None:
            findings.append(reordered)
            rows = rejoin_wrapped_rows(rows, ind_header.last_row + 1, len(ind_header.columns))
        headings = plan_headings(rows, ind_header)  # 一级 printed only as heading lines
        rows = headings.rows if headings is not None else rows
        indicators, groups, totals, _ = read_indicators(rows, ind_header)
        if headings is not None:
            apply_headings(headings, indicators, groups)
        form.indicators = indicators  # type: ignore[union-attr]
        form.groups = groups  # type: ignore[union-attr]
        form.totals = totals
    else:
        findings.append(
            Finding(
                code="EXTRACT_NO_INDICATOR_TABLE",
                severity="warning",
                message_zh="未找到绩效指标表（一级/二级/三级指标表头）",
                message_en="no indicator table header (一级/二级/三级指标) was found in this form",
                rule="rules.indicators",
            )
        )
    if chunk.type_confidence < 0.5:
        findings.append(
            Finding(
                code="EXTRACT_FORM_TYPE_UNCERTAIN",
                severity="info",
                message_zh=f"表格无标题，按表头词汇判断为 {chunk.form_type}",
                message_en=f"form has no title; typed as {chunk.form_type} from its header words",
                rule="classify.vocabulary",
            )
        )
    form.findings = findings
    return form
