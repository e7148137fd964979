"""Text renditions: one cell per line (the shape of the seeds) and tab-separated rows.

Both are what users paste out of Word, Excel or a web page.  One cell per line drops the
positions a horizontal merge covers (a Word copy does) and prints a vertically merged cell's
lower positions empty or again (``Style.repeat_merged``); TSV leaves a horizontal merge's
further positions empty, fills them with its text or drops them (``Style.tsv_merge``).
"""

from __future__ import annotations

from tests.synth.model import Document, Form, Table


def _rows(table: Table, *, skip_horizontal: bool, repeat: bool, repeat_horizontal: bool = False) -> list[list[str]]:
    """Rows of printed texts: a horizontal merge's further positions skipped, repeated or empty,
    a vertical merge's lower positions repeated or empty."""
    covered = table.covered()
    full = table.matrix(repeat=True)
    out: list[list[str]] = []
    anchors = {(c.row, c.col): c for c in table.cells}
    for r in range(table.n_rows):
        row: list[str] = []
        for c in range(table.n_cols):
            if (r, c) not in covered:
                row.append(anchors[(r, c)].text if (r, c) in anchors else "")
                continue
            horizontal = any(a.row == r and a.col < c < a.col + a.colspan for a in table.cells)
            if horizontal and skip_horizontal:
                continue
            fill = repeat_horizontal if horizontal else repeat
            row.append((full[r][c] or "") if fill else "")
        out.append(row)
    return out


def _preamble(form: Form, first: bool, doc: Document) -> tuple[list[str], list[str]]:
    """(narrative paragraphs, title lines) printed before a form's table."""
    narrative = [doc.narrative] if first and doc.narrative else []
    lines = [] if form.title_in_table else [form.title]
    return narrative, lines + form.lines


def one_cell_per_line(doc: Document) -> str:
    """Every cell on its own line after a TAB, rows separated by a blank line; prose unindented."""
    parts: list[str] = [""]
    for k, form in enumerate(doc.forms):
        narrative, lines = _preamble(form, k == 0, doc)
        for line in narrative:
            parts += [line, ""]
        for line in lines:
            parts += [f"\t{line}", ""]
        assert form.table is not None
        for row in _rows(form.table, skip_horizontal=True, repeat=doc.style.repeat_merged):
            parts += [f"\t{cell}" for cell in row]
            parts.append("")
    return "\n".join(parts) + "\n"


def tsv(doc: Document) -> str:
    """Tab-separated rows, one table row per line; forms separated by a blank line."""
    lines: list[str] = []
    for k, form in enumerate(doc.forms):
        narrative, title_lines = _preamble(form, k == 0, doc)
        lines += narrative + title_lines
        assert form.table is not None
        merge = doc.style.tsv_merge
        for row in _rows(form.table, skip_horizontal=merge == "drop", repeat=doc.style.repeat_merged or merge == "repeat",
                         repeat_horizontal=merge == "repeat"):
            lines.append("\t".join(cell.replace("\t", " ") for cell in row))
        lines.append("")
    return "\n".join(lines) + "\n"
