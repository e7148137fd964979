"""How the validator reads a value's text: stripped, placeholder-aware, weights cut from names.

A leaf module: the context, the profiles and every rule module read values the same way, and
none of them needs another to do it.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.vocab.placeholders import says_nothing

_SPACES = re.compile(r"[\s\u3000]+")
_STATED = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def text(value: Any) -> str:
    """The stripped string inside a ``Value[str]`` (or a bare string), '' otherwise."""
    raw = getattr(value, "value", value)
    return _SPACES.sub("", raw) if isinstance(raw, str) else ""


def is_placeholder(value: Any) -> bool:
    """The value says nothing: a blank mark, or 无/空 (a deviation reason of "无" is no reason).
    The words are ``extractor.vocab.placeholders``', shared with the readers."""
    return says_nothing(text(value))


def norm_name(name: str) -> str:
    """A header name without its stated weight or spacing: 产出指标（50分） → 产出指标."""
    return _STATED.sub("", _SPACES.sub("", name or ""))


def is_sub_row(indicator: Any) -> bool:
    """A "其中…" row details its parent and carries no weight of its own (衔接资金 template)."""
    return text(getattr(indicator, "name", None)).lstrip("★").startswith("其中")
