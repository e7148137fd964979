"""The LLM path without a model: settings, prompts, rendering, grounding, misreads, merge, cache."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from llm_support import FIXTURES, REPO

from extractor.errors import ConfigError
from extractor.ingest import ingest_path, ingest_text
from extractor.layouts import extract_form, segment
from extractor.llm.cache import AnswerCache
from extractor.llm.convert import Reader, RowsBuilder, apply_overview
from extractor.llm.grounding import GroundingError, ground, relocate
from extractor.llm.merge import calls_needed, guarded_merge, merge
from extractor.llm.misread import empty_level_hints, misread_hints, unread_rows
from extractor.llm.plan import plan_calls
from extractor.llm.prompts import SYSTEM, load_prompt
from extractor.llm.render import GridView, form_text
from extractor.llm.responses import ANSWERS, SelfEvalOverview, SelfEvalRows, SelfEvalRowsWithTotal, answer_model
from extractor.llm.settings import LLMSettings, Price, load_settings
from extractor.pipeline import extract_document
from schemas import ProjectSelfEval

SAMPLE = REPO / "examples" / "sample_report.txt"
FORM_TYPES = ("project_self_eval", "dept_self_eval", "project_target", "dept_target", "dept_score_sheet",
              "project_score_sheet")


# --- settings -------------------------------------------------------------------------------

def test_no_endpoint_means_no_settings() -> None:
    assert load_settings({}) is None


def test_settings_from_env_with_price_and_mode() -> None:
    s = load_settings({
        "JIXIAO_LLM_BASE_URL": "https://api.deepseek.com/v1", "JIXIAO_LLM_MODEL": "deepseek-chat",
        "JIXIAO_LLM_API_KEY": "sk-secret-123", "JIXIAO_LLM_MODE": "md_json", "JIXIAO_LLM_TOKEN_BUDGET": "5000",
        "JIXIAO_LLM_PRICE_PROMPT": "2", "JIXIAO_LLM_PRICE_COMPLETION": "8", "JIXIAO_LLM_CACHE_DIR": "off",
    })
    assert s is not None and s.mode == "MD_JSON" and s.token_budget == 5000 and s.cache_dir is None
    assert s.price == Price(2.0, 8.0) and s.price.cost(1_000_000, 500_000) == 6.0
    assert "sk-secret" not in s.describe() and "sk-secret" not in repr(s)


def test_settings_file_overridden_by_env(tmp_path: Path) -> None:
    path = tmp_path / "llm.toml"
    path.write_text('[llm]\nbase_url = "http://localhost:11434/v1"\nmodel = "qwen2.5"\nmax_concurrency = 3\n',
                    encoding="utf-8")
    s = load_settings({"JIXIAO_LLM_CONFIG": str(path), "JIXIAO_LLM_MODEL": "qwen2.5:7b"})
    assert s is not None
    assert (s.base_url, s.model, s.max_concurrency) == ("http://localhost:11434/v1", "qwen2.5:7b", 3)


@pytest.mark.parametrize(("env", "message"), [
    ({"JIXIAO_LLM_BASE_URL": "http://x/v1"}, "no model"),
    ({"JIXIAO_LLM_BASE_URL": "http://x/v1", "JIXIAO_LLM_MODEL": "m", "JIXIAO_LLM_MODE": "FUNCTIONS"},
     "unknown instructor mode"),
    ({"JIXIAO_LLM_BASE_URL": "http://x/v1", "JIXIAO_LLM_MODEL": "m", "JIXIAO_LLM_MAX_ATTEMPTS": "two"}, "not a valid"),
])
def test_bad_settings_are_config_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_unknown_key_in_config_file(tmp_path: Path) -> None:
    path = tmp_path / "llm.toml"
    path.write_text('[llm]\nbase_url = "http://x/v1"\nmodel = "m"\nretries = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown keys.*retries"):
        load_settings({"JIXIAO_LLM_CONFIG": str(path)})


def test_llm_backend_without_endpoint_says_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("JIXIAO_LLM_BASE_URL", "JIXIAO_LLM_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    doc = ingest_path(SAMPLE)
    with pytest.raises(ConfigError, match="JIXIAO_LLM_BASE_URL"):
        extract_document(doc, backend="llm")
    assert extract_document(doc, backend="auto").backend == "rules"  # auto without endpoint = rules


# --- prompts --------------------------------------------------------------------------------

@pytest.mark.parametrize("form_type", FORM_TYPES)
def test_prompt_examples_claim_only_what_their_grid_prints(form_type: str) -> None:
    """Every value an example answer claims is printed in the example's grid, in the row its item names."""
    prompt = load_prompt(form_type)
    assert set(prompt.sections) == {"overview", "rows"}
    for part, section in prompt.sections.items():
        assert section.example is not None, f"{form_type} '## {part}' has no example"
        cells = section.example.cells()
        model = answer_model(form_type, part)
        context: dict[str, object] = {"cells": cells, "rows": None, "lenient": True}
        answer = model.model_validate(section.example.answer, context=context)
        assert not context.get("dropped"), context["dropped"]  # every text located in its row
        picks = list(answer.picks())
        assert picks
        for _path, raw in picks:
            ground(raw, cells)  # raises GroundingError with the offending value
        # and the example answers every field its grid prints a value for in the rows part
        assert set(section.example.answer) <= set(model.model_fields)
        # in the schema's order: a grammar-constrained decoder cannot go back to a field it passed
        order = list(model.model_fields)
        keys = list(section.example.answer)
        assert keys == sorted(keys, key=order.index), f"{form_type} {part}: {keys} not in schema order {order}"
        for name, items in section.example.answer.items():
            if isinstance(items, list) and items:
                fields = list(model.model_fields[name].annotation.__args__[0].model_fields)  # type: ignore[union-attr]
                for item in items:
                    assert list(item) == sorted(item, key=fields.index), f"{form_type} {part} {name}: {list(item)}"


