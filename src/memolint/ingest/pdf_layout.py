"""Rebuild a memo's structure from positioned PDF text.

A PDF has no paragraphs, list items or table cells, only runs of glyphs
placed on a page. ``pdf.py`` reads those runs with pypdf and hands them here
as :class:`Fragment` objects (text, baseline position, font size, width,
weight); this module rebuilds what a reader sees:

* fragments on one baseline form a visual :class:`Line`, numbered top to
  bottom on its page, and a line splits into :class:`Piece` objects wherever
  a gap is too wide to be a space (a table cell, a tab stop, a bullet glyph);
* lines that repeat at the top or bottom of most pages, and bare page
  numbers, are running headers and footers;
* runs of lines whose pieces stay inside the same column intervals form a
  table; rows follow the content stream's order, because word processors
  write a table cell by cell, which is what tells a wrapped cell's second
  line from the next row;
* everything else is joined into headings, list items and paragraphs from
  vertical gaps, indentation, font size and weight, and whether a line
  ended a sentence well short of the margin.

Kept apart from pypdf access so the heuristics can be tested on hand-made
fragments and swapped without touching the parser.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from memolint.ingest.builder import CellInput, MemoBuilder
from memolint.model import Segment

# Private-use bullets come from Symbol and Wingdings, which Word and
# LibreOffice use for list bullets; the rest are the Unicode bullets and the
# arrows and ticks people pick from the bullet library.
BULLET_GLYPHS = (
    "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf075\uf0a8\uf0e0"
    "\u2022\u25cf\u25aa\u25a0\u25e6\u25cb\u27a2\u25ba\u2043\u2219\u00b7"
    "\u2713\u2714\u25c6\u2666\u2023\u27a4"
)
_GLYPH_MARKER = re.compile(rf"^[{BULLET_GLYPHS}]\s*(?=\S)")
# Characters that are list markers only when they stand apart from the text
# (their own fragment) or open a new block: "-" and "1." also start ordinary
# wrapped lines.
_PLAIN_MARKER = re.compile(
    r"^(?:[-\u2013\u2014*o]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])\s+(?=\S)"
)
_NUMBERED_SECTION = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z]")
_NOTE_MARK = re.compile(r"^\s*(?:\d{1,3}|[*†‡§])\s*$")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TRAILING_HYPHEN = re.compile(r"([^\W\d_]+)[-\u2010]$")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"\s+")
_CLEAN = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
        "\t": " ",
        **{chr(code): "" for code in range(32) if code != 9},
    }
)

#: Words before a line-end hyphen that in memos almost always open a real
#: compound ("on-call", "self-serve", "non-goal"), used when the document
#: itself does not show whether the word is written with a hyphen. Kept
#: short on purpose: "multi-" or "re-" are as often a split word
#: ("multi-ple", "re-lease"), and joining is the safer default.
COMPOUND_HEADS = frozenset({"on", "off", "self", "non", "cross", "well", "half"})

#: Share of pages a line must repeat on (at the same edge) to be a running
#: header or footer; never fewer than two pages.
RUNNING_SHARE = 0.6
#: How many lines at each page edge are checked for running headers.
RUNNING_EDGE_LINES = 3
#: The part of the page height, at the top and at the bottom, where running
#: headers and footers live.
RUNNING_ZONE = 0.22
#: A vertical gap this many times the usual line pitch starts a new block.
PARAGRAPH_GAP = 1.4


@dataclass(slots=True)
class Fragment:
    """One run of text as pypdf reports it, in page coordinates (points).

    ``y`` is the baseline, growing upward as in PDF user space; ``width`` is
    measured from the font's widths when ``measured`` is true and estimated
    otherwise; ``space_before`` records that pypdf saw a word gap before it.
    ``seq`` is the position in the content stream.
    """

    text: str
    x: float
    y: float
    size: float
    width: float
    bold: bool = False
    space_before: bool = False
    seq: int = 0
    measured: bool = True

    @property
    def end(self) -> float:
        return self.x + self.width


@dataclass(slots=True)
class Piece:
    """A stretch of a line with no gap wider than a space: a cell candidate."""

    text: str
    column: int
    x: float
    end: float
    seq: int


@dataclass(slots=True)
class Line:
    """One visual line: the fragments sharing a baseline, left to right.

    ``number`` counts the page's non-empty lines from the top, starting at 1,
    which is what a reader counts when told "page 3, line 12". ``starts``
    holds (offset in ``text``, x) for every fragment, so the position of text
    after a list marker is known.
    """

    page: int
    number: int
    text: str
    x: float
    end: float
    y: float
    size: float
    bold: bool
    pieces: list[Piece]
    starts: list[tuple[int, float]]
    first_word_width: float
    role: str = "body"


@dataclass(slots=True)
class PageText:
    """A page's visual lines and its vertical extent (for header zones)."""

    number: int
    lines: list[Line]
    bottom: float = 0.0
    top: float = 792.0


