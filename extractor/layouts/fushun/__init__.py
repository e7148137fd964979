"""Fushun's department self-evaluation template: 收支 / 年度主要任务 / 年度绩效目标 / 分解目标评价.

Its indicator columns do not hold what their headers say (the 三级 column keeps a 指标N label,
the name sits under 内容), so it also tells the LLM path where its cells sit.
"""

from __future__ import annotations

from extractor.grid import Cell
from extractor.layouts.fushun.headless import is_fushun_headless, read_headless
from extractor.layouts.fushun.read import indicator_cells, is_fushun, read_fushun
from extractor.layouts.fushun.runon import is_run_on_fushun, read_run_on
from extractor.layouts.fushun.tail import claim_tail, is_fushun_tail, read_tail
from extractor.layouts.registry import Layout
from extractor.rules.table import new_form
from extractor.segment.types import FormChunk
from schemas import DeptSelfEval


def detect(chunk: FormChunk) -> float:
    return 1.0 if is_fushun(chunk.rows) else 0.0


def read(chunk: FormChunk) -> DeptSelfEval:
    form = new_form(chunk)
    assert isinstance(form, DeptSelfEval)  # the layout reads dept_self_eval only
    form.findings = read_fushun(chunk, form)
    return form


def cell_template(chunk: FormChunk) -> dict[int, dict[str, Cell]]:
    return indicator_cells(chunk.rows)


LAYOUT = Layout(
    name="fushun",
    form_types=frozenset({"dept_self_eval"}),
    detect=detect,
    read=read,
    summary="Fushun 部门整体 template: 收支 / 年度主要任务 / 年度绩效目标 / 分解目标评价 sections",
    cell_template=cell_template,
)


def detect_run_on(chunk: FormChunk) -> float:
    return 1.0 if is_run_on_fushun(chunk) else 0.0


def read_run_on_form(chunk: FormChunk) -> DeptSelfEval:
    form = new_form(chunk)
    assert isinstance(form, DeptSelfEval)  # the layout reads dept_self_eval only
    form.findings = read_run_on(chunk, form)
    return form


LAYOUT_RUN_ON = Layout(
    name="fushun_runon",
    form_types=frozenset({"dept_self_eval"}),
    detect=detect_run_on,
    read=read_run_on_form,
    summary="Fushun 部门整体 template run together: cut at its section words, 指标N slots and column rules",
)


def detect_tail(chunk: FormChunk) -> float:
    return 1.0 if is_fushun_tail(chunk) else 0.0


def read_tail_form(chunk: FormChunk) -> DeptSelfEval:
    form = new_form(chunk)
    assert isinstance(form, DeptSelfEval)  # the layout reads dept_self_eval only
    form.findings = read_tail(chunk, form)
    return form


LAYOUT_TAIL = Layout(
    name="fushun_tail",
    form_types=frozenset({"dept_self_eval"}),
    detect=detect_tail,
    read=read_tail_form,
    summary="Fushun 部门整体 template's last rows on one line (an excerpt): cut at its 指标N slots and 完成程度 words",
    before_segment=claim_tail,
)


def detect_headless(chunk: FormChunk) -> float:
    return 1.0 if is_fushun_headless(chunk) else 0.0


def read_headless_form(chunk: FormChunk) -> DeptSelfEval:
    form = new_form(chunk)
    assert isinstance(form, DeptSelfEval)  # the layout reads dept_self_eval only
    form.findings = read_headless(chunk, form)
    return form


LAYOUT_HEADLESS = Layout(
    name="fushun_headless",
    form_types=frozenset({"dept_self_eval"}),
    detect=detect_headless,
    read=read_headless_form,
    summary="Fushun 部门整体 excerpt beginning inside its 分解目标评价 rows: columns placed from the 指标N slot",
)
