"""Hostile input files, one small function each, built in memory at test time.

Bombs are cheap to build: a deflate stream of a repeated chunk is made by
compressing the chunk once after a full flush (which resets the compressor,
so every later copy of the chunk compresses to the same bytes) and repeating
those bytes. A gigabyte of zeros costs a millisecond and a megabyte of output;
nothing of the expanded size ever exists in the test process.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from dataclasses import dataclass

MiB = 1024 * 1024

# -- deflate streams of repeated data --------------------------------------------


@dataclass(frozen=True)
class Deflated:
    """Compressed bytes with what a ZIP header needs to describe them."""

    data: bytes
    size: int  # the expanded size
    crc: int


def deflate_repeated(
    chunk: bytes, count: int, *, prefix: bytes = b"", suffix: bytes = b"", zlib_wrapper: bool
) -> Deflated:
    """``prefix + chunk * count + suffix`` compressed, without ever building it.

    ``zlib_wrapper`` gives a zlib stream (a PDF ``/FlateDecode`` stream, whose
    Adler-32 is combined arithmetically); without it the stream is raw
    deflate, as ZIP stores it, with the CRC-32 a ZIP header needs.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, 15 if zlib_wrapper else -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert first == again, "a full flush must make the copies compress identically"
    tail = compressor.compress(suffix) + compressor.flush(zlib.Z_FINISH)
    crc = 0
    if zlib_wrapper:
        adler, once = zlib.adler32(prefix), zlib.adler32(chunk)
        for _ in range(count):
            adler = _adler32_combine(adler, once, len(chunk))
        adler = _adler32_combine(adler, zlib.adler32(suffix), len(suffix))
        tail = tail[:-4] + struct.pack(">I", adler)  # the checksum of the whole stream
    else:
        crc = zlib.crc32(prefix)
        for _ in range(count):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(suffix, crc)
    data = head + first * count + tail
    return Deflated(data, len(prefix) + len(chunk) * count + len(suffix), crc)


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two strings joined, from their checksums (as zlib's own combine)."""
    base = 65521
    a = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % base
    b = ((first >> 16) + (second >> 16) + second_length * ((first & 0xFFFF) - 1)) % base
    return b << 16 | a


def zlib_zeros(size: int) -> bytes:
    """A zlib stream that expands to ``size`` zero bytes (``size`` a multiple of 1 MiB)."""
    return deflate_repeated(bytes(MiB), size // MiB, zlib_wrapper=True).data


# -- ZIP packages written by hand ---------------------------------------------------


def write_zip(
    parts: dict[str, bytes | Deflated], *, declared: dict[str, int] | None = None
) -> bytes:
    """A ZIP archive of ``parts`` (deflated), written entry by entry.

    A :class:`Deflated` value is stored as it is, so a part can expand to
    far more than the test ever holds. ``declared`` overrides the expanded
    size written in both headers, to make a part lie about its size.
    """
    declared = declared or {}
    out = bytearray()
    directory = bytearray()
    for name, content in parts.items():
        if not isinstance(content, Deflated):
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = compressor.compress(content) + compressor.flush()
            content = Deflated(packed, len(content), zlib.crc32(content))
        encoded = name.encode("utf-8")
        size = declared.get(name, content.size)
        fields = (20, 0, 8, 0, 0x21, content.crc, len(content.data), size, len(encoded))
        offset = len(out)
        out += b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields, 0) + encoded + content.data
        directory += (
            b"PK\x01\x02"
            + struct.pack("<HHHHHHIIIHHHHHII", 20, *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    count = len(parts)
    end = struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), len(out), 0)
    return bytes(out + directory + b"PK\x05\x06" + end)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: A memo that trips several rules (an approval gate, a meeting, a hedge).
MEMO_PARAGRAPHS = (
    "Rollout plan",
    "The release will possibly be approved by the CAB before each ramp step.",
    "We hold weekly syncs to stay aligned on the migration.",
)
DOCUMENT_OPEN = f'<w:document xmlns:w="{W_NS}"><w:body>'
DOCUMENT_CLOSE = "</w:body></w:document>"


def paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document_xml(body: str | None = None) -> bytes:
    if body is None:
        body = "".join(paragraph(text) for text in MEMO_PARAGRAPHS)
    return (XML_DECLARATION + DOCUMENT_OPEN + body + DOCUMENT_CLOSE).encode("utf-8")


def content_types(main: str = MAIN_TYPE, extra: str = "") -> bytes:
    return (
        XML_DECLARATION
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        f"{extra}</Types>"
    ).encode("utf-8")


def relationships(*targets: tuple[str, str]) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{number}" Type="{kind}" Target="{target}"/>'
        for number, (kind, target) in enumerate(targets, start=1)
    )
    return (XML_DECLARATION + f'<Relationships xmlns="{REL_NS}">{rels}</Relationships>').encode(
        "utf-8"
    )


