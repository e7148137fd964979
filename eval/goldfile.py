"""Loading gold files and checking them against the schemas (format: ``eval/gold/README.md``).

Gold is hand-labelled, and a typo (``excuted`` for ``executed``, ``"76%"`` for ``"76"``) would
otherwise sit in the data as a label no extractor can ever hit.  So every gold form is walked
alongside its pydantic schema and each unknown key or ill-typed value is reported with its path;
such a file is not scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from eval.compare import to_decimal

EVAL_DIR = Path(__file__).resolve().parent
REPO_ROOT = EVAL_DIR.parent  # gold `source` paths are relative to this
GOLD_DIR = EVAL_DIR / "gold"
TOP_LEVEL_KEYS = frozenset({"source", "source_sha256", "notes", "forms", "expected_findings"})
_UNLABELLED = frozenset({"schema_version", "form_index", "findings"})  # never labelled; ignored
_MEASURE_KEYS = frozenset({"operator", "value", "unit", "text"})


@dataclass
class GoldDoc:
    """One gold file, loaded."""

    path: Path
    name: str  # "seeds/000_613c8e2685e6b215": unique within a run, used for diff file names
    source: Path  # resolved against the repository root
    source_sha256: str | None
    forms: list[dict[str, Any]]
    expected_findings: list[dict[str, Any]] | None  # None: the file does not label findings
    problems: list[str] = field(default_factory=list)  # format errors; the file is not scored


def find_gold_files(paths: list[Path] | None) -> list[Path]:
    """The given files, directories expanded to their ``*.json``; default: all of eval/gold."""
    roots = paths or [GOLD_DIR]
    found: list[Path] = []
    for root in roots:
        found.extend(sorted(root.rglob("*.json")) if root.is_dir() else [root])
    return found


def load_gold(path: Path) -> GoldDoc:
    """Read and check one gold file; unreadable or malformed content lands in ``problems``."""
    name = _doc_name(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return GoldDoc(path, name, path, None, [], None, [f"cannot read gold file: {exc}"])
    if not isinstance(data, dict):
        return GoldDoc(path, name, path, None, [], None, ["a gold file is a JSON object"])
    source = str(data.get("source", ""))
    forms = data.get("forms") if isinstance(data.get("forms"), list) else []
    findings = data.get("expected_findings")
    return GoldDoc(
        path=path,
        name=name,
        source=(REPO_ROOT / source).resolve() if source else path,
        source_sha256=data.get("source_sha256") or None,
        forms=forms,
        expected_findings=findings if isinstance(findings, list) else None,
        problems=check_gold(data),
    )


def check_gold(data: dict[str, Any]) -> list[str]:
    """Every format problem of a parsed gold file, as ``path: what is wrong``."""
    from schemas import FORM_TYPES

    problems = [f"{key}: unknown top-level key" for key in data if key not in TOP_LEVEL_KEYS]
    if not isinstance(data.get("source"), str) or not data["source"]:
        problems.append("source: missing (path of the document, relative to the repository root)")
    forms = data.get("forms")
    if not isinstance(forms, list):
        return [*problems, "forms: missing or not a list"]
    for i, form in enumerate(forms):
        where = f"forms[{i}]"
        model = FORM_TYPES.get(form.get("schema_name")) if isinstance(form, dict) else None
        if model is None:
            problems.append(f"{where}.schema_name: not one of {sorted(FORM_TYPES)}")
            continue
        layout = form.get("layout")
        if layout is not None and (not isinstance(layout, str) or not layout):
            problems.append(f"{where}.layout: the layout family's name (a registered layout, e.g. \"table\")")
        _check_model(model, {k: v for k, v in form.items() if k not in ("schema_name", "layout")}, where, problems)
    findings = data.get("expected_findings")
    if findings is not None:
        if not isinstance(findings, list):
            problems.append("expected_findings: not a list")
        else:
            for i, item in enumerate(findings):
                ok = isinstance(item, dict) and isinstance(item.get("code"), str) and isinstance(item.get("field"), str)
                form_no = item.get("form") if isinstance(item, dict) else None
                if not ok or not isinstance(form_no, int) or not 0 <= form_no < len(forms):
                    problems.append(f"expected_findings[{i}]: needs form (index into forms), code and field")
    return problems


def _check_model(model: type, data: Any, where: str, problems: list[str]) -> None:
    if not isinstance(data, dict):
        problems.append(f"{where}: expected an object")
        return
    fields = model.model_fields  # type: ignore[attr-defined]
    for key, info in fields.items():
        if info.is_required() and key not in data:
            problems.append(f"{where}.{key}: required")
    for key, value in data.items():
        if key in _UNLABELLED:
            continue
        if key not in fields:
            problems.append(f"{where}.{key}: unknown field of {model.__name__}")
            continue
        _check_node(fields[key].annotation, value, f"{where}.{key}", problems)


def _check_node(annotation: Any, value: Any, where: str, problems: list[str]) -> None:
    from pydantic import BaseModel

    from schemas.common import Value

    if value is None:
        return
    if isinstance(annotation, type) and issubclass(annotation, Value):
        _check_leaf(annotation.__pydantic_generic_metadata__["args"][0], value, where, problems)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        _check_model(annotation, value, where, problems)
    elif get_origin(annotation) is list:
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list")
            return
        for i, item in enumerate(value):
            _check_node(get_args(annotation)[0], item, f"{where}[{i}]", problems)
    else:
        _check_leaf(annotation, value, where, problems)


def _check_leaf(kind: Any, value: Any, where: str, problems: list[str]) -> None:
    """A plain gold value against the type its ``Value[...]`` (or plain field) holds."""
    from schemas.common import Measure

    if kind is Measure:
        if not isinstance(value, dict) or not set(value) <= _MEASURE_KEYS:
            problems.append(f"{where}: a measure is an object with {sorted(_MEASURE_KEYS)}")
            return
        _check_leaf(Measure.model_fields["operator"].annotation, value.get("operator"), f"{where}.operator", problems)
        _check_leaf(Decimal, value.get("value"), f"{where}.value", problems)
        for key in ("unit", "text"):
            _check_leaf(str, value.get(key), f"{where}.{key}", problems)
        return
    if value is None:
        return
    allowed = _literal_values(kind)
    if allowed is not None:
        if value not in allowed:
            problems.append(f"{where}: {value!r} is not one of {allowed}")
    elif kind is Decimal:
        if not isinstance(value, str) or to_decimal(value) is None or value.strip().endswith("%"):
            problems.append(f'{where}: numbers are strings of their decimal value, e.g. "76" for 76%')
    elif kind is bool and not isinstance(value, bool):
        problems.append(f"{where}: expected true or false")
    elif kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        problems.append(f"{where}: expected an integer")
    elif kind is str and not (isinstance(value, str) or _is_digest(value)):
        problems.append(f"{where}: expected a text or a digest object")


def _is_digest(value: Any) -> bool:
    return isinstance(value, dict) and str(value.get("$text", "")).startswith("sha256:")


def _literal_values(kind: Any) -> list[Any] | None:
    """Allowed values of a ``Literal`` (or ``Literal | None``); None for any other type."""
    if get_origin(kind) is Literal:
        return list(get_args(kind))
    args = get_args(kind)
    literals = [arg for arg in args if get_origin(arg) is Literal]
    if literals and all(get_origin(arg) is Literal or arg is type(None) for arg in args):
        return [value for arg in literals for value in get_args(arg)]
    return None


def _doc_name(path: Path) -> str:
    """Path below eval/gold without ``.json`` (or just the stem for files elsewhere)."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(GOLD_DIR.resolve()).with_suffix("").as_posix()
    except ValueError:
        return resolved.stem
