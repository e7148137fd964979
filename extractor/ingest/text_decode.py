"""Decode pasted or uploaded text: UTF-8 (with or without BOM), UTF-16, GBK/GB18030.

Encodings are detected from evidence (BOM, NUL-byte pattern, strict decodability), never guessed
silently: the encoding used is returned so it can be reported, and bytes that decode under none
of them are refused with a clear error instead of being read as mojibake.
"""

from __future__ import annotations

import codecs

from extractor.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for ASCII/CJK-light content."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``InputError`` for bytes that are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source), encoding
    guessed = _utf16_without_bom(data)
    if guessed:
        return _strict(data, guessed, source), guessed
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary(text, source)
        return text, "utf-8"
    # not UTF-8: GB18030 decodes nearly any byte string, so rank it against UTF-16 by how much
    # of the result reads as Chinese text
    best: tuple[float, str, str] | None = None
    for encoding in ("gb18030", "utf-16-le", "utf-16-be"):
        if encoding.startswith("utf-16") and len(data) % 2:
            continue
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _readability(candidate)
        if best is None or score > best[0]:
            best = (score, encoding, candidate)
    if best is not None and best[0] >= 0.9:
        _refuse_binary(best[2], source)
        return best[2], best[1]
    raise InputError(
        "the file is not text in a supported encoding (UTF-8, UTF-16, GBK/GB18030); it looks like binary data",
        source=source,
        hint="upload the original .docx/.xlsx/.pdf/.png, or save the text as UTF-8",
    )


def _readability(text: str) -> float:
    """Share of characters that are CJK, printable ASCII, common punctuation or whitespace."""
    sample = text[:5000]
    if not sample:
        return 0.0
    good = sum(
        1
        for ch in sample
        if ch in "\t\n\r" or 0x20 <= ord(ch) < 0x7F or 0x4E00 <= ord(ch) <= 0x9FFF or 0x3000 <= ord(ch) <= 0x303F
        or 0xFF00 <= ord(ch) <= 0xFFEF or ch in "≥≤≧≦═—…“”‘’、·★√"
    )
    return good / len(sample)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the text starts like {encoding} but is not valid {encoding} at byte {exc.start}",
            source=source,
            hint="re-save the file as UTF-8",
        ) from exc
    _refuse_binary(text, source)
    return text


def _refuse_binary(text: str, source: str) -> None:
    """Text full of control characters is binary junk that happened to decode."""
    sample = text[:20000]
    if not sample:
        return
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(3, len(sample) // 100):
        raise InputError(
            "the file is binary data, not text",
            source=source,
            hint="upload the original .docx/.xlsx/.pdf/.png, or paste the text",
        )
