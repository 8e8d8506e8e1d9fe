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

#: Why ordinary monitoring would miss a failure: the rubric's top silent-failure grade.
UNSEEN_BY_MONITORING = re.compile(
    r"\b(silent(ly)?|quiet(ly)?|unnoticed|undetected|invisible|masks?|masked|masking|hid(e|es|den)"
    r"|(no|never|without( an?)?|won'?t|will not|doesn'?t|does not|wouldn'?t|would not|nothing)"
    r" (\w+ ){0,2}(alert|alerts|alarm|alarms|page|pages|error|errors|fires?)"
    r"|stays? green|looks? (healthy|fine|normal|green)|(health ?checks?|probes?) (still )?pass"
    r"|returns? (a )?200|averages?|aggregates?|blended|fleet-wide|p50|median"
    r"|nobody (notices|sees)|no one (notices|sees))\b",
    re.IGNORECASE,
)
#: How wrongness without downtime is usually named: stale, mixed, corrupt, drifting data.
WRONG_NOT_DOWN = re.compile(
    r"\b(stale|staleness|inconsistent|inconsisten(cy|cies)|incoheren(t|ce|cy)|mismatch(es|ed)?"
    r"|wrong|incorrect|corrupt(ed|ion|s)?|drift(s|ed|ing)?|skew(ed)?|mixed|duplicat(e|es|ed|ion)"
    r"|missing|dropped|lost|out of (date|sync)|partial|truncat(ed|ion)|misattribut\w*"
    r"|mislabel\w*|double[- ]count\w*|old version|previous version|cached)\b",
    re.IGNORECASE,
)
#: What a cut costs: the rubric asks for the trade-off, not only the cut.
TRADE_OFF = re.compile(
    r"\b(trade-?offs?|at the (cost|price|expense) of|costs? us|we lose|we give up|giving up"
    r"|in exchange|the (cost|price) (is|would be|will be)|downside|which means"
    r"|means (that )?(we|users|customers|viewers)"
    r"|we accept|accepting|lose|loses|losing|forgo|without it)\b",
    re.IGNORECASE,
)
#: What will not be cut whatever happens: the rubric's top prioritization grade.
NEVER_CUT = re.compile(
    r"\b((never|not|won'?t|will not|wouldn'?t|would not|don'?t|do not|cannot|can'?t)"
    r" (be )?(cut|drop|dropped|descope|descoped|skip|skipped|compromise|slip|trade)"
    r"|non-?negotiable|whatever happens|no matter what|at all costs|untouchable"
    r"|last thing (we|i)('d| would)? cut|stays? in scope|must ship|protected)\b",
    re.IGNORECASE,
)
#: Refusing to cut anything: the rubric's lowest prioritization grade.
REFUSES_CUT = re.compile(
    r"\b((nothing|none|no (part|element|item|piece|workstream|feature|scope))( \w+){0,4}"
    r" (to |could be |can be |should be |would be |we can )?(cut|drop|defer|descope|optional)"
    r"|not (identified|found|see) (an?|any) (element|item|part|piece|way)"
    r"|(would|will|can|could)(n'?t| not) (recommend |suggest )?(cut|drop|defer|descop)\w* any"
    r"|(date|deadline|timeline|launch|schedule) (moves|slips|shifts)( \w+){0,2} rather than"
    r"|everything (is|stays|remains) (in scope|required|essential|necessary|a must)"
    r"|(all|each|every) (of (it|this|them) |items? |parts? |workstreams? |pieces? )"
    r"(is|are) (required|essential|necessary|critical|in scope|must-haves?)"
    r"|(none|nothing) (of (it|this|them) )?(is|are) optional"
    r"|(all|each|every)( of)?( the| our| these)? (workstreams?|items?|parts?|pieces?|features?"
    r"|components?|deliverables?|elements?|phases?)( \w+){0,5} (is|are)( considered| deemed)?"
    r" (required|essential|necessary|critical|in scope|must-haves?|non-negotiable)"
    r"|scope (is not expected to|will not|won'?t|does not|doesn'?t) change"
    r"|scope (is|remains|stays) (fixed|locked|frozen|unchanged)"
    r"|must all (ship|be delivered|land))\b",
    re.IGNORECASE,
)
#: A vague allowance instead of a named cut ("we may descope some items if needed").
VAGUE_CUT = re.compile(
    r"\b((descope|de-scope|cut|drop|defer|deprioriti[sz]e|postpone|trim|reduce)d?"
    r" (some|a few|certain|several|non-?essential|non-?critical|lower[- ]priority|less critical"
    r"|optional|secondary|some of the)( \w+)?"
    r"|scope (may|might|could|can) (be )?(reduced|adjusted|revisited|trimmed)"
    r"|(adjust|revisit|re-?evaluate|reassess) (the )?(scope|priorities|plan)"
    r" (as|if) (needed|necessary)"
    r"|(if|as|where) (needed|necessary|required), (we|some))\b",
    re.IGNORECASE,
)
#: Ranked priorities.
RANKED = re.compile(
    r"\b(ranked|ranking|in (priority|this) order|priority order|order of priority"
    r"|p0|p1|p2|first priority|top priority|must-haves?|nice-to-haves?|first to go"
    r"|cut order|next to go|then (cut|drop)|second (cut|to go))\b",
    re.IGNORECASE,
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
    return [token for _, token in sentence_token_positions(span, words)]


def sentence_token_positions(span: Span, words: Words | None = None) -> list[tuple[int, str]]:
    """:func:`sentence_tokens` with the index (in ``words``) each came from,
    for callers that must point back at a word (the rules' sentence models)."""
    start, end = (span.start, span.end) if words is not None else (0, len(span))
    words = words if words is not None else words_of(span)
    return [
        (i, "<num>" if words.number[i] else words.lemmas[i])
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
        **cue_features(span.text),
    }


def cue_features(text: str) -> dict[str, float]:
    """Rubric cues read by the document features only (not by the detectors)."""
    return {
        "unseen_cue": float(bool(UNSEEN_BY_MONITORING.search(text))),
        "trade_off_cue": float(bool(TRADE_OFF.search(text))),
        "never_cut_cue": float(bool(NEVER_CUT.search(text))),
        "ranked_cue": float(bool(RANKED.search(text))),
        "refuses_cut_cue": float(bool(REFUSES_CUT.search(text))),
        "vague_cut_cue": float(bool(VAGUE_CUT.search(text))),
        "wrong_not_down_cue": float(bool(WRONG_NOT_DOWN.search(text))),
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