def test_prompt_versions_are_content_hashes() -> None:
    system = load_prompt(SYSTEM)
    assert len(system.version) == 12 and system.tag.startswith("system@")
    assert {load_prompt(t).version for t in FORM_TYPES}.__len__() == len(FORM_TYPES)
    assert set(ANSWERS) == {(t, p) for t in FORM_TYPES for p in ("overview", "rows")}


# --- rendering and plan ---------------------------------------------------------------------

def test_rendering_gives_every_cell_a_stable_reference_and_repeats_the_header() -> None:
    chunk = segment(ingest_path(SAMPLE))[0]
    view = GridView.of(chunk)
    calls = plan_calls(chunk, rows_per_call=3)
    # the nine overview rows in windows of 4 (one and a half times 3), the table in windows of 3
    assert [c.part for c in calls] == ["overview"] * 3 + ["rows"] * 3
    assert [c.body_rows for c in calls[:3]] == [(0, 1), (2, 3, 4, 5), (6, 7, 8)]
    assert calls[2].header_rows == (2,)  # a window inside the funds block shows the block's header
    rows = calls[3:]
    header = rows[0].header_rows
    assert header and all(c.header_rows == header for c in rows)  # re-attached to every window
    text = view.render(rows[1].shown_rows)
    first, second = text.splitlines()[:2]
    assert "c3=三级指标" in first and "c4=年度指标值" in first
    assert "c3[三级指标]=单处巡检成本" in second and "c4[年度指标值]=≤0.4万元" in second  # each cell names its column
    assert view.get("r3c3").text == "50" and view.get("r3c3").source().label() == "t1:r4c3"  # the title is grid row 0
    assert GridView.of(chunk).render(rows[1].shown_rows) == text  # stable
    assert len(text) < 2 * len(form_text(chunk))


