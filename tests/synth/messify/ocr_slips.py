"""OCR slips in a form's printed labels and header words (rubric-style county prints).

Scans shared on document-sharing sites misread a few characters of the labels the forms print:
``项Fl名称`` for 项目名称 (目 read as two Latin letters), ``(万兀)`` for (万元), ``年初预匏数`` for
年初预算数.  Only label, caption and header cells slip here, never a value, a funds row's label
or a title: the gold is unchanged.
"""

from __future__ import annotations

import random

from tests.synth.messify.base import Sheet

LABEL_CELLS = frozenset({"项目名称", "项目资金（万元）", "项目资金(万元)", "项目实施单位", "项目主管部门",
                         "年初预算数", "全年预算数", "年初预算", "调整后预算数", "预算执行数", "预算执行率"})
SLIPS = (("项目", "项Fl"), ("万元", "万兀"), ("预算", "预匏"))


def ocr_slips(sheet: Sheet, rng: random.Random) -> None:
    """Each label or header cell of ``LABEL_CELLS`` (spaces ignored) misread with probability
    0.5, one slip per cell (in place)."""
    for part in sheet.tables():
        assert part.rows is not None
        for row in part.rows:
            for c, text in enumerate(row):
                if text.replace(" ", "") not in LABEL_CELLS or rng.random() >= 0.5:
                    continue
                squashed = text.replace(" ", "")
                slips = [(a, b) for a, b in SLIPS if a in squashed]
                if slips:
                    a, b = rng.choice(slips)
                    row[c] = squashed.replace(a, b, 1)
