"""The matching key every vocabulary lookup uses: a cell's text with printing noise folded away."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from extractor.vocab.slips import same_length, unslip

_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# pinyin in brackets right after a character, with a tone mark: (kg) or (A) are no pinyin
_RUBY = re.compile(rf"(?<=[\u2E80-\u9FFF])[(（](?=[^()（）]*[{_TONED}])[a-zü{_TONED} ]+[)）]")


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    """Traditional → simplified, for matching only: some mirrors serve forms in traditional script."""
    import opencc

    return opencc.OpenCC("t2s").convert


def drop_ruby(text: str) -> str:
    """``text`` without the inline pinyin some mirrors print after characters (``學(xué)校``,
    ``項目名稱(xiàng mù míng chēng)``): a mirror's artefact, not what the form says, so values
    drop it too (the traditional characters stay as printed)."""
    return _RUBY.sub("", text) if "(" in text or "（" in text else text


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """The matching key of a text: no whitespace (incl. U+3000), full-width ASCII folded,
    traditional characters simplified, inline pinyin (``監(jiān)``) dropped and a scan's look-alike
    slips in label words folded back (``slips.unslip``: 主管部n, 项Fl名称, 贫金).  Values keep the
    printed text; only vocabulary matching and number parsing use this key.
    """
    text = "".join(
        chr(ord(ch) - 0xFEE0) if 0xFF01 <= ord(ch) <= 0xFF5E and ch not in "（）：；，" else ch for ch in text
    )
    text = re.sub(r"[\s\u3000]+", "", text)
    if any(ord(ch) > 0x2E80 for ch in text):
        text = _PINYIN.sub("", _t2s()(text))
    return unslip(text)


def ruby_spans(text: str) -> list[tuple[int, int]]:
    """Where ``drop_ruby`` cuts: the spans of the inline pinyin printed after characters, for
    readers that keep each character's offset (a run-together text skips them as it skips
    whitespace)."""
    if "(" not in text and "（" not in text:
        return []
    return [(m.start(), m.end()) for m in _RUBY.finditer(text)]


def simplified(text: str) -> str:
    """``text`` with traditional characters simplified one for one (``項目名稱`` → ``项目名称``),
    so a reader that maps each character back to its source offset can match vocabulary on it
    and still cut values out of the printed characters.  Phrase conversion is used where it keeps
    the length, single characters where it would not; a scan's one-for-one slips in label words are
    folded back too (``slips.same_length``: 顼目, 贫金, 主管部n); other simplified text passes unchanged."""
    if not any(ord(ch) > 0x2E80 for ch in text):
        return text
    out = _t2s()(text)
    if len(out) == len(text):
        return same_length(out)
    return same_length("".join(s if len(s := _t2s()(ch)) == 1 else ch for ch in text))