def test_levels_are_filled_down_past_a_blank_spacer_row_under_the_header() -> None:
    """Pasted text often prints a blank row under the header (the second line of a two-line
    header): the 一级/二级 labels are still filled down to every indicator row below it."""
    text = SAMPLE.read_text(encoding="utf-8")
    header_end = text.index("\n\n", text.index("\t一级指标")) + 1
    spaced = text[:header_end] + "\n" + "\t\n" * 9 + text[header_end:]
    for source in (text, spaced):
        chunk = segment(ingest_text(source))[0]
        view = GridView.of(chunk)
        indicator_rows = [i for i in view.rows if (c := view.get(f"r{i}c6")) is not None and c.text.isdigit()]
        assert len(indicator_rows) >= 4
        for i in indicator_rows:
            assert view.get(f"r{i}c1") is not None and view.get(f"r{i}c2") is not None, (source is spaced, i)
    assert any(view.get(f"r{i}c1").filled for i in indicator_rows)


def test_long_cells_are_cut_and_read_back_whole() -> None:
    chunk = segment(ingest_path(SAMPLE))[0]
    view = GridView.of(chunk)
    goal = next(c for c in view.cells.values() if c.text.startswith("完成全县农村集中供水"))
    reader = Reader(view)
    value = reader.text(f"{goal.ref}=完成全县农村集中供水…")
    assert value.value == goal.text and value.backend == "llm" and value.source[0].row == goal.cell.row


# --- grounding ------------------------------------------------------------------------------

CELLS = {"r3c4": "≧2", "r3c5": "12.00", "r4c1": "其中：当年财政拨款", "r4c2": "预期目标",
         "r5c2": "完成全县农村集中供水工程巡检，水质抽检合格率不低于95%。"}


@pytest.mark.parametrize(
    "raw", ["r3c4=≥2", "r3c4=≧2", "r3c5=12", "r4c1=当年财政拨款", "r5c2=完成全县农村集中…", " r3c5 = 12.00 "]
)
def test_grounded_picks(raw: str) -> None:
    assert ground(raw, CELLS).ref == raw.strip().split("=")[0].strip()


@pytest.mark.parametrize(("raw", "reason"), [
    ("12", "not written as rNcM=text"),
    ("r9c9=12", "not a non-empty cell"),
    ("r3c5=13", "prints .12.00., not .13."),
    ("r3c4=≥3", "prints '≧2', not '≥3'$"),
    ("r4c1=", "empty"),
])
def test_ungrounded_picks_are_rejected(raw: str, reason: str) -> None:
    with pytest.raises(GroundingError, match=reason):
        ground(raw, CELLS)


def test_rows_outside_the_call_are_rejected() -> None:
    with pytest.raises(GroundingError, match="rows shown"):
        ground("r3c5=12", CELLS, allowed_rows={4, 5})


def test_answer_validation_reports_every_ungrounded_value() -> None:
    with pytest.raises(ValueError, match=r"(?s)funds\[0\]\.budget.*goal_actual"):
        SelfEvalOverview.model_validate(
            {"funds": [{"label": "r4c1=其中：当年财政拨款", "budget": "r3c5=99"}], "goal_actual": "r7c7=x"},
            context={"cells": CELLS},
        )


def test_the_last_attempt_keeps_the_grounded_picks_and_lists_the_dropped() -> None:
    context: dict = {"cells": CELLS, "lenient": True}
    answer = SelfEvalOverview.model_validate(
        {"funds": [{"label": "r4c1=其中：当年财政拨款", "budget": "r3c5=99"}], "goal_actual": "r7c7=x"},
        context=context)
    assert answer.funds[0].label == "r4c1=其中：当年财政拨款"
    assert answer.funds[0].budget == "" and answer.goal_actual == ""
    assert [d.split(":")[0] for d in context["dropped"]] == ["funds[0].budget", "goal_actual"]


def test_only_a_window_showing_the_total_row_asks_for_totals() -> None:
    chunk = segment(ingest_path(SAMPLE))[0]
    rows = [c for c in plan_calls(chunk, rows_per_call=3) if c.part == "rows"]
    assert [c.shows_total for c in rows] == [False, False, True]
    assert "total_score" not in answer_model("project_self_eval", "rows", total=False).model_fields
    assert "total_score" in answer_model("project_self_eval", "rows", total=True).model_fields


# --- misread check --------------------------------------------------------------------------

