"""Find the cell each copied text came from: the model names rows and copies texts, not cells.

A 1.5B model copies a cell's text faithfully but numbers cells badly: asked for ``r9c6=200`` per
field, it wrote the header row's number for the first row, the next row's values under the
previous row's number and columns one off (the 003 target window: 24 of its 54 values named a
cell that does not print them); asked for ``"row": "r9"`` once per table row and the plain text
of each field, it got all 54 values of that window right, in two thirds of the tokens.  So every
table item of an answer names its row, every field is the text as printed, and the cell is
found here:

* an item's field: the leftmost cell of its row, not yet taken by another field of the item,
  that prints the text — the answer models list fields in the order forms print their columns,
  so of two cells printing ``≥80%`` the target takes the left one and the actual the right one;
  the row is the stated one or, when the row above or below prints more of the item's texts,
  that one (a model that numbers a window from its header names every item one up);
* a field outside any item (项目名称, a goal text): the first cell of the rows shown that prints
  it and is not yet taken;
* where several cells qualify, one under a header the field is described by goes first: of
  ``2  2`` under 全年预算数 and 全年执行数, budget takes the first and executed the second, and an
  initial budget the model filled with the same 2 finds no cell left (it is not printed);
* a cell under a header that describes another of the item's fields is never taken.

A found text becomes the pick ``rNcM=text`` that grounding, provenance and the misread checks
work on; a pick the model wrote itself is left as it is; a text found nowhere is left as given
and its reason is reported, so the re-ask (or the lenient last attempt) says what was wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from pydantic import BaseModel

from extractor.llm.grounding import PICK_RE, cell_of, fold, number_of, prints_number, unabbreviated
from extractor.values import is_placeholder

ROW_FIELD = "row"  # the item's row reference; not a value
_ROW_REF = re.compile(r"^\s*r?(\d+)")


class _Cells:
    """The cells of the rows shown, by row and left to right, and the header words over each."""

    def __init__(self, cells: Mapping[str, str], rows: set[int] | None, labels: Mapping[str, str]) -> None:
        self.labels = labels
        self.by_row: dict[int, list[tuple[str, str]]] = {}
        for ref, text in cells.items():
            r, c = cell_of(ref)
            if rows is None or r in rows:
                self.by_row.setdefault(r, []).append((ref, text))
        for line in self.by_row.values():
            line.sort(key=lambda rt: cell_of(rt[0])[1])
        self.order = sorted(self.by_row)

    def near(self, row: int, texts: list[str]) -> list[int]:
        """The row the item was read from: of the stated row and its neighbours, the one printing
        most of the item's texts (a model that numbers a window from its header row names every
        item one row up); the stated row wins a tie.  Only that row is searched: a figure the
        item's own row does not print is not borrowed from the next item's row."""
        rows = [r for r in (row, row - 1, row + 1) if r in self.by_row]
        if not rows:
            return []
        printed = {r: sum(any(_prints(cell, t, exact=True) for _, cell in self.by_row[r]) for t in texts) for r in rows}
        return [max(rows, key=lambda r: printed[r])]

    def find(
        self, text: str, row_order: list[int], taken: set[str], headers: list[str] | None, avoid: list[str]
    ) -> tuple[str, bool] | None:
        """The first untaken cell of ``row_order``'s rows printing ``text`` (whole, else within)
        and whether it prints it whole; with ``headers``, only a cell under a header the field is
        described by; never a cell under a header that describes another field of the item
        (``avoid``): a 完成率 copied from the 业绩指标 cell is the actual value, not the rate."""
        for r in row_order:
            for exact in (True, False):
                for ref, cell in self.by_row.get(r, []):
                    if ref in taken or not _prints(cell, text, exact=exact):
                        continue
                    label = self.labels.get(ref, "")
                    if headers is not None and not _named_by(label, headers):
                        continue
                    if headers is None and _named_by(label, avoid):
                        continue
                    return ref, exact
        return None


def locate(
    answer: BaseModel, cells: Mapping[str, str], rows: set[int] | None, labels: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Turn the copied texts of ``answer`` into picks in place; path → reason for texts not found.

    ``labels`` (reference → the header words over the cell) break ties between cells printing
    the same text."""
    index = _Cells(cells, rows, labels or {})
    missing: dict[str, str] = {}
    taken: set[str] = set()  # cells taken by fields outside items
    taken_in: dict[int, set[str]] = {}  # cells taken within each item
    orders: dict[int, list[int]] = {}  # the row each item was read from
    # first the fields whose text sits under a header naming them, then the rest left to right
    for by_header in (True, False):
        for path, owner, name, row in text_fields(answer):
            text = getattr(owner, name)
            if not text.strip() or is_placeholder(text) or PICK_RE.match(text):
                continue
            if row is None:
                order, where = index.order, "in the rows shown"
            else:
                if id(owner) not in orders:  # weighed once, on the texts as the model gave them
                    orders[id(owner)] = index.near(row, _item_texts(owner))
                order, where = orders[id(owner)], f"in row r{row}"
            used = taken if row is None else taken_in.setdefault(id(owner), set())
            found = index.find(text, order, used, _headers(owner, name) if by_header else None,
                               avoid=_other_headers(owner, name))
            if found is None:
                if not by_header:
                    missing[path] = (
                        f"{text!r} is not printed {where}; copy the text of the cell under the field's header"
                    )
                continue
            ref, whole = found
            used.add(ref)
            # a table cell is one value: a part of it (指标1：处理… copied without its 指标1：) stands
            # for the whole cell; a header field keeps the part (项目名称：X printed in one cell)
            setattr(owner, name, f"{ref}={text if whole or row is None else cells[ref]}")
    return missing


