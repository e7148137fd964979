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
# 0.835 with a third of the documents' target forms printed as a 绩效评价指标表 (指标说明 / 备注 columns,
# ``95%以上``, a bare title over the indicator header) and those read; 0.842 with a quarter of the
# documents' 一级 column OCR'd out of order (出标产指) and its header cell read in any order (wip-fused4)
GATES = {"wrapped": 0.99, "labels": 0.99, "traditional": 0.945, "untitled": 0.98, "scrambled": 0.95,
         "columns": 0.975, "truncated": 0.96, "headings": 0.99, "run_together": 0.84}
FORMS_OFF = {"untitled": 1}  # forms missed or spurious a slice may show (untitled: one excerpt cut at a repeat)


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
