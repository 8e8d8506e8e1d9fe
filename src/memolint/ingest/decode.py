"""Bytes to text for Markdown and plain-text memos.

Editors save memos as UTF-8 (with or without a BOM), UTF-16 (Windows
Notepad), or a legacy code page. Binary files renamed ``.txt`` must be
refused, not linted as noise.
"""

from __future__ import annotations

import codecs

from memolint.errors import CorruptDocument, UnsupportedFormat

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, source: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data``; return the text and diagnostics about the decoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(encoding)), []
            except UnicodeDecodeError:
                raise CorruptDocument(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}; "
                    "re-save it as UTF-8",
                    source=source,
                ) from None
    sample = data[:65536]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise UnsupportedFormat(
            "looks like a binary file, not text; lint a DOCX, PDF, Markdown or text file",
            source=source,
        )
    try:
        return _normalise(data.decode("utf-8")), []
    except UnicodeDecodeError as error:
        text = data.decode("cp1252", errors="replace")
        return _normalise(text), [
            f"not valid UTF-8 (first bad byte at offset {error.start}); read as Windows-1252"
        ]


def _normalise(text: str) -> str:
    # One line-ending convention keeps line numbers identical to an editor's.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
