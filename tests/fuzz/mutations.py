"""Mutation strategies: a seed document plus a short list of edits.

A drawn case is a small, readable value (the seed's name and the edits, as
dataclasses) rather than the mutated bytes, so a failing example prints as
something a person can replay, and Hypothesis shrinks it edit by edit. Every
edit is total: positions and indexes are taken modulo the size of what they
apply to, so any edit applies to any input.

Edits come in four families:

* byte edits for any format: bit flips, byte writes, insertions, deletions,
  chunk duplication, truncation, splicing with another seed, and replacing
  a number or a format token with an extreme or confusing one;
* XML edits for a DOCX part, made on the parsed tree so the part stays
  well-formed and the mutation reaches the reader's walk: removing,
  duplicating, moving, wrapping, nesting and renaming elements, setting
  attributes and text to odd values, inserting WordprocessingML fragments;
* package edits for a DOCX: dropping or renaming a part;
* text edits for Markdown and plain text: inserting markup fragments at
  line starts or anywhere, dropping and duplicating lines, inserting
  control characters, lone surrogates and byte-order marks, then encoding
  the text in one of the encodings editors write.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from hypothesis import strategies as st
from lxml import etree

# ---------------------------------------------------------------------------
# Vocabulary

#: Numbers that break arithmetic, sizes, offsets and indexes.
EXTREME_NUMBERS = (
    b"0",
    b"-0",
    b"-1",
    b"1",
    b"2",
    b"7",
    b"9",
    b"255",
    b"256",
    b"65535",
    b"65536",
    b"2147483647",
    b"2147483648",
    b"-2147483649",
    b"4294967295",
    b"4294967296",
    b"9223372036854775808",
    b"99999999999999999999999999",
    b"1" * 400,
    b"0.0000001",
    b"-0.0",
    b"1e308",
    b"-1e308",
    b"3.4e38",
    b"1.5",
    b".5",
    b"-.",
    b"NaN",
    b"inf",
    b"+5",
    b"0x10",
    b"00000000000000000007",
)

INTERESTING_BYTES = (0x00, 0x01, 0x0A, 0x0D, 0x20, 0x22, 0x25, 0x26, 0x28, 0x29, 0x2F, 0x3C)
INTERESTING_BYTES += (0x3E, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xC0, 0xE2, 0xEF, 0xFE, 0xFF)

_NUMBER = re.compile(rb"[-+]?\d+(?:\.\d+)?")

XML_BYTES = (
    b"<",
    b">",
    b"</w:p>",
    b"<w:p>",
    b"<w:r><w:t>",
    b"&amp;",
    b"&#0;",
    b"&#x10FFFF;",
    b"&#xD800;",
    b"&#65;",
    b"&unknown;",
    b"<![CDATA[x]]>",
    b"<!--",
    b"-->",
    b"<?pi data?>",
    b'"',
    b"'",
    b"<!DOCTYPE w [<!ENTITY a 'b'>]>",
    b"&a;",
    b' xmlns:w="urn:other"',
    b' w:val="-1"',
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\t\r\n",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_XML_TOKEN = re.compile(rb"</?[A-Za-z_][\w.:-]*|[\w:]+=|\"[^\"<>]{0,40}\"")
XML_TOKENS = (
    b"<w:p",
    b"</w:p",
    b"<w:tbl",
    b"<w:tc",
    b"<w:r",
    b"<w:t",
    b"<w:sdt",
    b"<w:fldChar",
    b"</w:body",
    b"<x",
    b"w:val=",
    b"w:id=",
    b"r:id=",
    b"xmlns=",
    b"xmlns:w=",
    b'"0"',
    b'"-1"',
    b'"restart"',
    b'"begin"',
    b'"end"',
    b'""',
)

PDF_BYTES = (
    b" ",
    b"\n",
    b"\r",
    b"(",
    b")",
    b"\\",
    b"<",
    b">",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"{",
    b"/",
    b"%",
    b"#",
    b"R ",
    b" 0 R",
    b"1 0 R ",
    b"2 0 R ",
    b"3 0 R ",
    b"obj\n",
    b"endobj\n",
    b"stream\n",
    b"\nendstream",
    b"xref\n0 1\n0000000000 65535 f \n",
    b"trailer\n<< /Root 1 0 R /Size 99999999 >>\n",
    b"startxref\n-1\n%%EOF\n",
    b"%%EOF",
    b"%PDF-1.7\n",
    b"7 0 obj\n<< /Length 999999999 >>\nstream\n",
    b"/Length 0 ",
    b"/Length -5 ",
    b"/Filter /FlateDecode ",
    b"/Filter [/ASCIIHexDecode /LZWDecode /RunLengthDecode /ASCII85Decode] ",
    b"/DecodeParms << /Predictor 12 /Columns 99999 >> ",
    b"/Encrypt 1 0 R ",
    b"/Kids [1 0 R 2 0 R 3 0 R] ",
    b"/Parent 3 0 R ",
    b"/Count 999999 ",
    b"/Count -1 ",
    b"/Type /Pages ",
    b"/Type /Page ",
    b"/Contents [5 0 R 5 0 R] ",
    b"/Resources 3 0 R ",
    b"/Font << /F1 3 0 R >> ",
    b"/Widths [1e308 -1 0] ",
    b"/FirstChar 4294967295 ",
    b"/Encoding /Identity-H ",
    b"/Encoding << /Differences [0 /a 65535 /b -1 /c] >> ",
    b"/ToUnicode 1 0 R ",
    b"/DescendantFonts [8 0 R] ",
    b"/W [0 [1e9] 5 2 -3] ",
    b"/MediaBox [0 0 0 0] ",
    b"/Rotate 45 ",
    b"/XObject << /Fm1 3 0 R >> ",
    b"BT ",
    b"ET ",
    b"q ",
    b"Q Q Q ",
    b"(x) Tj ",
    b"<FEFF00> Tj ",
    b"[(a) -1e9 (b)] TJ ",
    b"/F1 0 Tf ",
    b"/F9 12 Tf ",
    b"/F1 1e38 Tf ",
    b"0 0 0 0 0 0 Tm ",
    b"1e30 0 0 1e30 0 0 cm ",
    b"0 -1 1 0 0 0 cm ",
    b"1e308 TL T* ",
    b"1 0 Td (next) ' ",
    b'1 2 (next) " ',
    b"0 Tz ",
    b"/Fm1 Do ",
    b"/P << /MCID 0 >> BDC ",
    b"EMC ",
    b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI ",
    b"\x00",
    b"\xff\xfe",
    b"[" * 2000,
    b"<<" * 600,
    b"q " * 2000,
)
_PDF_TOKEN = re.compile(
    rb"/[A-Za-z0-9#+._-]+|<<|>>|\[|\]|\b(?:obj|endobj|stream|endstream|xref|trailer|startxref"
    rb"|R|BT|ET|Tj|TJ|Tf|Td|TD|Tm|Tc|Tw|Tz|TL|Ts|Tr|cm|q|Q|Do|re|m|l|S|f|BDC|EMC)\b"
)
PDF_TOKENS = (
    b"/Type",
    b"/Page",
    b"/Pages",
    b"/Kids",
    b"/Count",
    b"/Parent",
    b"/Contents",
    b"/Resources",
    b"/Font",
    b"/Length",
    b"/Filter",
    b"/FlateDecode",
    b"/ToUnicode",
    b"/Widths",
    b"/FirstChar",
    b"/LastChar",
    b"/Encoding",
    b"/Differences",
    b"/DescendantFonts",
    b"/W",
    b"/DW",
    b"/Subtype",
    b"/Type0",
    b"/Type3",
    b"/TrueType",
    b"/CIDFontType0",
    b"/MediaBox",
    b"/XObject",
    b"/Form",
    b"/Image",
    b"/Root",
    b"/Prev",
    b"/Size",
    b"/Index",
    b"/ObjStm",
    b"/XRef",
    b"/N",
    b"/First",
    b"/Encrypt",
    b"/Identity-H",
    b"/Null",
    b"null",
    b"true",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"trailer",
    b"R",
    b"BT",
    b"ET",
    b"Tj",
    b"TJ",
    b"Tf",
    b"Td",
    b"TD",
    b"T*",
    b"Tm",
    b"'",
    b'"',
    b"cm",
    b"q",
    b"Q",
    b"Do",
    b"BI",
    b"ID",
    b"EI",
    b"d0",
    b"BX",
    b"",
)
_PDF_REFERENCE = re.compile(rb"\b(\d+) (\d+) R\b")

TEXT_BYTES = (b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\xc3", b"\x80")


# ---------------------------------------------------------------------------
# Byte edits


def _at(position: int, data: bytes) -> int:
    return position % (len(data) + 1)


@dataclass(frozen=True)
class Flip:
    at: int
    bit: int

    def apply(self, data: bytes) -> bytes:
        if not data:
            return data
        at = self.at % len(data)
        return data[:at] + bytes([data[at] ^ (1 << self.bit)]) + data[at + 1 :]


@dataclass(frozen=True)
class SetByte:
    at: int
    value: int

    def apply(self, data: bytes) -> bytes:
        if not data:
            return data
        at = self.at % len(data)
        return data[:at] + bytes([self.value]) + data[at + 1 :]


@dataclass(frozen=True)
class Insert:
    at: int
    chunk: bytes

    def apply(self, data: bytes) -> bytes:
        at = _at(self.at, data)
        return data[:at] + self.chunk + data[at:]


@dataclass(frozen=True)
class Delete:
    at: int
    length: int

    def apply(self, data: bytes) -> bytes:
        at = _at(self.at, data)
        return data[:at] + data[at + self.length :]


@dataclass(frozen=True)
class Duplicate:
    at: int
    length: int
    to: int

    def apply(self, data: bytes) -> bytes:
        at = _at(self.at, data)
        chunk = data[at : at + self.length]
        to = _at(self.to, data)
        return data[:to] + chunk + data[to:]


@dataclass(frozen=True)
class Truncate:
    at: int

    def apply(self, data: bytes) -> bytes:
        return data[: _at(self.at, data)]


@dataclass(frozen=True)
class Splice:
    """This document up to ``at``, then the other seed from ``other_at``."""

    other: str
    at: int
    other_at: int
    other_data: bytes = field(repr=False, compare=False, default=b"")

    def apply(self, data: bytes) -> bytes:
        return data[: _at(self.at, data)] + self.other_data[_at(self.other_at, self.other_data) :]


@dataclass(frozen=True)
class ReplaceMatch:
    """Replace the ``index``-th match of a pattern (a number, a token) with ``value``."""

    what: str
    index: int
    value: bytes

    def apply(self, data: bytes) -> bytes:
        pattern, group = _PATTERNS[self.what]
        matches = list(pattern.finditer(data))
        if not matches:
            return data
        match = matches[self.index % len(matches)]
        return data[: match.start(group)] + self.value + data[match.end(group) :]


#: Each pattern with the group an edit replaces (a reference's object number).
_PATTERNS = {
    "number": (_NUMBER, 0),
    "xml": (_XML_TOKEN, 0),
    "pdf": (_PDF_TOKEN, 0),
    "reference": (_PDF_REFERENCE, 1),
}

ByteEdit = Flip | SetByte | Insert | Delete | Duplicate | Truncate | Splice | ReplaceMatch

_POSITION = st.integers(0, 2**22)


def byte_edits(
    chunks: Sequence[bytes],
    tokens: Sequence[tuple[str, Sequence[bytes]]] = (),
    splice_with: Mapping[str, bytes] | None = None,
) -> st.SearchStrategy[ByteEdit]:
    """One byte edit; ``chunks`` feed insertions, ``tokens`` pair a pattern with replacements."""
    options = [
        st.builds(Flip, _POSITION, st.integers(0, 7)),
        st.builds(SetByte, _POSITION, st.sampled_from(INTERESTING_BYTES) | st.integers(0, 255)),
        st.builds(Insert, _POSITION, st.sampled_from(chunks) | st.binary(min_size=1, max_size=12)),
        st.builds(Delete, _POSITION, st.integers(1, 64) | st.integers(1, 4096)),
        st.builds(Duplicate, _POSITION, st.integers(1, 4096), _POSITION),
        st.builds(Truncate, _POSITION),
        st.builds(ReplaceMatch, st.just("number"), _POSITION, st.sampled_from(EXTREME_NUMBERS)),
    ]
    for what, replacements in tokens:
        options.append(
            st.builds(ReplaceMatch, st.just(what), _POSITION, st.sampled_from(replacements))
        )
    if splice_with:
        names = sorted(splice_with)
        options.append(
            st.sampled_from(names).flatmap(
                lambda name: st.builds(
                    Splice, st.just(name), _POSITION, _POSITION, st.just(splice_with[name])
                )
            )
        )
    return st.one_of(options)


def apply_all(data: bytes, edits: Sequence[ByteEdit]) -> bytes:
    for edit in edits:
        data = edit.apply(data)
    return data


# ---------------------------------------------------------------------------
# DOCX: XML edits of one part, and package edits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {
    "w": W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
_DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())


def _clark(name: str) -> str:
    if ":" not in name:
        return name
    prefix, local = name.split(":", 1)
    if prefix == "xml":
        return f"{{http://www.w3.org/XML/1998/namespace}}{local}"
    return f"{{{_NAMESPACES[prefix]}}}{local}"


TAGS = (
    "w:p",
    "w:r",
    "w:t",
    "w:tbl",
    "w:tr",
    "w:tc",
    "w:body",
    "w:document",
    "w:sdt",
    "w:sdtContent",
    "w:sdtPr",
    "w:pPr",
    "w:rPr",
    "w:tcPr",
    "w:trPr",
    "w:pStyle",
    "w:numPr",
    "w:ilvl",
    "w:numId",
    "w:outlineLvl",
    "w:vMerge",
    "w:hMerge",
    "w:gridSpan",
    "w:gridBefore",
    "w:fldChar",
    "w:instrText",
    "w:fldSimple",
    "w:footnoteReference",
    "w:endnoteReference",
    "w:footnote",
    "w:txbxContent",
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:vanish",
    "w:br",
    "w:tab",
    "w:style",
    "w:basedOn",
    "w:name",
    "w:comment",
    "w:customXml",
    "w:hyperlink",
    "w:altChunk",
    "m:t",
    "mc:AlternateContent",
    "mc:Choice",
    "mc:Fallback",
    "rel:Relationship",
    "ct:Override",
    "p",
)

#: Wrappers as (outer, inner) chains: the element ends up inside the innermost.
WRAPPERS = (
    ("w:sdt", "w:sdtContent"),
    ("w:ins",),
    ("w:del",),
    ("w:moveTo",),
    ("w:moveFrom",),
    ("w:customXml",),
    ("w:smartTag",),
    ("w:hyperlink",),
    ("w:fldSimple",),
    ("mc:AlternateContent", "mc:Choice"),
    ("mc:AlternateContent", "mc:Fallback"),
    ("w:tbl", "w:tr", "w:tc"),
    ("w:r", "w:txbxContent"),
    ("w:r",),
    ("w:p",),
    ("w:body",),
)

ATTRIBUTES = (
    "w:val",
    "w:id",
    "w:fldCharType",
    "w:type",
    "w:styleId",
    "w:default",
    "w:instr",
    "xml:space",
    "Type",
    "Target",
    "TargetMode",
    "Id",
    "PartName",
    "ContentType",
)

VALUES = (
    "",
    " ",
    "0",
    "-0",
    "-1",
    "1",
    "2",
    "8",
    "9",
    "10",
    "64",
    "65",
    "2147483648",
    "-99999999999999999999",
    "9" * 5000,
    "1e3",
    "0x10",
    "NaN",
    "\u00b2",  # superscript two: str.isdigit() but not int()
    "\u0663",  # Arabic-Indic three
    "\uff11",  # fullwidth one
    "restart",
    "continue",
    "begin",
    "separate",
    "end",
    "true",
    "false",
    "off",
    "on",
    "Title",
    "Heading1",
    "Heading 9",
    "ListBullet",
    "Normal",
    "separator",
    "continuationNotice",
    "normal",
    "TOC \\o",
    "Table of Contents",
    "External",
    "../../../word/document.xml",
    "/word/document.xml",
    "document.xml",
    "footnotes.xml",
    "header1.xml",
    "/",
    "..",
    "//",
    "word/",
    "http://example.com/x",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "\u202e\u200b\ufeff",
    "x" * 2000,
)

#: Block and run level WordprocessingML that exercises the walker's branches.
FRAGMENTS = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    "<w:r><w:instrText> TOC \\o </w:instrText></w:r>",
    '<w:r><w:footnoteReference w:id="1"/></w:r>',
    '<w:r><w:endnoteReference w:id="-1"/></w:r>',
    '<w:r><w:footnoteReference w:id="2"/><w:footnoteReference w:id="2"/></w:r>',
    "<w:r><w:t>MKFUZZ inserted run</w:t></w:r>",
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>",
    "<w:r><w:tab/><w:br/><w:cr/><w:noBreakHyphen/><w:softHyphen/></w:r>",
    "<w:p><w:r><w:t>A fuzz paragraph.</w:t></w:r></w:p>",
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Fuzz heading</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:outlineLvl w:val="99"/></w:pPr><w:r><w:t>Outline</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="-5"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    "<w:r><w:t>Item</w:t></w:r></w:p>",
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="99999"/></w:trPr><w:tc><w:tcPr>'
    '<w:gridSpan w:val="99999"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p>'
    "</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc>"
    '<w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>',
    "<w:tbl><w:tr><w:trPr><w:del/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
    "<w:tbl/>",
    "<w:tr><w:tc/></w:tr>",
    "<w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>",
    "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p/></w:sdtContent></w:sdt>",
    '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
    "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>",
    "<w:sdt/>",
    "<mc:AlternateContent/>",
    "<mc:AlternateContent><mc:Fallback><w:p><w:r><w:t>fallback</w:t></w:r></w:p>"
    "</mc:Fallback></mc:AlternateContent>",
    "<w:r><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:r>",
    '<w:r><w:txbxContent><w:tbl><w:tr><w:tc><w:p><w:r><w:footnoteReference w:id="1"/>'
    "</w:r></w:p></w:tc></w:tr></w:tbl></w:txbxContent></w:r>",
    '<w:fldSimple w:instr="TOC"><w:r><w:t>toc entry</w:t></w:r></w:fldSimple>',
    "<w:altChunk/>",
    "<w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>",
    "<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>",
    "<m:oMath><m:r><m:t>x+y</m:t></m:r></m:oMath>",
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="-3"/></w:pPr></w:style>',
    '<w:style w:styleId="A"><w:basedOn w:val="B"/></w:style>'
    '<w:style w:styleId="B"><w:basedOn w:val="A"/></w:style>',
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="List Number 9"/>'
    '<w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>',
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:footnote>',
    '<w:comment w:id="0"><w:p><w:r><w:t>remark</w:t></w:r></w:p></w:comment>',
    '<rel:Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/footnotes" Target="document.xml"/>',
    '<rel:Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/header" Target="../../../../x.xml"/>',
    '<rel:Relationship Id="rIdZ" Type="/" Target="/"/>',
    '<ct:Override PartName="/word/document.xml" ContentType="text/plain"/>',
)


def _fragment(index: int) -> etree._Element:
    """Fragment ``index`` parsed inside a wrapper that declares the namespaces."""
    return etree.fromstring(f"<w:x {_DECLARATIONS}>{FRAGMENTS[index]}</w:x>")


@dataclass(frozen=True)
class XmlEdit:
    """One tree edit: ``op`` on the ``target``-th element (document order)."""

    op: str
    target: int
    other: int = 0
    value: str = ""

    def apply(self, root: etree._Element) -> None:
        elements = list(root.iter())
        element = elements[self.target % len(elements)]
        parent = element.getparent()
        op = self.op
        if op == "remove" and parent is not None:
            parent.remove(element)
        elif op == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif op == "move":
            destination = elements[self.other % len(elements)]
            if element is not destination and element not in destination.iterancestors():
                if element is not root:
                    destination.insert(self.other % (len(destination) + 1), element)
        elif op == "wrap" and parent is not None:
            _wrap(element, WRAPPERS[self.other % len(WRAPPERS)], 1)
        elif op == "nest" and parent is not None:
            _wrap(element, WRAPPERS[self.other % len(WRAPPERS)], int(self.value))
        elif op == "rename":
            element.tag = _clark(TAGS[self.other % len(TAGS)])
        elif op == "attribute":
            element.set(_clark(ATTRIBUTES[self.other % len(ATTRIBUTES)]), self.value)
        elif op == "text":
            element.text = self.value
        elif op == "insert":
            for child in reversed(list(_fragment(self.other % len(FRAGMENTS)))):
                element.insert(int(self.value or 0) % (len(element) + 1), child)


def _wrap(element: etree._Element, chain: tuple[str, ...], times: int) -> None:
    for _ in range(times):
        outer = etree.Element(_clark(chain[0]), nsmap={"w": W})
        inner = outer
        for name in chain[1:]:
            inner = etree.SubElement(inner, _clark(name))
        element.addprevious(outer)
        inner.append(element)
        element = outer


def xml_edits() -> st.SearchStrategy[XmlEdit]:
    target = st.integers(0, 2**16)
    return st.one_of(
        st.builds(
            XmlEdit,
            st.sampled_from(("remove", "duplicate", "move", "wrap", "rename")),
            target,
            st.integers(0, 2**16),
        ),
        st.builds(
            XmlEdit,
            st.just("nest"),
            target,
            st.integers(0, 2**8),
            st.sampled_from(("2", "20", "60", "90", "130", "300")),
        ),
        st.builds(
            XmlEdit, st.just("attribute"), target, st.integers(0, 2**8), st.sampled_from(VALUES)
        ),
        st.builds(XmlEdit, st.just("text"), target, st.just(0), st.sampled_from(VALUES)),
        st.builds(
            XmlEdit, st.just("insert"), target, st.integers(0, 2**8), st.integers(0, 64).map(str)
        ),
    )


@dataclass(frozen=True)
class PartEdit:
    """Edit one part: XML edits on its tree, then byte edits on its serialised form."""

    part: str
    tree: tuple[XmlEdit, ...] = ()
    raw: tuple[ByteEdit, ...] = ()
    strict: bool = False

    def apply(self, content: bytes) -> bytes:
        root = None
        if self.tree:
            try:
                root = etree.fromstring(content)
            except etree.XMLSyntaxError:
                pass  # an earlier edit broke the part; the byte edits still apply
        if root is not None:
            for edit in self.tree:
                edit.apply(root)
            content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if self.strict:
            content = content.replace(
                W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"
            )
        return apply_all(content, self.raw)


@dataclass(frozen=True)
class DropPart:
    part: str


@dataclass(frozen=True)
class RenamePart:
    part: str
    to: str


PackageEdit = PartEdit | DropPart | RenamePart

#: Names a renamed part can take: the ones the reader looks for, and odd ones.
PART_NAMES = (
    "word/document.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/comments.xml",
    "word/header1.xml",
    "word/footer9.xml",
    "word/_rels/document.xml.rels",
    "[Content_Types].xml",
    "docProps/app.xml",
    "word/vbaProject.bin",
    "Word/Document.xml",
    "word//document.xml",
    "/word/document.xml",
    "word\\document.xml",
    "../word/document.xml",
    "word/document.xml/",
)


@dataclass(frozen=True)
class DocxCase:
    seed: str
    edits: tuple[PackageEdit, ...]

    def build(self, parts: Sequence[tuple[str, bytes]], zip_parts: Callable[..., bytes]) -> bytes:
        package = dict(parts)
        order = [name for name, _ in parts]
        for edit in self.edits:
            if edit.part not in package:
                continue
            if isinstance(edit, PartEdit):
                package[edit.part] = edit.apply(package[edit.part])
            elif isinstance(edit, DropPart):
                del package[edit.part]
                order.remove(edit.part)
            elif isinstance(edit, RenamePart) and edit.to not in package:
                package[edit.to] = package.pop(edit.part)
                order[order.index(edit.part)] = edit.to
        return zip_parts([(name, package[name]) for name in order])


@st.composite
def docx_cases(draw: st.DrawFn, seeds: Mapping[str, Sequence[tuple[str, bytes]]]) -> DocxCase:
    seed = draw(st.sampled_from(sorted(seeds)))
    names = [name for name, _ in seeds[seed]]
    xml_names = [name for name in names if name.endswith((".xml", ".rels"))]
    # The parts the reader reads first deserve most of the attention.
    main = [name for name in xml_names if name.startswith("word/") or name.startswith("[")]
    part = st.sampled_from(main) | st.sampled_from(xml_names)
    raw = byte_edits(XML_BYTES, [("xml", XML_TOKENS)])
    edit = st.one_of(
        st.builds(
            PartEdit,
            part,
            st.lists(xml_edits(), min_size=1, max_size=4).map(tuple),
            st.lists(raw, max_size=1).map(tuple),
            st.integers(0, 9).map(lambda n: n == 0),  # now and then, as Strict OOXML
        ),
        st.builds(PartEdit, part, st.just(()), st.lists(raw, min_size=1, max_size=3).map(tuple)),
        st.builds(DropPart, st.sampled_from(names)),
        st.builds(RenamePart, st.sampled_from(names), st.sampled_from(PART_NAMES)),
    )
    return DocxCase(seed, tuple(draw(st.lists(edit, min_size=1, max_size=4))))


# ---------------------------------------------------------------------------
# ZIP container edits


@dataclass(frozen=True)
class ZipField:
    """Overwrite a field of the ``index``-th ZIP header of one kind with ``value``."""

    header: str
    index: int
    field: str
    value: int

    def apply(self, data: bytes) -> bytes:
        signature, fields = ZIP_HEADERS[self.header]
        offset, size = fields[self.field]
        starts = [match.start() for match in re.finditer(re.escape(signature), data)]
        if not starts:
            return data
        at = starts[self.index % len(starts)] + offset
        if at + size > len(data):
            return data
        value = (self.value % (1 << (8 * size))).to_bytes(size, "little")
        return data[:at] + value + data[at + size :]


ZIP_HEADERS = {
    "local": (
        b"PK\x03\x04",
        {
            "flags": (6, 2),
            "method": (8, 2),
            "crc": (14, 4),
            "compressed": (18, 4),
            "size": (22, 4),
            "name_length": (26, 2),
            "extra_length": (28, 2),
        },
    ),
    "central": (
        b"PK\x01\x02",
        {
            "version": (6, 2),
            "flags": (8, 2),
            "method": (10, 2),
            "crc": (16, 4),
            "compressed": (20, 4),
            "size": (24, 4),
            "name_length": (28, 2),
            "extra_length": (30, 2),
            "comment_length": (32, 2),
            "disk": (34, 2),
            "offset": (42, 4),
        },
    ),
    "end": (
        b"PK\x05\x06",
        {
            "disk": (4, 2),
            "entries_disk": (8, 2),
            "entries": (10, 2),
            "directory_size": (12, 4),
            "directory_offset": (16, 4),
            "comment_length": (20, 2),
        },
    ),
}

ZIP_VALUES = (0, 1, 2, 8, 9, 12, 14, 20, 45, 63, 93, 95, 98, 99, 0x0801, 0xFFFF, 0xFFFFFFFF, 2**31)


def zip_field_edits() -> st.SearchStrategy[ZipField]:
    return st.sampled_from(sorted(ZIP_HEADERS)).flatmap(
        lambda header: st.builds(
            ZipField,
            st.just(header),
            st.integers(0, 64),
            st.sampled_from(sorted(ZIP_HEADERS[header][1])),
            st.sampled_from(ZIP_VALUES) | st.integers(0, 2**32 - 1),
        )
    )


# ---------------------------------------------------------------------------
# Raw cases: a whole file and byte edits


@dataclass(frozen=True)
class RawCase:
    seed: str
    edits: tuple[ByteEdit | ZipField, ...]
    suffix: str

    def build(self, data: bytes) -> bytes:
        for edit in self.edits:
            data = edit.apply(data)
        return data


@st.composite
def raw_cases(
    draw: st.DrawFn,
    seeds: Mapping[str, bytes],
    edit: st.SearchStrategy[ByteEdit | ZipField],
    suffixes: Sequence[str],
    max_edits: int = 4,
) -> RawCase:
    seed = draw(st.sampled_from(sorted(seeds)))
    edits = draw(st.lists(edit, min_size=1, max_size=max_edits))
    return RawCase(seed, tuple(edits), draw(st.sampled_from(suffixes)))


# ---------------------------------------------------------------------------
# Markdown and plain text

MARKUP = (
    "| a | b |\n| --- | --- |\n| 1 | 2 |\n",
    "| a | b |\n|---|\n",
    "|" * 200 + "\n" + "|-" * 100 + "\n",
    "- one\n  - two\n    - three\n      1. four\n",
    "- " * 150 + "deep\n",
    "> quote\n> > nested\n> > > deeper\n",
    "> " * 300 + "quoted\n",
    "<div>\nhtml *block*\n</div>\n",
    "<span>inline</span> <b>bold",
    "<!-- unterminated comment",
    "<!-- memolint: disable=ML201 -->",
    "<!-- memolint: disable-next-line -->",
    "<!-- memolint: enable=ML1,ML2 -->",
    "<!-- memolint: disable-next-line=ML101\n\n\n-->",
    "[ref]: http://example.com 'title'\n",
    "[link][ref] and [other] and ![img][ref]",
    "[a](<b c> \"t\") [x](y 'z') [](  )",
    "[" * 300,
    "]" * 50 + "(" * 50,
    "*" * 500,
    "_a_ **b** ~~c~~ ***d*** __*e*__",
    "`" * 100,
    "``code `` span``",
    "Text[^1] and [^note] and [^missing].\n\n[^1]: The note.\n    More note.\n[^note]: Other.\n",
    "[^1]:\n",
    "```python\ncode\n",
    "```\n<!-- memolint: disable -->\n```\n",
    "~~~\n~~~~\n",
    "    indented code\n",
    "---\ntitle: x\n---\n",
    "---\n",
    "Setext\n======\n",
    "Setext\n------\n",
    "# \n",
    "###### H6 ######\n",
    "####### not a heading\n",
    "1) one\n2) two\n999999999. big\n",
    "\\*escaped\\* \\| pipe \\\\",
    "&amp; &#0; &#xD800; &nbsp; &bogus;",
    "<http://autolink.example> <mailto:a@b.c> https://bare.example",
    "line with trailing spaces  \nhard break\\\nagain",
    "\t\ttabbed\t- list\n",
    "\u2022 bullet \u25e6 sub \u2013 dash\n",
    "1.2 Numbered heading\n",
    "=====\n",
    "* * *\n",
)

SPECIAL_CHARACTERS = (
    "\x00",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\r",
    "\r\n",
    "\n\r",
    "\u2028",
    "\u0085",
    "\x0c",
    "\x0b",
    "\t",
    "\u200b",
    "\u0301",
    "\U0001f642",
    "\x1b[31m",
    "\ufffd",
    "\u202e",
)

ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
)


@dataclass(frozen=True)
class TextEdit:
    """``op`` at ``line`` (and ``column``) of the text; ``value`` is what goes in."""

    op: str
    line: int
    column: int = 0
    value: str = ""
    count: int = 1

    def apply(self, text: str) -> str:
        lines = text.split("\n")
        index = self.line % (len(lines) + 1)
        if self.op == "line":
            lines.insert(index, self.value.rstrip("\n"))
            return "\n".join(lines)
        if self.op == "delete":
            del lines[index : index + self.count]
            return "\n".join(lines)
        if self.op == "duplicate":
            chunk = lines[index : index + self.count]
            to = self.column % (len(lines) + 1)
            lines[to:to] = chunk
            return "\n".join(lines)
        # "at": insert anywhere on a line
        if index == len(lines):
            lines.append("")
        line = lines[index]
        column = self.column % (len(line) + 1)
        lines[index] = line[:column] + self.value + line[column:]
        return "\n".join(lines)


@dataclass(frozen=True)
class TextCase:
    seed: str
    edits: tuple[TextEdit, ...]
    encoding: str
    raw: tuple[ByteEdit, ...]

    def text(self, seed_text: str) -> str:
        for edit in self.edits:
            seed_text = edit.apply(seed_text)
        return seed_text

    def build(self, seed_text: str) -> bytes:
        text = self.text(seed_text)
        if self.encoding in ("cp1252", "latin-1"):
            data = text.encode(self.encoding, errors="replace")
        else:
            data = text.encode(self.encoding, errors="surrogatepass")
        return apply_all(data, self.raw)


def text_edits() -> st.SearchStrategy[TextEdit]:
    line = st.integers(0, 2**12)
    column = st.integers(0, 2**8)
    fragment = st.sampled_from(MARKUP)
    return st.one_of(
        st.builds(TextEdit, st.just("line"), line, st.just(0), fragment),
        st.builds(
            TextEdit, st.just("at"), line, column, fragment | st.sampled_from(SPECIAL_CHARACTERS)
        ),
        st.builds(TextEdit, st.just("at"), line, column, st.text(max_size=8)),
        st.builds(TextEdit, st.just("delete"), line, st.just(0), st.just(""), st.integers(1, 20)),
        st.builds(TextEdit, st.just("duplicate"), line, line, st.just(""), st.integers(1, 20)),
    )


@st.composite
def text_cases(draw: st.DrawFn, seeds: Mapping[str, str]) -> TextCase:
    seed = draw(st.sampled_from(sorted(seeds)))
    edits = tuple(draw(st.lists(text_edits(), min_size=1, max_size=5)))
    encoding = draw(st.sampled_from(ENCODINGS[:1]) | st.sampled_from(ENCODINGS))
    raw = tuple(draw(st.lists(byte_edits(TEXT_BYTES), max_size=2)))
    return TextCase(seed, edits, encoding, raw)
