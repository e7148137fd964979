"""Wrapped TSV rows joined back (extractor/ingest/text_wrap.py); the ``wrapped`` family's level
is held in tests/test_shape_families.py (issue 18)."""

from __future__ import annotations

from extractor.grid import Grid
from extractor.ingest.text_grid import parse_text


def _rows(text: str) -> list[list[str]]:
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    return [[c.text.replace("\n", "") for c in row] for row in grid.rows]


BODY = ["产出指标\t数量指标\t培训人数\t≥\t100人\t10",
        "产出指标\t质量指标\t合格率\t≥\t95%\t10",
        "效益指标\t社会效益指标\t受益人数\t≥\t500人\t10",
        "满意度指标\t服务对象满意度指标\t群众满意度\t≥\t90%\t10"]


def test_rows_wrapped_almost_everywhere_are_still_one_table() -> None:
    # only two lines print the full five TABs: the count is found from the pieces adding up
    wrapped = ["产出\n指标\t数量指标\t培训\n人数\t≥\t100人\t10",
               "产出指标\t质量\n指标\t合格率\t≥\t95%\t10",
               "效益指标\t社会效\n益指标\t受益人数\t≥\t500人\t10",
               BODY[3], BODY[0]]
    header = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t分值"
    rows = _rows("项目支出绩效目标表\n" + header + "\n" + "\n".join(wrapped) + "\n")
    assert rows[1:] == [row.split("\t") for row in BODY[:3] + BODY[3:] + BODY[:1]]


def test_the_lines_above_a_table_are_not_its_first_row() -> None:
    text = "部门整体支出绩效自评表\n（2021年度）\n" + "\n".join(BODY) + "\n"
    blocks = parse_text(text)
    assert [b.text for b in blocks if not isinstance(b, Grid)][:2] == ["部门整体支出绩效自评表", "（2021年度）"]
    assert _rows(text)[0] == BODY[0].split("\t")
