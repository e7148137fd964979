"""The layout registry: which reader reads a form, chosen by score, never by the order of checks.

Forms reach us in many layouts (the national template, Fushun's 收支/分解目标 template, a table
whose text ran together, a PDF stream in scrambled cell order, a multi-project target list …).
Each layout declares what it reads and how sure it is that a chunk is its own; the registry asks
every layout that reads the chunk's form type and the highest score wins.  Two layouts scoring
within ``TIE_MARGIN`` of each other is a doubt the operator must see: the form carries a
``LAYOUT_AMBIGUOUS`` finding naming both, instead of one being picked silently.

A layout may also hook the stages around reading: claim a whole document before segmentation,
split a found form into several, or tell the LLM path where its indicator cells sit.  Segmentation
and the LLM path take these hooks from here, so adding a layout touches neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractor.errors import ConfigError, ExtractionError
from extractor.grid import Cell, IngestedDocument
from extractor.rules.misplaced_rows import refuse_misplaced_rows
from extractor.rules.month_dates import settle_month_dates
from extractor.segment.split import BeforeSegment, SplitChunk
from extractor.segment.split import segment as _segment
from extractor.segment.types import FormChunk
from schemas import DeptScoreSheet, FormRecord, FormType, LayoutTag, ProjectScoreSheet
from schemas.common import Finding

TIE_MARGIN = 0.1  # scores closer than this are a tie: the form says which layouts competed

Detect = Callable[[FormChunk], float]
Read = Callable[[FormChunk], FormRecord]
CellTemplate = Callable[[FormChunk], dict[int, dict[str, Cell]]]


@dataclass(frozen=True, slots=True)
class Layout:
    """One layout family: what it reads, how it recognises a chunk, how it reads one.

    ``detect`` returns a score in [0, 1]; a generic reader that reads any table of its form
    types by header vocabulary scores a constant 0.5, a layout with its own recogniser 1.0 when
    it recognises the chunk and 0 otherwise.  The optional hooks:
    ``before_segment`` claims a whole document (returns its chunks, or [] to pass);
    ``split`` cuts one segmented chunk into several (or returns None to pass);
    ``cell_template`` maps row index → field → cell of the indicator table for the LLM path,
    where the layout's columns do not hold what their headers say.
    """

    name: str
    form_types: frozenset[FormType]
    detect: Detect
    read: Read
    summary: str
    before_segment: BeforeSegment | None = None
    split: SplitChunk | None = None
    cell_template: CellTemplate | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """The winning layout of a chunk, its score, and the rivals that scored within the margin."""

    layout: Layout
    score: float
    rivals: tuple[tuple[str, float], ...] = field(default=())

    @property
    def tag(self) -> LayoutTag:
        return LayoutTag(name=self.layout.name, score=round(self.score, 3))


class Registry:
    """The registered layouts, in registration order (which only breaks exact ties)."""

    def __init__(self, layouts: Sequence[Layout]) -> None:
        names = [layout.name for layout in layouts]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ConfigError(f"layout names registered twice: {', '.join(duplicates)}",
                              hint="give each layout in extractor/layouts a unique name")
        self.layouts: tuple[Layout, ...] = tuple(layouts)

    def names(self) -> list[str]:
        return [layout.name for layout in self.layouts]

    def scores(self, chunk: FormChunk) -> list[tuple[Layout, float]]:
        """Every layout that reads the chunk's form type with its detection score, best first."""
        scored: list[tuple[Layout, float]] = []
        for layout in self.layouts:
            if chunk.form_type not in layout.form_types:
                continue
            score = layout.detect(chunk)
            if not 0.0 <= score <= 1.0:
                raise ExtractionError(f"layout {layout.name!r} scored {score} (outside 0..1)",
                                      hint=f"fix the detect() of extractor/layouts/{layout.name}")
            scored.append((layout, score))
        return sorted(scored, key=lambda pair: -pair[1])  # stable: registration order on ties

    def choose(self, chunk: FormChunk) -> Choice:
        """The highest-scoring layout; the rivals within ``TIE_MARGIN`` are kept for the finding."""
        scored = [(layout, score) for layout, score in self.scores(chunk) if score > 0]
        if not scored:
            raise ExtractionError(
                f"no layout reads form {chunk.index} (type {chunk.form_type or 'unknown'})",
                hint="register a layout for this form type in extractor/layouts/__init__.py",
            )
        (best, top), rest = scored[0], scored[1:]
        rivals = tuple((layout.name, score) for layout, score in rest if top - score < TIE_MARGIN)
        return Choice(best, top, rivals)

    def extract(self, chunk: FormChunk) -> FormRecord:
        """The form read by the winning layout, tagged with it (and with a tie, if any); a bare
        month beside a date is kept as the date it prints, whichever layout read it."""
        choice = self.choose(chunk)
        form = choice.layout.read(chunk)
        settle_month_dates(getattr(form, "indicators", None) or [])
        if not isinstance(form, (DeptScoreSheet, ProjectScoreSheet)) and form.indicators:
            form.indicators, form.findings = refuse_misplaced_rows(form.indicators, form.findings)
        form.layout = choice.tag
        if choice.rivals:
            form.findings = [*form.findings, ambiguous(choice)]
        return form

    def segment(self, doc: IngestedDocument) -> list[FormChunk]:
        """The document's form chunks, with every layout's segmentation hooks applied."""
        before = [layout.before_segment for layout in self.layouts if layout.before_segment is not None]
        split = [layout.split for layout in self.layouts if layout.split is not None]
        return _segment(doc, before=before, split=split)

    def cell_template(self, chunk: FormChunk) -> dict[int, dict[str, Cell]] | None:
        """Where the winning layout puts the indicator cells, when it says so itself."""
        leader = self._leader(chunk)
        if leader is None or leader.cell_template is None:
            return None
        return leader.cell_template(chunk)

    def owns_cells(self, chunk: FormChunk) -> bool:
        """The winning layout places the indicator cells itself (without computing where)."""
        leader = self._leader(chunk)
        return leader is not None and leader.cell_template is not None

    def _leader(self, chunk: FormChunk) -> Layout | None:
        scored = [layout for layout, score in self.scores(chunk) if score > 0]
        return scored[0] if scored else None

def ambiguous(choice: Choice) -> Finding:
    rivals = ", ".join(f"{name} {score:.2f}" for name, score in choice.rivals)
    return Finding(
        code="LAYOUT_AMBIGUOUS",
        severity="warning",
        message_zh=f"版式判断不确定：按 {choice.layout.name}（{choice.score:.2f}）读取，另有 {rivals} 得分相近，请核对",
        message_en=(f"layout in doubt: read as {choice.layout.name} ({choice.score:.2f}) while {rivals} "
                    "scored within the margin; check the reading against the original"),
        rule="layouts.registry",
    )
