"""Run-together text: a table whose cells arrived with no separators (web excerpts, OCR).

Such a text keeps the form's words in order but no cell or row breaks, so the section structure is
recovered from header vocabulary (``lexicon``, ``scan``: labels, column headers, 一级/二级 words) and
the values are split by what each column may hold (``rows`` and ``numbers``).  The layout claims
the whole document before segmentation (``chunks``: its forms are cut by vocabulary, not by title
rows) and ``read`` reads each chunk.
"""

from __future__ import annotations

from extractor.grid import IngestedDocument
from extractor.layouts.fused.chunks import fused_chunks, is_fused_chunk
from extractor.layouts.fused.lexicon import FUSHUN_SECTIONS
from extractor.layouts.fused.read import read_fused
from extractor.layouts.registry import Layout
from extractor.rules.levels_stream import has_stream_head, reads_whole
from extractor.rules.table import TableForm, new_form
from extractor.segment.split import segment
from extractor.segment.types import FormChunk
from extractor.vocab.key import simplified


def detect(chunk: FormChunk) -> float:
    """1.0 for a fused chunk; 0.5 for a Fushun form's, whose own run-on reader scores 1.0."""
    if not is_fused_chunk(chunk):
        return 0.0
    text = simplified("".join(cell.text for cell in chunk.rows[0].cells))  # the cells print traditional too
    return 0.5 if all(word in text for word in FUSHUN_SECTIONS) else 1.0


def claim(doc: IngestedDocument) -> list[FormChunk]:
    """The run-together chunks, unless the document is a PDF stream whose every indicator table reads
    whole as figures-first rows with the level block after them: its spaced header (``一 级 指 标``)
    looks run together, but its cells are whole and the scrambled layout reads them."""
    chunks = fused_chunks(doc)
    if not chunks:
        return chunks
    streams = [c for c in segment(doc) if has_stream_head(c.rows)]
    return [] if streams and all(reads_whole(c.rows) for c in streams) else chunks


def read(chunk: FormChunk) -> TableForm:
    return read_fused(chunk, new_form(chunk))


LAYOUT = Layout(
    name="fused",
    form_types=frozenset({"project_self_eval", "dept_self_eval", "dept_target", "project_target"}),
    detect=detect,
    read=read,
    summary="a table whose text ran together without cell separators, cut by header vocabulary and arithmetic",
    before_segment=claim,
)
