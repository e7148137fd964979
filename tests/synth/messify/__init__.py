"""The messifier: clean generated documents turned into the real-world text shapes of issue 18.

``messify(doc, shape, seed)`` prints ``doc`` (``tests.synth.corpus.make_document``) in one
shape, its parameters drawn from ``random.Random(f"{seed}:messify:{shape}")``, and returns the
text with the gold that still holds for it: values a shape made uncertain (a fused number)
leave the gold, findings that need a missing part leave ``expected_findings``, a narrative-only
report has no form.  ``write_shapes`` writes a corpus of them beside their gold files for
``jixiao eval`` (``bench/bench_shapes.py``).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import ConfigError
from tests.synth.messify import (
    content_shapes,
    dept_page,
    document_shapes,
    export_shapes,
    heading_shapes,
    layout_shapes,
    levels_after,
    levels_after_stream,
    method_column,
    ocr_scan,
    pipe_rowends,
    rubric_rows,
    self_report,
    sheet_shapes,
    tail_line,
    top_cut,
    trad_shapes,
    transfer_page,
    web_lines,
    web_rows,
)
from tests.synth.messify.base import Sheet, rng_for, sheet_of, tsv_text
from tests.synth.messify.level_values import with_level_values
from tests.synth.model import Document

Shape = Callable[[Sheet, random.Random], str]

SHAPES: dict[str, Shape] = {
    "clean": lambda sheet, rng: tsv_text(sheet.parts),  # the reference: TSV, merges left empty
    "run_together": layout_shapes.run_together,
    "wrapped": layout_shapes.wrapped,
    "scrambled": layout_shapes.scrambled,
    "traditional": content_shapes.traditional,
    "spaced": with_level_values(layout_shapes.spaced),
    "pipes": with_level_values(layout_shapes.pipes),
    "funds": content_shapes.funds_variants,
    "truncated": document_shapes.truncated,
    "truncated_top": top_cut.truncated_top,
    "narrative": document_shapes.narrative_only,
    "preamble": document_shapes.preamble,
    "columns": document_shapes.extra_columns,
    "pdf_sheet": sheet_shapes.pdf_sheet,
    "labels": content_shapes.labels,
    "untitled": document_shapes.untitled,
    "headings": heading_shapes.headings,
    "exported": with_level_values(export_shapes.exported),
    "run_together_trad": trad_shapes.with_traditional(layout_shapes.run_together),
    "pipes_trad": trad_shapes.with_traditional(layout_shapes.pipes),
    "scrambled_trad": trad_shapes.with_traditional(layout_shapes.scrambled),
    "exported_trad": trad_shapes.with_traditional(export_shapes.exported),
    "web_lines": web_lines.web_lines,
    "truncated_runon": tail_line.truncated_runon,
    "rubric_runon": rubric_rows.rubric_runon,
    "web_rows": web_rows.web_rows,
    # an xlsx export on one line whose header cells come after the first rows (export_late.py)
    "export_late": lambda sheet, rng: export_shapes.exported(sheet, rng, late=True),
    "levels_after": levels_after.levels_after,
    "ocr_slips": ocr_scan.ocr_slips_shape,
    "ocr_slips_runon": ocr_scan.ocr_slips_runon,
    # the same block in the scrambled-stream print, Hubei template with no weight column (levels_after_stream.py)
    "levels_after_stream": levels_after_stream.levels_after_stream,
    # one cell per line, row ends of varying width, a 绩效标准 column, empty level-2 blocks (pipe_rowends.py)
    "pipe_rowends": pipe_rowends.pipe_rowends,
    # run together, 分值 before the values and a 得分计算方法 column (a county template, method_column.py)
    "method_runon": method_column.method_runon,
    # a central transfer payment's page one row per line: wrapped title, A/B/rate funds, rows ending in points
    "transfer_rows": transfer_page.transfer_rows,
    # a project self-evaluation report: cover, 基本概况 funds as label/amount pairs per level (self_report.py)
    "self_report": self_report.self_report,
    "self_report_trad": trad_shapes.with_traditional(self_report.self_report),
    # department target declarations as a PDF page's text layer: split amounts, label pairs, duties (dept_page.py)
    "dept_target_page": dept_page.dept_target_page,
}


@dataclass
class Messy:
    """One document in one shape: its text and its gold (forms and expected findings)."""

    name: str
    shape: str
    family: str
    planted: str | None
    text: str
    forms: list[dict[str, Any]]
    findings: list[dict[str, Any]]

    def gold(self, source: str) -> dict[str, Any]:
        """The gold file for the text saved at ``source``."""
        data = self.text.encode("utf-8")
        return {"source": source, "source_sha256": hashlib.sha256(data).hexdigest(),
                "notes": f"generated: family {self.family}, shape {self.shape} (tests/synth/messify)",
                "forms": self.forms, "expected_findings": self.findings}


def messify(doc: Document, shape: str, seed: int | str = 0) -> Messy:
    """``doc`` printed in ``shape`` with the gold carried over."""
    if shape not in SHAPES:
        raise ConfigError(f"unknown shape {shape!r}", hint=f"use one of {', '.join(SHAPES)}")
    sheet = sheet_of(doc)
    text = SHAPES[shape](sheet, rng_for(f"{seed}:{doc.name}", shape))
    planted = doc.planted if sheet.findings else None
    return Messy(f"{doc.name}-{shape}", shape, doc.family, planted, text, sheet.forms, sheet.findings)


def write_shapes(docs: list[Document], shapes: list[str], out: Path, seed: int | str = 0) -> list[tuple[Messy, Path]]:
    """Every document in every shape under ``out/<shape>/`` with its gold under
    ``out/gold/<shape>/``; returns (messy, gold path) pairs."""
    written: list[tuple[Messy, Path]] = []
    for shape in shapes:
        (out / shape).mkdir(parents=True, exist_ok=True)
        (out / "gold" / shape).mkdir(parents=True, exist_ok=True)
        for doc in docs:
            messy = messify(doc, shape, seed)
            path = out / shape / f"{messy.name}.txt"
            path.write_text(messy.text, encoding="utf-8")
            gold_path = out / "gold" / shape / f"{messy.name}.json"
            gold_path.write_text(json.dumps(messy.gold(str(path.resolve())), ensure_ascii=False, indent=1),
                                 encoding="utf-8")
            written.append((messy, gold_path))
    return written
