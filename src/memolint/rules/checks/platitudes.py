"""Platitudes (ML203): empty phrases, unless a number backs them on the spot.

"State of the art" followed by "beat CUBIC by 11% on our tests" is a claim
with its evidence; "state of the art" alone is filler. The phrase list is the
rule's option; a sentence that carries a number keeps its phrase, and
phrases used as names ("north star metric", "the holistic score") are
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from memolint.parsed import ParsedBlock
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

_DIGIT = re.compile(r"\d")
#: Nouns after which a buzzword is a name, not praise ("north star metric").
NAMING_NOUNS = frozenset({"metric", "metrics", "score", "scores", "tag", "tags", "label", "column"})


@lru_cache(maxsize=4)
def _matcher(phrases: tuple[str, ...]):
    from spacy.matcher import PhraseMatcher

    from memolint.nlp import load_pipeline

    nlp = load_pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("PLATITUDE", [nlp.make_doc(phrase.lower()) for phrase in phrases])
    return matcher


@check("platitude")
def platitude(block: ParsedBlock, options: dict) -> Iterator[Match]:
    from spacy.util import filter_spans

    phrases = tuple(str(phrase) for phrase in options.get("phrases", ()))
    if not phrases:
        return
    doc = block.doc
    for span in filter_spans(_matcher(phrases)(doc, as_spans=True)):
        if options.get("allow-with-number", True) and _DIGIT.search(span.sent.text):
            continue
        if span.start != span.sent.start and all(t.text[:1].isupper() for t in span):
            continue  # a proper name: "the Operational Excellence team"
        following = doc[span.end] if span.end < len(doc) else None
        if following is not None and following.lower_ in NAMING_NOUNS:
            continue
        yield Match(span.start_char, span.end_char)
