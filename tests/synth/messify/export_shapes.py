"""The print of a spreadsheet or PDF export flattened to text (dev samples 51 and 37).

An xlsx/PDF export copied as text prints a whole table on one line of space-separated cells:
blank cells print nothing, a cell that wrapped inside its narrow column prints the wrap as a
space (``其中:当年财政 拨款``, ``执行率(全年 执行数/全年 预算数)``, ``(包括以前年度结转资 金)``), and
the title, year and unit lines often run onto the same line as the table.  A merged cell is
exported after the cells it spans, so a funds header's last word (``得分``, merged over two header
rows) follows the funds rows (51), and a total row's label merged over its figures follows the
block (37: ``全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 … 年度资金总额``).  Nothing
is lost from the gold: the figures are printed whole and in order, labels are compared without
whitespace, and the form says the same.
"""

from __future__ import annotations

import random

from extractor.vocab import fund_role
from tests.synth.messify.base import Rows, Sheet
from tests.synth.messify.export_late import labels_after_figures, late_header_rows, number_per_level
from tests.synth.messify.export_merged_rows import interleave_rows
from tests.synth.messify.export_merges import checkbox_options, late_header, numbered_names, spaced_labels
from tests.synth.messify.export_scatter import scatter_header
from tests.synth.messify.export_word import fragment_cells, split_title_years, titles, word_width

_WRAP_MIN = 6  # a text this long may wrap inside its column


def _wrap_at_space(text: str, rng: random.Random, share: float) -> str:
    """A long text cell without figures printed with its column wrap as one space."""
    if len(text) < _WRAP_MIN or any(ch.isdigit() for ch in text) or " " in text or rng.random() >= share:
        return text
    cut = rng.randint(2, len(text) - 2)
    return text[:cut] + " " + text[cut:]


def _label_at(row: list[str]) -> int | None:
    """Where a funds row's label sits: its first or second cell (after a merged caption)."""
    return next((k for k, t in enumerate(row[:2]) if fund_role(t.replace(" ", "")) is not None), None)


def _funds_block(rows: Rows) -> tuple[int, int] | None:
    """The funds header row (one cell says 执行数, another 预算数) and the end of the rows under it
    that open with a fund label."""
    for h, row in enumerate(rows):
        words = [t.replace(" ", "") for t in row]
        if any("执行数" in t for t in words) and any("预算数" in t for t in words):
            end = h + 1
            while end < len(rows) and _label_at(rows[end]) is not None:
                end += 1
            return (h, end) if end > h + 1 else None
    return None


def _late_merges(rows: Rows, late_header: bool, late_total: bool) -> Rows:
    """The funds block with its header's last word and/or the total row's label printed after its
    rows (merged cells exported late); other rows as they were."""
    block = _funds_block(rows)
    if block is None:
        return rows
    h, end = block
    rows = [list(r) for r in rows]
    moved: list[str] = []
    at = _label_at(rows[h + 1])
    if late_total and at is not None and fund_role(rows[h + 1][at].replace(" ", "")) == "total" \
            and len(rows[h + 1]) > at + 1:
        moved.append(rows[h + 1].pop(at))
    if late_header and len(rows[h]) > 2:
        moved.insert(0, rows[h].pop())
    rows.insert(end, moved)
    return rows


_OTHER_NOTE = "(包括以前年度结转资金)"


