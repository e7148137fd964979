"""One error hierarchy for the whole service.

Expected failures (bad input, an unreachable model, a broken config) are ``JixiaoError``s with
a message that says what went wrong, where, and what to do; the CLI prints that one line and
exits non-zero instead of a traceback.  Anything else is a bug.
"""

from __future__ import annotations


class JixiaoError(Exception):
    """Root of every expected failure; ``hint`` says how to fix it."""

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.source = source
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        parts = [f"{self.source}: {self.message}" if self.source else self.message]
        if self.hint:
            parts.append(self.hint)
        return " — ".join(parts)


class InputError(JixiaoError):
    """The input cannot be read: empty, unknown type, corrupt, encrypted, too large, a bomb."""


class LimitError(InputError):
    """The input is over one of the cost limits (size, inflated size, cells, rows, pages, pixels).

    ``limit`` is the field of :class:`extractor.ingest.limits.Limits` that was exceeded and
    ``setting`` the variable that raises it, so callers can report both without parsing text.
    """

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None, limit: str, setting: str) -> None:
        self.limit = limit
        self.setting = setting
        super().__init__(message, source=source, hint=hint)


class NoFormFoundError(InputError):
    """The input was read but holds nothing that looks like a performance form."""


class ExtractionError(JixiaoError):
    """A form was found but could not be mapped to its schema."""


class LLMError(JixiaoError):
    """The model endpoint failed (transport, budget, refusal, invalid answers after re-asks)."""


class ConfigError(JixiaoError):
    """Settings are missing or contradict each other."""


class ValidationConfigError(ConfigError):
    """A validator rule profile is unknown or inconsistent."""


def unsupported_type(source: str, detected: str) -> InputError:
    return InputError(
        f"unsupported file type ({detected})",
        source=source,
        hint="send .txt, .docx, .xlsx, .html, .pdf, .png or .jpg, or paste the text",
    )


def empty_input(source: str) -> InputError:
    return InputError("the file is empty", source=source, hint="check that the upload completed")


def too_large(source: str | None, size: int, limit: int) -> LimitError:
    """``size`` may be a lower bound: a stream is read only until it passes the limit."""
    return LimitError(
        f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit",
        source=source,
        hint="split the report or raise the limit (JIXIAO_MAX_BYTES)",
        limit="max_bytes",
        setting="JIXIAO_MAX_BYTES",
    )


def corrupt(source: str, kind: str, detail: str) -> InputError:
    return InputError(
        f"the {kind} file is corrupt or unreadable ({detail})",
        source=source,
        hint=f"re-save it from the original program as a fresh {kind}",
    )
