"""Unquantified quality claims (ML204).

"Highly available" means nothing to a reviewer until it says 99.95% across
three regions. A claim word is flagged when neither its sentence nor the next
one carries a number, a percentage or a unit — the next sentence counts
because writers often state the claim, then quantify it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from memolint.parsed import ParsedMemo
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

#: Words that quantify even without digits ("three regions", "twice the load").
NUMBER_WORDS = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozen",
        "hundred",
        "thousand",
        "million",
        "billion",
        "twice",
        "double",
        "half",
        "triple",
        "nines",
    }
)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8)
def _claim_matcher(claims: tuple[str, ...]):
    from spacy.matcher import PhraseMatcher

    from memolint.nlp import load_pipeline

    nlp = load_pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("CLAIM", [nlp.make_doc(claim.lower()) for claim in claims])
    return matcher


def _quantified(tokens: Sequence) -> bool:
    return any(
        _DIGIT.search(token.text) or token.lower_ in NUMBER_WORDS or token.text == "%"
        for token in tokens
    )


@check("unquantified-claim", level="document")
def unquantified_claims(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    claims = tuple(options.get("claims", ()))
    if not claims:
        return
    matcher = _claim_matcher(claims)
    sentences = list(parsed.sentences())
    position = {(id(block), sentence.start): i for i, (block, sentence) in enumerate(sentences)}
    for block in parsed.blocks:
        if block.block.kind in ("heading", "title"):
            continue
        from spacy.util import filter_spans

        for span in filter_spans(matcher(block.doc, as_spans=True)):
            if span.root.pos_ not in ("ADJ", "ADV", "NOUN", "PROPN", "VERB"):
                continue
            sentence = span.sent
            index = position[(id(block), sentence.start)]
            following = sentences[index + 1][1] if index + 1 < len(sentences) else ()
            if _quantified(sentence) or _quantified(following):
                continue
            yield Match(block.offset(span.start_char), block.offset(span.end_char), absolute=True)
