"""Scanned forms → grids: rule detection, deskew, cell assembly, confusion repairs, end to end.

The geometry and repair tests draw or build their input and run in milliseconds.  The end-to-end
tests OCR the committed synthetic scan (``fixtures/scans/national-1.scan.jpg``, made by
``make_scans.py`` with its gold beside it) once per module, and — where LibreOffice is installed —
generate two more layouts fresh (phone photo, scanned PDF) once per session.
"""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import socket
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image

from extractor.errors import InputError, NoFormFoundError
from extractor.grid import Cell, Grid, Paragraph
from extractor.ingest.ocr import LOW_CONFIDENCE, OcrResult, RapidOcrEngine, ocr_blocks, ocr_document
from extractor.ingest.ocr.cells import cell_text, split_at_rules
from extractor.ingest.ocr.confusions import GUESS_CONFIDENCE, fix_grid
from extractor.ingest.ocr.deskew import deskew, estimate_skew, unrotate_bbox
from extractor.ingest.ocr.engine import BBox, TextBox
from extractor.ingest.ocr.ink import DASH_CONFIDENCE, REREAD_CONFIDENCE, dash_by_shape, recover
from extractor.ingest.ocr.lines import detect_tables
from extractor.ingest.ocr.render import load_pages
from extractor.ingest.ocr.textlines import join_lines, line_text, reading_lines

SCANS = Path(__file__).parent / "fixtures" / "scans"
COMMITTED = SCANS / "national-1.scan.jpg"


def _committed_top() -> np.ndarray:
    """The title and first table rows of the committed scan: a quick OCR input."""
    page = cv2.imread(str(COMMITTED))
    assert page is not None
    return page[140:300, 150:1200]


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"scans_{name}", SCANS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


score_mod = _module("score")


# --------------------------------------------------------------------------- drawn tables

# 5 rows × 4 columns; (0,1) spans 3 columns, (1,0) spans 2 rows.
YS = [100, 150, 200, 250, 300, 350]
XS = [100, 250, 400, 550, 700]


def _drawn_table(*, outer_sides: bool = True) -> np.ndarray:
    img = np.full((600, 800), 255, np.uint8)
    for i, y in enumerate(YS):
        for j in range(len(XS) - 1):
            if i == 2 and j == 0:  # no rule between rows 1 and 2 in column 0: the rowspan
                continue
            cv2.line(img, (XS[j], y), (XS[j + 1], y), 0, 2)
    for j, x in enumerate(XS):
        if not outer_sides and j in (0, len(XS) - 1):
            continue
        for i in range(len(YS) - 1):
            if i == 0 and j in (2, 3):  # no rules inside the first row's merged cell
                continue
            cv2.line(img, (x, YS[i]), (x, YS[i + 1]), 0, 2)
    cv2.line(img, (430, 275), (510, 275), 0, 2)  # a "——" placeholder inside cell (3, 2)
    cv2.line(img, (300, 262), (300, 288), 0, 3)  # a tall character stroke inside cell (3, 1)
    cv2.line(img, (120, 500), (600, 500), 0, 2)  # an underline outside the table
    return img


def _anchors(cells: list[Any]) -> set[tuple[int, int, int, int]]:
    return {(c.row, c.col, c.rowspan, c.colspan) for c in cells}


EXPECTED = (
    {(0, 0, 1, 1), (0, 1, 1, 3), (1, 0, 2, 1)}
    | {(r, c, 1, 1) for r in range(1, 5) for c in range(1, 4)}
    | {(r, 0, 1, 1) for r in (3, 4)}
)


def test_rules_give_rows_columns_and_spans() -> None:
    tables = detect_tables(_drawn_table(), unit=30)
    assert len(tables) == 1
    t = tables[0]
    assert (t.n_rows, t.n_cols) == (5, 4)
    assert _anchors(t.cells) == EXPECTED
    assert t.xs == pytest.approx(XS, abs=3) and t.ys == pytest.approx(YS, abs=3)
    assert t.cells[t.cell_at(175, 190)].rowspan == 2


def test_open_table_without_side_rules_keeps_its_outer_columns() -> None:
    t = detect_tables(_drawn_table(outer_sides=False), unit=30)[0]
    assert (t.n_rows, t.n_cols) == (5, 4)
    assert _anchors(t.cells) == EXPECTED


