"""Format detection: magic bytes decide, the suffix only breaks ties."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from memolint.errors import SUPPORTED_FORMATS, CorruptDocument, UnsupportedFormat
from memolint.ingest.sniff import sniff_format


def make_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, written object by object with a real xref."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ODT = make_zip(
    {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<office:document-content/>",
    }
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def test_pdf_named_docx_is_pdf() -> None:
    assert sniff_format(make_pdf("Plan"), ".docx") == "pdf"


def test_pdf_header_after_leading_junk_is_pdf() -> None:
    assert sniff_format(b"\x00\x00junk\n" + make_pdf("Plan"), ".bin") == "pdf"


def test_text_mentioning_a_pdf_header_stays_text() -> None:
    memo = b"# Parsing\n\nWe check that uploads start with %PDF-1.7 before parsing.\n"
    assert sniff_format(memo, ".md") == "markdown"
    assert sniff_format(memo, ".txt") == "text"


def test_docx_named_txt_is_docx() -> None:
    assert sniff_format(make_docx("Plan"), ".txt") == "docx"


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        (".md", "markdown"),
        (".markdown", "markdown"),
        (".MD", "markdown"),
        (".txt", "text"),
        ("", "text"),
        (".memo", "text"),
    ],
)
def test_text_formats_follow_the_suffix(suffix: str, expected: str) -> None:
    assert sniff_format(b"# Plan\n\nWe ship.\n", suffix) == expected


@pytest.mark.parametrize(
    ("data", "suffix", "what"),
    [
        (OLE2, ".doc", "Word 97-2003"),
        (OLE2, ".docx", "Word 97-2003"),
        (ODT, ".odt", "OpenDocument"),
        (ODT, ".docx", "OpenDocument"),
        (PNG, ".png", "image"),
        (PNG, ".txt", "image"),
        (b"{\\rtf1\\ansi Plan}", ".txt", "RTF"),
        (make_zip({"ppt/presentation.xml": b"<p/>"}), ".docx", "PowerPoint"),
        (make_zip({"notes.txt": b"plan"}), ".zip", "ZIP archive"),
    ],
)
def test_unsupported_formats_name_the_supported_ones(data: bytes, suffix: str, what: str) -> None:
    with pytest.raises(UnsupportedFormat) as raised:
        sniff_format(data, suffix, "memo" + suffix)
    message = str(raised.value)
    assert what in message
    assert SUPPORTED_FORMATS in message
    assert message.startswith("memo" + suffix)


@pytest.mark.parametrize("suffix", [".odt", ".pages", ".rtf", ".jpg"])
def test_unsupported_suffix_on_plain_bytes(suffix: str) -> None:
    with pytest.raises(UnsupportedFormat, match="not supported"):
        sniff_format(b"some plain words", suffix)


def test_text_named_docx_or_pdf_is_corrupt_not_misread() -> None:
    with pytest.raises(CorruptDocument, match="not a Word document"):
        sniff_format(b"just some words", ".docx")
    with pytest.raises(CorruptDocument, match="no PDF header"):
        sniff_format(b"just some words", ".pdf")


def test_damaged_zip_is_corrupt() -> None:
    with pytest.raises(CorruptDocument, match="damaged ZIP"):
        sniff_format(make_docx("Plan")[:200], ".docx")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n "])
@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".md", ".txt"])
def test_empty_input_is_left_for_the_emptiness_check(data: bytes, suffix: str) -> None:
    # Blank bytes are reported as an empty document by the caller, whatever
    # their name claims, so sniffing must not fail on them first.
    assert sniff_format(data, suffix) in ("docx", "pdf", "markdown", "text")
