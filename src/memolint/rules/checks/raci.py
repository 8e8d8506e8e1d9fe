"""RACI matrices (ML102): as a table, or as role assignments in prose.

A table is a RACI matrix when its body holds R/A/C/I letters (alone or
combined, "A/R") in at least three cells with two distinct letters, or when
its header names two or more of Responsible, Accountable, Consulted,
Informed. In prose, two or more capitalised role words or letter roles in
one sentence ("Priya is Accountable; SRE is Consulted"), three of the four
roles given to three parties over one section's sentences or list items, or
the word RACI used affirmatively, count once per memo.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from memolint.parsed import ParsedMemo
from memolint.rules.context import is_past_narrative, non_use_reason, rejected_just_before
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

RACI_CELL = re.compile(r"^\(?[RASCI]\)?(?:\s*[/,+&]\s*\(?[RASCI]\)?)*$")
ROLE_WORDS = ("responsible", "accountable", "consulted", "informed", "supportive", "responsable")
#: One letter or a combination ("R/A"): a combination assigns two roles at once.
LETTERS = r"[RACI](?:/[RACI])*"
LETTER_ROLE = re.compile(r"\b(?:is|are|=|:)\s*\(?(" + LETTERS + r")\)?(?=[\s;,.)]|$)")
LETTER_IN_PARENS = re.compile(r"\w\s*\((" + LETTERS + r")\)")
LETTER_AS_NOUN = re.compile(r"\b(?:an?|the)\s+([RACI])\b(?!\.\w)")
LETTER_AT_END = re.compile(r"^[-*•]?\s*[\w][\w /&.-]*:\s*\(?(" + LETTERS + r")\)?\s*\.?$")
RACI_WORD = re.compile(
    r"\bR\.?A\.?(?:S\.?)?C\.?I\b\.?|\bDACI\b|\bRAPID\b|"
    r"\b[Rr]esponsibility(?: assignment)? matri(?:x|ces)\b"
)
RACI_LABELS = frozenset({"responsible", "accountable", "consulted", "informed"})


@check("raci-matrix", level="document")
def raci_matrix(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    """Every RACI table, then the first affirmative RACI use in prose."""
    yield from raci_tables(parsed, options)
    yield from _first(
        itertools.chain(raci_prose(parsed), raci_paragraphs(parsed), raci_across_sentences(parsed))
    )


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


#: Role words as nouns of the matrix itself ("Accountability sits with the VP").
ROLE_NOUNS = ("responsibility", "accountability")
#: Labels of RACI's cousins (DACI, RAPID) in "Label: party" lists.
LABELS = frozenset(
    {
        "responsible",
        "accountable",
        "consulted",
        "informed",
        "driver",
        "approver",
        "approvers",
        "contributor",
        "contributors",
        "recommend",
        "perform",
        "input",
        "decide",
        "supportive",
    }
)
#: "Eng R, Product A, Legal C" and "R = platform security, A = CISO".
LETTER_AFTER_PARTY = re.compile(r"\b[A-Z][\w/&.-]*\s+\(?([RAC])\)?(?=\s*[,;.]|\s*$)")
LETTER_EQUALS = re.compile(r"(?:^|[\s,;(])(" + LETTERS + r")\s*[=:]\s*\w")
LETTER_AS_ROLE = re.compile(
    r"\b(?:is|are|as|stays?|remains?)\s+(?:the\s+)?\(?([RAC])\)?(?=[\s;,.)]|$)"
)
MENTION_WORDS = frozenset({"acronym", "stands", "expands", "guide", "says", "means", "signals"})


#: Words :func:`_role_uses` looks at; others are skipped without reading the token.
_ROLE_CUES = LABELS | frozenset(ROLE_WORDS) | frozenset(ROLE_NOUNS)


def _role_uses(sentence, lowers: list[str]) -> set[str]:
    """Role words used as roles: capitalised mid-sentence, as a "Role:" label, or
    lower-case predicates not followed by "for"/"to" ("the network team is responsible").

    ``lowers``: the sentence's lower-cased words."""
    roles: set[str] = set()
    for index, lower in enumerate(lowers):
        if lower not in _ROLE_CUES:
            continue
        following = lowers[index + 1] if index + 1 < len(lowers) else ""
        if lower in LABELS and following == ":":
            roles.add(lower)
        elif lower in ROLE_WORDS:
            if (
                sentence[index].text[:1].isupper()
                and (index > 0 or following in ("parties", "party", "stakeholders"))
            ) or following not in ("for", "to", "with", "about", "that"):
                roles.add(lower)
        elif lower in ROLE_NOUNS and following in ("sits", "lies", "rests", "with"):
            roles.add(lower)
    return roles


#: Letters in columns of a plain-text table ("Retry integration    R/A    C    I").
COLUMN_LETTER = re.compile(r"(?:\s{2,}|\t)(" + LETTERS + r")(?=\s{2,}|\t|\s*$)")


