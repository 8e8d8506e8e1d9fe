"""Plain-text memos: paragraphs by blank lines, headings and lists by layout.

Plain text has no markup, so structure comes from the conventions people
type: a short line with no closing punctuation standing alone is a heading,
``1.2 Rollout`` is a numbered section heading, ``- `` / ``* `` / ``• `` /
``1. `` open list items. Lines of one paragraph are joined with a space, and
every line keeps a :class:`~memolint.model.Segment`, so a finding still
reports the exact line and column it came from.
"""

from __future__ import annotations

import re

from memolint.ingest.builder import MemoBuilder
from memolint.model import Memo, Segment

_BULLET = re.compile(r"^(\s*)([-*+•◦▪‣–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+(?=\S)")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-Z]")
_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
#: A separator line (``---``, ``***``, ``___``, ``* * *``) divides sections; it is not prose.
_RULE = re.compile(r"^\s*([-=*_~#])(?:\s*\1){2,}\s*$")
#: ``2.1 Rollout``: multi-level numbering is a section heading even with text right below it.
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S")
_HEADING_MAX_WORDS = 10


def read_text(text: str, source: str) -> Memo:
    builder = MemoBuilder(source, "text")
    # Callers with str input may not have normalised line endings; an editor
    # counts "\r\n" and a lone "\r" as one line break each, and so do we.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    group: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            group.append((number, line))
        else:
            _emit_group(builder, group, is_first=builder.is_empty)
            group = []
    _emit_group(builder, group, is_first=builder.is_empty)
    return builder.build()


def _emit_group(builder: MemoBuilder, group: list[tuple[int, str]], *, is_first: bool) -> None:
    """One blank-line-separated group: a heading, a list, or a paragraph."""
    if not group:
        return
    if all(_RULE.match(line) for _, line in group):
        return
    if len(group) >= 2 and _UNDERLINE.match(group[1][1]) and not _BULLET.match(group[0][1]):
        number, line = group[0]
        level = 1 if group[1][1].strip().startswith("=") else 2
        kind = "title" if is_first and level == 1 else "heading"
        _add_line_block(builder, kind, number, line, level=level)
        _emit_group(builder, group[2:], is_first=False)
        return
    first = group[0][1].strip()
    if (
        len(group) >= 2
        and _SECTION_NUMBER.match(first)
        and _NUMBERED_HEADING.match(first)
        and _looks_like_heading(first)
    ):
        _emit_group(builder, group[:1], is_first=is_first)
        _emit_group(builder, group[1:], is_first=False)
        return
    if len(group) == 1 and _looks_like_heading(group[0][1]):
        number, line = group[0]
        numbered = _NUMBERED_HEADING.match(line.strip())
        if numbered:
            level = numbered.group(1).count(".") + 1
        else:
            level = 1 if is_first else 2
        kind = "title" if is_first and not numbered else "heading"
        _add_line_block(builder, kind, number, line, level=level)
        return
    items: list[list[tuple[int, str]]] = []
    prose: list[tuple[int, str]] = []
    for number, line in group:
        if _BULLET.match(line):
            if prose:
                _add_paragraph(builder, "paragraph", prose)
                prose = []
            items.append([(number, line)])
        elif items and line[:1].isspace():
            items[-1].append((number, line))  # continuation of the last item
        else:
            for item in items:
                _add_list_item(builder, item)
            items = []
            prose.append((number, line))
    for item in items:
        _add_list_item(builder, item)
    if prose:
        _add_paragraph(builder, "paragraph", prose)


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    if _NUMBERED_HEADING.match(stripped) and len(stripped.split()) <= _HEADING_MAX_WORDS + 1:
        return not stripped.endswith((".", ",", ";"))
    if _BULLET.match(line):
        return False
    words = stripped.split()
    return (
        0 < len(words) <= _HEADING_MAX_WORDS
        and not stripped.endswith((".", ",", ";", "?", "!", '"', "”"))
        and stripped[:1].isupper() | stripped[:1].isdigit()
    )


def _add_line_block(builder: MemoBuilder, kind: str, number: int, line: str, **extra) -> None:
    stripped = line.strip()
    column = line.index(stripped[0]) + 1
    builder.add(kind, stripped, segments=[Segment(0, number, column)], **extra)


def _add_list_item(builder: MemoBuilder, item: list[tuple[int, str]]) -> None:
    number, first = item[0]
    match = _BULLET.match(first)
    assert match is not None
    depth = len(match.group(1).expandtabs(4)) // 2
    body = first[match.end() :]
    parts = [(number, match.end() + 1, body.rstrip())]
    for cont_number, cont_line in item[1:]:
        stripped = cont_line.strip()
        parts.append((cont_number, cont_line.index(stripped[0]) + 1, stripped))
    _add_joined(builder, "list_item", parts, depth=depth)


def _add_paragraph(builder: MemoBuilder, kind: str, group: list[tuple[int, str]]) -> None:
    parts = []
    for number, line in group:
        stripped = line.strip()
        parts.append((number, line.index(stripped[0]) + 1, stripped))
    _add_joined(builder, kind, parts)


def _add_joined(builder: MemoBuilder, kind: str, parts, **extra) -> None:
    """Join source lines with spaces, keeping a segment per line."""
    text = ""
    segments = []
    for number, column, content in parts:
        if text:
            text += " "
        segments.append(Segment(len(text), number, column))
        text += content
    builder.add(kind, text, segments=segments, **extra)
