"""The generic table reader: any form of the national template family, read by header vocabulary.

Funds, goals and the indicator table are found by their header words, wherever they sit; the
section variants seen in the wild (paired funds columns, labels shifted a line up, 一级 words
printed as heading lines, a scrambled header, 权重占比/折算得分 weighting) are each handled by
their section reader.  ``new_form`` is the empty record every layout reader starts from.
"""

from __future__ import annotations

from extractor.errors import ExtractionError
from extractor.rules.deviation_note import read_deviation_note
from extractor.rules.funds import find_funds_header, read_funds
from extractor.rules.funds_glued import read_glued_sources
from extractor.rules.funds_labelled import read_labelled_amounts
from extractor.rules.funds_level_pairs import read_level_pair_funds
from extractor.rules.funds_paired import read_paired_funds
from extractor.rules.funds_points import stated_weight
from extractor.rules.funds_scale import drop_off_scale
from extractor.rules.funds_shifted import read_shifted_funds
from extractor.rules.funds_side_pairs import read_side_pair_funds
from extractor.rules.funds_sides import read_side_funds
from extractor.rules.funds_simple import read_budget_split
from extractor.rules.funds_split_sides import read_split_sides
from extractor.rules.goals import read_goals, read_overall_goal
from extractor.rules.header import read_header
from extractor.rules.headless_indicators import headless_finding, headless_header
from extractor.rules.headless_line import closes_evaluation, headless_line
from extractor.rules.headless_numbered import headless_numbered
from extractor.rules.headless_type import headless_type, unread_type
from extractor.rules.indicator_cut import drop_cut_last_row
from extractor.rules.indicator_header_order import reorder_scrambled_header
from extractor.rules.indicator_headings import apply_headings, plan_headings
from extractor.rules.indicator_row_join import rejoin_wrapped_rows
from extractor.rules.indicators import find_indicator_header, read_indicators
from extractor.rules.levels_after import find_level_block, place_late_figures, place_levels, without_block
from extractor.rules.score_sheet import read_score_sheet
from extractor.rules.weighted_indicators import find_weighted_layout, read_weighted_indicators
from extractor.segment.types import FormChunk
from schemas import DeptScoreSheet, DeptSelfEval, DeptTarget, ProjectScoreSheet, ProjectSelfEval, ProjectTarget
from schemas.common import Finding, Header

TableForm = ProjectSelfEval | DeptSelfEval | DeptTarget | ProjectTarget

_MODELS: dict[str, type[TableForm]] = {
    "project_self_eval": ProjectSelfEval,
    "dept_self_eval": DeptSelfEval,
    "dept_target": DeptTarget,
    "project_target": ProjectTarget,
}


def new_form(chunk: FormChunk) -> TableForm:
    """The chunk's empty record with its header read; an untyped or score-sheet chunk is an error."""
    model = _MODELS.get(chunk.form_type or "")
    if model is None:
        raise ExtractionError(
            f"form {chunk.index} is typed {chunk.form_type!r}, which no table reader reads",
            hint="segmentation types every form; report this document as a bug",
        )
    return model(header=read_header(chunk), form_index=chunk.index)


def _retyped_unread(form: TableForm, chunk: FormChunk) -> TableForm:
    """An untitled form none of whose parts was read, typed by what it prints
    (``headless_type.unread_type``); a form with funds or goals read keeps its type."""
    if chunk.title:
        return form
    kind = unread_type(chunk.form_type, chunk.type_confidence, [t for r in chunk.rows for t in r.nonblank])
    goals = form.goals if isinstance(form, (ProjectSelfEval, DeptSelfEval)) else None
    if kind == form.schema_name or kind not in _MODELS or form.funds \
            or goals is not None and (goals.expected.value or goals.actual.value):
        return form
    return _MODELS[kind](header=form.header, form_index=chunk.index)


def read_score_sheet_form(chunk: FormChunk) -> DeptScoreSheet | ProjectScoreSheet:
    """A department or project scoring sheet: both are trees of weighted items, read alike
    (the cell-stream fallback lives in the sheet reader)."""
    header = read_header(chunk)
    findings: list[Finding] = []
    items, groups, totals = read_score_sheet(chunk.rows, findings)
    model = ProjectScoreSheet if chunk.form_type == "project_score_sheet" else DeptScoreSheet
    return model(header=header, items=items, groups=groups, totals=totals, form_index=chunk.index, findings=findings)


