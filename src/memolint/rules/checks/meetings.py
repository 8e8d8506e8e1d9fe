"""Meeting-driven alignment (ML103): recurring meetings as the way a plan aligns.

A recurring meeting shows up in many shapes: "a weekly cross-team sync",
"daily stand-ups", "the monthly SteerCo", "every Friday the program team
reviews the burn-down", "the leads get together once a week". The check
flags a sentence when

* a **meeting noun** (sync, stand-up, check-in, review meeting, forum,
  council, office hours, QBR ...) is **recurring** — by a cadence word in the
  sentence (weekly, every Monday, each sprint, fortnightly) or by its nature
  (a stand-up, a SteerCo, a QBR recur by definition); or
* a **meeting verb** (meet, sync, get together, review together, walk
  through) has people as its subject and a cadence.

Data syncs ("the replica syncs every 5 minutes"), standing up infrastructure
("stand-up for the new PoP"), one-off calls opened on a trigger, past stories
and discussions of the practice ("plans should avoid weekly syncs") are not
flagged. The vocabularies are the rule's options.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from memolint.parsed import ParsedBlock
from memolint.rules.checks.vocabulary import Key, phrase_at, phrase_keys, starts, words
from memolint.rules.context import past_narrative
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
CADENCE = re.compile(
    r"\b(weekly|daily|nightly|biweekly|bi-weekly|fortnightly|monthly|quarterly|twice-weekly|"
    r"recurring|regular|standing|cadence|(every|each|once a|twice a|per|first|last)\s+"
    r"(other\s+|two\s+|three\s+|\w+day'?s?\s+)?(day|week|month|quarter|sprint|morning|"
    r"afternoon|evening|night|release|iteration|weeks|months|phase|wave|step|stage|ramp|"
    r"milestone|batch|" + _DAYS + r")|"
    r"(on\s+)?(" + _DAYS + r")s\b|"
    r"every\s+(" + _DAYS + r"))",
    re.IGNORECASE,
)


@check("meeting-alignment")
def meeting_alignment(block: ParsedBlock, options: dict) -> Iterator[Match]:
    nouns = words(options, "meeting-nouns")
    recurring = words(options, "recurring-meetings")
    verbs = words(options, "meeting-verbs")
    people = words(options, "people")
    data_words = words(options, "data-words")
    non_deciding = words(options, "non-deciding")
    keys, lowers, lemmas = phrase_keys(block), block.lowers(), block.lemmas()
    for sentence in block.doc.sents:
        text = block.text_of(sentence)
        if past_narrative(block, sentence) or text.rstrip().endswith("?"):
            continue  # a story, or a question ("Will there be a weekly sync?")
        written = " ".join(text.lower().split())
        if any(cue in written for cue in non_deciding):
            continue  # a meeting that explicitly decides nothing
        at = slice(sentence.start, sentence.end)
        if "none" in lowers[at] and _says_none(sentence):
            continue
        anchors = _anchors(
            sentence,
            nouns,
            recurring,
            verbs,
            people,
            _Cadence(text),
            (keys[at], lowers[at], lemmas[at]),
        )
        for anchor in anchors:
            if _about_data(anchor, data_words):
                continue  # a data sync, or infrastructure being stood up
            yield Match(anchor.start_char, anchor.end_char)


class _Cadence:
    """Whether a sentence names a cadence; the regex runs only if a candidate asks."""

    __slots__ = ("found", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: bool | None = None

    def __call__(self) -> bool:
        if self.found is None:
            self.found = bool(CADENCE.search(self.text))
        return self.found


def _says_none(sentence: Span) -> bool:
    """ "this one runs none", "here we have none"."""
    return any(token.lower_ == "none" and token.dep_ in ("dobj", "attr") for token in sentence)


def _about_data(anchor: Span, data_words: frozenset[str]) -> bool:
    root = anchor.root
    if root.lemma_.lower() not in ("sync", "standup", "stand-up", "stand"):
        return False
    related = {token.lower_ for token in root.subtree}
    for child in root.head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "prep", "dobj"):
            related |= {token.lower_ for token in child.subtree}
    if root.dep_ in ("nsubj", "nsubjpass"):
        related |= {token.lower_ for token in root.head.subtree}
    return bool(related & data_words)


def _anchors(
    sentence: Span,
    nouns: frozenset[str],
    recurring: frozenset[str],
    verbs: frozenset[str],
    people: frozenset[str],
    has_cadence: _Cadence,
    strings: tuple[list[Key | None], list[str], list[str]],
) -> Iterator[Span]:
    doc = sentence.doc
    tokens = list(sentence)
    keys, lowers, lemmas = strings  # the sentence's phrase keys, lower-cased words and lemmas
    may_recur = starts(recurring, keys, lemmas)
    may_be_noun = starts(nouns, keys, lemmas)
    for index, token in enumerate(tokens):
        length = (
            phrase_at(tokens, index, recurring, longest=4, by_lemma=True, keys=keys, lemmas=lemmas)
            if may_recur[index]
            else 0
        )
        if length:
            yield doc[token.i : token.i + length]
            continue
        length = (
            phrase_at(tokens, index, nouns, longest=4, by_lemma=True, keys=keys, lemmas=lemmas)
            if may_be_noun[index]
            else 0
        )
        if length and lowers[index] == "call" and index >= 2 and tokens[index - 1].text == "-":
            continue  # "on-call" is a rotation, not a call
        if length:
            span = doc[token.i : token.i + length]
            if not has_cadence():
                if any(child.lower_ in _DAYS.split("|") for child in span.root.children):
                    yield _with_modifiers(span)  # "the Thursday rollout meeting"
                continue  # the verb test below needs a cadence too
            if span.root.pos_ in ("NOUN", "PROPN") or span.root.dep_ in ("compound", "dobj"):
                yield _with_modifiers(span)
            continue
        lemma = lemmas[index]
        following = lowers[index + 1] if index + 1 < len(tokens) else ""
        together = lemma == "get" and following == "together"
        if not (lemma in verbs or f"{lemma} {following}" in verbs or together):
            continue
        if lemma == "host" and not any(c.dep_ == "dobj" for c in token.children):
            continue
        if has_cadence() and token.pos_ in ("VERB", "NOUN") and _people_subject(token, people):
            yield doc[token.i : token.i + (2 if together else 1)]


def _with_modifiers(span: Span) -> Span:
    """Widen "sync" to "weekly cross-team sync" for a readable finding."""
    root = span.root
    left = [child.i for child in root.children if child.dep_ in ("amod", "compound", "nmod")]
    start = min([*left, span.start])
    return span.doc[start : span.end]


def _people_subject(verb: Token, people: frozenset[str]) -> bool:
    subjects = [child for child in verb.children if child.dep_ in ("nsubj",)]
    if not subjects and verb.dep_ in ("xcomp", "conj"):
        subjects = [child for child in verb.head.children if child.dep_ == "nsubj"]
    for subject in subjects:
        words = {token.lower_ for token in subject.subtree}
        if words & people or subject.lower_ in ("we", "i", "you", "they", "everyone"):
            return True
        if subject.pos_ == "PROPN":
            return True
    return False
