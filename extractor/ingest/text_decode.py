"""Decode pasted or uploaded text: UTF-8 (with or without BOM), UTF-16, GBK/GB18030, and a mix.

Encodings are detected from evidence, never guessed silently: a BOM decides outright, strict UTF-8
is tried next (nearly every paste), and anything else is ranked by charset-normalizer among the
encodings Chinese forms arrive in (GB18030 ⊃ GBK ⊃ GB2312, UTF-16 without BOM).  The encoding
used is returned so it can be reported.  Text assembled from several sources (a GBK export with
lines typed in a UTF-8 editor) is valid in neither encoding as a whole, so when most lines are
UTF-8 and the rest decode as GB18030 each line is decoded on its own.  Bytes that decode under
none of them are refused with a clear error instead of being read as mojibake.

Text length is a cost limit (the readers cost about 0.3 ms per table row): a decoded text over
``Limits.max_text_chars`` is refused, and :func:`read_bounded` reads a stream (stdin) only up to
the byte limit so that a 60 MB paste is refused after 50 MB, not after it has all been held.
"""

from __future__ import annotations

import codecs
from typing import BinaryIO

from extractor.errors import InputError
from extractor.ingest.limits import DEFAULT_LIMITS, Limits, check, over_limit

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What charset-normalizer may choose among; its names, and the names reported for them.
_CANDIDATES = ["gb18030", "utf_16_le", "utf_16_be"]
_REPORTED = {"gb18030": "gb18030", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}
MIXED = "utf-8+gb18030"  # reported when lines were decoded one by one
_CHUNK = 1 << 20


def read_bounded(stream: BinaryIO, source: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """All of ``stream``, or a ``LimitError`` as soon as it passes ``limits.max_bytes``.

    Reads in 1 MB chunks, so at most the limit plus one chunk is ever held.
    """
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > limits.max_bytes:  # the size is a lower bound: reading stops here
            raise over_limit("max_bytes", size, limits.max_bytes, source,
                             f"the input passed {limits.max_bytes / 1e6:g} MB and was not read further",
                             fix="split the report")
        parts.append(chunk)


def check_text_length(text: str, source: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuses text longer than ``limits.max_text_chars`` (before any reader sees it)."""
    check(limits, "max_text_chars", len(text), source, f"the text has {len(text):,} characters")


def decode_text(data: bytes, source: str, limits: Limits | None = DEFAULT_LIMITS) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``InputError`` for bytes that are not text.

    Bytes that could not hold fewer characters than the limit (four bytes per character at most)
    are refused before decoding; the decoded text is checked exactly.  ``limits=None`` skips the
    length limit, for callers that apply their own (the sniffer, html markup).
    """
    if limits is None:
        return _decode(data, source)
    if len(data) // 4 > limits.max_text_chars:
        raise over_limit("max_text_chars", len(data) // 4, limits.max_text_chars, source,
                         f"the text has at least {len(data) // 4:,} characters")
    text, encoding = _decode(data, source)
    check_text_length(text, source, limits)
    return text, encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source), encoding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary(text, source)
        return text, "utf-8"
    mixed = _line_wise(data)
    if mixed is not None:
        _refuse_binary(mixed, source)
        return mixed, MIXED
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None:
        text = str(best)
        _refuse_binary(text, source)
        return text, _REPORTED.get(best.encoding, best.encoding)
    raise InputError(
        "the file is not text in a supported encoding (UTF-8, UTF-16, GBK/GB18030); it looks like binary data",
        source=source,
        hint="upload the original .docx/.xlsx/.pdf/.png, or save the text as UTF-8",
    )


def _line_wise(data: bytes) -> str | None:
    """Each line as UTF-8, else as GB18030, when the text is mostly UTF-8 with GBK lines in it.

    Applies only when at least one line is non-ASCII UTF-8 and every other line is valid
    GB18030 that reads as text: a text wholly in GBK has no UTF-8 lines (a GBK line that happens
    to be valid UTF-8 is rare and short) and is left to the detector.  UTF-16 has NULs and no
    line structure in bytes, so it never gets here with utf-8 lines.
    """
    if b"\x00" in data:
        return None
    lines = data.split(b"\n")
    utf8_lines = 0
    gbk_lines = 0
    out: list[str] = []
    for raw in lines:
        try:
            line = raw.decode("utf-8")
            utf8_lines += not raw.isascii()
        except UnicodeDecodeError:
            try:
                line = raw.decode("gb18030")
            except UnicodeDecodeError:
                return None
            if _readability(line) < 0.9:
                return None
            gbk_lines += 1
        out.append(line)
    if utf8_lines == 0 or gbk_lines == 0 or utf8_lines < gbk_lines:
        return None
    return "\n".join(out)


def _readability(text: str) -> float:
    """Share of characters that are CJK, printable ASCII, common punctuation or whitespace."""
    sample = text[:5000]
    if not sample:
        return 1.0
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
        ) from None
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