def read_table(chunk: FormChunk) -> TableForm:
    """Funds, goals and indicators of a form laid out as a table with header words."""
    form = new_form(chunk)
    findings: list[Finding] = []
    rows = chunk.rows
    ind_header = find_indicator_header(rows)
    if ind_header is not None and headless_line(rows[ind_header.first_row:]) is not None:
        ind_header = None  # a header's cut tail run on into a one-line tail (``得分偏差原因…产出指标…``): no header
    limit = ind_header.first_row if ind_header else len(rows)
    paired = (read_paired_funds(rows, limit) or read_side_funds(rows, limit) or read_side_pair_funds(rows, limit)
              or read_level_pair_funds(rows, limit))
    funds_header = find_funds_header(rows, limit) if not paired else None
    if paired:
        form.funds = paired
    elif funds_header is not None:
        funds, funds_findings, end = read_funds(rows, funds_header)
        stated_weight(rows, funds_header.row_index, funds_header.fields, funds)
        if funds:  # Hunan's 按收入性质分 / 按支出性质分 sources glued to their amounts (funds_glued.py)
            funds += read_glued_sources(rows[:limit], end)
        else:
            funds, funds_findings = read_shifted_funds(rows, funds_header, limit)
        form.funds = funds
        findings.extend(funds_findings)
    else:
        form.funds = read_budget_split(rows, limit) or read_labelled_amounts(rows, limit)
    if not form.funds:  # Chongqing's 预算支出总额 | 基本支出 | 项目支出 run together, blanks dropped
        form.funds = read_split_sides(rows, limit)
    findings.extend(drop_off_scale(form.funds))
    if isinstance(form, (ProjectSelfEval, DeptSelfEval)):
        form.goals = read_goals(rows[:limit])
    else:
        form.overall_goal = read_overall_goal(rows[:limit])
    numbered = headless_numbered(rows)
    weighted = find_weighted_layout(rows, ind_header.first_row) if ind_header is not None and not numbered else None
    if numbered is not None:  # a one-line export whose header prints only in pieces among the rows
        numbered_rows, ind_header, finding = numbered
        form.indicators, form.groups, form.totals, _ = read_indicators(numbered_rows, ind_header)
        findings.append(finding)
    elif weighted is not None:
        form.indicators = read_weighted_indicators(rows, weighted)
    elif ind_header is not None:
        ind_header, reordered = reorder_scrambled_header(rows, ind_header)
        if reordered is not None:
            findings.append(reordered)
            rows = rejoin_wrapped_rows(rows, ind_header.last_row + 1, len(ind_header.columns))
        headings = plan_headings(rows, ind_header)  # 一级 printed only as heading lines
        rows = headings.rows if headings is not None else rows
        block = find_level_block(rows, ind_header.last_row + 1) if headings is None else None
        printed = rows
        rows = without_block(rows, block) if block is not None else rows
        indicators, groups, totals, _ = read_indicators(rows, ind_header)
        if headings is not None:
            apply_headings(headings, indicators, groups)
        if block is not None:  # the level words printed after the rows (a PDF's merged cells)
            place_late_figures(printed, block, indicators, "weight" in ind_header.columns.values())
            stated, placed = place_levels(block, indicators)
            groups = groups + [g for g in stated if all(g.name != h.name for h in groups)]
            findings.append(placed)
        form.indicators = indicators
        form.groups = groups
        form.totals = totals
        if isinstance(form, ProjectSelfEval):
            form.deviation_note = read_deviation_note(rows, ind_header.last_row + 1)
    elif (headless := headless_header(rows) or headless_line(rows)) is not None:  # an excerpt that begins mid-table
        rows, ind_header, above = headless
        indicators, groups, totals, _ = read_indicators(rows, ind_header)
        if not above:  # nothing above the rows: a figure in them is no header's, the rows tell the type
            texts = [i.name.value or "" for i in indicators] + [t for r in chunk.rows for t in r.nonblank]
            closed = closes_evaluation(chunk.rows)
            model = _MODELS[headless_type(chunk.form_type, set(ind_header.columns.values()), texts, closed)]
            form = model(header=Header(), form_index=chunk.index)
        form.indicators, form.groups, form.totals = indicators, groups, totals
        if isinstance(form, ProjectSelfEval):  # its labelled 偏差原因分析 row under the total, as with a header
            form.deviation_note = read_deviation_note(rows, 1)
        findings.append(headless_finding())
    else:
        form = _retyped_unread(form, chunk)
        findings.append(
            Finding(
                code="EXTRACT_NO_INDICATOR_TABLE",
                severity="warning",
                message_zh="未找到绩效指标表（一级/二级/三级指标表头）",
                message_en="no indicator table header (一级/二级/三级指标) was found in this form",
                rule="rules.indicators",
            )
        )
    declared = set(ind_header.columns.values()) if ind_header is not None else set()
    cut = drop_cut_last_row(form.indicators, chunk.rows, declared)  # an excerpt that ends inside its last row
    if cut is not None:
        findings.append(cut)
    if chunk.type_confidence < 0.5:
        findings.append(
            Finding(
                code="EXTRACT_FORM_TYPE_UNCERTAIN",
                severity="info",
                message_zh=f"表格无标题，按表头词汇判断为 {form.schema_name}",
                message_en=f"form has no title; typed as {form.schema_name} from its header words",
                rule="classify.vocabulary",
            )
        )
    form.findings = findings
    return form
