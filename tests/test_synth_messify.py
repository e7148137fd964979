"""The messifier (tests/synth/messify): deterministic, and its gold still says what is printed."""

from __future__ import annotations

import json
import random
import re
from decimal import Decimal
from pathlib import Path

import opencc
import pytest

from eval.goldfile import load_gold
from extractor.errors import ConfigError
from tests.synth.corpus import available_families, make_document
from tests.synth.messify import SHAPES, messify, write_shapes
from tests.synth.messify.base import sheet_of
from tests.synth.messify.level_values import ACTUAL_VERDICTS, TARGET_VERDICTS

SEED = 18
DOCS = [make_document(SEED, i) for i in range(len(available_families()))]  # one per family


def _number_free(text: str, value: str) -> bool:
    """``value`` printed somewhere in ``text`` with no digit glued to either side."""
    body = re.escape(value) + (r"(\.0+)?" if "." not in value else r"0*")
    return re.search(r"(?<![\d.])" + body + r"(?![\d])", text.replace(",", "")) is not None


@pytest.mark.parametrize("shape", list(SHAPES))
def test_deterministic(shape: str) -> None:
    for doc in DOCS[:4]:
        a, b = messify(doc, shape, 3), messify(make_document(SEED, DOCS.index(doc)), shape, 3)
        assert (a.text, a.forms, a.findings) == (b.text, b.forms, b.findings)


def test_seed_changes_the_draw() -> None:
    texts = {messify(DOCS[0], "spaced", seed).text for seed in range(4)}
    assert len(texts) > 1


def test_unknown_shape() -> None:
    with pytest.raises(ConfigError):
        messify(DOCS[0], "origami")


def test_written_gold_is_well_formed(tmp_path: Path) -> None:
    written = write_shapes(DOCS[:6], list(SHAPES), tmp_path, SEED)
    assert len(written) == 6 * len(SHAPES)
    for messy, path in written:
        gold = load_gold(path)
        assert not gold.problems, (path.name, gold.problems)
        data = json.loads(path.read_text(encoding="utf-8"))
        assert Path(data["source"]).read_text(encoding="utf-8") == messy.text


def test_clean_keeps_the_model_gold() -> None:
    from tests.synth.gold import document_gold

    for doc in DOCS:
        assert messify(doc, "clean").forms == document_gold(doc, "", b"")["forms"]


def test_run_together_drops_fused_numbers() -> None:
    dropped = kept_fused = 0
    for doc in DOCS:
        clean, messy = messify(doc, "clean"), messify(doc, "run_together", 1)
        *preamble, page = messy.text.splitlines()  # a sharing or download site's preamble, then the page
        sharing = all(".docx" in line for line in preamble)
        assert "\t" not in messy.text and (sharing or any("资源ID" in line for line in preamble)), preamble
        for form_clean, form in zip(clean.forms, messy.forms, strict=False):
            for before, after in zip(form_clean.get("funds") or [], form.get("funds") or [], strict=False):
                dropped += len(before) - len(after)
                fused = [k for k in ("initial_budget", "budget", "executed") if k in after
                         and not _number_free(messy.text, after[k])]
                if fused:  # kept against other digits where the row's one allowed cut prints them (below)
                    kept_fused += 1
                    assert all(after[k] == before[k] for k in fused), (doc.name, fused)
    assert dropped > 0 and kept_fused > 0


def test_run_together_rewords_labels_in_some_documents() -> None:
    """Half the run-together documents print other provinces' label words; the gold titles follow."""
    words = ("项目主管部门", "项目实施单位", "年度绩效目标", "指标类型", "公开表")
    reworded = [m for m in (messify(doc, "run_together", seed) for doc in DOCS for seed in (1, 2))
                if any(w in m.text for w in words)]
    assert 0 < len(reworded) < 2 * len(DOCS)
    for m in reworded:
        for form in m.forms:
            title = (form.get("header") or {}).get("title")
            assert title is None or title.replace(" ", "") in m.text.replace(" ", ""), title


