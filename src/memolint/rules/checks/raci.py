"""RACI matrices (ML102): as a table, or as role assignments in prose.

A table is a RACI matrix when its body holds R/A/C/I letters (alone or
combined, "A/R") in at least three cells with two distinct letters, or when
its header names two or more of Responsible, Accountable, Consulted,
Informed. In prose, two or more capitalised role words or letter roles in
one sentence ("Priya is Accountable; SRE is Consulted"), or the word RACI
used affirmatively, count once per memo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from memolint.parsed import ParsedMemo
from memolint.rules.context import non_use_reason
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

RACI_CELL = re.compile(r"^\(?[RASCI]\)?(?:\s*[/,+&]\s*\(?[RASCI]\)?)*$")
ROLE_WORDS = ("responsible", "accountable", "consulted", "informed", "supportive")
LETTER_ROLE = re.compile(r"\b(?:is|are|=|:)\s*\(?([RACI])\)?(?=[\s;,.)]|$)")
RACI_WORD = re.compile(r"\bR\.?A\.?(?:S\.?)?C\.?I\b\.?")


@check("raci-matrix", level="document")
def raci_matrix(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    """Every RACI table, then the first affirmative RACI use in prose."""
    yield from raci_tables(parsed, options)
    yield from _first(raci_prose(parsed))


def _first(matches: Iterator[Match]) -> Iterator[Match]:
    for match in matches:
        yield match
        return


def raci_tables(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    memo = parsed.memo
    minimum = int(options.get("min-letter-cells", 3))
    for table in memo.tables:
        texts = table.cell_texts(memo)
        letters: list[str] = []
        for row in texts[1:]:
            for cell in row[1:]:
                compact = cell.strip().upper()
                if compact and RACI_CELL.match(compact):
                    letters.extend(ch for ch in compact if ch in "RASCI")
        header = " ".join(cell.lower() for cell in (texts[0] if texts else []))
        first_column = " ".join(row[0].lower() for row in texts if row)
        role_headers = sum(1 for word in ROLE_WORDS if word in header or word in first_column)
        named = bool(RACI_WORD.search(" ".join(" ".join(row) for row in texts[:1])))
        if (len(letters) >= minimum and len(set(letters)) >= 2) or role_headers >= 2 or named:
            cells = [cell for row in table.rows for cell in row if cell is not None]
            if not cells:
                continue
            first = memo.blocks[cells[0]]
            yield Match(
                first.start,
                first.end,
                {"where": f"table {table.index + 1} assigns R/A/C/I roles"},
                absolute=True,
                check_context=False,
            )


def raci_prose(parsed: ParsedMemo) -> Iterator[Match]:
    for block, sentence in parsed.sentences():
        if block.block.kind == "table_cell":
            continue
        text = sentence.text
        roles = {
            token.lower_
            for token in sentence
            if token.lower_ in ROLE_WORDS and token.text[:1].isupper() and token.i != sentence.start
        }
        letter_roles = LETTER_ROLE.findall(text)
        word = RACI_WORD.search(text)
        if len(roles) >= 2 or len(set(letter_roles)) >= 2:
            start, end = sentence.start_char, sentence.end_char
        elif word:
            start, end = sentence.start_char + word.start(), sentence.start_char + word.end()
        else:
            continue
        span = block.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and non_use_reason(span, negated=True, mentioned=True, quoted=True):
            continue
        excerpt = " ".join(text[start - sentence.start_char : end - sentence.start_char].split())
        yield Match(
            block.offset(start),
            block.offset(end),
            {"where": f'roles in prose, "{excerpt}"'},
            absolute=True,
            check_context=False,
        )
