"""DOCX memos: every piece of text a reader of the document sees, exactly once.

The package is checked by :mod:`memolint.ingest.zipguard` before anything is
decompressed; the parts are then read straight from the ZIP and walked in one
pass, in document order, by :class:`_Walker`. python-docx is not used for
reading because its paragraph and table API skips content controls,
customXml, fields, text boxes, tracked insertions and footnotes, all of which
Word shows on the page.

Choices a user of the blocks can rely on:

* **What counts as text.** Runs anywhere in a paragraph, including inside
  content controls, smart tags, customXml, hyperlinks, simple fields, the
  displayed result of complex fields (never their instruction), tracked
  insertions and moved-to text. Deleted and moved-from text is left out, as
  is hidden (``w:vanish``) text, the placeholder of an unfilled content
  control and a table of contents (it repeats the headings); each is
  reported in ``Memo.diagnostics``.
* **Breaks.** A tab becomes ``"\\t"``; a soft line break (``w:br``,
  ``w:cr``) becomes a space, because in memos it is mostly used to wrap a
  line by hand inside a sentence. A non-breaking hyphen becomes ``"-"`` and
  an optional hyphen disappears.
* **Paragraph numbers.** ``Block.paragraph`` is the 1-based index of the
  ``w:p`` in the main document, counting every paragraph in document order,
  including empty ones and those inside tables and text boxes, so the number
  is stable whatever the reader drops. A table cell carries the number of its
  first non-empty paragraph.
* **Text boxes** become ordinary blocks right after the paragraph that
  anchors them. Word stores each text box twice (a DrawingML ``mc:Choice``
  and a VML ``mc:Fallback``); only the Choice is read.
* **Tables.** Each table is one ``add_table`` call; paragraphs of a cell are
  joined with ``"\\n"``. A table nested in a cell is its own table, emitted
  right after the table that contains it (its text is not part of the outer
  cell). Blocks coming from inside a table (text boxes, footnotes) follow it
  too.
* **Footnotes and endnotes** become ``footnote`` blocks right after the
  paragraph (or table) that references them, so they sit under the heading
  they belong to; ``Block.paragraph`` is the referencing paragraph's number.
  Notes nobody references come at the end.
* **Headers, footers and reviewer comments** go to ``Memo.asides``, never
  into the linted body.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from memolint.errors import CorruptDocument, DocumentTooLarge
from memolint.ingest import ooxml as x
from memolint.ingest.builder import CellInput, MemoBuilder
from memolint.ingest.zipguard import check_zip, parse_xml, read_part, refuse_doctypes
from memolint.limits import Limits
from memolint.model import Memo, Segment

__all__ = ["read_docx"]

_DOCUMENT = "word/document.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
#: Content types that mark a macro-enabled package (.docm, .dotm) or its VBA project.
_MACRO_CONTENT_TYPES = (b"macroEnabled", b"vbaProject")
_NOTE_SKIP_TYPES = ("separator", "continuationSeparator", "continuationNotice")

# Property and deleted-content elements never hold displayed text.
_INLINE_SKIP = frozenset(
    {
        x.PPR,
        x.RPR,
        x.SDT_PR,
        x.w("sdtEndPr"),
        x.w("customXmlPr"),
        x.w("smartTagPr"),
        x.w("delText"),
        x.w("delInstrText"),
        x.w("fldData"),
        x.w("ffData"),
        x.w("rt"),  # ruby guide text; the base text is read
        x.MC_FALLBACK,
    }
)
_BLOCK_SKIP = frozenset(
    {
        x.PPR,
        x.SDT_PR,
        x.w("sdtEndPr"),
        x.w("customXmlPr"),
        x.w("sectPr"),
        x.w("tblPr"),
        x.w("tblGrid"),
        x.MC_FALLBACK,
    }
)

_HIDDEN = "hidden text"
_PLACEHOLDER = "unfilled content-control placeholder"
_TOC = "table of contents"
_OBJECT = "image, chart or embedded object"
_ALT_CHUNK = "embedded document chunk"


def read_docx(data: bytes, source: str, limits: Limits) -> Memo:
    """Read a DOCX package into a :class:`~memolint.model.Memo`.

    >>> data = Path("memo.docx").read_bytes()  # doctest: +SKIP
    >>> memo = read_docx(data, "memo.docx", DEFAULT_LIMITS)  # doctest: +SKIP
    >>> [block.kind for block in memo.blocks][:2]
    ['title', 'heading']
    """
    archive = check_zip(data, source, limits)
    with archive:
        names = set(archive.namelist())
        if _CONTENT_TYPES not in names:
            raise CorruptDocument(
                "is a ZIP file without [Content_Types].xml, so not a Word package; "
                "re-save it from Word as .docx",
                source=source,
            )
        if _DOCUMENT not in names:
            raise CorruptDocument(
                "is a package without word/document.xml; re-save it from Word as .docx",
                source=source,
            )
        refuse_doctypes(archive, source)
        package = _Package(archive, source)
        document = package.xml(_DOCUMENT)
        body = document.find(x.BODY) if document is not None else None
        if document is None or document.tag != x.w("document") or body is None:
            raise CorruptDocument(
                "has a word/document.xml that is not a Word document body; "
                "re-save it from Word as .docx",
                source=source,
            )
        targets = x.relationship_targets(package.xml(_DOCUMENT_RELS))
        styles = x.Styles(package.xml(_first(targets.get("styles"), "word/styles.xml")))
        notes = {
            **_notes(
                package.xml(_first(targets.get("footnotes"), "word/footnotes.xml")), x.FOOTNOTE
            ),
            **_notes(package.xml(_first(targets.get("endnotes"), "word/endnotes.xml")), x.ENDNOTE),
        }
        walker = _Walker(styles, notes, budget=_TextBudget(source, limits))
        walker.read_body(body)
        if walker.fields:
            # A field that never ends would hide the rest of the memo; better
            # to read it again ignoring field structure (instructions stay out).
            budget = _TextBudget(source, limits)
            walker = _Walker(styles, notes, honour_fields=False, budget=budget)
            walker.read_body(body)

        builder = MemoBuilder(source, "docx")
        for item in walker.out:
            if isinstance(item, _Table):
                builder.add_table(item.rows)
            else:
                builder.add(
                    item.kind,
                    item.text,
                    segments=[Segment(0)],
                    paragraph=item.paragraph,
                    level=item.level,
                    depth=item.depth,
                )

        for kind in ("header", "footer"):
            seen: set[str] = set()
            for name in targets.get(kind) or _conventional(names, kind):
                root = package.xml(name)
                text = walker.flatten(root) if root is not None else ""
                if text and text not in seen:
                    seen.add(text)
                    builder.add_aside(kind, text)
        comments = 0
        comments_root = package.xml(_first(targets.get("comments"), "word/comments.xml"))
        if comments_root is not None:
            for comment in comments_root.iter(x.COMMENT):
                text = walker.flatten(comment)
                if text:
                    comments += 1
                    builder.add_aside("comment", text)

        macros = any(name.lower().endswith("vbaproject.bin") for name in names) or any(
            marker in (read_part(archive, _CONTENT_TYPES, source) or b"")
            for marker in _MACRO_CONTENT_TYPES
        )
        builder.diagnostics.extend(_diagnostics(walker, macros, comments))
        saved_statistics = package.xml("docProps/app.xml") if "docProps/app.xml" in names else None
    memo = builder.build()
    memo.pages = _saved_page_count(saved_statistics, memo)
    if len(memo.text) > limits.max_text_chars:
        raise DocumentTooLarge(
            f"has {len(memo.text):,} characters of text, over the {limits.max_text_chars:,} "
            "limit; raise max_text_chars in the configuration if this is intended",
            source=source,
        )
    return memo


def _saved_page_count(app: etree._Element | None, memo: Memo) -> int | None:
    """The page count Word saved, when its saved word count proves it is current.

    docProps/app.xml keeps the page and word counts of the last save by a
    word processor; files written by other tools carry a template's stale
    values. Trusting Pages only when the saved Words is within 15% of the
    words actually read keeps a stale "1 page" from reaching the length rule.
    """
    if app is None:
        return None
    values = {}
    for element in app:
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag in ("Pages", "Words") and (element.text or "").strip().isdigit():
            values[tag] = int(element.text.strip())
    pages, saved_words = values.get("Pages"), values.get("Words")
    if not pages or not saved_words:
        return None
    words = len(memo.text.split())
    if words and abs(saved_words - words) / words <= 0.15:
        return pages
    return None


class _Package:
    """Reads and parses parts of one open package, each through the guard."""

    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self.archive = archive
        self.source = source

    def xml(self, name: str) -> etree._Element | None:
        data = read_part(self.archive, name, self.source)
        if data is None:
            return None
        if b"purl.oclc.org/ooxml/" in data:
            for strict, transitional in x.STRICT_NAMESPACES:
                data = data.replace(strict, transitional)
        return parse_xml(data, name, self.source)


def _first(names: list[str] | None, default: str) -> str:
    return names[0] if names else default


def _conventional(names: set[str], kind: str) -> list[str]:
    """Header or footer parts by their usual names, for packages without relationships."""
    prefix = f"word/{kind}"
    return sorted(
        name
        for name in names
        if name.startswith(prefix) and name.endswith(".xml") and "/" not in name[5:]
    )


def _notes(root: etree._Element | None, tag: str) -> dict[tuple[str, str], etree._Element]:
    if root is None:
        return {}
    kind = "footnote" if tag == x.FOOTNOTE else "endnote"
    return {
        (kind, note.get(x.ID, "")): note
        for note in root.iter(tag)
        if note.get(x.TYPE, "normal") not in _NOTE_SKIP_TYPES
    }


def _diagnostics(walker: _Walker, macros: bool, comments: int) -> list[str]:
    notes: list[str] = []
    if macros:
        notes.append("contains macros (a VBA project); they were not run, the text was read")
    if walker.insertions or walker.deletions:
        notes.append(
            f"has tracked changes: {walker.insertions} insertion(s) read as accepted, "
            f"{walker.deletions} deletion(s) left out; accept or reject them in Word to lint "
            "the final text"
        )
    if comments:
        notes.append(f"has {comments} reviewer comment(s); kept aside and not linted")
    if not walker.honour_fields:
        notes.append(
            "has a field that never ends; field results and plain text were all read, "
            "update fields in Word (F9) and save to fix it"
        )
    if walker.skipped:
        parts = ", ".join(f"{count} {what}" for what, count in sorted(walker.skipped.items()))
        notes.append(f"content skipped (not linted): {parts}")
    return notes


class _TextBudget:
    """Stops a walk that has read far more text than the memo may hold.

    The exact limit is checked on the finished memo; this only keeps a
    document of endless paragraphs from being turned into Python strings
    and blocks first. Asides count too, hence the headroom.
    """

    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limit = limits.max_text_chars
        self.left = 2 * limits.max_text_chars

    def spend(self, characters: int) -> None:
        self.left -= characters
        if self.left < 0:
            raise DocumentTooLarge(
                f"has over {2 * self.limit:,} characters of text, over the {self.limit:,} "
                "limit; raise max_text_chars in the configuration if this is intended",
                source=self.source,
            )


class _Block(NamedTuple):
    kind: str
    text: str
    paragraph: int | None
    level: int | None = None
    depth: int | None = None


class _Table(NamedTuple):
    rows: list[list[CellInput | None]]


class _Paragraph:
    """What one ``w:p`` yields while its runs are walked."""

    __slots__ = ("boxes", "notes", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.boxes: list[etree._Element] = []
        self.notes: list[tuple[str, str]] = []


class _Field:
    """A complex field between its ``begin`` and ``end`` field characters."""

    __slots__ = ("hidden", "instruction", "showing_result")

    def __init__(self) -> None:
        self.showing_result = False
        self.hidden = False
        self.instruction: list[str] = []


# A paragraph-text sink: (text, paragraph number) per non-empty paragraph.
_Lines = list[tuple[str, int | None]]


class _Walker:
    """One pass over a story's XML, in document order.

    In body mode (``flat`` false) paragraphs are numbered and become blocks
    in ``out``; in flat mode (notes, headers, footers, comments) all text is
    collected as lines, tables and text boxes included, and nothing is
    numbered.
    """

    def __init__(
        self,
        styles: x.Styles,
        notes: dict[tuple[str, str], etree._Element],
        *,
        honour_fields: bool = True,
        budget: _TextBudget | None = None,
    ) -> None:
        self.styles = styles
        self.honour_fields = honour_fields
        self.budget = budget
        self.notes = notes
        self.emitted_notes: set[tuple[str, str]] = set()
        self.out: list[_Block | _Table] = []
        self.flat = False
        self.paragraphs = 0
        # Complex fields can span runs and paragraphs, so their state lives
        # on the walker, one stack per story.
        self.fields: list[_Field] = []
        self.suppressed = 0
        self.insertions = 0
        self.deletions = 0
        self.skipped: Counter[str] = Counter()

    def read_body(self, body: etree._Element) -> None:
        self._container(body, None)
        for key in self.notes:
            self._note(key, None)

    def flatten(self, element: etree._Element) -> str:
        """All text under ``element`` as lines, one per paragraph."""
        saved = self.flat, self.fields
        self.flat, self.fields = True, []
        lines: _Lines = []
        try:
            self._container(element, lines)
        finally:
            self.flat, self.fields = saved
        return "\n".join(text for text, _ in lines)

    # -- block level -------------------------------------------------------

    def _container(self, element: etree._Element, lines: _Lines | None) -> None:
        """Walk block-level content; ``lines`` collects paragraph text instead of blocks."""
        for child in element:
            tag = child.tag
            if tag == x.P:
                self._paragraph(child, lines)
            elif tag == x.TBL:
                if self.flat:
                    self._flat_table(child, lines if lines is not None else [])
                else:
                    self._table(child)
            elif tag == x.SDT:
                content = self._sdt_content(child)
                if content is not None:
                    self._container(content, lines)
            elif tag == x.MC_ALTERNATE:
                branch = x.alternate_branch(child)
                if branch is not None:
                    self._container(branch, lines)
            elif tag in _BLOCK_SKIP or not isinstance(tag, str):
                continue
            elif tag == x.DEL or tag == x.MOVE_FROM:
                self.deletions += 1
            elif tag == x.ALT_CHUNK:
                self.skipped[_ALT_CHUNK] += 1
            else:
                if tag == x.INS or tag == x.MOVE_TO:
                    self.insertions += 1
                self._container(child, lines)  # customXml and other wrappers

    def _paragraph(self, p: etree._Element, lines: _Lines | None) -> None:
        number = None
        if not self.flat:
            self.paragraphs += 1
            number = self.paragraphs
        para = _Paragraph()
        self._inline(p, para)
        text = "".join(para.parts).strip()
        if text:
            if self.budget is not None:
                self.budget.spend(len(text))
            if lines is not None:
                lines.append((text, number))
            else:
                kind, level, depth = self._kind(p)
                self.out.append(_Block(kind, text, number, level, depth))
        for box in para.boxes:
            saved = self.fields
            self.fields = []  # a text box is its own story
            self._container(box, lines if self.flat else None)
            self.fields = saved
        if not self.flat:
            for key in para.notes:
                self._note(key, number)

    def _kind(self, p: etree._Element) -> tuple[str, int | None, int | None]:
        """Block kind, heading level and list depth from the paragraph and its style."""
        ppr = p.find(x.PPR)
        style_id = outline = numpr = None
        if ppr is not None:
            pstyle = ppr.find(x.PSTYLE)
            style_id = pstyle.get(x.VAL) if pstyle is not None else None
            outline = x.int_val(ppr.find(x.OUTLINE_LVL))
            numpr = ppr.find(x.NUMPR)
        meaning = self.styles.meaning(style_id)
        if outline is not None:
            # Direct formatting beats the style; 9 is Word's "body text".
            if 0 <= outline <= 8:
                return "heading", outline + 1, None
        elif meaning.title:
            return "title", None, None
        elif meaning.heading_level is not None:
            return "heading", meaning.heading_level, None
        if numpr is not None:
            num_id = numpr.find(x.NUM_ID)
            if num_id is not None and num_id.get(x.VAL, "0") == "0":
                return "paragraph", None, None  # numbering switched off on this paragraph
            ilvl = x.int_val(numpr.find(x.ILVL))
            if num_id is not None or meaning.list_level is not None:
                depth = ilvl if ilvl is not None else meaning.list_level or 0
                return "list_item", None, min(max(depth, 0), 8)
        if meaning.list_level is not None:
            return "list_item", None, min(max(meaning.list_level, 0), 8)
        return "paragraph", None, None

    def _note(self, key: tuple[str, str], paragraph: int | None) -> None:
        if key in self.emitted_notes:
            return
        note = self.notes.get(key)
        if note is None:
            return
        self.emitted_notes.add(key)
        text = self.flatten(note)
        if text:
            self.out.append(_Block("footnote", text, paragraph))

    def _sdt_content(self, sdt: etree._Element) -> etree._Element | None:
        """The content of a content control, or ``None`` when it shows nothing of the author's."""
        props = sdt.find(x.SDT_PR)
        if props is not None:
            if x.is_on(props.find(x.SHOWING_PLACEHOLDER)):
                self.skipped[_PLACEHOLDER] += 1
                return None
            gallery = props.find(f"{x.w('docPartObj')}/{x.w('docPartGallery')}")
            if gallery is not None and gallery.get(x.VAL) == "Table of Contents":
                self.skipped[_TOC] += 1
                return None
        return sdt.find(x.SDT_CONTENT)

    # -- tables ------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> None:
        saved_out = self.out
        pending: list[_Block | _Table] = []
        self.out = pending  # nested tables, text boxes, notes: after this table
        rows: list[list[CellInput | None]] = []
        open_merges: dict[int, CellInput] = {}  # grid column -> cell a vMerge continues
        try:
            for tr in self._rows(tbl):
                row: list[CellInput | None] = [None] * _grid_before(tr)
                for tc in _cells(tr):
                    column = len(row)
                    span, merge, horizontal = _cell_merge(tc)
                    lines: _Lines = []
                    self._container(tc, lines)
                    text = "\n".join(text for text, _ in lines)
                    first = next((number for _, number in lines), None)
                    origin = open_merges.get(column) if merge == "continue" else None
                    if origin is None and horizontal:
                        origin = next((c for c in reversed(row) if c is not None), None)
                        if origin is not None:
                            origin.col_span += span
                    if origin is not None:
                        if merge == "continue":
                            origin.row_span += 1
                        if text:
                            origin.text = f"{origin.text}\n{text}" if origin.text else text
                            if origin.paragraph is None:
                                origin.paragraph = first
                        row.extend([None] * span)
                        continue
                    cell = CellInput(text, col_span=span, paragraph=first)
                    row.append(cell)
                    row.extend([None] * (span - 1))
                    for covered in range(column, column + span):
                        open_merges.pop(covered, None)
                    if merge is not None:
                        open_merges[column] = cell
                rows.append(row)
        finally:
            self.out = saved_out
        self.out.append(_Table(rows))
        self.out.extend(pending)

    def _flat_table(self, tbl: etree._Element, lines: _Lines) -> None:
        for tr in self._rows(tbl):
            for tc in _cells(tr):
                self._container(tc, lines)

    def _rows(self, tbl: etree._Element) -> Iterator[etree._Element]:
        """Rows that are still there: a row deleted as a tracked change is left out."""
        for tr in _wrapped(tbl, x.TR):
            trpr = tr.find(x.TRPR)
            if trpr is not None:
                if trpr.find(x.DEL) is not None:
                    self.deletions += 1
                    continue
                if trpr.find(x.INS) is not None:
                    self.insertions += 1
            yield tr

    # -- run level ---------------------------------------------------------

    def _showing(self) -> bool:
        if self.suppressed:
            return False
        return all(field.showing_result and not field.hidden for field in self.fields)

    def _inline(self, element: etree._Element, para: _Paragraph) -> None:
        parts = para.parts
        for child in element:
            tag = child.tag
            if tag == x.T or tag == x.M_T:
                if child.text and self._showing():
                    parts.append(child.text)
            elif tag == x.R:
                rpr = child.find(x.RPR)
                if rpr is not None and x.is_on(rpr.find(x.VANISH)):
                    # Still walked: field characters in hidden runs must be seen.
                    if child.find(x.T) is not None:
                        self.skipped[_HIDDEN] += 1
                    self.suppressed += 1
                    self._inline(child, para)
                    self.suppressed -= 1
                else:
                    self._inline(child, para)
            elif tag in _INLINE_SKIP or not isinstance(tag, str):
                continue
            elif tag == x.TAB or tag == x.PTAB:
                if self._showing():
                    parts.append("\t")
            elif tag == x.BR or tag == x.CR:
                if self._showing():
                    parts.append(" ")
            elif tag == x.NO_BREAK_HYPHEN:
                if self._showing():
                    parts.append("-")
            elif tag == x.FLD_CHAR:
                self._field_char(child)
            elif tag == x.INSTR_TEXT:
                if self.fields and not self.fields[-1].showing_result and child.text:
                    self.fields[-1].instruction.append(child.text)
            elif tag == x.TXBX_CONTENT:
                if self._showing():
                    para.boxes.append(child)
            elif tag == x.FOOTNOTE_REFERENCE or tag == x.ENDNOTE_REFERENCE:
                if self._showing():
                    kind = "footnote" if tag == x.FOOTNOTE_REFERENCE else "endnote"
                    para.notes.append((kind, child.get(x.ID, "")))
            elif tag == x.DEL or tag == x.MOVE_FROM:
                self.deletions += 1
            elif tag == x.INS or tag == x.MOVE_TO:
                self.insertions += 1
                self._inline(child, para)
            elif tag == x.SDT:
                content = self._sdt_content(child)
                if content is not None:
                    self._inline(content, para)
            elif tag == x.MC_ALTERNATE:
                branch = x.alternate_branch(child)
                if branch is not None:
                    self._inline(branch, para)
            elif tag == x.FLD_SIMPLE:
                if _is_toc(child.get(x.INSTR, "")):
                    self.skipped[_TOC] += 1
                else:
                    self._inline(child, para)
            elif tag == x.DRAWING or tag == x.PICT or tag == x.OBJECT:
                boxes = len(para.boxes)
                self._inline(child, para)
                if len(para.boxes) == boxes:
                    self.skipped[_OBJECT] += 1
            else:
                # Hyperlinks, smart tags, customXml, sdtContent, ruby bases and
                # the drawing markup around text boxes are transparent.
                self._inline(child, para)

    def _field_char(self, element: etree._Element) -> None:
        if not self.honour_fields:
            return
        kind = element.get(x.FLD_CHAR_TYPE)
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            field = self.fields[-1]
            field.showing_result = True
            if _is_toc("".join(field.instruction)):
                field.hidden = True
                self.skipped[_TOC] += 1
        elif kind == "end" and self.fields:
            self.fields.pop()


