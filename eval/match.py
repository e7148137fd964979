"""Which extracted form is which gold form, and which extracted row is which gold row.

Both are optimal one-to-one assignments over a similarity score (see ``eval.assign``), with a
threshold below which two things are not the same thing at all: then the gold one counts as
missed and the extracted one as spurious, instead of as one badly wrong match.

Rows are candidates by name likeness (the name identifies an indicator; neighbours share their
figures), then ranked by name (60 %) and by how many other fields agree (40 %), which separates
rows of equal name.  Funds rows are not matched by likeness at all: the role (年度资金总额 →
``total``) is the row's identity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from eval.assign import max_weight_assignment
from eval.compare import text_similarity
from eval.flatten import FUNDS, FlatForm, Leaf, Row

# The field that names a row of each list (its identity for matching).
KEY_FIELDS: dict[str, str] = {
    "indicators": "name",
    "items": "name",  # score-sheet items
    "tasks": "name",
    "goal_list": "target",
    "groups": "name",
}
NAME_GATE = 0.5  # names less alike than this are different rows
UNNAMED_GATE = 0.75  # share of agreeing fields that pairs a row lacking its name
ROW_THRESHOLD = 0.5  # rows of lists without a naming field
FORM_THRESHOLD = 0.35  # same type with an unreadable header still pairs; another type needs a header
# Titles and years are often shared by every form of a document; project and unit names are not.
HEADER_WEIGHTS = {
    "header.project_name": 3.0,
    "header.unit_name": 2.0,
    "header.title": 1.0,
    "header.department": 1.0,
    "header.year": 1.0,
}
_ORDER_TIEBREAK = 0.01  # prefer document order between otherwise equal partners

FieldEqual = Callable[[str, Leaf, Leaf], bool]


def funds_keys(rows: Sequence[Row]) -> list[str]:
    """Each funds row's identity: its role, ``role#2`` … when a role repeats (line items)."""
    seen: Counter[str] = Counter()
    keys = []
    for row in rows:
        role = str(row["role"].value) if "role" in row else "?"
        seen[role] += 1
        keys.append(role if seen[role] == 1 else f"{role}#{seen[role]}")
    return keys


def match_rows(list_name: str, gold: Sequence[Row], got: Sequence[Row], equal: FieldEqual) -> list[tuple[int, int]]:
    """Pairs (gold row index, extracted row index) of one list."""
    if list_name == FUNDS:
        got_index = {key: j for j, key in enumerate(funds_keys(got))}
        return [(i, got_index[key]) for i, key in enumerate(funds_keys(gold)) if key in got_index]
    key = KEY_FIELDS.get(list_name)
    weights = [
        [_weight(row_similarity(g, o, key, equal), i, j, len(gold), len(got)) for j, o in enumerate(got)]
        for i, g in enumerate(gold)
    ]
    return max_weight_assignment(weights)


def row_similarity(gold: Row, got: Row, key: str | None, equal: FieldEqual) -> float:
    """0…1 likeness of two rows; 0 when they are not candidates for being the same row.

    Rows that both carry a name are candidates only when the names are alike (≥ NAME_GATE): the
    name is what identifies an indicator, and neighbouring rows share their figures (10/10) and
    their 一级/二级 cells.  Among candidates, agreement of the other fields decides (two rows
    named 受益群体满意度 under different 二级 headings).  A row without a name needs most of its
    other fields to agree, and ranks below any named match.
    """
    fields = (gold.keys() | got.keys()) - {key}
    agreeing = sum(1 for f in fields if f in gold and f in got and equal(f, gold[f], got[f]))
    agree = agreeing / len(fields) if fields else 0.0
    if key is not None and key in gold and key in got:
        name = text_similarity(gold[key].value, got[key].value)
        return 0.6 * name + 0.4 * agree if name >= NAME_GATE else 0.0
    if key is not None and (key in gold or key in got):  # one side has no name
        return 0.4 * agree if agree >= UNNAMED_GATE else 0.0
    return agree if agree >= ROW_THRESHOLD else 0.0


def form_similarity(gold: FlatForm, got: FlatForm) -> float:
    """Header likeness (weighted: the project / unit name tells forms of one document apart) + type."""
    pairs = [
        (weight, text_similarity(gold.scalars[k].value, got.scalars[k].value))
        for k, weight in HEADER_WEIGHTS.items()
        if k in gold.scalars and k in got.scalars
    ]
    total = sum(weight for weight, _ in pairs)
    header = sum(weight * sim for weight, sim in pairs) / total if total else 0.5
    same_type = 1.0 if gold.schema_name == got.schema_name else 0.0
    return 0.6 * header + 0.4 * same_type


def match_forms(gold: Sequence[FlatForm], got: Sequence[FlatForm]) -> list[tuple[int, int]]:
    """Pairs (gold form index, extracted form index); a form of the wrong type may still pair."""
    weights = [
        [_weight(form_similarity(g, o), i, j, len(gold), len(got), FORM_THRESHOLD) for j, o in enumerate(got)]
        for i, g in enumerate(gold)
    ]
    return max_weight_assignment(weights)


def _weight(similarity: float, i: int, j: int, n: int, m: int, threshold: float = 0.0) -> float:
    if similarity <= 0.0 or similarity < threshold:
        return 0.0
    return similarity + _ORDER_TIEBREAK * _closeness(i, j, n, m)


def _closeness(i: int, j: int, n: int, m: int) -> float:
    """1 when two items sit at the same relative place in their lists, 0 at opposite ends."""
    return 1.0 - abs(i / max(n - 1, 1) - j / max(m - 1, 1))