def build_lines(fragments: Sequence[Fragment], page: int) -> list[Line]:
    """Group a page's fragments into visual lines, top to bottom."""
    seen: set[tuple[str, int, int]] = set()
    frags: list[Fragment] = []
    for fragment in fragments:
        if not fragment.text.strip():
            continue
        # Fake bold (the same text drawn twice, a hair apart) and overlaid
        # duplicates would otherwise double the words.
        key = (fragment.text, round(fragment.x), round(fragment.y))
        if key in seen:
            continue
        seen.add(key)
        frags.append(fragment)
    frags.sort(key=lambda f: (-f.y, f.x))
    groups: list[list[Fragment]] = []
    for fragment in frags:
        if groups:
            head = groups[-1][0]
            if head.y - fragment.y <= 0.5 * max(head.size, fragment.size, 1.0):
                groups[-1].append(fragment)
                continue
        groups.append([fragment])
    lines = []
    for group in groups:
        line = _make_line(group, page, len(lines) + 1)
        if line is not None:
            lines.append(line)
    return lines


def _make_line(group: list[Fragment], page: int, number: int) -> Line | None:
    group = _without_note_marks(group)
    group.sort(key=lambda f: f.x)
    text = ""
    starts: list[tuple[int, float]] = []
    piece_marks: list[tuple[int, float, float, int]] = []  # offset, x, end, seq
    right = -math.inf
    previous: Fragment | None = None
    for fragment in group:
        raw = fragment.text
        # Some producers put the space between words or cells at the start
        # or end of a run; measure gaps between the ink, not the spaces.
        space = 0.25 * fragment.size
        left = fragment.x + (len(raw) - len(raw.lstrip())) * space
        ink_end = fragment.end - (len(raw) - len(raw.rstrip())) * space
        part = _SPACES.sub(" ", raw.translate(_CLEAN))
        if not text:
            part = part.lstrip()
            if not part:
                continue
        else:
            assert previous is not None
            gap = left - right
            spaced = fragment.space_before or text.endswith(" ") or part.startswith(" ")
            if fragment.seq == previous.seq + 1:
                # pypdf saw both runs in a row and knows the true advance
                # (kerning and justification included), which our widths do
                # not; it marks a word gap with a space, so trust that, and
                # without its space only a gap wider than any stretch of the
                # previous run's spaces (justified text) can be a column.
                stretch = (
                    0.0 if spaced else 3 * fragment.size + 2 * space * previous.text.count(" ")
                )
                wide = gap > _cell_gap(fragment) + stretch
            else:
                spaced = spaced or gap > 0.15 * fragment.size
                wide = gap > _cell_gap(fragment)
            if (wide or spaced) and not text.endswith(" ") and not part.startswith(" "):
                text += " "
            if text.endswith(" "):
                part = part.lstrip()
            if wide:
                piece_marks.append((len(text), left, ink_end, fragment.seq))
        if not piece_marks:
            piece_marks.append((0, left, ink_end, fragment.seq))
        starts.append((len(text), left))
        text += part
        right = max(right, ink_end)
        previous = fragment
        offset, x, _, seq = piece_marks[-1]
        piece_marks[-1] = (offset, x, right, seq)
    text = text.rstrip()
    if not text:
        return None
    pieces = []
    for index, (offset, x, end, seq) in enumerate(piece_marks):
        stop = piece_marks[index + 1][0] if index + 1 < len(piece_marks) else len(text)
        raw = text[offset:stop]
        stripped = raw.strip()
        if stripped:
            column = offset + len(raw) - len(raw.lstrip()) + 1
            pieces.append(Piece(stripped, column, x, end, seq))
    chars = [(len(f.text.strip()), f) for f in group]
    total = sum(count for count, _ in chars) or 1
    dominant = max(chars, key=lambda item: item[0])[1]
    bold_chars = sum(count for count, f in chars if f.bold)
    first = group[0]
    first_word = text.split(" ", 1)[0]
    first_text = first.text.strip() or first_word
    first_word_width = first.width * min(len(first_word) / max(len(first_text), 1), 1.0)
    return Line(
        page=page,
        number=number,
        text=text,
        x=starts[0][1],
        end=right,
        y=max(f.y for f in group if f.size >= dominant.size - 0.5),
        size=dominant.size,
        bold=bold_chars >= 0.8 * total,
        pieces=pieces,
        starts=starts,
        first_word_width=first_word_width,
    )


