"""Exports never create formulas: text that a spreadsheet would evaluate stays text.

A target printed as ``=12个月`` or a cell an attacker typed as ``=HYPERLINK(…)`` must reach the
operator as the characters printed.  In xlsx every text cell is written with the string data
type (openpyxl would otherwise store a leading ``=`` as a formula); CSV has no types, so a text
field that starts with ``= + - @`` (or TAB/CR, which some programs strip before evaluating) gets
a leading apostrophe, the neutralisation OWASP recommends and Excel hides on display.  Numbers
are written as numbers and never prefixed, so a negative amount stays a number.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_field(value: Any) -> Any:
    """A CSV field that no spreadsheet evaluates: risky text is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def set_text(cell: Any, text: str) -> None:
    """Store ``text`` in an openpyxl cell as a string, whatever it starts with."""
    cell.value = xml_text(text)
    cell.data_type = "s"


def set_value(cell: Any, value: Any) -> None:
    """Numbers and booleans as themselves, everything else as text (never a formula)."""
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        set_text(cell, "是" if value else "否")
    elif isinstance(value, (int, float)):
        cell.value = value
    else:
        set_text(cell, str(value))


def xml_text(text: str) -> str:
    """Text as a cell can hold it: control characters XML refuses become U+FFFD (openpyxl raises on them)."""
    return _XML_ILLEGAL.sub("\ufffd", text)