def test_deskew_levels_a_tilted_page_and_maps_boxes_back() -> None:
    img = cv2.cvtColor(_drawn_table(), cv2.COLOR_GRAY2BGR)
    h, w = img.shape[:2]
    tilted = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), 2.3, 1.0), (w, h), borderValue=(255,) * 3)
    assert estimate_skew(cv2.cvtColor(tilted, cv2.COLOR_BGR2GRAY)) == pytest.approx(-2.3, abs=0.1)
    level, angle = deskew(tilted)
    t = detect_tables(cv2.cvtColor(level, cv2.COLOR_BGR2GRAY), unit=30)[0]
    assert _anchors(t.cells) == EXPECTED
    # a box on the levelled page maps back onto the tilted scan, around the same content
    x0, y0, x1, y1 = unrotate_bbox(t.bbox, level.shape, angle)
    assert x0 < XS[0] + 15 and x1 > XS[-1] - 15 and (y1 - y0) > (YS[-1] - YS[0])


def test_level_page_is_not_rotated() -> None:
    img = cv2.cvtColor(_drawn_table(), cv2.COLOR_GRAY2BGR)
    level, angle = deskew(img)
    assert angle == 0.0 and level is img


# --------------------------------------------------------------------------- text assembly


def _box(text: str, x0: float, y0: float, x1: float, y1: float, conf: float = 0.99) -> TextBox:
    return TextBox(text, (x0, y0, x1, y1), conf)


def test_box_straddling_a_rule_is_split_into_its_cells() -> None:
    t = detect_tables(_drawn_table(), unit=30)[0]
    fused = _box("2020", 215, 210, 285, 240)  # one run across the rule at x=250, row 2
    crops: list[BBox] = []

    def reread(bbox: BBox) -> tuple[str, float]:
        crops.append(bbox)
        return ("20", 0.95) if bbox[2] <= 250 else ("21", 0.9)

    pieces = split_at_rules(fused, t, 30, reread)
    assert [(p.text, p.confidence) for p in pieces] == [("20", 0.95), ("21", 0.9)]
    assert [t.cells[t.cell_at(p.cx, p.cy)].col for p in pieces] == [0, 1]
    assert all(c[2] < 250 or c[0] > 250 for c in crops)  # no crop holds the rule
    # unreadable pieces: the text is divided in proportion to the widths
    assert [p.text for p in split_at_rules(fused, t, 30, lambda b: ("", 0.0))] == ["20", "20"]
    # the detector's padding reaching over a rule is not a second cell
    padded = _box("853.98", 260, 210, 406, 240)
    assert split_at_rules(padded, t, 30, reread) == [padded]
    inside = _box("853.98", 260, 210, 380, 240)
    assert split_at_rules(inside, t, 30, reread) == [inside]


def test_wrapped_cell_lines_run_on_and_paragraph_gaps_become_tabs() -> None:
    wrapped = [_box("100.0", 10, 0, 70, 30), _box("0%", 10, 40, 40, 70)]
    assert join_lines([line_text(line, tabs=False) for line in reading_lines(wrapped)]) == "100.00%"
    title = [_box("单位：万元", 600, 0, 730, 40), _box("填报单位：县水利局", 100, 2, 330, 41)]
    assert line_text(reading_lines(title)[0], tabs=True) == "填报单位：县水利局\t单位：万元"
    words = [_box("Total", 0, 0, 50, 20), _box("score", 60, 0, 110, 20)]
    assert line_text(words, tabs=False) == "Total score"