def _without_note_marks(group: list[Fragment]) -> list[Fragment]:
    """Drop superscript footnote marks, which would glue a digit to the word before."""
    dominant = max(group, key=lambda f: len(f.text))
    baseline = dominant.y
    return [
        f
        for f in group
        if not (
            f.size <= 0.75 * dominant.size
            and f.y > baseline + 0.15 * dominant.size
            and _NOTE_MARK.match(f.text)
        )
    ]


def _cell_gap(fragment: Fragment) -> float:
    # Measured widths are accurate to a point or two, so empty space of half
    # an em (two spaces' worth, the padding of a tight HTML table) is a tab
    # stop or a cell boundary; estimated widths can be off by a fifth of a
    # long run, so they need a far wider gap.
    return (0.5 if fragment.measured else 2.5) * fragment.size


# ---------------------------------------------------------------------------
# Running headers and footers


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", re.sub(r"\d+", "#", text.lower())).strip()


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number: "3", "Page 3 of 5", "- 3 -", "iv"."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def mark_running(pages: Sequence[PageText]) -> None:
    """Set ``role = "running"`` on running headers, footers and page numbers."""
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        top.update({_normalise(line.text) for line in _top_lines(page)})
        bottom.update({_normalise(line.text) for line in _bottom_lines(page)})
    needed = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    for page in pages:
        for counts, lines in ((top, _top_lines(page)), (bottom, _bottom_lines(page))):
            for line in lines:
                if counts[_normalise(line.text)] >= needed or is_page_number(line.text):
                    line.role = "running"


def _top_lines(page: PageText) -> list[Line]:
    limit = page.top - RUNNING_ZONE * (page.top - page.bottom)
    return [line for line in page.lines[:RUNNING_EDGE_LINES] if line.y >= limit]


def _bottom_lines(page: PageText) -> list[Line]:
    limit = page.bottom + RUNNING_ZONE * (page.top - page.bottom)
    return [line for line in page.lines[-RUNNING_EDGE_LINES:] if line.y <= limit]


# ---------------------------------------------------------------------------
# Document statistics


@dataclass(slots=True)
class Stats:
    """What "normal" looks like in this document: size, pitch, margin."""

    body_size: float = 11.0
    body_bold: bool = False  # most body text is bold, so bold marks no heading
    pitch: float = 1.2  # baseline-to-baseline distance over font size
    right: float = 0.0  # where full lines end
    marker_xs: list[float] = field(default_factory=list)
    vocabulary: Counter[str] = field(default_factory=Counter)


def document_stats(pages: Sequence[PageText]) -> Stats:
    sizes: Counter[float] = Counter()
    bold_chars: Counter[float] = Counter()
    ratios: list[float] = []
    ends: list[float] = []
    vocabulary: Counter[str] = Counter()
    for page in pages:
        previous: Line | None = None
        for line in page.lines:
            if line.role != "body":
                previous = None
                continue
            sizes[round(line.size * 2) / 2] += len(line.text)
            if line.bold:
                bold_chars[round(line.size * 2) / 2] += len(line.text)
            if previous is not None and abs(previous.size - line.size) < 0.5:
                ratio = (previous.y - line.y) / line.size
                if 0.9 < ratio < 2.5:
                    ratios.append(ratio)
            if line.text.count(" ") >= 3:
                ends.append(line.end)
            for word in _WORD.findall(line.text.lower()):
                vocabulary[word] += 1
                if "-" in word:
                    vocabulary.update(word.split("-"))
            previous = line
    stats = Stats(vocabulary=vocabulary)
    if sizes:
        stats.body_size = sizes.most_common(1)[0][0]
        stats.body_bold = bold_chars.get(stats.body_size, 0) > 0.5 * sizes[stats.body_size]
    if ratios:
        stats.pitch = statistics.median(ratios)
    if ends:
        ends.sort()
        stats.right = ends[min(len(ends) - 1, int(0.95 * len(ends)))]
    return stats


