"""Traditional script with inline pinyin as a parameter that composes with other shapes.

Document-sharing mirrors serve forms converted to traditional characters with a syllable in
brackets after many characters (``區(qū)級道路養(yǎng)護專(zhuān)項(xiàng)``), after a preamble of
their own (``下載本文檔`` / ``版權說明:…`` / ``文檔簡介``), whatever else the print did to the
table (run together, pipes, one cell per line).  ``with_traditional`` takes another shape's
print and converts it piece by piece — each cell and prose line the other shape printed, found
in its text in order — so the gold converts exactly like the print: every text value in
traditional characters without the pinyin (a mirror's artefact, not what the form says), long
texts' digests re-made from the converted text, enumerations (roles, units, operators) as they
were.  Which characters get a syllable is drawn per document (20–70 % of those that have a
traditional form and a syllable in ``SOUNDS``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import opencc

from eval.textnorm import DIGEST_THRESHOLD, digest, gold_text, normalize_text
from tests.synth.messify.base import Sheet

# OpenCC's own standard (爲 佔 衆) or Taiwan's (為 占 眾): mirrors print either
_CONVERTERS = (opencc.OpenCC("s2t"), opencc.OpenCC("s2tw"))

# one syllable per simplified character that the generator's vocabulary prints and whose
# traditional form differs (measured over three seeds' corpora), plus the mirror preamble's
_SOUND_TABLE = """
标:biāo 资:zī 绩:jì 满:mǎn 项:xiàng 预:yù 务:wù 执:zhí 级:jí 数:shù 实:shí 总:zǒng 单:dān 对:duì
况:kuàng 体:tǐ 评:píng 万:wàn 门:mén 财:cái 时:shí 达:dá 会:huì 产:chǎn 计:jì 众:zhòng 设:shè
拨:bō 质:zhì 县:xiàn 规:guī 准:zhǔn 进:jìn 范:fàn 经:jīng 额:é 称:chēng 际:jì 显:xiǎn 现:xiàn
点:diǎn 强:qiáng 运:yùn 续:xù 将:jiāng 开:kāi 为:wéi 费:fèi 响:xiǎng 验:yàn 转:zhuǎn 补:bǔ 于:yú
员:yuán 养:yǎng 农:nóng 动:dòng 护:hù 个:gè 发:fā 态:tài 划:huà 确:què 结:jié 报:bào 区:qū 节:jié
业:yè 价:jià 济:jì 权:quán 职:zhí 处:chù 环:huán 访:fǎng 问:wèn 题:tí 户:hù 较:jiào 齐:qí 则:zé
后:hòu 约:yuē 云:yún 据:jù 间:jiān 类:lèi 长:cháng 机:jī 东:dōng 带:dài 认:rèn 严:yán 并:bìng
编:biān 关:guān 衔:xián 获:huò 断:duàn 专:zhuān 围:wéi 绕:rào 稳:wěn 维:wéi 卫:wèi 里:lǐ 盖:gài
见:jiàn 综:zōng 气:qì 细:xì 办:bàn 乡:xiāng 别:bié 调:tiáo 号:hào 应:yīng 传:chuán 桥:qiáo 镇:zhèn
决:jué 游:yóu 临:lín 拟:nǐ 采:cǎi 内:nèi 构:gòu 占:zhàn 兴:xīng 义:yì 变:biàn 亩:mǔ 论:lùn 够:gòu
说:shuō 缴:jiǎo 学:xué 库:kù 输:shū 责:zé 当:dāng 积:jī 滞:zhì 过:guò 训:xùn 诉:sù 证:zhèng 组:zǔ
织:zhī 余:yú 馆:guǎn 术:shù 广:guǎng 风:fēng 险:xiǎn 备:bèi 迟:chí 无:wú 载:zài 档:dàng 归:guī
属:shǔ 简:jiǎn 请:qǐng 举:jǔ 领:lǐng 页:yè 览:lǎn 审:shěn 监:jiān 统:tǒng
"""  # fmt: skip
SOUNDS: dict[str, str] = {pair[0]: pair[2:] for pair in _SOUND_TABLE.split()}

# a mirror's own lines before the document (simplified here, converted like the rest)
MIRROR_LINES = (
    ("下载本文档",),
    ("版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领",),
    ("文档简介", "文档格式:.doc 文档大小:{size}K"),
    ("下载积分:{points}", "浏览次数:{views}"),
)
# enumerations, not printed text (as content_shapes._KEEP)
_KEEP = ("schema_name", "role", "operator", "money_unit", "completion", "unit")


def sounder(rng: random.Random, s2t: Callable[[str], str]) -> Callable[[str], str]:
    """A converter for one document: traditional characters (``s2t``), and a syllable in
    brackets after a share of the characters whose form changed (full-width brackets in a fifth
    of the documents); digits, Latin and punctuation as they were."""
    share = rng.uniform(0.2, 0.7)
    opening, closing = ("（", "）") if rng.random() < 0.2 else ("(", ")")

    def convert(text: str) -> str:
        out = s2t(text)
        if len(out) != len(text):
            return out
        return "".join(t + (f"{opening}{SOUNDS[s]}{closing}" if s != t and s in SOUNDS and rng.random() < share
                            else "") for s, t in zip(text, out, strict=True))

    return convert


def _pieces(sheet: Sheet) -> list[str]:
    """What a shape printed, in order: prose lines, then each table cell (stripped, non-empty)."""
    out: list[str] = []
    for part in sheet.parts:
        out += [line for line in part.prose if line.strip()]
        if part.rows is not None:
            out += [t.strip() for row in part.rows for t in row if t.strip()]
    return out


def convert_print(text: str, pieces: list[str], convert: Callable[[str], str]) -> str:
    """``text`` converted piece by piece: each of ``pieces`` where it is printed, found in order,
    and each stretch between them (separators, page markers, line numbers, and the pieces a shape
    printed broken over lines) on its own, so a cell's conversion never depends on its neighbours
    (the gold converts each value alone)."""
    out: list[str] = []
    pos = 0
    for piece in pieces:
        at = text.find(piece, pos)
        if at < 0:
            continue
        out.append(convert(text[pos:at]))
        out.append(convert(piece))
        pos = at + len(piece)
    out.append(convert(text[pos:]))
    return "".join(out)


def convert_gold(forms: list[dict[str, Any]], longs: list[str], s2t: Callable[[str], str]) -> list[dict[str, Any]]:
    """The gold of the converted print: strings in traditional characters, each long text's
    digest re-made from its converted text; a digest of no printed long text leaves the gold."""
    remade = {digest(t)["$text"]: gold_text(s2t(t)) for t in longs}
    lost = object()

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return s2t(value)
        if isinstance(value, list):
            return [w for w in (walk(v) for v in value) if w is not lost]
        if isinstance(value, dict):
            if "$text" in value:
                return remade.get(value["$text"], lost)
            items = {k: (v if k in _KEEP else walk(v)) for k, v in value.items()}
            return {k: v for k, v in items.items() if v is not lost}
        return value

    return [walk(form) for form in forms]


def with_traditional(shape: Callable[[Sheet, random.Random], str]) -> Callable[[Sheet, random.Random], str]:
    """``shape``'s print converted to traditional with inline pinyin, a mirror's preamble before
    it in half the documents; the gold converted like the print."""

    def printed(sheet: Sheet, rng: random.Random) -> str:
        text = shape(sheet, random.Random(rng.random()))
        s2t = rng.choice(_CONVERTERS).convert
        convert = sounder(random.Random(rng.random()), s2t)
        pieces = _pieces(sheet)
        text = convert_print(text, pieces, convert)
        longs = [p for p in pieces if len(normalize_text(p)) > DIGEST_THRESHOLD]
        sheet.forms = convert_gold(sheet.forms, longs, s2t)
        if rng.random() < 0.5:
            fill = {"size": rng.randint(20, 400), "points": rng.randint(1, 20), "views": rng.randint(10, 9000)}
            lines = [line.format(**fill) for group in MIRROR_LINES if rng.random() < 0.8 for line in group]
            text = "".join(convert(line) + "\n" for line in lines) + text
        return text

    return printed