def _overview_builder(view: GridView):
    def build(answer):
        form = ProjectSelfEval()
        apply_overview(form, answer, Reader(view))
        return form, {"funds[total].executed": "funds[0].executed", "funds[total].budget": "funds[0].budget",
                      "funds[total].rate": "funds[0].rate", "funds[total].score": "funds[0].score"}
    return build


def test_a_misread_cell_is_named_and_a_document_error_is_not() -> None:
    chunk = segment(ingest_path(FIXTURES / "merged_funds.txt"))[0]
    view = GridView.of(chunk)
    # r3 prints 40 40 40 30 30 10 75% 7.5: executed read from c4 (40) contradicts 75%
    misread = SelfEvalOverview(funds=[{"label": "r3c1=年度资金总额", "budget": "r3c3=40", "executed": "r3c4=40",
                                        "weight": "r3c7=10", "rate": "r3c8=75%", "score": "r3c9=7.5"}])
    hints = misread_hints(misread, _overview_builder(view), view)
    assert len(hints) == 1 and "funds[0].executed" in hints[0] and "r3c5" in hints[0]
    right = SelfEvalOverview(funds=[{"label": "r3c1=年度资金总额", "budget": "r3c3=40", "executed": "r3c5=30",
                                      "weight": "r3c7=10", "rate": "r3c8=75%", "score": "r3c9=7.5"}])
    assert misread_hints(right, _overview_builder(view), view) == []


def test_the_documents_own_error_is_not_reasked() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("\t90%\n\t9\n", "\t80%\n\t9\n", 1)  # printed rate wrong
    chunk = segment(ingest_text(text, "wrong-rate.txt"))[0]
    view = GridView.of(chunk)
    answer = SelfEvalOverview(funds=[{"label": "r3c1=年度资金总额", "budget": "r3c3=50", "executed": "r3c4=45",
                                       "weight": "r3c5=10", "rate": "r3c6=80%", "score": "r3c7=9"}])
    assert misread_hints(answer, _overview_builder(view), view) == []


# --- conversion, merge and cache ------------------------------------------------------------

def test_rows_carry_levels_down_and_parse_measures() -> None:
    chunk = segment(ingest_path(SAMPLE))[0]
    view = GridView.of(chunk)
    form = ProjectSelfEval()
    builder = RowsBuilder(form, Reader(view))
    builder.add(SelfEvalRowsWithTotal(rows=[
        {"level1": "r10c1=产出指标", "level2": "r10c2=数量指标", "name": "r10c3=巡检供水工程数量",
         "target": "r10c4=≥120处", "actual": "r10c5=120处", "weight": "r10c6=20", "score": "r10c7=20"},
        {"level2": "r11c2=质量指标", "name": "r11c3=水质抽检合格率", "target": "r11c4=≥95%", "weight": "r11c6=20"},
    ], total_score="r16c2=99"))
    second = form.indicators[1]
    assert second.level1.value == "产出指标" and second.level2.value == "质量指标"
    assert second.target.value.operator == "≥" and second.target.value.value == Decimal("95")
    assert form.totals.score.value == Decimal("99") and builder.origins == [0, 1]


def test_auto_asks_only_for_weak_parts_and_merges_per_field() -> None:
    chunk = segment(ingest_path(FIXTURES / "merged_funds.txt"))[0]
    rules = extract_form(chunk)
    calls = plan_calls(chunk, 8)
    needed = calls_needed(chunk, rules, calls, threshold=0.75)
    assert [c.part for c in needed] == ["overview"]  # the ambiguous funds rows, nothing else
    view = GridView.of(chunk)
    llm = ProjectSelfEval()
    apply_overview(llm, SelfEvalOverview(funds=[{"label": "r3c1=年度资金总额", "budget": "r3c3=40",
                                                  "executed": "r3c5=30", "rate": "r3c8=75%"}]), Reader(view))
    merged = merge(rules, llm, threshold=0.75, prefer_llm=False)
    total = merged.funds[0]
    assert total.executed.backend == "llm" and total.executed.value == Decimal("30")
    assert total.score.backend == "rules"  # the rules value was sure enough... or the llm gave none
    assert all(i.name.backend == "rules" for i in merged.indicators)
    assert merged.header.project_name.backend == "rules"


