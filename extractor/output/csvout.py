"""CSV: the long view (one line per value, the workbook's ``fields`` sheet), safe to open in Excel.

Written with a BOM so Excel reads the Chinese text as UTF-8, and with every text field that a
spreadsheet would evaluate (leading ``= + - @``, TAB, CR) neutralised by ``safe.csv_field``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from extractor.output.rows import FIELD_COLUMNS, field_rows
from extractor.output.safe import csv_field


def render(output: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(FIELD_COLUMNS)
    for row in field_rows(output):
        writer.writerow([csv_field(x) for x in row])
    return buf.getvalue().encode("utf-8-sig")
