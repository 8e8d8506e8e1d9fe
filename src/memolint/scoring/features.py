"""Features for the scoring models, computed from already-parsed spaCy spans.

Sentence features feed the evidence detectors: lemma n-grams (numbers folded
to ``<num>`` so "5 minutes" and "10 minutes" look alike) plus a handful of
interpretable signals a reviewer looks for — numbers with units, time
bounds, named roles, measurable conditionals. Document features summarise
detector evidence, densities and findings for the per-dimension models.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from memolint.units import CAPACITY_UNITS, TIME_UNITS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from memolint.parsed import ParsedBlock

UNITS = TIME_UNITS | CAPACITY_UNITS | {"week", "weeks"}
ROLE_LEMMAS = frozenset(
    {
        "on-call",
        "oncall",
        "sre",
        "owner",
        "commander",
        "lead",
        "engineer",
        "dri",
        "manager",
        "responder",
        "director",
        "vp",
        "cto",
        "pager",
        "rotation",
        "secondary",
        "primary",
    }
)
PAGE_LEMMAS = frozenset({"page", "alert", "notify", "escalate", "wake", "call", "ping"})
CONDITION_MARKERS = frozenset({"if", "when", "whenever", "once", "unless"})
COMPARATIVE_LEMMAS = frozenset(
    {
        "exceed",
        "above",
        "below",
        "over",
        "under",
        "drop",
        "rise",
        "cross",
        "breach",
        "surpass",
        "fall",
        "spike",
        "more",
        "less",
        "than",
        "beyond",
    }
)
ACTION_LEMMAS = frozenset(
    {
        "rollback",
        "roll",
        "halt",
        "pause",
        "revert",
        "stop",
        "block",
        "drain",
        "fail",
        "shed",
        "disable",
        "freeze",
        "abort",
        "promote",
    }
)
_DIGIT = re.compile(r"\d")
_UNIT_SUFFIX = re.compile(r"\d(%|ms|s|m|h|x|k|gb|mb)\b")
_TIME_SUFFIX = re.compile(r"\d(ms|s|m|min|h)\b")

CUT_VERBS = frozenset(
    {
        "cut",
        "drop",
        "defer",
        "descope",
        "de-scope",
        "punt",
        "skip",
        "postpone",
        "sacrifice",
        "shelve",
        "park",
        "trim",
        "delay",
        "remove",
        "slip",
        "push",
    }
)
#: Objects that make "cut" about money or speed, not scope ("cut costs by 20%").
NON_SCOPE_OBJECTS = frozenset(
    {
        "cost",
        "costs",
        "spend",
        "budget",
        "bill",
        "latency",
        "price",
        "prices",
        "time",
        "egress",
        "corners",
        "release",
        "branch",
        "tickets",
        "ticket",
        "over",
        "losses",
        "churn",
        "errors",
    }
)
PRESSURE_WORDS = frozenset(
    {
        "slip",
        "slips",
        "behind",
        "late",
        "pressure",
        "squeeze",
        "short",
        "half",
        "tight",
        "crunch",
        "deadline",
        "runs",
        "run",
        "out",
        "first",
        "if",
        "when",
    }
)

SENTENCE_FEATURES = (
    "has_number",
    "number_with_unit",
    "time_bound",
    "named_role",
    "page_verb",
    "measurable_condition",
    "action_verb",
    "rule_hedges",
    "scope_cut",
    "pressure",
)


@dataclass(frozen=True, slots=True)
class Words:
    """What the sentence features read from each token, as parallel lists.

    Built once per parsed block (see :func:`block_words`) so that every
    sentence's features are list look-ups rather than spaCy attribute reads.
    """

    lowers: list[str]
    lemmas: list[str]  # lower-cased
    space: list[bool]
    #: Left out of the n-gram tokens: whitespace, and punctuation but % and $.
    skip: list[bool]
    #: A number, or a word with a digit in it.
    number: list[bool]
    #: A proper noun as subject or object (a named owner).
    named: list[bool]


def words_of(
    tokens: Iterable[Token], lowers: list[str] | None = None, lemmas: list[str] | None = None
) -> Words:
    """:class:`Words` of ``tokens`` (``lowers``/``lemmas`` when already at hand)."""
    tokens = list(tokens)
    space = [token.is_space for token in tokens]
    return Words(
        lowers=lowers if lowers is not None else [token.lower_ for token in tokens],
        lemmas=lemmas if lemmas is not None else [token.lemma_.lower() for token in tokens],
        space=space,
        skip=[
            is_space or (token.is_punct and token.text not in ("%", "$"))
            for token, is_space in zip(tokens, space, strict=True)
        ],
        number=[bool(token.like_num or _DIGIT.search(token.text)) for token in tokens],
        named=[
            token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass", "dobj")
            for token in tokens
        ],
    )


def block_words(block: ParsedBlock) -> Words:
    """:class:`Words` of a parsed block, by token index, computed once."""
    return block.cached("scoring-words", lambda doc: words_of(doc, block.lowers(), block.lemmas()))


def sentence_tokens(span: Span, words: Words | None = None) -> list[str]:
    """Lower-cased lemmas with numbers folded, for the n-gram vocabulary.

    ``words``: the :func:`block_words` of the span's block, when at hand.
    """
    start, end = (span.start, span.end) if words is not None else (0, len(span))
    words = words if words is not None else words_of(span)
    return [
        "<num>" if words.number[i] else words.lemmas[i]
        for i in range(start, end)
        if not words.skip[i]
    ]


def sentence_features(
    span: Span, *, rule_hedges: int | None = None, words: Words | None = None
) -> dict[str, float]:
    """The interpretable features of one sentence (see SENTENCE_FEATURES).

    ``rule_hedges`` is the sentence's ML202 hedge count and ``words`` the
    :func:`block_words` of its block, when the caller already has them (the
    linter does).
    """
    import math

    if words is not None:
        start, end, tokens_at = span.start, span.end, span.doc
    else:
        start, end, tokens_at = 0, len(span), span
        words = words_of(span)
    kept = [i for i in range(start, end) if not words.space[i]]
    lowers = [words.lowers[i] for i in kept]
    lemmas = [words.lemmas[i] for i in kept]
    count = len(kept)
    numbers = [position for position, i in enumerate(kept) if words.number[i]]
    with_unit = any(
        (i + 1 < count and lowers[i + 1] in UNITS) or _UNIT_SUFFIX.search(lowers[i])
        for i in numbers
    )
    time_bound = any(
        (i + 1 < count and lowers[i + 1] in TIME_UNITS) or _TIME_SUFFIX.search(lowers[i])
        for i in numbers
    )
    condition = any(lower in CONDITION_MARKERS for lower in lowers) and (
        bool(numbers) or any(lemma in COMPARATIVE_LEMMAS for lemma in lemmas)
    )
    return {
        "has_number": float(bool(numbers)),
        "number_with_unit": float(bool(with_unit)),
        "time_bound": float(bool(time_bound)),
        "named_role": float(
            any(lemma in ROLE_LEMMAS for lemma in lemmas) or any(words.named[i] for i in kept)
        ),
        "page_verb": float(any(lemma in PAGE_LEMMAS for lemma in lemmas)),
        "measurable_condition": float(condition),
        "action_verb": float(any(lemma in ACTION_LEMMAS for lemma in lemmas)),
        "first_person": float(any(lower in ("i", "we") for lower in lowers)),
        "words_log": math.log1p(count),
        "rule_hedges": float(_rule_hedges(span) if rule_hedges is None else rule_hedges),
        "scope_cut": float(
            _scope_cut(
                tokens_at[i] for position, i in enumerate(kept) if lemmas[position] in CUT_VERBS
            )
        ),
        "pressure": float(any(lower in PRESSURE_WORDS for lower in lowers)),
    }


def _rule_hedges(span: Span) -> int:
    """Hedges the ML202 analysis finds in this sentence (its senses, not just words)."""
    from memolint.rules.checks.hedging import _sentence_hedges

    return sum(1 for _ in _sentence_hedges(span.doc, span))


def _scope_cut(tokens) -> bool:
    """A verb of cutting whose object is scope, not cost ("cut the TV clients")."""
    for token in tokens:
        if token.lemma_.lower() not in CUT_VERBS or token.pos_ != "VERB":
            continue
        objects = {
            t.lower_
            for child in token.children
            if child.dep_ in ("dobj", "nsubjpass")
            for t in child.subtree
        }
        if objects and not objects & NON_SCOPE_OBJECTS:
            return True
    return False


def ngrams(tokens: Sequence[str], sizes: Iterable[int] = (1, 2)) -> list[str]:
    grams: list[str] = []
    for size in sizes:
        grams.extend(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))
    return grams


def gram_counts(tokens: Sequence[str], sizes: Iterable[int] = (1, 2)) -> dict[str, int]:
    """How often each n-gram occurs, in order of first occurrence."""
    counts: dict[str, int] = {}
    for gram in ngrams(tokens, sizes):
        counts[gram] = counts.get(gram, 0) + 1
    return counts
