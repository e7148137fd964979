"""Traditional script with inline pinyin composed with another shape (tests/synth/messify/trad_shapes)."""

from __future__ import annotations

import random
import re

import opencc

from eval.textnorm import normalize_text
from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify
from tests.synth.messify.trad_shapes import SOUNDS, convert_print, sounder

DOCS = [make_document(18, i) for i in range(len(available_families()))]
_RUBY = re.compile(r"[(（][a-zü āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+[)）]")
_T2S = opencc.OpenCC("t2s")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "$text" for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_run_together_trad_gold_is_printed_in_traditional_without_pinyin() -> None:
    converted = 0
    for doc in DOCS:
        messy = messify(doc, "run_together_trad", 5)
        plain = normalize_text(_RUBY.sub("", messy.text))
        for form in messy.forms:
            for key in ("project_name", "unit_name", "department"):
                name = form.get("header", {}).get(key)
                if isinstance(name, str):
                    assert normalize_text(name) in plain
                    converted += _T2S.convert(name) != name
        assert "\t" not in messy.text  # still run together
    assert converted > 5


def test_syllables_follow_only_characters_whose_form_changed() -> None:
    convert = sounder(random.Random(1), opencc.OpenCC("s2t").convert)
    out = convert("项目名称年度资金总额" * 5)
    syllables = re.findall(r"(.)\(([^)]+)\)", out)
    assert syllables and all(_T2S.convert(ch) != ch and SOUNDS[_T2S.convert(ch)] == s for ch, s in syllables)


def test_convert_print_converts_pieces_and_what_lies_between_apart() -> None:
    out = convert_print("项目名称1、5000合计", ["项目名称", "5000", "合计"], lambda t: f"<{t}>" if t else t)
    assert out == "<项目名称><1、><5000><合计>"
    out = convert_print("| 单位 | 3、 |\n| 项目\n名称 |", ["单位", "项目名称"], opencc.OpenCC("s2t").convert)
    assert out == "| 單位 | 3、 |\n| 項目\n名稱 |"


def test_some_documents_open_with_a_mirror_preamble() -> None:
    texts = [messify(doc, "run_together_trad", seed).text for doc in DOCS[:4] for seed in range(4)]
    opened = [t.startswith(("下載", "版權", "文檔", "瀏覽")) for t in texts]
    assert any(opened) and not all(opened)
