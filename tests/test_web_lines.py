"""The ``web_lines`` shape (``tests/synth/messify/web_lines.py``): a web page's table pasted as
text, one cell per line with blank lines between, its gold the clean gold."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify

SEED = 18
DOCS = [make_document(SEED, i) for i in range(len(available_families()))]


def test_cells_print_one_per_line_between_blank_lines_with_the_clean_gold() -> None:
    for doc in DOCS:
        messy = messify(doc, "web_lines", 3)
        if "绩效指标 一级指标 二级指标 三级指标" in messy.text:
            continue  # sichuan_page.py's template prints rows as spaced lines (tests/test_sichuan_page.py)
        lines = messy.text.splitlines()
        assert "\t" not in messy.text
        printed = [k for k, line in enumerate(lines) if line.strip()]
        adjacent = sum(1 for k in printed if k + 1 < len(lines) and lines[k + 1].strip())
        assert adjacent < 0.35 * len(printed)
        if "您所在的位置 >" in messy.text or "省级财政部门" in messy.text:
            continue  # web_cells.py's templates relabel the form (tests/test_web_cells.py)
        if "按收入性质分" in messy.text:
            continue  # web_funds.py prints the sources glued to their amounts, the gold follows (test_funds_glued.py)
        clean = messify(doc, "clean")
        assert messy.findings == clean.findings
        # only words reworded, every value kept; goals printed as numbered items (web_goals.py) keep the numbering
        assert _plain(_unnumbered(messy.forms, clean.forms)) == _plain(clean.forms)


_NUMBERED = re.compile(r"^(目标\d[:：]|\d、|（\d）|\d\.)")


def _unnumbered(forms: list[dict[str, Any]], clean: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``forms`` with each goal that web_goals.py printed as numbered items (its gold text opens on
    the first item's mark where the clean gold's does not) put back to the clean form's goal."""
    out = []
    for form, base in zip(forms, clean, strict=True):
        goals = form.get("goals") or {}
        numbered = any(_NUMBERED.match(str((goals.get(k) or {}).get("head", ""))) for k in ("expected", "actual"))
        out.append({**form, "goals": base.get("goals")} if numbered else form)
    return out


def _plain(forms: list[dict[str, Any]]) -> str:
    """The gold with the reworded words folded back (产出值 → 产出指标, 资金总额: → 年度资金总额)."""
    text = json.dumps(forms, ensure_ascii=False)
    text = re.sub(r'"([^"]{1,8})值"', lambda m: f'"{m.group(1)}指标"', text)
    return re.sub(r'"label": "[^"]*"', '"label": ""', text)


def test_reworded_documents_print_declaration_words_and_keep_the_gold_with_the_print() -> None:
    seen = {"值": 0, "colon": 0}
    for doc in DOCS:
        for seed in range(3):
            messy = messify(doc, "web_lines", seed)
            levels = [i.get("level1") or "" for f in messy.forms for i in f.get("indicators") or []]
            seen["值"] += any(level.endswith("值") for level in levels)
            labels = [r.get("label") or "" for f in messy.forms for r in f.get("funds") or []]
            seen["colon"] += any(label.endswith(":") for label in labels)
            flat = re.sub(r"\s", "", messy.text)
            assert all(re.sub(r"\s", "", label) in flat for label in labels)
    assert seen["值"] and seen["colon"]


def test_parameters_vary_between_documents() -> None:
    texts = [messify(doc, "web_lines", seed).text for doc in DOCS for seed in range(3)]
    assert any("\u00a0" in t or "\n  \n" in t or "\n \n" in t for t in texts)  # empty cells as &nbsp; lines
    assert any("\n    " in t for t in texts) and any("\n\n\n" in t for t in texts)  # indents, runs of blanks
    lines = [line.strip() for t in texts for line in t.splitlines()]
    assert any(line.startswith("(") for line in lines)  # a cell broken before its bracket
    assert any(">" in line or "索引号" in line or "发布机构" in line for line in lines)  # navigation
