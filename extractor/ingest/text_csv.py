"""Comma-separated exports (a spreadsheet or a score sheet saved as CSV): rows of quoted fields.

Quoted fields may hold commas, doubled quotes and line breaks (a rule text of several lines),
so lines are not rows: the text is tokenised field by field, keeping each cell's character span
as the other text shapes do.  A text is CSV only when most of its rows have three or more
fields; a row of one field (a title line) becomes a paragraph, as in every other shape.
"""

from __future__ import annotations

from extractor.grid import Block, Cell, Grid, Paragraph

Field = tuple[str, int, int]  # text, start, end (offsets into the document text)


def csv_rows(text: str) -> list[list[Field]]:
    """RFC 4180 rows with spans; an unterminated quote runs to the end of the text."""
    rows: list[list[Field]] = []
    row: list[Field] = []
    i, n = 0, len(text)
    while i <= n:
        if i < n and text[i] == '"':
            start, parts, i = i + 1, [], i + 1
            while i < n:
                if text[i] == '"' and i + 1 < n and text[i + 1] == '"':
                    parts.append('"')
                    i += 2
                elif text[i] == '"':
                    break
                else:
                    parts.append(text[i])
                    i += 1
            end = i
            i += 1  # the closing quote
            while i < n and text[i] not in ",\r\n":
                i += 1  # stray characters after a closing quote are dropped, as spreadsheets do
            row.append(("".join(parts), start, end))
        else:
            start = i
            while i < n and text[i] not in ",\r\n":
                i += 1
            row.append((text[start:i], start, i))
        if i >= n:
            rows.append(row)
            break
        if text[i] == ",":
            i += 1
            if i == n:
                row.append(("", i, i))
                rows.append(row)
                break
            continue
        # a line break ends the row (\r\n counted once)
        i += 2 if text.startswith("\r\n", i) else 1
        rows.append(row)
        row = []
    return [r for r in rows if any(f[0].strip() for f in r)]


def looks_like_csv(text: str) -> bool:
    """Most rows have three or more fields, and the fields are quoted or the rows agree in width."""
    if text.count(",") < 6:
        return False
    rows = csv_rows(text)
    wide = [r for r in rows if len(r) >= 3]
    if len(wide) < 3 or len(wide) * 2 < len(rows):
        return False
    quoted = sum(text[start - 1:start] == '"' for r in wide for _, start, _ in r)
    if quoted >= len(wide):
        return True
    # unquoted: a table of one width throughout, not prose that happens to hold commas
    return len({len(r) for r in wide}) == 1 and len(wide) >= 5 and len(wide) * 5 >= len(rows) * 4


def parse_csv(text: str, *, id_prefix: str = "t") -> list[Block]:
    """Grids of consecutive multi-field rows; single-field rows become paragraphs."""
    blocks: list[Block] = []
    grid: Grid | None = None
    for fields in csv_rows(text):
        if len([f for f in fields if f[0].strip()]) <= 1 and len(fields) < 3:
            grid = None
            body, start, end = next((f for f in fields if f[0].strip()), fields[0])
            blocks.append(Paragraph(body.strip(), char_start=start, char_end=end))
            continue
        if grid is None:
            grid = Grid(id=f"{id_prefix}{len(blocks)}", kind="csv")
            blocks.append(grid)
        r = len(grid.rows)
        grid.rows.append([Cell(body.strip(), r, c, char_start=start, char_end=end)
                          for c, (body, start, end) in enumerate(fields)])
    return blocks