STYLES = (
    XML_DECLARATION + f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="Title">'
    '<w:name w:val="Title"/></w:style></w:styles>'
).encode("utf-8")


def docx_parts(document: bytes | Deflated | None = None) -> dict[str, bytes | Deflated]:
    """The parts of a small, valid Word package holding the memo."""
    return {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": relationships((f"{OFFICE_REL}/officeDocument", "word/document.xml")),
        "word/document.xml": document if document is not None else document_xml(),
        "word/_rels/document.xml.rels": relationships((f"{OFFICE_REL}/styles", "styles.xml")),
        "word/styles.xml": STYLES,
    }


def good_docx() -> bytes:
    return write_zip(docx_parts())


# -- DOCX: bombs -----------------------------------------------------------------------


def docx_huge_media_part() -> bytes:
    """An "image" that expands to 200 MiB of zeros (200 KiB on disk)."""
    image = deflate_repeated(bytes(MiB), 200, prefix=b"\x89PNG\r\n\x1a\n", zlib_wrapper=False)
    return write_zip({**docx_parts(), "word/media/image1.png": image})


def docx_huge_text_node() -> bytes:
    """One ``w:t`` holding 200 MiB of the letter A."""
    document = deflate_repeated(
        b"A" * MiB,
        200,
        prefix=(XML_DECLARATION + DOCUMENT_OPEN + "<w:p><w:r><w:t>").encode(),
        suffix=("</w:t></w:r></w:p>" + DOCUMENT_CLOSE).encode(),
        zlib_wrapper=False,
    )
    return write_zip(docx_parts(document))


def docx_paragraph_flood() -> bytes:
    """150 MiB of short paragraphs in the main document."""
    block = paragraph("We ship it.").encode() * 1000
    document = deflate_repeated(
        block,
        150 * MiB // len(block),
        prefix=(XML_DECLARATION + DOCUMENT_OPEN).encode(),
        suffix=DOCUMENT_CLOSE.encode(),
        zlib_wrapper=False,
    )
    return write_zip(docx_parts(document))


def docx_huge_unreferenced_part() -> bytes:
    """A part nothing points to, expanding to 120 MiB; the memo itself is fine."""
    blob = deflate_repeated(bytes(MiB), 120, zlib_wrapper=False)
    return write_zip({**docx_parts(), "customXml/item1.bin": blob})


def docx_parts_over_total() -> bytes:
    """Three 60 MiB parts: each under the part limit, compressed under 200:1, 180 MiB in all."""
    rng = random.Random(7)
    chunk = rng.randbytes(512) + bytes(64 * 1024 - 512)
    parts: dict[str, bytes | Deflated] = docx_parts()
    for number in range(1, 4):
        parts[f"word/media/image{number}.bin"] = deflate_repeated(
            chunk, 60 * 16, zlib_wrapper=False
        )
    return write_zip(parts)


def docx_dense_paragraphs() -> bytes:
    """40 MiB of paragraphs of varied words: under every ZIP limit, far over the text limit."""
    rng = random.Random(17)
    words = ["ship", "owner", "canary", "rollback", "pages", "within", "minutes", "error"]
    block = "".join(
        paragraph(" ".join(rng.choice(words) for _ in range(12)) + ".") for _ in range(600)
    ).encode()
    document = deflate_repeated(
        block,
        40 * MiB // len(block),
        prefix=(XML_DECLARATION + DOCUMENT_OPEN).encode(),
        suffix=DOCUMENT_CLOSE.encode(),
        zlib_wrapper=False,
    )
    return write_zip(docx_parts(document))


def docx_lying_part_size() -> bytes:
    """A part whose headers declare 1 KiB but which inflates to 100 MiB."""
    body = "".join(paragraph(text) for text in MEMO_PARAGRAPHS)
    document = deflate_repeated(
        b" " * MiB,
        100,
        prefix=(XML_DECLARATION + DOCUMENT_OPEN + body).encode(),
        suffix=DOCUMENT_CLOSE.encode(),
        zlib_wrapper=False,
    )
    return write_zip(docx_parts(document), declared={"word/document.xml": 1024})


