"""二级 names of the evaluation rubric frameworks, to cut a merged 二级 label from its first item.

A PDF text layer glues a merged 二级 cell printed after its points to the first item it spans
(``科学决策必要性``, ``资金管理资金分配``); nothing in the print marks the cut.  The rubrics
come from a few national and provincial frameworks (财预〔2013〕53号 and 财预〔2020〕10号 for
projects and departments, and their provincial variants), whose 二级 names are listed here;
a glued text starting with none of them is left whole and flagged by the reader.
"""

from __future__ import annotations

LEVEL2_NAMES = (
    # project rubrics: 2020 framework, 2013 framework, provincial variants
    "项目立项", "绩效目标", "资金投入", "资金管理", "组织实施", "产出数量", "产出质量", "产出时效", "产出成本",
    "项目产出", "项目效益", "满意度", "项目目标", "决策过程", "资金分配", "资金到位", "资金使用", "科学决策",
    "项目执行", "项目完成", "业务管理", "财务管理", "项目实施", "产出",
    # department rubrics
    "目标设定", "预算配置", "预算执行", "预算管理", "资产管理", "职责履行", "履职效益", "目标任务", "预算编制",
    "综合管理", "绩效管理", "部门效益",
)


def split_level2(text: str) -> int | None:
    """Where the 二级 name ends in ``text`` (the longest framework name it starts with and
    does not consist of), or None when it starts with none."""
    found = [name for name in LEVEL2_NAMES if text.startswith(name) and len(text) > len(name)]
    return max(map(len, found)) if found else None
