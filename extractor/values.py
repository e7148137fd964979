"""Read numbers, percentages and measures out of printed cell text.

Cells print ``10□``, ``100.00%``, ``≧2``, ``>=21933人``, ``≤10万元``, ``—`` and ``达成预期指标``;
these helpers turn such text into typed values and say when a cell is only a placeholder.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from extractor.vocab.key import drop_ruby as drop_ruby  # re-exported with the key
from extractor.vocab.key import squash as squash  # re-exported: readers import the key from here
from extractor.vocab.operators import OPERATOR_PREFIXES, OPERATOR_SUFFIXES
from extractor.vocab.placeholders import is_blank
from schemas.common import Measure, Operator

_NUM = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?")
# a figure typed in full width groups its thousands with the full-width comma, which the matching
# key keeps (it separates list items in texts); only beside full-width digits is it certain
_FULLWIDTH_GROUPS = re.compile(r"[-+]?\d{1,3}(?:，\d{3})+(?:\.\d+)?")
_FULLWIDTH_DIGIT = re.compile(r"[０-９]")


def is_placeholder(text: str) -> bool:
    """A blank mark, not a value (``extractor.vocab.placeholders``: 无 is a printed value)."""
    return is_blank(text)


def parse_decimal(text: str) -> Decimal | None:
    """The number a cell prints, when the cell is a number (``10``, ``8.75``, ``1,234.5``, ``10万元``)."""
    t = squash(text)
    if is_placeholder(t):
        return None
    t = t.removesuffix("万元").removesuffix("元").removesuffix("分")
    if _FULLWIDTH_GROUPS.fullmatch(t) and _FULLWIDTH_DIGIT.search(text):
        t = t.replace("，", ",")  # typed in full width (８，０５０．００): its comma groups thousands too
    if not re.fullmatch(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?", t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def parse_percent(text: str) -> Decimal | None:
    """A rate as a number of percent: ``76%`` → 76, ``100.00%`` → 100.00, ``0.76`` stays 0.76."""
    return parse_decimal(re.sub(r"[％%][\s\u3000]*$", "", text.strip()))  # the raw text: its width matters


def is_numeric(text: str) -> bool:
    return parse_decimal(text) is not None or (squash(text).endswith("%") and parse_percent(text) is not None)


def normalize_operator(sign: str) -> Operator | None:
    for pattern, op in OPERATOR_PREFIXES:
        if pattern.match(sign):
            return op
    return None


def parse_measure(text: str, *, operator_hint: str | None = None, unit_hint: str | None = None) -> Measure | None:
    """A target/actual cell as a Measure; None for placeholders.

    ``operator_hint``/``unit_hint`` come from separate 指标性质 / 度量单位 columns when the layout
    prints them apart from the value.  A mirror's inline pinyin (``338萬(wàn)元``) is no part of it.
    """
    raw = drop_ruby(text.strip().replace("\u3000", " ").strip())
    t = squash(raw)
    if is_placeholder(t):
        return None
    op: Operator | None = None
    rest = t
    for pattern, sign in OPERATOR_PREFIXES:
        m = pattern.match(rest)
        if m:
            op, rest = sign, rest[m.end():]
            break
    if op is None:
        for pattern, sign in OPERATOR_SUFFIXES:
            m = pattern.search(rest)
            if m and _NUM.match(rest):
                op, rest = sign, rest[: m.start()]
                break
    if op is None and operator_hint:
        op = normalize_operator(squash(operator_hint))
    m = _NUM.match(rest)
    if m is not None and not _is_date(t) and (not rest[m.end():] or _looks_like_unit(rest[m.end():])):
        tail = rest[m.end():]
        unit = tail or (squash(unit_hint) if unit_hint and not is_placeholder(unit_hint) else None)
        return Measure(operator=op, value=_dec(m.group(0)), unit=unit or None, text=raw)
    return _embedded_measure(rest, op, raw)


_DATE_PART = re.compile(r"\d{4}年度?|\d{1,2}月(份|底|末|初|中旬|上旬|下旬)?|\d{1,2}日|\d{1,2}号")
_ENUMERATOR = re.compile(r"(^|[。；;，,：:\s])\d{1,2}[.、．)）](?!\d)")
_UNIT_AFTER = re.compile(r"^(%|万元|亿元|元/[^\d，。；;,]{1,4}|元|个月|[\u4e00-\u9fff]{1,2}(?=$|[，。；;,、）)]))")
_QUOTED = re.compile(r"[“\"'‘「《][^”\"'’」》]{0,12}[”\"'’」》]")
_SIGN_BEFORE = re.compile(r"(≥|≧|>=|≤|≦|<=|═|=|>|<|不低于|不少于|不高于|不超过|达到|高于|低于)$")


def _embedded_measure(rest: str, op: Operator | None, raw: str) -> Measure:
    """A number inside a sentence (``提升群众满意度95%``, ``预计共需资金32万元。``) is the measure's
    value when it is the only number left once dates and list numbering are set aside."""
    masked = _ENUMERATOR.sub(lambda m: m.group(1) + "#" * (len(m.group(0)) - len(m.group(1))), rest)
    masked = _DATE_PART.sub(lambda m: "#" * len(m.group(0)), masked)
    masked = _QUOTED.sub(lambda m: "#" * len(m.group(0)), masked)  # “12345”热线 is a name
    numbers = list(_NUM.finditer(masked))
    if len(numbers) != 1:
        return Measure(operator="qualitative", text=raw)
    m = numbers[0]
    unit_m = _UNIT_AFTER.match(rest[m.end():])
    sign = _SIGN_BEFORE.search(rest[: m.start()])
    if op is None and sign is not None:
        op = normalize_operator(sign.group(1))
    return Measure(operator=op, value=_dec(m.group(0)), unit=unit_m.group(1) if unit_m else None, text=raw)


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _is_date(t: str) -> bool:
    return bool(re.search(r"\d{4}年(\d{1,2}月)?|\d{1,2}月(底|前|\d{1,2}日)|月底前", t))


def _looks_like_unit(tail: str) -> bool:
    """Units are short and carry no digits past the first (``%``, ``万元``, ``人次``, ``元/人*月``)."""
    if len(tail) > 8:
        return False
    sentence_marks = any(unicodedata.category(ch) == "Po" and ch in "，。；" for ch in tail)
    return not re.search(r"\d{2,}", tail) and not sentence_marks
