"""An excerpt of a Fushun 部门整体 self-evaluation that begins mid-table, printed on one line.

A page copied from the end of the form opens on its last 分解目标评价 rows (no title, no header
labels, or only the header's last words) and runs them, and the 总评价得分 row, together on one
line.  Segmentation cuts such a line at its titles and tables' words and loses rows; the generic
headless reader does not know the template's 指标N slot column.  So the layout claims a document
that is one such line: slot labels, each row closed by 完成程度 and its figures, ending on
总评价得分 and its figure; the rows are then read as the run-together template's own
(``runon.read_indicator_rows``), with the same certainty rules.  The first row's level words are
read only where no figure or sentence stands before its slot (what an excerpt's cut leaves may be
the header's last words, which are skipped).
"""

from __future__ import annotations

import re

from extractor.grid import Grid, IngestedDocument
from extractor.layouts.fushun.runon import read_indicator_rows, read_total
from extractor.layouts.fushun.runtext import RunText, run_text
from extractor.segment.types import FormChunk, Row
from schemas.common import Finding, Goals
from schemas.dept_self_eval import DeptSelfEval

_SLOT_ROW = re.compile(r"指标\d+(?![:：\d]).*?(?:部分完成|未完成|完成)\d")  # a slot, then its closing
_TOTAL = re.compile(r"总评价得分\d+(?:\.\d+)?$")
_HEADER_END = re.compile(r"原因说明|未完成原因|偏差原因")
_NOT_A_TAIL = re.compile(r"自评表|分解目标评价|年度主要任务|年度绩效目标|一级指标|二级指标|三级指标")
_UNSURE_LEAD = re.compile(r"[\d。；;，,]")  # figures or a sentence before the first slot: a cut row's end
_MIN_ROWS = 2
_CONFIDENCE = 0.8


def _tail_end(rt: RunText) -> int | None:
    """Where the 总评价得分 row starts, when the text is a Fushun table's tail; else None."""
    total = _TOTAL.search(rt.text)
    if total is None or _NOT_A_TAIL.search(rt.text) is not None:
        return None
    rows = _SLOT_ROW.findall(rt.text, 0, total.start())
    return total.start() if len(rows) >= _MIN_ROWS else None


def claim_tail(doc: IngestedDocument) -> list[FormChunk]:
    """The document as one Fushun tail chunk when it is one line holding such a tail, else []."""
    if len(doc.blocks) != 1 or not isinstance(grid := doc.blocks[0], Grid) or len(grid.rows) != 1:
        return []  # the line as ingest cut it at its spaces: segmentation's re-rowing would cut it again
    chunk = FormChunk(0, "dept_self_eval", _CONFIDENCE, "", None, [Row(list(grid.rows[0]), grid.id, grid.page)])
    return [chunk] if _tail_end(run_text(chunk)) is not None else []


def is_fushun_tail(chunk: FormChunk) -> bool:
    return len(chunk.rows) == 1 and not chunk.title and _tail_end(run_text(chunk)) is not None


def read_tail(chunk: FormChunk, form: DeptSelfEval) -> list[Finding]:
    """Fill ``form``'s indicators and total from the tail; returns the layout finding."""
    rt = run_text(chunk)
    end = _tail_end(rt)
    assert end is not None  # detect() said so
    left = [0]
    start = 0
    head = _HEADER_END.search(rt.text, 0, end)
    first_slot = re.search(r"指标\d", rt.text[start:end])
    if head is not None and first_slot is not None and head.end() <= first_slot.start():
        start = head.end()
    lead = rt.text[start:first_slot.start()] if first_slot is not None else ""
    if _UNSURE_LEAD.search(lead):
        left[0] += 2
        start = first_slot.start() if first_slot is not None else start
    form.goals = Goals()
    form.groups = []
    form.indicators = read_indicator_rows(rt, start, end, left)
    form.totals = read_total(rt, end)
    return [Finding(code="LAYOUT_FUSHUN_TAIL", severity="info" if not left[0] else "warning",
                    message_zh=(f"抚顺版式整体自评表的表尾节选，文字连排，按指标N栏与完成程度切分；"
                                f"{left[0]} 处无法确定的值未读取"),
                    message_en=(f"an excerpt of a Fushun form's last rows, run together; cut at its 指标N slots "
                                f"and 完成程度 words, and {left[0]} values that could not be cut with certainty "
                                "were left unread"),
                    rule="layouts.fushun.tail")]
