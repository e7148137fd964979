"""What one processed document yields, shared by the CLI, the API and the eval harness."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas import FormRecord


class Usage(BaseModel):
    """LLM cost of a document: calls and tokens of every attempt, failed ones included."""

    model_config = ConfigDict(extra="forbid")

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None


class DocumentResult(BaseModel):
    """The forms found in one input, or the reason none could be read."""

    model_config = ConfigDict(extra="forbid")

    source: str
    sha256: str = ""
    media_type: str = ""
    forms: list[FormRecord] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)  # narrative paragraphs around the forms
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)  # reader notes: encoding used, OCR cells to review
    usage: Usage = Field(default_factory=Usage)
    backend: str = "rules"

    def to_output(self) -> dict[str, Any]:
        """The documented JSON shape: each form flattened with ``form_type``, ``title`` and
        ``layout`` (``{name, score}``: which layout reader read it, how sure its detector was) first."""
        forms = []
        for form in self.forms:
            body = form.model_dump(mode="json")
            layout = body.pop("layout")
            forms.append({"form_type": form.schema_name, "title": form.header.title.value, "layout": layout, **body})
        out: dict[str, Any] = {
            "source": self.source,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "backend": self.backend,
            "forms": forms,
            "usage": self.usage.model_dump(),
            "warnings": self.warnings,
        }
        if self.error:
            out["error"] = self.error
        return out