def docx_too_many_parts() -> bytes:
    """Five thousand empty parts."""
    parts: dict[str, bytes | Deflated] = docx_parts()
    for number in range(5000):
        parts[f"customXml/item{number}.xml"] = b""
    return write_zip(parts)


# -- DOCX: XML attacks and damage ---------------------------------------------------


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol1 "lol">\n'
    + "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(2, 10))
    + "]>\n"
    + DOCUMENT_OPEN
    + "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
    + DOCUMENT_CLOSE
).encode()


def docx_billion_laughs() -> bytes:
    return write_zip(docx_parts(BILLION_LAUGHS))


def _external_entity(system_id: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{system_id}">]>\n'
        + DOCUMENT_OPEN
        + "<w:p><w:r><w:t>Secret: &xxe;</w:t></w:r></w:p>"
        + DOCUMENT_CLOSE
    ).encode()


def docx_xxe_file() -> bytes:
    return write_zip(docx_parts(_external_entity("file:///etc/passwd")))


def docx_xxe_network() -> bytes:
    # Port 9 (discard) on this machine: nothing should ever connect to it.
    return write_zip(docx_parts(_external_entity("http://127.0.0.1:9/entity.xml")))


def docx_doctype_in(part: str) -> bytes:
    """A valid package whose ``part`` carries an (empty, harmless-looking) DTD."""
    parts = docx_parts()
    original = parts[part]
    assert isinstance(original, bytes)
    declaration, rest = original.split(b"\n", 1)
    parts[part] = declaration + b"\n<!DOCTYPE x [ ]>\n" + rest
    return write_zip(parts)


def docx_doctype_in_metadata() -> bytes:
    """A DTD in a part the reader has no need to parse (document properties)."""
    core = (
        b'<?xml version="1.0"?>\n<!DOCTYPE cp [<!ENTITY t SYSTEM "file:///etc/hostname">]>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        b'metadata/core-properties"><cp:keywords>&t;</cp:keywords></cp:coreProperties>'
    )
    return write_zip({**docx_parts(), "docProps/core.xml": core})


def docx_deep_nesting(depth: int = 100_000) -> bytes:
    """A paragraph inside ``depth`` nested unknown elements.

    The tags are one letter so the part stays under the size at which the
    compression-ratio limit starts; the XML parser's depth limit must stop it.
    """
    opening = "<a>" * depth
    closing = "</a>" * depth
    body = opening + paragraph("Deep down.") + closing
    return write_zip(docx_parts(document_xml(body)))


def docx_malformed_xml() -> bytes:
    broken = document_xml().replace(b"</w:body>", b"<w:p><w:r></w:body>")
    return write_zip(docx_parts(broken))


def docx_without_content_types() -> bytes:
    parts = docx_parts()
    del parts["[Content_Types].xml"]
    return write_zip(parts)


def docx_without_document() -> bytes:
    parts = docx_parts()
    del parts["word/document.xml"]
    return write_zip(parts)