def test_marks_the_detector_skipped_are_recovered_and_capped() -> None:
    binary = np.zeros((200, 600), np.uint8)
    cv2.line(binary, (40, 50), (70, 50), 255, 2)  # a lone placeholder dash in cell A
    cv2.rectangle(binary, (225, 62), (250, 90), 255, 2)  # a wrapped last character in cell B
    cv2.rectangle(binary, (420, 130), (450, 160), 255, 2)  # an unreadable mark in cell C
    reads: list[BBox] = []

    def reread(bbox: BBox) -> tuple[str, float]:
        reads.append(bbox)
        return ("亩", 0.97) if bbox[0] < 300 else ("", 0.0)

    dash, unread = recover(binary, (10, 10, 190, 90), 30, [], reread)
    assert [(b.text, b.confidence) for b in dash] == [("—", DASH_CONFIDENCE)] and not unread and not reads
    typed = [_box("≥1200", 220, 18, 300, 52)]  # the detector's box holds the first line only
    extra, unread = recover(binary, (210, 10, 390, 105), 30, typed, reread)
    assert [(b.text, b.confidence) for b in extra] == [("亩", REREAD_CONFIDENCE)] and not unread
    assert cell_text(typed + extra) == ("≥1200亩", REREAD_CONFIDENCE)
    nothing, unread = recover(binary, (400, 110, 590, 190), 30, [], reread)
    assert nothing == [] and unread
    assert recover(np.zeros_like(binary), (10, 10, 190, 90), 30, [], reread) == ([], False)


def test_a_dash_read_as_one_is_told_apart_by_its_shape() -> None:
    binary = np.zeros((100, 400), np.uint8)
    cell_a, cell_b = (0, 0, 200, 60), (200, 0, 400, 60)
    binary[0:3, :] = binary[:, 0:3] = 255  # the rules the detector's boxes reach over
    cv2.line(binary, (30, 30), (62, 30), 255, 2)  # a placeholder dash in cell A
    cv2.line(binary, (240, 15), (240, 45), 255, 3)  # a real "1" in cell B
    assert dash_by_shape(binary, _box("1", 1, 1, 80, 55), cell_a, 30)
    assert not dash_by_shape(binary, _box("1", 225, 5, 260, 55), cell_b, 30)


# --------------------------------------------------------------------------- confusions


