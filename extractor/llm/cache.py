"""Content-hash cache of answers, so an unchanged form is never paid for twice.

The key is the hash of everything that determines the answer: endpoint model, instructor mode,
the answer schema, the exact messages (prompt versions and the rendered grid included) and the
sampling settings.  Change a prompt, the rendering or the model and the key changes with it.
Answers are kept in memory for the process and, when a directory is configured, on disk as JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.llm.responses import Answer
from extractor.llm.settings import LLMSettings


class AnswerCache:
    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._memory: dict[str, str] = {}
        self.hits = 0

    @staticmethod
    def key(settings: LLMSettings, model: type[Answer], messages: list[dict[str, str]]) -> str:
        identity = {
            "model": settings.model,
            "base_url": settings.base_url,
            "mode": settings.mode,
            "temperature": settings.temperature,
            "max_tokens": settings.max_completion_tokens,
            "schema": model.model_json_schema(),
            "messages": messages,
        }
        blob = json.dumps(identity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def get(self, key: str, model: type[Answer], context: dict[str, Any]) -> Answer | None:
        raw = self._memory.get(key)
        if raw is None and self.directory is not None:
            path = self._path(key)
            if path.is_file():
                raw = path.read_text(encoding="utf-8")
        if raw is None:
            return None
        try:
            answer = model.model_validate_json(raw, context=context)
        except ValidationError:
            return None  # a stale or corrupt entry is a miss, never an error
        self._memory[key] = raw
        self.hits += 1
        return answer

    def put(self, key: str, answer: Answer) -> None:
        raw = answer.model_dump_json()
        self._memory[key] = raw
        if self.directory is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(raw)
        os.replace(tmp, path)

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"
