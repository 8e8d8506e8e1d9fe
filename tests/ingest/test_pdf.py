"""The PDF reader against PDFs of known sources.

``tests/data/make_pdfs.py`` builds two DOCX memos and converts them with
LibreOffice, and prints the same memo from HTML with Chromium; the sources
and PDFs are committed. The DOCX (or the HTML's texts) is the ground truth
for the words, ``pdftotext -layout`` (or pypdf's layout mode where poppler
is missing) for pages and lines. The repository's example memos are checked
against their DOCX too. Damaged, encrypted and scanned PDFs are made here,
from the committed files or by hand.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pypdf
import pytest

from memolint.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EncryptedDocument,
    MemolintError,
    NoTextLayer,
)
from memolint.ingest import read_memo
from memolint.ingest.builder import MemoBuilder
from memolint.ingest.pdf import read_pdf
from memolint.ingest.pdf_layout import Fragment, PageText, assemble, build_lines, is_page_number
from memolint.limits import DEFAULT_LIMITS

DATA = Path(__file__).resolve().parents[1] / "data"
MEMO_PDF = DATA / "ledger-memo.pdf"
DENSE_PDF = DATA / "ledger-memo-dense.pdf"
CHROME_PDF = DATA / "ledger-memo-chrome.pdf"  # printed from HTML by Chromium (Skia)

sys.path.insert(0, str(DATA))
import make_pdfs as source  # noqa: E402  (the texts the fixtures were built from)

BULLETS = "\uf0b7\u2022\u25cf\u25aa\uf0a7"
WORD = re.compile(r"[\w'’]+(?:[-‐][\w'’]+)*")


@pytest.fixture(scope="module")
def memo():
    return read_pdf(MEMO_PDF.read_bytes(), str(MEMO_PDF), DEFAULT_LIMITS)


@pytest.fixture(scope="module")
def dense():
    return read_pdf(DENSE_PDF.read_bytes(), str(DENSE_PDF), DEFAULT_LIMITS)


@pytest.fixture(scope="module")
def chrome():
    return read_pdf(CHROME_PDF.read_bytes(), str(CHROME_PDF), DEFAULT_LIMITS)


def _docx_words(path: Path) -> list[str]:
    """Body words of the DOCX in document order: paragraphs, then table cells row by row."""
    document = docx.Document(str(path))
    parts = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            parts.extend(cell.text for row in item.rows for cell in row.cells)
        else:
            parts.append(item.text)
    return WORD.findall(" ".join(parts).replace("\u00ad", ""))


def _page_lines(path: Path) -> list[list[str]]:
    """Non-empty visual lines per page, from a tool independent of the reader."""
    if shutil.which("pdftotext"):
        result = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        )
        pages = result.stdout.split("\f")
    else:
        reader = pypdf.PdfReader(str(path))
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in pages
    ]


def _where(lines: list[list[str]], phrase: str) -> tuple[int, int]:
    hits = [
        (page, number)
        for page, page_lines in enumerate(lines, start=1)
        for number, line in enumerate(page_lines, start=1)
        if phrase in line
    ]
    assert len(hits) == 1, f"{phrase!r} found {hits}"
    return hits[0]


def _line_of_start(lines: list[list[str]], sentence: str) -> tuple[int, int]:
    """Page and line where ``sentence`` starts: its longest opening that is on one line."""
    words = sentence.split()
    for count in range(len(words), 1, -1):
        phrase = " ".join(words[:count])
        hits = [
            (page, number)
            for page, page_lines in enumerate(lines, start=1)
            for number, line in enumerate(page_lines, start=1)
            if phrase in line
        ]
        if len(hits) == 1:
            return hits[0]
    raise AssertionError(f"{sentence!r} not found on any one line")


# -- text ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ledger-memo", "ledger-memo-dense"])
def test_words_and_order_match_the_docx_source(name, memo, dense):
    parsed = memo if name == "ledger-memo" else dense
    expected = _docx_words(DATA / f"{name}.docx")
    actual = WORD.findall(parsed.text)
    if actual != expected:
        diff = "\n".join(list(difflib.unified_diff(expected, actual, lineterm="", n=2))[:40])
        pytest.fail(f"word sequence differs from the DOCX:\n{diff}")


def test_chrome_print_words_tables_and_running_lines(chrome):
    expected = []
    for tag, content in source.chrome_parts():
        if tag == "table":
            expected += [cell for row in content for cell in row]
        elif tag in ("ul", "ol"):
            expected += content
        else:
            expected.append(content)
    assert WORD.findall(chrome.text) == WORD.findall(" ".join(expected))
    assert [table.cell_texts(chrome) for table in chrome.tables] == [source.RACI, source.RISKS]
    # Chromium's date-and-title header and address-and-"1/3" footer.
    running = [aside.text for aside in chrome.asides]
    assert len(running) == 2 * chrome.pages
    assert all(source.HEADER_TEXT in text for text in running[::2])
    assert all(text.endswith(f"{n}/{chrome.pages}") for n, text in enumerate(running[1::2], 1))
    assert "file:" not in chrome.text and source.HEADER_TEXT not in chrome.text
    headings = [block.text for block in chrome.blocks if block.kind == "heading"]
    assert chrome.blocks[0].kind == "title" and headings[:2] == ["Context", "Goals"]


EXAMPLES = sorted(
    path
    for path in (DATA.parents[1] / "examples").glob("*.pdf")
    if path.with_suffix(".docx").exists()
)


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_example_memos_match_their_docx(path):
    parsed = read_pdf(path.read_bytes(), str(path), DEFAULT_LIMITS)
    assert WORD.findall(parsed.text) == _docx_words(path.with_suffix(".docx"))
    assert parsed.blocks[0].kind == "title"


def test_running_header_and_page_numbers_are_asides(memo):
    assert source.HEADER_TEXT not in memo.text
    assert "Page 1 of 5" not in memo.text and "of 5" not in memo.text
    asides = {(aside.kind, aside.page, aside.text) for aside in memo.asides}
    for page in range(1, 6):
        assert ("running_header", page, source.HEADER_TEXT) in asides
        assert ("running_header", page, f"Page {page} of 5") in asides
    assert all(not aside.lint for aside in memo.asides)
    assert memo.pages == 5


def test_bare_page_number_footer_is_an_aside(dense):
    assert [aside.text for aside in dense.asides] == [f"- {n} -" for n in range(1, 5)]
    assert not re.search(r"-\s*\d\s*-", dense.text)


def test_bullet_glyphs_are_normalised(memo, dense):
    for parsed in (memo, dense):
        assert not any(glyph in parsed.text for glyph in BULLETS)


@pytest.mark.parametrize("name", ["ledger-memo", "ledger-memo-dense"])
def test_line_end_hyphens(name, memo, dense):
    parsed = memo if name == "ledger-memo" else dense
    # "on-call" breaks at its hyphen in the first file and stays a compound.
    assert "ledger on-call engineer" in parsed.text
    assert "oncall" not in parsed.text


def test_soft_hyphenated_words_are_joined(dense):
    # Soft hyphens split "transaction" and "redelivery" over two lines.
    assert "order transaction only" in dense.text
    assert "makes redelivery harmless" in dense.text
    assert "\u00ad" not in dense.text


# -- locations --------------------------------------------------------------------


@pytest.mark.parametrize("path", [MEMO_PDF, DENSE_PDF, CHROME_PDF], ids=["memo", "dense", "chrome"])
def test_markers_locate_to_their_page_and_line(path, memo, dense, chrome):
    parsed = {MEMO_PDF: memo, DENSE_PDF: dense, CHROME_PDF: chrome}[path]
    lines = _page_lines(path)
    for marker in source.MARKERS:
        page, line = _line_of_start(lines, marker)
        location = parsed.locate(parsed.text.index(marker))
        assert (location.page, location.line) == (page, line), marker


def test_paragraph_continues_across_a_page_break(dense):
    lines = _page_lines(DENSE_PDF)
    phrase = "quiet, and it can stay wrong"
    page, line = _where(lines, phrase)
    start = dense.text.index(phrase)
    block = dense.block_at(start)
    assert block.kind == "paragraph"
    assert block.text.startswith(source.MARKERS[3])
    assert block.page == page - 1
    location = dense.locate(start)
    assert (location.page, location.line, location.column) == (page, line, 1)
    assert {segment.page for segment in block.segments} == {page - 1, page}


def test_block_page_is_its_first_line(memo):
    for block in memo.blocks:
        assert block.segments, block.text
        assert block.page == block.segments[0].page


def test_list_item_columns_skip_the_marker(memo):
    start = memo.text.index("Checkout p99 latency")
    location = memo.locate(start)
    assert location.block == "list_item"
    assert location.column == 3  # after the bullet and its space


# -- structure ------------------------------------------------------------------


def test_title_and_headings(memo):
    assert memo.blocks[0].kind == "title"
    assert memo.blocks[0].text == source.TITLE  # two visual lines, one block
    headings = [(block.text, block.level) for block in memo.blocks if block.kind == "heading"]
    assert headings[:4] == [
        ("1. Context", 1),
        ("2. Goals", 1),
        ("3. Design", 1),
        ("3.1 Write path and read API", 2),
    ]
    assert len(headings) == 11
    paragraph = memo.block_at(memo.text.index("The ledger service owns"))
    assert paragraph.heading_path == ("3. Design", "3.1 Write path and read API")


def test_bold_body_size_headings(dense):
    assert dense.blocks[0].kind == "title"
    headings = [block.text for block in dense.blocks if block.kind == "heading"]
    assert headings == ["Context", "Goals", "Design", "Rollout", "Ownership", "What I would cut"]


def test_paragraphs_are_rebuilt(memo, dense):
    for parsed in (memo, dense):
        texts = [block.text for block in parsed.blocks if block.kind == "paragraph"]
        for paragraph in source.INTRO + source.CONTEXT + source.ROLLOUT_AFTER:
            assert paragraph in texts


def test_list_items(memo, dense):
    items = [block for block in memo.blocks if block.kind == "list_item"]
    assert [item.text for item in items] == source.GOALS + source.ROLLOUT
    assert all(item.depth == 0 for item in items)
    nested = [(block.text, block.depth) for block in dense.blocks if block.kind == "list_item"]
    assert nested[:4] == [(text, 1 if n == 2 else 0) for n, text in enumerate(source.GOALS)]


def test_raci_table(memo, dense):
    for parsed in (memo, dense):
        table = parsed.tables[0]
        assert table.cell_texts(parsed) == source.RACI
        cell = parsed.blocks[table.rows[2][4]]
        assert (cell.kind, cell.table, cell.text) == ("table_cell", (3, 5), "A")
        assert table.page == cell.page


def test_second_table(memo):
    assert len(memo.tables) == 2
    assert memo.tables[1].cell_texts(memo) == source.RISKS


def test_wrapped_cell_keeps_a_segment_per_line(memo):
    lines = _page_lines(MEMO_PDF)
    cell = memo.blocks[memo.tables[0].rows[1][0]]
    assert cell.text == "Dual-write rollout"
    start = cell.start + cell.text.index("rollout")
    page, line = _where(lines, "Dual-write R C A I")
    assert (memo.locate(start).page, memo.locate(start).line) == (page, line + 1)


# -- damaged, protected, scanned -------------------------------------------------------


def _encrypt(user_password: str, algorithm: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(MEMO_PDF.read_bytes())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_user_password_is_refused(algorithm):
    with pytest.raises(EncryptedDocument, match="password-protected"):
        read_pdf(_encrypt("secret", algorithm), "locked.pdf", DEFAULT_LIMITS)


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_empty_user_password_is_read(algorithm, memo):
    opened = read_pdf(_encrypt("", algorithm), "open.pdf", DEFAULT_LIMITS)
    assert opened.text == memo.text
    assert any("empty password" in note for note in opened.diagnostics)


def _hand_made_pdf(page_objects: list[bytes]) -> bytes:
    """A minimal PDF from object bodies; object 1 must be the catalog."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(page_objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(page_objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(page_objects) + 1,
        xref,
    )
    return out


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def _scanned_pdf() -> bytes:
    return _hand_made_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
            _stream(
                b"\x80\x40\x80\x40",
                b"/Type /XObject /Subtype /Image /Width 2 /Height 2 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8",
            ),
            _stream(b"q 400 0 0 500 100 150 cm /Im0 Do Q"),
        ]
    )


