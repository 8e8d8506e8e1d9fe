"""Format detection: the file's bytes decide, its name only breaks ties.

A PDF renamed ``memo.docx`` is still a PDF, and a Word 97 ``.doc`` renamed
``.docx`` must be refused with a clear message rather than a zip error.
"""

from __future__ import annotations

import io
import zipfile

from memolint.errors import SUPPORTED_FORMATS, CorruptDocument, UnsupportedFormat

FORMATS = ("docx", "pdf", "markdown", "text")

SUFFIX_FORMATS = {
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".txt": "text",
    ".text": "text",
    "": "text",
}

#: Suffixes memolint discovers when it is given a directory.
LINTABLE_SUFFIXES = (".docx", ".pdf", ".md", ".markdown", ".txt")

_UNSUPPORTED_SUFFIXES = {
    ".doc": "Word 97-2003 (.doc)",
    ".odt": "OpenDocument text (.odt)",
    ".pages": "Apple Pages",
    ".rtf": "RTF",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
    ".tif": "an image",
    ".tiff": "an image",
    ".heic": "an image",
    ".pptx": "PowerPoint",
    ".xlsx": "Excel",
}

_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 (.doc) or other OLE2 file"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"II*\x00", "an image"),
    (b"MM\x00*", "an image"),
    (b"{\\rtf", "RTF"),
)


def unsupported(what: str, source: str | None) -> UnsupportedFormat:
    return UnsupportedFormat(
        f"{what} is not supported; save it as {SUPPORTED_FORMATS} and try again",
        source=source,
    )


def sniff_format(data: bytes, suffix: str, source: str | None = None) -> str:
    """Return one of :data:`FORMATS` for ``data``, or raise ``UnsupportedFormat``."""
    head = data[:1024]
    if not data.strip():
        # Nothing to sniff: the caller reports the file as empty, which says
        # more than "named .docx but not a Word document" would.
        suffix = suffix.lower()
        return SUFFIX_FORMATS.get(suffix, "text")
    if head.lstrip(b"\x00\t\n\r ")[:5] == b"%PDF-" or _late_pdf_header(data):
        return "pdf"
    if head[:4] == b"PK\x03\x04" or head[:4] == b"PK\x05\x06":
        return _sniff_zip(data, source)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise unsupported(what, source)
    suffix = suffix.lower()
    if suffix in _UNSUPPORTED_SUFFIXES:
        raise unsupported(_UNSUPPORTED_SUFFIXES[suffix], source)
    if suffix in (".docx", ".docm", ".dotx"):
        raise CorruptDocument(
            "is named .docx but is not a Word document (no ZIP package inside); "
            "re-save it from Word as .docx",
            source=source,
        )
    if suffix == ".pdf":
        raise CorruptDocument(
            "is named .pdf but has no PDF header; re-export it as PDF", source=source
        )
    return SUFFIX_FORMATS.get(suffix, "text")


def _late_pdf_header(data: bytes) -> bool:
    """A PDF header after leading junk, as readers accept within the first 1 KiB.

    A text memo that merely mentions ``%PDF-1.7`` near its top must stay
    text, so a late header only counts with a version number after it and an
    end-of-file marker near the end, as a real PDF has.
    """
    at = data.find(b"%PDF-", 0, 1024)
    if at < 0 or not data[at + 5 : at + 6].isdigit():
        return False
    return b"%%EOF" in data[-2048:]


def _sniff_zip(data: bytes, source: str | None) -> str:
    # Besides BadZipFile, a damaged directory can claim a ZIP version zipfile
    # does not implement (NotImplementedError) or point past the data.
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError) as error:
        raise CorruptDocument(
            f"is a damaged ZIP package ({error}); re-save the document and try again",
            source=source,
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        raise unsupported("OpenDocument (.odt)", source)
    if any(name.startswith("ppt/") for name in names):
        raise unsupported("PowerPoint", source)
    if any(name.startswith("xl/") for name in names):
        raise unsupported("Excel", source)
    if "[Content_Types].xml" in names:
        raise CorruptDocument(
            "is an Office package without word/document.xml; re-save it from Word as .docx",
            source=source,
        )
    raise unsupported("a ZIP archive", source)
