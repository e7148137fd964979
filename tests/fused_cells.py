"""A run-together indicator body cut by the fused reader's row cutter, as the cells it reads:
shared by the tests of the templates it cuts (operator columns, Chongqing department lists)."""

from __future__ import annotations

from extractor.layouts.fused.rows import cut_rows


def cut_cells(body: str, template: list[str]) -> list[dict[str, str]]:
    """``body``'s rows under ``template``, each as its name and slot texts; every row is cut."""
    cut = cut_rows(body, template)
    assert cut is not None
    rows, skipped = cut
    assert skipped == 0
    return [{"name": body[slice(*r.name)], **{f: body[s.start:s.end] for f, s in r.slots.items()}} for r in rows]
