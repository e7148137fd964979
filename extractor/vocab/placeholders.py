"""What a cell prints when it holds nothing, and the words that answer "none".

Two different things, kept apart on purpose, for readers and validator alike:
- ``BLANK_MARKS`` (``—``, ``/``, ``…``, ``×`` …) are not values: a reader leaves the field empty;
- ``NONE_WORDS`` (``无``, ``空``) are printed answers: a reader keeps ``无`` as the value the form
  prints (the gold labels it), while a check asking "does the form give a reason / a target?"
  finds that the text says nothing.
``is_blank`` and ``says_nothing`` answer the two questions; nothing else defines placeholders.
"""

from __future__ import annotations

from extractor.vocab.key import squash

BLANK_MARKS = frozenset({"", "—", "——", "-", "--", "/", "／", "…", "……", "\\", "×", "*", "**", "—%", "—/—"})
NONE_WORDS = frozenset({"无", "空"})


def is_blank(text: str) -> bool:
    """The cell prints a placeholder mark, not a value (compared on the matching key)."""
    return squash(text) in BLANK_MARKS


def says_nothing(text: str) -> bool:
    """The text is blank or only answers "none": no reason, no target, no content."""
    key = squash(text)
    return key in BLANK_MARKS or key in NONE_WORDS
