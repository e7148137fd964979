"""Table-building blocks the families share: header lines, funds block, goals, indicator block.

Each block appends rows to a ``Grid`` of a fixed width and, where a cell's printed text
differs from the model's default (a target printed without its operator because the layout
has an operator column), writes the printed text back into the model, so gold follows print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tests.synth.model import FundsLine, Grid, Indicator, plain
from tests.synth.style import Style


def spans(k: int, n: int) -> list[int]:
    """``k`` column spans, as equal as possible, adding to ``n``."""
    base = [n // k] * k
    for i in range(n - sum(base)):
        base[i] += 1
    return base


def pairs_row(grid: Grid, style: Style, pairs: list[tuple[str, str]]) -> None:
    """One header line of label/value pairs (项目名称 | X | 主管部门 | Y) across the width."""
    items: list[str | tuple[str, int]] = []
    for width, (label, value) in zip(spans(len(pairs), grid.table.n_cols), pairs, strict=False):
        label_span = max(1, min(2, width // 3))
        items += [(style.label(label), label_span), (value, width - label_span)]
    grid.row(*items)


def full_row(grid: Grid, text: str) -> None:
    grid.row((text, grid.table.n_cols))


FundsColumn = tuple[str, Callable[[FundsLine], str]]


def funds_columns(style: Style, keys: list[str], labels: dict[str, str]) -> list[FundsColumn]:
    """(header, printer) per funds column key: initial, budget, executed, weight, rate, score."""
    printers: dict[str, Callable[[FundsLine], str]] = {
        "initial": lambda f: style.money(f.initial),
        "budget": lambda f: style.money(f.budget),
        "executed": lambda f: style.money(f.executed),
        "weight": lambda f: style.points(f.weight),
        "rate": lambda f: style.rate(f.rate),
        "score": lambda f: style.points(f.score),
    }
    out: list[FundsColumn] = []
    for k in keys:
        label = style.wording.word(k, labels[k]) if k in ("initial", "budget", "executed", "rate") else labels[k]
        if k == "rate":
            label = style.rate_label(label)
        elif k in ("initial", "budget", "executed"):
            label = style.money_label(label)
        out.append((label, printers[k]))
    return out


def funds_block(grid: Grid, style: Style, caption: str, rows: list[FundsLine], columns: list[FundsColumn]) -> None:
    """A caption cell spanning the block's rows, the row labels, then one column per figure."""
    n = grid.table.n_cols
    label_span = n - 1 - len(columns)
    assert label_span >= 1, "funds block wider than the table"
    grid.row((caption, 1, len(rows) + 1), ("", label_span), *[style.label(h) for h, _ in columns])
    for line in rows:
        grid.row((line.label, label_span), *[p(line) for _, p in columns])


def goals_block(grid: Grid, style: Style, caption: str, heads: tuple[str, str], texts: tuple[str, str]) -> None:
    n = grid.table.n_cols - 1
    a, b = spans(2, n)
    grid.row((style.label(caption), 1, 2), (heads[0], a), (heads[1], b))
    grid.row((texts[0], a), (texts[1], b))


Column = tuple[str, str]  # (key, header label); a label "年度|指标值" splits over two header rows


def worded(style: Style, columns: list[Column], floor: int = 0) -> list[Column]:
    """The indicator columns in the document's words and order (``wording.py``).

    A column under a heading it shares with others (Sichuan's 年度指标值 over 性质/值/单位) keeps
    its words; with ``weight_first`` the 分值 column moves to just after 三级指标; with
    ``levels_joined`` 一级 and 二级 share one column ("l12") where the table stays ``floor`` wide.
    """
    tops = [label.split("|")[0] for _, label in columns if "|" in label]
    out = [(key, label if "|" in label and tops.count(label.split("|")[0]) > 1
            else style.wording.word(key, label)) for key, label in columns]
    keys = [key for key, _ in out]
    if style.wording.weight_first and "weight" in keys and "l3" in keys:
        weight = out.pop(keys.index("weight"))
        out.insert([key for key, _ in out].index("l3") + 1, weight)
    keys = [key for key, _ in out]
    if style.wording.levels_joined and {"l1", "l2"} <= set(keys) and len(out) - 1 >= floor:
        out[keys.index("l1")] = ("l12", style.wording.levels_header)
        out.pop(keys.index("l2"))
    return out


