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
from typing import TYPE_CHECKING

from memolint.units import CAPACITY_UNITS, TIME_UNITS

if TYPE_CHECKING:
    from spacy.tokens import Span

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


def sentence_tokens(span: Span) -> list[str]:
    """Lower-cased lemmas with numbers folded, for the n-gram vocabulary."""
    tokens: list[str] = []
    for token in span:
        if token.is_space or (token.is_punct and token.text not in ("%", "$")):
            continue
        if token.like_num or _DIGIT.search(token.text):
            tokens.append("<num>")
        else:
            tokens.append(token.lemma_.lower())
    return tokens


def sentence_features(span: Span) -> dict[str, float]:
    """The interpretable features of one sentence (see SENTENCE_FEATURES)."""
    import math

    tokens = [token for token in span if not token.is_space]
    lowers = [token.lower_ for token in tokens]
    lemmas = [token.lemma_.lower() for token in tokens]
    numbers = [i for i, token in enumerate(tokens) if token.like_num or _DIGIT.search(token.text)]
    with_unit = any(
        (i + 1 < len(tokens) and lowers[i + 1] in UNITS)
        or re.search(r"\d(%|ms|s|m|h|x|k|gb|mb)\b", lowers[i])
        for i in numbers
    )
    time_bound = any(
        (i + 1 < len(tokens) and lowers[i + 1] in TIME_UNITS)
        or re.search(r"\d(ms|s|m|min|h)\b", lowers[i])
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
            any(lemma in ROLE_LEMMAS for lemma in lemmas)
            or any(
                token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass", "dobj")
                for token in tokens
            )
        ),
        "page_verb": float(any(lemma in PAGE_LEMMAS for lemma in lemmas)),
        "measurable_condition": float(condition),
        "action_verb": float(any(lemma in ACTION_LEMMAS for lemma in lemmas)),
        "first_person": float(any(lower in ("i", "we") for lower in lowers)),
        "words_log": math.log1p(len(tokens)),
        "rule_hedges": float(_rule_hedges(span)),
        "scope_cut": float(_scope_cut(tokens)),
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
