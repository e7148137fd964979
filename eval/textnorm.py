"""Text normalisation shared by gold labelling and scoring.

Full-width forms, U+3000 and whitespace differ between copies of the same form; two texts that
differ only in those are the same label.  Long texts are stored in gold as digests of the
normalised text so that no source prose is copied into the repository.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

DIGEST_THRESHOLD = 30  # texts longer than this are stored as digests in gold files
_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFKC (full-width → half-width, U+3000 → space), then drop all whitespace."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def digest(text: str) -> dict[str, Any]:
    """The gold representation of a long text: hash, length and a short head for humans."""
    norm = normalize_text(text)
    return {
        "$text": "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest(),
        "len": len(norm),
        "head": norm[:6],
    }


def gold_text(text: str) -> str | dict[str, Any]:
    """A text as it is written into a gold file: itself when short, its digest when long."""
    return digest(text) if len(normalize_text(text)) > DIGEST_THRESHOLD else text


def text_matches(gold: str | dict[str, Any], got: str | None) -> bool:
    """Whether an extracted text equals a gold label (plain or digest)."""
    if got is None:
        return False
    if isinstance(gold, dict):
        return bool(digest(got)["$text"] == gold.get("$text"))
    return normalize_text(gold) == normalize_text(got)
