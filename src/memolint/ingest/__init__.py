"""Ingestion: bytes or a path in, a :class:`~memolint.model.Memo` out.

``read_memo`` enforces the input limits, sniffs the format from the bytes
(the suffix only breaks ties) and hands off to one reader per format. Files
are opened read-only and never written.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from memolint.errors import DocumentTooLarge, InputNotFound, MemolintError, UnsupportedFormat
from memolint.ingest.sniff import FORMATS, sniff_format
from memolint.limits import DEFAULT_LIMITS, Limits
from memolint.model import Memo

__all__ = [
    "load_source",
    "memo_from_bytes",
    "memo_from_text",
    "read_memo",
    "read_source_bytes",
]


def read_source_bytes(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a file's bytes, read-only, refusing directories and oversized files."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputNotFound("no such file; check the path", source=name) from None
    except OSError as error:
        raise InputNotFound(f"cannot be read ({error.strerror})", source=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputNotFound(
            "is a directory; pass a memo file (the CLI walks directories for you)", source=name
        )
    if not stat.S_ISREG(info.st_mode) and name not in ("/dev/stdin", "-"):
        raise UnsupportedFormat("is not a regular file; pass a memo file", source=name)
    if info.st_size > limits.max_bytes:
        raise DocumentTooLarge(
            f"is {info.st_size / 1048576:.1f} MiB, over the {limits.max_bytes / 1048576:.0f} MiB "
            "limit; raise max_bytes in the configuration if this is intended",
            source=name,
        )
    try:
        with open(name, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as error:
        raise InputNotFound(f"cannot be read ({error.strerror})", source=name) from None
    if len(data) > limits.max_bytes:
        raise DocumentTooLarge(
            f"is over the {limits.max_bytes / 1048576:.0f} MiB limit", source=name
        )
    return data


def read_memo(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
) -> Memo:
    """Read a memo from a path or from raw bytes, in this process.

    :class:`memolint.Linter` reads through :mod:`memolint.sandbox` instead,
    which runs the same code in a child process with memory and time limits.

    >>> memo = read_memo("examples/strong-memo.docx")  # doctest: +SKIP
    >>> memo.blocks[0].kind
    'title'
    """
    data, label, suffix = load_source(source, limits=limits, name=name)
    return memo_from_bytes(data, label, suffix=suffix, format=format, limits=limits)


def load_source(
    source: str | os.PathLike[str] | bytes,
    *,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
) -> tuple[bytes, str, str]:
    """The bytes to read, the label for messages, and the suffix that breaks format ties."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
        if len(data) > limits.max_bytes:
            raise DocumentTooLarge(
                f"is over the {limits.max_bytes / 1048576:.0f} MiB limit", source=label
            )
        return data, label, Path(name).suffix if name else ""
    label = name or os.fspath(source)
    return read_source_bytes(source, limits), label, Path(os.fspath(source)).suffix


def memo_from_bytes(
    data: bytes,
    source: str,
    *,
    suffix: str = "",
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Memo:
    if format is not None and format not in FORMATS:
        raise UnsupportedFormat(
            f"unknown format {format!r}; use one of {', '.join(FORMATS)}", source=source
        )
    detected = sniff_format(data, suffix, source)
    if format in ("markdown", "text") and detected in ("markdown", "text"):
        detected = format
    if not data.strip():
        raise _empty(source)
    try:
        if detected == "docx":
            from memolint.ingest.docx import read_docx

            memo = read_docx(data, source, limits)
        elif detected == "pdf":
            from memolint.ingest.pdf import read_pdf

            memo = read_pdf(data, source, limits)
        else:
            from memolint.ingest.decode import decode_text

            text, notes = decode_text(data, source)
            memo = memo_from_text(text, source, format=detected, limits=limits)
            memo.diagnostics[:0] = notes
    except MemolintError:
        raise
    except RecursionError:
        from memolint.errors import CorruptDocument

        raise CorruptDocument(
            "is nested too deeply to read safely; re-save the document", source=source
        ) from None
    if not memo.blocks:
        raise _empty(source)
    return memo


def memo_from_text(
    text: str, source: str = "<text>", *, format: str = "text", limits: Limits = DEFAULT_LIMITS
) -> Memo:
    if len(text) > limits.max_text_chars:
        raise DocumentTooLarge(
            f"has {len(text):,} characters, over the {limits.max_text_chars:,} limit",
            source=source,
        )
    from memolint.ingest.suppressions import parse_suppressions

    if format == "markdown":
        from memolint.ingest.markdown import read_markdown

        memo = read_markdown(text, source)
    elif format == "text":
        from memolint.ingest.text import read_text

        memo = read_text(text, source)
    else:
        raise UnsupportedFormat(
            f"unknown text format {format!r}; use 'markdown' or 'text'", source=source
        )
    if not memo.blocks:
        raise _empty(source)
    memo.suppressions = parse_suppressions(text)
    return memo


def _empty(source: str) -> MemolintError:
    from memolint.errors import CorruptDocument

    return CorruptDocument("is empty: there is no text to lint", source=source)
