"""The layout registry: highest score wins, near-ties are findings, every form names its layout.

Hand-built layouts with fixed scores check the choice itself; the seeds check that the real
registry tags every form and that the Fushun and generic readers are chosen where they belong;
the eval side checks that F1 is reported and gated per layout family.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

from eval.cli import family_failures, parse_family_gates
from eval.score import score_document
from extractor.errors import ConfigError, ExtractionError
from extractor.grid import Cell, IngestedDocument, Paragraph
from extractor.ingest import ingest_path, ingest_text
from extractor.layouts import REGISTRY, TIE_MARGIN, Layout, Registry, extract_form, segment
from extractor.pipeline import extract_path
from extractor.segment.split import segment as bare_segment
from extractor.segment.types import FormChunk, Row
from schemas import FormType, Header, ProjectSelfEval, Value

from tests.conftest import seed

GOLD_SEEDS = Path(__file__).parents[1] / "eval" / "gold" / "seeds"


def _chunk(form_type: FormType | None = "project_self_eval") -> FormChunk:
    return FormChunk(0, form_type, 0.9, "项目支出绩效自评表", None, [Row([Cell("项目名称", 0, 0)], "g0")])


def _layout(name: str, score: float, form_types: frozenset[FormType] = frozenset({"project_self_eval"})) -> Layout:
    def read(chunk: FormChunk) -> ProjectSelfEval:
        return ProjectSelfEval(header=Header(project_name=Value[str](value=name)), form_index=chunk.index)

    return Layout(name=name, form_types=form_types, detect=lambda chunk: score, read=read, summary=name)


def test_highest_score_wins_and_is_named_on_the_form() -> None:
    registry = Registry([_layout("generic", 0.5), _layout("special", 1.0), _layout("other", 0.0)])
    form = registry.extract(_chunk())
    assert form.layout is not None and (form.layout.name, form.layout.score) == ("special", 1.0)
    assert form.header.project_name.value == "special"  # the winner's reader ran
    assert not [f for f in form.findings if f.code == "LAYOUT_AMBIGUOUS"]


def test_near_tie_is_a_finding_naming_both_layouts() -> None:
    registry = Registry([_layout("a", 0.9), _layout("b", 0.9 - TIE_MARGIN / 2), _layout("c", 0.5)])
    form = registry.extract(_chunk())
    assert form.layout is not None and form.layout.name == "a"  # exact order only breaks the tie
    (finding,) = [f for f in form.findings if f.code == "LAYOUT_AMBIGUOUS"]
    assert finding.severity == "warning"
    assert " a " in f" {finding.message_en} " and "b 0.85" in finding.message_en and "c " not in finding.message_en


def test_layouts_only_compete_for_their_form_types() -> None:
    registry = Registry([_layout("target_only", 1.0, frozenset({"project_target"})), _layout("generic", 0.5)])
    assert registry.choose(_chunk()).layout.name == "generic"
    assert registry.choose(_chunk()).rivals == ()


def test_no_reader_for_a_form_is_an_error_not_a_fallback() -> None:
    registry = Registry([_layout("generic", 0.5)])
    with pytest.raises(ExtractionError, match="no layout reads form 0"):
        registry.extract(_chunk("dept_target"))
    with pytest.raises(ExtractionError, match="no layout reads form 0"):
        registry.extract(_chunk(None))
    with pytest.raises(ExtractionError, match="outside 0..1"):
        Registry([_layout("broken", 1.5)]).extract(_chunk())


def test_names_are_unique() -> None:
    with pytest.raises(ConfigError, match="registered twice: twin"):
        Registry([_layout("twin", 0.5), _layout("twin", 1.0)])


def test_the_registry_reads_every_form_type() -> None:
    names = REGISTRY.names()
    assert len(names) == len(set(names))
    for form_type in get_args(FormType):
        assert any(form_type in layout.form_types for layout in REGISTRY.layouts), form_type


def test_seed_forms_name_their_layout_in_the_json_output() -> None:
    out = extract_path(seed("004")).to_output()
    (form,) = out["forms"]
    assert list(form)[:3] == ["form_type", "title", "layout"]
    assert form["layout"] == {"name": "fushun", "score": 1.0}
    generic = extract_path(seed("001")).to_output()["forms"]
    assert {f["layout"]["name"] for f in generic} == {"table"} and all(f["layout"]["score"] == 0.5 for f in generic)


def test_the_llm_cell_template_comes_from_the_winning_layout() -> None:
    (fushun,) = segment(ingest_path(seed("004")))
    template = REGISTRY.cell_template(fushun)
    assert REGISTRY.owns_cells(fushun) and template and all(isinstance(k, int) for k in template)
    national = segment(ingest_path(seed("001")))[0]
    assert not REGISTRY.owns_cells(national) and REGISTRY.cell_template(national) is None


def test_segmentation_hooks_come_from_the_registry() -> None:
    """A run-together text is claimed by the fused layout's hook; segmentation alone has no such hook."""
    text = ("项目支出绩效自评表项目名称便民服务中心运行主管部门某县政府实施单位某县便民服务中心项目资金（万元）年初预算数"
            "全年预算数全年执行数分值执行率得分年度资金总额101010101001010年度总体目标预期目标实际完成情况完成年度目标"
            "已完成年度目标绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标服务人次≥100人次"
            "120人次5050效益指标社会效益指标群众满意度≥90%95%4040总分100100")
    doc = ingest_text(text, "fused.txt")
    claimed = segment(doc)
    assert [c.rows[0].grid_id for c in claimed] == ["fused"] * len(claimed) and claimed
    assert all(c.rows[0].grid_id != "fused" for c in bare_segment(doc))
    assert extract_form(claimed[0]).layout.name == "fused"  # type: ignore[union-attr]


