"""Finding the memos to check when the command line names directories.

A directory is walked recursively for files with a lintable suffix, in a
stable (sorted) order so that output and exit codes do not depend on the
file system. Hidden directories, version-control folders and virtual
environments are skipped: a memo repository's ``.git`` or a vendored
``node_modules`` holds thousands of Markdown files nobody wants linted.
Files named explicitly are always kept, whatever their suffix, so that an
unsupported format gets a clear error instead of being silently ignored.

>>> from memolint.discover import discover  # doctest: +SKIP
>>> found = discover(["memos/", "extra.docx"])  # doctest: +SKIP
>>> found.files, found.errors  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from memolint.errors import InputNotFound, MemolintError
from memolint.ingest.sniff import LINTABLE_SUFFIXES

#: Directory names never descended into (hidden directories are skipped too).
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox"}
)
#: Word leaves ``~$name.docx`` lock files beside an open document; they are not memos.
_LOCK_FILE_PREFIX = "~$"
STDIN = "-"


@dataclass(slots=True)
class Discovered:
    """The files to check, in order, and the paths that could not be used."""

    files: list[str] = field(default_factory=list)
    errors: list[MemolintError] = field(default_factory=list)


def discover(paths: Sequence[str], suffixes: Iterable[str] = LINTABLE_SUFFIXES) -> Discovered:
    """Expand ``paths`` (files, directories, ``-`` for stdin) into files to check.

    A missing path or a directory without memos becomes an error in
    ``Discovered.errors`` rather than an exception, so one bad argument does
    not stop the rest of a batch. A file reached twice is checked once.
    """
    wanted = tuple(suffix.lower() for suffix in suffixes)
    result = Discovered()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == STDIN else os.path.normcase(os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            result.files.append(path)

    for path in paths:
        if path == STDIN:
            add(path)
        elif os.path.isdir(path):
            found = list(walk(path, wanted))
            if not found:
                result.errors.append(
                    InputNotFound(
                        f"no memos found in this directory (looked for {', '.join(wanted)})",
                        source=path,
                    )
                )
            for file in found:
                add(file)
        elif os.path.lexists(path):
            add(path)
        else:
            result.errors.append(InputNotFound("no such file or directory", source=path))
    return result


def walk(directory: str, suffixes: tuple[str, ...]) -> Iterable[str]:
    """Memo files under ``directory``, sorted, skipping hidden and tool folders.

    Symbolic links to directories are not followed, so a link loop cannot
    make a run endless.
    """
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(name for name in dirs if not _skipped_dir(name))
        for name in sorted(files):
            if name.startswith((".", _LOCK_FILE_PREFIX)):
                continue
            if Path(name).suffix.lower() in suffixes:
                yield _display(os.path.join(root, name))


def _skipped_dir(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_DIRS


def _display(path: str) -> str:
    # "./memos/a.md" reads worse than "memos/a.md" in every output format.
    return path[2:] if path.startswith("./") else path
