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
    bom_less = _bom_less_utf16(sample)
    if bom_less:
        try:
            return _normalise(data.decode(bom_less)), [
                f"has no byte-order mark; read as {bom_less.upper()}"
            ]
        except UnicodeDecodeError:
            pass
    if sample.count(b"\x00") > max(1, len(sample) // 100) or _controls(sample) > max(
        1, len(sample) // 50
    ):
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


#: Control bytes no text editor writes (tab, newlines and form feed are left out).
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\r\x0c")


def _controls(sample: bytes) -> int:
    """How many control bytes ``sample`` holds; binary data is full of them even without NULs."""
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES))


def _bom_less_utf16(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for UTF-16 text saved without a byte-order mark.

    Text in a Latin script encoded as UTF-16 has a NUL in every other byte,
    on the same side; binary files have NULs scattered on both.
    """
    pairs = len(sample) // 2
    if pairs < 2 or len(sample) % 2:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd >= pairs * 0.9 and even == 0:
        return "utf-16-le"
    if even >= pairs * 0.9 and odd == 0:
        return "utf-16-be"
    return None


def _normalise(text: str) -> str:
    # One line-ending convention keeps line numbers identical to an editor's.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