def test_a_document_of_prose_only_has_no_chunks() -> None:
    doc = IngestedDocument(source="p.txt", media_type="text/plain", text="说明", blocks=[Paragraph("说明", 0, 2)])
    assert segment(doc) == []


# --- eval: per-family F1 and gates ----------------------------------------------------------------

def _gold(layout: str, name: str) -> dict[str, object]:
    return {"schema_name": "project_self_eval", "layout": layout, "header": {"project_name": name}}


def _record(name: str, layout: str, index: int) -> ProjectSelfEval:
    form = ProjectSelfEval(header=Header(project_name=Value[str](value=name)), form_index=index)
    form.layout = {"name": layout, "score": 1.0}  # type: ignore[assignment]
    return form


def test_eval_scores_each_layout_family_by_the_gold_tag() -> None:
    gold = [_gold("fushun", "甲项目"), _gold("table", "乙项目")]
    got = [_record("甲项目", "table", 0), _record("丙项目", "table", 1)]  # first read by the wrong layout
    score = score_document(gold, got)
    assert score.by_family["fushun"].tp == 1 and score.by_family["fushun"].f1 == 1.0
    assert score.by_family["table"].tp == 0 and score.by_family["table"].f1 == 0.0
    assert (score.forms.layout_tagged, score.forms.layout_correct) == (2, 1)


def test_family_gates_fail_one_family_while_overall_holds() -> None:
    assert parse_family_gates(["fushun=0.99", " table =1"]) == {"fushun": 0.99, "table": 1.0}
    for bad in ("fushun", "fushun=high", "=0.5", "fushun=1.5"):
        with pytest.raises(ValueError, match="FAMILY=X"):
            parse_family_gates([bad])
    result = {"overall": {"f1": 0.999}, "by_family": {"table": {"f1": 1.0}, "fushun": {"f1": 0.97}}}
    assert family_failures(result, {"table": 0.99, "fushun": 0.99, "fused": 0.9}) == [
        "layout family fused: no scored form carries this tag",
        "layout family fushun: F1 0.9700 < 0.99",
    ]


def test_eval_exits_1_when_a_family_gate_fails(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    seed("004")  # skips without ../shared
    gold = str(GOLD_SEEDS / "004_f5fbd600f63ab68c.json")
    common = ["eval", gold, "--workers", "1", "--diff-dir", str(tmp_path), "--json"]
    passed = CliRunner().invoke(app, [*common, "--min-family-f1", "fushun=0.99"])
    assert passed.exit_code == 0, passed.output
    assert json.loads(passed.stdout)["by_family"]["fushun"]["f1"] == 1.0
    failed = CliRunner().invoke(app, [*common, "--min-f1", "0.9", "--min-family-f1", "fused=0.5"])
    assert failed.exit_code == 1
    assert CliRunner().invoke(app, [*common, "--min-family-f1", "fushun"]).exit_code == 2