# ---------------------------------------------------------------------------
# Tables


@dataclass(slots=True)
class TableRegion:
    """Lines of one page that form a table, and their cells by row and column."""

    lines: list[int]
    rows: _Rows


def find_tables(lines: Sequence[Line], stats: Stats) -> list[TableRegion]:
    """Runs of lines whose pieces keep to the same columns (≥ 3 of them)."""
    tables = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.role != "body" or len(line.pieces) < 3:
            index += 1
            continue
        columns = [(piece.x, piece.end) for piece in line.pieces]
        members = [index]
        strong = 1
        following = index + 1
        while following < len(lines):
            candidate = lines[following]
            previous = lines[members[-1]]
            gap = previous.y - candidate.y
            size = max(previous.size, candidate.size)
            # A line with a single piece after a paragraph-sized gap is the
            # heading or paragraph after the table, not a wrapped cell.
            limit = (2.0 if len(candidate.pieces) >= 2 else PARAGRAPH_GAP) * stats.pitch * size
            if candidate.role != "body" or gap > limit or abs(candidate.size - line.size) > 1.5:
                break
            grown = _fit(candidate, columns)
            if grown is None:
                break
            columns = grown
            members.append(following)
            strong += len(candidate.pieces) >= 3
            following += 1
        if strong >= 2 and len(columns) >= 3:
            tables.append(TableRegion(members, _rows(lines, members, columns)))
            index = following
        else:
            index += 1
    return tables


def _overlaps(piece: Piece, columns: list[tuple[float, float]]) -> list[int]:
    return [
        number
        for number, (left, right) in enumerate(columns)
        if piece.x < right + 1.0 and piece.end > left - 1.0
    ]


