"""一级 and 二级 names of the evaluation rubric frameworks (财预〔2013〕53号, 财预〔2020〕10号 and their
provincial variants) for projects and departments.

A score sheet whose cells lost their borders (a PDF text layer, a web page's text run together)
prints its merged 一级/二级 labels glued to the item they span (``资金管理资金分配``,
``部门决策目标设定绩效目标合理性``); nothing in the print marks the cut but these names, which the
rubrics share across provinces.
"""

from __future__ import annotations

LEVEL1_NAMES = (
    "项目决策", "项目过程", "项目产出", "项目效益", "项目管理", "项目绩效",
    "部门决策", "部门管理", "部门绩效", "部门产出", "部门效益", "单位决策", "单位管理", "单位绩效",
)

LEVEL2_NAMES = (
    # project rubrics: 2020 framework, 2013 framework, provincial variants
    "项目立项", "绩效目标", "资金投入", "资金管理", "组织实施", "产出数量", "产出质量", "产出时效", "产出成本",
    "项目产出", "项目效益", "满意度", "项目目标", "决策过程", "资金分配", "资金到位", "资金使用", "科学决策",
    "项目执行", "项目完成", "业务管理", "财务管理", "项目实施", "产出",
    # department rubrics
    "目标设定", "预算配置", "预算执行", "预算管理", "资产管理", "职责履行", "履职效益", "目标任务", "预算编制",
    "综合管理", "绩效管理", "部门效益",
)