def _bracketed_other(sheet: Sheet) -> None:
    """The 其他资金 row says what it includes (sample 37: ``其他资金 (包括以前年度结转资 金)``); its
    gold label follows the print, its role stays other."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        for row in part.rows:
            for k, text in enumerate(row):
                if text.strip() == "其他资金":
                    row[k] = text.strip() + _OTHER_NOTE
        for entry in sheet.forms[part.form].get("funds") or []:
            if entry.get("label") == "其他资金":
                entry["label"] += _OTHER_NOTE


def exported(sheet: Sheet, rng: random.Random, late: bool = False) -> str:
    """Each table printed as one line of single-space-separated cells (empty cells dropped), its
    long text cells wrapped at a space in 0, 25 or 50 % of the documents, and in half the documents
    the prose lines just above a table (title, year, unit) on the same line as the table; in half
    the documents the funds header's last word, in half the total row's label, after the funds
    rows, and in half the 其他资金 label with its bracket (each drawn apart); in a third the
    indicator names numbered (``指标1：…``), in a third the indicator header's cells after 一级指标
    after the first indicator row, in a third labels printed with spaces, in a third a 项目类别
    row's choices between a header label and its value (``export_merges``; drawn from a
    generator of their own); in a third a Word table's cells printed in fixed-width fragments,
    in a third the titles' years cut off by a space (``export_word``, a generator of their own);
    in a third two indicator rows interleaved by their merged cells (``export_merged_rows``, a
    generator of its own).  ``late`` (the ``export_late`` shape): the indicator header's cells
    after the first rows, names numbered per 二级 word, funds labels after their figures
    (``export_late``, a generator of its own; no interleaved pair, late header or Word fragments
    of the draws above); in half of those, where the names are numbered, the header's words in
    pieces scattered among the first rows instead (``export_scatter``)."""
    late_rng = random.Random(str(rng.getstate()[1][:8]) + ":late") if late else None
    # a share of those prints scatter the header's words in pieces (``export_scatter``, drawn apart)
    scatter = late and random.Random(str(rng.getstate()[1][:8]) + ":scatter").random() < 0.5
    if late_rng is not None and late_rng.random() < 0.5:
        number_per_level(sheet, late_rng)
    late_funds = late_rng is not None and late_rng.random() < 0.5
    share = rng.choice((0.0, 0.25, 0.5))
    lead = rng.random() < 0.5
    late_head, late_total = rng.random() < 0.5, rng.random() < 0.5
    if rng.random() < 0.5:
        _bracketed_other(sheet)
    more = random.Random(str(rng.getstate()[1][:8]))  # the draws above and below stay as they were
    if more.random() < 1 / 3:
        numbered_names(sheet)
    late_indicators = more.random() < 1 / 3
    spaced, choices = more.random() < 1 / 3, more.random() < 1 / 3
    word = random.Random(str(more.getstate()[1][:8]) + ":word")  # the draws of ``more`` stay as they were
    width = word_width(word) if word.random() < 1 / 3 else None
    named = titles(sheet)
    if word.random() < 1 / 3:
        split_title_years(sheet)
    merged = random.Random(str(word.getstate()[1][:8]) + ":merged")  # the draws above stay as they were
    interleave = merged.random() < 1 / 3
    lines: list[str] = []
    for part in sheet.parts:
        if part.rows is None:
            lines += part.prose
            continue
        rows = [[t.strip() for t in row if t.strip()] for row in part.rows]
        if late_rng is not None:
            assert part.form is not None
            entries = sheet.forms[part.form].get("indicators") or []
            names = {e["name"] for e in entries if isinstance(e.get("name"), str)}
            scattered = scatter_header(rows, late_rng) if scatter else rows
            rows = late_header_rows(rows, names, late_rng) if scattered is rows else scattered
            if late_funds:
                rows = labels_after_figures(rows, sheet.forms[part.form].get("funds") or [], late_rng)
        rows = _late_merges(rows, late_head, late_total)
        if interleave and late_rng is None:
            assert part.form is not None
            entries = sheet.forms[part.form].get("indicators") or []
            names = {e["name"] for e in entries if isinstance(e.get("name"), str)}
            rows = interleave_rows(rows, names, merged)
        rows = late_header(rows) if late_indicators and late_rng is None else rows
        rows = spaced_labels(rows, more) if spaced else rows
        rows = checkbox_options(rows, more) if choices else rows
        rows = fragment_cells(rows, width, named) if width is not None and late_rng is None else rows
        cells = [_wrap_at_space(t, rng, share) for row in rows for t in row]
        line = " ".join(cells)
        if lead:
            above: list[str] = []
            while lines and lines[-1].strip() and len(lines[-1]) <= 40:
                above.insert(0, lines.pop().strip())
            line = " ".join(above + [line])
        lines += [line, ""]
    return "\n".join(lines) + "\n"