def text_fields(
    model: BaseModel, prefix: str = "", row: int | None = None
) -> Iterator[tuple[str, BaseModel, str, int | None]]:
    """(path, owner, field, the item's row or None) of every text field of an answer, in the
    schema's order (an item's ``row`` is where it is, not a field)."""
    own_row = _row_of(model)
    row = own_row if own_row is not None else row
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == ROW_FIELD:
            continue
        if isinstance(value, str):
            yield f"{prefix}{name}", model, name, row
        elif isinstance(value, BaseModel):
            yield from text_fields(value, f"{prefix}{name}.", row)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from text_fields(item, f"{prefix}{name}[{i}].", row)


def _headers(owner: BaseModel, name: str) -> list[str]:
    """The header words a field is described by (``年初预算数``, ``全年预算数 / 调整后预算数``)."""
    info = type(owner).model_fields.get(name)
    words = (info.description or "") if info is not None else ""
    return [w.split("(")[0].split(":")[0].strip() for w in words.split("/") if w.strip()]


def _other_headers(owner: BaseModel, name: str) -> list[str]:
    """The header words of the owner's other fields, less any that describe ``name`` too."""
    own = _headers(owner, name)
    return [h for other in type(owner).model_fields if other not in (name, ROW_FIELD)
            for h in _headers(owner, other) if h not in own]


def _named_by(label: str, headers: list[str]) -> bool:
    """The cell's header (``年度指标值·度量单位``, cut short) names the field."""
    label = label.split("·")[-1]
    return bool(label) and any(h and (label in h or h in label) for h in headers)


def _item_texts(item: BaseModel) -> list[str]:
    return [v for name, v in item if name != ROW_FIELD and isinstance(v, str) and v.strip()
            and not is_placeholder(v) and not PICK_RE.match(v)]


def _row_of(model: BaseModel) -> int | None:
    raw = getattr(model, ROW_FIELD, None)
    if not isinstance(raw, str):
        return None
    m = _ROW_REF.match(raw)
    return int(m.group(1)) if m else None


def _prints(cell: str, text: str, *, exact: bool) -> bool:
    """The cell prints ``text``: as its whole text (``exact``), else within it; a text ending in
    ``…`` is a long cell's start."""
    core, abbreviated = unabbreviated(text)
    quote = fold(core)
    whole = fold(cell)
    if not quote:
        return False
    if abbreviated:
        return len(quote) >= 4 and whole.startswith(quote[: max(4, len(quote) - 1)])
    number = number_of(text)
    if number is not None:  # 12 is printed as 12.00 or =12, never found inside 120
        if exact:
            return number_of(cell) == number
        return prints_number(cell, number)
    return whole == quote if exact else (len(quote) >= 2 and quote in whole)
