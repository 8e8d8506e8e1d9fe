"""Valid memos the fuzz tests start from, built at test time.

Mutating a compressed container mostly trips its checksum, so most seeds
here expose their structure: DOCX packages are handed over part by part
(the fuzzer edits the XML and zips it again), and PDFs are written with
uncompressed content streams, fonts and cross-reference data, some by hand
(simple, TrueType with a custom encoding, Type0 with a ToUnicode map, a form
XObject, an incremental update, an object stream with a cross-reference
stream) and some decompressed from the LibreOffice and Chromium PDFs in
``tests/data``. The compressed originals are kept too, for raw byte
mutations.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from ingest.docx_factory import build_rich_docx

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "corpora" / "memos"

#: Parts the DOCX reader never opens; leaving them out keeps every mutation
#: (and every re-zip) on the parts that matter.
_UNREAD_PARTS = (
    "word/stylesWithEffects.xml",
    "word/theme/theme1.xml",
    "word/fontTable.xml",
    "word/webSettings.xml",
    "word/settings.xml",
    "docProps/thumbnail.jpeg",
    "customXml/item1.xml",
    "customXml/_rels/item1.xml.rels",
    "customXml/itemProps1.xml",
)


# ---------------------------------------------------------------------------
# DOCX


Parts = tuple[tuple[str, bytes], ...]


@cache
def docx_parts() -> dict[str, Parts]:
    """Each DOCX seed as its (part name, bytes) list, in package order."""
    packages = {
        "ledger": (DATA / "ledger-memo.docx").read_bytes(),
        "strong": (EXAMPLES / "strong-memo.docx").read_bytes(),
        "rich": build_rich_docx(),
    }
    seeds = {}
    for name, data in packages.items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            seeds[name] = tuple(
                (info.filename, archive.read(info))
                for info in archive.infolist()
                if info.filename not in _UNREAD_PARTS
            )
    return seeds


def zip_parts(parts: Parts, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts:
            archive.writestr(name, content)
    return buffer.getvalue()


@cache
def docx_packages() -> dict[str, bytes]:
    """Whole DOCX seeds, deflated and stored, for byte-level mutations of the ZIP."""
    seeds = {}
    for name, parts in docx_parts().items():
        seeds[f"{name}-deflated"] = zip_parts(parts)
        seeds[f"{name}-stored"] = zip_parts(parts, zipfile.ZIP_STORED)
    return seeds


# ---------------------------------------------------------------------------
# PDF written by hand


def _stream(header: str, data: bytes) -> bytes:
    return (
        b"<< " + header.encode() + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
    )


def _pdf(objects: list[bytes], *, info: int | None = None) -> bytes:
    """A PDF with ``objects`` numbered from 1 (1 is the catalog) and a classic xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R"
    if info is not None:
        trailer += f" /Info {info} 0 R"
    out += b"trailer\n" + trailer.encode() + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _to_unicode(ranges: str) -> bytes:
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{ranges}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


