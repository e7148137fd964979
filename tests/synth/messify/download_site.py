"""A document-download site's print of a form run together (a held-out cause, described by the lead).

Text copied from such a site opens with the site's own lines: the file's name, a block of facts
about the file (``资源ID:123456``, ``资源大小:20.1KB``, ``资源格式: DOCX``, ``下载积分:5金币``), a
``友情提示`` heading and its numbered tips (``1、…`` ``2、PDF文件下载后,可能会被浏览器默认打开…``
``3、本站不支持迅雷下载…``, the first one in some prints unnumbered), a stray ``|`` line, and the
file's name again; then the form, run together, opening with the approval/stamp line its last page
printed at the top (``主管部门审核意见单位公章:年月 日``) before the title.

The tips are numbered at line starts like a sharing site's page markers, so a reader that counts
``1、`` ``2、`` ``3、`` at line starts takes them for the pages and leaves the form's own page
markers in its figures.  Nothing of the preamble or the stamp line is a form's value: the gold is
unchanged (the stamp line names no unit and prints no date).  ``download_print`` adds what other
copies print: list dashes, a count opening at ``2、``, the form over several long lines.
"""

from __future__ import annotations

import random

from tests.synth.messify.download_print import break_body, dash_facts, lose_first_tip

FORMATS = ("DOCX", "DOC", "PDF", "docx")
TIPS = (
    "下载的文档不会出现水印,预览文档经过压缩,下载后原文更清晰。",
    "PDF文件下载后,可能会被浏览器默认打开,此种情况可以点击浏览器菜单,保存网页到桌面,就可以正常下载了。",
    "本站不支持迅雷下载,请使用电脑自带的IE浏览器,或者360浏览器、谷歌浏览器下载即可。",
    "本站资源下载后的文档和图纸-无水印,预览文档经过压缩,下载后原文更清晰。",
    "试题试卷类文档,如果标题没有明确说明有答案则都视为没有答案,请知晓。",
)
STAMPS = (
    "主管部门审核意见单位公章:年月 日",
    "主管部门审核意见(盖章)年 月 日",
    "单位负责人签字:单位公章:年月日",
    "审核意见:单位(盖章)年 月 日",
    "财政部门审核意见:年月 日",
)


def download_site(body: str, title: str | None, rng: random.Random) -> str:
    """``body`` (the form text run together) behind the site's preamble, a stamp line before it."""
    head = body.lstrip()
    more = random.Random(f"{rng.getstate()}:print")  # ``download_print``: no draw below moves
    name = title if title and rng.random() < 0.6 else head[:rng.randint(8, 20)]
    name = name.rstrip("0123456789、") or name
    ext = rng.choice(FORMATS)
    lines = [f"{name}.{ext.lower()}"] if rng.random() < 0.7 else []
    sep = rng.choice((":", ": ", "："))
    facts = [f"资源ID{sep}{rng.randint(100000, 9999999)}",
             f"资源大小{sep}{rng.randint(10, 900)}.{rng.randint(0, 9)}KB",
             f"资源格式{sep}{ext}",
             f"下载积分{sep}{rng.randint(1, 20)}{rng.choice(('金币', '积分', '下载币'))}"]
    if rng.random() < 0.3:
        facts = facts[:1] + facts[2:] + facts[1:2]
    lines += facts
    lines.append(rng.choice(("友情提示", "友情提示:", "温馨提示")))
    tips = rng.sample(TIPS, rng.randint(2, 4))
    bare_first = rng.random() < 0.4  # the first tip printed without its number (``2、`` opens the count)
    for i, tip in enumerate(tips):
        lines.append(tip if bare_first and i == 0 else f"{i + 1}、{tip}")
    if rng.random() < 0.6:
        lines.append("|")
    lines.append(name + (f".{ext.lower()}" if rng.random() < 0.5 else ""))
    stamp = rng.choice(STAMPS)
    lines = lose_first_tip(dash_facts(lines, more), more)
    return "\n".join(lines) + "\n" + break_body(stamp + head, more)
