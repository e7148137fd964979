"""Writing a generated corpus to disk: every rendition of every document beside its gold file.

Layout under ``out``: ``<rendition>/<name>.<ext>`` for the document and
``gold/<rendition>/<name>.json`` for its gold, whose ``source`` is the document's absolute path
(the eval harness resolves it against the repository root, which leaves an absolute path as
it is).  Large outputs are written here, never committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import ConfigError
from tests.synth import gold, render_office, render_text
from tests.synth.model import Document

RENDITIONS = ("text", "tsv", "docx", "pdf", "scan")
EXTENSIONS = {"text": ".txt", "tsv": ".tsv.txt", "docx": ".docx", "pdf": ".pdf", "scan": ".scan.pdf"}


@dataclass
class Written:
    """One rendition of one document on disk."""

    rendition: str
    doc: Document
    path: Path
    gold_path: Path


def write_corpus(docs: list[Document], out: Path, renditions: tuple[str, ...], scan_limit: int | None = None) -> list[Written]:
    """Write the requested renditions (PDF and scan need the Word file; they are made from it)."""
    unknown = set(renditions) - set(RENDITIONS)
    if unknown:
        raise ConfigError(f"unknown rendition(s) {', '.join(sorted(unknown))}", hint=f"use {', '.join(RENDITIONS)}")
    written: list[Written] = []
    for rendition in ("text", "tsv"):
        if rendition in renditions:
            for doc in docs:
                text = render_text.one_cell_per_line(doc) if rendition == "text" else render_text.tsv(doc)
                written.append(_save(out, rendition, doc, text.encode("utf-8")))
    office = [r for r in ("docx", "pdf", "scan") if r in renditions]
    if not office:
        return written
    docx_dir = out / "docx"
    docx_dir.mkdir(parents=True, exist_ok=True)
    docx_paths = []
    for doc in docs:
        path = docx_dir / f"{doc.name}.docx"
        render_office.write_docx(doc, path)
        docx_paths.append(path)
        if "docx" in renditions:
            written.append(_record(out, "docx", doc, path))
    if "pdf" in renditions or "scan" in renditions:
        pdfs = []
        for start in range(0, len(docx_paths), 50):  # one LibreOffice start per 50 documents
            pdfs += render_office.docx_to_pdf(docx_paths[start:start + 50], out / "pdf")
        if "pdf" in renditions:
            written += [_record(out, "pdf", doc, pdf) for doc, pdf in zip(docs, pdfs)]
        if "scan" in renditions:
            scan_dir = out / "scan"
            scan_dir.mkdir(parents=True, exist_ok=True)
            for doc, pdf in list(zip(docs, pdfs))[:scan_limit]:
                path = scan_dir / f"{doc.name}{EXTENSIONS['scan']}"
                render_office.write_scan(pdf, path, doc.name)
                written.append(_record(out, "scan", doc, path))
    return written


def _save(out: Path, rendition: str, doc: Document, data: bytes) -> Written:
    directory = out / rendition
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{doc.name}{EXTENSIONS[rendition]}"
    path.write_bytes(data)
    return _record(out, rendition, doc, path)


def _record(out: Path, rendition: str, doc: Document, path: Path) -> Written:
    gold_dir = out / "gold" / rendition
    gold_dir.mkdir(parents=True, exist_ok=True)
    gold_path = gold_dir / f"{doc.name}.json"
    data = gold.document_gold(doc, str(path.resolve()), path.read_bytes())
    gold_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return Written(rendition, doc, path, gold_path)
