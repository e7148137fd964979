"""The JSON exports: the full extraction, and a compact view of values only.

The full JSON carries, for every value, the text it was read from, its cells and character
spans, its confidence and backend — 30–100× the input, which is what re-validation and the
web page need.  Someone who wants the data (a database load, a quick look) needs only the values
and the findings' codes and messages: ``compact`` keeps exactly that.
"""

from __future__ import annotations

import json
from typing import Any

_FINDING_KEEP = ("code", "severity", "message_zh", "message_en", "fields")
_DOCUMENT_KEEP = ("source", "sha256", "media_type", "backend", "error", "warnings", "corrections")


def full(output: dict[str, Any]) -> bytes:
    return (json.dumps(output, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def compact(output: dict[str, Any]) -> bytes:
    """Values only: no provenance (cells, spans, raw text, confidence), one line per document."""
    docs = [_document(d) for d in output.get("documents", [])]
    body = ",\n".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in docs)
    return ('{"documents":[\n' + body + "\n]}\n").encode("utf-8")


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    out = {k: doc[k] for k in _DOCUMENT_KEEP if doc.get(k)}
    out["forms"] = [_form(f) for f in doc.get("forms", [])]
    return out


def _form(form: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, node in form.items():
        if key == "findings":
            out[key] = [{k: f[k] for k in _FINDING_KEEP if k in f} for f in node]
        else:
            out[key] = values_only(node)
    return out


def values_only(node: Any) -> Any:
    """A dumped form with each traced value (``{value, raw, source, …}``) replaced by its value."""
    if isinstance(node, dict):
        if "value" in node and "source" in node and "confidence" in node:
            return node["value"]
        return {k: values_only(v) for k, v in node.items()}
    if isinstance(node, list):
        return [values_only(x) for x in node]
    return node