def docx_truncated() -> bytes:
    """The first half of a package: the central directory is gone."""
    data = good_docx()
    return data[: len(data) // 2]


def not_a_zip() -> bytes:
    return b"Rollout plan\n\nThis was typed into a file and renamed memo.docx by hand.\n"


def ole2_document() -> bytes:
    """The start of a Word 97-2003 file: the OLE2 compound-file magic and header."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return header + bytes(512 - len(header)) + random.Random(3).randbytes(4096)


def docm_with_macros() -> bytes:
    """A macro-enabled document: its content type says so and it carries a VBA project."""
    parts = docx_parts()
    parts["[Content_Types].xml"] = content_types(
        MACRO_MAIN_TYPE,
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    )
    parts["word/_rels/document.xml.rels"] = relationships(
        (f"{OFFICE_REL}/styles", "styles.xml"),
        ("http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"),
    )
    parts["word/vbaProject.bin"] = ole2_document()
    return write_zip(parts)


def docx_with_oddities() -> bytes:
    """Tracked changes and an embedded OLE object, around ordinary text."""
    body = "".join(paragraph(text) for text in MEMO_PARAGRAPHS) + (
        "<w:p><w:r><w:t xml:space='preserve'>Owner: </w:t></w:r>"
        "<w:ins w:id='1' w:author='A' w:date='2024-01-01T00:00:00Z'>"
        "<w:r><w:t>Dana</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='A' w:date='2024-01-01T00:00:00Z'>"
        "<w:r><w:delText>Sam</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:object><w:control r:id='rId9' "
        f"xmlns:r='{OFFICE_REL}'/></w:object></w:r></w:p>"
    )
    return write_zip(docx_parts(document_xml(body)))


# -- PDF ------------------------------------------------------------------------------

PDF_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
#: The lines of the one-page text memo, drawn top-down.
PDF_LINES = (
    "Rollout plan",
    "The release will possibly be approved by the CAB before each ramp step.",
    "We hold weekly syncs to stay aligned on the migration.",
)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_content(lines: tuple[str, ...] = PDF_LINES) -> bytes:
    return b"".join(
        b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (700 - 20 * row, line.encode("latin-1"))
        for row, line in enumerate(lines)
    )


def text_page_objects(content: bytes | None = None, page_extra: bytes = b"") -> list[bytes]:
    """Catalog (1), page tree (2), one page (3), font (4), contents (5)."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R " + page_extra + b">>",
        FONT,
        stream(content if content is not None else text_content()),
    ]


def pdf_file(objects: list[bytes], *, xref: bool = True) -> bytes:
    """A PDF of numbered object bodies (object 1 is the catalog) with one xref table."""
    out = bytearray(PDF_HEADER)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    trailer = b"<< /Size %d /Root 1 0 R >>" % (len(objects) + 1)
    if not xref:
        return bytes(out + b"trailer\n" + trailer + b"\n%%EOF\n")
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def good_pdf() -> bytes:
    return pdf_file(text_page_objects())


def pdf_flate_bomb() -> bytes:
    """A page whose content stream inflates to 1 GiB of zeros (1 MiB on disk)."""
    objects = text_page_objects()
    objects[4] = stream(zlib_zeros(1024 * MiB), b"/Filter /FlateDecode ")
    return pdf_file(objects)


def pdf_nested_flate_bomb() -> bytes:
    """The 1 GiB bomb compressed once more: a few KiB behind two Flate filters."""
    objects = text_page_objects()
    twice = zlib.compress(zlib_zeros(1024 * MiB), 9)
    objects[4] = stream(twice, b"/Filter [/FlateDecode /FlateDecode] ")
    return pdf_file(objects)


def pdf_font_map_bomb() -> bytes:
    """Ordinary page content, but the font's ToUnicode map inflates to 1 GiB."""
    objects = text_page_objects()
    objects[3] = FONT[:-2] + b"/ToUnicode 6 0 R >>"
    objects.append(stream(zlib_zeros(1024 * MiB), b"/Filter /FlateDecode "))
    return pdf_file(objects)


def pdf_circular_prev() -> bytes:
    """Two xref sections whose ``/Prev`` entries point at each other."""
    objects = text_page_objects()
    out = bytearray(PDF_HEADER)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    size = len(objects) + 1
    entries = b"0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    table = b"xref\n0 %d\n" % size + entries

    def section(prev: int) -> bytes:
        return table + b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (size, prev)

    first = len(out)
    second = first + len(section(0))
    while first + len(section(second)) != second:  # the pointer's own digits move it
        second = first + len(section(second))
    out += section(second)
    assert len(out) == second
    out += section(first) + b"startxref\n%d\n%%%%EOF\n" % second
    return bytes(out)


def pdf_stray_page_tree_entry() -> bytes:
    """A page tree listing a number among its pages: pypdf skips it and says so."""
    objects = text_page_objects()
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"
    objects.append(b"42")
    return pdf_file(objects)


def pdf_comment_after_eof() -> bytes:
    return good_pdf() + b"% written by a tool that appends its name after the end\n"


