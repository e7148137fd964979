"""docx / xlsx / html / text-layer pdf ingest: the same form must come back as the same grid.

Every format is generated from ``fixtures.make_docs.FORM_CELLS``; each test checks the grid's
anchor cells, spans and positions against that one specification, so a regression in one path
shows up as a difference from the others.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fixtures import make_docs
from fixtures.make_docs import CONTACT_CELLS, FORM_CELLS, FORM_TITLE, NARRATIVE, SpecCell

from extractor.grid import Grid, Paragraph
from extractor.ingest.docx import docx_blocks
from extractor.ingest.html import html_blocks
from extractor.ingest.html_table import parse_html_table
from extractor.ingest.offline import OFFLINE_ENV
from extractor.ingest.pdf import NeedsOcrError, pdf_blocks, pdf_has_text_layer
from extractor.ingest.xlsx import display_text, xlsx_blocks

REPO = Path(__file__).resolve().parents[1]

READERS = {"docx": docx_blocks, "xlsx": xlsx_blocks, "html": html_blocks, "pdf": pdf_blocks}
BUILDERS = {
    "docx": make_docs.make_docx,
    "xlsx": make_docs.make_xlsx,
    "html": make_docs.make_html,
    "pdf": make_docs.make_pdf,
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("docs")
    paths = {}
    for kind, build in BUILDERS.items():
        paths[kind] = directory / f"form.{kind}"
        paths[kind].write_bytes(build())
    return paths


@pytest.fixture(scope="module")
def ingested(documents: dict[str, Path]) -> dict[str, tuple[list, list]]:
    return {kind: READERS[kind](path.read_bytes(), path.name) for kind, path in documents.items()}


def assert_matches_spec(grid: Grid, spec: list[SpecCell]) -> None:
    """Anchors equal the spec (text, position, spans); every position is covered exactly once."""
    anchors = {(c.row, c.col): c for row in grid.rows for c in row}
    for want in spec:
        got = anchors.get((want.row, want.col))
        assert got is not None, f"no cell anchored at r{want.row}c{want.col} ({want.text})"
        assert (got.clean, got.rowspan, got.colspan) == (want.text, want.rowspan, want.colspan), (
            f"r{want.row}c{want.col}"
        )
    spec_positions = {(c.row, c.col) for c in spec}
    extra = [c for c in anchors.values() if (c.row, c.col) not in spec_positions and not c.is_blank]
    assert not extra, f"cells not in the spec: {extra}"
    covered: dict[tuple[int, int], int] = {}
    for cell in anchors.values():
        for r in range(cell.row, cell.row + cell.rowspan):
            for k in range(cell.col, cell.col + cell.colspan):
                covered[(r, k)] = covered.get((r, k), 0) + 1
    n_rows = 1 + max(c.row + c.rowspan - 1 for c in spec)
    n_cols = 1 + max(c.col + c.colspan - 1 for c in spec)
    assert set(covered) == {(r, k) for r in range(n_rows) for k in range(n_cols)}
    assert set(covered.values()) == {1}, "a position is covered twice"
    for r, row in enumerate(grid.rows):
        assert [c.row for c in row] == [r] * len(row)
        assert [c.col for c in row] == sorted(c.col for c in row)


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html", "pdf"])
def test_form_grid_keeps_merged_cells_and_positions(kind: str, ingested: dict) -> None:
    blocks, _ = ingested[kind]
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert grids[0].kind == kind
    assert_matches_spec(grids[0], FORM_CELLS)
    # spot checks a reader can follow: the vertical merges of 一级/二级指标 and a cell pushed right
    anchors = {(c.row, c.col): c for row in grids[0].rows for c in row}
    assert (anchors[(9, 0)].clean, anchors[(9, 0)].rowspan) == ("产出指标", 6)
    assert (anchors[(2, 0)].rowspan, anchors[(2, 0)].colspan) == (4, 2)  # 项目资金（万元）
    assert anchors[(10, 2)].clean == "终端数量"  # first printed cell of its row, pushed to col 2


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html"])
def test_second_table_and_reading_order(kind: str, ingested: dict) -> None:
    blocks, elements = ingested[kind]
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert [g.id for g in grids] == ["t1", "t2"]
    assert_matches_spec(grids[1], CONTACT_CELLS)
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == FORM_TITLE
    assert blocks.index(grids[0]) < blocks.index(grids[1])
    tables = {e.id: e for e in elements if e.category == "Table"}
    for grid in grids:
        assert grid.element_id in tables, "grid not tied to its unstructured element"
    if kind != "xlsx":  # the workbook keeps its notes elsewhere; docx/html print them between
        texts = [b.text for b in blocks if isinstance(b, Paragraph)]
        assert texts == [FORM_TITLE, *NARRATIVE]
        first_note = next(b for b in blocks if isinstance(b, Paragraph) and b.text == NARRATIVE[0])
        assert blocks.index(grids[0]) < blocks.index(first_note)


def test_xlsx_sheets_are_pages_and_numbers_print_as_displayed(ingested: dict) -> None:
    blocks, elements = ingested["xlsx"]
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert [g.page for g in grids] == [1, 2]
    at = {(c.row, c.col): c.text for row in grids[0].rows for c in row}
    assert at[(3, 7)] == "95%"  # stored as 0.95 with a percent format
    assert at[(11, 4)] == "99.5%"
    assert at[(10, 3)] == "=12台"  # text that looks like a formula stays text
    by_sheet = {e.metadata.page_name: e.id for e in elements if e.category == "Table"}
    assert grids[0].element_id == by_sheet["自评表"]


def test_pdf_pages_bbox_and_paragraphs(ingested: dict) -> None:
    blocks, elements = ingested["pdf"]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [FORM_TITLE, *NARRATIVE]
    grid = next(b for b in blocks if isinstance(b, Grid))
    first = grid.rows[0][0]
    assert first.page == 1 and first.bbox is not None
    x0, y0, x1, y1 = first.bbox
    assert x0 < x1 and y0 < y1 and y0 < 200  # top-left origin: the table's first row is near the top
    assert grid.element_id in {e.id for e in elements}


def test_pdf_grid_ids_are_unique_across_pages() -> None:
    blocks, _ = pdf_blocks(make_docs.make_pdf(pages=2), "two-pages.pdf")
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert [(g.id, g.page) for g in grids] == [("t1", 1), ("t2", 2)]
    assert_matches_spec(grids[1], FORM_CELLS)


def test_pdf_text_layer_detection() -> None:
    assert pdf_has_text_layer(make_docs.make_pdf())
    scanned = make_docs.make_scanned_pdf()
    assert not pdf_has_text_layer(scanned)
    with pytest.raises(NeedsOcrError, match="needs OCR") as info:
        pdf_blocks(scanned, "scan.pdf")
    assert info.value.pages == [1]
    assert "scan.pdf" in str(info.value)


def test_html_in_gbk_with_meta_charset() -> None:
    page = make_docs.make_html().decode("utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    blocks, _ = html_blocks(page.encode("gb18030"), "gbk.html")
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert_matches_spec(grid, FORM_CELLS)


def test_html_table_placement_rules() -> None:
    html = (
        "<table><tr><td rowspan=2>A</td><td>B<table><tr><td>x</td><td>y</td></tr></table></td>"
        "<td rowspan=0>Z</td></tr><tr><td><p>C1</p><p>C2</p></td></tr>"
        "<tr><td colspan=2>D&amp;E&nbsp; f</td></tr><tr><td colspan='x'/></tr></table>"
    )
    grid = parse_html_table(html, "t9", "html")
    cells = [(c.text, c.row, c.col, c.rowspan, c.colspan) for row in grid.rows for c in row]
    assert cells == [
        ("A", 0, 0, 2, 1),
        ("B\nx y", 0, 1, 1, 1),  # nested table flattened into its cell
        ("Z", 0, 2, 4, 1),  # rowspan=0: to the end of the table
        ("C1\nC2", 1, 1, 1, 1),  # pushed right past A's rowspan
        ("D&E f", 2, 0, 1, 2),
        ("", 3, 0, 1, 1),  # bad colspan read as 1
        ("", 3, 1, 1, 1),  # hole padded
    ]


def test_xlsx_title_rows_and_blank_template_rows() -> None:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = "某单位绩效目标表"
    ws.merge_cells("B2:E2")
    ws["E3"] = "单位：万元"
    ws["B4"], ws["C4"] = "项目名称", None
    ws.merge_cells("C4:E4")  # an empty value box: this row belongs to the table
    ws["B5"], ws["C5"], ws["D5"], ws["E5"] = "指标", "分值", "目标", "备注"
    ws["B6"] = "注：本表金额保留两位小数"
    buf = io.BytesIO()
    wb.save(buf)
    blocks, _ = xlsx_blocks(buf.getvalue(), "template.xlsx")
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "某单位绩效目标表",
        "单位：万元",
        "注：本表金额保留两位小数",
    ]
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert grid.texts() == [["项目名称", ""], ["指标", "分值", "目标", "备注"]]
    assert (grid.rows[0][1].col, grid.rows[0][1].colspan) == (1, 3)


@pytest.mark.parametrize(
    ("value", "number_format", "printed"),
    [
        (0.95, "0%", "95%"),
        (0.995, "0.0%", "99.5%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (9.5, "0.00_ ", "9.50"),
        (0.1 + 0.2, "General", "0.3"),
        (10.0, "General", "10"),
        (3, "General", "3"),
        (dt.datetime(2021, 12, 31), "yyyy-mm-dd", "2021-12-31"),
        ("  达成预期 ", "@", "达成预期"),
        (None, "General", ""),
    ],
)
def test_xlsx_display_text(value: object, number_format: str, printed: str) -> None:
    assert display_text(value, number_format) == printed


NO_NETWORK_SCRIPT = textwrap.dedent(
    """
    import socket, sys
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[:1])
        raise OSError("networking is disabled in this test")

    class NoSocket(socket.socket):  # creating a socket is local; reaching out is not
        def connect(self, address):
            refuse(address)

        def connect_ex(self, address):
            refuse(address)

        def sendto(self, data, *args):
            refuse(args[-1])

    socket.socket = NoSocket
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from extractor.ingest.docx import docx_blocks
    from extractor.ingest.html import html_blocks
    from extractor.ingest.pdf import pdf_blocks
    from extractor.ingest.xlsx import xlsx_blocks
    from extractor.ingest import offline
    from fixtures import make_docs

    for read, data in [
        (docx_blocks, make_docs.make_docx()),
        (xlsx_blocks, make_docs.make_xlsx()),
        (html_blocks, make_docs.make_html()),
        (pdf_blocks, make_docs.make_pdf()),
    ]:
        blocks, elements = read(data, "offline-check")
        assert any(getattr(b, "rows", None) for b in blocks), read
    assert offline.blank_pipeline.cache_info().currsize == 1, "spaCy hook not exercised"
    assert not attempts, attempts
    print("offline ok")
    """
)


def test_partitions_run_without_network() -> None:
    """unstructured must neither download a spaCy model nor ping telemetry: sockets refuse."""
    # the child starts without the switches, so ensure_offline itself must set them
    env = {k: v for k, v in os.environ.items() if k not in OFFLINE_ENV}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(REPO / "tests")])
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_SCRIPT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "offline ok" in result.stdout
    assert "Thank you for using Unstructured" not in result.stdout + result.stderr

