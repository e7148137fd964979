"""A document-sharing site's print of a document run together (dev samples 20, 42).

Text copied from such a site opens with the file's name on a line of its own (``X.docx``, in
half of them), then the site's sentence naming the file twice
(``《X.docx》由会员分享,可在线阅读,更多相关《X.docx(4页珍藏版)》请在某某文库上搜索。``), and the page
text follows with its first page marker (``1、2020年度…``).  The file's name is the first form's
title, or the first characters of the page text (the title and whatever followed it).

Nothing of the preamble is a form's value: the gold is unchanged (the title never ends in
``.docx``; the site and the file name are no unit).
"""

from __future__ import annotations

import random

SITES = ("第一文库网", "文秘资料网", "云端文库", "好范文文库", "第壹文档网")


def share_site(body: str, title: str | None, rng: random.Random) -> str:
    """``body`` (page text starting at the first page, its markers from ``2、`` on) behind the
    site's preamble and the first page marker."""
    head = body.lstrip()
    name = title if title and head.startswith(title) and rng.random() < 0.5 else \
        head[:(len(title) if title else 12) + rng.randint(4, 16)].split("、")[0]
    name = name.rstrip("0123456789") or name
    pages = rng.randint(2, 6)
    lines = [f"{name}.docx"] if rng.random() < 0.5 else []
    lines.append(f"《{name}.docx》由会员分享,可在线阅读,更多相关《{name}.docx({pages}页珍藏版)》"
                 f"请在{rng.choice(SITES)}上搜索。")
    return "\n".join(lines) + "\n1、" + head