def pdf_cyclic_page_tree() -> bytes:
    """A page-tree node whose /Kids lead back to the root of the tree."""
    objects = text_page_objects()
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"
    objects.append(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>")
    return pdf_file(objects)


def pdf_deep_arrays(depth: int = 100_000) -> bytes:
    """A page dictionary holding arrays nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    return pdf_file(text_page_objects(page_extra=b"/PieceInfo " + nested + b" "))


def pdf_deep_arrays_in_content(depth: int = 100_000) -> bytes:
    """A content stream whose operand is an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    return pdf_file(text_page_objects(text_content() + nested + b" TJ\n"))


def pdf_operator_flood(operators: int = 1_000_000) -> bytes:
    """One page of text followed by a million save/restore operators (compressed)."""
    flood = deflate_repeated(
        b"q Q\n" * 1000,
        operators // 2000,
        prefix=text_content(),
        zlib_wrapper=True,
    )
    objects = text_page_objects()
    objects[4] = stream(flood.data, b"/Filter /FlateDecode ")
    return pdf_file(objects)


def pdf_inline_image_without_end() -> bytes:
    """Text, then an inline image whose data runs to the end of the stream (no ``EI``)."""
    junk = random.Random(5).randbytes(64 * 1024).replace(b"EI", b"E!")
    content = text_content() + b"BI /W 64 /H 1024 /CS /G /BPC 8 ID " + junk
    return pdf_file(text_page_objects(content))


def pdf_many_pages(count: int = 50_000) -> bytes:
    """``count`` real pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (number + 5) for number in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> >>" % count,
        FONT,
        stream(text_content()),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"
    objects.extend([page] * count)
    return pdf_file(objects)


def pdf_page_tree(count: int) -> bytes:
    """``count`` pages of distinct text under a binary page tree, the deepest shape there is."""
    rng = random.Random(count)
    words = ("Dana", "owns", "the", "ramp", "and", "pages", "on-call", "within", "ten", "minutes")
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def page_text() -> tuple[str, ...]:
        return tuple(" ".join(rng.choice(words) for _ in range(12)) + "." for _ in range(3))

    def subtree(first: int, last: int, parent: int, number: int) -> None:
        """Fill object ``number`` with the node for pages ``first`` to ``last``."""
        if first == last:
            contents = add(stream(text_content(page_text())))
            node = b"<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>" % (parent, contents)
            objects[number - 1] = node
            return
        middle = (first + last) // 2
        left, right = add(b""), add(b"")
        kids = b"/Kids [%d 0 R %d 0 R] /Count %d" % (left, right, last - first + 1)
        objects[number - 1] = b"<< /Type /Pages /Parent %d 0 R %s >>" % (parent, kids)
        subtree(first, middle, number, left)
        subtree(middle + 1, last, number, right)

    root = add(b"")
    objects[1] = (
        b"<< /Type /Pages /Kids [%d 0 R] /Count %d /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> >>" % (root, count)
    )
    subtree(1, count, 2, root)
    return pdf_file(objects)


def pdf_lying_count() -> bytes:
    """One real page under a tree that claims a million."""
    objects = text_page_objects()
    objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>"
    return pdf_file(objects)


def pdf_without_xref() -> bytes:
    return pdf_file(text_page_objects(), xref=False)


def pdf_garbage_after_header() -> bytes:
    return b"%PDF-1.7\n" + random.Random(11).randbytes(32 * 1024)


def pdf_truncated() -> bytes:
    """A memo cut inside its page object: no content, no xref, no trailer."""
    data = good_pdf()
    return data[: data.index(b"/Contents 5 0 R")]


def pdf_encrypted(algorithm: str, user_password: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(good_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_scanned() -> bytes:
    """One page that is a picture of text, with no text layer."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
            stream(
                bytes(range(256)) * 16,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8 ",
            ),
            stream(b"q 400 0 0 500 100 150 cm /Im0 Do Q"),
        ]
    )


def pdf_broken_startxref() -> bytes:
    """A memo whose ``startxref`` points into the middle of an object: pypdf rebuilds it."""
    data = good_pdf()
    position = data.rindex(b"startxref")
    return data[:position] + b"startxref\n12\n%%EOF\n"


# -- Markdown and text ------------------------------------------------------------------

MEMO_MARKDOWN = "# " + "\n\n".join(MEMO_PARAGRAPHS) + "\n"


def binary_junk() -> bytes:
    return random.Random(13).randbytes(16 * 1024)


def invalid_utf8() -> bytes:
    return MEMO_MARKDOWN.encode() + b"\nCaf\xe9 owners sign off.\n"


def utf16_with_bom() -> bytes:
    return MEMO_MARKDOWN.encode("utf-16")


def single_long_line(size: int = 10 * 1000 * 1000) -> bytes:
    return b"approve " * (size // 8)


def empty() -> bytes:
    return b""


def whitespace_only() -> bytes:
    return b" \n\t\r\n   \n\x0c\n" * 100
