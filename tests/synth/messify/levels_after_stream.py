"""The level block printed after the rows (``levels_after``) in the print the scrambled-stream
reader claims: a PDF text layer with no line breaks, every project table on one line.

Each row prints its figures before its tall name cell (the column-scrambled stream of
``scrambled``: ``=10次 10次 50 50 … 培训人次``).  The template is the Hubei-style one with no weight
column (``三级指标 | 年初目标值(A) | 实际完成值(B) | 得分``): each row prints three figures (target,
actual, score), ``20000 23333.56 10 服务外包在岸(万美元)``, and a text target comes in pieces.  The funds header
states its rule (``预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率)``), checkbox option lines
(``1、上级专项□2、本级专项☑``) stand before the funds, and a ``单位名称:… 填报日期:…`` line
before the table.  Drawn per document: the weight column leaves in most documents (the rest keep
it, the four-figure rows of ``levels_after``), and the options and the unit line are printed or not.

Gold: a row's 分值 leaves with its column (and the total's); the groups' stated points stay where
the block prints them (they are the points of the 一级 words, not a column).  The options and the
unit line add no field.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Rows, Sheet
from tests.synth.messify.checkbox_lines import checkbox_lines
from tests.synth.messify.layout_shapes import _funds_header_words
from tests.synth.messify.levels_after import levels_after
from tests.synth.messify.stream_funds import stream_funds
from tests.synth.messify.stream_values import stream_values

_WEIGHT = re.compile(r"^(分值|权重|指标分值)")
_TOTAL = re.compile(r"^(总分|合计|总计)")


def _drop_weight_column(rows: Rows) -> bool:
    """The indicator table's 分值 column removed from its header down to the total row (in place)."""
    head = next((k for k, row in enumerate(rows) if any(t.replace(" ", "") == "三级指标" for t in row)), None)
    if head is None:
        return False
    col = next((j for j, t in enumerate(rows[head]) if _WEIGHT.match(t.replace(" ", ""))), None)
    if col is None:
        return False
    for k in range(head, len(rows)):
        row = rows[k]
        if col < len(row):
            del row[col]
        if any(_TOTAL.match(t.strip()) for t in row[:col + 1]):
            break
    return True


def _forget_weights(form: dict[str, Any]) -> None:
    for ind in form.get("indicators") or []:
        ind.pop("weight", None)
    if isinstance(form.get("totals"), dict):
        form["totals"].pop("weight", None)


def _unit_line(form: dict[str, Any], rng: random.Random) -> str:
    unit = (form.get("header") or {}).get("unit_name")
    date = f"填报日期:{rng.choice((2020, 2021, 2022))} 年 {rng.randint(1, 12)} 月 {rng.randint(1, 28)} 日"
    return f"单位名称:{unit} {date}" if isinstance(unit, str) and unit else date


def levels_after_stream(sheet: Sheet, rng: random.Random) -> str:
    """Hubei-style self-evaluations with the level block after the rows, each table on one line."""
    no_weight = rng.random() < 0.8
    options = rng.random() < 0.6
    unit = rng.random() < 0.6
    _funds_header_words(sheet)
    # wip-colpdf10's draws come from their own generator (the shape's other draws are unchanged)
    own = random.Random(f"{hash(rng.getstate()[1])}-colpdf10")  # the whole MT state: ints hash the same each run
    stream_values(sheet, own)
    stream_funds(sheet, own)
    if options:
        checkbox_lines(sheet, rng)
    dropped: list[dict[str, Any]] = []
    for part, form in sheet.tables_of("project_self_eval"):
        assert part.rows is not None
        if no_weight and _drop_weight_column(part.rows):
            dropped.append(form)
        if unit:
            part.rows.insert(0, [_unit_line(form, rng)])
    # the block's 一级 points are still summed from the gold's weights
    text = levels_after(sheet, rng, one_line=True, figures_first=True)
    for form in dropped:
        _forget_weights(form)
    return text
