"""Build the example memos as DOCX and PDF from their Markdown sources.

Run from the repository root: ``python examples/make_examples.py``. For each of
``strong-memo.md`` and ``weak-memo.md`` it writes a DOCX with real Word
structure (Title, Heading 1/2, List Bullet / List Number paragraphs, a Table Grid
table, a running header with the memo title and a footer with PAGE/NUMPAGES
fields), then converts it to PDF with LibreOffice (``soffice``). The Markdown
files are the only copy of the memo text; rerunning overwrites the outputs.

Only the Markdown the memos use is understood: ``#``/``##``/``###`` headings,
``- `` bullets, ``1. `` numbered items, GFM pipe tables, paragraphs, and the
inline ``**bold**`` and ```code``` spans.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
MEMOS = ("strong-memo", "weak-memo")
FONT = "Calibri"
MONO = "Consolas"
BODY_SIZE = Pt(11)
TABLE_SIZE = Pt(9.5)
PAGE_RANGE = range(3, 6)  # the brief asks for 3-5 pages
MAX_BYTES = 300_000
FIXED_DATE = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.timezone.utc)

_NUMBERED = re.compile(r"^\d+\.\s+")
_INLINE = re.compile(r"(\*\*[^*]+\*\*|`[^`]+`)")


@dataclass
class Block:
    """One Markdown block: kind is title, h1, h2, para, bullet, number or table."""

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    list_id: int = 0  # numbered items of one list share an id, so numbering restarts per list


def parse_markdown(source: str) -> list[Block]:
    """Split the memo's Markdown into blocks, in document order."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    list_id = 0
    previous_numbered = False

    def flush() -> None:
        if paragraph:
            blocks.append(Block("para", " ".join(paragraph)))
            paragraph.clear()

    for raw in source.splitlines():
        line = raw.strip()
        numbered = bool(_NUMBERED.match(line))
        if not line:
            flush()
            continue
        if line.startswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
                continue  # the header separator row
            if not blocks or blocks[-1].kind != "table":
                blocks.append(Block("table"))
            blocks[-1].rows.append(cells)
        elif line.startswith("#"):
            flush()
            hashes, _, text = line.partition(" ")
            blocks.append(Block({1: "title", 2: "h1", 3: "h2"}[len(hashes)], text))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("bullet", line[2:]))
        elif numbered:
            flush()
            if not previous_numbered:
                list_id += 1
            blocks.append(Block("number", _NUMBERED.sub("", line), list_id=list_id))
        else:
            paragraph.append(line)
        previous_numbered = numbered or (previous_numbered and not line)
    flush()
    return blocks


def _add_runs(paragraph, text: str, *, size=None, bold: bool = False) -> None:
    """Add text to a paragraph, turning **bold** and `code` spans into runs."""
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            run = paragraph.add_run(piece[2:-2])
            run.bold = True
        elif piece.startswith("`") and piece.endswith("`"):
            run = paragraph.add_run(piece[1:-1])
            run.font.name = MONO
        else:
            run = paragraph.add_run(piece)
        if bold:
            run.bold = True
        if size is not None:
            run.font.size = size


def _add_field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES), so page numbers are live in Word and the PDF."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)
    paragraph.add_run("1")  # cached result, replaced when the field updates
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _set_font(style, size=None, color=None) -> None:
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    if size is not None:
        style.font.size = size
    if color is not None:
        style.font.color.rgb = color


def _setup_styles(document) -> None:
    styles = document.styles
    _set_font(styles["Normal"], BODY_SIZE)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    _set_font(styles["Title"], Pt(22), RGBColor(0x1F, 0x2A, 0x44))
    _set_font(styles["Heading 1"], Pt(14), RGBColor(0x1F, 0x3A, 0x68))
    _set_font(styles["Heading 2"], Pt(12), RGBColor(0x1F, 0x3A, 0x68))
    styles["Heading 1"].paragraph_format.space_before = Pt(12)
    styles["Heading 2"].paragraph_format.space_before = Pt(8)
    for name in ("List Bullet", "List Number", "Header", "Footer"):
        _set_font(styles[name])
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)


def _restart_numbering(document, paragraph, cache: dict[int, int], list_id: int) -> None:
    """Point a List Number paragraph at a numbering instance that starts at 1 for its list."""
    if list_id not in cache:
        style_num = document.styles["List Number"].element.pPr.numPr.numId.val
        numbering = document.part.numbering_part.element
        abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        cache[list_id] = num.numId
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = cache[list_id]


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    # Width by content: the longest cell of each column, clamped, but never narrower than
    # its longest word, so no word breaks mid-way.
    weights = []
    for c in range(len(rows[0])):
        longest_cell = max(len(row[c]) for row in rows)
        longest_word = max(len(word) for row in rows for word in row[c].split())
        weights.append(max(min(longest_cell, 40), 2 * longest_word) + 6)
    widths = [int(usable * weight / sum(weights)) for weight in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            _add_runs(paragraph, value, size=TABLE_SIZE, bold=r == 0)
    # Repeat the header row if the table breaks across pages.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
    document.add_paragraph()  # breathing room after the table


def build_docx(blocks: list[Block], path: Path) -> None:
    document = Document()
    _setup_styles(document)
    title = next(block.text for block in blocks if block.kind == "title")

    props = document.core_properties
    props.title = title
    props.author = "memolint examples"
    props.last_modified_by = "memolint examples"
    props.subject = "Example take-home memo for memolint"
    props.created = props.modified = FIXED_DATE
    props.revision = 1

    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = title
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _add_field(footer, "PAGE")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(9)

    numbering_cache: dict[int, int] = {}
    styles = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "para": None}
    for block in blocks:
        if block.kind == "table":
            _add_table(document, block.rows)
        elif block.kind == "bullet":
            _add_runs(document.add_paragraph(style="List Bullet"), block.text)
        elif block.kind == "number":
            paragraph = document.add_paragraph(style="List Number")
            _restart_numbering(document, paragraph, numbering_cache, block.list_id)
            _add_runs(paragraph, block.text)
        else:
            paragraph = document.add_paragraph(style=styles[block.kind])
            _add_runs(paragraph, block.text)
    document.save(path)


def convert_to_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to convert the DOCX files to PDF")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx_path.parent),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
        )
    pdf_path = docx_path.with_suffix(".pdf")
    if not pdf_path.exists():
        sys.exit(f"LibreOffice did not write {pdf_path}")
    return pdf_path


def word_count(blocks: list[Block]) -> int:
    words = 0
    for block in blocks:
        if block.kind == "table":
            texts = [cell for row in block.rows for cell in row]
        else:
            texts = [block.text]
        words += sum(len(re.sub(r"[*`]", "", text).split()) for text in texts)
    return words


def main() -> int:
    from pypdf import PdfReader

    problems = []
    for name in MEMOS:
        source = HERE / f"{name}.md"
        blocks = parse_markdown(source.read_text(encoding="utf-8"))
        docx_path = HERE / f"{name}.docx"
        build_docx(blocks, docx_path)
        pdf_path = convert_to_pdf(docx_path)
        pages = len(PdfReader(pdf_path).pages)
        for path in (docx_path, pdf_path):
            size = path.stat().st_size
            print(f"wrote {path.relative_to(HERE.parent)} ({size:,} bytes)")
            if size >= MAX_BYTES:
                problems.append(f"{path.name} is {size:,} bytes (limit {MAX_BYTES:,})")
        print(f"  {name}: {word_count(blocks):,} words, {pages} pages")
        if pages not in PAGE_RANGE:
            problems.append(f"{pdf_path.name} has {pages} pages, not 3-5")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
