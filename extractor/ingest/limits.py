"""The cost model of ingest: every quantity that makes a reader slow or hungry has a limit.

Measured on a 2-core machine (bench/bench_hostile.py): pasted text costs about 0.3 ms and 20 KB
per table row through the rules extractor, a Word table about 0.6 ms per cell and a Word or html
paragraph about 0.5 ms (unstructured), a text PDF about 60 ms per page and 22 µs and 0.7 KB per
drawn character (pdfminer), a scanned page about 1.5 s, a decoded image 3-4 bytes per pixel
several times over.  The byte limit alone says nothing about these (a 34 KB PNG can decode
to 2 GB, a 97 KB docx holds 17 MB of XML), so each is limited on its own, checked before the
expensive step from what the file declares (zip directory, image header, page count) and again
while working on what was really found (rows, cells, characters).

The defaults admit every real report seen (seeds, samples, the largest 决算 excerpts) with a wide
margin and keep the worst admitted input under 60 s and 1 GB.  Each limit has one setting that
raises it; settings are read in one place (:func:`limits_from_env`, called by whoever builds the
process's settings) and passed down explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from extractor.errors import ConfigError, LimitError


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds on one document's cost; ``SETTINGS`` names the variable that raises each."""

    max_bytes: int = 50_000_000  # the upload or file as sent
    max_unzipped_bytes: int = 200_000_000  # all parts of a docx/xlsx, all streams of a PDF, inflated
    max_xml_bytes: int = 20_000_000  # one XML part of a docx/xlsx, inflated
    max_cells: int = 50_000  # table cells in one document (all grids, all sheets)
    max_rows: int = 10_000  # table rows in one document
    max_paragraphs: int = 20_000  # paragraphs outside tables in a docx (about 0.5 ms each)
    max_text_chars: int = 2_000_000  # characters of decoded text (pasted, stdin, a .txt)
    max_pages: int = 300  # pages of a text PDF
    max_pdf_chars: int = 600_000  # characters a text PDF draws (2,000 a page on 300 pages)
    max_scan_pages: int = 50  # pages that go through OCR (about 1.5 s each)
    max_pixels: int = 50_000_000  # one image or rendered page (48 MP phone photos pass)


SETTINGS: dict[str, str] = {
    "max_bytes": "JIXIAO_MAX_BYTES",
    "max_unzipped_bytes": "JIXIAO_MAX_UNZIPPED_BYTES",
    "max_xml_bytes": "JIXIAO_MAX_XML_BYTES",
    "max_cells": "JIXIAO_MAX_CELLS",
    "max_rows": "JIXIAO_MAX_ROWS",
    "max_paragraphs": "JIXIAO_MAX_PARAGRAPHS",
    "max_text_chars": "JIXIAO_MAX_TEXT_CHARS",
    "max_pages": "JIXIAO_MAX_PAGES",
    "max_pdf_chars": "JIXIAO_MAX_PDF_CHARS",
    "max_scan_pages": "JIXIAO_MAX_SCAN_PAGES",
    "max_pixels": "JIXIAO_MAX_PIXELS",
}

# How each quantity is printed in a refusal: (what is counted, unit printed after the number).
_UNITS: dict[str, tuple[str, str]] = {
    "max_bytes": ("bytes", "bytes"),
    "max_unzipped_bytes": ("inflated bytes", "bytes"),
    "max_xml_bytes": ("bytes of XML in one part", "bytes"),
    "max_cells": ("table cells", "cells"),
    "max_rows": ("table rows", "rows"),
    "max_paragraphs": ("paragraphs outside tables", "paragraphs"),
    "max_text_chars": ("characters of text", "characters"),
    "max_pages": ("pages", "pages"),
    "max_pdf_chars": ("characters drawn", "characters"),
    "max_scan_pages": ("scanned pages", "pages"),
    "max_pixels": ("pixels in one image", "pixels"),
}

DEFAULT_LIMITS = Limits()


def limits_from_env(env: Mapping[str, str], base: Limits = DEFAULT_LIMITS) -> Limits:
    """Limits with every ``JIXIAO_MAX_*`` variable present in ``env`` applied over ``base``.

    The caller passes its environment (``os.environ``) so that this module never reads it.
    """
    changes: dict[str, int] = {}
    for f in fields(Limits):
        name = SETTINGS[f.name]
        raw = env.get(name)
        if raw is None or not raw.strip():
            continue
        try:
            value = int(raw.strip().replace("_", ""))
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}", hint=f"set {name} to a positive integer") from None
        if value <= 0:
            raise ConfigError(f"{name} must be positive, not {value}", hint=f"set {name} to a positive integer")
        changes[f.name] = value
    return replace(base, **changes)


def check(limits: Limits, name: str, found: int, source: str | None, what: str | None = None, *, fix: str | None = None) -> None:
    """Raises :class:`LimitError` when ``found`` exceeds the limit called ``name``."""
    limit = getattr(limits, name)
    if found > limit:
        raise over_limit(name, found, limit, source, what, fix=fix)


def over_limit(
    name: str, found: int, limit: int, source: str | None, what: str | None = None, *, fix: str | None = None
) -> LimitError:
    """The refusal for ``found`` over ``limit``: names the quantity, the limit and its setting.

    ``what`` replaces the default subject ("the document has N cells"); ``fix`` the default
    advice (send only the pages that hold the forms); the setting is always named.
    """
    counted, unit = _UNITS[name]
    subject = what or f"the document has {found:,} {counted}"
    advice = fix or "send only the pages or tables that hold the forms"
    return LimitError(
        f"{subject}, over the limit of {limit:,} {unit}",
        source=source,
        hint=f"{advice}, or raise the limit ({SETTINGS[name]})",
        limit=name,
        setting=SETTINGS[name],
    )


def check_grids(blocks: Iterable[object], source: str | None, limits: Limits) -> None:
    """Refuses a document whose grids hold more rows or cells than the limits.

    Run on what a reader produced, before any extractor walks it: the readers cost per row and
    per cell, so this bounds their work whatever the file declared.
    """
    rows = 0
    cells = 0
    for block in blocks:
        grid_rows = getattr(block, "rows", None)
        if grid_rows is None:
            continue
        rows += len(grid_rows)
        cells += sum(len(row) for row in grid_rows)
    check(limits, "max_rows", rows, source)
    check(limits, "max_cells", cells, source)
