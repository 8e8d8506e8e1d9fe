"""The DOCX reader: every visible piece of text exactly once, and nothing else.

Fixtures are real packages written by python-docx (plus raw OOXML where it
has no API), built once per module by :mod:`.docx_factory`.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import pytest

from memolint.errors import (
    CorruptDocument,
    DocumentTooLarge,
    MemolintError,
    UnsupportedFormat,
)
from memolint.ingest import read_memo
from memolint.ingest.docx import read_docx
from memolint.ingest.ooxml import W_NS, Styles
from memolint.ingest.zipguard import check_zip, parse_xml
from memolint.limits import DEFAULT_LIMITS, Limits, MiB
from memolint.model import Memo

from .docx_factory import (
    ABSENT_MARKERS,
    ASIDE_MARKERS,
    BILLION_LAUGHS,
    BODY_MARKERS,
    OLE2_HEADER,
    append_xml,
    build_memo_docx,
    build_rich_docx,
    p_xml,
    rewrite_zip,
    save,
    simple_docx,
    with_lying_size,
)


@pytest.fixture(scope="module")
def rich_path(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("docx") / "rich.docx"
    path.write_bytes(build_rich_docx())
    return path


@pytest.fixture(scope="module")
def memo(rich_path) -> Memo:
    return read_memo(rich_path)


def block_of(memo: Memo, marker: str):
    block = memo.block_at(memo.text.index(marker))
    assert block is not None
    return block


# -- text: what comes out, and how often -------------------------------------


def test_format_and_source(memo: Memo, rich_path) -> None:
    assert memo.format == "docx"
    assert memo.source == str(rich_path)


@pytest.mark.parametrize("marker", BODY_MARKERS)
def test_every_body_marker_appears_exactly_once(memo: Memo, marker: str) -> None:
    assert memo.text.count(marker) == 1


@pytest.mark.parametrize("marker", ABSENT_MARKERS)
def test_deleted_hidden_and_instruction_text_never_appears(memo: Memo, marker: str) -> None:
    assert marker not in memo.text
    assert not any(marker in aside.text for aside in memo.asides)


@pytest.mark.parametrize(("marker", "kind"), ASIDE_MARKERS.items())
def test_headers_footers_comments_are_asides_only(memo: Memo, marker: str, kind: str) -> None:
    assert marker not in memo.text
    holders = [aside for aside in memo.asides if marker in aside.text]
    assert [aside.kind for aside in holders] == [kind]
    assert not holders[0].lint


def test_inline_wrappers_keep_sentence_order(memo: Memo) -> None:
    assert block_of(memo, "MKINLINESDT").text == (
        "Inline: MKINLINESDT, MKSMARTTAG, MKCUSTOMINLINE, MKLINK, MKFLDSIMPLE."
    )
    assert block_of(memo, "MKFIELDRESULT").text == (
        "Field: MKFIELDRESULT and a field across runs MKRUNSPLIT."
    )
    assert block_of(memo, "MKINSERTED").text == "Changes: MKINSERTED MKMOVEDTO"


def test_breaks_and_hyphens(memo: Memo) -> None:
    text = block_of(memo, "MKPLAIN").text
    assert "MKBREAKA second line MKBREAKB" in text  # soft line break -> space
    assert "non-breaking" in text
    assert "softhyphen." in text


def test_text_box_read_once_from_choice_after_its_anchor(memo: Memo) -> None:
    anchor = block_of(memo, "MKANCHOR")
    box = block_of(memo, "MKTEXTBOX")
    assert box.text == "The box says MKTEXTBOX plainly."
    assert box.kind == "paragraph"
    assert memo.blocks.index(box) == memo.blocks.index(anchor) + 1
    assert box.paragraph == anchor.paragraph + 1


# -- structure ---------------------------------------------------------------


def test_block_kinds_in_document_order(memo: Memo) -> None:
    kinds = [(block.kind, block.level, block.depth) for block in memo.blocks[:10]]
    assert kinds == [
        ("title", None, None),
        ("heading", 1, None),
        ("paragraph", None, None),
        ("footnote", None, None),
        ("heading", 2, None),  # custom style based on Heading 2
        ("heading", 3, None),  # w:outlineLvl 2 on the paragraph
        ("list_item", None, 0),  # List Bullet
        ("list_item", None, 1),  # List Bullet 2
        ("list_item", None, 2),  # numPr ilvl 2 on the paragraph
        ("list_item", None, 1),  # numPr ilvl 1 on a custom style
    ]


def test_heading_paths(memo: Memo) -> None:
    assert block_of(memo, "MKTITLE").heading_path == ()
    assert block_of(memo, "MKPLAIN").heading_path == ("Context MKHEADONE",)
    assert block_of(memo, "MKOUTLINE").heading_path == ("Context MKHEADONE", "Custom MKCUSTOMHEAD")
    assert block_of(memo, "MKLISTSTYLE").heading_path == (
        "Context MKHEADONE",
        "Custom MKCUSTOMHEAD",
        "Outline MKOUTLINE",
    )
    assert block_of(memo, "MKAFTER").heading_path == ("Second MKHEADTWO",)


def test_paragraph_numbers_count_every_body_paragraph(memo: Memo) -> None:
    assert [block_of(memo, m).paragraph for m in ("MKTITLE", "MKHEADONE", "MKPLAIN")] == [1, 2, 3]
    # 15 anchors the text box (16); a two-paragraph table of contents (17, 18)
    # is skipped but still counted; the table starts at 19.
    assert block_of(memo, "MKANCHOR").paragraph == 15
    assert block_of(memo, "MKSPAN").paragraph == 19
    numbers = [block.paragraph for block in memo.blocks if block.kind != "footnote"]
    assert numbers == sorted(numbers)


def test_table_cells_and_merges(memo: Memo) -> None:
    outer, nested = memo.tables
    cells = {
        marker: (block_of(memo, marker).table_index, block_of(memo, marker).table)
        for marker in (
            "MKSPAN",
            "MKR1C3",
            "MKVMERGE",
            "MKR2C2",
            "MKR2C3",
            "MKR3C2",
            "MKOUTERCELL",
            "MKNESTA",
            "MKNESTB",
        )
    }
    assert cells == {
        "MKSPAN": (0, (1, 1)),
        "MKR1C3": (0, (1, 3)),
        "MKVMERGE": (0, (2, 1)),
        "MKR2C2": (0, (2, 2)),
        "MKR2C3": (0, (2, 3)),
        "MKR3C2": (0, (3, 2)),
        "MKOUTERCELL": (0, (3, 3)),
        "MKNESTA": (1, (1, 1)),
        "MKNESTB": (1, (2, 1)),
    }
    # A merged cell is one block; the grid positions it covers are None.
    assert sum("MKSPAN" in block.text for block in memo.blocks) == 1
    assert outer.rows[0][1] is None
    assert outer.rows[2][0] is None
    assert len(outer.rows) == 3 and all(len(row) == 3 for row in outer.rows)
    assert nested.cell_texts(memo) == [["MKNESTA"], ["MKNESTB"]]
    assert block_of(memo, "MKOUTERCELL").text == "Outer MKOUTERCELL text\nNoted MKCELLNOTE"


def test_nested_table_follows_its_outer_table(memo: Memo) -> None:
    order = [block.text for block in memo.blocks if block.kind == "table_cell"]
    assert order.index("MKNESTA") > order.index("Outer MKOUTERCELL text\nNoted MKCELLNOTE")


def test_footnotes_follow_their_reference(memo: Memo) -> None:
    plain = block_of(memo, "MKPLAIN")
    note = block_of(memo, "MKFOOTNOTE")
    assert note.kind == "footnote"
    assert note.text == "Source: MKFOOTNOTE explains."
    assert memo.blocks.index(note) == memo.blocks.index(plain) + 1
    assert note.paragraph == plain.paragraph
    # Referenced from a table cell: right after the table (and its nested table).
    cell_note = block_of(memo, "MKCELLFOOT")
    assert memo.blocks[memo.blocks.index(cell_note) - 1].text == "MKNESTB"
    endnote = block_of(memo, "MKENDNOTE")
    assert endnote.kind == "footnote"
    assert endnote.paragraph == block_of(memo, "MKAFTER").paragraph
    # Never referenced: at the very end.
    assert memo.blocks[-1].text == "Nobody cites MKORPHANNOTE."


@pytest.mark.parametrize(
    ("marker", "kind", "paragraph", "table"),
    [
        ("MKTITLE", "title", 1, None),
        ("MKCUSTOMHEAD", "heading", 4, None),
        ("MKNUMPR", "list_item", 8, None),
        ("MKBLOCKSDT", "paragraph", 10, None),
        ("MKFOOTNOTE", "footnote", 3, None),
        ("MKTEXTBOX", "paragraph", 16, None),
        ("MKR2C3", "table_cell", 23, (2, 3)),
        ("MKVMERGE", "table_cell", 21, (2, 1)),
        ("MKNESTB", "table_cell", 28, (2, 1)),
    ],
)
def test_locate_maps_offsets_back(memo: Memo, marker, kind, paragraph, table) -> None:
    start = memo.text.index(marker)
    location = memo.locate(start, start + len(marker))
    assert (location.block, location.paragraph, location.table) == (kind, paragraph, table)
    assert location.line is None and location.page is None


def test_diagnostics(memo: Memo) -> None:
    joined = "\n".join(memo.diagnostics)
    assert "2 insertion(s)" in joined and "2 deletion(s)" in joined
    assert "1 reviewer comment(s)" in joined
    assert "table of contents" in joined
    assert "hidden text" in joined
    assert "placeholder" in joined
    assert all("\n" not in line for line in memo.diagnostics)


def test_macro_enabled_document_is_read_with_a_diagnostic(tmp_path) -> None:
    path = tmp_path / "memo.docm"
    path.write_bytes(
        rewrite_zip(simple_docx("Macros MKMACRO here."), add={"word/vbaProject.bin": b"\0" * 64})
    )
    memo = read_memo(path)
    assert memo.text == "Macros MKMACRO here."
    assert any("macros" in line for line in memo.diagnostics)


def test_strict_ooxml_namespaces_are_read(tmp_path) -> None:
    data = simple_docx("Strict MKSTRICT text.")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = package.read("word/document.xml")
    strict = document.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    path = tmp_path / "strict.docx"
    path.write_bytes(rewrite_zip(data, replace={"word/document.xml": strict}))
    assert read_memo(path).text == "Strict MKSTRICT text."


def test_input_file_is_not_modified(tmp_path) -> None:
    path = tmp_path / "memo.docx"
    path.write_bytes(build_rich_docx())
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    read_memo(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.docx"]


def test_five_page_memo_reads_completely() -> None:
    # Speed is measured in benchmarks/, not asserted here.
    data = build_memo_docx(pages=5)
    memo = read_docx(data, "memo.docx", DEFAULT_LIMITS)
    assert len(memo.text.split()) > 2000


# -- bad input ---------------------------------------------------------------


def _assert_clean(error: MemolintError, source: str) -> None:
    """One line, naming the file, with no chained exception to leak a traceback."""
    message = str(error)
    assert "\n" not in message
    assert message.startswith(source)
    assert "Traceback" not in message
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("empty.docx", lambda: b"", CorruptDocument),
        ("truncated.docx", lambda: simple_docx()[:2000], CorruptDocument),
        ("notzip.docx", lambda: b"Just some words, not a package.\n" * 20, CorruptDocument),
        ("old.docx", lambda: OLE2_HEADER, UnsupportedFormat),
        (
            "nodocument.docx",
            lambda: rewrite_zip(simple_docx(), drop=["word/document.xml"]),
            CorruptDocument,
        ),
        (
            "nocontenttypes.docx",
            lambda: rewrite_zip(simple_docx(), drop=["[Content_Types].xml"]),
            CorruptDocument,
        ),
        (
            "laughs.docx",
            lambda: rewrite_zip(simple_docx(), replace={"word/document.xml": BILLION_LAUGHS}),
            CorruptDocument,
        ),
        (
            "badxml.docx",
            lambda: rewrite_zip(simple_docx(), replace={"word/document.xml": b"<w:document"}),
            CorruptDocument,
        ),
        (
            "lyingsize.docx",
            lambda: with_lying_size(simple_docx(), "word/document.xml", 40),
            CorruptDocument,
        ),
        (
            "hugepart.docx",
            lambda: with_lying_size(
                simple_docx(), "word/media/huge.bin", 100 * MiB, extra=b"\0" * 1024
            ),
            DocumentTooLarge,
        ),
        (
            "bomb.docx",
            lambda: rewrite_zip(simple_docx(), add={"word/media/zeros.bin": bytes(4 * MiB)}),
            DocumentTooLarge,
        ),
    ],
)
def test_bad_input_raises_a_clean_error(tmp_path, name, make, expected) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(expected) as caught:
        read_memo(path)
    _assert_clean(caught.value, str(path))


def test_huge_declared_part_is_refused_without_decompressing(tmp_path, monkeypatch) -> None:
    data = with_lying_size(simple_docx(), "word/media/huge.bin", 100 * MiB, extra=b"\0" * 1024)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(DocumentTooLarge, match="zip_max_part_bytes"):
        read_memo(data, name="huge.docx")
    assert opened == []


def test_limits_are_configurable() -> None:
    data = simple_docx()
    with pytest.raises(DocumentTooLarge, match="zip_max_entries"):
        read_memo(data, name="m.docx", limits=Limits(zip_max_entries=3))
    with pytest.raises(DocumentTooLarge, match="zip_max_total_bytes"):
        read_memo(data, name="m.docx", limits=Limits(zip_max_total_bytes=1000))
    with pytest.raises(DocumentTooLarge, match="max_text_chars"):
        read_memo(data, name="m.docx", limits=Limits(max_text_chars=5))


def test_guard_refuses_doctype_in_any_encoding() -> None:
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16")
    with pytest.raises(CorruptDocument, match="document type declaration"):
        parse_xml(utf16, "word/document.xml", "m.docx")


def test_check_zip_returns_an_open_archive() -> None:
    archive = check_zip(simple_docx(), "m.docx", DEFAULT_LIMITS)
    with archive:
        assert "word/document.xml" in archive.namelist()


def test_document_without_text_is_reported_empty(tmp_path) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(simple_docx("   "))
    with pytest.raises(CorruptDocument, match="empty"):
        read_memo(path)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 then nothing useful",
        simple_docx()[:-30],
        rewrite_zip(simple_docx(), drop=["word/document.xml"]),
    ],
    ids=["not-a-zip", "truncated-directory", "no-document"],
)
def test_reader_guards_itself_when_called_directly(data: bytes) -> None:
    with pytest.raises(CorruptDocument) as caught:
        read_docx(data, "direct.docx", DEFAULT_LIMITS)
    _assert_clean(caught.value, "direct.docx")


def _styles(body: str) -> Styles:
    return Styles(parse_xml(f'<w:styles xmlns:w="{W_NS}">{body}</w:styles>'.encode(), "s", "s"))


def _style(style_id: str, name: str, based_on: str = "", ppr: str = "") -> str:
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{base}<w:pPr>{ppr}</w:pPr></w:style>"
    )


def test_style_inheritance_rules() -> None:
    styles = _styles(
        _style("Heading2", "heading 2", ppr='<w:outlineLvl w:val="1"/>')
        + _style("Sub", "Sub", "Heading2")
        + _style("SubSub", "SubSub", "Sub")
        + _style("Demoted", "Demoted", "Heading2", '<w:outlineLvl w:val="9"/>')
        + _style("Promoted", "Promoted", "Heading2", '<w:outlineLvl w:val="0"/>')
        + _style("LoopA", "LoopA", "LoopB")
        + _style("LoopB", "LoopB", "LoopA")
        + _style("Bullets", "Bullets", "", '<w:numPr><w:numId w:val="4"/></w:numPr>')
        + _style("NoList", "NoList", "Bullets", '<w:numPr><w:numId w:val="0"/></w:numPr>')
    )
    assert styles.meaning("SubSub").heading_level == 2
    assert styles.meaning("Demoted").heading_level is None
    assert styles.meaning("Promoted").heading_level == 1
    assert styles.meaning("LoopA") == styles.meaning("LoopB")  # a cycle ends, no hang
    assert styles.meaning("Bullets").list_level == 0
    assert styles.meaning("NoList").list_level is None
    # Styles the document does not define are read from their id.
    assert styles.meaning("Heading3").heading_level == 3
    assert styles.meaning("ListBullet3").list_level == 2
    assert styles.meaning("Title").title


def test_field_that_never_ends_does_not_hide_the_rest(tmp_path) -> None:
    document = docx.Document()
    append_xml(
        document,
        p_xml(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> REF MKINSTR </w:instrText></w:r>'
        ),
    )
    document.add_paragraph("Everything after MKSURVIVES is still read.")
    path = tmp_path / "field.docx"
    path.write_bytes(save(document))
    memo = read_memo(path)
    assert memo.text == "Everything after MKSURVIVES is still read."
    assert any("never ends" in line for line in memo.diagnostics)
