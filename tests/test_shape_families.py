"""Shape families (tests/synth/messify) holding the level their readers reached, on a fixed
slice: two generated documents per layout family in the shape, read by the rules extractor and
scored by the eval harness (issue 18: a reader change is judged on its family, not a document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.goldfile import load_gold
from eval.harness import run_eval
from tests.synth.corpus import available_families, corpus
from tests.synth.messify import write_shapes

SLICE_SEED = 41

# field F1 on the slice, less about 0.01; before → after the change that set the gate:
# wrapped 0.930 → 1.000 (each table's lines cut into rows by dynamic programming over the TAB
# count and the labels either side of each break, extractor/ingest/text_wrap.py; a label
# printed again wrapped is still a copy of it, extractor/rules/cells.same_text),
# labels 0.956 → 0.996 (项目主管部门 / 项目实施单位 / 年度绩效目标 / 绩效目标公开表 read),
# traditional 0.833 → 0.956 (values without a mirror's inline pinyin, extractor/rules/cells.py)
# untitled 0.774 → 0.995 (several projects under one title cut apart, extractor/segment/repeat.py;
# an excerpt cut under its title keeps its header rows, segment/split.py)
# scrambled 0.683 (cells one per line: wrapped header words joined, title lines ended, numbered
# names and tall cells put back, merged labels printed on every row read once;
# segment/cell_wrap.py, segment/restream.py, segment/row_order.py); 0.684 → 0.708 (score-sheet
# rows whose cells were rotated or printed short-first put back in header order, rules/score_order.py;
# 0.708 → 0.764 with 序号 columns, repeated texts never a name, labels kept in their usual column,
# rubric 一级 words in the 一级 column, sheets whose every line is one cell; 0.767 with notes kept
# with deducted rows); 0.767 → 0.817 (indicator tables' bodies cut again into rows that are the
# header's order, a rotation or short cells first, with the header itself put back;
# segment/indicator_order.py); 0.864 with a rotated header's last word taken back from the row
# above, target tables ended at the next form, names never a level word ending in 指标); 0.909
# (Fushun's stacked sections cut into rows under their own headers, segment/section_order.py);
# 0.919 (an indicator table re-cut once any row needed a reorder); 0.931 (a header over two rows,
# 年度指标值 over 指标性质 | 指标值 | 度量单位, and rotated header words over two rows above it);
# 0.944 (funds tables re-cut the same way, segment/funds_order.py); 0.956 (an indicator header
# over two rows that repeat the merged words, 年度 | 实际 over 指标值 | 完成值; seed 18 0.961 -> 0.968
# with Sichuan's 年度指标值 over three columns joined also over rows printed in order); 0.959 (a
# table's first row prints its merged labels; side-by-side 收入构成 | 支出构成 funds re-rowed,
# segment/sides_order.py)
# columns 0.876 → 0.982 (a 绩效指标描述 column a column of its own, extractor/vocab/columns.py),
# with a 优秀□ 良好□ choice row under half the tables 0.979 → 0.985 (it ends the table);
# labels with 指标类型 for 一级指标 0.961 → 1.000; truncated with its first lost row printed in
# part 0.957 → 0.968 (the cut row dropped and flagged, extractor/rules/indicator_cut.py);
# truncated 0.968 → 0.987 with the gold of score sheets kept (their names printed with stated
# points, 绩效目标合理性（5分）, are printed rows; the messifier took them for lost);
# headings 0.986 → 1.000 (a heading line with its first 二级 word, rules/indicator_headings.py)
# run_together 0.362 → 0.608 (figures read only where one cut is certain, with the messifier's gold
# rule saying the same; department and target forms run together read, extractor/layouts/fused/);
# with other provinces' label words and titles naming the unit or project around their year in
# half the documents 0.584 → 0.608 (those words and title leads read); with the labels shape's
# transfer-payment headers, unit lines and goal captions (wip-tables2) now drawn into that half too,
# the slice prints harder: 0.595 with one form missed (a second project of one document whose
# relabelled title is not found) — the same figure with wip-fused2's readers alone; 0.606 with
# 得分 held to a 分值 printed groups before it, bracketed units in names, captions and levels
# repeated on every row read once; 0.645 with no form missed with operators in 指标性质 cells, target
# forms' qualitative targets printed once and transfer-payment titles found; 0.771 with headers over
# two rows and 计算符号 / 运算符号 operator columns; 0.808 with dates, lone qualitative targets, % unit
# cells and goal captions repeated; 0.823 with thousands separators and years/units above titles (wip-fused3)
# spaced 0.964 → 0.975, pipes 0.922 → 0.928: score-sheet rows that lost their empty cells put
# their texts under the header's text columns in order and tell labels from rules by type
# (rules/score_narrow.py); spaced 0.975 → 0.983 with a lower header row printed from the first
# column put back under the upper cells it completes (rules/indicator_subheader.py); 0.983 → 0.998
# with the figure after the name read as 分值 where that column comes first (衔接资金 forms);
# scrambled 0.767 → 0.772 by the same; pipes 0.934 → 0.985 with line numbers that start again at 1
# for the next form's table dropped and a lone | after a broken row closing it (ingest/text_serial.py,
# ingest/text_grid.py), 0.985 → 0.992 with sub-headers printed from the first column under a
# merge that kept its empty positions (rules/indicator_subheader.py);
# traditional 0.959 → 0.975 with units read as the unit they spell (萬元 is
# 万元: the gold keeps a unit simplified, as it keeps money_unit; （萬元） and 度量單位 read by key),
# 0.975 → 0.981 with stated points read past a mirror's pinyin (部門管(guǎn)理（45分(fēn)）),
# 0.981 → 1.000 with a block label copied with pinyin (績 效(xiào) 指 標) still a copy (rules/cells.same_text);
# untitled 0.984 (1 missed, 1 spurious) → 1.000 with an untitled form keeping the header lines above
# its table and its 总体资金情况 rows (segment/split.py), typed a department's by 预算（单位）名称;
# preamble 0.987 → 1.000 with a 基础数据表's column headings (单位名称 | 编制人数 …) never the unit;
# truncated 0.987 → 0.990 with a last row whose print stops short of every earlier row's dropped;
# columns 0.988 → 1.000 by the messifier alone (no description sentence in a header's second row; a
# 计算符号 sign is the gold's nature where the form prints no 指标性质, as the reader reads it)
# run-together (wip-runon3 on its own): run-together
# score sheets read in their header's column order (layouts/score_runon/columns.py) 0.595 → 0.692;
# a 计算符号 column's operator, a bare 指标值 before its 度量单位, a 定性 row's text (fused/rows.py) → 0.798;
# a header printed over two lines (年度 / 指标值), its merged headings repeated (fused/scan.py) → 0.822;
# a text target cut before its qualitative word (显著提升 after 履职效能, fused/rows.py) → 0.836;
# wip-fused3 and wip-runon3 merged: 0.921
# exported 0.737 (dev 51 / 37's one-line xlsx export: brackets cut at their spaces made whole, the
# funds block's late 得分 / total label / split labels put back, segment/export_line.py; wip-print4);
# 0.758 with a spaced two-character heading (名 称) keeping the line an export, numbered labels cut
# after their number and wrapped fund labels joined, Fushun's section labels that end the row above
# read (wip-export5); 0.807 with score sheets cut into rows by their header's column order
# (segment/export_sheet.py; wip-export6); 0.823 with an indicator header over two rows made one (export_header.py);
# a harder print then (numbered names, the indicator header's cells after the first row: export_merges.py)
# read 0.793 by these readers, 0.808 with the late header cells put back (numbered names left: see shapes.md);
# with a Word table's spaced labels and 项目类别 choices between a label and its value added: 0.792
# 0.810 (exported_trad 0.771) with Fushun's indicator header read whole again: its late run holds
# 内容 between header words, and its pieces of whole words re-rowed apart made one row (wip-export7);
# 0.817 (0.774) with Fushun's task header cut in two made one row, wrapped project names joined after
# a numbered task name, and the task table ended at its 合计 row; 0.827 (0.783) with a merged block label
# printed on every row (绩效指标, 资金情况（元）) kept once and a lower header row that subdivides one upper
# cell (年度指标值 over 指标性质 指标值 度量单位) put in its place (wip-export8); a harder print then (a
# Word table's cells in fixed-width fragments, titles' years cut off: export_word.py) read 0.820 (0.776) by
# these readers, 0.835 (0.790) with an indicator name's pieces joined where the row's figures or sign say so
# run_together on the harder print of wip-fused4 (its own readers): 0.835 with
# a third of the documents' target forms printed as a 绩效评价指标表 (指标说明 / 备注 columns,
# ``95%以上``, a bare title over the indicator header) and those read; 0.842 with a quarter of the
# documents' 一级 column OCR'd out of order (出标产指) and its header cell read in any order (wip-fused4)
# all three run-together branches merged on that print: 0.902 (score sheets whose 一级 column was OCR'd out
# of order lose forms: 7 of 62 missed in a sheets-only bench at seed 18, the same with the readers before)
# Fushun forms read by their own run-on reader (layouts/fushun/runon.py: sections, 指标N rows, 收支
# labels): 0.921 → 0.942 on wip-fused3's print (wip-fushun4); merged with wip-fused4's print: see the gate
# truncated_top 0.915 (4 forms missed, 2 spurious: Fushun rows and department forms whose rows
# name no department-only indicator; wip-ocr5): excerpts that begin mid-table read by their level
# words, values' shapes and total row (rules/headless_indicators.py)
# truncated_runon 0.562 (16 forms missed, 9 spurious; main's readers 0.540): a table's tail run together
# on one line, re-rowed where each row is certain (rules/headless_line.py, wip-tail6); 0.593 (15 missed)
# with a tail before a run-together form handed on as a chunk of its own (layouts/fused/tail.py); 0.603
# (14 missed) with target tables' tails (no total row, one weight a row) read; the misses left: rows
# without operators, spaced-out cells, department tails typed project forms; 0.831 (7 missed, 5 spurious)
# with qualitative rows cut before a target printed twice or at 定性, fused figure runs cut where certain,
# operator/unit columns printed apart, 衔接资金 rows weight-first, totals glued to what follows (wip-trunc8);
# 0.872 (3 missed, 2 spurious) with untitled tails typed by the department-only indicators they print and
# as target forms when they print no total or closing row, 衔接资金 weights glued to names and targets, a bare
# target after an operator column read by its figure count (wip-trunc10); 0.930 (2 missed, 2 spurious) with
# Fushun tails read at their 指标N slots, paragraph tails, target tables' glued weights and deadlines (wip-trunc12)
# run_together on wip-fused5's harder print (county special-fund forms, sharing-site preambles, cost
# blocks, checkbox rows; main's readers 0.849 at the bench's seed 41): 0.926 with those read on its branch,
# 0.925 merged with the traditional and OCR'd-label readers (gate kept at 0.92)
# web_lines with the declaration / special-fund page templates (web_cells.py) and their readers: 0.967 (wip-web6a)
# web_lines with sichuan_rows.py (block label on the first row, long names, periods, wrapped 二级; wip-web10): 0.969
# figure runs cut by the completion rule (wip-runfig6): run_together 0.925 → 0.932, run_together_trad
# 0.951 → 0.954, exported 0.817 → 0.836, exported_trad 0.774 → 0.794
# run_together 0.925, not 0.93: runfig6 measured 0.932 on the print of its branch; merged with the
# harder print of stop 28 (bare 二级 words and stock reasons, download-site preambles, annotated level
# words) the slice reads 0.927 (main before the stop: 0.853 on that print)
# web_rows (a web page pasted one table row per line, cells run together; wip-web6b): main 0.253 with 6
# forms missed on the slice's print, 0.955 with such a page read by the fused reader
# (layouts/fused/chunks.rows_run_together), its form ended at the page footer, the transfer payment's goal
# words, 资金使用单位 and 其中:中央补助 known
# wip-dl7: a lone page marker between two column headers cut (a short form's one marker):
# run_together_trad slice 0.955, rubric_runon slice 0.907
# funds written as prose (wip-funds7, run_together's funds_prose): a row whose figures carry their unit is
# never split into columns; slice run_together_trad 0.952 -> 0.956, rubric_runon 0.882 -> 0.883
# web_rows with the tight site template (web_rows_site.py; wip-web7): 0.961 with a page gapped only
# below its first rows asked of its unspaced row lines (fused/chunks._gapped_below)
# wip-cost8: cost blocks' items and 合计 in the gold and read by fused/cost.py; run_together 0.929,
# run_together_trad 0.9535 (gate kept), rubric_runon 0.924
# wip-export10: score-sheet labels in Word fragments joined by the rubric's 二级 names, notes after the
# scores kept on their row, names in pieces under a level stating its points: exported slice 0.833 -> 0.870,
# exported_trad 0.791 -> 0.830
# wip-stock9 (stop 30): a quarter of the bare-level county prints now print the stock text in the ACTUAL
# column (messify/stock_actual.py via bare_levels): a harder run_together print, its slice 0.929 -> 0.927
# wip-export11: a numbered name after a row's scores (or a target form's one weight) opens a row in a
# one-line export (restream), Fushun goal pairs, signs printed >= (export_names): exported slice 0.866 ->
# 0.931, exported_trad 0.834 -> 0.879, export_late 0.884 -> 0.913, levels_after_stream 0.811 -> 0.854
# wip-trad12: Word fragments and wraps in one-line exports joined where the row says which pieces are one
# cell (funds labels, Fushun 收支 / task / 内容 cells, score-sheet names, targets after a sign), titles whose
# year was cut off, target rows ended at their 权重: exported_trad slice 0.882 -> 0.934, exported 0.938 -> 0.948
# wip-top12: Fushun excerpts read from their 指标N slots (layouts/fushun/headless), a label on every row a
# margin column: truncated_top slice 0.915 -> 0.949 (forms missed 4 -> 2), gate 0.905 -> 0.945
# wip-top12: score sheets whose 一级 column was OCR'd out of order read (score_runon/garbled.py): run_together
# slice 0.930 -> 0.962 (gate 0.926 -> 0.955), run_together_trad 0.955 -> 0.968 (0.953 -> 0.965, none missed)
GATES = {"wrapped": 0.99, "labels": 0.99, "traditional": 0.99, "untitled": 0.99, "scrambled": 0.96,
         "columns": 0.99, "truncated": 0.985, "headings": 0.99, "run_together": 0.955, "spaced": 0.99,
         "pipes": 0.995, "preamble": 0.99, "exported": 0.945, "truncated_top": 0.945,
         # traditional script with inline pinyin composed with another shape (trad_shapes)
         "run_together_trad": 0.965, "scrambled_trad": 0.965, "pipes_trad": 0.985, "exported_trad": 0.93,
         # wip-glue12: Hunan's page (points apart, glued sources, numbered goals): slice .951 (main's readers) -> .971
         "web_lines": 0.97,
         "truncated_runon": 0.925,  # wip-trunc12: 0.865 -> 0.925 (slice 0.930)
         # project self-evaluations printed as scoring rubrics, run together (rubric_rows): main's
         # fused reader 0.748 → 0.884 with criteria rows, dashed targets and rubric level words read;
         # 0.899 with the review-column variant (rubric_review) read by fused/review.py
         # wip-rubric12: wrapped 名称 header rows, scrambled score-sheet 一级 headings: slice 0.924 -> 0.937
         "rubric_runon": 0.935, "web_rows": 0.955,
         # an xlsx export on one line whose header cells come after the first rows (export_late.py, wip-late8):
         # main's readers 0.684 / 0.704 (--size 48, seeds 18 / 41) -> 0.856 / 0.876; slice 0.878
         # wip-late9: half the numbered prints scatter the header in pieces (export_scatter.py): main's
         # readers 0.802 / 0.842 -> 0.857 / 0.881 with rules/headless_numbered.py; slice 0.884
         # wip-late12: cells wrapped at a space joined where the print says which (names, funds labels,
         # twins, Fushun content/projects, a sheet's points), headerless numbered exports not scrambled:
         # 0.898 / 0.909 -> 0.968 / 0.960; slice 0.913 -> 0.966; with main's wip-trad12 / wip-trunc12 merged
         # (main .913 / .927): 0.975 / 0.966, slice 0.972
         "export_late": 0.97,
         # merged level cells printed after the rows (levels_after.py; rules/levels_after.py): main's
         # readers 0.905 → 0.952 with levels placed by printed points and template order (wip-colpdf8)
         "levels_after": 0.945,
         # a scan's OCR slips in label words (ocr_scan / ocr_slips.scan_slips; wip-ocr8): main 0.84 at the
         # bench's seeds, 0.99+ with the slips folded into the matching key (vocab/slips.py)
         "ocr_slips": 0.99,
         # the same slips run together (ocr_scan.ocr_slips_runon): main 0.27 (forms missed), 0.94 at the
         # bench's seeds with the one-for-one slips folded in the fused reader's matching text too
         "ocr_slips_runon": 0.935,
         # the same block in the scrambled-stream print, no 分值 column (levels_after_stream.py; wip-colpdf9):
         # main's readers 0.725 / 0.745 (--size 48, seeds 18 / 41) -> 0.786 / 0.779 with the stream's
         # three-figure rows read (layouts/scrambled/levels_block.py); slice 0.765 -> 0.811; wip-colpdf10:
         # wrapped / glued twin text values, late 得分, the labelled funds total row: 0.814; streams whose
         # first row prints text values, a total row with a slip read by column order: 0.859; the shape then
         # drew lower bounds, verdict actuals and scattered funds headers (stream_values / stream_funds),
         # rows of two verdicts read in part, funds totals by the header's rule: 0.847 (main's 0.80 raised)
         # wip-colpdf12: spaced headers left by the fused reader, 指标性质 rows, certain verdicts: 0.847 -> 0.968;
         # groups cut by scores within the printed points where one cut alone fits: 0.977
         "levels_after_stream": 0.97,
         # one cell per line, row ends of two widths, a 绩效标准 column, empty level-2 blocks (pipe_rowends.py;
         # wip-pipecell10): main's readers 0.887 / 0.908 (--size 48, seeds 18 / 41) -> 1.000 / 0.999 with the
         # standard column (vocab/standards.py) and lone row ends (ingest/text_rowends.py); slice 0.999
         "pipe_rowends": 0.995,
         # run together, 分值 before the values and a 得分计算方法 column (method_column.py; wip-ningxia10):
         # main's readers 0.885 / 0.892 (--size 48, seeds 18 / 41) -> 0.939 / 0.950 with the column known
         # to the fused reader (rows.method_options) and operator targets ranked by their figure; slice
         # 0.882 -> 0.956
         "method_runon": 0.95,
         # a central transfer payment's page one row per line (transfer_page.py; wip-lines10): main's readers
         # 0.889 / 0.846 (--size 48, seeds 18 / 41) -> 0.966 / 0.932 with the title wrapped before its year
         # found, a 0 % twin set aside in funds runs and rows' trailing points never read as actuals; slice 0.948
         "transfer_rows": 0.945,
         # a project self-evaluation REPORT (self_report.py; wip-report12): main read none (no form found) ->
         # 1.000 / 1.000 (--size 48, seeds 18 / 41) with the report's funds line making the form
         # (segment/report_form.py) and its label/amount pairs per level read (rules/funds_level_pairs.py)
         "self_report": 0.99,
         "self_report_trad": 0.99,
         # department target declarations as a PDF text layer (dept_page.py; wip-dtarget12): slice .965 -> .994
         "dept_target_page": 0.99}
# forms missed or spurious a slice may show (exported: none now, its one-line sheets are found whole;
# truncated_top: department forms naming no department-only indicator, typed project forms)
FORMS_OFF = {"truncated_top": 2, "truncated_runon": 2}


@pytest.mark.parametrize("shape", sorted(GATES))
def test_shape_family_holds_its_gate(shape: str, tmp_path: Path) -> None:
    docs = corpus(SLICE_SEED, 2 * len(available_families()), available_families())
    written = write_shapes(docs, [shape], tmp_path, SLICE_SEED)
    run = run_eval([load_gold(path) for _, path in written], workers=1)
    total = run.total()
    print(f"\n{shape} slice (seed {SLICE_SEED}, {len(docs)} documents): field F1 {total.fields.f1:.3f}, "
          f"forms missed {total.forms.missed}, spurious {total.forms.spurious}")
    assert total.forms.missed <= FORMS_OFF.get(shape, 0) and total.forms.spurious <= FORMS_OFF.get(shape, 0)
    assert total.fields.f1 >= GATES[shape]
