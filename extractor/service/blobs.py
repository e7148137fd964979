"""Raw uploads kept by content hash, written so that an accepted upload survives a crash.

The file name an operator uploads is never part of a path: a blob lives at
``blobs/<first two hex digits>/<sha256>``, written to a temporary file, fsynced, renamed into
place and its directory fsynced, all before the database row that refers to it commits.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobCorrupt(Exception):
    """A stored blob is missing or its bytes no longer match their hash."""


class BlobStore:
    """A content-addressed directory of immutable byte strings."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Stores ``data`` durably and returns its sha256; storing the same bytes twice is free."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if target.is_file() and target.stat().st_size == len(data):
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        _fsync_dir(target.parent)
        _fsync_dir(self.root)
        return sha

    def get(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256``, checked against it."""
        try:
            data = self.path(sha256).read_bytes()
        except OSError as exc:
            raise BlobCorrupt(f"the stored upload {sha256[:12]}… is missing ({exc.strerror})") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobCorrupt(f"the stored upload {sha256[:12]}… no longer matches its hash")
        return data

    def remove(self, sha256: str) -> bool:
        """Deletes the bytes stored under ``sha256`` (a deleted report's upload); ``False`` when
        there were none.  The directory is fsynced so the removal survives a crash too."""
        target = self.path(sha256)
        try:
            target.unlink()
        except FileNotFoundError:
            return False
        _fsync_dir(target.parent)
        return True

    def sweep_incomplete(self) -> int:
        """Removes temporary files a killed process left behind; returns how many."""
        removed = 0
        for tmp in self.root.glob("*/.incoming-*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
        return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
