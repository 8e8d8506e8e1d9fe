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
from memolint.units import CAPACITY_UNITS, TIME_UNITS

#: Words that quantify even without digits ("twice the load", "four nines").
NUMBER_WORDS = frozenset(
    {"twice", "double", "doubles", "half", "halves", "triple", "nines", "tenfold", "order"}
)
#: Units that make a number measure a quality (not a date, a phase or a headcount).
MEASURES = (
    (TIME_UNITS - {"day", "days"})
    | CAPACITY_UNITS
    | {
        "msec",
        "us",
        "µs",
        "ns",
        "×",
        "times",
        "ops",
        "iops",
        "req",
        "events",
        "messages",
        "writes",
        "reads",
        "queries",
        "calls",
        "transactions",
        "kib",
        "mib",
        "gib",
        "tib",
        "bps",
        "zones",
        "replicas",
        "copies",
        "instances",
        "sites",
        "datacenters",
        "streams",
        "concurrent",
        "per",
        "/s",
        "p99",
        "p95",
        "p50",
        "p999",
        "mttr",
        "rto",
        "rpo",
        "k",
        "m",
    }
)
MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
ORDINAL_WORDS = frozenset(
    {
        "phase",
        "step",
        "wave",
        "stage",
        "q1",
        "q2",
        "q3",
        "q4",
        "v",
        "version",
        "release",
        "sprint",
        "week",
        "day",
        "quarter",
        "milestone",
        "tier",
    }
)
#: Nouns that make a claim word a technical term ("robust statistics", "efficient frontier").
TERM_NOUNS = frozenset(
    {
        "frontier",
        "statistics",
        "statistic",
        "estimator",
        "estimators",
        "regression",
        "copy",
        "copies",
        "vector",
        "graphics",
        "follow",
        "optimization",
        "hashing",
        "consensus",
        "queue",
        "mode",
    }
)
_DIGIT = re.compile(r"\d")
_MEASURE_SUFFIX = re.compile(r"\d(\.\d+)?(%|ms|s|m|h|x|k|kb|mb|gb|tb|rps|qps|/s|gbps|tbps)\b")


@lru_cache(maxsize=8)
def _claim_matcher(claims: tuple[str, ...]):
    from spacy.matcher import PhraseMatcher

    from memolint.nlp import load_pipeline

    nlp = load_pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("CLAIM", [nlp.make_doc(claim.lower()) for claim in claims])
    return matcher


def _quantified(tokens: Sequence) -> bool:
    """Whether a number here measures something: 99.95%, 40k rps, 200 ms, 3 regions."""
    tokens = list(tokens)
    for index, token in enumerate(tokens):
        lower = token.lower_
        if lower in NUMBER_WORDS or lower in ("%", "×") or re.fullmatch(r"n\+\d", lower):
            return True
        if _MEASURE_SUFFIX.search(lower):
            return True
        if not (token.like_num or _DIGIT.search(token.text)):
            continue
        previous = tokens[index - 1].lower_ if index else ""
        following = tokens[index + 1].lower_ if index + 1 < len(tokens) else ""
        if previous in MONTHS or following in MONTHS or previous in ORDINAL_WORDS:
            continue  # a date or a phase number
        if len(token.text) == 4 and token.text.isdigit() and token.text.startswith(("19", "20")):
            continue  # a year
        if following in MEASURES or following.split("/")[0] in MEASURES:
            return True
        if previous in ("p99", "p95", "p50", "under", "below", "above", "within", "over", "to"):
            return True
    return False


@check("unquantified-claim", level="document")
def unquantified_claims(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    from spacy.util import filter_spans

    claims = tuple(options.get("claims", ()))
    if not claims:
        return
    matcher = _claim_matcher(claims)
    sentences = list(parsed.sentences())
    position = {(id(block), sentence.start): i for i, (block, sentence) in enumerate(sentences)}
    for block in parsed.blocks:
        if block.block.kind in ("heading", "title"):
            continue
        doc = block.doc
        for span in filter_spans(matcher(doc, as_spans=True)):
            if span.root.pos_ not in ("ADJ", "ADV", "NOUN", "PROPN", "VERB"):
                continue
            if _is_term(span):
                continue
            sentence = span.sent
            if sentence.text.rstrip().endswith("?"):
                continue  # a question asks for the number
            index = position[(id(block), sentence.start)]
            following = sentences[index + 1][1] if index + 1 < len(sentences) else ()
            if _quantified(sentence) or _quantified(following):
                continue
            yield Match(block.offset(span.start_char), block.offset(span.end_char), absolute=True)


def _is_term(span) -> bool:
    """A name or a technical term, not a claim: "Scalable Vector Graphics", "fast-follow"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in ("-", "–"):
        return True
    following = doc[span.end] if span.end < len(doc) else None
    if following is not None and following.lower_ == "with" and span.root.lower_ == "redundant":
        return True  # "redundant with the schema check": duplicated, not resilient
    capitalised = all(t.text[:1].isupper() for t in span)
    if capitalised and span.start != span.sent.start:
        return True
    if capitalised and following is not None and following.text[:1].isupper():
        return True  # "Fast Lane is the internal name ..."
    head = span.root.head if span.root.dep_ in ("amod", "compound") else None
    return head is not None and head.lemma_.lower() in TERM_NOUNS