def test_auto_refuses_a_merge_that_breaks_the_forms_arithmetic() -> None:
    """The model read 全年执行数 from the shifted 40 and 分值 from 30: merged, 执行率 75% and 得分 10
    no longer fit, so on this recognised form the rules' reading stands, with a finding."""
    chunk = segment(ingest_path(FIXTURES / "merged_funds.txt"))[0]
    rules = extract_form(chunk)
    view = GridView.of(chunk)
    llm = ProjectSelfEval()
    apply_overview(llm, SelfEvalOverview(funds=[{"label": "r3c1=年度资金总额", "budget": "r3c3=40",
                                                  "executed": "r3c4=40", "weight": "r3c5=30"}]), Reader(view))
    kept = guarded_merge(rules, llm, threshold=0.75, prefer_llm=False)
    assert kept.funds[0].executed.backend == "rules" and kept.funds[0].executed.value == Decimal("30")
    assert "EXTRACT_LLM_REJECTED" in {f.code for f in kept.findings}
    taken = guarded_merge(rules, llm, threshold=0.75, prefer_llm=True)  # unrecognised form: the model's reading
    assert taken.funds[0].executed.backend == "llm"


def test_cache_key_follows_prompt_and_model() -> None:
    s = LLMSettings(base_url="http://x/v1", model="m")
    msgs = [{"role": "user", "content": "Grid:\nr0: c0=项目名称"}]
    key = AnswerCache.key(s, SelfEvalOverview, msgs)
    assert key == AnswerCache.key(s, SelfEvalOverview, [dict(m) for m in msgs])
    assert key != AnswerCache.key(s.with_(model="m2"), SelfEvalOverview, msgs)
    assert key != AnswerCache.key(s, SelfEvalRows, msgs)
    assert key != AnswerCache.key(s, SelfEvalOverview, [{"role": "user", "content": "Grid:\nr0: c0=项目"}])


def test_a_value_quoted_with_its_labels_row_is_told_the_row_that_prints_it() -> None:
    with pytest.raises(GroundingError, match="r4c2 prints '预期目标', not '完成全县农村.*'; that text is in r5c2$"):
        ground("r4c2=完成全县农村集中供水工程巡检，水质抽检合格率不低于95%。", CELLS)
    with pytest.raises(GroundingError, match="prints '≧2', not '12.00'$"):  # same row: no guess
        ground("r3c4=12.00", CELLS)


def test_reask_lists_each_problem_with_the_cell_that_fits() -> None:
    from extractor.llm.client import reask_text

    with pytest.raises(ValueError) as info:
        SelfEvalOverview.model_validate({"goal_expected": "r3c4=完成全县农村", "funds": [{"label": "r4c1=合计"}]},
                                        context={"cells": CELLS})
    text = reask_text(info.value)
    lines = text.splitlines()
    assert lines[0].startswith("A previous answer") and lines[-1].startswith("Answer again")
    assert "- funds[0].label: r4c1 prints '其中：当年财政拨款', not '合计'" in lines
    assert "- goal_expected: r3c4 prints '≧2', not '完成全县农村'" in lines
    assert "input_value" not in text  # no pydantic dump of the whole answer


def test_a_text_copied_whole_from_another_cell_of_its_column_or_row_is_moved_there() -> None:
    """The goal quoted with its label's row is read from the row that prints it; a number, or a
    text printed in two candidate cells, is never moved (which cell was meant is the question)."""
    answer = SelfEvalOverview.model_validate({"goal_expected": "r4c2=完成全县农村集中…"}, context={"cells": CELLS})
    assert answer.goal_expected == "r5c2=完成全县农村集中…"
    cells = {**CELLS, "r6c2": "完成全县农村集中供水工程巡检，水质抽检合格率不低于95%。"}
    assert relocate("r4c2=完成全县农村集中…", cells) is None
    assert relocate("r4c2=12.00", CELLS) is None
    assert relocate("r3c1=12.00", CELLS) is None
    assert relocate("r4c5=其中：当年财政拨款", CELLS) == "r4c1=其中：当年财政拨款"