def _text_pdf(lines: list[tuple[float, float, str]]) -> bytes:
    """One page of Helvetica text, each (x, y, text) drawn where given.

    A text starting with "#" is set in 14-point Helvetica-Bold, as a heading.
    """
    content = b"".join(
        b"BT /F2 14 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, y, text[1:].encode("latin-1"))
        if text.startswith("#")
        else b"BT /F1 11 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, y, text.encode("latin-1"))
        for x, y, text in lines
    )
    return _hand_made_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
            b"/Encoding /WinAnsiEncoding >>",
        ]
    )


def test_scan_without_text_layer():
    with pytest.raises(NoTextLayer, match="ocrmypdf"):
        read_pdf(_scanned_pdf(), "scan.pdf", DEFAULT_LIMITS)


def test_text_without_characters_is_no_text_layer():
    # What fonts without a Unicode map extract as: control codes.
    data = _text_pdf([(72, 700, "\x01\x02\x03\x04\x05 \x06\x07\x08"), (72, 680, "\x10\x11 \x12")])
    with pytest.raises(NoTextLayer, match="no usable text layer"):
        read_pdf(data, "glyphs.pdf", DEFAULT_LIMITS)


def test_hand_made_pdf_with_a_standard_font():
    data = _text_pdf(
        [
            (72, 700, "#Rollout plan"),
            (72, 680, "We ship the ledger behind a flag and watch the reconciliation job"),
            (72, 667, "every hour, and we page the on-call engineer when the job finds a"),
            (72, 654, "difference."),
            (72, 628, "Nobody approves a shard by hand."),
            (300, 40, "2"),
        ]
    )
    parsed = read_pdf(data, "plain.pdf", DEFAULT_LIMITS)
    assert [(block.kind, block.text) for block in parsed.blocks] == [
        ("title", "Rollout plan"),
        (
            "paragraph",
            "We ship the ledger behind a flag and watch the reconciliation job every hour, "
            "and we page the on-call engineer when the job finds a difference.",
        ),
        ("paragraph", "Nobody approves a shard by hand."),
    ]
    assert [aside.text for aside in parsed.asides] == ["2"]
    location = parsed.locate(parsed.text.index("every hour"))
    assert (location.page, location.line, location.column) == (1, 3, 1)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
