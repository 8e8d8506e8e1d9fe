"""Inline suppression comments: ``<!-- memolint: disable=ML201 -->`` and friends.

Authors silence a rule where they mean it, in the memo itself, the way
``# noqa`` and ``<!-- vale off -->`` work. The comments are HTML comments in
Markdown and the same text in a plain-text memo, so they are read from the
raw source (readers drop HTML, so the memo's blocks no longer hold them) and
stated in source lines, which every Markdown and text block can be located by.

Three actions:

* ``disable`` (optionally ``=ML201,ML1``): from this line on;
* ``enable`` (optionally with codes): from this line on, undoing ``disable``;
* ``disable-next-line`` (optionally with codes): the next line with text
  after the comment (a blank line between them, usual around an HTML
  comment in Markdown, does not use it up).

Codes match by prefix, as ``select``/``ignore`` do: ``ML2`` covers ``ML201``.
No codes means every rule. Comments inside fenced code blocks are examples,
not instructions, and are ignored.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Suppression", "is_suppressed", "parse_suppressions"]

Action = Literal["disable", "enable", "disable-next-line"]

_COMMENT = re.compile(
    r"<!--\s*memolint\s*:\s*(?P<action>disable-next-line|disable|enable)\b"
    r"(?:\s*=\s*(?P<codes>[A-Za-z0-9_,\s]*?))?\s*-->",
    re.IGNORECASE,
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE = re.compile(r"[A-Za-z]+[0-9]*")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One suppression comment: its 1-based source line, action and codes.

    An empty ``codes`` tuple means every rule. ``target_line`` is the line a
    ``disable-next-line`` comment silences.
    """

    line: int
    action: Action
    codes: tuple[str, ...] = ()
    target_line: int | None = None

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.upper().startswith(prefix) for prefix in self.codes)


def parse_suppressions(text: str) -> list[Suppression]:
    """Find every suppression comment in raw Markdown or plain-text source.

    >>> parse_suppressions("Intro\\n<!-- memolint: disable-next-line=ML101 -->\\nSign-off.\\n")
    [Suppression(line=2, action='disable-next-line', codes=('ML101',), target_line=3)]
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "memolint" not in text:
        return []
    line_starts = [0]
    line_starts.extend(match.end() for match in re.finditer("\n", text))
    lines = text.split("\n")
    fenced = _fenced_lines(text)
    found: list[Suppression] = []
    for match in _COMMENT.finditer(text):
        line = bisect.bisect_right(line_starts, match.start())
        if line in fenced:
            continue
        action = match.group("action").lower()
        codes = tuple(code.upper() for code in _CODE.findall(match.group("codes") or ""))
        target = None
        if action == "disable-next-line":
            # Counted from the comment's last line: a comment may span lines.
            target = bisect.bisect_right(line_starts, match.end() - 1) + 1
            while target < len(lines) and not lines[target - 1].strip():
                target += 1
        found.append(Suppression(line, action, codes, target))  # type: ignore[arg-type]
    return found


def is_suppressed(suppressions: Iterable[Suppression], code: str, line: int) -> bool:
    """Whether a finding with ``code`` on source ``line`` is silenced.

    ``suppressions`` must be in source order, as :func:`parse_suppressions`
    returns them.

    >>> marks = parse_suppressions("<!-- memolint: disable=ML2 -->\\nx\\n<!-- memolint: enable -->")
    >>> is_suppressed(marks, "ML201", 2), is_suppressed(marks, "ML201", 3)
    (True, False)
    """
    silenced = False
    for mark in suppressions:
        if mark.action == "disable-next-line":
            if (mark.target_line or mark.line + 1) == line and mark.covers(code):
                return True
            continue
        if mark.line > line:
            break
        if mark.covers(code):
            silenced = mark.action == "disable"
    return silenced


def _fenced_lines(text: str) -> set[int]:
    """1-based numbers of lines inside (or opening/closing) fenced code blocks."""
    if "```" not in text and "~~~" not in text:
        return set()
    inside: set[int] = set()
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                inside.add(number)
            continue
        inside.add(number)
        if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            if not line.strip().strip(fence[0]):
                fence = None
    return inside
