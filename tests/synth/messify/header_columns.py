"""Where a one-row indicator header puts its columns, for the shapes that reprint such a table in
another county template (rubric_rows, method_column): each passes its own header words."""

from __future__ import annotations


def key(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


def find(row: list[str], words: tuple[str, ...]) -> int | None:
    """The first cell of ``row`` that starts with one of ``words``."""
    return next((c for c, t in enumerate(row) if any(key(t).startswith(w) for w in words)), None)


def indicator_columns(rows: list[list[str]], target_words: tuple[str, ...], actual_words: tuple[str, ...],
                      other_columns: tuple[str, ...], under: tuple[str, ...] = ()
                      ) -> tuple[int, tuple[int, int, int, int, int, int, int]] | None:
    """The header row and its 一级, 二级, 三级, 分值, target, actual and 得分 columns; None where the
    rows hold no indicator table, a column is missing, one of ``other_columns`` is printed, or the
    header goes on over a second row (三级指标 again, or one of ``under`` in it)."""
    head = next((r for r, row in enumerate(rows) if any(key(t) == "三级指标" for t in row)), None)
    if head is None or (head + 1 < len(rows) and any(
            key(t) == "三级指标" or any(w in key(t) for w in under) for t in rows[head + 1])):
        return None
    hrow = rows[head]
    cols = [find(hrow, ("一级指标",)), find(hrow, ("二级指标",)), find(hrow, ("三级指标",)),
            find(hrow, ("分值", "权重")), find(hrow, target_words), find(hrow, actual_words), find(hrow, ("得分",))]
    if any(w in key(t) for t in hrow for w in other_columns):
        return None
    l1c, l2c, namec, wc, tc, ac, sc = cols
    if l1c is None or l2c is None or namec is None or wc is None or tc is None or ac is None or sc is None:
        return None
    return head, (l1c, l2c, namec, wc, tc, ac, sc)
