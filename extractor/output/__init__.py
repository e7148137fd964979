"""Write extraction results as JSON (full or compact), CSV or an operators' workbook — atomically.

``render`` is the one entry point the CLI and the service use; each format lives in its own
module.  No export creates a formula (``safe``): text stays text, numbers stay numbers.
"""

from __future__ import annotations

import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any

from extractor.errors import JixiaoError
from extractor.output import csvout, jsonout
from extractor.output.rows import FIELD_COLUMNS, FINDING_COLUMNS, field_rows, finding_rows

__all__ = ["FIELD_COLUMNS", "FINDING_COLUMNS", "Format", "field_rows", "finding_rows", "render", "write_atomic"]


class Format(str, Enum):
    """The export formats; the value is also the file extension."""

    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def render(
    output: dict[str, Any], fmt: str, *, compact: bool = False, layouts: list[dict[str, Any] | None] | None = None
) -> bytes:
    """``output`` (``{"documents": [...]}``) as bytes of ``fmt``.

    ``compact`` gives JSON values without provenance; ``layouts`` (one ``document_layout`` per
    document, or None) lets the workbook draw each form like the original table.
    """
    fmt = fmt.value if isinstance(fmt, Format) else fmt
    if compact and fmt != "json":
        raise JixiaoError("the compact view is a JSON format", hint="use --compact with json output only")
    if fmt == "json":
        return jsonout.compact(output) if compact else jsonout.full(output)
    if fmt == "csv":
        return csvout.render(output)
    if fmt == "xlsx":
        from extractor.output.workbook import workbook_bytes  # openpyxl loads only when needed

        return workbook_bytes(output, layouts)
    raise JixiaoError(f"unknown output format {fmt!r}", hint="use json, csv or xlsx")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
