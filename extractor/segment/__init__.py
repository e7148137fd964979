"""The segment stage: a document's block stream cut into form chunks, typed by title or vocabulary.

``split`` finds the forms, ``merge`` repairs boundaries page furniture put in the wrong place,
``restream`` re-rows tables pasted one cell per line (and, for cell lines whose rows' cells were
permuted, ``indicator_order``, ``funds_order``, ``section_order`` and ``sides_order`` cut each table
again under its header with ``row_cut``), ``project_list`` splits a target table that
lists several projects, and ``types`` holds the ``Row``/``FormChunk`` every later stage reads.
"""

from __future__ import annotations

from extractor.segment.split import FORM_BODY_WORDS, row_stream, segment
from extractor.segment.types import FormChunk, Row

__all__ = ["FORM_BODY_WORDS", "FormChunk", "Row", "row_stream", "segment"]