def raci_paragraphs(parsed: ParsedMemo) -> Iterator[Match]:
    """RACI spread over a paragraph, one role per sentence, or laid out as text columns.

    "The PM is responsible for the plan. The director is accountable for the
    launch. Engineering is consulted on readiness. Support is kept informed."
    """
    for block in parsed.blocks:
        if block.block.kind == "table_cell":
            continue
        text = block.block.text
        columns = [c for line in text.splitlines() for c in COLUMN_LETTER.findall(line)]
        letters = {letter for combo in columns for letter in combo.split("/")}
        sentences = [s for s in block.doc.sents if not is_past_narrative(s)]
        roles = {
            token.lower_
            for sentence in sentences
            for token in sentence
            if token.lower_ in RACI_LABELS and token.pos_ in ("ADJ", "VERB", "NOUN")
        }
        if (len(columns) >= 3 and len(letters) >= 2) or len(roles) >= 3:
            span = block.doc[:]
            if non_use_reason(span, negated=True, mentioned=True, quoted=True):
                continue
            yield Match(
                block.offset(0),
                block.offset(len(block.doc.text)),
                {"where": "roles assigned across a paragraph"},
                absolute=True,
                check_context=False,
            )


def _raci_label(sentence) -> bool:
    """A line that opens with a RACI label: "Informed: all tenant teams via the notes"."""
    tokens = list(sentence)
    return len(tokens) > 2 and tokens[0].lower_ in RACI_LABELS and tokens[1].text == ":"


def _parties_with_roles(sentence) -> int:
    """How many different parties get a role word ("QA is responsible for the tests,
    game ops is accountable for the patch"); one person owning two ("I am accountable
    for the outcome and responsible for the call") is ownership, not a matrix."""
    return len({party for _, party in _roles_given(sentence)})


def _roles_given(sentence) -> set[tuple[str, str]]:
    """(role word, party) for each role word said of a subject in the sentence:
    "QA is accountable", "IT is consulted on any change", "Legal are kept informed"."""
    given: set[tuple[str, str]] = set()
    for token in sentence:
        if token.lower_ not in ROLE_WORDS or token.dep_ not in (
            "acomp",
            "attr",
            "conj",
            "ROOT",
            "oprd",
        ):
            continue
        verb = token.head if token.dep_ != "ROOT" else token
        if token.dep_ == "conj" and token.tag_ == "VBN":
            verb = token  # "... and is consulted on any change": its own passive
        while verb.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
        ):
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        given.update((token.lower_, subject.lemma_.lower()) for subject in subjects)
    return given


#: How many of Responsible, Accountable, Consulted, Informed, each given to a
#: party, make one section's sentences a RACI written out as prose.
SECTION_ROLES = 3


def raci_across_sentences(parsed: ParsedMemo) -> Iterator[Match]:
    """A RACI spread over a section's sentences or list items ("- QA is
    accountable for the programme." / "- Store Ops is responsible for removal." /
    "- IT is consulted on any change." / "- Legal are kept informed."): one
    role per line, so no single sentence shows it. Three of the four roles,
    given to three or more parties in one section, are a matrix in prose."""
    roles: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for block, sentence in parsed.sentences():
        if block.block.kind == "table_cell" or is_past_narrative(sentence):
            continue
        given = {(role, party) for role, party in _roles_given(sentence) if role in RACI_LABELS}
        if not given:
            continue
        section = roles.setdefault(block.block.heading_path, set())
        section |= given
        if (
            len({role for role, _ in section}) >= SECTION_ROLES
            and len({party for _, party in section}) >= SECTION_ROLES
        ):
            text = block.text_of(sentence)
            yield Match(
                block.offset(sentence.start_char),
                block.offset(sentence.end_char),
                {"where": f'roles in prose across a section, "{" ".join(text.split())}"'},
                absolute=True,
                check_context=False,
            )
            return


def raci_prose(parsed: ParsedMemo) -> Iterator[Match]:
    for block, sentence in parsed.sentences():
        if block.block.kind == "table_cell":
            continue
        text = block.text_of(sentence)
        lowers = block.lowers()[sentence.start : sentence.end]
        if not MENTION_WORDS.isdisjoint(lowers):
            continue  # talking about RACI, not using it
        if is_past_narrative(sentence) or rejected_just_before(sentence):
            continue  # "at my last company, the RACI for a config change had eleven rows"
        roles = _role_uses(sentence, lowers)
        capitalised = {
            lower
            for index, lower in enumerate(lowers)
            if lower in ROLE_WORDS and index != 0 and sentence[index].text[:1].isupper()
        }
        letters: set[str] = set()
        # Every letter pattern needs a capital R, A, C or I; over half of all sentences have none.
        has_letters = any(letter in text for letter in "RACI")
        if has_letters:
            found = (
                LETTER_ROLE.findall(text)
                + LETTER_AFTER_PARTY.findall(text)
                + LETTER_EQUALS.findall(text)
                + LETTER_IN_PARENS.findall(text)
            )
            letters = {letter for combo in found for letter in combo.split("/")}
            if len(LETTER_AS_NOUN.findall(text)) >= 2:
                letters |= set(LETTER_AS_NOUN.findall(text))  # "an R and an A per workstream"
        word = RACI_WORD.search(text)
        if (
            len(roles) >= 2
            or capitalised
            or len(letters) >= 2
            or (has_letters and LETTER_AS_ROLE.search(text))
            or (has_letters and LETTER_AT_END.match(text.strip()))  # "- Data platform: R"
            or _raci_label(sentence)  # "Informed: all tenant teams"
            or _parties_with_roles(sentence) >= 2
        ):
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
