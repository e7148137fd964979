"""Run-together text shared by the layouts that read it: one string with every character traced
to the cell it was printed in, and the page markers (``1、`` ``2、`` …) that document-sharing sites
cut into it.

A figure touching a cut marker may have lost or gained a digit, so the readers remember where
each marker stood (``RunText.cuts``) and never read a figure touching one.  A mirror's print in
traditional characters is matched in simplified ones (``text``), one character for one, while a
text value keeps the characters printed (``printed``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.grid import Cell
from extractor.rules.cells import traced_span
from extractor.segment.types import Row
from extractor.vocab.key import simplified
from schemas.common import Value


@dataclass(slots=True)
class RunText:
    """``text[k]`` was printed in cell ``owners[k]`` (at index ``where[k]`` of its text, where the
    reader keeps it); ``cuts``: positions where a page marker was removed (between ``text[k-1]`` and
    ``text[k]``); ``confidence``: what a value cut from this text is worth to its reader."""

    text: str
    owners: list[tuple[Row, Cell]]
    where: list[int] = field(default_factory=list)
    cuts: set[int] = field(default_factory=set)
    confidence: float = 0.9
    raw: str = ""  # the printed characters of ``text`` where they differ (traditional script)
    spaces: set[int] = field(default_factory=set)  # where a reader keeps them: a space stood before ``text[k]``

    def __post_init__(self) -> None:
        if not self.raw and (matching := simplified(self.text)) != self.text:
            self.raw, self.text = self.text, matching

    @property
    def printed(self) -> str:
        return self.raw or self.text

    def value(self, start: int, end: int, value: object, confidence: float | None = None, *,
              as_printed: bool = True) -> Value[Any]:
        """A value read from ``text[start:end]``; a string cut from that stretch holds the characters
        printed there (``as_printed=False`` for an enumeration such as a money unit)."""
        if as_printed and self.raw and isinstance(value, str) and value:
            at = self.text.find(value, start, max(end, start + len(value)))
            if at >= 0:
                value = self.raw[at:at + len(value)]
        return traced_span(self.owners, start, end, value,
                           confidence=self.confidence if confidence is None else confidence)

    def touches_cut(self, start: int, end: int) -> bool:
        """A page marker stood inside or at either end of ``text[start:end]``."""
        return any(start <= k <= end for k in self.cuts)


def counted_markers(text: str, first: int = 1) -> list[tuple[int, int]]:
    """The spans of ``N、`` markers counting up by one through ``text`` from ``first``, each found
    after the one before (a count, not a search for every ``N、``)."""
    spans: list[tuple[int, int]] = []
    expected = first
    pos = 0
    while (at := text.find(f"{expected}、", pos)) >= 0:
        spans.append((at, at + len(str(expected)) + 1))
        pos = spans[-1][1]
        expected += 1
    return spans
