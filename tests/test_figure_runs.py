"""Figure runs split by arithmetic (``extractor/vocab/figure_runs.py``): a run is cut only where one
cut obeys the columns' rules; ambiguous or impossible runs stay unread.  Figures are invented."""

from __future__ import annotations

from decimal import Decimal

from extractor.vocab.figure_runs import by_completion, funds_rule, indicator_rule, split_run
from tests.synth.messify.completion_rule import completion_rule
from tests.synth.messify.fused_pairs import cuts_allowed

CQ = [("target", "measure"), ("weight", "num"), ("actual", "measure"), ("score", "num")]
FUNDS = [("budget", "num"), ("executed", "num"), ("rate", "pct")]


def test_a_chongqing_row_is_cut_only_by_its_scoring_rule() -> None:
    scored = indicator_rule(scored=True, percent=True, reverse=True)
    assert split_run("851210012", CQ, scored) == ["85", "12", "100", "12"]
    assert split_run("851210012", CQ, indicator_rule()) is None  # 得分 ≤ 分值 alone allows several
    assert split_run("0.815015", CQ, scored) == ["0.8", "15", "0", "15"]  # a rate met from below (受害率)


def test_a_reverse_reading_needs_the_row_to_say_so() -> None:
    # 36 | 10 | 9 | 10 scores full marks only as a 反向 target; an area row does not say so
    assert split_run("3610910", CQ, indicator_rule(scored=True, reverse=True)) == ["36", "10", "9", "10"]
    assert split_run("3610910", CQ, indicator_rule(scored=True)) is None


def test_completion_scoring_and_its_bounds() -> None:
    v = {"target": Decimal(80), "actual": Decimal(72), "weight": Decimal(10), "score": Decimal(9)}
    assert by_completion(v)
    assert not by_completion({**v, "score": Decimal(10)}, reverse=False)  # a missed target scored full
    assert not by_completion({**v, "actual": Decimal(7)})  # ten times apart: a mis-cut
    assert not by_completion({"target": Decimal(5), "weight": Decimal(0)})  # a printed target carries points
    assert by_completion({"target": Decimal(5)})  # holds while fields are missing


def test_funds_runs_split_by_the_execution_rate() -> None:
    assert split_run("45004230.594%", FUNDS, funds_rule()) == ["4500", "4230.5", "94%"]
    assert split_run("12345", [("weight", "num"), ("score", "num")], funds_rule()) is None  # several cuts
    assert split_run("100", FUNDS, funds_rule()) is None  # no cut prints a rate


def test_the_messifier_keeps_a_scored_run_only_where_its_rule_leaves_one_cut() -> None:
    entry = {"target": {"value": "85", "unit": "%", "text": "85"}, "actual": {"value": "100", "unit": "%",
             "text": "100"}, "weight": "12", "score": "12"}
    row = ["完成率", "%", "85", "12", "100", "12", ""]
    rule = completion_rule(entry, row)
    assert rule is not None
    assert cuts_allowed(["85", "12", "100", "12"], CQ, {}, {}, rule) == [["85", "12", "100", "12"]]
    assert len(cuts_allowed(["85", "12", "100", "12"], CQ, {}, {})) > 1
    assert completion_rule({**entry, "target": {"operator": "qualitative", "text": "良好"}}, row) is None