def test_run_together_titles_name_the_unit_or_project_in_some_documents() -> None:
    """``lead_titles``: some titles print the unit before the year or the project after it, and
    every gold title is printed as it stands."""
    from tests.synth.messify.base import sheet_of
    from tests.synth.messify.title_leads import lead_titles

    led = 0
    for doc in DOCS:
        sheet = sheet_of(doc)
        before = [(f.get("header") or {}).get("title") for f in sheet.forms]
        lead_titles(sheet, random.Random(5))
        after = [(f.get("header") or {}).get("title") for f in sheet.forms]
        for old, new in zip(before, after, strict=True):
            if old != new:
                led += 1
                assert old is not None and new is not None and re.search(r"20\d{2}年", new)
                assert new.endswith(old[-6:]) and len(new) > len(old)
        for m in (messify(doc, "run_together", seed) for seed in (1, 2)):
            for form in m.forms:
                title = (form.get("header") or {}).get("title")
                assert title is None or title.replace(" ", "") in m.text.replace(" ", ""), title
    assert led > 0


def test_fused_figures_kept_only_where_one_cut_is_allowed() -> None:
    from decimal import Decimal

    from tests.synth.messify.fused_pairs import certain_run, cuts_allowed

    weights = [("weight", "num"), ("score", "num")]
    assert cuts_allowed(["15", "15"], weights, {}, {}) == [["15", "15"]]
    assert cuts_allowed(["12", "13.5"], weights, {}, {}) == []  # scores over its weight: none
    assert len(cuts_allowed(["5", "4.39"], weights, {}, {})) == 2  # 54.3 | 9 too
    form = {"indicators": [{"name": "甲", "weight": "15", "score": "15"}, {"name": "乙", "weight": "5",
                                                                         "score": "4.39"}]}
    assert certain_run(form, ["甲", "15", "15"], [1, 2], {}, set())
    assert not certain_run(form, ["乙", "5", "4.39"], [1, 2], {}, set())
    funds = {"funds": [{"role": "total", "label": "年度资金总额", "budget": "20", "executed": "20", "weight": "10",
                        "rate": "100.00", "score": "10"},
                       {"role": "fiscal", "label": "财政拨款", "budget": "20", "executed": "20"}]}
    row = ["年度资金总额", "20", "20", "10", "100.00%", "10"]
    assert certain_run(funds, row, [1, 2, 3, 4], {}, set())  # the 得分 after the % settles 20201 | 0 | 10 | 0.00%
    # without it two cuts obey the arithmetic, but 20201 | 0 | 10 | 0.00% reads a 0 % rate: the rate above 0 is the
    # page's (wip-lines10); a second cut with a rate above 0 would still leave the run uncertain
    assert certain_run(funds, row, [1, 2, 3, 4], {}, {5})
    assert not certain_run(funds, ["财政拨款", "20", "20"], [1, 2], {}, set())  # 202 | 0 as well
    assert certain_run(funds, ["财政拨款", "20", "20"], [1, 2], {"budget": Decimal(20), "executed": Decimal(20)}, set())


def test_narrative_has_no_form() -> None:
    for doc in DOCS:
        messy = messify(doc, "narrative", 2)
        assert messy.forms == [] and messy.findings == []
        assert "\t" not in messy.text and "|" not in messy.text
        assert re.search(r"\d", messy.text)  # a report that quotes figures


def test_truncated_keeps_a_prefix() -> None:
    cut_first = False
    for doc in DOCS:
        clean, messy = messify(doc, "clean"), messify(doc, "truncated", 5)
        last = messy.forms[-1]
        key = "indicators" if "indicators" in last else "items"
        full = clean.forms[len(messy.forms) - 1][key]
        kept = last[key]
        assert len(kept) < len(full) and kept == full[: len(kept)]
        one_row = not kept  # the table's first indicator row was the one cut (sample 02)
        assert "totals" not in last
        lost = full[len(kept)]["name"]
        if isinstance(lost, str) and messy.text.count(lost) >= clean.text.count(lost):
            # printed in part: its line is cut inside a cell after the name (sample 58)
            cut = [ln for ln in messy.text.splitlines() if lost in ln][-1]
            assert any(ln.startswith(cut) and len(ln) > len(cut) for ln in clean.text.splitlines())
        for f in messy.findings:
            assert f["form"] < len(messy.forms)
        cut_first = cut_first or one_row
    assert cut_first  # some excerpt stops inside the table's first indicator row