def test_a_rate_read_from_a_bare_number_beside_a_percentage_is_a_misread() -> None:
    chunk = segment(ingest_path(FIXTURES / "merged_funds.txt"))[0]
    view = GridView.of(chunk)
    shifted = SelfEvalOverview(funds=[{"label": "r3c1=年度资金总额", "budget": "r3c3=40", "executed": "r3c4=40",
                                        "weight": "r3c5=30", "rate": "r3c6=30", "score": "r3c7=10"}])
    hints = misread_hints(shifted, _overview_builder(view), view)
    assert any("funds[0].rate" in h and "r3c8" in h for h in hints)


def test_a_heading_read_as_indicator_name_is_pointed_to_the_next_cell() -> None:
    from extractor.llm.misread import level_word_hints

    chunk = segment(ingest_path(SAMPLE))[0]
    view = GridView.of(chunk)
    answer = SelfEvalRows(rows=[{"level1": "r14c1=效益指标", "name": "r14c2=社会效益指标", "weight": "r14c6=20"},
                                {"level2": "r11c2=质量指标", "name": "r11c3=水质抽检合格率"}])
    hints = level_word_hints(answer, view)
    assert hints == ["rows[0].name = 'r14c2=社会效益指标' is a 一级/二级 heading, not an indicator name; "
                     "the name is printed in r14c3 ('受益农村人口')"]


def test_window_checks_name_unread_rows_and_empty_levels() -> None:
    """A re-ask names every shown indicator row the answer skipped and the 一级/二级 it left empty."""
    chunk = segment(ingest_path(SAMPLE))[0]
    view = GridView.of(chunk)
    rows = next(c for c in plan_calls(chunk, rows_per_call=3) if c.part == "rows")
    first, second = rows.body_rows[0], rows.body_rows[1]
    named = [c for c in view.row_cells(first) if not c.filled]
    name = next(c for c in named if c.text == "巡检供水工程数量")
    answer = SelfEvalRows(rows=[{"name": f"{name.ref}={name.text}"}])
    unread = unread_rows(answer, view, rows.body_rows)
    assert any(h.startswith(f"r{second} is not read") for h in unread)
    levels = empty_level_hints(answer, view)
    assert [h.split(" ")[0] for h in levels] == ["rows[0].level1", "rows[0].level2"]


def test_a_placeholder_pick_means_not_printed_unless_the_cell_prints_a_value() -> None:
    cells = {**CELLS, "r9c3": "/"}
    blank = SelfEvalOverview.model_validate({"goal_actual": "r9c3=/", "goal_expected": "/"}, context={"cells": cells})
    assert blank.goal_actual == "" and blank.goal_expected == ""
    with pytest.raises(ValueError, match="r3c5"):
        SelfEvalOverview.model_validate({"goal_actual": "r3c5=/"}, context={"cells": CELLS})


def test_an_answer_numbered_one_row_off_is_moved_back_and_still_grounded() -> None:
    cells = {"r9c1": "一级指标", "r10c1": "产出指标", "r10c3": "巡检数量", "r10c4": "≥120处",
             "r11c1": "产出指标", "r11c3": "合格率", "r11c4": "≥95%"}
    answer = SelfEvalRows.model_validate({"rows": [
        {"level1": "r9c1=产出指标", "name": "r9c3=巡检数量", "target": "r9c4=≥120处"},
        {"level1": "r10c1=产出指标", "name": "r10c3=合格率", "target": "r10c4=≥95%"}]},
        context={"cells": cells, "rows": {10, 11}})
    assert [r.name for r in answer.rows] == ["r10c3=巡检数量", "r11c3=合格率"]
    with pytest.raises(ValueError, match="r9c6"):  # one stray reference is no slip: re-asked as usual
        SelfEvalRows.model_validate({"rows": [{"name": "r10c3=巡检数量", "weight": "r9c6=20",
                                               "level1": "r10c1=产出指标"}]},
                                    context={"cells": {**cells, "r10c6": "20", "r11c6": "20"}, "rows": {10, 11}})