def _is_toc(instruction: str) -> bool:
    words = instruction.split(None, 1)
    return bool(words) and words[0].upper() == "TOC"


def _wrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and customXml wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == x.SDT:
            content = child.find(x.SDT_CONTENT)
            if content is not None:
                yield from _wrapped(content, tag)
        elif child.tag == x.CUSTOM_XML:
            yield from _wrapped(child, tag)


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _wrapped(tr, x.TC)


def _grid_before(tr: etree._Element) -> int:
    trpr = tr.find(x.TRPR)
    if trpr is None:
        return 0
    return min(max(x.int_val(trpr.find(x.GRID_BEFORE)) or 0, 0), 64)


def _cell_merge(tc: etree._Element) -> tuple[int, str | None, bool]:
    """(grid span, vertical merge "restart"/"continue"/None, continues a legacy hMerge)."""
    tcpr = tc.find(x.TCPR)
    if tcpr is None:
        return 1, None, False
    span = min(max(x.int_val(tcpr.find(x.GRID_SPAN)) or 1, 1), 64)
    vmerge = tcpr.find(x.V_MERGE)
    merge = None
    if vmerge is not None:
        merge = "restart" if vmerge.get(x.VAL) == "restart" else "continue"
    hmerge = tcpr.find(x.H_MERGE)
    horizontal = hmerge is not None and hmerge.get(x.VAL) != "restart"
    return span, merge, horizontal