def test_traditional_gold_follows_print() -> None:
    s2t = opencc.OpenCC("s2t")
    for doc in DOCS:
        clean, messy = messify(doc, "traditional", 1), messify(doc, "clean")
        for a, b in zip(clean.forms, messy.forms, strict=False):
            assert a["header"].get("money_unit") == b["header"].get("money_unit")
            for key in ("project_name", "unit_name"):
                if key in b["header"]:
                    assert a["header"][key] == s2t.convert(b["header"][key])
                    assert a["header"][key] in re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)", "", clean.text)


def test_layout_shapes_print_their_separators() -> None:
    for doc in DOCS:
        spaced = messify(doc, "spaced", 1).text
        assert "\t" not in spaced and re.search(r"\S {2,}\S", spaced)
        pipes = messify(doc, "pipes", 1).text
        rows = sum(1 for line in pipes.splitlines() if line.startswith("| "))
        cells = sum(1 for line in pipes.splitlines() if re.fullmatch(r"[^|]*[^|\s][^|]* \|+", line))
        assert rows > 5 or cells > 20  # pipe rows, or one cell per line (pipe_cells)
        scrambled = messify(doc, "scrambled", 1).text
        assert "\t" not in scrambled
        assert messify(doc, "scrambled", 1).forms == messify(doc, "clean").forms


def test_exported_prints_each_table_on_one_line() -> None:
    """Samples 51 / 37: a table on one line of single-space-separated cells, merged cells late."""
    late = {"header": 0, "total": 0}
    for doc in DOCS:
        for seed in range(4):
            messy = messify(doc, "exported", seed)
            assert "\t" not in messy.text
            lines = messy.text.splitlines()
            assert max(len(line.split(" ")) for line in lines) > 25  # a whole table on a line
            flat = next((line.replace(" ", "") for line in lines if "执行" in line), "")
            funds = flat[flat.index("执行"):flat.find("总体目标")] if "执行" in flat else ""
            late["header"] += bool(re.search(r"\d.*得分", funds))
            late["total"] += bool(re.search(r"\d.*资金总额", funds))
    assert late["header"] and late["total"]


def test_funds_variants_keep_what_is_printed() -> None:
    seen = set()
    for doc in DOCS:
        for seed in range(3):
            clean, messy = messify(doc, "clean"), messify(doc, "funds", seed)
            for before, after in zip(clean.forms, messy.forms, strict=False):
                if before["schema_name"] == "project_target":
                    continue  # labels and roles reworded, rows added: tests/test_funds_labelled.py
                for row_b, row_a in zip(before.get("funds") or [], after.get("funds") or [], strict=False):
                    assert set(row_a) <= set(row_b)
                    for key, value in row_a.items():
                        if key != "label":
                            assert value == row_b[key]
                    if row_a["label"] != row_b["label"]:
                        seen.add("in_label")
                        assert row_a["label"].startswith(row_b["label"]) and row_a["label"] in messy.text
                    elif len(row_a) < len(row_b):
                        seen.add("dropped")
    assert seen == {"in_label", "dropped"}


def test_labels_swap_words_and_keep_values() -> None:
    swapped = set()
    for doc in DOCS:
        for seed in range(3):
            clean, messy = messify(doc, "clean"), messify(doc, "labels", seed)
            for a, b in zip(messy.forms, clean.forms, strict=True):
                title = a["header"].get("title")
                assert title is None or title.replace(" ", "") in messy.text.replace(" ", "").replace("\t", "")
                kept = {k: v for k, v in b["header"].items() if k != "title"}
                if "department" in kept and "department" not in a["header"]:
                    assert "中央主管部门" in messy.text  # a transfer payment's header: no department
                    kept.pop("department")
                assert {k: v for k, v in a["header"].items() if k != "title"} == kept
                declared = [f["role"] for f in a.get("funds", [])] == ["county", "central_provincial"]  # declaration.py
                assert a.get("indicators") == b.get("indicators") and (declared or a.get("funds") == b.get("funds"))
            words = ("项目主管部门", "项目实施单位", "年度绩效目标", "公开表", "中央主管部门", "地方主管部门")
            swapped |= {w for w in words if w in messy.text}
            swapped |= {"transfer name"} if re.search(r"转移支付[（(]项目[)）]名称|专项名称", messy.text) else set()
    assert swapped == {"项目主管部门", "项目实施单位", "年度绩效目标", "公开表", "中央主管部门", "地方主管部门",
                       "transfer name"}