def test_a_row_read_entirely_from_the_total_row_is_no_indicator() -> None:
    cells = {"r10c1": "产出指标", "r10c3": "巡检数量", "r10c6": "20", "r11c0": "总分", "r11c1": "100", "r11c2": "95"}
    answer = {"rows": [{"level1": "r10c1=产出指标", "name": "r10c3=巡检数量", "weight": "r10c6=20"},
                       {"level1": "r11c1=总分", "score": "r11c2=95"}],
              "total_weight": "r11c1=100", "total_score": "r11c2=95"}
    read = SelfEvalRowsWithTotal.model_validate(answer, context={"cells": cells, "rows": {10, 11}, "total_rows": {11}})
    assert [r.name for r in read.rows] == ["r10c3=巡检数量"] and read.total_score == "r11c2=95"
    unknown = SelfEvalRowsWithTotal.model_validate(answer, context={"cells": cells, "rows": {10, 11}})
    assert len(unknown.rows) == 2  # without the plan's total rows nothing is dropped


def _completion(args: dict[str, object]) -> SimpleNamespace:
    call = SimpleNamespace(function=SimpleNamespace(arguments=json.dumps(args, ensure_ascii=False)))
    return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(tool_calls=[call], content=None))])


def test_the_answer_that_keeps_the_most_grounded_values_stands() -> None:
    """A re-ask can leave a small model worse off (it slid a row's cells one field to the left
    and lost the rest): the earlier answer, its one ungrounded value dropped, is kept."""
    from extractor.llm.client import best_answer

    cells = {"r9c3": "三级指标", "r10c1": "产出指标", "r10c3": "巡检数量", "r10c6": "20", "r10c7": "18"}
    first = {"rows": [{"level1": "r10c1=产出指标", "name": "r10c3=巡检数量", "weight": "r10c6=20",
                       "score": "r10c7=19"}]}
    worse = {"rows": [{"level1": "r10c3=巡检数量", "name": "r9c3=巡检数量"}]}
    context: dict[str, object] = {"cells": cells, "rows": {10}}
    best = best_answer(SelfEvalRows, [_completion(first), _completion(worse)], context)
    assert best is not None and best.rows[0].weight == "r10c6=20" and best.rows[0].score == ""
    assert context["dropped"] == ["rows[0].score: r10c7 prints '18', not '19'"]
    fixed = {"rows": [{**first["rows"][0], "score": "r10c7=18"}]}
    tie = best_answer(SelfEvalRows, [_completion(first), _completion(fixed)], context)
    assert tie is not None and tie.rows[0].score == "r10c7=18" and context["dropped"] == []
    assert best_answer(SelfEvalRows, [_completion({"rows": "not a list"})], context) is None


def test_a_misread_the_validator_still_finds_counts_against_an_answer() -> None:
    """The fuller answer loses when the validator still finds misreads in it (the context's
    ``problems``): a value dropped is better than a wrong one kept."""
    from extractor.llm.client import best_answer

    cells = {"r10c1": "产出指标", "r10c3": "巡检数量", "r10c6": "20", "r10c7": "18", "r10c8": "90%"}
    full = {"rows": [{"level1": "r10c1=产出指标", "name": "r10c3=巡检数量", "weight": "r10c7=18", "score": "r10c6=20"}]}
    lean = {"rows": [{"level1": "r10c1=产出指标", "name": "r10c3=巡检数量", "weight": "r10c6=20", "score": "r10c8=19"}]}

    def problems(answer: SelfEvalRows) -> list[str]:
        return ["score > weight", "weight is the score"] if answer.rows[0].weight == "r10c7=18" else []

    context: dict[str, object] = {"cells": cells, "rows": {10}, "problems": problems}
    best = best_answer(SelfEvalRows, [_completion(full), _completion(lean)], context)
    assert best is not None and best.rows[0].weight == "r10c6=20" and best.rows[0].score == ""
    assert context["dropped"] == ["rows[0].score: r10c8 prints '90%', not '19'"]


