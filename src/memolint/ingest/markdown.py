"""Markdown memos: CommonMark plus GFM tables, strikethrough, footnotes and front matter.

A finding must point at the word in the author's file, but a block's text is
the *rendered* plain text (no ``**``, no link URLs), so the two differ. The
parser only records line ranges for blocks, not positions for inline tokens.
This reader therefore rebuilds positions itself: it maps each line of a
block's inline source to its source line and column, then walks the inline
tokens in order, stepping over the markup each one stands for (delimiters,
link destinations, HTML tags, backticks) and recording a
:class:`~memolint.model.Segment` wherever the next visible character is not
the one right after the previous one in the file.

What is read and what is not:

* front matter, fenced and indented code blocks, HTML blocks and inline HTML
  are left out: they are not prose, and a ``sign-off`` inside a code sample is
  not an approval gate;
* inline code spans keep their content in the block text, because dropping it
  would leave sentences with holes ("run  before deploying") that the
  language pipeline parses worse than the code word itself;
* block quotes become ordinary paragraphs (quoted material is recognised
  later, by mention awareness in the rules);
* footnote definitions become ``footnote`` blocks, after the body, where the
  parser puts them; footnote references (``[^1]``) are dropped from the text;
* images contribute their alt text, links their link text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from memolint.ingest.builder import CellInput, MemoBuilder
from memolint.model import Memo, Segment

__all__ = ["read_markdown"]

#: What may stand before a table row's first pipe: block quote and list markers.
_ROW_PREFIX = re.compile(r"^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t>]*)?$")
_DELIMITERS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
        .use(front_matter_plugin)
    )
    # Escapes and entities stay separate ``text_special`` tokens, which still
    # carry their source spelling (``\*``, ``&amp;``); once joined into the
    # surrounding text the source spelling is lost and positions drift.
    md.disable("text_join")
    return md


def read_markdown(text: str, source: str) -> Memo:
    """Read a Markdown memo into a :class:`~memolint.model.Memo`.

    >>> memo = read_markdown("# Plan\\n\\nWe ship **Friday**.\\n", "<text>")
    >>> [(block.kind, block.text) for block in memo.blocks]
    [('title', 'Plan'), ('paragraph', 'We ship Friday.')]
    >>> memo.locate(memo.text.index("Friday")).column
    11
    """
    # The parser normalises line endings the same way; doing it first keeps
    # our line numbers identical to the parser's (and an editor's).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    builder = MemoBuilder(source, "markdown")
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    _Walker(builder, text.split("\n"), env.get("references", {})).walk(tokens)
    return builder.build()


# --------------------------------------------------------------------------
# Plain text with positions


class _Text:
    """Plain text under construction, with the segments that locate it."""

    __slots__ = ("_next", "length", "parts", "segments")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0
        self._next: tuple[int | None, int | None] | None = None

    def add(self, piece: str, line: int | None, column: int | None) -> None:
        """Append ``piece``, whose first character sits at ``line``:``column``."""
        if not piece:
            return
        if line is None:
            if self._next is not None and self._next[0] is None:
                pass  # still unlocated; the open segment covers it
            else:
                self.segments.append(Segment(self.length, None, None))
            self._next = (None, None)
        else:
            assert column is not None
            if self._next != (line, column):
                self.segments.append(Segment(self.length, line, column))
            self._next = (line, column + len(piece))
        self.parts.append(piece)
        self.length += len(piece)

    def separate(self) -> None:
        """A space between two paragraphs joined into one block."""
        if self.length and not self.parts[-1].endswith(" "):
            line, column = self._next if self._next else (None, None)
            self.add(" ", line, column)

    def finish(self) -> tuple[str, list[Segment]]:
        """The text without surrounding whitespace, segments shifted to match."""
        text = "".join(self.parts)
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not lead:
            return text, [s for s in self.segments if s.offset < len(text) or s.offset == 0]
        segments: list[Segment] = []
        for index, segment in enumerate(self.segments):
            following = self.segments[index + 1].offset if index + 1 < len(self.segments) else None
            if following is not None and following <= lead:
                continue  # wholly inside the stripped whitespace
            if segment.offset < lead:
                shift = lead - segment.offset
                column = segment.column + shift if segment.column is not None else None
                segments.append(Segment(0, segment.line, column, segment.page))
            elif segment.offset - lead < len(text):
                segments.append(
                    Segment(segment.offset - lead, segment.line, segment.column, segment.page)
                )
        return text, segments


@dataclass(slots=True)
class _InlineSource:
    """An inline token's source string and where its characters sit in the file.

    From ``starts[i]`` on, characters of ``content`` run contiguously from
    1-based source line ``lines[i]`` and 0-based column ``columns[i]``, until
    the next start. There is at least one start per line of ``content``.
    """

    content: str
    starts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)

    def run_end(self, offset: int, limit: int) -> int:
        """End of the run from ``offset`` (before ``limit``) that is contiguous in the file.

        A run ends after a newline or where the next located piece begins.
        """
        newline = self.content.find("\n", offset, limit)
        end = limit if newline < 0 else newline + 1
        following = bisect.bisect_right(self.starts, offset)
        if following < len(self.starts):
            end = min(end, max(self.starts[following], offset + 1))
        return end

    def slice(self, start: int, end: int) -> _InlineSource:
        """The located source of ``content[start:end]``."""
        part = _InlineSource(self.content[start:end])
        for index, first in enumerate(self.starts):
            last = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.content)
            begin = max(first, start)
            if begin < min(last, end) or (begin == start == end):
                part.starts.append(begin - start)
                part.lines.append(self.lines[index])
                part.columns.append(self.columns[index] + begin - first)
        return part

    def position(self, offset: int) -> tuple[int | None, int | None]:
        if not self.starts:
            return None, None
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        column = self.columns[index] + offset - self.starts[index]
        return self.lines[index], max(column, 0) + 1


def _inline_source(
    content: str, first_line: int | None, source_lines: Sequence[str], hint: int = 0
) -> _InlineSource:
    """Locate each line of ``content`` (0-based ``first_line`` onward) in the file."""
    located = _InlineSource(content)
    if first_line is None:
        return located
    offset = 0
    for index, piece in enumerate(content.split("\n")):
        number = first_line + index
        line = source_lines[number] if number < len(source_lines) else ""
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        column = _find_in_line(line, stripped, hint if index == 0 else 0)
        located.starts.append(offset)
        located.lines.append(number + 1)
        located.columns.append(max(column - lead, 0))
        if lead:
            # Leading whitespace may stand for part of a tab the container
            # consumed, so it need not match the file column for column; the
            # text after it does.
            located.starts.append(offset + lead)
            located.lines.append(number + 1)
            located.columns.append(column)
        offset += len(piece) + 1
    return located


def _find_in_line(line: str, stripped: str, start: int) -> int:
    """0-based column where ``stripped`` (a line of inline source) begins in ``line``.

    The parser removes container markers (``>``, list bullets, indentation)
    from the front of a line and nothing from its end except whitespace and an
    ATX heading's closing ``#``s, so the line's tail is tried first: searching
    from the left could land inside a marker (``> > text``).
    """
    if stripped:
        tail = line.rstrip()
        if tail.endswith(stripped) and len(tail) - len(stripped) >= min(start, len(line)):
            return len(tail) - len(stripped)
        found = line.find(stripped, start)
        if found >= 0:
            return found
    return len(line) - len(line.lstrip())


class _InlineRenderer:
    """Turns one inline token's children into plain text with positions."""

    def __init__(
        self,
        source: _InlineSource,
        out: _Text,
        references: Mapping[str, Any],
        notes: dict[int, _InlineSource],
    ) -> None:
        self.source = source
        self.references = references
        self.notes = notes
        self.content = source.content
        self.out = out

    def emit(self, offset: int, piece: str) -> None:
        """Emit ``piece``, which corresponds character for character to
        ``content[offset:offset + len(piece)]`` (newlines there, spaces here)."""
        position = 0
        while position < len(piece):
            end = self.source.run_end(offset + position, offset + len(piece)) - offset
            self.out.add(piece[position:end], *self.source.position(offset + position))
            position = end

    def skip(self, markup: str, cursor: int) -> int:
        """Step over ``markup`` at (or, failing that, after) ``cursor``."""
        if not markup:
            return cursor
        if self.content.startswith(markup, cursor):
            return cursor + len(markup)
        found = self.content.find(markup, cursor)
        return found + len(markup) if found >= 0 else cursor

    def literal(self, piece: str, cursor: int) -> int:
        found = self.content.find(piece, cursor)
        if found < 0:
            # Text the parser rewrote (an autolink's decoded URL, an escaped
            # table pipe): pin it to where it must start, and move on.
            self.out.add(piece, *self.source.position(cursor))
            return cursor
        self.emit(found, piece)
        return found + len(piece)

    def render(self, children: Sequence[Token], cursor: int = 0) -> int:
        in_autolink = False
        for token in children:
            kind = token.type
            if kind == "text":
                if in_autolink and not self.content.startswith(token.content, cursor):
                    self.out.add(token.content, *self.source.position(cursor))
                else:
                    cursor = self.literal(token.content, cursor)
            elif kind == "text_special":
                found = self.content.find(token.markup, cursor) if token.markup else -1
                start = found if found >= 0 else cursor
                if found >= 0 and token.info == "escape":
                    start += len(token.markup) - len(token.content)  # the char, not the backslash
                self.out.add(token.content, *self.source.position(start))
                if found >= 0:
                    cursor = found + len(token.markup)
            elif kind in ("softbreak", "hardbreak"):
                newline = self.content.find("\n", cursor)
                if newline >= 0:
                    self.emit(newline, " ")
                    cursor = newline + 1
                else:
                    self.out.add(" ", *self.source.position(cursor))
            elif kind == "code_inline":
                cursor = self.code(token, cursor)
            elif kind in _DELIMITERS:
                cursor = self.skip(token.markup, cursor)
            elif kind == "link_open":
                in_autolink = token.markup in ("autolink", "linkify")
                cursor = self.skip("<" if in_autolink else "[", cursor)
            elif kind == "link_close":
                if in_autolink:
                    cursor = self.skip(">", cursor)
                    in_autolink = False
                else:
                    cursor = self.link_end(self.skip("]", cursor) - 1)
            elif kind == "image":
                cursor = self.render(token.children or [], self.skip("![", cursor))
                cursor = self.link_end(self.skip("]", cursor) - 1)
            elif kind == "html_inline":
                cursor = self.skip(token.content, cursor)
            elif kind == "footnote_ref":
                cursor = self.footnote_ref(token, cursor)
            # Anything else (footnote anchors, plugin tokens) carries no prose.
        return cursor

    def code(self, token: Token, cursor: int) -> int:
        """A code span: its content is kept, located past the opening backticks."""
        fence = token.markup or "`"
        start = self.content.find(fence, cursor)
        if start < 0:
            self.out.add(token.content, *self.source.position(cursor))
            return cursor
        body = start + len(fence)
        # The parser turns newlines into spaces and may strip one space from
        # each end; both keep the raw text's length, give or take those two.
        raw = self.content[body : body + len(token.content)].replace("\n", " ")
        lead = 0 if raw == token.content else 1
        self.emit(body + lead, token.content)
        return body + lead * 2 + len(token.content) + len(fence)

    def footnote_ref(self, token: Token, cursor: int) -> int:
        """Step over ``[^label]``, or over ``^[text]`` and remember where its text is.

        An inline footnote's text is rendered later, in the footnote block,
        where the parser gives it no line; the position noted here lets that
        footnote point back into this paragraph.
        """
        if token.meta.get("label") is not None:
            start = self.content.find("[^", cursor)
            end = self.content.find("]", start + 2) if start >= 0 else -1
            return end + 1 if end >= 0 else cursor
        start = self.content.find("^[", cursor)
        end = self.label_end(start + 1) if start >= 0 else -1
        if end < 0:
            return cursor
        self.notes[token.meta.get("id", -1)] = self.source.slice(start + 2, end)
        return end + 1

    def label_end(self, opening: int) -> int:
        """Offset of the ``]`` closing the ``[`` at ``opening``, or -1.

        The parser's own label scan, because brackets inside code spans and
        links do not count and only the parser knows where those are.
        """
        state = StateInline(self.content, _parser(), {"references": dict(self.references)}, [])
        return parseLinkLabel(state, opening)

    def link_end(self, close: int) -> int:
        return _link_end(self.content, close, self.references)


