"""scripts/setup.sh: runtime Debian packages always, test ones (and the test extras) unless --runtime-only.

Run against stand-ins for dpkg, apt-get, id and the venv's python that only record what they were
asked, so the test needs neither root nor the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO


def lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    for name in ("setup.sh", "debian-packages.txt", "debian-packages-test.txt"):
        shutil.copy(REPO / "scripts" / name, root / "scripts" / name)
    stubs = tmp_path / "bin"
    stubs.mkdir()
    log = tmp_path / "log"
    for name, body in {"dpkg": "exit 1", "id": "echo 0", "apt-get": f'echo "apt-get $*" >> {log}'}.items():
        (stubs / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (stubs / name).chmod(0o755)
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "python").write_text(f'#!/bin/sh\necho "python $*" >> {log}\n', encoding="utf-8")
    (root / ".venv" / "bin" / "python").chmod(0o755)
    return root


def run(checkout: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "PATH": f"{checkout.parent / 'bin'}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(checkout / "scripts" / "setup.sh"), *args], env=env, capture_output=True, text=True)
    log = checkout.parent / "log"
    return done.returncode, log.read_text(encoding="utf-8") if log.exists() else done.stderr


def test_default_sets_up_running_and_testing(checkout: Path) -> None:
    code, log = run(checkout)
    assert code == 0, log
    installed = next(ln for ln in log.splitlines() if ln.startswith("apt-get install")).split()
    assert set(lines(REPO / "scripts" / "debian-packages.txt")) <= set(installed)
    assert {"chromium", "libreoffice-calc-nogui"} <= set(installed)
    assert 'python -m pip install -q -e .[test]' in log


def test_runtime_only_leaves_test_packages_out(checkout: Path) -> None:
    code, log = run(checkout, "--runtime-only")
    assert code == 0, log
    installed = next(ln for ln in log.splitlines() if ln.startswith("apt-get install")).split()
    assert set(lines(REPO / "scripts" / "debian-packages.txt")) <= set(installed)
    assert not set(lines(REPO / "scripts" / "debian-packages-test.txt")) & set(installed)
    assert "python -m pip install -q -e .\n" in log and "[test]" not in log


def test_runtime_list_holds_no_test_tool() -> None:
    runtime = set(lines(REPO / "scripts" / "debian-packages.txt"))
    assert not runtime & {"chromium", "libreoffice-writer-nogui", "libreoffice-calc-nogui"}
    assert runtime.isdisjoint(lines(REPO / "scripts" / "debian-packages-test.txt"))


def test_unknown_option_is_refused(checkout: Path) -> None:
    code, err = run(checkout, "--bogus")
    assert code == 2 and "unknown option --bogus" in err
