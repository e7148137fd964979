"""``ocr_slips`` and ``ocr_slips_runon``: a scanned form read back by OCR, its labels misread.

The scan's OCR misreads label characters (``scan_slips``: 顼目名称, 主管部n, 单f立, 贫金, 万兀,
指杨, 得份) and, in some documents, a figure's digit as a letter; the readers must know the labels
through the slips while copying every value as printed.  ``ocr_slips`` prints the grid as rows
(TSV) or as a pipe table, ``ocr_slips_runon`` as a document-sharing site's run-together text.
"""

from __future__ import annotations

import random

from tests.synth.messify.base import Sheet, tsv_text
from tests.synth.messify.layout_shapes import pipes, run_together
from tests.synth.messify.ocr_slips import scan_slips


def ocr_slips_shape(sheet: Sheet, rng: random.Random) -> str:
    """The document's labels misread (``scan_slips``), printed as TSV rows (two thirds) or as
    the ``pipes`` shape's pipe table (a third)."""
    scan_slips(sheet, random.Random(rng.random()))
    print_rng = random.Random(rng.random())
    return pipes(sheet, print_rng) if print_rng.random() < 1 / 3 else tsv_text(sheet.parts)


def ocr_slips_runon(sheet: Sheet, rng: random.Random) -> str:
    """The document's labels misread (``scan_slips``), printed as the ``run_together`` shape
    prints (its own templates and damage rules; a slipped figure touches its neighbours as a
    letter, not as a digit)."""
    scan_slips(sheet, random.Random(rng.random()))
    return run_together(sheet, random.Random(rng.random()))
