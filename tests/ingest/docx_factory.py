"""Real .docx files for the DOCX reader's tests, built at test time.

python-docx writes the parts it has an API for (styles, lists, tables,
merged cells, headers, footers, comments); everything Word writes that
python-docx cannot (content controls, fields, tracked changes, text boxes
stored twice in ``mc:AlternateContent``, footnotes) is injected as raw
OOXML. Each place text can hide carries its own marker word, so a test can
assert that the marker comes out exactly once, or never.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

#: Markers that must appear exactly once in ``Memo.text``.
BODY_MARKERS = (
    "MKTITLE",
    "MKHEADONE",
    "MKPLAIN",
    "MKBREAKA",
    "MKBREAKB",
    "MKFOOTNOTE",
    "MKCUSTOMHEAD",
    "MKOUTLINE",
    "MKLISTSTYLE",
    "MKLISTDEEP",
    "MKNUMPR",
    "MKNUMSTYLE",
    "MKBLOCKSDT",
    "MKINLINESDT",
    "MKSMARTTAG",
    "MKCUSTOMINLINE",
    "MKCUSTOMBLOCK",
    "MKLINK",
    "MKFLDSIMPLE",
    "MKFIELDRESULT",
    "MKRUNSPLIT",
    "MKINSERTED",
    "MKMOVEDTO",
    "MKANCHOR",
    "MKTEXTBOX",
    "MKSPAN",
    "MKR1C3",
    "MKVMERGE",
    "MKR2C2",
    "MKR2C3",
    "MKR3C2",
    "MKOUTERCELL",
    "MKNESTA",
    "MKNESTB",
    "MKCELLNOTE",
    "MKCELLFOOT",
    "MKHEADTWO",
    "MKAFTER",
    "MKENDNOTE",
    "MKORPHANNOTE",
)
#: Markers that must never appear in ``Memo.text``.
ABSENT_MARKERS = (
    "MKDELETED",
    "MKMOVEDFROM",
    "MKINSTR",
    "MKFALLBACKONLY",
    "MKNOTICE",
    "MKSEPARATOR",
    "MKHIDDEN",
    "MKPLACEHOLDER",
    "MKTOCENTRY",
)
ASIDE_MARKERS = {"MKHEADER": "header", "MKFOOTER": "footer", "MKCOMMENT": "comment"}


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def p_xml(inner: str, ppr: str = "") -> str:
    return f"<w:p {NS}>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def append_xml(document: docx.document.Document, fragment: str) -> None:
    """Append a raw block-level element to the body, before the section properties."""
    element = parse_xml(fragment)
    body = document.element.body
    section = body.find(f"{{{W_NS}}}sectPr")
    if section is not None:
        section.addprevious(element)
    else:
        body.append(element)


def _add_part(document, partname: str, content_type: str, reltype: str, xml: str) -> None:
    package = document.part.package
    part = Part(PackURI(partname), content_type, xml.encode("utf-8"), package)
    document.part.relate_to(part, reltype)


def _notes_xml(tag: str, notes: Iterable[tuple[str, str | None, str]]) -> str:
    body = "".join(
        f'<w:{tag} w:id="{note_id}"{f" w:type={chr(34)}{kind}{chr(34)}" if kind else ""}>'
        f"<w:p><w:r><w:{tag}Ref/></w:r>{_r(' ' + text)}</w:p></w:{tag}>"
        for note_id, kind, text in notes
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag}s {NS}>{body}</w:{tag}s>'
    )


TEXT_BOX = (
    "<w:r><mc:AlternateContent>"
    '<mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
    'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="1828800" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="10" name="Text Box 1"/>'
    "<wp:cNvGraphicFramePr/>"
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
    'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
    "<wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:t>The box says MKTEXTBOX plainly.</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
    "</wp:anchor></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:shape id="tb1" type="#_x0000_t202" style="width:144pt;height:36pt">'
    "<v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>The box says MKTEXTBOX plainly. MKFALLBACKONLY</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def build_rich_docx() -> bytes:
    """A memo with a marker in every place Word can put text."""
    document = docx.Document()
    sub = document.styles.add_style("Memo Sub", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = document.styles["Heading 2"]
    numbered = document.styles.add_style("Memo Steps", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = document.styles["Normal"]
    numbered.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {NS}><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr>')
    )

    document.add_paragraph("Rollout memo MKTITLE", style="Title")  # 1
    document.add_heading("Context MKHEADONE", level=1)  # 2
    append_xml(  # 3
        document,
        p_xml(
            _r("We ship on Friday MKPLAIN.")
            + '<w:r><w:footnoteReference w:id="1"/></w:r>'
            + _r(" First line MKBREAKA")
            + "<w:r><w:br/></w:r>"
            + _r("second line MKBREAKB, non")
            + "<w:r><w:noBreakHyphen/></w:r>"
            + _r("breaking and soft")
            + "<w:r><w:softHyphen/></w:r>"
            + _r("hyphen.")
            + '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> MKHIDDEN</w:t></w:r>'
        ),
    )
    document.add_paragraph("Custom MKCUSTOMHEAD", style="Memo Sub")  # 4
    append_xml(document, p_xml(_r("Outline MKOUTLINE"), '<w:outlineLvl w:val="2"/>'))  # 5
    document.add_paragraph("Bullet MKLISTSTYLE item", style="List Bullet")  # 6
    document.add_paragraph("Deeper MKLISTDEEP item", style="List Bullet 2")  # 7
    append_xml(  # 8
        document,
        p_xml(
            _r("Numbered MKNUMPR item"),
            '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr>',
        ),
    )
    document.add_paragraph("Step MKNUMSTYLE item", style="Memo Steps")  # 9
    append_xml(  # 10
        document,
        f'<w:sdt {NS}><w:sdtPr><w:alias w:val="Summary"/></w:sdtPr><w:sdtContent>'
        f"{p_xml(_r('Block control MKBLOCKSDT text.'))}</w:sdtContent></w:sdt>",
    )
    append_xml(  # 11
        document,
        p_xml(
            _r("Inline: ")
            + "<w:sdt><w:sdtPr><w:alias w:val='Owner'/></w:sdtPr><w:sdtContent>"
            + _r("MKINLINESDT")
            + "</w:sdtContent></w:sdt>"
            + _r(", ")
            + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            + _r("Click here MKPLACEHOLDER")
            + "</w:sdtContent></w:sdt>"
            + '<w:smartTag w:uri="urn:x" w:element="place">'
            + _r("MKSMARTTAG")
            + "</w:smartTag>"
            + _r(", ")
            + '<w:customXml w:uri="urn:x" w:element="owner">'
            + _r("MKCUSTOMINLINE")
            + "</w:customXml>"
            + _r(", ")
            + '<w:hyperlink w:anchor="top">'
            + _r("MKLINK")
            + "</w:hyperlink>"
            + _r(", ")
            + '<w:fldSimple w:instr=" DOCPROPERTY Owner ">'
            + _r("MKFLDSIMPLE")
            + "</w:fldSimple>"
            + _r(".")
        ),
    )
    append_xml(  # 12
        document,
        p_xml(
            _r("Field: ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> REF MKINSTR \\h </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("MKFIELDRESULT")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + _r(" and a field across runs ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> DATE </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("MKRUN")
            + _r("SPLIT")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + _r(".")
        ),
    )
    append_xml(  # 13
        document,
        p_xml(
            _r("Changes: ")
            + '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
            + _r("MKINSERTED")
            + "</w:ins>"
            + '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">'
            + '<w:r><w:delText xml:space="preserve"> MKDELETED</w:delText></w:r></w:del>'
            + '<w:moveFrom w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z">'
            + _r(" MKMOVEDFROM")
            + "</w:moveFrom>"
            + '<w:moveTo w:id="4" w:author="A" w:date="2024-01-01T00:00:00Z">'
            + _r(" MKMOVEDTO")
            + "</w:moveTo>"
        ),
    )
    append_xml(  # 14
        document,
        f'<w:customXml {NS} w:uri="urn:x" w:element="section">'
        f"{p_xml(_r('Custom block MKCUSTOMBLOCK text.'))}</w:customXml>",
    )
    append_xml(document, p_xml(_r("Anchor MKANCHOR paragraph.") + TEXT_BOX))  # 15, box 16
    append_xml(  # 17, 18: a table of contents field spanning two paragraphs
        document,
        p_xml(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("Context MKTOCENTRY 1")
        ),
    )
    append_xml(
        document, p_xml(_r("Custom MKTOCENTRY 2") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    )

    table = document.add_table(rows=3, cols=3)  # paragraphs 19..
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(0, 0).text = "Spanning MKSPAN cell"
    table.cell(0, 2).text = "MKR1C3"
    table.cell(1, 0).text = "Vertical MKVMERGE cell"
    table.cell(1, 1).text = "MKR2C2"
    table.cell(1, 2).text = "MKR2C3"
    table.cell(2, 1).text = "MKR3C2"
    outer = table.cell(2, 2)
    outer.text = "Outer MKOUTERCELL text"
    nested = outer.add_table(rows=2, cols=1)
    nested.cell(0, 0).text = "MKNESTA"
    nested.cell(1, 0).text = "MKNESTB"
    outer.add_paragraph()._p.append(parse_xml(f"<w:r {NS}><w:t>Noted MKCELLNOTE</w:t></w:r>"))
    outer.paragraphs[-1]._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="2"/></w:r>'))

    document.add_heading("Second MKHEADTWO", level=1)
    append_xml(
        document,
        p_xml(_r("After MKAFTER the table.") + '<w:r><w:endnoteReference w:id="1"/></w:r>'),
    )

    section = document.sections[0]
    section.header.paragraphs[0].text = "Draft MKHEADER"
    section.footer.paragraphs[0].text = "Page MKFOOTER"
    commented = document.paragraphs[1].runs
    document.add_comment(commented, text="Reviewer says MKCOMMENT", author="Reviewer")

    _add_part(
        document,
        "/word/footnotes.xml",
        CT.WML_FOOTNOTES,
        RT.FOOTNOTES,
        _notes_xml(
            "footnote",
            [
                ("-1", "separator", "MKSEPARATOR"),
                ("0", "continuationSeparator", "MKSEPARATOR"),
                ("4", "continuationNotice", "MKNOTICE"),
                ("1", None, "Source: MKFOOTNOTE explains."),
                ("2", None, "Cell MKCELLFOOT source."),
                ("3", None, "Nobody cites MKORPHANNOTE."),
            ],
        ),
    )
    _add_part(
        document,
        "/word/endnotes.xml",
        CT.WML_ENDNOTES,
        RT.ENDNOTES,
        _notes_xml("endnote", [("1", None, "Endnote MKENDNOTE text.")]),
    )
    return save(document)


def build_memo_docx(pages: int = 5) -> bytes:
    """An ordinary memo of about ``pages`` pages (500 words each)."""
    document = docx.Document()
    document.add_paragraph("Payments platform migration", style="Title")
    sentence = (
        "The on-call engineer pages the payments lead within fifteen minutes when the "
        "error rate passes two percent, and the canary rolls back automatically. "
    )
    for section in range(pages * 2):
        document.add_heading(f"Section {section + 1}", level=1 + section % 2)
        for _ in range(3):
            document.add_paragraph(sentence * 3)
        for item in range(3):
            document.add_paragraph(f"Step {item}: {sentence}", style="List Bullet")
        if section % 3 == 0:
            table = document.add_table(rows=4, cols=3)
            for row in table.rows:
                for cell in row.cells:
                    cell.text = "Owner: payments lead, within 15 minutes"
    return save(document)


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def simple_docx(text: str = "A plain memo paragraph.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    return save(document)


def rewrite_zip(
    data: bytes,
    *,
    drop: Iterable[str] = (),
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A copy of a package with parts dropped, replaced or added."""
    dropped = set(drop)
    replace = replace or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", compression) as target,
    ):
        for info in source.infolist():
            if info.filename in dropped:
                continue
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()


def with_lying_size(data: bytes, name: str, declared: int, *, extra: bytes | None = None) -> bytes:
    """A copy whose central directory declares ``declared`` bytes for part ``name``.

    With ``extra``, ``name`` is added with that content first. Nothing of the
    declared size is ever written, so a reader that trusts the directory is
    caught without anyone decompressing anything.
    """
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        if extra is not None:
            target.writestr(name, extra)
        for info in target.filelist:
            if info.filename == name:
                info.file_size = declared
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
"""

OLE2_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
