"""What every rule kind produces: matches, before context filtering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Match:
    """A span a rule matched: character offsets within a block's text.

    For document-level kinds, ``start``/``end`` are offsets into the memo's
    full text and ``absolute`` is true. ``values`` fill ``{placeholders}`` in
    the rule's message; ``check_context`` false skips negation/mention checks
    (for matches that are not phrases, such as a table or a page count).
    """

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)
    absolute: bool = False
    check_context: bool = True
