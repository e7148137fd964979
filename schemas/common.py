"""Types every form schema shares: provenance, traced values, measures, findings.

The schemas are the contract between extraction backends (rules, LLM, OCR) and everything
downstream (validator, eval, service).  They import nothing from ``extractor`` so that a
consumer can depend on the data model alone.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

SCHEMA_VERSION = "1.0"

MoneyUnit = Literal["万元", "元"]
Backend = Literal["rules", "llm", "ocr", "manual"]
Operator = Literal["≥", "≤", "=", ">", "<", "≈", "qualitative"]
# The closed set of form types; ``schema_name`` of each record and the key of ``FORM_TYPES``.
FormType = Literal["project_self_eval", "dept_self_eval", "dept_target", "project_target", "dept_score_sheet",
                   "project_score_sheet"]
# The form types whose body is a tree of scored items (``items``/``groups``), not an indicator table.
SCORE_SHEET_TYPES: frozenset[str] = frozenset({"dept_score_sheet", "project_score_sheet"})


class Strict(BaseModel):
    """Base for every record: unknown keys are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class SourceRef(Strict):
    """Where a value was read: a grid cell (text/docx/xlsx/html/pdf/scan) or a character span.

    ``row``/``col`` are 0-based positions in the grid named by ``grid_id``; ``char_start``/
    ``char_end`` index the decoded document text; ``bbox`` (x0, y0, x1, y1, pixels) and
    ``page`` (1-based) are set for scans and PDFs.
    """

    grid_id: str | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def label(self) -> str:
        """Short human reference such as ``g2:r5c3`` used in messages and prompts."""
        if self.row is not None and self.col is not None:
            return f"{self.grid_id or 'g'}:r{self.row}c{self.col}"
        if self.char_start is not None:
            return f"chars {self.char_start}-{self.char_end}"
        return "?"


class Value(Strict, Generic[T]):
    """One extracted value with the text it was read from, its source and how sure we are."""

    value: T | None = None
    raw: str | None = None
    source: list[SourceRef] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    backend: Backend = "rules"


class Measure(Strict):
    """A target or actual as printed (``≥95%``, ``≤10万元``, ``=12个月``, ``达成预期``).

    ``operator`` is normalised (≧→≥, ═→=, >=→≥, 不低于→≥ …); ``value``/``unit`` are the numeric
    part where there is one; ``text`` keeps the original cell text.
    """

    operator: Operator | None = None
    value: Decimal | None = None
    unit: str | None = None
    text: str = ""


Severity = Literal["error", "warning", "info"]


class Finding(Strict):
    """One inconsistency (or extraction doubt) pointing at the fields and cells involved."""

    code: str
    severity: Severity
    message_zh: str
    message_en: str
    fields: list[str] = Field(default_factory=list)
    cells: list[SourceRef] = Field(default_factory=list)
    rule: str = ""
    profile: str = ""
    printed: str | None = None
    derived: str | None = None


class Header(Strict):
    """What identifies a form: 标题, 年度, 项目名称, 主管部门, 实施单位/单位名称, 金额单位."""

    title: Value[str] = Field(default_factory=Value[str])
    year: Value[int] = Field(default_factory=Value[int])
    project_name: Value[str] = Field(default_factory=Value[str])
    department: Value[str] = Field(default_factory=Value[str])  # 主管部门
    unit_name: Value[str] = Field(default_factory=Value[str])  # 实施单位 / 单位名称 / 预算单位
    money_unit: Value[MoneyUnit] = Field(default_factory=Value[MoneyUnit])


FundRole = Literal[
    "total",  # 年度资金总额 / 合计 / 预算支出总额
    "fiscal",  # 当年(本年)财政拨款 / 财政资金
    "central_provincial",  # 中省补助 / 中央补助
    "county",  # 县级预算 / 本级
    "carry_over",  # 上年结转
    "other",  # 其他资金
    "basic",  # 基本支出
    "project",  # 项目支出
    "special_account",  # 财政专户管理资金 / 专户资金
    "unit_funds",  # 单位资金
    "income",  # 收入 rows (Fushun)
    "expenditure",  # 支出 rows (Fushun)
    "line_item",  # any further itemised row
]


class FundsRow(Strict):
    """One row of the funds block, as printed: 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分."""

    role: FundRole
    label: Value[str] = Field(default_factory=Value[str])
    initial_budget: Value[Decimal] = Field(default_factory=Value[Decimal])  # 年初预算数
    budget: Value[Decimal] = Field(default_factory=Value[Decimal])  # 全年预算数 / 调整后预算数
    executed: Value[Decimal] = Field(default_factory=Value[Decimal])  # 全年执行数
    weight: Value[Decimal] = Field(default_factory=Value[Decimal])  # 分值 / 权重
    rate: Value[Decimal] = Field(default_factory=Value[Decimal])  # 执行率, in percent (76 for 76%)
    score: Value[Decimal] = Field(default_factory=Value[Decimal])  # 得分


class Goals(Strict):
    """年度总体目标: 预期目标 / 实际完成情况."""

    expected: Value[str] = Field(default_factory=Value[str])
    actual: Value[str] = Field(default_factory=Value[str])


GroupLevel = Literal[1, 2]  # 一级 / 二级


class IndicatorGroup(Strict):
    """A 一级/二级 group header that states its own subtotal, e.g. 产出指标(50分)."""

    level: GroupLevel
    name: str
    stated_weight: Value[Decimal] = Field(default_factory=Value[Decimal])


class Indicator(Strict):
    """One 三级 indicator row with its place in the 一级 → 二级 tree."""

    level1: Value[str] = Field(default_factory=Value[str])
    level2: Value[str] = Field(default_factory=Value[str])
    name: Value[str] = Field(default_factory=Value[str])
    target: Value[Measure] = Field(default_factory=Value[Measure])
    actual: Value[Measure] = Field(default_factory=Value[Measure])
    weight: Value[Decimal] = Field(default_factory=Value[Decimal])
    score: Value[Decimal] = Field(default_factory=Value[Decimal])
    completion: Value[str] = Field(default_factory=Value[str])  # 完成率 / 完成程度
    deviation_reason: Value[str] = Field(default_factory=Value[str])
    core: Value[bool] = Field(default_factory=Value[bool])  # ★
    nature: Value[str] = Field(default_factory=Value[str])  # 指标性质 / 方向 (target forms)
    unit: Value[str] = Field(default_factory=Value[str])  # 度量单位 when printed separately


class Totals(Strict):
    """Printed 总分 row: total weight, total score, 自评等级."""

    weight: Value[Decimal] = Field(default_factory=Value[Decimal])
    score: Value[Decimal] = Field(default_factory=Value[Decimal])
    grade: Value[str] = Field(default_factory=Value[str])
