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
# with deducted rows)
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
# relabelled title is not found) — the same figure with wip-fused2's readers alone; run-together
# score sheets read in their header's column order (layouts/score_runon/columns.py) 0.595 → 0.692;
# a 计算符号 column's operator, a bare 指标值 before its 度量单位, a 定性 row's text (fused/rows.py) → 0.798;
# a header printed over two lines (年度 / 指标值), its merged headings repeated (fused/scan.py) → 0.822;
# a text target cut before its qualitative word (显著提升 after 履职效能, fused/rows.py) → 0.836
GATES = {"wrapped": 0.99, "labels": 0.99, "traditional": 0.945, "untitled": 0.98, "scrambled": 0.76,
         "columns": 0.975, "truncated": 0.96, "headings": 0.99, "run_together": 0.83}
FORMS_OFF = {"untitled": 1, "run_together": 1}  # forms missed or spurious a slice may show (untitled: one excerpt
# cut at a repeat; run_together: the relabelled second title above)


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
