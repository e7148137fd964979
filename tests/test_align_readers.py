"""Every section reader that decides which header column a cell belongs to asks the column aligner.

Two checks, each able to fail: the readers, run on made-up rows shaped like the documents that
need them, are recorded by ``extractor.rules.align.recording`` under their names; and no reader
module keeps a private way of ranking candidate placements (a tie tolerance, a ``rivals`` list, a
sort or max by a candidate's score) — the source walk that would have caught the engines this
aligner replaced, which the last test shows on their old code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from fixtures.streams import SCRAMBLED_STREAM

from extractor.grid import Cell
from extractor.ingest import ingest_text
from extractor.layouts import extract_form, segment
from extractor.layouts.fused.numbers import best_split
from extractor.layouts.fushun.place import MONEY_FITS, place_row
from extractor.rules.align import recording
from extractor.rules.funds import find_funds_header, read_funds
from extractor.rules.funds_shifted import read_shifted_funds
from extractor.rules.funds_simple import read_budget_split
from extractor.rules.indicators import find_indicator_header, read_indicators
from extractor.rules.score_fused import read_fused
from extractor.segment.types import Row

ROOT = Path(__file__).resolve().parents[1]


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


def _indicators() -> object:
    rows = _rows(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                 ["产出指标", "数量指标", "道路硬化长度", "≥5公里", "5公里", "10", "10"],
                 ["", "道路通行率", "100%", "100%", "10", "9"])  # lost its empty 二级 cell
    header = find_indicator_header(rows)
    assert header is not None
    indicators = read_indicators(rows, header)[0]
    assert [i.name.value for i in indicators] == ["道路硬化长度", "道路通行率"]
    return indicators


def _funds() -> object:  # seed 001's shape: merged budget cells pasted once per grid column
    rows = _rows(["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                 ["年度资金总额", "35", "35", "35", "26.61", "26.61", "10", "76%", "7.6"])
    header = find_funds_header(rows, len(rows))
    assert header is not None
    funds, findings, _ = read_funds(rows, header)
    assert funds[0].executed.value == Decimal("26.61") and funds[0].rate.value == Decimal("76")
    return funds


def _shifted_funds() -> object:
    rows = _rows(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度资金总额"],
                 ["500.00", "400.00", "10", "80%", "8", "其中:当年财政拨款"])
    header = find_funds_header(rows, len(rows))
    assert header is not None
    funds = read_shifted_funds(rows, header, len(rows))[0]
    assert funds[0].rate.value == Decimal("80")
    return funds


def _budget_split() -> object:
    rows = _rows(["预算支出总额", "基本支出", "", "项目支出"], ["100", "60", "5", "40"])
    funds = read_budget_split(rows, len(rows))
    assert [f.budget.value for f in funds] == [Decimal(100), Decimal(60), Decimal(40)]
    return funds


def _score_fused() -> object:
    reading = read_fused("1313", None, None)
    assert (reading.weight, reading.score) == (Decimal(13), Decimal(13))
    return reading


def _fused_run() -> object:
    from extractor.layouts.fused.read import _funds_scorer

    split = best_split("505010100.00%10", ["budget", "executed", "weight", "rate", "score"], _funds_scorer(True, {}))
    assert split is not None and not split.ambiguous
    return split


def _scrambled_stream() -> object:  # its funds total solved by arithmetic, its indicators paired by counts
    form = extract_form(segment(ingest_text(SCRAMBLED_STREAM))[0])
    assert any(f.role == "total" and f.score.value == Decimal(8) for f in form.funds)
    assert [i.level2.value for i in form.indicators] == ["数量指标", "时效指标"]
    return form


def _fushun_row() -> object:
    row = _rows(["", "1. 工资福利支出", "80", "90", "85", "94.44%"])[0]
    fields, doubtful = place_row(row, {0: "margin", 1: "name", 2: "initial_budget", 3: "budget",
                                       4: "executed", 5: "rate"}, MONEY_FITS)
    assert [c.clean for c in fields["executed"]] == ["85"] and not doubtful
    return fields


READERS: dict[str, Callable[[], object]] = {
    "indicators": _indicators,
    "funds": _funds,
    "funds_shifted": _shifted_funds,
    "funds_split": _budget_split,
    "score_fused": _score_fused,
    "fused": _fused_run,
    "scrambled_funds": _scrambled_stream,
    "scrambled_indicators": _scrambled_stream,
    "fushun": _fushun_row,
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_each_section_reader_asks_the_aligner(reader: str) -> None:
    with recording() as asked:
        READERS[reader]()
    assert reader in asked


# ------------------------------------------------------------------ no private ranking left


def _private_ranking(source: str) -> list[str]:
    """What in ``source`` ranks candidate placements outside the aligner."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, float) and 0 < node.value < 1e-6:
            found.append(f"line {node.lineno}: a tie tolerance {node.value}")
        if isinstance(node, ast.Name | ast.arg) and getattr(node, "id", getattr(node, "arg", "")) == "rivals":
            found.append(f"line {node.lineno}: a rivals list")
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            for kw in node.keywords:
                if name in ("max", "min", "sorted", "sort") and kw.arg == "key" and isinstance(kw.value, ast.Lambda):
                    body = kw.value.body
                    by_score = (isinstance(body, ast.UnaryOp) and isinstance(body.op, ast.USub)) or (
                        isinstance(body, ast.Subscript) and isinstance(body.slice, ast.Constant)
                        and body.slice.value == 0)
                    if by_score:
                        found.append(f"line {node.lineno}: {name}() by a candidate's score")
    return found


def _reader_modules() -> list[Path]:
    """The section readers: shared ones and every layout's, less the aligner itself and the
    registry (which ranks layouts, not columns)."""
    skip = {ROOT / "extractor/rules/align.py", ROOT / "extractor/layouts/registry.py"}
    mods = [*(ROOT / "extractor/rules").glob("*.py"), *(ROOT / "extractor/layouts").rglob("*.py")]
    return sorted(p for p in mods if p not in skip)


def test_no_section_reader_ranks_placements_itself() -> None:
    found = {str(p.relative_to(ROOT)): hits for p in _reader_modules() if (hits := _private_ranking(p.read_text()))}
    assert found == {}


def test_the_check_catches_the_engines_the_aligner_replaced() -> None:
    """The old indicator, funds and fused-number engines, as they read before the aligner."""
    old = '''
def align_row(row, columns):
    return max(_candidates(row, columns), key=lambda c: c[0])[1]

def typed_alignment(values, fields):
    best.sort(key=lambda s: -s[0])
    rivals = [b for b in best[1:] if abs(b[0] - top[0]) < 1e-9]
'''
    assert len(_private_ranking(old)) == 4


def test_a_funds_row_with_a_repeated_amount_is_read_as_printed() -> None:
    """``A A B r w s`` under six columns: reading the second ``A`` as a merged copy leaves one
    column blank, an edit that costs what every reader's edit costs — more than the copy earns —
    so the row is read as printed (年初预算数 = 全年预算数 = A), with no doubt to report."""
    from extractor.rules.funds import typed_alignment

    texts = ["3,036,900.00", "3,036,900.00", "2,267,100.00", "79.02%", "10", "7.47"]
    cells = [Cell(t, 0, k) for k, t in enumerate(texts)]
    fields = ["initial_budget", "budget", "executed", "rate", "weight", "score"]
    with recording() as asked:
        pairs, _, doubtful = typed_alignment(cells, fields)
    assert [(c.clean, f) for c, f in pairs] == list(zip(texts, fields, strict=True))
    assert not doubtful and asked == ["funds"]
