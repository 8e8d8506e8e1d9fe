"""What only a real process shows: stdin, start-up imports and speed, the console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_support import WEAK

HEAVY = ("spacy", "sklearn", "docx", "pypdf", "textstat", "memolint.ingest.docx")


def memolint(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "memolint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_stdin_is_read_and_labelled(tmp_path: Path) -> None:
    done = memolint(
        "check", "-", "--format", "jsonl", "--select", "ML101", stdin=WEAK.encode(), cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records and all(record["source"] == "<stdin>" for record in records)
    named = memolint(
        "check",
        "-",
        "--stdin-filename",
        "memos/a.md",
        "--format",
        "jsonl",
        "--select",
        "ML101",
        stdin=WEAK.encode(),
        cwd=tmp_path,
    )
    assert {json.loads(line)["source"] for line in named.stdout.splitlines()} == {"memos/a.md"}


def test_binary_junk_on_stdin_is_one_line(tmp_path: Path) -> None:
    done = memolint("check", "-", stdin=b"\x89PNG\r\n\x1a\n" + b"\0" * 64, cwd=tmp_path)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode().startswith("memolint: error: <stdin>: ")


def test_help_version_and_rule_import_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from memolint.cli import main\n"
        "import contextlib, io\n"
        "argvs = (['--help'], ['--version'], ['check', '--help'], ['rule'], ['rule', 'ML101'])\n"
        "for argv in argvs:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(argv)\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_importing_the_cli_does_not_import_spacy() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import memolint.cli"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert not {name for name in imported if name.split(".")[0] in ("spacy", "sklearn", "rich")}
