"""Fields every form record carries, whatever its type."""

from __future__ import annotations

from pydantic import Field

from schemas.common import SCHEMA_VERSION, Finding, Header, Strict, Totals


class LayoutTag(Strict):
    """Which layout reader read the form and how sure its detector was (0–1).

    Operators see it next to the form, so a wrong reading can be traced to the reader that made
    it; the eval harness reports quality per layout family from the same name.
    """

    name: str
    score: float = Field(ge=0, le=1)


class FormBase(Strict):
    """Common envelope: schema identity, header, printed totals and validator findings.

    ``schema_name`` doubles as the form type and is the discriminator of ``FormRecord``.
    ``findings`` is filled by the validator (and by extractors for layout doubts); it is part of
    the record so that every output channel (CLI, API, export) carries it.
    """

    schema_version: str = SCHEMA_VERSION
    header: Header = Field(default_factory=Header)
    totals: Totals = Field(default_factory=Totals)
    findings: list[Finding] = Field(default_factory=list)
    form_index: int = 0  # position of the form in its document (0-based)
    layout: LayoutTag | None = None  # set by the layout registry; None on records built by hand
