"""Extracted records and gold forms brought to one comparable shape.

Gold files hold plain values (numbers as strings, long texts as digests); extracted records hold
``Value`` objects with provenance.  Scoring compares leaves by path, so both sides are flattened
to a ``FlatForm``: scalar leaves by dotted path (``header.title``, ``totals.score``) and list
rows (``funds``, ``indicators`` …) as dicts of dotted field paths (``target.value``).  Extracted
leaves keep their raw text and source cells so that a diff can say where a wrong value came from.
Metadata that is not a label — ``findings``, ``schema_version``, ``form_index``, ``layout``, a
Value's confidence and backend — is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from schemas import FormRecord

IGNORED_FIELDS = frozenset({"findings", "schema_version", "form_index", "schema_name", "layout"})
MONEY_FACTORS = {"万元": Decimal(10000), "元": Decimal(1)}
UNTAGGED = "untagged"  # a gold form with no layout tag, a record no registry read
FUNDS = "funds"  # rows keyed by role, not by similarity
_LABEL_KEYS = ("header.project_name", "header.title", "header.unit_name")  # what names a form in reports


@dataclass(frozen=True)
class Leaf:
    """One labelled value; ``raw``/``where`` are set for extracted leaves only."""

    value: Any  # str | int | bool | Decimal | digest dict {"$text", "len", "head"}
    raw: str | None = None
    where: str = ""  # source cells, e.g. "g0:r5c3"


Row = dict[str, Leaf]


@dataclass
class FlatForm:
    """A form as leaves: what scoring and matching work on."""

    schema_name: str
    index: int
    layout: str = UNTAGGED  # the layout family: the gold's tag, or the reader that read the record
    scalars: dict[str, Leaf] = field(default_factory=dict)
    lists: dict[str, list[Row]] = field(default_factory=dict)
    # (code, severity, first field) of each finding — extracted side only
    findings: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def money_factor(self) -> Decimal | None:
        """元 per printed money unit, or None when the form does not say."""
        unit = self.scalars.get("header.money_unit")
        return MONEY_FACTORS.get(str(unit.value)) if unit else None

    def label(self) -> str:
        """``#0 project_self_eval 「云阳县…」`` for reports."""
        title = next((self.scalars[k] for k in _LABEL_KEYS if k in self.scalars), None)
        shown = display(title.value) if title else "(untitled)"
        return f"#{self.index} {self.schema_name} 「{shown}」"


def flat_from_record(form: FormRecord) -> FlatForm:
    """Flatten an extracted ``FormRecord``."""
    tree = _from_model(form)
    findings = [(f.code, f.severity, f.fields[0] if f.fields else "") for f in form.findings]
    flat = _split(tree, form.schema_name, form.form_index)
    flat.findings = findings
    flat.layout = form.layout.name if form.layout is not None else UNTAGGED
    return flat


def flat_from_gold(form: dict[str, Any], index: int) -> FlatForm:
    """Flatten one entry of a gold file's ``forms`` list."""
    tree = {k: n for k, v in form.items() if k not in IGNORED_FIELDS and (n := _from_gold(v)) is not None}
    flat = _split(tree, str(form.get("schema_name", "")), index)
    layout = form.get("layout")
    flat.layout = layout if isinstance(layout, str) and layout else UNTAGGED
    return flat


def display(value: Any) -> str:
    """A leaf value as one short line of a report."""
    if isinstance(value, dict) and "$text" in value:
        return f"<digest {str(value['$text'])[7:15]}… len {value.get('len')} head {value.get('head')!r}>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _split(tree: dict[str, Any], schema_name: str, index: int) -> FlatForm:
    flat = FlatForm(schema_name=schema_name, index=index)
    for name, node in tree.items():
        if isinstance(node, list):
            flat.lists[name] = [_paths(row) if isinstance(row, dict) else {} for row in node]
        elif isinstance(node, dict):
            flat.scalars.update(_paths(node, name + "."))
        else:
            flat.scalars[name] = node
    return flat


def _paths(node: dict[str, Any], prefix: str = "") -> dict[str, Leaf]:
    """Nested dicts of leaves → ``{"a.b": leaf}``."""
    out: dict[str, Leaf] = {}
    for key, child in node.items():
        if isinstance(child, Leaf):
            out[prefix + key] = child
        elif isinstance(child, dict):
            out.update(_paths(child, f"{prefix}{key}."))
        elif isinstance(child, list):  # no schema nests lists in rows today; keep them scoreable
            for i, item in enumerate(child):
                if isinstance(item, dict):
                    out.update(_paths(item, f"{prefix}{key}[{i}]."))
                elif isinstance(item, Leaf):
                    out[f"{prefix}{key}[{i}]"] = item
    return out


def _from_model(model: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        if name in IGNORED_FIELDS:
            continue
        node = _from_field(getattr(model, name))
        if node is not None:
            out[name] = node
    return out


def _from_field(obj: Any) -> Any:
    from pydantic import BaseModel

    from schemas.common import Measure, Value

    if isinstance(obj, Value):
        return _from_value(obj, Measure)
    if isinstance(obj, BaseModel):
        return _from_model(obj) or None
    if isinstance(obj, list):
        # keep empty rows (indices must not shift: findings name rows by index); no list → None
        return [_from_field(item) or {} for item in obj] or None
    if obj is None or (isinstance(obj, str) and not obj.strip()):
        return None
    return Leaf(obj)  # plain fields: FundsRow.role, IndicatorGroup.level / name


def _from_value(value: Any, measure_type: type) -> Any:
    inner = value.value
    if inner is None:
        return None
    where = ", ".join(ref.label() for ref in value.source)
    if isinstance(inner, measure_type):
        parts = {
            key: Leaf(part, value.raw, where)
            for key in ("operator", "value", "unit", "text")
            if (part := getattr(inner, key)) is not None and part != ""
        }
        return parts or None
    if isinstance(inner, str) and not inner.strip():
        return None
    return Leaf(inner, value.raw, where)


def _from_gold(obj: Any) -> Any:
    if obj is None:
        return None
    if isinstance(obj, dict):
        if "$text" in obj:
            return Leaf(obj)
        out = {k: n for k, v in obj.items() if (n := _from_gold(v)) is not None}
        return out or None
    if isinstance(obj, list):
        return [_from_gold(item) or {} for item in obj] or None
    if isinstance(obj, str) and not obj.strip():
        return None
    return Leaf(obj)
