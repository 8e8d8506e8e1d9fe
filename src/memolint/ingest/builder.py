"""MemoBuilder: the one place that turns a reader's blocks into a Memo.

Readers only say what they saw, in order ("a heading of level 2 on line 7",
"a table with these cells"); the builder drops empty blocks, works out each
block's heading path, joins the texts into ``Memo.text`` and records every
block's character span. Keeping this out of the readers means offsets and
heading paths are computed the same way for every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from memolint.model import BLOCK_SEPARATOR, Block, Memo, Segment, Table


@dataclass(slots=True)
class CellInput:
    """A table cell as a reader sees it; ``col_span`` > 1 for merged cells."""

    text: str
    segments: list[Segment] | None = None
    col_span: int = 1
    row_span: int = 1
    page: int | None = None
    paragraph: int | None = None


class MemoBuilder:
    """Collects blocks in reading order and builds the :class:`Memo`."""

    def __init__(self, source: str, format: str) -> None:
        self.source = source
        self.format = format
        self._blocks: list[Block] = []
        self._tables: list[tuple[list[list[int | None]], int | None, int | None]] = []
        self._asides: list[Block] = []
        self.diagnostics: list[str] = []
        self.pages: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self._blocks

    def add(
        self,
        kind: str,
        text: str,
        *,
        segments: Sequence[Segment] | None = None,
        page: int | None = None,
        paragraph: int | None = None,
        level: int | None = None,
        depth: int | None = None,
        lint: bool = True,
    ) -> Block | None:
        """Add one block; blank text is dropped (and ``None`` returned)."""
        if not text.strip():
            return None
        block = Block(
            kind=kind,
            text=text,
            page=page,
            paragraph=paragraph,
            level=level,
            depth=depth,
            segments=list(segments or []),
            lint=lint,
        )
        self._blocks.append(block)
        return block

    def add_aside(self, kind: str, text: str, *, page: int | None = None) -> None:
        """Headers, footers, comments: kept on the memo, never linted by default."""
        if text.strip():
            self._asides.append(Block(kind=kind, text=text, page=page, lint=False))

    def add_table(
        self,
        rows: Sequence[Sequence[CellInput | None]],
        *,
        page: int | None = None,
        line: int | None = None,
    ) -> None:
        """Add a table; ``None`` marks a grid position a merged cell already covers.

        Cells are added as ``table_cell`` blocks in row-major order; empty cells
        keep their grid position but produce no block.
        """
        table_index = len(self._tables)
        grid: list[list[int | None]] = []
        for row_number, row in enumerate(rows, start=1):
            grid_row: list[int | None] = []
            for col_number, cell in enumerate(row, start=1):
                if cell is None or not cell.text.strip():
                    grid_row.append(None)
                    continue
                block = self.add(
                    "table_cell",
                    cell.text,
                    segments=cell.segments,
                    page=cell.page if cell.page is not None else page,
                    paragraph=cell.paragraph,
                )
                assert block is not None
                block.table_index = table_index
                block.table = (row_number, col_number)
                grid_row.append(len(self._blocks) - 1)
            grid.append(grid_row)
        self._tables.append((grid, page, line))

    def build(self) -> Memo:
        parts: list[str] = []
        offset = 0
        headings: list[tuple[int, str]] = []
        for block in self._blocks:
            if block.kind == "heading":
                level = block.level or 1
                headings = [(lvl, title) for lvl, title in headings if lvl < level]
                block.heading_path = tuple(title for _, title in headings)
                headings.append((level, _one_line(block.text)))
            else:
                block.heading_path = tuple(title for _, title in headings)
            if parts:
                offset += len(BLOCK_SEPARATOR)
            block.start = offset
            block.end = offset + len(block.text)
            parts.append(block.text)
            offset = block.end
        tables = [
            Table(index=index, rows=grid, page=page, line=line)
            for index, (grid, page, line) in enumerate(self._tables)
        ]
        return Memo(
            source=self.source,
            format=self.format,
            blocks=self._blocks,
            text=BLOCK_SEPARATOR.join(parts),
            tables=tables,
            asides=self._asides,
            pages=self.pages,
            diagnostics=self.diagnostics,
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())
