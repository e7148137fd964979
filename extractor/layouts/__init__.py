"""Every layout the extractor reads, registered in one place.

Adding a layout is one folder here (its detector, its reader glue, its hooks) and one line in
``REGISTRY`` below; see ``docs/adding-a-layout.md``.  Callers read forms through this module:
``segment`` (segmentation with every layout's hooks), ``extract_form`` (the winning layout's
reading, tagged ``layout: {name, score}``) and ``cell_template`` for the LLM path.
"""

from __future__ import annotations

from extractor.grid import Cell, IngestedDocument
from extractor.layouts import fused, fushun, project_list, score_lines, score_runon, score_sheet, scrambled, table
from extractor.layouts.registry import TIE_MARGIN, Choice, Layout, Registry
from extractor.segment.types import FormChunk
from schemas import FormRecord

REGISTRY = Registry([
    fused.LAYOUT,
    fushun.LAYOUT,
    fushun.LAYOUT_RUN_ON,
    fushun.LAYOUT_TAIL,
    fushun.LAYOUT_HEADLESS,
    scrambled.LAYOUT,
    project_list.LAYOUT,
    table.LAYOUT,
    score_sheet.LAYOUT,
    score_runon.LAYOUT,
    score_lines.LAYOUT,
])


def segment(doc: IngestedDocument) -> list[FormChunk]:
    """The document's form chunks, in document order, with every layout's segmentation hooks."""
    return REGISTRY.segment(doc)


def extract_form(chunk: FormChunk) -> FormRecord:
    """One form record from one chunk, read by the winning layout and tagged with it."""
    return REGISTRY.extract(chunk)


def choose(chunk: FormChunk) -> Choice:
    return REGISTRY.choose(chunk)


def cell_template(chunk: FormChunk) -> dict[int, dict[str, Cell]] | None:
    """Row → field → cell of the indicator table, where the chunk's layout says so itself."""
    return REGISTRY.cell_template(chunk)


def owns_cells(chunk: FormChunk) -> bool:
    """The chunk's layout places its indicator cells itself (its columns lie about their fields)."""
    return REGISTRY.owns_cells(chunk)


__all__ = ["REGISTRY", "TIE_MARGIN", "Choice", "Layout", "Registry", "cell_template", "choose", "extract_form",
           "owns_cells", "segment"]