def _grid(rows: list[list[str]]) -> Grid:
    return Grid(
        "p1t1", "ocr", [[Cell(t, r, c, confidence=0.99) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    )


def test_context_decides_operator_read_as_2_and_keeps_printed_operators() -> None:
    grid = _grid(
        [
            ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["满意度", "290%", "95%", "10", "10"],
            ["合格率", "≧９５％", "９６%", "10", "10"],
            ["完成率", "25%", "1O0%", "10", "10"],
            ["其他", "═100%", "100%", "10", "10"],
        ]
    )
    fixes = fix_grid(grid)
    texts = grid.texts()
    assert texts[1][1] == "≥90%" and grid.rows[1][1].confidence == GUESS_CONFIDENCE
    assert texts[2][1] == "≧95%" and texts[2][2] == "96%"  # digits folded, the operator as printed
    assert grid.rows[2][1].confidence == 0.99  # folding code points is exact, not a guess
    assert texts[3][1] == "25%"  # a percentage ≤ 100 is a value, not an operator misread
    assert texts[3][2] == "100%" and grid.rows[3][2].confidence == GUESS_CONFIDENCE
    assert texts[4][1] == "═100%"
    assert {f.rule for f in fixes} == {"ge-read-as-2", "fold", "letter-for-digit"}
    assert all(f.guess == (f.rule != "fold") for f in fixes)


def test_290_outside_a_measure_column_is_left_alone() -> None:
    grid = _grid([["项目", "金额"], ["经费", "290%"], ["其他", "30"]])
    assert fix_grid(grid) == [] and grid.texts()[1][1] == "290%"


def test_fused_scores_are_split_only_when_one_split_fits() -> None:
    grid = _grid(
        [
            ["三级指标", "分值", "得分"],
            ["指标1", "2020", ""],
            ["指标2", "", "1512.5"],
            ["指标3", "1000", ""],  # 100|0 is the only split into well-formed numbers
            ["指标4", "100", ""],  # 100 is a plausible weight on its own: not split
            ["指标5", "2525", "25"],  # neighbour not empty: nothing to split into
        ]
    )
    fix_grid(grid)
    texts = grid.texts()
    assert texts[1][1:] == ["20", "20"] and grid.rows[1][2].confidence == GUESS_CONFIDENCE
    assert texts[2][1:] == ["15", "12.5"]
    assert texts[3][1:] == ["100", "0"]
    assert texts[4][1:] == ["100", ""]
    assert texts[5][1:] == ["2525", "25"]
    ambiguous = _grid([["分值", "得分"], ["1010100", ""]])  # no split gives two values ≤ 100
    fix_grid(ambiguous)
    assert ambiguous.texts()[1] == ["1010100", ""]


def test_dash_read_as_one_is_the_placeholder_in_a_row_of_numbers() -> None:
    grid = _grid([["项目", "金额", "分值"], ["上年结转", "170.80", "一"], ["说明", "一", "无"]])
    fix_grid(grid)
    assert grid.texts()[1][2] == "—"
    assert grid.texts()[2][1] == "一"  # a row of words: not decided


# --------------------------------------------------------------------------- input handling


def test_exif_rotation_of_a_phone_photo_is_applied() -> None:
    img = Image.new("RGB", (300, 200), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    page = next(load_pages(buf.getvalue(), "jpg", "photo.jpg"))
    assert (page.width, page.height) == (200, 300)


def test_multipage_tiff_pages_can_be_chosen_and_big_photos_are_scaled_down() -> None:
    frames = [Image.new("L", (600, 800), shade) for shade in (200, 100, 50)]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    pages = list(load_pages(buf.getvalue(), "tiff", "scan.tif", pages={1, 3}))
    assert [p.number for p in pages] == [1, 3]
    assert [int(p.image[0, 0, 0]) for p in pages] == [200, 50]
    assert pages[0].scale == pytest.approx(1000 / 800)  # small scans are enlarged for OCR
    big = io.BytesIO()
    Image.new("RGB", (3000, 4000), "white").save(big, format="PNG")
    page = next(load_pages(big.getvalue(), "png", "photo.png"))
    assert (page.width, page.height) == (3000, 4000) and max(page.image.shape) == 2400
    assert page.scale == pytest.approx(0.6)


def test_unreadable_scans_are_input_errors() -> None:
    with pytest.raises(InputError, match="corrupt"):
        list(load_pages(b"\x89PNG\r\n\x1a\nnot really", "png", "bad.png"))
    with pytest.raises(InputError, match="corrupt"):
        list(load_pages(b"%PDF-1.4 garbage", "pdf", "bad.pdf"))


# --------------------------------------------------------------------------- engine, offline


@pytest.fixture(scope="module")
def offline_engine() -> RapidOcrEngine:
    """The engine built and used with every socket refused: nothing may be fetched at run time."""
    real_connect = socket.socket.connect

    def refuse(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"network disabled in this test (tried {address})")
        real_connect(self, address)

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", refuse)
    try:
        engine = RapidOcrEngine()
        boxes = engine.read(_committed_top())
    finally:
        mp.undo()
    assert any("自评表" in b.text for b in boxes)
    return engine


def test_engine_runs_offline_from_the_models_in_the_wheel(offline_engine: RapidOcrEngine) -> None:
    assert offline_engine.read(np.full_like(_committed_top(), 255)) == []


def test_blank_page_is_no_form(offline_engine: RapidOcrEngine) -> None:
    buf = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(buf, format="PNG")
    with pytest.raises(NoFormFoundError):
        ocr_document(buf.getvalue(), "png", "blank.png", engine=offline_engine)


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def committed(offline_engine: RapidOcrEngine) -> tuple[OcrResult, dict[str, Any]]:
    gold = json.loads(COMMITTED.with_name("national-1.scan.gold.json").read_text(encoding="utf-8"))
    return ocr_document(COMMITTED.read_bytes(), "jpg", COMMITTED.name, engine=offline_engine), gold


def test_degraded_scan_gives_the_printed_grid(committed: tuple[OcrResult, dict[str, Any]]) -> None:
    result, gold = committed
    s = score_mod.score("national-1.scan", result.blocks, gold)
    assert s.shape_ok, s.misses
    assert s.structure_f1 == 1.0
    assert s.cell_accuracy >= 0.97, s.misses
    assert s.paragraphs_found == s.paragraphs_total
    assert abs(result.pages[0].skew_degrees + gold["degradation"]["rotation"]) < 0.15


def test_cells_carry_provenance_and_confidence(committed: tuple[OcrResult, dict[str, Any]]) -> None:
    result, _ = committed
    grids = [b for b in result.blocks if isinstance(b, Grid)]
    assert [g.id for g in grids] == ["p1t1"] and grids[0].kind == "ocr" and grids[0].page == 1
    img = Image.open(COMMITTED)
    for row in grids[0].rows:
        for cell in row:
            assert cell.page == 1 and 0.0 <= cell.confidence <= 1.0 and cell.bbox is not None
            x0, y0, x1, y1 = cell.bbox
            assert -5 <= x0 < x1 <= img.width + 5 and -5 <= y0 < y1 <= img.height + 5
    ref = grids[0].rows[0][0].ref(grids[0].id)
    assert (ref.grid_id, ref.row, ref.col, ref.page) == ("p1t1", 0, 0, 1) and ref.bbox is not None
    texts = grids[0].texts()
    assert texts[3] == ["年度资金总额", "853.98", "853.98", "853.98", "10", "100.00%", "10.00"]
    low = {(f.row, f.col) for f in result.pages[0].flagged}
    assert low == {(c.row, c.col) for row in grids[0].rows for c in row if c.confidence < LOW_CONFIDENCE}


def test_paragraphs_and_grid_come_in_reading_order(committed: tuple[OcrResult, dict[str, Any]]) -> None:
    result, _ = committed
    kinds = ["grid" if isinstance(b, Grid) else "para" for b in result.blocks]
    assert kinds == ["para", "para", "grid", "para"]
    first, second, grid = result.blocks[:3]
    assert isinstance(first, Paragraph) and "项目支出绩效自评表" in first.text
    assert isinstance(second, Paragraph) and "单位" in second.text and "万元" in second.text
    # elements mirror the blocks, as for the other binary formats
    assert len(result.elements) == len(result.blocks)
    assert isinstance(grid, Grid) and grid.element_id == result.elements[2].id


def test_image_only_pdf_reads_like_the_image(
    committed: tuple[OcrResult, dict[str, Any]], offline_engine: RapidOcrEngine
) -> None:
    result, gold = committed
    buf = io.BytesIO()
    Image.open(COMMITTED).save(buf, format="PDF", resolution=200)
    pdf = ocr_document(buf.getvalue(), "pdf", "scan.pdf", engine=offline_engine)
    s = score_mod.score("pdf", pdf.blocks, gold)
    assert s.shape_ok and s.cell_accuracy >= 0.97, s.misses
    grid = next(b for b in pdf.blocks if isinstance(b, Grid))
    image_grid = next(b for b in result.blocks if isinstance(b, Grid))
    assert grid.rows[3][1].bbox == pytest.approx(image_grid.rows[3][1].bbox, abs=6)


def test_ocr_blocks_is_the_ingest_contract(monkeypatch: pytest.MonkeyPatch, offline_engine: RapidOcrEngine) -> None:
    import extractor.ingest.ocr as ocr

    monkeypatch.setattr(ocr, "default_engine", lambda: offline_engine)
    ok, png = cv2.imencode(".png", _committed_top())
    assert ok
    blocks, elements = ocr_blocks(png.tobytes(), "png", "crop.png")
    assert blocks and len(blocks) == len(elements)


# --------------------------------------------------------------------------- fresh layouts


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two more layouts through LibreOffice, once per session (CI installs it; see make_scans)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    out = tmp_path_factory.mktemp("scans")
    make = _module("make_scans")
    make.generate(out, ("relief",), ("photo",), (2,))
    make.generate(out, ("sichuan",), ("pdf",), (2,))
    return out


@pytest.mark.parametrize(("stem", "kind"), [("relief-2.photo", "jpg"), ("sichuan-2.pdf", "pdf")])
def test_fresh_layouts_from_the_generator(
    generated: Path, offline_engine: RapidOcrEngine, stem: str, kind: str
) -> None:
    gold = json.loads((generated / f"{stem}.gold.json").read_text(encoding="utf-8"))
    data = (generated / f"{stem}.{kind}").read_bytes()
    result = ocr_document(data, kind, stem, engine=offline_engine)
    s = score_mod.score(stem, result.blocks, gold)
    assert s.structure_f1 >= 0.98, s.misses
    assert s.cell_accuracy >= 0.95, s.misses
    assert gold["form"]["indicators"] and gold["form"]["totals"]["weight"] == "100"