def test_an_empty_level_is_the_heading_its_row_prints() -> None:
    """The grid fills merged 一级/二级 cells into every row: a row answer that leaves 二级 empty
    (or states neither level) takes the headings its row prints left of the name."""
    chunk = segment(ingest_path(SAMPLE))[0]
    form = ProjectSelfEval()
    RowsBuilder(form, Reader(GridView.of(chunk))).add(SelfEvalRows(rows=[
        {"level1": "r10c1=产出指标", "name": "r10c3=巡检供水工程数量", "weight": "r10c6=20"},
        {"name": "r14c3=受益农村人口", "weight": "r14c6=20"},
    ]))
    levels = [(i.level1.value, i.level2.value) for i in form.indicators]
    assert levels == [("产出指标", "数量指标"), ("效益指标", "社会效益指标")]
    assert form.indicators[1].level2.source[0].row == form.indicators[1].name.source[0].row  # its own row


class _SkippingModel:
    """Stands in for a model that reads only the last two rows of a window (as the small model
    skipped the first five of eight on seed 002), and every row of a window it is shown again."""

    def __init__(self, view: GridView) -> None:
        self.view = view
        self.windows: list[list[int]] = []

    async def ask(self, model: type, messages: list, *, context: dict, meter: object) -> object:
        rows = sorted(context["rows"])
        self.windows.append(rows)
        context["lenient"] = True  # the last word: no re-ask, as when re-asks are used up
        read = rows if len(self.windows) > 1 else rows[-3:]
        lines = [{"row": f"r{i}", "name": next(c.text for c in self.view.row_cells(i) if c.ref.endswith("c3"))}
                 for i in read if any(c.ref.endswith("c3") for c in self.view.row_cells(i))]
        return model.model_validate({"rows": lines}, context=context)


def test_rows_a_window_left_out_are_asked_once_more_and_kept_in_form_order() -> None:
    import asyncio

    from extractor.llm.client import UsageMeter
    from extractor.llm.extract import Session, read_form

    chunk = segment(ingest_path(SAMPLE))[0]
    fake = _SkippingModel(GridView.of(chunk))
    window = next(c for c in plan_calls(chunk, 8) if c.part == "rows")
    session = Session(fake, LLMSettings(base_url="http://127.0.0.1:9/v1", model="m"), UsageMeter(budget=10**6),  # type: ignore[arg-type]
                      AnswerCache(None), asyncio.Semaphore(1))
    form = asyncio.run(read_form(session, chunk, [window]))
    assert fake.windows == [[10, 11, 12, 13, 14, 15, 16], [10, 11, 12, 13]]  # the 总分 row r16 needs no answer row
    assert [i.name.value for i in form.indicators] == [
        "巡检供水工程数量", "水质抽检合格率", "巡检完成时间", "单处巡检成本", "受益农村人口", "群众满意度"
    ]
    assert len(fake.windows) == 2  # a follow-up is never followed up


def test_the_same_request_from_two_forms_at_once_is_made_once() -> None:
    """Forms are read concurrently; two printing the same rows ask the same thing: the second
    waits for the first's answer instead of asking again (a recording then replays as made)."""
    import asyncio

    from extractor.llm.client import UsageMeter
    from extractor.llm.extract import Session, read_form

    class SlowModel(_SkippingModel):
        async def ask(self, model: type, messages: list, *, context: dict, meter: object) -> object:
            await asyncio.sleep(0.01)
            self.windows.append(sorted(context["rows"]))
            context["lenient"] = True
            return model.model_validate({"rows": []}, context=context)

    chunk = segment(ingest_path(SAMPLE))[0]
    fake = SlowModel(GridView.of(chunk))
    window = next(c for c in plan_calls(chunk, 8) if c.part == "rows")
    session = Session(fake, LLMSettings(base_url="http://127.0.0.1:9/v1", model="m"), UsageMeter(budget=10**6),  # type: ignore[arg-type]
                      AnswerCache(None), asyncio.Semaphore(2))

    async def both() -> None:
        await asyncio.gather(read_form(session, chunk, [window]), read_form(session, chunk, [window]))

    asyncio.run(both())
    # one window, one follow-up for the rows it left out; never twice
    assert fake.windows == [[10, 11, 12, 13, 14, 15, 16], [10, 11, 12, 13, 14, 15]]
