"""Fushun's department self-evaluation template: 收支 / 年度主要任务 / 年度绩效目标 / 分解目标评价.

Its indicator columns do not hold what their headers say (the 三级 column keeps a 指标N label,
the name sits under 内容), so it also tells the LLM path where its cells sit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extractor.grid import Cell
from extractor.layouts.fushun.headless import is_fushun_headless, read_headless
from extractor.layouts.fushun.read import indicator_cells, is_fushun, read_fushun
from extractor.layouts.fushun.runon import is_run_on_fushun, read_run_on
from extractor.layouts.fushun.tail import claim_tail, is_fushun_tail, read_tail
from extractor.layouts.registry import Layout
from extractor.rules.table import new_form
from extractor.segment.types import FormChunk
from schemas import DeptSelfEval
from schemas.common import Finding


def _dept_layout(name: str, applies: Callable[[FormChunk], bool],
                 read_into: Callable[[FormChunk, DeptSelfEval], list[Finding]], summary: str,
                 **extra: Any) -> Layout:
    """One of the template's layouts: the chunk claimed whole where ``applies`` holds, read into a
    dept_self_eval by ``read_into`` (the four prints differ only in those two)."""
    def detect(chunk: FormChunk) -> float:
        return 1.0 if applies(chunk) else 0.0

    def read(chunk: FormChunk) -> DeptSelfEval:
        form = new_form(chunk)
        assert isinstance(form, DeptSelfEval)  # the layout reads dept_self_eval only
        form.findings = read_into(chunk, form)
        return form

    return Layout(name=name, form_types=frozenset({"dept_self_eval"}), detect=detect, read=read,
                  summary=summary, **extra)


def cell_template(chunk: FormChunk) -> dict[int, dict[str, Cell]]:
    return indicator_cells(chunk.rows)


LAYOUT = _dept_layout(
    "fushun", lambda chunk: is_fushun(chunk.rows), read_fushun,
    "Fushun 部门整体 template: 收支 / 年度主要任务 / 年度绩效目标 / 分解目标评价 sections",
    cell_template=cell_template,
)
LAYOUT_RUN_ON = _dept_layout(
    "fushun_runon", is_run_on_fushun, read_run_on,
    "Fushun 部门整体 template run together: cut at its section words, 指标N slots and column rules",
)
LAYOUT_TAIL = _dept_layout(
    "fushun_tail", is_fushun_tail, read_tail,
    "Fushun 部门整体 template's last rows on one line (an excerpt): cut at its 指标N slots and 完成程度 words",
    before_segment=claim_tail,
)
LAYOUT_HEADLESS = _dept_layout(
    "fushun_headless", is_fushun_headless, read_headless,
    "Fushun 部门整体 excerpt beginning inside its 分解目标评价 rows: columns placed from the 指标N slot",
)