def indicator_block(
    grid: Grid, style: Style, rows: list[Indicator], columns: list[Column], *,
    points: dict[str, str] | None = None, lead: str | None = None,
) -> None:  # fmt: skip
    """Header row(s) and one row per indicator; 一级/二级 merged over their rows (or repeated).

    A label ``top|bottom`` prints over two header rows when the style asks for it; adjacent
    columns sharing ``top`` get one heading spanning them.

    ``points`` maps a 一级 name to the （N分） it prints; ``lead`` puts a caption cell (绩效指标)
    spanning the whole block in a first column.  Targets are rewritten to their printed text.
    """
    two = style.two_row_header and any("|" in label for _, label in columns)
    n_head = 2 if two else 1
    lead_item: list[str | tuple[str, int] | tuple[str, int, int]] = (
        [(style.label(lead), 1, n_head + len(rows))] if lead is not None else []
    )
    if two:
        first: list[str | tuple[str, int] | tuple[str, int, int]] = []
        second: list[str | tuple[str, int] | tuple[str, int, int]] = []
        k = 0
        while k < len(columns):
            label = columns[k][1]
            if "|" not in label:
                first.append((style.label(label), 1, 2))
                k += 1
                continue
            top = label.split("|")[0]
            width = 0
            while k + width < len(columns) and columns[k + width][1].startswith(top + "|"):
                second.append(columns[k + width][1].split("|")[1])
                width += 1
            first.append((top, width))  # a group heading over its columns (年度指标值 over 性质/值/单位)
            k += width
        grid.row(*lead_item, *first)
        grid.row(*second)
    else:
        tops = [label.split("|")[0] for _, label in columns if "|" in label]
        grid.row(*lead_item, *[style.label(_one_row(label, tops)) for _, label in columns])
    keys = [key for key, _ in columns]
    runs1 = runs([r.level1 for r in rows])
    runs2 = runs([(r.level1, r.level2) for r in rows])
    for i, row in enumerate(rows):
        _print_measures(row, keys)
        items: list[str | tuple[str, int] | tuple[str, int, int]] = []
        for key in keys:
            if key in ("l1", "l2", "l12"):
                run = (runs1 if key == "l1" else runs2).get(i)
                text = row.level1 if key != "l2" else row.level2
                if key != "l2" and points and text in points:
                    text = f"{text}（{points[text]}分）"
                if key == "l12":
                    text += style.wording.levels_join + row.level2
                if style.repeat_merged:
                    items.append(text)
                elif run is not None:
                    items.append((text, 1, run))
                continue
            items.append(_cell(style, row, key))
        grid.row(*items)


def _one_row(label: str, tops: list[str]) -> str:
    """A two-row label on one row: 年度|指标值 → 年度指标值, but a shared heading's column keeps
    its own word (年度指标值|指标性质 → 指标性质)."""
    if "|" not in label:
        return label
    top, bottom = label.split("|")
    return bottom if tops.count(top) > 1 else top + bottom


def runs(values: list[object]) -> dict[int, int]:
    """First index of each run of equal values → the run's length."""
    out: dict[int, int] = {}
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            out[start] = i - start
            start = i
    return out


def _print_measures(row: Indicator, keys: list[str]) -> None:
    """Set the target's printed text for this layout (no operator beside an operator column)."""
    if "nature" in keys:
        row.nature = "定性" if row.target.op in ("qualitative", None) and row.target.value is None else (
            row.target.glyph or "=")
        if row.target.op not in ("qualitative",):
            bare = row.target.bare
            if "unit" in keys and row.target.unit and bare.endswith(row.target.unit):
                bare = bare[: -len(row.target.unit)]
            row.target = replace(row.target, text=bare, op=row.target.op or "=")
    if "unit" in keys:
        row.unit = row.target.unit or None


def _cell(style: Style, row: Indicator, key: str) -> str:
    if key == "l3":
        return row.name
    if key == "nature":
        return row.nature or ""
    if key == "unit":
        return row.unit or ""
    if key == "target":
        return row.target.text
    if key == "actual":
        return row.actual.text if row.actual else ""
    if key == "weight":
        return "" if row.weight is None else plain(row.weight)
    if key == "score":
        return "" if row.score is None else plain(row.score)
    if key == "reason":
        return row.reason
    if key == "completion":
        return row.completion or ""
    raise KeyError(key)