def _link_end(content: str, close: int, references: Mapping[str, Any]) -> int:
    """Offset just past a link's destination, given the offset of its label's ``]``.

    Mirrors the parser's own link rule: ``(dest "title")`` for inline links,
    ``[ref]`` or ``[]`` for reference links, nothing for shortcut links. A
    ``[...]`` after the label only belongs to the link when it names a defined
    reference; otherwise the parser read a shortcut link and the brackets are text.
    """
    if close < 0 or close >= len(content):
        return max(close, 0)
    pos = close + 1
    end = len(content)
    if pos < end and content[pos] == "(":
        cursor = _skip_space(content, pos + 1)
        destination = parseLinkDestination(content, cursor, end)
        if destination.ok:
            cursor = destination.pos
        before_title = cursor
        cursor = _skip_space(content, cursor)
        if cursor != before_title and cursor < end:
            title = parseLinkTitle(content, cursor, end)
            if title.ok:
                cursor = _skip_space(content, title.pos)
        if cursor < end and content[cursor] == ")":
            return cursor + 1
    if pos < end and content[pos] == "[":
        label_end = _label_end(content, pos + 1)
        if label_end >= 0:
            label = content[pos + 1 : label_end]
            if not label.strip() or normalizeReference(label) in references:
                return label_end + 1
    return pos