def _hex(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


_WIDTHS = " ".join(str(250 + (code * 37) % 450) for code in range(32, 256))

_PAGE_ONE = """\
BT /F2 20 Tf 72 730 Td (Payments cutover plan) Tj ET
BT /F1 8 Tf 72 770 Td (Payments Platform - Design Memo) Tj ET
BT /F2 14 Tf 72 690 Td (1. Rollout) Tj ET
BT /F1 11 Tf 14 TL 72 668 Td
(The cutover is gated by the reconciliation job, not by a meeting. Every) Tj
T* (shard flips only after its error budget has held for a full day, and the) Tj
(on-call engineer pages the payments lead within fifteen minutes.) '
4 0 (Nobody signs off on a shard by hand.) " ET
BT /F1 11 Tf 72 600 Td (\\225) Tj 14 0 Td (Dual-write for six weeks; compare ledgers hourly.) Tj ET
BT /F1 11 Tf 72 584 Td (\\225) Tj 14 0 Td (Move readers one shard at a time behind a flag.) Tj ET
BT /F3 11 Tf 72 560 Td [(W) 120 (e ship on ) -250 (Fri) 30 (day \\200 not Monday.)] TJ ET
BT /F2 10 Tf 72 520 Td (Role) Tj 150 0 Td (Owner) Tj 150 0 Td (When) Tj ET
BT /F1 10 Tf 72 504 Td (Cutover) Tj 150 0 Td (Payments lead) Tj 150 0 Td (Week 6) Tj ET
BT /F1 10 Tf 72 488 Td (Rollback) Tj 150 0 Td (On-call engineer) Tj 150 0 Td (Any time) Tj ET
BT 0 1 -1 0 560 300 Tm /F1 9 Tf (Rotated margin note) Tj ET
q 0.8 0 0 0.8 72 120 cm /Fm1 Do Q
0.5 w 72 470 m 540 470 l S
BT /F1 9 Tf 1 0 0 1 290 40 Tm 2 Tc 0.5 Tw 90 Tz (Page 1 of 2) Tj 0 Tc 0 Tw 100 Tz ET
"""

_SILENT = _hex("Silent corruption is the failure mode that worries me most.")
_ACCENTED = _hex("A caf\u00e9 \u2022 bullet inside a line, then \u201cquotes\u201d.")
_PAGE_TWO_A = f"""\
BT /F1 8 Tf 72 770 Td (Payments Platform - Design Memo) Tj ET
BT /F2 14 Tf 72 730 Td (2. Risks) Tj ET
BT /F4 11 Tf 14 TL 72 708 Td {_SILENT} Tj
T* {_ACCENTED} Tj ET
"""

_PAGE_TWO_B = f"""\
q 1 0 0 1 0 0 cm
BT /F4 11 Tf 72 660 Td [{_hex("Every shard")} -300 {_hex("flips only after review.")}] TJ ET
BT /F1 11 Tf 3 Tr 72 640 Td (Invisible text layer of a scanned line.) Tj 0 Tr ET
Q
BT /F1 9 Tf 290 40 Td (Page 2 of 2) Tj ET
"""


@cache
def handmade_pdf() -> bytes:
    """Two pages: standard, TrueType (custom encoding) and Type0 fonts, a form, a page tree."""
    form = _stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 400 60] /Matrix [1 0 0 1 0 0] "
        "/Resources << /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 0 20 Td (A footnote drawn by a form XObject.) Tj ET",
    )
    cmap = _to_unicode(
        "2 beginbfrange\n<0020> <007E> <0020>\n<00A0> <00FF> <00A0>\nendbfrange\n"
        "3 beginbfchar\n<2022> <2022>\n<201C> <201C>\n<201D> <201D>\nendbfchar"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",  # 1
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 612 792] "  # 2
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R /F4 8 0 R >> "
        b"/XObject << /Fm1 11 0 R >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 12 0 R >>",  # 3
        b"<< /Type /Pages /Parent 2 0 R /Kids [15 0 R] /Count 1 >>",  # 4
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "  # 5
        b"/Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths ["
        + _WIDTHS.encode()
        + b"] >>",
        # 6
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Georgia "  # 7
        b"/FirstChar 32 /LastChar 255 /Widths [" + _WIDTHS.encode() + b"] "
        b"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "
        b"/Differences [128 /endash /bullet 146 /quoteright] >> /FontDescriptor 9 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GHIJKL+NotoSans /Encoding /Identity-H "  # 8
        b"/DescendantFonts [10 0 R] /ToUnicode 13 0 R >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Georgia /Flags 34 /FontWeight 400 "  # 9
        b"/FontBBox [-100 -250 1100 950] /ItalicAngle 0 /Ascent 900 /Descent -250 "
        b"/CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GHIJKL+NotoSans "  # 10
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 520 /W [32 [260] 65 90 620 97 [560 570 500 570 560 320 570 570 250]] "
        b"/CIDToGIDMap /Identity >>",
        form,  # 11
        _stream("", _PAGE_ONE.encode("latin-1")),  # 12
        _stream("", cmap),  # 13
        b"<< /Title (Payments cutover plan) /Producer (memolint tests) >>",  # 14
        b"<< /Type /Page /Parent 4 0 R /Contents [16 0 R 17 0 R] "  # 15
        b"/MediaBox [0 0 612 792] /CropBox [0 0 612 792] /Rotate 0 >>",
        _stream("", _PAGE_TWO_A.encode("latin-1")),  # 16
        _stream("", _PAGE_TWO_B.encode("latin-1")),  # 17
    ]
    return _pdf(objects, info=14)


@cache
def minimal_pdf() -> bytes:
    """One page, one font, three paragraphs: every mutation lands near structure."""
    content = (
        b"BT /F1 18 Tf 72 720 Td (Cutover memo) Tj ET\n"
        b"BT /F1 11 Tf 72 690 Td (The canary rolls back by itself when errors pass two "
        b"percent.) Tj ET\n"
        b"BT /F1 11 Tf 72 660 Td (The payments lead owns the cutover.) Tj ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        _stream("", content),
    ]
    return _pdf(objects)


