"""The development / held-out split of the sample gold (``eval/gold/split.json``).

Issue work is judged on documents nobody developed against, so half of the sample excerpts were
set aside by a seeded shuffle before their diffs were read.  Develop on ``dev``; score
``held-out`` only at the end of a change, and report both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from eval.goldfile import GOLD_DIR

Split = Literal["dev", "held-out"]
SPLITS: tuple[Split, ...] = ("dev", "held-out")
SPLIT_FILE = GOLD_DIR / "split.json"


def split_members(split: Split, split_file: Path = SPLIT_FILE) -> frozenset[str]:
    """The excerpt stems (``01_qingshen-…``) of one half."""
    data = json.loads(split_file.read_text(encoding="utf-8"))
    key = "development" if split == "dev" else "held_out"
    return frozenset(data[key])


def in_split(paths: list[Path], split: Split, split_file: Path = SPLIT_FILE) -> list[Path]:
    """The gold files among ``paths`` whose source excerpt belongs to ``split``.

    Files of other sets (the seeds) belong to neither half and are left out.
    """
    members = split_members(split, split_file)
    return [path for path in paths if path.stem in members]