def test_traditional_prints_syllables_after_characters_in_some_documents() -> None:
    ruby = re.compile(r"[\u4e00-\u9fff]\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
    texts = [messify(doc, "traditional", seed).text for doc in DOCS[:6] for seed in range(4)]
    assert any(ruby.search(t) for t in texts) and not all(ruby.search(t) for t in texts)


def test_headings_print_level1_lines_and_keep_the_gold() -> None:
    paired = lines = 0
    for doc in DOCS:
        for seed in range(3):
            clean, messy = messify(doc, "clean"), messify(doc, "headings", seed)
            assert messy.forms == clean.forms
            heads = [ln.split("\t") for ln in messy.text.splitlines() if re.match(r"^\S+指标（\d+分）\t", ln)]
            lines += len(heads)
            paired += sum(1 for cells in heads if len(cells) > 1 and cells[1].endswith("指标"))
            if heads:
                assert "一级指标" not in messy.text.replace(" ", "")
    assert lines and 0 < paired < lines


def test_untitled_keeps_a_year_only_printed_outside_a_sentence() -> None:
    contents = 0
    for doc in DOCS:
        for seed in range(3):
            messy = messify(doc, "untitled", seed)
            contents += messy.text.count("项目实施内容")
            for form in messy.forms:
                year = (form.get("header") or {}).get("year")
                if year is not None:
                    lines = [ln for ln in messy.text.splitlines() if str(year) in ln]
                    assert any(not re.search(r"[，,。；;]", cell) for ln in lines for cell in ln.split("\t")
                               if str(year) in cell)
    assert contents


def test_run_together_gold_keeps_an_intact_cell_printing_a_damaged_cells_value() -> None:
    """``5≥273729115`` (分值 5 | ≥2737 | 2911 | 得分 5, the last two fused): the 得分 and the actual
    leave the gold, the 分值 (the same 5, printed alone) and the target (its own text intact) stay."""
    from tests.synth.messify.base import drop_values

    form = {"indicators": [{"name": "甲", "weight": "5", "score": "5",
                            "target": {"operator": "≥", "value": "2737", "text": "≥2737"},
                            "actual": {"operator": "=", "value": "2911", "text": "2911"}}]}
    drop_values(form, ["甲", "5", "≥2737", "2911", "5"], {3, 4})
    assert set(form["indicators"][0]) == {"name", "weight", "target"}
    both = {"indicators": [{"name": "乙", "weight": "5", "score": "5"}]}
    drop_values(both, ["乙", "5", "5"], {1, 2})
    assert set(both["indicators"][0]) == {"name"}


def test_a_damaged_total_row_naming_no_entry_drops_nothing_but_a_caption_row_drops_its_figures() -> None:
    """A task table's ``合计 | — | 375.64 | 100%`` with the 100% damaged names no gold entry and is
    held by none: an indicator's intact ``100%`` target stays.  A caption row (``总体资金情况 |
    887.38 | 500.82``) names none either but heads the funds' figures: a damaged figure leaves them."""
    from tests.synth.messify.base import drop_values

    form = {"indicators": [{"name": "上缴率", "target": {"operator": "=", "value": "100", "text": "=100%"},
                            "actual": {"value": "100", "text": "100%"}}],
            "funds": [{"role": "project", "label": "二、项目支出", "executed": "375.64", "rate": "100"}]}
    drop_values(form, ["合计", "—", "375.64", "100%"], {3})
    assert "target" in form["indicators"][0] and "actual" in form["indicators"][0]
    assert form["funds"][0]["rate"] == "100"
    funds = {"funds": [{"role": "total", "label": "预算支出总额", "budget": "887.38"},
                       {"role": "basic", "label": "基本支出", "budget": "500.82"}]}
    drop_values(funds, ["总体资金情况", "887.38", "500.82"], {1})
    assert "budget" not in funds["funds"][0] and funds["funds"][1]["budget"] == "500.82"


def test_evaluation_table_prints_explain_and_remark_columns_with_honest_gold() -> None:
    """``evaluation_table``: a target form's indicators under 评价指标 | 评价内容 | 指标名称 | 指标说明 |
    目标值 | 分值 | 备注; every gold name, target text and weight is still printed, a ``…以上``
    target keeps operator ≥, and a form printing no labels keeps only its title and year."""
    from tests.synth.messify.base import sheet_of, tsv_text
    from tests.synth.messify.evaluation_table import evaluation_table

    reprinted = bare = 0
    for doc in DOCS:
        for seed in range(4):
            sheet = sheet_of(doc)
            evaluation_table(sheet, random.Random(seed))
            text = tsv_text(sheet.parts).replace(" ", "")
            if "评价指标\t评价内容" not in text and "评价内容\t指标名称" not in text:
                continue
            reprinted += 1
            assert "指标说明" in text and "备注" in text
            for form in sheet.forms:
                if form.get("schema_name") != "project_target":
                    continue
                bare += "funds" not in form
                for ind in form.get("indicators") or []:
                    target = ind.get("target") or {}
                    assert target.get("text", "").replace(" ", "") in text
                    if target.get("text", "").endswith("以上"):
                        assert target["operator"] == "≥"
                if "funds" not in form:
                    assert set(form["header"]) <= {"title", "year"}
    assert reprinted > 0 and bare > 0


def test_garbled_levels_scramble_the_first_column_and_drop_its_gold() -> None:
    """``garble_levels``: the 一级 header cell and cells print their characters in another order;
    no indicator keeps a level1 and no level-1 group is left, every other field stays."""
    from tests.synth.messify.base import sheet_of, tsv_text
    from tests.synth.messify.ocr_levels import garble_levels

    garbled = 0
    for doc in DOCS:
        sheet = sheet_of(doc)
        before = [[{k: v for k, v in ind.items() if k != "level1"} for ind in f.get("indicators") or []]
                  for f in sheet.forms]
        garble_levels(sheet, random.Random(3))
        text = tsv_text(sheet.parts).replace(" ", "")
        if "一级指标" in text or not any(f.get("indicators") for f in sheet.forms):
            continue
        garbled += 1
        for form, old in zip(sheet.forms, before, strict=True):
            assert all("level1" not in ind for ind in form.get("indicators") or [])
            assert all(g.get("level") != 1 for g in form.get("groups") or [])
            assert form.get("indicators", []) == old or not old
    assert garbled > 0


def _without_measures(forms: list[dict[str, object]]) -> list[dict[str, object]]:
    out = json.loads(json.dumps(forms))
    for form in out:
        for ind in form.get("indicators") or []:
            ind.pop("target", None)
            ind.pop("actual", None)
    return out


def test_pipes_print_one_cell_per_line_in_some_documents_and_keep_the_gold() -> None:
    """A third of the pipe documents print every cell on a line of its own ending in `` |``, rows
    closed by pipe-only lines, merged cells' pipes after their text; no filled cell is lost."""
    seen = 0
    for doc in DOCS:
        for seed in range(3):
            messy = messify(doc, "pipes", seed)
            lines = messy.text.splitlines()
            if any(line.startswith("| ") for line in lines):
                continue
            seen += 1
            clean = messify(doc, "clean").forms
            assert _without_measures(messy.forms) == _without_measures(clean)  # a blanked actual aside
            assert any(re.fullmatch(r"\|+", line) for line in lines)
            cells = {line.rsplit(" |", 1)[0] for line in lines if " |" in line}
            blanked = {i["actual"]["text"] for a, b in zip(messy.forms, clean, strict=True)
                       for i, j in zip(b.get("indicators", []), a.get("indicators", []), strict=True)
                       if "actual" in i and "actual" not in j}
            # level_values prints a verdict (效果明显) for some qualitative cells: their clean text is not printed
            verdicts = set(TARGET_VERDICTS + ACTUAL_VERDICTS)
            replaced = {i[f]["text"] for a, b in zip(messy.forms, clean, strict=True)
                        for i, j in zip(b.get("indicators", []), a.get("indicators", []), strict=True)
                        for f in ("target", "actual") if f in i and f in j and j[f].get("text") in verdicts}
            for row in [r for part in sheet_of(doc).tables() for r in part.rows or []]:
                assert all(t.strip() in cells or t in blanked or t.strip() in replaced for t in row if t.strip())
    assert seen >= 3


def test_labels_print_spending_declarations_with_honest_gold() -> None:
    """Some project target forms print 项目支出名称 / 预算部门, this level's and the upper level's
    money with 万 in the cell, a 项目支出实施期 row and the term's goal before the year's; the gold's
    funds are the two printed rows, adding up to the model's total, its goal the year's text."""
    seen = 0
    for doc in [make_document(SEED, i, families=["national_project_target", "chongqing_project_target"])
                for i in range(12)]:
        clean = messify(doc, "clean")
        messy = messify(doc, "labels", 3)
        for a, b in zip(messy.forms, clean.forms, strict=True):
            if [f["role"] for f in a.get("funds", [])] != ["county", "central_provincial"]:
                continue
            seen += 1
            assert "项目支出名称" in messy.text and "本年度绩效目标" in messy.text
            total = next(Decimal(f["budget"]) for f in b["funds"] if f["role"] == "total")
            assert sum(Decimal(f["budget"]) for f in a["funds"]) == total
            assert a["overall_goal"] == b["overall_goal"] and a["header"]["department"] == b["header"]["department"]
    assert seen >= 2

def test_exported_numbered_names_and_late_header_keep_the_gold_printed() -> None:
    from tests.synth.messify.base import Part, Sheet
    from tests.synth.messify.export_merges import late_header, numbered_names

    rows = [["一级指标", "二级指标", "三级指标", "分值"], ["产出指标", "数量指标", "培训人次", "10"],
            ["", "", "验收合格率", "5"]]
    sheet = Sheet([Part(rows=rows, form=0)], [{"indicators": [{"name": "培训人次"}, {"name": "验收合格率"}]}], [])
    numbered_names(sheet)
    assert [e["name"] for e in sheet.forms[0]["indicators"]] == ["指标1：培训人次", "指标2：验收合格率"]
    assert rows[1][2] == "指标1：培训人次" and rows[2][2] == "指标2：验收合格率"
    moved = late_header([[t for t in r if t] for r in rows])
    assert moved == [["一级指标"], ["产出指标", "数量指标", "指标1：培训人次", "10"], ["二级指标", "三级指标", "分值"],
                     ["指标2：验收合格率", "5"]]


def test_exported_spaced_labels_and_choices_keep_every_cell() -> None:
    import random

    from tests.synth.messify.export_merges import checkbox_options, spaced_labels

    rows = [["实施单位", "某局"], ["年度财政资金总额", "100"], ["预算执行情况（20分）", "10"]]
    spaced = spaced_labels(rows, random.Random(1))
    assert [["".join(t.split()) for t in r] for r in spaced] == rows
    assert spaced[2][0] == "预算执行情况 （20 分）"
    choices = checkbox_options(rows, random.Random(1))
    assert choices[0][0] == "实施单位" and choices[0][-1] == "某局" and len(choices[0]) == 6


def test_self_report_prints_its_gold() -> None:
    """The report's gold is one project_self_eval whose amounts are printed and whose levels sum to the total."""
    from decimal import Decimal

    for doc in DOCS:
        messy = messify(doc, "self_report", 5)
        assert [f["schema_name"] for f in messy.forms] == ["project_self_eval"] and not messy.findings
        funds = messy.forms[0]["funds"]
        assert funds[0]["role"] == "total" and "计划安排资金" in messy.text and "二、项目支出明细情况" in messy.text
        for field in ("budget", "executed"):
            levels = sum((Decimal(f[field]) for f in funds[1:] if field in f), Decimal(0))
            assert levels == Decimal(funds[0][field])
            assert all(_number_free(messy.text, f[field]) for f in funds if field in f)