def test_truncated_pdf_is_corrupt_or_read_with_a_diagnostic(fraction):
    data = MEMO_PDF.read_bytes()
    cut = data[: int(len(data) * fraction)]
    try:
        parsed = read_memo(cut, name="cut.pdf")
    except CorruptDocument:
        return
    assert parsed.diagnostics  # what was lost is reported, never silently dropped
    assert parsed.blocks


def test_broken_xref_is_read_with_diagnostics(memo):
    data = MEMO_PDF.read_bytes()
    position = data.rindex(b"startxref")
    broken = data[:position] + b"startxref\n12\n%%EOF\n"
    parsed = read_pdf(broken, "broken.pdf", DEFAULT_LIMITS)
    assert parsed.text == memo.text
    assert parsed.diagnostics and all("\n" not in note for note in parsed.diagnostics)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        b"%PDF-",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
    ids=["garbage", "header-only", "no-pages"],
)
def test_garbage_after_the_header_is_corrupt(data):
    with pytest.raises(CorruptDocument):
        read_pdf(data, "junk.pdf", DEFAULT_LIMITS)


def test_only_memolint_errors_escape_on_random_damage():
    data = bytearray(MEMO_PDF.read_bytes())
    for step in range(20):
        damaged = bytearray(data)
        for offset in range(200 + step * 37, len(damaged), 997):
            damaged[offset] = (damaged[offset] + 101) % 256
        try:
            read_pdf(bytes(damaged), "damaged.pdf", DEFAULT_LIMITS)
        except MemolintError:
            pass


