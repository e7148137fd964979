"""Prompt templates as files in ``prompts/``: a shared system prompt and one file per form type.

Each form-type file has one ``## <part>`` section per call part (``overview``, ``rows``) with its
instructions, an example grid (a fenced ``grid`` block) and the example's answer (a fenced
``json`` block).  A prompt is versioned by the hash of its file; the hash goes into every output
so that a result can be traced to the exact wording that produced it (and a cassette to the
prompt it was recorded with).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractor.errors import ConfigError

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
SYSTEM = "system"
_SECTION = re.compile(r"^## +(\w+)\s*$", re.M)
_FENCE = re.compile(r"```(\w+)\n(.*?)\n```", re.S)


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example: the grid shown and the answer it should give."""

    grid: str
    answer: dict[str, Any]

    def cells(self) -> dict[str, str]:
        """Reference → text of the example grid, parsed back from its rendering."""
        out: dict[str, str] = {}
        for line in self.grid.splitlines():
            m = re.match(r"^r(\d+) (c\d+.*)$", line)
            if not m:
                continue
            for part in m.group(2).split(" "):
                col, _, text = part.partition("=")
                out[f"r{m.group(1)}{col.partition('[')[0]}"] = text  # c5[指标性质] → c5
        return out


@dataclass(frozen=True, slots=True)
class Section:
    instructions: str
    example: Example | None


@dataclass(frozen=True, slots=True)
class Prompt:
    """One prompt file: its name, text, version hash and per-part sections."""

    name: str
    text: str
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:12]

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"

    def section(self, part: str) -> Section:
        try:
            return self.sections[part]
        except KeyError:
            raise ConfigError(
                f"prompt {self.name!r} has no '## {part}' section", hint=f"edit prompts/{self.name}.md"
            ) from None


@lru_cache(maxsize=32)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    """The prompt ``prompts/<name>.md``; raises ConfigError when it is missing or malformed."""
    path = directory / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ConfigError(f"prompt file {path} is missing", hint="prompts/ ships with the repository") from None
    if name == SYSTEM:
        return Prompt(name, text)
    return Prompt(name, text, _sections(text, path))


def _sections(text: str, path: Path) -> dict[str, Section]:
    heads = list(_SECTION.finditer(text))
    out: dict[str, Section] = {}
    for k, m in enumerate(heads):
        body = text[m.end(): heads[k + 1].start() if k + 1 < len(heads) else len(text)]
        fences = {lang: content for lang, content in _FENCE.findall(body)}
        instructions = _FENCE.sub("", body).strip()
        example = None
        if "grid" in fences and "json" in fences:
            try:
                example = Example(fences["grid"], json.loads(fences["json"]))
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path}: the example answer of '## {m.group(1)}' is not JSON ({exc})") from None
        out[m.group(1)] = Section(instructions, example)
    return out


def user_message(section: Section, grid: str) -> str:
    """The user turn of one call: instructions, the worked example, then the form's grid."""
    parts = [section.instructions]
    if section.example is not None:
        answer = json.dumps(section.example.answer, ensure_ascii=False, separators=(",", ":"))
        parts.append(f"Example grid:\n{section.example.grid}\nExample answer:\n{answer}")
    parts.append(f"Grid:\n{grid}")
    return "\n\n".join(parts)