@cache
def updated_pdf() -> bytes:
    """The minimal PDF with an incremental update that replaces its content stream."""
    base = minimal_pdf()
    previous = base.rindex(b"startxref")
    previous_xref = int(base[previous + len(b"startxref") :].split()[0])
    content = (
        b"BT /F1 18 Tf 72 720 Td (Cutover memo, revised) Tj ET\n"
        b"BT /F1 11 Tf 72 690 Td (The on-call engineer pages the lead within ten minutes.) Tj ET\n"
    )
    out = bytearray(base)
    offset = len(out)
    out += b"5 0 obj\n" + _stream("", content) + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n5 1\n%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\n" % previous_xref
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@cache
def object_stream_pdf() -> bytes:
    """Fonts and page tree in an (uncompressed) object stream, found through an xref stream."""
    content = (
        b"BT /F1 16 Tf 72 720 Td (Object streams) Tj ET\n"
        b"BT /F1 11 Tf 72 690 Td (The fraud scorer reads from the ledger replica.) Tj ET\n"
        b"BT /F2 11 Tf 72 670 Td (Finance reporting moves in week four.) Tj ET\n"
    )
    packed = [
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",  # 2
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "  # 3
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",  # 4
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique >>",  # 5
    ]
    header = b""
    body = b""
    for index, item in enumerate(packed):
        header += b"%d %d " % (index + 2, len(body))
        body += item + b"\n"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    offsets[1] = len(out)
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    offsets[6] = len(out)
    out += b"6 0 obj\n" + _stream("", content) + b"\nendobj\n"
    offsets[7] = len(out)
    out += b"7 0 obj\n" + _stream(
        f"/Type /ObjStm /N {len(packed)} /First {len(header)}", header + body
    )
    out += b"\nendobj\n"
    offsets[8] = len(out)
    rows = [b"\x00\x00\x00\xff"]  # object 0: free
    rows.append(b"\x01" + offsets[1].to_bytes(2, "big") + b"\x00")
    rows += [b"\x02\x00\x07" + bytes([index]) for index in range(len(packed))]
    rows += [b"\x01" + offsets[number].to_bytes(2, "big") + b"\x00" for number in (6, 7, 8)]
    xref = b"".join(rows)
    out += b"8 0 obj\n" + _stream("/Type /XRef /Size 9 /W [1 2 1] /Root 1 0 R", xref)
    out += b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[8]
    return bytes(out)


# ---------------------------------------------------------------------------
# PDF from real producers


def _decompressed(data: bytes, pages: int) -> bytes:
    """The first ``pages`` pages of a PDF with every non-image stream stored uncompressed."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject, StreamObject

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages[:pages]:
        writer.add_page(page)
    # pypdf has no public "decompress" switch; swapping each stream for a
    # decoded copy before writing is the documented way streams are built.
    for index, obj in enumerate(writer._objects):
        if isinstance(obj, StreamObject) and "/Filter" in obj and obj.get("/Subtype") != "/Image":
            plain = DecodedStreamObject()
            for key, value in obj.items():
                if key not in ("/Filter", "/DecodeParms", "/Length"):
                    plain[NameObject(key)] = value
            plain.set_data(obj.get_data())
            writer._objects[index] = plain
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _first_pages(data: bytes, pages: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages[:pages]:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@cache
def pdf_seeds() -> dict[str, bytes]:
    """Uncompressed PDFs, whose objects, dictionaries and operators mutations can reach."""
    return {
        "handmade": handmade_pdf(),
        "minimal": minimal_pdf(),
        "updated": updated_pdf(),
        "objstm": object_stream_pdf(),
        "libreoffice": _decompressed((DATA / "ledger-memo.pdf").read_bytes(), 1),
        "chromium": _decompressed((DATA / "ledger-memo-chrome.pdf").read_bytes(), 1),
    }


@cache
def compressed_pdf_seeds() -> dict[str, bytes]:
    """PDFs as their producers wrote them (Flate streams), trimmed to two pages."""
    return {
        "libreoffice-z": _first_pages((DATA / "ledger-memo.pdf").read_bytes(), 2),
        "libreoffice-dense-z": _first_pages((DATA / "ledger-memo-dense.pdf").read_bytes(), 2),
        "chromium-z": _first_pages((DATA / "ledger-memo-chrome.pdf").read_bytes(), 2),
        "example-z": _first_pages((EXAMPLES / "strong-memo.pdf").read_bytes(), 2),
    }


# ---------------------------------------------------------------------------
# Markdown and plain text


@cache
def markdown_seeds() -> dict[str, str]:
    seeds = {path.name: path.read_text("utf-8") for path in sorted(EXAMPLES.glob("*-memo.md"))}
    for path in sorted(CORPUS.glob("*.md"))[:6]:
        seeds[path.name] = path.read_text("utf-8")
    return seeds


@cache
def text_seeds() -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in sorted(CORPUS.glob("*.txt"))[:6]}
