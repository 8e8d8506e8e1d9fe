"""Fixtures for the command-line tests: memo files in a temporary working directory.

The CLI runs in-process through ``memolint.cli.main`` (the language model
then loads once per test process); a few tests use a subprocess where the
process boundary is the point (stdin, start-up imports).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import CLEAN, WEAK, Result, Run

from memolint.cli import main


@pytest.fixture()
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Call ``main`` with the given arguments; return its code and captured output."""

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture()
def memos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding ``weak.txt`` and ``clean.txt``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "weak.txt").write_text(WEAK, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path
