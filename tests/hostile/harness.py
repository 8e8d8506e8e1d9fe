"""Reading one hostile file the way memolint does, and checking what came of it.

Every case is written to a temporary directory, read in the capped child
process of :mod:`memolint.sandbox` (the same path ``Linter.lint`` takes), and
must end in one of two ways: a memo, or the one :class:`MemolintError`
subclass the case expects, with a one-line message that names the file. The
input file must come out of it byte for byte and timestamp for timestamp as
it went in, with nothing written beside it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from memolint.errors import MemolintError
from memolint.ingest import load_source
from memolint.limits import MiB
from memolint.model import Memo

#: The ceiling on the reading process's resident memory.
MEMORY_CEILING = 500 * MiB
#: The per-document time limit a read must finish within.
TIME_LIMIT = 30.0
#: What the sandbox says when its memory cap, not a reader's own limit, stopped a read.
MEMORY_CAP_WORDS = "of memory to read"


@dataclass(frozen=True)
class Case:
    """One hostile file: its name (the suffix matters), how to build it, what must happen."""

    name: str
    build: Callable[[], bytes]
    #: The exact error class, or ``None`` when the file is legitimately readable.
    expected: type[MemolintError] | None
    #: Words the error message (or, for a readable file, one diagnostic) must contain.
    words: str = ""


def case_id(case: Case) -> str:
    return case.name


def fingerprint(path: Path) -> tuple[str, int, list[str]]:
    """The file's content hash and modification time, and what its directory holds."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def read_isolated(path: Path):
    """Read ``path`` as ``Linter.lint`` does: load it here, parse it in the capped child."""
    sandbox = pytest.importorskip("memolint.sandbox")
    if not hasattr(os, "fork"):
        pytest.skip("reading in a capped child process needs fork")
    data, label, suffix = load_source(path)
    return sandbox.read_isolated(data, label, suffix=suffix, timeout=TIME_LIMIT)


def check_case(case: Case, directory: Path) -> Memo | MemolintError:
    """Write, read and check one case; return the memo or the error for further checks."""
    path = directory / case.name
    path.write_bytes(case.build())
    before = fingerprint(path)
    try:
        if case.expected is None:
            result = read_isolated(path)
            assert result.memo.blocks, "a readable file must give text to lint"
            assert result.peak_rss_bytes is not None
            assert result.peak_rss_bytes < MEMORY_CEILING, result.peak_rss_bytes
            assert result.seconds < TIME_LIMIT
            if case.words:
                assert any(case.words in note for note in result.memo.diagnostics), (
                    result.memo.diagnostics
                )
            assert all("\n" not in note for note in result.memo.diagnostics)
            return result.memo
        with pytest.raises(MemolintError) as caught:
            read_isolated(path)
        error = caught.value
        # A read past the time limit would end in DocumentTimeout, failing this.
        assert type(error) is case.expected, f"{type(error).__name__}: {error}"
        assert_one_line_naming(error, path)
        # The reader's own limits stopped it, not the child's address-space cap:
        # the process never came near the memory ceiling.
        assert MEMORY_CAP_WORDS not in str(error)
        assert case.words in str(error)
        return error
    finally:
        assert fingerprint(path) == before, "reading must never change the input"


def assert_one_line_naming(error: MemolintError, path: Path | str) -> None:
    message = str(error)
    assert "\n" not in message and "\r" not in message, message
    assert message.startswith(f"{path}: "), message
    assert error.source == str(path)


def peak_rss_in_fresh_process(path: Path) -> tuple[str, int]:
    """Read ``path`` in a new interpreter without any sandbox; its outcome and peak RSS.

    This shows the readers themselves stop a bomb early, so a caller that
    reads in process (``isolate = false``) is as safe as the capped child.
    """
    code = (
        "import sys\n"
        "from memolint.errors import MemolintError\n"
        "from memolint.ingest import read_memo\n"
        "try:\n"
        "    read_memo(sys.argv[1])\n"
        "    print('Memo')\n"
        "except MemolintError as error:\n"
        "    print(type(error).__name__)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    guard = threading.Timer(120, process.kill)  # a hang fails the test instead of the run
    guard.start()
    try:
        assert process.stdout is not None
        text = process.stdout.read().decode("utf-8", errors="replace").strip()
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        guard.cancel()
        process.returncode = -1  # reaped by wait4 above
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, text
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return text.splitlines()[-1], usage.ru_maxrss * scale