def _label_end(content: str, pos: int) -> int:
    """Offset of the ``]`` closing a reference label, or -1 (labels hold no bare ``[``)."""
    while pos < len(content):
        char = content[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            return -1
        if char == "]":
            return pos
        pos += 1
    return -1


def _skip_space(content: str, pos: int) -> int:
    while pos < len(content) and content[pos] in " \t\n":
        pos += 1
    return pos


# --------------------------------------------------------------------------
# Blocks


@dataclass(slots=True)
class _Item:
    """An open list item; paragraphs accumulate until something nested begins."""

    depth: int
    quotes: int
    text: _Text = field(default_factory=_Text)


class _Walker:
    """Walks the block tokens once, in order, telling the builder what it sees."""

    def __init__(
        self, builder: MemoBuilder, source_lines: list[str], references: Mapping[str, Any]
    ) -> None:
        self.builder = builder
        self.references = references
        self.lines = source_lines
        self.lists = 0
        self.items: list[_Item] = []
        self.quotes = 0
        self.footnote: _Text | None = None
        self.table: list[list[CellInput | None]] | None = None
        self.table_line: int | None = None
        self.row: list[CellInput | None] | None = None
        self.row_line: int | None = None
        self.row_columns: list[list[tuple[str, int]]] = []
        self.notes: dict[int, _InlineSource] = {}
        self.note_id: int | None = None

    def walk(self, tokens: Sequence[Token]) -> None:
        index = 0
        count = len(tokens)
        while index < count:
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                self.flush_item()
                inline = tokens[index + 1]
                self.heading(token, inline)
                index += 3
                continue
            if kind == "inline":
                self.inline(token)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.flush_item()
                self.lists += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists = max(self.lists - 1, 0)
            elif kind == "list_item_open":
                self.items.append(_Item(depth=max(self.lists - 1, 0), quotes=self.quotes))
            elif kind == "list_item_close":
                self.flush_item()
                if self.items:  # footnotes are moved to the end, so nesting can be uneven
                    self.items.pop()
            elif kind == "blockquote_open":
                self.flush_item()
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes = max(self.quotes - 1, 0)
            elif kind == "footnote_open":
                self.flush_item()
                self.footnote = _Text()
                self.note_id = token.meta.get("id")
            elif kind == "footnote_close":
                if self.footnote is not None:
                    self.add("footnote", self.footnote)
                self.footnote = None
            elif kind == "table_open":
                self.flush_item()
                self.table = []
                self.table_line = token.map[0] + 1 if token.map else None
            elif kind == "tr_open":
                self.row = []
                self.row_line = token.map[0] if token.map else None
                line = self.row_line
                self.row_columns = (
                    _split_row(self.lines[line])
                    if line is not None and line < len(self.lines)
                    else []
                )
            elif kind == "tr_close":
                if self.table is not None and self.row is not None:
                    self.table.append(self.row)
                self.row = None
            elif kind == "table_close":
                if self.table is not None:
                    self.builder.add_table(self.table, line=self.table_line)
                self.table = None
            # Code, HTML blocks, front matter and rules carry no prose to lint.
            index += 1

    def add(self, kind: str, text: _Text, **extra: int | None) -> None:
        plain, segments = text.finish()
        self.builder.add(kind, plain, segments=segments, **extra)  # type: ignore[arg-type]

    def flush_item(self) -> None:
        if self.items and self.items[-1].text.length:
            item = self.items[-1]
            self.add("list_item", item.text, depth=item.depth)
            item.text = _Text()

    def heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        hint = 0
        if token.markup.startswith("#") and token.map:
            # Container markers (``>``, bullets) never contain ``#``, so the
            # first ``#`` opens the heading; its content starts after the run.
            line = self.lines[token.map[0]]
            hint = max(line.find("#"), 0)
            while hint < len(line) and line[hint] == "#":
                hint += 1
        # A heading inside a footnote or quoted material does not structure the memo.
        if self.footnote is not None:
            self.footnote.separate()
            self.render(inline, self.footnote, hint=hint)
            return
        text = _Text()
        self.render(inline, text, hint=hint)
        if self.quotes:
            self.add("paragraph", text)
            return
        if level == 1 and self.builder.is_empty:
            self.add("title", text, level=1)
        else:
            self.add("heading", text, level=level)

    def inline(self, token: Token) -> None:
        if self.row is not None:
            self.cell(token)
        elif self.footnote is not None:
            self.footnote.separate()
            self.render(token, self.footnote)
        elif self.items and self.items[-1].quotes == self.quotes:
            self.items[-1].text.separate()
            self.render(token, self.items[-1].text)
        else:
            text = _Text()
            self.render(token, text)
            self.add("paragraph", text)

    def cell(self, token: Token) -> None:
        assert self.row is not None
        content = token.content
        text = _Text()
        column = self.row_columns[len(self.row)] if len(self.row) < len(self.row_columns) else []
        source = _cell_source(content, column, (self.row_line or 0) + 1)
        _InlineRenderer(source, text, self.references, self.notes).render(token.children or [])
        plain, segments = text.finish()
        self.row.append(CellInput(plain, segments=segments))

    def render(self, token: Token, out: _Text, hint: int = 0) -> None:
        first = token.map[0] if token.map else None
        source = _inline_source(token.content, first, self.lines, hint)
        if first is None and self.footnote is not None and self.note_id in self.notes:
            noted = self.notes[self.note_id]
            if noted.content == token.content:
                source = noted
        _InlineRenderer(source, out, self.references, self.notes).render(token.children or [])


def _split_row(line: str) -> list[list[tuple[str, int]]]:
    """A table row's cells as (character, 0-based source column) lists.

    Splits on unescaped pipes and drops ``\\`` before an escaped pipe, exactly
    as the parser's table rule does, so a cell's characters line up with the
    parser's cell content while keeping their columns. A leading column that
    holds only a container prefix (``>``, indentation, a list bullet) and the
    empty column after a trailing pipe are dropped, as the parser drops them.
    """
    columns: list[list[tuple[str, int]]] = [[]]
    escaped = False
    for column, char in enumerate(line):
        if char == "|":
            if escaped:
                columns[-1].pop()  # the backslash
                columns[-1].append((char, column))
            else:
                columns.append([])
        else:
            columns[-1].append((char, column))
        escaped = char == "\\"
    if len(columns) > 1 and not "".join(char for char, _ in columns[-1]).strip():
        columns.pop()
    if len(columns) > 1 and _ROW_PREFIX.match("".join(char for char, _ in columns[0])):
        columns.pop(0)
    return columns


def _cell_source(content: str, column: list[tuple[str, int]], line: int) -> _InlineSource:
    """Where each character of a cell's inline source sits on its row's line."""
    located = _InlineSource(content)
    raw = "".join(char for char, _ in column).rstrip(" \t")
    start = len(raw) - len(content)
    if not content or start < 0 or not raw.endswith(content):
        if column:
            located.starts.append(0)
            located.lines.append(line)
            located.columns.append(column[0][1])
        return located
    previous = None
    for offset in range(len(content)):
        source_column = column[start + offset][1]
        if previous is None or source_column != previous + 1:
            located.starts.append(offset)
            located.lines.append(line)
            located.columns.append(source_column)
        previous = source_column
    return located
