"""The Memo model: what every reader produces and every rule reads.

A memo is an ordered list of text-bearing :class:`Block` objects plus the
memo's full text (``Memo.text``), which is the blocks' texts joined by blank
lines. Each block knows its character span in that text and carries
:class:`Segment` records that map offsets inside the block back to where the
characters came from (page and visual line for PDF, source line and column
for Markdown and text, paragraph index for DOCX). ``Memo.locate(start, end)``
turns any character span into a full :class:`Location`, so rules only ever
deal in offsets and never in formats.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["title", "heading", "paragraph", "list_item", "table_cell", "footnote", "code"]
#: Block kinds that are kept apart from the body and not linted by default.
AsideKind = Literal["header", "footer", "comment", "running_header"]

#: The separator between blocks in ``Memo.text``. Two newlines keep sentence
#: segmentation from ever running across a block boundary.
BLOCK_SEPARATOR = "\n\n"
#: A typeset page of a memo holds about this many words (for text and Markdown).
WORDS_PER_PAGE = 500


@dataclass(frozen=True, slots=True)
class Location:
    """Where a span of text sits in the source document.

    Every field but ``start``/``end`` is optional because formats differ: a PDF
    has pages and visual lines, a DOCX has paragraphs and table cells, Markdown
    and text have lines and columns. Lines, columns, pages, paragraphs and
    table rows/columns are 1-based; ``start``/``end`` are 0-based character
    offsets into ``Report.text`` (``end`` exclusive).
    """

    start: int
    end: int
    block: str | None = None
    page: int | None = None
    paragraph: int | None = None
    heading_path: tuple[str, ...] = ()
    table: tuple[int, int] | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "block": self.block,
            "page": self.page,
            "paragraph": self.paragraph,
            "heading_path": list(self.heading_path),
            "table": list(self.table) if self.table else None,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, slots=True)
class Segment:
    """Maps block text from ``offset`` onward to a source position.

    Characters at ``offset``, ``offset + 1``, ... of the block's text came from
    ``line`` at ``column``, ``column + 1``, ... (on ``page`` for paged
    formats) until the next segment begins. A reader adds one segment per
    source line it copies into the block.
    """

    offset: int
    line: int | None = None
    column: int | None = None
    page: int | None = None


@dataclass(slots=True)
class Block:
    """One text-bearing unit of the memo, in reading order.

    ``level`` is the heading level (1 = top) for headings; ``depth`` the
    nesting depth (0 = top) for list items; ``table`` the (row, col) of a
    table cell and ``table_index`` which table it belongs to.
    """

    kind: str
    text: str
    page: int | None = None
    paragraph: int | None = None
    level: int | None = None
    depth: int | None = None
    table_index: int | None = None
    table: tuple[int, int] | None = None
    heading_path: tuple[str, ...] = ()
    segments: list[Segment] = field(default_factory=list)
    lint: bool = True
    start: int = 0
    end: int = 0

    def position(self, offset_in_block: int) -> tuple[int | None, int | None, int | None]:
        """(page, line, column) of the character at ``offset_in_block``."""
        if not self.segments:
            return self.page, None, None
        offsets = [segment.offset for segment in self.segments]
        index = max(bisect.bisect_right(offsets, offset_in_block) - 1, 0)
        segment = self.segments[index]
        page = segment.page if segment.page is not None else self.page
        if segment.line is None:
            return page, None, None
        column = (segment.column or 1) + max(offset_in_block - segment.offset, 0)
        return page, segment.line, column


@dataclass(slots=True)
class Table:
    """A table as a grid of the memo's ``table_cell`` blocks.

    ``rows[r][c]`` is the index into ``Memo.blocks`` of the cell, or ``None``
    where a merged cell already covers that grid position (a merged cell is one
    block, reported once).
    """

    index: int
    rows: list[list[int | None]]
    page: int | None = None
    line: int | None = None

    def cell_texts(self, memo: Memo) -> list[list[str]]:
        return [
            [memo.blocks[cell].text if cell is not None else "" for cell in row]
            for row in self.rows
        ]


@dataclass(slots=True)
class Memo:
    """A parsed memo: blocks in order, their joined text, tables and asides."""

    source: str
    format: str
    blocks: list[Block]
    text: str
    tables: list[Table] = field(default_factory=list)
    asides: list[Block] = field(default_factory=list)
    pages: int | None = None
    diagnostics: list[str] = field(default_factory=list)
    #: Inline ``memolint: disable=...`` comments (Markdown and text only).
    suppressions: list[Any] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def lintable_blocks(self) -> Iterator[Block]:
        return (block for block in self.blocks if block.lint)

    def block_at(self, offset: int) -> Block | None:
        """The block whose span contains ``offset`` (or ends at it)."""
        if not self.blocks:
            return None
        if not self._starts:
            self._starts = [block.start for block in self.blocks]
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        return self.blocks[index]

    def locate(self, start: int, end: int | None = None) -> Location:
        """The :class:`Location` of the span ``[start, end)`` of ``self.text``."""
        end = start if end is None else end
        block = self.block_at(start)
        if block is None:
            return Location(start=start, end=end)
        page, line, column = block.position(start - block.start)
        last = max(min(end, block.end) - 1, start)
        _, end_line, end_column = block.position(last - block.start)
        if end_column is not None and end > start:
            end_column += 1  # exclusive end, as SARIF and editors expect
        return Location(
            start=start,
            end=end,
            block=block.kind,
            page=page,
            paragraph=block.paragraph,
            heading_path=block.heading_path,
            table=block.table,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        )

    def block_location(self, block: Block) -> Location:
        return self.locate(block.start, block.end)
