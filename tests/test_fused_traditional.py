"""Run-together forms printed in traditional characters with inline pinyin (a document-sharing
mirror's print): claimed and read by their words in simplified characters, values kept as printed.
All inputs are synthetic."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.text import clean_text
from extractor.pipeline import extract_text
from extractor.vocab.key import ruby_spans, simplified

# an invented form: traditional characters, a syllable after some of them, page markers
_FORM = (
    "下載(zài)本文檔\n版權(quán)說明:本文檔由用戶提供並上傳\n"
    "2023年度項(xiàng)目支出績效自評表項目名稱示例道路養(yǎng)護工程主管部門(mén)示例交通局實施單位示例養護中心"
    "項目資金(萬(wàn)元)年初預算數全年預算數全年執(zhí)行數分值執行率得分年度資金總額50505010100%10"
    "其中:當年財政撥(bō)款505050100%1、其他資金年度總體(tǐ)目標預期目標實際完成情況完成道路養護。已完成"
    "績效指標(biāo)一級指標二級指標三級指標年度指標值實際完成值分值得分偏差原因分析及改進措施"
    "產(chǎn)出指標(90分)數量指標道路養(yǎng)護長度≥5公里≥5公里4545質量指標驗收合格率100%100%4545"
    "總分100100"
)


def test_matching_text_is_simplified_one_for_one_without_pinyin() -> None:
    src = "項(xiàng)目 名稱甲\n乙"  # (numbered 1、甲 2、乙 one character apart are list items, not page markers)
    ct = clean_text(src)
    assert ct.text == "项目名称甲乙" and ct.printed == "項目名稱甲乙"
    assert src[ct.offsets[1]] == "目" and src[ct.offsets[4]] == "甲"
    assert simplified("執行率(B/A)") == "执行率(B/A)"
    assert [src[a:b] for a, b in ruby_spans(src)] == ["(xiàng)"]


def test_traditional_run_together_form_is_read_with_printed_values() -> None:
    result = extract_text(_FORM)
    assert len(result.forms) == 1
    form = result.forms[0]
    assert form.layout is not None and form.layout.name == "fused"
    assert form.header.year.value == 2023
    assert form.header.project_name.value == "示例道路養護工程"
    ref = form.header.project_name.source[0]
    assert _FORM[ref.char_start:ref.char_end] == "示例道路養(yǎng)護工程"
    total = form.funds[0]  # type: ignore[attr-defined]
    assert total.role == "total" and total.budget.value == Decimal(50) and total.score.value == Decimal(10)
    names = [i.name.value for i in form.indicators]  # type: ignore[attr-defined]
    assert names == ["道路養護長度", "驗收合格率"]
    first = form.indicators[0]  # type: ignore[attr-defined]
    assert first.level1.value == "產出指標" and first.weight.value == Decimal(45)
    assert first.target.value is not None and first.target.value.value == Decimal(5)


def test_run_text_matches_simplified_and_keeps_printed_strings() -> None:
    from extractor.grid import Cell
    from extractor.layouts.score_runon.text import run_text
    from extractor.segment.types import FormChunk, Row

    cell = Cell("項(xiàng)目名稱 示例萬元", 0, 0, char_start=0, char_end=19)
    chunk = FormChunk(0, None, 0.0, "", None, [Row([cell], "g")])
    rt = run_text(chunk)
    assert rt.text == "项目名称示例万元" and rt.printed == "項目名稱示例萬元"
    assert rt.value(4, 6, "示例").value == "示例"
    assert rt.value(0, 4, "项目名称").value == "項目名稱"
    assert rt.value(6, 8, "万元", as_printed=False).value == "万元"


def test_traditional_fushun_run_on_is_recognised() -> None:
    from extractor.grid import Cell
    from extractor.layouts.fushun.runon import is_run_on_fushun
    from extractor.segment.types import FormChunk, Row

    chunk = FormChunk(0, None, 0.0, "", None, [Row([Cell("年度主要任務…分解目標評價", 0, 0)], "fused")])
    assert is_run_on_fushun(chunk)


def test_spaced_out_label_with_syllables_is_one_cell() -> None:
    from extractor.ingest.text_grid import spaced_cells

    assert [c for c, _ in spaced_cells("實 施 單(dān) 位")] == ["實施單(dān)位"]
    assert [c for c, _ in spaced_cells("年 初 預(yù) 算 數  全年預算數")] == ["年初預(yù)算數", "全年預算數"]


def test_segmenter_hands_cells_without_pinyin_spans_on_the_print() -> None:
    from extractor.grid import Cell
    from extractor.segment.row_cut import printed_length
    from extractor.segment.split import _unruby

    printed = "年 度 預(yù) 算 數"
    cell = _unruby(Cell(printed, 0, 0, char_start=10, char_end=10 + len(printed)))
    assert cell.text == "年 度 預 算 數" and (cell.char_start, cell.char_end) == (10, 10 + len(printed))
    assert cell.ruby == len("(yù)") and printed_length(cell) == len("年 度 預 算 數")
    assert _unruby(Cell("執行數(B)", 0, 0)).text == "執行數(B)"


def test_a_short_cell_line_stays_in_its_table_when_pinyin_makes_it_long() -> None:
    from extractor.grid import Grid
    from extractor.ingest.text_grid import parse_text

    line = "符合要求得滿(mǎn)分，每發現(xiàn)一處問題(tí)扣1分，扣完為止(zhǐ)。"
    assert len(line) > 40
    text = "序號  指標名稱  分值\n1  資金到位率  5\n" + line + "\n"
    blocks = parse_text(text)
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert grids and any(c.text == line for row in grids[0].rows for c in row)


def test_a_pipe_row_broken_after_its_label_holds_when_pinyin_makes_the_label_long() -> None:
    from extractor.grid import Grid
    from extractor.ingest.text_grid import parse_text

    text = ("| 三級指標 | 指標值 | 完成值 | 分值 | 得分 |\n| 指標1：群眾滿意度 | ≧87% | 87% | 5 | 5 |\n"
            "指標(biāo)2：受益對象滿(mǎn)意度 |\n| ≧86% | 96% | 5 | 5 |\n| 總分 | | | 100 | 100 |\n")
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    row = next(r for r in grid.rows if any("受益" in c.text for c in r))
    assert [c.text for c in row if c.text][1:] == ["≧86%", "96%", "5", "5"]


def test_an_export_line_names_its_funds_header_label_in_traditional_characters() -> None:
    from extractor.grid import Cell
    from extractor.segment.export_line import mend_funds_block
    from extractor.segment.types import Row

    def row(*texts: str) -> Row:
        return Row([Cell(t, 0, k) for k, t in enumerate(texts)], "g")

    rows = [row("部門名稱", "示例局", "名稱"), row("年初預算數", "全年預算數", "全年執行數"),
            row("財政撥款收入", "10", "10", "10")]
    out = mend_funds_block(rows)
    assert [c.text for c in out[1].cells][0] == "名稱"
