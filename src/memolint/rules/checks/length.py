"""Length against the brief (ML401): 3–5 pages unless configured otherwise.

PDF and DOCX report their real page count (a DOCX's from its saved
statistics when present, else estimated); text and Markdown are estimated at
about 500 words a page, which is what a memo set in 11-point type holds.
"""

from __future__ import annotations

from collections.abc import Iterator

from memolint.model import WORDS_PER_PAGE
from memolint.parsed import ParsedMemo
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check


def page_count(parsed: ParsedMemo) -> tuple[float, bool]:
    """(pages, measured): measured is false when pages are estimated from words."""
    if parsed.memo.pages:
        return float(parsed.memo.pages), True
    words = sum(block.word_count() for block in parsed.blocks)
    return round(words / WORDS_PER_PAGE, 1), False


@check("page-count", level="document")
def length(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    minimum = float(options.get("min-pages", 3))
    maximum = float(options.get("max-pages", 5))
    pages, measured = page_count(parsed)
    if minimum <= pages <= maximum:
        return
    shown = f"{pages:g}" if measured else f"about {pages:g}"
    relation = "short of" if pages < minimum else "over"
    first = parsed.memo.blocks[0] if parsed.memo.blocks else None
    end = first.end if first else 0
    yield Match(
        0,
        end,
        {"pages": shown, "relation": relation, "min": f"{minimum:g}", "max": f"{maximum:g}"},
        absolute=True,
        check_context=False,
    )
