"""Precision, recall and F1 of extracted forms against gold, leaf by leaf.

Counting convention (slot filling): a leaf present on both sides with equal values is a true
positive; a wrong value is one false positive *and* one false negative; a leaf only in gold is
a false negative (missed), one only extracted a false positive (gold omits fields that are not
printed, so filling them is an error).  Leaves of a missed form are all false negatives, leaves
of a spurious form all false positives: finding the form is part of the job.

Counts are kept overall, per form type (the gold form's type; a spurious form's own type) and
per field path with list indices folded (``indicators[].score``, ``funds[total].executed``),
which is what tells a developer *which* field got worse.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eval.compare import Comparator
from eval.flatten import FUNDS, UNTAGGED, FlatForm, Leaf, Row, display, flat_from_gold, flat_from_record
from eval.match import KEY_FIELDS, funds_keys, match_forms, match_rows

PREDICTING_SEVERITIES = frozenset({"error", "warning"})
DOUBT_PREFIXES = ("LAYOUT_", "EXTRACT_")  # extraction doubts, not validator predictions


def _ratio(hit: int, wrong: int, other: int) -> float:
    """hit / (hit + wrong); with nothing on either side the score is perfect, not undefined."""
    if hit + wrong:
        return hit / (hit + wrong)
    return 1.0 if other == 0 else 0.0


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.fp, self.fn)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.fn, self.fp)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class RowCounts:
    """Rows of one list; a row is *exact* when it is matched and every field of it agrees."""

    gold: int = 0
    extracted: int = 0
    matched: int = 0
    exact: int = 0

    @property
    def missed(self) -> int:
        return self.gold - self.matched

    @property
    def spurious(self) -> int:
        return self.extracted - self.matched

    @property
    def row_level(self) -> Counts:
        return Counts(tp=self.exact, fp=self.extracted - self.exact, fn=self.gold - self.exact)

    def add(self, other: RowCounts) -> None:
        self.gold += other.gold
        self.extracted += other.extracted
        self.matched += other.matched
        self.exact += other.exact

    def to_dict(self) -> dict[str, Any]:
        counts = {k: getattr(self, k) for k in ("gold", "extracted", "matched", "missed", "spurious", "exact")}
        return {**self.row_level.to_dict(), **counts}


@dataclass
class FormCounts:
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    type_correct: int = 0  # matched forms whose extracted type equals the gold type
    layout_tagged: int = 0  # matched forms whose gold names its layout family
    layout_correct: int = 0  # … and whose extracted layout is that family

    @property
    def missed(self) -> int:
        return self.gold - self.matched

    @property
    def spurious(self) -> int:
        return self.extracted - self.matched

    @property
    def type_accuracy(self) -> float | None:
        return self.type_correct / self.matched if self.matched else None

    @property
    def layout_accuracy(self) -> float | None:
        return self.layout_correct / self.layout_tagged if self.layout_tagged else None

    def add(self, other: FormCounts) -> None:
        self.gold += other.gold
        self.extracted += other.extracted
        self.matched += other.matched
        self.type_correct += other.type_correct
        self.layout_tagged += other.layout_tagged
        self.layout_correct += other.layout_correct

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in ("gold", "extracted", "matched", "missed", "spurious")}
        accuracy = self.type_accuracy
        out["type_accuracy"] = None if accuracy is None else round(accuracy, 6)
        layout = self.layout_accuracy
        out["layout_accuracy"] = None if layout is None else round(layout, 6)
        return out


@dataclass(frozen=True)
class Mismatch:
    """One disagreement, with what a developer needs to see why."""

    form: str  # "gold form ↔ extracted form"
    path: str  # concrete: indicators[3].target.value, funds[total].executed
    kind: str  # wrong | missing | spurious
    expected: str = ""
    got: str = ""
    raw: str | None = None  # the extracted cell text
    where: str = ""  # the extracted source cell(s)
    context: str = ""  # the row's name


@dataclass
class DocScore:
    fields: Counts = field(default_factory=Counts)
    by_form_type: dict[str, Counts] = field(default_factory=dict)
    by_family: dict[str, Counts] = field(default_factory=dict)  # by the gold form's layout tag
    by_field: dict[str, Counts] = field(default_factory=dict)
    rows: dict[str, RowCounts] = field(default_factory=dict)
    forms: FormCounts = field(default_factory=FormCounts)
    findings: Counts | None = None  # only when the gold lists expected findings
    mismatches: list[Mismatch] = field(default_factory=list)
    form_pairs: list[str] = field(default_factory=list)  # "gold form ↔ extracted form", for diffs

    def add(self, other: DocScore) -> None:
        """Fold another document into this total (mismatches and pairs stay with their documents)."""
        self.fields.add(other.fields)
        for name, counts in other.by_form_type.items():
            self.by_form_type.setdefault(name, Counts()).add(counts)
        for name, counts in other.by_family.items():
            self.by_family.setdefault(name, Counts()).add(counts)
        for name, counts in other.by_field.items():
            self.by_field.setdefault(name, Counts()).add(counts)
        for name, rows in other.rows.items():
            self.rows.setdefault(name, RowCounts()).add(rows)
        self.forms.add(other.forms)
        if other.findings is not None:
            if self.findings is None:
                self.findings = Counts()
            self.findings.add(other.findings)


def score_document(
    gold_forms: Sequence[dict[str, Any]],
    got_forms: Sequence[Any],
    expected_findings: Sequence[dict[str, Any]] | None = None,
) -> DocScore:
    """Score one document: gold ``forms`` entries against extracted ``FormRecord``s."""
    gold = [flat_from_gold(form, i) for i, form in enumerate(gold_forms)]
    got = []
    for j, record in enumerate(got_forms):
        flat = flat_from_record(record)
        flat.index = j
        got.append(flat)
    return _Scorer(gold, got).run(expected_findings)


@dataclass(frozen=True)
class _Scope:
    """What every leaf of one (gold form, extracted form) pair shares."""

    label: str
    counts: Counts  # the form type's counts
    family: Counts  # the layout family's counts
    cmp: Comparator


class _Scorer:
    def __init__(self, gold: list[FlatForm], got: list[FlatForm]) -> None:
        self.gold = gold
        self.got = got
        self.score = DocScore()
        self.pairs: list[tuple[int, int]] = []
        self.row_maps: dict[int, dict[str, dict[int, int]]] = {}  # got form → list → got row → gold row

    def run(self, expected_findings: Sequence[dict[str, Any]] | None) -> DocScore:
        self.pairs = pairs = match_forms(self.gold, self.got)
        self.score.forms = FormCounts(
            gold=len(self.gold),
            extracted=len(self.got),
            matched=len(pairs),
            type_correct=sum(self.gold[i].schema_name == self.got[j].schema_name for i, j in pairs),
            layout_tagged=sum(self.gold[i].layout != UNTAGGED for i, _ in pairs),
            layout_correct=sum(self.gold[i].layout != UNTAGGED and self.gold[i].layout == self.got[j].layout
                               for i, j in pairs),
        )
        for i, j in pairs:
            self.row_maps[j] = self._form(self.gold[i], self.got[j])
        paired_gold, paired_got = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, form in enumerate(self.gold):
            if i not in paired_gold:
                self._form(form, None)
        for j, form in enumerate(self.got):
            if j not in paired_got:
                self.row_maps[j] = self._form(None, form)
        if expected_findings is not None:
            self.score.findings = self._findings(expected_findings)
        return self.score

    def _form(self, gold: FlatForm | None, got: FlatForm | None) -> dict[str, dict[int, int]]:
        form_type = gold.schema_name if gold else got.schema_name if got else "?"
        label = f"{gold.label() if gold else '(no gold form)'} ↔ {got.label() if got else '(not extracted)'}"
        self.score.form_pairs.append(label)
        scope = _Scope(
            label=label,
            counts=self.score.by_form_type.setdefault(form_type, Counts()),
            family=self.score.by_family.setdefault(gold.layout if gold else got.layout if got else UNTAGGED, Counts()),
            cmp=Comparator(gold.money_factor if gold else None, got.money_factor if got else None),
        )
        g_scalars, o_scalars = (gold.scalars if gold else {}), (got.scalars if got else {})
        for path in _union(g_scalars, o_scalars):
            self._leaf(scope, path, path, g_scalars.get(path), o_scalars.get(path))
        g_lists, o_lists = (gold.lists if gold else {}), (got.lists if got else {})
        row_map: dict[str, dict[int, int]] = {}
        for name in _union(g_lists, o_lists):
            row_map[name] = self._list(scope, name, g_lists.get(name, []), o_lists.get(name, []))
        return row_map

    def _list(self, scope: _Scope, name: str, gold: list[Row], got: list[Row]) -> dict[int, int]:
        pairs = match_rows(name, gold, got, lambda f, a, b: scope.cmp.equal(name, f, a, b))
        g_ids = funds_keys(gold) if name == FUNDS else [str(i) for i in range(len(gold))]
        o_ids = funds_keys(got) if name == FUNDS else [f"extra {j}" for j in range(len(got))]
        exact = 0
        for i, j in pairs:
            exact += self._row(scope, name, g_ids[i], gold[i], got[j])
        paired_gold, paired_got = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, row in enumerate(gold):
            if i not in paired_gold:
                self._row(scope, name, g_ids[i], row, None)
        for j, row in enumerate(got):
            if j not in paired_got:
                self._row(scope, name, o_ids[j], None, row)
        rows = RowCounts(gold=len(gold), extracted=len(got), matched=len(pairs), exact=exact)
        self.score.rows.setdefault(name, RowCounts()).add(rows)
        return {j: i for i, j in pairs}

    def _row(self, scope: _Scope, name: str, row_id: str, gold: Row | None, got: Row | None) -> bool:
        """Score one row's fields; True when the row is matched and entirely right."""
        g, o = gold or {}, got or {}
        fields = [f for f in _union(g, o) if not (name == FUNDS and f == "role")]
        key = KEY_FIELDS.get(name)
        named = (g.get(key) or o.get(key)) if key else None
        context = display(named.value) if named else ""
        group = f"{name}[{row_id.split('#')[0]}]" if name == FUNDS else f"{name}[]"
        exact = gold is not None and got is not None
        for f in fields:
            ok = self._leaf(scope, f"{name}[{row_id}].{f}", f"{group}.{f}", g.get(f), o.get(f), name, f, context)
            exact = exact and ok
        return exact

    def _leaf(
        self, scope: _Scope, path: str, group: str, gold: Leaf | None, got: Leaf | None,
        list_name: str | None = None, field_path: str | None = None, context: str = "",
    ) -> bool:  # fmt: skip
        """Count one leaf everywhere it belongs; ``path`` is concrete, ``group`` the folded path."""
        one = Counts()
        if gold is not None and got is not None and scope.cmp.equal(list_name, field_path or path, gold, got):
            one.tp = 1
        else:
            one.fp = int(got is not None)
            one.fn = int(gold is not None)
            kind = "wrong" if gold is not None and got is not None else "missing" if gold is not None else "spurious"
            self.score.mismatches.append(
                Mismatch(
                    form=scope.label, path=path, kind=kind,
                    expected=display(gold.value) if gold is not None else "",
                    got=display(got.value) if got is not None else "",
                    raw=got.raw if got is not None else None,
                    where=got.where if got is not None else "",
                    context=context,
                )
            )  # fmt: skip
        for target in (self.score.fields, scope.counts, scope.family, self.score.by_field.setdefault(group, Counts())):
            target.add(one)
        return one.tp == 1

    def _findings(self, expected: Sequence[dict[str, Any]]) -> Counts:
        """Validator findings as (gold form, code, field) triples; multiset precision/recall."""
        gold_keys: Counter[tuple[int | None, str, str]] = Counter()
        for item in expected:
            i = int(item.get("form", 0))
            form = self.gold[i] if 0 <= i < len(self.gold) else None
            gold_keys[(i, str(item.get("code", "")), _finding_field(str(item.get("field", "")), form, None))] += 1
        to_gold = {j: i for i, j in self.pairs}
        predicted: Counter[tuple[int | None, str, str]] = Counter()
        for j, form in enumerate(self.got):
            for code, severity, fld in form.findings:
                if severity in PREDICTING_SEVERITIES and not code.startswith(DOUBT_PREFIXES):
                    predicted[(to_gold.get(j), code, _finding_field(fld, form, self.row_maps.get(j, {})))] += 1
        hits = gold_keys & predicted
        for kind, side in (("missing", gold_keys - predicted), ("spurious", predicted - gold_keys)):
            for (i, code, fld), n in side.items():
                for _ in range(n):
                    self.score.mismatches.append(
                        Mismatch(form=f"gold form #{i}" if i is not None else "(spurious form)",
                                 path=f"finding {code} @ {fld}", kind=kind,
                                 expected=code if kind == "missing" else "", got=code if kind == "spurious" else "")
                    )  # fmt: skip
        tp = sum(hits.values())
        return Counts(tp=tp, fp=sum(predicted.values()) - tp, fn=sum(gold_keys.values()) - tp)


_INDEXED = re.compile(r"^([A-Za-z_]+)\[(\d+)\](.*)$")


def _finding_field(fld: str, form: FlatForm | None, row_map: dict[str, dict[int, int]] | None) -> str:
    """A finding's field path in gold terms: funds rows by role, other rows by gold row index.

    ``row_map`` is None for gold paths (already in gold indices) and the extracted form's
    row assignment for predicted paths; a predicted row with no gold partner becomes ``[extra N]``.
    """
    fld = fld.strip()
    m = _INDEXED.match(fld)
    if not m:
        return fld
    name, idx, rest = m.group(1), int(m.group(2)), m.group(3)
    if name == FUNDS:
        keys = funds_keys(form.lists.get(FUNDS, [])) if form else []
        return f"funds[{keys[idx]}]{rest}" if idx < len(keys) else fld
    if row_map is None:
        return fld
    gold_idx = row_map.get(name, {}).get(idx)
    return f"{name}[{gold_idx}]{rest}" if gold_idx is not None else f"{name}[extra {idx}]{rest}"


def _union(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """Keys of both, gold order first (stable output for diffs)."""
    return list(first) + [k for k in second if k not in first]
