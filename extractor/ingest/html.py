"""HTML ingest: unstructured's elements, with each table's grid parsed from the source markup.

Measured on unstructured 0.27.30: ``partition_html`` keeps tables as ``Table`` elements but its
``text_as_html`` drops every ``rowspan``/``colspan``, which shifts the cells of merged rows
left.  So the elements (and their ids) come from unstructured, and each table grid is parsed
from the matching top-level ``<table>`` of the page itself.  Tables are matched in document
order and confirmed by their text; a table that cannot be matched falls back to unstructured's
span-less HTML and a warning is logged.

Chinese government pages are often GBK: the charset is taken from a BOM or ``<meta>``, then
UTF-8 is tried, then GB18030 (a superset of GBK/GB2312).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from extractor.errors import JixiaoError, corrupt
from extractor.grid import Block
from extractor.ingest import sniff
from extractor.ingest.html_table import blocks_from_elements, require_content
from extractor.ingest.limits import DEFAULT_LIMITS, Limits
from extractor.ingest.offline import ensure_offline
from extractor.ingest.text_decode import check_text_length

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_NON_TEXT = re.compile(r"\s+")
# lxml refuses a str that still declares its byte encoding (XHTML exports do).
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def html_blocks(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Block], list[Any]]:
    """Reads an html page into blocks in reading order plus unstructured's elements.

    The rows and cells the markup declares are counted against the limits before parsing.
    """
    from extractor.ingest.precheck import check_bytes

    sniff.require_kind(data, source, "html", limits)
    check_bytes(data, source, "html", limits)
    text = _XML_DECLARATION.sub("", decode_html(data, source), count=1)
    check_text_length(text, source, limits)  # markup included: unstructured costs ~2 s per MB
    ensure_offline()
    from unstructured.partition.html import partition_html

    try:
        elements = list(
            partition_html(
                text=text,
                metadata_filename=source,
                infer_table_structure=True,
                languages=["zho"],
            )
        )
        sources = source_tables(text)
    except JixiaoError:
        raise
    except Exception as exc:  # noqa: BLE001 - parser boundary on untrusted bytes
        raise corrupt(source, "html", f"{type(exc).__name__}: {exc}"[:200]) from None

    matcher = _TableMatcher(sources, source)
    blocks = blocks_from_elements(elements, "html", table_html=matcher.html_for)
    require_content(blocks, source, "html")
    return blocks, elements


def decode_html(data: bytes, source: str) -> str:
    """Decodes with the declared charset when there is one, else UTF-8, else by evidence.

    The last step is the txt path's decoder (BOMs, UTF-16, GB18030 ranked by readability; it
    refuses binary), so an undeclared GBK page is read the same way as GBK pasted text.
    """
    declared = _META_CHARSET.search(data[:4096])
    encodings = ["utf-8-sig"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        encodings.insert(0, "gb18030" if name in {"gb2312", "gbk", "gb18030", "x-gbk"} else name)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from extractor.ingest.text_decode import decode_text

    return decode_text(data, source, None)[0]  # the caller limits the length


def source_tables(text: str) -> list[tuple[str, str]]:
    """The page's top-level tables as (outer html, whitespace-free text), in document order."""
    import lxml.html

    root = lxml.html.fromstring(text)
    tables = []
    for table in root.xpath("//table[not(ancestor::table)]"):
        html = lxml.html.tostring(table, encoding="unicode")
        tables.append((html, _squash(table.text_content())))
    return tables


def _squash(text: str) -> str:
    return _NON_TEXT.sub("", text).replace("\xa0", "")


class _TableMatcher:
    """Pairs unstructured's Table elements with source tables, in order, confirmed by text."""

    def __init__(self, tables: list[tuple[str, str]], source: str) -> None:
        self._tables = tables
        self._next = 0
        self._source = source

    def html_for(self, element: Any) -> str | None:
        wanted = _squash(element.text or "")
        for i in range(self._next, len(self._tables)):
            html, text = self._tables[i]
            if text == wanted:
                self._next = i + 1
                return html
        logger.warning(
            "%s: a table (%s…) has no matching <table> in the page; its merged cells are lost",
            self._source,
            wanted[:20],
        )
        return None
