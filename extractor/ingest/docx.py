"""Word (.docx) ingest: unstructured's elements, with tables as grids that keep their merges.

unstructured's ``partition_docx`` already writes ``rowspan``/``colspan`` into each table's
``text_as_html`` (measured on 0.27.30: vertical merges, horizontal merges and both at once), so
the grid is parsed from there; the element id ties each grid back to its element.  Page numbers
are only known when Word saved rendered page breaks, otherwise ``page`` stays ``None``.
"""

from __future__ import annotations

import io
from typing import Any

from extractor.errors import JixiaoError, corrupt
from extractor.grid import Block
from extractor.ingest import sniff
from extractor.ingest.html_table import blocks_from_elements, require_content
from extractor.ingest.limits import DEFAULT_LIMITS, Limits
from extractor.ingest.offline import ensure_offline


def docx_blocks(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Block], list[Any]]:
    """Reads a docx into blocks in reading order plus the unstructured elements they came from.

    unstructured costs about 0.6 ms per table cell, so the XML part sizes and the cells the
    document declares are checked first (:func:`~extractor.ingest.precheck.check_bytes`).
    """
    from extractor.ingest.precheck import check_bytes

    sniff.require_kind(data, source, "docx", limits)
    check_bytes(data, source, "docx", limits, deep=True)
    elements = partition_docx_bytes(data, source)
    blocks = blocks_from_elements(elements, "docx")
    require_content(blocks, source, "docx")
    return blocks, elements


def partition_docx_bytes(data: bytes, source: str) -> list[Any]:
    """Runs ``partition_docx`` offline; any failure inside the parser means an unreadable file.

    The bytes are untrusted and python-docx/lxml fail on broken packages with a wide range of
    exception types (KeyError for a missing part, XMLSyntaxError, ValueError …), so the whole
    parser call is the boundary at which they become one ``InputError``.
    """
    ensure_offline()
    from unstructured.partition.docx import partition_docx

    try:
        return list(
            partition_docx(
                file=io.BytesIO(data),
                metadata_filename=source,
                infer_table_structure=True,
                include_page_breaks=True,
                languages=["zho"],  # skips per-document language detection
            )
        )
    except JixiaoError:
        raise
    except Exception as exc:  # noqa: BLE001 - see docstring: parser boundary on untrusted bytes
        raise corrupt(source, "docx", f"{type(exc).__name__}: {exc}"[:200]) from None