def test_page_limit():
    with pytest.raises(DocumentTooLarge, match="5 pages"):
        read_pdf(MEMO_PDF.read_bytes(), "long.pdf", replace(DEFAULT_LIMITS, max_pages=4))


def test_stream_limit():
    with pytest.raises(DocumentTooLarge):
        read_pdf(MEMO_PDF.read_bytes(), "big.pdf", replace(DEFAULT_LIMITS, max_stream_bytes=4096))


def test_input_is_not_modified(tmp_path):
    path = tmp_path / "memo.pdf"
    path.write_bytes(MEMO_PDF.read_bytes())
    path.chmod(0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    parsed = read_memo(path)
    assert parsed.format == "pdf"
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.pdf"]


# -- layout rules on hand-made fragments -----------------------------------------------


def _fragments(rows: list[tuple[float, float, str]], size: float = 10.0) -> list[Fragment]:
    return [
        Fragment(text, x, y, size, width=0.5 * size * len(text), seq=seq)
        for seq, (x, y, text) in enumerate(rows)
    ]


def _assemble(pages: list[list[tuple[float, float, str]]]):
    builder = MemoBuilder("<test>", "pdf")
    texts = [
        PageText(number, build_lines(_fragments(rows), number), 0, 792)
        for number, rows in enumerate(pages, start=1)
    ]
    assemble(texts, builder)
    return builder.build()


def test_hyphenation_across_lines():
    parsed = _assemble(
        [
            [
                (72, 700, "We wrote the rollout plan-"),
                (72, 688, "ning notes and paged the on-"),
                (72, 676, "call engineer about COVID-"),
                (72, 664, "19 and the Anglo-"),
                (72, 652, "Saxon names in a 15-"),
                (72, 640, "minute call, then stopped."),
                (72, 600, "The on-call rota is in the runbook."),
            ]
        ]
    )
    assert parsed.blocks[0].text == (
        "We wrote the rollout planning notes and paged the on-call engineer about "
        "COVID-19 and the Anglo-Saxon names in a 15-minute call, then stopped."
    )
    second_line = parsed.locate(parsed.text.index("ning notes") - 4)
    assert (second_line.line, second_line.column) == (1, 22)  # "plan" is on line 1
    assert parsed.locate(parsed.text.index("notes")).line == 2


def test_line_end_hyphen_between_two_words_is_a_compound():
    parsed = _assemble(
        [
            [
                (72, 700, "We want an approval-"),
                (72, 688, "based flow for the risk-based plan and the approval of it."),
            ]
        ]
    )
    assert parsed.blocks[0].text.startswith("We want an approval-based flow")


def test_paragraph_across_pages_only_without_a_full_stop():
    parsed = _assemble(
        [
            [(72, 112, "The first paragraph ends on this page and"), (72, 100, "goes on")],
            [(72, 700, "at the top of the next one."), (72, 688, "A fresh sentence.")],
        ]
    )
    block = parsed.blocks[0]
    assert block.text.endswith("goes on at the top of the next one.")
    assert [(s.page, s.line) for s in block.segments] == [(1, 1), (1, 2), (2, 1)]
    assert parsed.blocks[1].text == "A fresh sentence."  # the short line ended it

    parsed = _assemble(
        [
            [(72, 112, "This paragraph ends with the page and"), (72, 100, "here.")],
            [(72, 700, "So this is a new one.")],
        ]
    )
    assert [block.page for block in parsed.blocks] == [1, 2]


def test_short_line_ending_a_sentence_ends_the_paragraph():
    parsed = _assemble(
        [
            [
                (72, 700, "A long first line of the opening paragraph, which fills the column"),
                (72, 688, "and then ends."),
                (72, 676, "The second paragraph starts right below with no extra gap at"),
                (72, 664, "all, as in tightly set documents."),
            ]
        ]
    )
    assert len(parsed.blocks) == 2


def test_table_from_tab_aligned_columns():
    rows = [
        (72, 700, "Task"), (200, 700, "Eng"), (260, 700, "SRE"), (320, 700, "PM"),
        (72, 688, "Rollout"), (200, 688, "R"), (260, 688, "A"), (320, 688, "C"),
        (72, 676, "Pager"), (200, 676, "I"), (260, 676, "R"), (320, 676, "A"),
        (72, 640, "Prose after the table runs across the columns and ends the grid."),
    ]  # fmt: skip
    parsed = _assemble([rows])
    assert parsed.tables[0].cell_texts(parsed) == [
        ["Task", "Eng", "SRE", "PM"],
        ["Rollout", "R", "A", "C"],
        ["Pager", "I", "R", "A"],
    ]
    assert parsed.blocks[-1].kind == "paragraph"


@pytest.mark.parametrize("text", ["3", "Page 3 of 5", "- 3 -", "page 12", "iv", "3 / 5"])
def test_page_numbers(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["3 shards", "Page two", "Rollout"])
def test_not_page_numbers(text):
    assert not is_page_number(text)


def test_footnote_marks_and_footnotes():
    fragments = [
        Fragment("Checkout stalled three times last quarter", 72, 700, 10, 205, seq=0),
        Fragment("1", 277, 704, 6, 3, seq=1),
        Fragment(" and each fix was manual.", 280, 700, 10, 120, space_before=True, seq=2),
        Fragment("The next paragraph follows after a gap.", 72, 670, 10, 190, seq=3),
        Fragment("1 Incident reviews 41, 44 and 47.", 72, 90, 7, 110, seq=4),
    ]
    builder = MemoBuilder("<test>", "pdf")
    assemble([PageText(1, build_lines(fragments, 1), 0, 792)], builder)
    parsed = builder.build()
    assert [(block.kind, block.text) for block in parsed.blocks] == [
        ("paragraph", "Checkout stalled three times last quarter and each fix was manual."),
        ("paragraph", "The next paragraph follows after a gap."),
        ("footnote", "1 Incident reviews 41, 44 and 47."),
    ]
