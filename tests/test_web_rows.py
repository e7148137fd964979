"""The ``web_rows`` shape (``tests/synth/messify/web_rows.py``): a web page's table pasted one row
per line, the row's cells run together, its gold losing only figures fused beyond a certain cut."""

from __future__ import annotations

import re

from extractor.vocab.page import is_page_furniture
from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify

SEED = 18
DOCS = [make_document(SEED, i) for i in range(len(available_families()))]
TEXTS = [(doc, seed, messify(doc, "web_rows", seed)) for doc in DOCS for seed in range(3)]


def test_rows_print_one_per_line_with_no_separator_and_blank_lines_between() -> None:
    for _, _, messy in TEXTS:
        assert "\t" not in messy.text
        assert not [line for line in messy.text.splitlines()
                    if "|" in line and "来源" not in line and not is_page_furniture(line)]  # a site footer's links
        lines = messy.text.splitlines()
        assert lines.count("") > 0.4 * len(lines)


def test_gold_keeps_labels_as_printed_and_drops_only_fused_figures() -> None:
    for doc, _, messy in TEXTS:
        clean = messify(doc, "clean")
        flat = re.sub(r"\s", "", messy.text)
        for form, before in zip(messy.forms, clean.forms, strict=True):
            for row in form.get("funds") or []:
                assert re.sub(r"\s", "", row["label"]) in flat
            kept = [i for i in form.get("indicators") or [] if "score" in i]
            assert len(form.get("indicators") or []) == len(before.get("indicators") or [])
            for ind in kept:
                assert str(ind["score"]) in flat
        if messy.forms != clean.forms:
            assert len(messy.findings) <= len(clean.findings)


def test_transfer_words_breaks_and_placeholders_are_drawn() -> None:
    texts = [m.text for _, _, m in TEXTS]
    joined = "\n".join(texts)
    assert "转移支付(项目)名称" in joined and "中央主管部门" in joined and "预算执行率(B/A)" in joined
    lines = [line.strip() for line in joined.splitlines()]
    assert "指标" in lines  # a word broken inside its cell (一级 / 指标, 经济效益 / 指标)
    assert any(line.startswith(("（万元）", "(万元)")) for line in lines)
    assert "……" in lines
    assert any("\n\n\n\n" in t for t in texts)  # runs of blank lines under the indicator header
    transfer = [m for _, _, m in TEXTS if "中央主管部门" in m.text]
    assert all("department" not in f.get("header", {}) for m in transfer for f in m.forms
               if f.get("schema_name") == "project_self_eval")


def test_the_tight_site_template_prints_its_header_and_first_rows_without_blank_lines() -> None:
    tight = [m.text for _, _, m in TEXTS if "\n索引号\n" in m.text]
    assert 0 < len(tight) < len(TEXTS)  # half the documents, drawn per document
    for text in tight:
        lines = text.splitlines()
        head = lines[:lines.index("")]
        assert head[0].startswith("首页 > ") and "发布机构" in head and "成文日期" in head
        assert any(line.startswith("时间:") and "| 来源:" in line for line in lines)
        printed = [k for k, line in enumerate(lines) if line.strip()]
        adjacent = sum(1 for k in printed if k + 1 < len(lines) and lines[k + 1].strip())
        assert adjacent >= 12  # the header's and the first rows' lines, each under another
    assert any("\n" * 7 in text for text in tight)  # long runs between indicator rows