def _fit(line: Line, columns: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """The columns widened by ``line``, or ``None`` when the line is not part of the grid."""
    strong = len(line.pieces) >= 3
    grown = list(columns)
    spanning = 0
    for piece in line.pieces:
        hits = _overlaps(piece, grown)
        if not hits:
            if not strong:
                return None  # a short line off the grid: a caption or the next paragraph
            grown.append((piece.x, piece.end))
            grown.sort()
        elif len(hits) == 1:
            left, right = grown[hits[0]]
            grown[hits[0]] = (min(left, piece.x), max(right, piece.end))
        else:
            spanning += 1
    # A merged cell may span columns; prose runs across the gutters of the
    # rows above, and so does a line of prose that happens to split in three.
    if spanning > (1 if strong else 0):
        return None
    return _merge_overlapping(grown)


def _merge_overlapping(columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for left, right in sorted(columns):
        if merged and left < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged


# (stream position, position among the table's lines, column, line, piece)
_Placed = tuple[int, int, int, Line, Piece]
_Rows = list[list[list[tuple[Line, Piece]]]]


def _rows(lines: Sequence[Line], members: list[int], columns: list[tuple[float, float]]) -> _Rows:
    placed: list[_Placed] = []
    for position, index in enumerate(members):
        line = lines[index]
        for piece in line.pieces:
            hits = _overlaps(piece, columns) or [0]
            placed.append((piece.seq, position, hits[0], line, piece))
    rows = _rows_by_stream(placed, len(columns))
    if rows is None:
        rows = _rows_by_line(placed, len(columns))
    return rows


def _rows_by_stream(placed: list[_Placed], width: int) -> _Rows | None:
    """Rows from the content stream's order, or ``None`` if it is not cell by cell.

    Word and LibreOffice write a table row by row and, within a row, cell by
    cell, all lines of a cell together. So a piece in a column left of the
    previous piece, or in the same column but not below it, opens a new row;
    anything else continues the row. That keeps a wrapped cell's second line
    in its cell, which geometry alone cannot (the gap between rows equals the
    gap between a cell's lines).
    """
    rows: _Rows = []
    spans: list[list[int]] = []  # first and last member position of each row
    last_column = -1
    last_position = -1
    for _, position, column, line, piece in sorted(placed, key=lambda item: item[0]):
        if (
            not rows
            or column < last_column
            or (column == last_column and position <= last_position)
        ):
            rows.append([[] for _ in range(width)])
            spans.append([position, position])
        rows[-1][column].append((line, piece))
        spans[-1][0] = min(spans[-1][0], position)
        spans[-1][1] = max(spans[-1][1], position)
        last_column, last_position = column, position
    for before, after in itertools.pairwise(spans):
        if after[0] <= before[1]:
            return None  # rows interleave: the stream was not written cell by cell
    for row in rows:
        for cell in row:
            cell.sort(key=lambda item: item[0].number)
    return rows


def _rows_by_line(placed: list[_Placed], width: int) -> _Rows:
    by_position: dict[int, list[list[tuple[Line, Piece]]]] = {}
    for _, position, column, line, piece in placed:
        row = by_position.setdefault(position, [[] for _ in range(width)])
        row[column].append((line, piece))
    return [by_position[position] for position in sorted(by_position)]


# ---------------------------------------------------------------------------
# Blocks


@dataclass(slots=True)
class _Block:
    kind: str  # "heading", "paragraph", "list_item", "footnote"
    page: int
    size: float
    bold: bool
    first_x: float
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    left: float | None = None  # x of continuation lines
    content_x: float = 0.0  # list items: where the text after the marker starts
    marker_x: float = 0.0


@dataclass(slots=True)
class _TableItem:
    rows: list[list[CellInput | None]]
    page: int
    line: int


class _Assembler:
    """Feeds body lines in reading order and closes blocks at the breaks."""

    def __init__(self, stats: Stats) -> None:
        self.stats = stats
        self.items: list[_Block | _TableItem] = []
        self.current: _Block | None = None
        self.pending_notes: list[_Block] = []

    # -- blocks -------------------------------------------------------------

    def feed(self, line: Line) -> None:
        current = self.current
        marker = self._marker(line)
        heading = marker is None and self._heading_style(line)
        if current is not None and marker is None and self._continues(current, line, heading):
            self._append(current, line, 0)
            return
        self.close()
        if marker is not None:
            offset, content_x = marker
            block = _Block(
                "list_item", line.page, line.size, line.bold, line.x, content_x=content_x
            )
            block.marker_x = line.x
            self.stats.marker_xs.append(line.x)
            self._append(block, line, offset)
        else:
            block = _Block(
                "heading" if heading else "paragraph", line.page, line.size, line.bold, line.x
            )
            self._append(block, line, 0)
        self.current = block

    def close(self) -> None:
        block = self.current
        self.current = None
        if block is not None:
            if block.kind == "heading" and not _heading_text(block.text):
                block.kind = "paragraph"
            self.items.append(block)
        if self.pending_notes:
            self.items.extend(self.pending_notes)
            self.pending_notes = []

    def footnotes(self, lines: Sequence[Line]) -> None:
        notes: list[_Block] = []
        for line in lines:
            starts_note = bool(re.match(r"^(?:\d{1,3}|[*†‡])", line.text))
            if notes and not starts_note:
                self._append(notes[-1], line, 0)
                continue
            note = _Block("footnote", line.page, line.size, line.bold, line.x)
            self._append(note, line, 0)
            notes.append(note)
        if self.current is None:
            self.items.extend(notes)
        else:
            # The paragraph above may go on at the top of the next page; the
            # note follows it rather than cutting it in two.
            self.pending_notes.extend(notes)

    def table(self, region: TableRegion) -> None:
        self.close()
        rows: list[list[CellInput | None]] = []
        for row in region.rows:
            cells: list[CellInput | None] = []
            for parts in row:
                if not parts:
                    cells.append(None)
                    continue
                text = ""
                segments = []
                for line, piece in parts:
                    text, sep = _join(text, piece.text, self.stats.vocabulary)
                    text += sep
                    segments.append(Segment(len(text), line.number, piece.column, line.page))
                    text += piece.text
                cells.append(CellInput(text, segments=segments, page=parts[0][0].page))
            rows.append(cells)
        first = min(
            (line for row in region.rows for cell in row for line, _ in cell),
            key=lambda line: line.number,
        )
        self.items.append(_TableItem(rows, first.page, first.number))

    # -- decisions -------------------------------------------------------------

    def _marker(self, line: Line) -> tuple[int, float] | None:
        """(offset of the text after the marker, its x) when the line opens a list item."""
        text = line.text
        match = _GLYPH_MARKER.match(text)
        if match is None:
            match = _PLAIN_MARKER.match(text)
            if match is None:
                return None
            apart = any(offset == match.end() for offset, _ in line.starts[1:])
            previous = self.current.lines[-1] if self.current is not None else None
            opens_block = (
                previous is None
                or _SENTENCE_END.search(previous.text) is not None
                or previous.page != line.page
                or previous.y - line.y > PARAGRAPH_GAP * self.stats.pitch * line.size
            )
            if not (apart or opens_block) or self._heading_style(line):
                return None  # "1. Context" in a heading font is a heading
        offset = match.end()
        content_x = line.x + 0.5 * line.size * offset
        for start, x in line.starts:
            if start >= offset:
                content_x = x if start == offset else content_x
                break
        return offset, content_x

    def _heading_style(self, line: Line) -> bool:
        body = self.stats.body_size
        words = len(line.text.split())
        if words > 20 or line.text.rstrip().endswith((".", ",", ";")):
            return False
        if line.size >= body + 1.0:
            return True
        if line.bold and line.size >= body - 0.5 and not self.stats.body_bold:
            return True
        return bool(_NUMBERED_SECTION.match(line.text)) and words <= 12

    def _continues(self, block: _Block, line: Line, heading: bool) -> bool:
        previous = block.lines[-1]
        size = max(previous.size, line.size)
        if block.kind == "heading":
            return (
                heading
                and line.page == previous.page
                and abs(line.size - block.size) < 0.5
                and line.bold == block.bold
                and previous.y - line.y <= PARAGRAPH_GAP * self.stats.pitch * size
                and len(block.lines) < 3
            )
        if heading and (abs(line.size - previous.size) >= 0.5 or line.bold != previous.bold):
            return False
        if abs(line.size - previous.size) > 1.0 or (line.bold != previous.bold and block.bold):
            return False
        ends_sentence = _SENTENCE_END.search(previous.text) is not None
        if line.page != previous.page:
            if ends_sentence:
                return False
        else:
            gap = previous.y - line.y
            if gap <= 0 or gap > PARAGRAPH_GAP * self.stats.pitch * size:
                return False
            room = self.stats.right - previous.end
            if ends_sentence and room > line.first_word_width + 1.5 * line.size:
                return False  # the line ended early: the paragraph did
        if block.kind == "list_item":
            hanging = block.content_x > block.marker_x + 0.5 * line.size
            if hanging and line.x < block.content_x - 0.5 * line.size:
                return False
            return line.x <= block.content_x + 0.8 * line.size
        left = block.left if block.left is not None else block.first_x
        return line.x <= left + 0.8 * line.size

    def _append(self, block: _Block, line: Line, offset: int) -> None:
        raw = line.text[offset:]
        content = raw.lstrip()
        column = offset + len(raw) - len(content) + 1
        if block.lines and block.left is None:
            block.left = line.x
        block.text, separator = _join(block.text, content, self.stats.vocabulary)
        block.text += separator
        block.segments.append(Segment(len(block.text), line.number, column, line.page))
        block.text += content
        block.lines.append(line)


def _heading_text(text: str) -> bool:
    return len(text.split()) <= 24 and not text.rstrip().endswith((".", ",", ";"))


def _join(text: str, following: str, vocabulary: Counter[str]) -> tuple[str, str]:
    """``text`` (maybe without a line-end hyphen) and the separator before ``following``.

    A word split over two lines ("plan-" / "ning") is joined; a compound that
    happens to break at its hyphen ("on-" / "call") keeps it. The document's
    own words decide: the compound or the joined word written elsewhere, or
    both halves used as words of their own; then the :data:`COMPOUND_HEADS`
    list; joining is the default.
    """
    if not text:
        return text, ""
    if text.endswith("\u00ad"):
        return text[:-1], ""
    if text.endswith(("\u2014", "/")) and not text.endswith((" \u2014", " /")):
        return text, ""
    match = _TRAILING_HYPHEN.search(text)
    if match is None:
        if text.endswith(("-", "\u2010")) and not text.endswith((" -", "--")):
            return text, ""  # "15-" / "minute": a hyphen after a digit is never a split
        return text, "" if text.endswith(" ") else " "
    first = following[:1]
    if not (first.isalpha() and first.islower()):
        return text, ""  # "Covid-" / "19", "non-" / "English"
    head = match.group(1).lower()
    tail_match = _LEADING_WORD.match(following)
    tail = tail_match.group().lower() if tail_match else ""
    if vocabulary[f"{head}-{tail}"]:
        return text, ""
    if vocabulary[head + tail]:
        return text[:-1], ""
    # Both halves used as words elsewhere ("approval-" / "based"): a compound.
    # A split word leaves at least one half that is no word ("plan-" / "ning").
    # (The counts include this line's own halves, hence two.)
    if len(head) > 1 and len(tail) > 1 and vocabulary[head] >= 2 and vocabulary[tail] >= 2:
        return text, ""
    if head in COMPOUND_HEADS:
        return text, ""
    return text[:-1], ""


# ---------------------------------------------------------------------------
# The whole document


def assemble(pages: Sequence[PageText], builder: MemoBuilder) -> None:
    """Add the pages' running headers, blocks and tables to ``builder``."""
    mark_running(pages)
    stats = document_stats(pages)
    assembler = _Assembler(stats)
    for page in pages:
        tables = find_tables(page.lines, stats)
        starts = {region.lines[0]: region for region in tables}
        in_table = {index for region in tables for index in region.lines}
        notes_from = _footnote_start(page.lines, stats)
        for index, line in enumerate(page.lines):
            if line.role == "running":
                builder.add_aside("running_header", line.text, page=page.number)
            elif index in starts:
                assembler.table(starts[index])
            elif index in in_table or index >= notes_from:
                continue
            else:
                assembler.feed(line)
        notes = [
            line
            for index, line in enumerate(page.lines)
            if index >= notes_from and line.role == "body" and index not in in_table
        ]
        if notes:
            assembler.footnotes(notes)
    assembler.close()
    _emit(assembler.items, builder, stats)


def _footnote_start(lines: Sequence[Line], stats: Stats) -> int:
    """Index of the first footnote line: small print below the page's last body-size line."""
    last_body = -1
    for index, line in enumerate(lines):
        if line.role == "body" and line.size > stats.body_size - 1.5:
            last_body = index
    if last_body < 0:
        return len(lines)
    start = last_body + 1
    tail = [line for line in lines[start:] if line.role == "body"]
    if not tail or not re.match(r"^(?:\d{1,3}|[*†‡])", tail[0].text):
        return len(lines)
    return start


def _emit(items: list[_Block | _TableItem], builder: MemoBuilder, stats: Stats) -> None:
    headings = [item for item in items if isinstance(item, _Block) and item.kind == "heading"]
    title = _title(items, headings, stats)
    styles = sorted(
        {(round(block.size * 2) / 2, block.bold) for block in headings if block is not title},
        key=lambda style: (-style[0], not style[1]),
    )
    levels = {style: min(rank, 6) for rank, style in enumerate(styles, start=1)}
    depths = _depth_levels(stats.marker_xs)
    for item in items:
        if isinstance(item, _TableItem):
            builder.add_table(item.rows, page=item.page, line=item.line)
        elif item is title:
            builder.add("title", item.text, segments=item.segments, page=item.page)
        elif item.kind == "heading":
            level = levels[(round(item.size * 2) / 2, item.bold)]
            builder.add("heading", item.text, segments=item.segments, page=item.page, level=level)
        elif item.kind == "list_item":
            depth = _depth(depths, item.marker_x)
            builder.add("list_item", item.text, segments=item.segments, page=item.page, depth=depth)
        else:
            builder.add(item.kind, item.text, segments=item.segments, page=item.page)


def _title(items: list[_Block | _TableItem], headings: list[_Block], stats: Stats) -> _Block | None:
    first = next((item for item in items if isinstance(item, _Block)), None)
    if first is None or first.kind != "heading" or first.page != 1:
        return None
    others = [block.size for block in headings if block is not first]
    if first.size < stats.body_size + 1.0:
        return None
    if others and first.size < max(others) + 1.0:
        return None
    return first


def _depth_levels(xs: list[float]) -> list[float]:
    levels: list[float] = []
    for x in sorted(xs):
        if not levels or x - levels[-1] > 4.0:
            levels.append(x)
    return levels


def _depth(levels: list[float], x: float) -> int:
    depth = 0
    for number, level in enumerate(levels):
        if x >= level - 4.0:
            depth = number
    return depth
