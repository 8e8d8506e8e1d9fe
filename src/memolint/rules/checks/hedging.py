"""Hedges, sense-aware (ML202 and ``stats.hedge_density``).

A word list alone flags "on-call may roll back without approval" (permission)
and "the old system could not scale past 2M" (past ability); reviewers read
neither as hedging. Each hedge family here carries the sense test that
separates the two readings:

* ``may``: epistemic unless its subject is a person or role acting
  (permission: "the on-call engineer may roll back");
* ``could``: possibility unless the sentence is about the past ("could not
  scale", "last year we could only") — past ability;
* ``should``: a requirement ("the canary should hold 5% of traffic") unless
  its verb expresses an expected outcome ("this should help");
* any modal in a plan with an explicit trigger ("if p99 exceeds 300 ms for 5
  minutes, the controller may halt the ramp") is a contingency, not a hedge.

Adverbs (perhaps, possibly, likely ...), hedging verbs with a first-person
or "it" subject (we believe, it seems) and fixed phrases ("in theory",
"it may be worth considering") complete the list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from memolint.parsed import ParsedBlock
from memolint.rules.checks.people import PEOPLE_BY_ROLE
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

HEDGE_ADVERBS = frozenset(
    {
        "perhaps",
        "possibly",
        "probably",
        "maybe",
        "potentially",
        "presumably",
        "arguably",
        "conceivably",
        "hopefully",
        "tentatively",
        "somewhat",
        "seemingly",
        "apparently",
        "supposedly",
        "plausibly",
        "likely",
        "unlikely",
        "ideally",
        "broadly",
        "roughly speaking",
        "unclear",
    }
)
HEDGE_ADJECTIVES = frozenset(
    {"likely", "unlikely", "possible", "probable", "plausible", "conceivable", "unclear"}
)
#: Verbs that hedge when the writer is their subject ("we believe", "I think").
HEDGE_VERBS = frozenset(
    {
        "believe",
        "think",
        "feel",
        "hope",
        "suspect",
        "guess",
        "assume",
        "expect",
        "estimate",
        "suppose",
        "try",
        "reckon",
        "imagine",
        "doubt",
        "attempt",
    }
)
#: Verbs that report a tentative finding ("the results suggest that ...").
TENTATIVE_VERBS = frozenset({"suggest", "indicate"})
#: Verbs that, after "may", describe something that happens to the subject, not
#: something the subject is allowed to do: "users may notice a rebuffer".
NON_VOLITIONAL = frozenset(
    {
        "notice",
        "see",
        "experience",
        "feel",
        "hit",
        "encounter",
        "face",
        "lose",
        "suffer",
        "observe",
        "find",
        "need",
        "want",
        "struggle",
        "miss",
        "complain",
        "cause",
        "happen",
        "occur",
        "fail",
        "break",
        "slip",
        "take",
        "require",
        "lead",
        "result",
        "affect",
        "be",
        "become",
        "increase",
        "decrease",
        "drop",
        "rise",
        "grow",
        "vary",
        "differ",
        "seem",
        "appear",
        "reach",
        "exceed",
        "run",
        "get",
        "have",
        "respond",
        "react",
        "develop",
        "tolerate",
    }
)
#: After "may not", verbs of limits and rules: "burn may not exceed 2x".
PROHIBITED_ACTIONS = frozenset(
    {
        "exceed",
        "use",
        "access",
        "deploy",
        "run",
        "ship",
        "change",
        "store",
        "share",
        "send",
        "call",
        "bypass",
        "skip",
        "disable",
        "merge",
        "write",
        "read",
        "delete",
        "modify",
        "push",
    }
)
#: Outcome verbs after "should": the writer expects a result, not a duty.
SHOULD_OUTCOMES = frozenset(
    {
        "stay",
        "remain",
        "drop",
        "fall",
        "rise",
        "land",
        "finish",
        "take",
        "last",
        "hold up",
        "affect",
        "impact",
        "break",
        "matter",
        "absorb",
        "fit",
        "arrive",
        "complete",
        "recover",
        "settle",
        "converge",
        "disappear",
        "go",
        "handle",
        "cope",
        "withstand",
        "survive",
        "shave",
        "save",
        "trim",
        "halve",
        "shrink",
        "double",
    }
)
#: "should cut roughly 4 ms": an estimate of an effect, not a spec.
APPROXIMATORS = frozenset({"roughly", "about", "around", "approximately", "~", "circa"})
METRIC_WORDS = frozenset(
    {
        "latency",
        "p99",
        "p95",
        "p50",
        "cost",
        "costs",
        "error",
        "errors",
        "rate",
        "traffic",
        "load",
        "usage",
        "throughput",
        "time",
        "migration",
        "backfill",
        "fix",
        "change",
        "impact",
        "risk",
        "savings",
        "bill",
        "spend",
        "utilization",
        "lag",
        "delay",
    }
)
#: Verbs that hedge with an "it"/"this"/"there" subject ("it seems", "this appears to").
APPEARANCE_VERBS = frozenset({"seem", "appear", "tend"})
FIRST_PERSON = frozenset({"i", "we", "team", "they"})
HEDGE_PHRASES = (
    ("in", "theory"),
    ("in", "principle"),
    ("to", "some", "extent"),
    ("to", "a", "certain", "extent"),
    ("to", "a", "degree"),
    ("to", "some", "degree"),
    ("more", "or", "less"),
    ("sort", "of"),
    ("kind", "of"),
    ("if", "possible"),
    ("if", "feasible"),
    ("as", "far", "as", "we", "know"),
    ("not", "entirely"),
    ("not", "necessarily"),
    ("in", "most", "cases"),
    ("for", "the", "most", "part"),
    ("worth", "considering"),
    ("worth", "exploring"),
    ("worth", "looking"),
    ("to", "a", "certain", "degree"),
    ("there", "is", "a", "chance"),
    ("there", "'s", "a", "chance"),
    ("a", "good", "chance"),
    ("some", "chance"),
    ("not", "sure"),
    ("not", "certain"),
    ("not", "clear"),
    ("not", "100", "%", "sure"),
    ("not", "completely", "sure"),
    ("not", "entirely", "sure"),
    ("not", "really", "know"),
    ("n't", "really", "know"),
    ("if", "i", "had", "to", "guess"),
    ("give", "or", "take"),
    ("somewhere", "around"),
    ("or", "so"),
    ("in", "my", "opinion"),
    ("in", "our", "opinion"),
    ("generally", "speaking"),
    ("with", "some", "luck"),
    ("with", "luck"),
    ("to", "our", "knowledge"),
    ("to", "my", "knowledge"),
    ("at", "least", "in", "part"),
    ("cautiously", "optimistic"),
    ("fairly", "confident"),
    ("reasonably", "confident"),
    ("reasonable", "to", "assume"),
    ("safe", "to", "assume"),
    ("initial", "read"),
    ("looks", "like"),
    ("look", "like"),
    ("looks", "promising"),
    ("ought", "to"),
    ("it", "is", "unclear"),
    ("it", "'s", "unclear"),
    ("in", "my", "view"),
    ("in", "our", "view"),
    ("my", "sense", "is"),
    ("our", "sense", "is"),
    ("my", "hunch"),
    ("our", "hunch"),
    ("my", "gut"),
    ("my", "understanding", "is"),
    ("our", "understanding", "is"),
    ("as", "i", "understand", "it"),
    ("from", "what", "i", "can", "tell"),
    ("from", "what", "we", "can", "tell"),
    ("as", "far", "as", "i", "can", "tell"),
    ("as", "far", "as", "we", "can", "tell"),
    ("as", "far", "as", "i", "know"),
    ("in", "all", "likelihood"),
    ("at", "least", "partly"),
    ("at", "least", "partially"),
    ("inclined", "to"),
    ("ca", "n't", "promise"),
    ("can", "not", "promise"),
    ("cannot", "promise"),
    ("not", "convinced"),
    ("chances", "are"),
    ("in", "all", "probability"),
    ("more", "likely", "than", "not"),
    ("odds", "are"),
    ("as", "far", "as", "we", "are", "aware"),
    ("as", "far", "as", "i", "am", "aware"),
    ("as", "far", "as", "anyone", "can"),
    ("so", "far", "as", "we", "know"),
    ("so", "far", "as", "i", "know"),
    ("so", "far", "as", "anyone", "can"),
    ("so", "far", "as", "we", "can", "tell"),
    ("as", "best", "i", "can", "tell"),
    ("as", "best", "we", "can", "tell"),
    ("i", "'d", "say"),
    ("i", "would", "say"),
    ("we", "'d", "say"),
    ("we", "would", "say"),
    ("i", "would", "argue"),
    ("we", "would", "argue"),
    ("one", "could", "argue"),
    ("it", "could", "be", "argued"),
    ("if", "i", "had", "to", "bet"),
    ("if", "we", "had", "to", "bet"),
    ("if", "we", "had", "to", "guess"),
    ("in", "my", "estimation"),
    ("in", "our", "estimation"),
    ("by", "and", "large"),
    ("not", "conclusively"),
    ("do", "our", "best"),
    ("do", "my", "best"),
    ("can", "not", "yet", "rule", "out"),
    ("can", "not", "rule", "out"),
    ("ca", "n't", "rule", "out"),
    ("ca", "n't", "yet", "rule", "out"),
    ("are", "encouraging"),
    ("is", "encouraging"),
)
#: Verbs that report what someone else says; a hedge inside what they say
#: ("the vendor claims it will probably handle 10 Gbps") is theirs, not the writer's.
REPORTING_VERBS = frozenset(
    {"claim", "say", "state", "argue", "insist", "assert", "promise", "advertise", "tell"}
)
#: Conditions that make "may" a rule: "drivers may swap shifts as long as ...".
PERMISSION_CONDITIONS = frozenset({"long", "provided", "providing"})
#: Sources of a rule: "under the ordinance, wardens may tow", "per council policy".
RULE_SOURCES = frozenset(
    {
        "policy",
        "policies",
        "law",
        "laws",
        "ordinance",
        "licence",
        "license",
        "terms",
        "contract",
        "regulation",
        "regulations",
        "rules",
        "statute",
        "act",
        "charter",
        "bylaws",
        "directive",
        "tariff",
    }
)
#: Passive verbs of filing and booking: "appeals may be lodged within 28 days"
#: states a window a rule allows, not a possibility.
FILED_ACTIONS = frozenset(
    {
        "book",
        "lodge",
        "file",
        "submit",
        "request",
        "claim",
        "reserve",
        "schedule",
        "cancel",
        "renew",
        "return",
        "redeem",
        "appeal",
        "amend",
        "withdraw",
        "refund",
        "exchange",
    }
)
#: The writer's stance as a noun: "my read is that", "to my mind", "our bet is".
STANCE_NOUNS = frozenset(
    {
        "read",
        "reading",
        "sense",
        "guess",
        "hunch",
        "feeling",
        "instinct",
        "impression",
        "view",
        "take",
        "bet",
        "gut",
        "opinion",
        "belief",
        "suspicion",
        "mind",
        "hypothesis",
        "theory",
        "intuition",
    }
)
#: "As I see it", "if I read the dashboards right": the writer's reading, not a fact.
PERCEPTION_VERBS = frozenset({"see", "read", "understand", "recall", "remember", "tell"})
#: Certainty adjectives: hedges when the writer qualifies or denies them
#: ("moderately confident", "not 100% sure"); boosters otherwise.
CERTAINTY_ADJECTIVES = frozenset({"sure", "certain", "confident", "convinced", "positive"})
QUALIFYING_DEGREES = frozenset(
    {"moderately", "fairly", "reasonably", "somewhat", "relatively", "mostly", "partly", "largely"}
)
#: "I can't guarantee", "we cannot promise": the writer declines to commit.
COMMITMENT_VERBS = frozenset({"guarantee", "promise", "commit", "vouch", "swear", "warrant"})
#: "though it does not prove one": evidence offered and then held back.
PROOF_VERBS = frozenset({"prove", "establish", "confirm", "demonstrate", "show"})
CONCESSIVE_MARKERS = frozenset({"though", "although", "but", "yet", "while"})
#: "The early numbers look encouraging": an impression, not a measurement.
IMPRESSION_VERBS = frozenset({"look", "sound"})
IMPRESSION_ADJECTIVES = frozenset(
    {
        "encouraging",
        "promising",
        "good",
        "fine",
        "healthy",
        "positive",
        "reasonable",
        "plausible",
        "solid",
        "ok",
        "okay",
        "right",
        "correct",
        "feasible",
        "sound",
        "likely",
        "achievable",
        "doable",
        "manageable",
        "safe",
    }
)


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    grouped: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        grouped[phrase[0]] = (*grouped.get(phrase[0], ()), phrase)
    return grouped


#: HEDGE_PHRASES by first word, in list order: a token is compared only with
#: the phrases that can start at it.
_PHRASES_BY_FIRST = _by_first_word(HEDGE_PHRASES)
#: Subjects that make "may" read as permission.
ROLE_WORDS = PEOPLE_BY_ROLE | frozenset(
    {
        "you",
        "they",
        "anyone",
        "anybody",
        "everyone",
        "on-call",
        "oncall",
        "team",
        "teams",
        "sre",
        "sres",
        "staff",
        "commander",
        "approver",
        "service",
        "services",
        "call",
        "authority",
        "authorities",
        "council",
        "agency",
        "agencies",
        "court",
        "courts",
        "ministry",
        "board",
        "leads",
    }
)
#: Endings that name a person by trade ("pharmacists", "clinicians"): subjects
#: of "may" that read as permission even when not listed above.
ROLE_SUFFIXES = ("ist", "ists", "ician", "icians")
#: Verbs after "should" that state an expected outcome rather than a requirement.
EXPECTATION_VERBS = frozenset(
    {
        "help",
        "work",
        "improve",
        "reduce",
        "suffice",
        "resolve",
        "fix",
        "mitigate",
        "allow",
        "make",
        "lower",
        "increase",
        "prevent",
        "address",
        "solve",
        "ease",
        "speed",
        "cut",
        "catch",
        "translate",
        "result",
        "lead",
        "pay",
        "go",
        "scale",
        "last",
        "stabilize",
        "stabilise",
    }
)
EXPECTATION_ADJECTIVES = frozenset(
    {
        "fine",
        "enough",
        "ok",
        "okay",
        "sufficient",
        "possible",
        "able",
        "adequate",
        "manageable",
        "safe",
        "straightforward",
        "easy",
        "feasible",
        "acceptable",
        "negligible",
        "minimal",
        "good",
    }
)
PAST_CUES = frozenset(
    {
        "previously",
        "before",
        "last",
        "ago",
        "old",
        "legacy",
        "formerly",
        "earlier",
        "then",
        "yesterday",
        "once",
        "used",
        "historically",
        "originally",
    }
)
TRIGGER_MARKERS = frozenset({"if", "when", "whenever", "unless", "once"})
#: Every word and lemma a hedge test starts from (besides phrases and modal tags).
_LOWER_CUES = (
    HEDGE_ADVERBS
    | HEDGE_ADJECTIVES
    | {"might", "may", "could", "should", "fairly", "reasonably", "somewhat", "relatively"}
    | {"hoping", "hoped"}
)
_LEMMA_CUES = (
    HEDGE_VERBS
    | APPEARANCE_VERBS
    | TENTATIVE_VERBS
    | STANCE_NOUNS
    | PERCEPTION_VERBS
    | CERTAINTY_ADJECTIVES
    | COMMITMENT_VERBS
    | PROOF_VERBS
    | IMPRESSION_VERBS
    | {"doubt", "lean", "attempt", "point"}
)


@dataclass(frozen=True, slots=True)
class Hedge:
    start: int  # token index
    end: int
    kind: str


def hedges(doc: Doc) -> list[Hedge]:
    """Every hedge in ``doc``, in order, one per hedging expression."""
    return _distinct(sentence_hedges(doc))


def sentence_hedges(doc: Doc) -> dict[int, list[Hedge]]:
    """Each sentence's hedges (overlaps kept), keyed by the sentence's first token index."""
    return {sentence.start: list(_sentence_hedges(doc, sentence)) for sentence in doc.sents}


def _block_sentence_hedges(block: ParsedBlock) -> dict[int, list[Hedge]]:
    """:func:`sentence_hedges` from the block's shared word lists."""
    lowers, lemmas, tags = block.lowers(), block.lemmas(), block.tags()
    return {
        sentence.start: list(
            _sentence_hedges(
                block.doc,
                sentence,
                (
                    lowers[sentence.start : sentence.end],
                    lemmas[sentence.start : sentence.end],
                    tags[sentence.start : sentence.end],
                ),
            )
        )
        for sentence in block.doc.sents
    }


def _distinct(by_sentence: dict[int, list[Hedge]]) -> list[Hedge]:
    found: list[Hedge] = []
    covered: set[int] = set()
    for sentence in by_sentence.values():
        for hedge in sentence:
            if hedge.start in covered:
                continue
            covered.update(range(hedge.start, hedge.end))
            found.append(hedge)
    return found


def _stance(token: Token) -> str | None:
    """The writer's stance in words the hedge lists do not spell out: an
    opinion noun ("my read is that", "to my mind"), a reading ("as I see it",
    "if I read the dashboards right"), qualified certainty ("moderately
    confident", "not hundred percent sure"), a refused guarantee ("I can't
    guarantee"), doubt ("I have doubts that"), leaning ("I lean towards"),
    evidence held back ("fits X, though it does not prove it"), and an
    impression ("the early numbers look encouraging", "looks to be")."""
    lemma = token.lemma_.lower()
    if lemma in STANCE_NOUNS and token.pos_ == "NOUN":
        own = any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in token.children)
        if own and (
            (token.dep_ == "nsubj" and token.head.lemma_ == "be")
            or (token.dep_ == "pobj" and token.head.lower_ in ("in", "to") and lemma != "mind")
            or (lemma == "mind" and token.head.lower_ == "to")
        ):
            return "stance"
        if lemma == "hypothesis" and (
            token.i == token.sent.start
            or token.doc[token.i - 1].lower_ in ("working", "current", "leading")
        ):
            return "stance"
        return None
    if lemma in PERCEPTION_VERBS and token.pos_ == "VERB":
        marked = any(c.dep_ == "mark" and c.lower_ in ("as", "if") for c in token.children)
        reading = any(
            (c.dep_ == "dobj" and c.lower_ == "it") or c.lower_ in ("right", "correctly")
            for c in token.children
        )
        return "stance" if marked and reading and _first_person_subject(token) else None
    if lemma in CERTAINTY_ADJECTIVES and token.pos_ == "ADJ" and token.dep_ == "acomp":
        head = token.head
        qualified = any(c.lower_ in QUALIFYING_DEGREES for c in token.children) or any(
            c.dep_ == "neg" for c in (*token.children, *head.children)
        )
        return "stance" if qualified and _first_person_subject(head) else None
    if lemma in COMMITMENT_VERBS and token.pos_ == "VERB":
        negated = any(c.dep_ == "neg" for c in token.children)
        return "stance" if negated and _first_person_subject(token) else None
    if lemma == "doubt" and token.pos_ == "NOUN":
        denied = any(c.lower_ in ("no", "without", "little") for c in token.children)
        held = token.dep_ == "dobj" and _first_person_subject(token.head)
        return "stance" if held and not denied else None
    if lemma == "lean" and token.pos_ == "VERB":
        towards = any(c.lower_ in ("towards", "toward") for c in token.children)
        return "stance" if towards and _first_person_subject(token) else None
    if lemma == "point" and token.pos_ == "VERB":
        towards = any(c.lower_ in ("towards", "toward") for c in token.children)
        return "tentative" if towards and not _first_person_subject(token) else None
    if lemma in PROOF_VERBS and token.pos_ == "VERB":
        negated = any(c.dep_ == "neg" for c in token.children)
        conceded = any(c.lower_ in CONCESSIVE_MARKERS for c in token.children)
        return "tentative" if negated and conceded else None
    if lemma in IMPRESSION_VERBS and token.pos_ in ("VERB", "NOUN"):
        following = token.doc[token.i + 1 : token.i + 3]
        words = [w.lower_ for w in following]
        if words[:1] and words[0] in ("very", "quite", "pretty", "fairly"):
            words = words[1:]
        if words[:2] == ["to", "be"] or (words and words[0] in IMPRESSION_ADJECTIVES):
            return "appearance"
    return None


def _first_person_subject(verb: Token) -> bool:
    subject = _subject(verb)
    return subject is not None and subject.lower_ in ("i", "we")


def _listed_as_word(token: Token) -> bool:
    """A hedge word in a list of hedge words ("possibly, perhaps and probably
    are banned") is named, not used."""
    doc = token.doc
    cues = HEDGE_ADVERBS | {"might", "may", "could", "maybe"}
    if token.lower_ not in cues:
        return False
    for step in (-1, 1):
        index = token.i + step
        while 0 <= index < len(doc) and doc[index].lower_ in (",", "and", "or", "/"):
            index += step
        if (
            index != token.i + step
            and 0 <= index < len(doc)
            and doc[index].lower_ in cues - {token.lower_}
        ):
            return True
    return False


def _resemblance(look: Token) -> bool:
    """ "X looks like a Y": a thing resembling a thing, not "it looks like we will slip"."""
    subjects = [c for c in look.children if c.dep_ == "nsubj"]
    like = next((c for c in look.children if c.lower_ == "like"), None)
    if not subjects or like is None or subjects[0].tag_ not in ("NN", "NNS", "NNP", "WDT"):
        return False
    objects = [c for c in like.children if c.dep_ == "pobj"]
    return bool(objects) and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in objects[0].children
    )


def _sentence_hedges(
    doc: Doc, sentence: Span, strings: tuple[list[str], list[str], list[str]] | None = None
) -> Iterator[Hedge]:
    """``strings``: the sentence's lower-cased words, lemmas and tags, when at hand.
    A hedge inside a claim reported from someone else is not the writer's."""
    for hedge in _candidate_hedges(doc, sentence, strings):
        if not _reported_by_other(doc[hedge.start]):
            yield hedge


def _reported_by_other(token: Token) -> bool:
    """ "The vendor claims the appliance will probably handle 10 Gbps": the hedge
    sits in what a third party says."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS:
            subject = _subject(node.head)
            return subject is not None and subject.lower_ not in ("i", "we")
        node = node.head
    return False


def _candidate_hedges(
    doc: Doc, sentence: Span, strings: tuple[list[str], list[str], list[str]] | None = None
) -> Iterator[Hedge]:
    if strings is None:
        tokens = list(sentence)
        strings = (
            [token.lower_ for token in tokens],
            [token.lemma_.lower() for token in tokens],
            [token.tag_ for token in tokens],
        )
    lowers, lemmas, tags = strings
    for index, lower in enumerate(lowers):
        lemma = lemmas[index]
        phrases = _PHRASES_BY_FIRST.get(lower, ())
        if not (phrases or tags[index] == "MD" or lower in _LOWER_CUES or lemma in _LEMMA_CUES):
            continue  # no test below applies to this word
        token = sentence[index]
        if _listed_as_word(token):
            continue  # "possibly, perhaps and probably are banned": words named, not used
        stance = _stance(token)
        if stance:
            yield Hedge(token.i, token.i + 1, stance)
            continue
        for phrase in phrases:
            if tuple(lowers[index : index + len(phrase)]) == phrase:
                if (
                    phrase == ("kind", "of")
                    and index > 0
                    and lowers[index - 1] in ("a", "this", "that", "any", "what")
                ):
                    continue
                if (
                    phrase == ("sort", "of")
                    and index > 0
                    and lowers[index - 1] in ("a", "this", "that", "any")
                ):
                    continue
                after = index + len(phrase)
                if phrase[-1] == "say" and after < len(lowers) and lowers[after] in ("no", "yes"):
                    continue  # "I'd say no to a third vendor": a decision, not a hedge
                if phrase[1] == "like" and _resemblance(token):
                    continue  # "a regression that looks like a win" compares, it does not hedge
                yield Hedge(token.i, token.i + len(phrase), "phrase")
        if tags[index] == "MD" or lower in ("might", "may", "could", "should"):
            kind = _modal_hedge(token, sentence)
            if kind:
                yield Hedge(token.i, token.i + 1, kind)
        elif lower in HEDGE_ADVERBS and token.pos_ in ("ADV", "ADJ", "INTJ"):
            if (
                lower in ("likely", "unlikely")
                and index
                and lowers[index - 1] in ("most", "more", "less", "least")
            ):
                continue  # "the devices most likely to break" ranks, it does not hedge
            if lower in ("likely", "unlikely") and token.pos_ == "ADJ":
                yield Hedge(token.i, token.i + 1, "adjective")
            elif token.pos_ != "ADJ":
                yield Hedge(token.i, token.i + 1, "adverb")
        elif lower in HEDGE_ADJECTIVES and token.pos_ == "ADJ" and _hedging_adjective(token):
            yield Hedge(token.i, token.i + 1, "adjective")
        elif (
            lower in ("fairly", "reasonably", "somewhat", "relatively") and token.head.pos_ == "ADJ"
        ):
            yield Hedge(token.i, token.i + 1, "adverb")
        elif (
            (lemma in HEDGE_VERBS or lower in ("hoping", "hoped"))
            and token.pos_ == "VERB"
            and (_writer_is_subject(token))
        ):
            if lemma in ("expect", "estimate", "assume") and _has_number(sentence):
                continue  # "we assume 40% of traffic moves" is a stated planning number
            if lemma == "believe" and any(
                child.dep_ == "prep" and child.lower_ == "in" for child in token.children
            ):
                continue  # "I believe in small changes" states a value
            if lemma in ("try", "attempt") and not any(
                child.dep_ == "xcomp" for child in token.children
            ):
                continue
            yield Hedge(token.i, token.i + 1, "verb")
        elif lemma in APPEARANCE_VERBS and token.pos_ in ("VERB", "AUX"):
            if token.tag_ == "VBD" and _has_number(sentence):
                continue  # "it seemed slow, so we measured it: 4.8 s" reports a check
            infinitive = any(child.dep_ == "xcomp" for child in token.children)
            if _impersonal_subject(token) or lemma == "seem" or infinitive:
                yield Hedge(token.i, token.i + 1, "verb")
        elif lemma in TENTATIVE_VERBS and token.pos_ == "VERB":
            if any(child.dep_ == "ccomp" for child in token.children):
                yield Hedge(token.i, token.i + 1, "verb")


def _modal_hedge(token: Token, sentence: Span) -> str | None:
    lower = token.lower_
    if lower == "may" and token.tag_ != "MD":
        return None  # the month
    if _explicit_trigger(sentence):
        return None
    verb = token.head
    if lower == "should" and token.i == sentence.start and not sentence.text.rstrip().endswith("?"):
        return None  # "Should lag exceed 30 s, the router stops": an inverted condition
    if lower == "might":
        if verb.tag_ == "VBN" and any(child.lower_ == "have" for child in verb.children):
            return None  # counterfactual "might have known"
        return "modal"
    negated = any(child.dep_ == "neg" for child in verb.children)
    if lower == "may":
        if negated and verb.lemma_.lower() in PROHIBITED_ACTIONS:
            return None  # "may not exceed": a rule
        if _restricted_permission(verb):
            return None  # "may be submitted by a guardian only", "may swap as long as ..."
        if verb.lemma_.lower() in NON_VOLITIONAL:
            return "modal"
        return None if _is_permission(verb) else "modal"
    if lower == "could":
        if _is_past_ability(token, sentence) or _is_request(token, sentence):
            return None
        if _own_counterfactual(token):
            return None  # "in hindsight, I could have split the migration"
        return "modal"
    if lower == "should":
        return "modal" if _is_expectation(verb) else None
    return None


def _restricted_permission(verb: Token) -> bool:
    """A rule stated with "may": limited by "only", a condition ("as long as",
    "provided"), done "without" a control, grounded in a rule's source ("under
    the ordinance", "per council policy"), or a window to file something in
    ("appeals may be lodged within 28 days")."""
    if any(child.lower_ == "only" for child in verb.children):
        return True
    for other in verb.sent:
        if other.lower_ in ("under", "per", "by") and any(
            word.lower_ in RULE_SOURCES for word in other.subtree if word.i != other.i
        ):
            return True
    passive = any(child.dep_ == "auxpass" for child in verb.children)
    if passive and verb.lemma_.lower() in FILED_ACTIONS:
        return True
    if any(c.dep_ == "agent" and any(g.lower_ == "only" for g in c.subtree) for c in verb.children):
        return True
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "without":
            return True
        if child.dep_ == "advcl" and any(
            g.lower_ in PERMISSION_CONDITIONS for g in child.children if g.i < child.i
        ):
            return True
        if child.dep_ in ("advmod", "prep") and child.lower_ in ("as", "provided"):
            if any(g.lower_ in PERMISSION_CONDITIONS for g in child.subtree):
                return True
    return False


def _past_purpose(token: Token, sentence: Span) -> bool:
    """ "Spares were shipped so crews could swap a radio": "so (that)" plus a
    subject right before "could", after a clause in the past tense (read
    from the words, since the small parser often attaches "so" wrongly)."""
    words = list(sentence[: token.i - sentence.start])
    marks = [w for w in words if w.lower_ == "so"]
    if not marks:
        return False
    mark = marks[-1]
    between = sentence.doc[mark.i + 1 : token.i]
    if any(w.pos_ in ("VERB", "AUX") or w.is_punct for w in between):
        return False
    return any(w.tag_ == "VBD" for w in sentence.doc[sentence.start : mark.i])


def _own_counterfactual(token: Token) -> bool:
    """ "We could have paused on day two": an option the writer had, not a guess."""
    verb = token.head
    if verb.tag_ != "VBN" or not any(child.lower_ == "have" for child in verb.children):
        return False
    subject = _subject(verb)
    return subject is not None and (
        subject.lower_ in FIRST_PERSON or any(w.lower_ in ("our", "my") for w in subject.subtree)
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl"):
            return child
    return None


def _is_permission(verb: Token) -> bool:
    subject = _subject(verb)
    if subject is None:
        return False
    words = {subject.lower_} | {child.lower_ for child in subject.subtree}
    if subject.dep_ == "nsubjpass" or subject.lower_ in ("it", "this", "that", "there"):
        return False
    return (
        bool(words & ROLE_WORDS)
        or subject.lower_.endswith(ROLE_SUFFIXES)
        or subject.ent_type_ == "PERSON"
        or (subject.pos_ == "PROPN" and subject.lower_ not in ("latency",))
    )


def _is_request(token: Token, sentence: Span) -> bool:
    """ "Could you send me the results?" asks; it does not hedge."""
    return token.i == sentence.start and sentence.text.rstrip().endswith("?")


def _is_past_ability(token: Token, sentence: Span) -> bool:
    verb = token.head
    negated = any(child.dep_ == "neg" for child in verb.children)
    subject = _subject(verb)
    if negated or (subject is not None and subject.lower_ in ("nobody", "no", "none", "noone")):
        return True  # "could not reproduce", "nobody could log in": what happened
    if any(other.lower_ == "only" for other in verb.subtree):
        return True  # "could process only 40,000 events per second"
    if sentence.root.tag_ == "VBD" and sentence.root.i != verb.i:
        return True  # "we added a kill switch so that on-call could disable it"
    if verb.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in ("so", "that") for child in verb.children
    ):
        return True  # "spares were staged so staff could swap a unit": purpose
    if _past_purpose(token, sentence):
        return True
    past_verbs = any(
        other.tag_ in ("VBD",) and other.i != token.i and other.lemma_ != "could"
        for other in sentence
    )
    cue = any(other.lower_ in PAST_CUES for other in sentence)
    has_year = any(
        other.like_num and other.text.isdigit() and len(other.text) == 4 for other in sentence
    )
    if negated and (past_verbs or cue or has_year):
        return True
    if (cue or has_year) and past_verbs:
        return True
    return negated and any(child.lower_ in ("only", "never") for child in token.head.children)


def _is_expectation(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    negated = any(child.dep_ == "neg" for child in verb.children)
    if lemma in SHOULD_OUTCOMES or (negated and lemma in ("affect", "impact", "change", "cause")):
        return True
    if any(
        word.dep_ in ("advmod", "quantmod")
        and (word.head.like_num or any(c.dep_ == "nummod" for c in word.head.children))
        for word in verb.subtree
        if word.lower_ in APPROXIMATORS
    ):
        return True  # "the handler should shave roughly 4 microseconds"
    if lemma in ("be", "get") and any(
        child.lower_ in ("done", "finished", "complete", "ready", "fixed")
        for child in verb.children
    ):
        return True
    subject = _subject(verb)
    if subject is not None and subject.lower_ in METRIC_WORDS and lemma not in ("cover", "include"):
        return True
    if lemma in EXPECTATION_VERBS:
        subject = _subject(verb)
        # "the canary should catch it" is expectation; "the on-call should page" is duty.
        if subject is not None and subject.lower_ in ROLE_WORDS:
            return False
        return True
    if lemma == "be":
        return any(
            child.dep_ in ("acomp", "attr") and child.lower_ in EXPECTATION_ADJECTIVES
            for child in verb.children
        )
    return False


def _explicit_trigger(sentence: Span) -> bool:
    """A conditional with a measurable trigger: "if X exceeds N for M minutes"."""
    for token in sentence:
        if token.lower_ in TRIGGER_MARKERS and token.dep_ in ("mark", "advmod"):
            clause = list(token.head.subtree)
            if any(_is_number(other) for other in clause):
                return True
    return False


def _hedging_adjective(token: Token) -> bool:
    """ "It is possible that ...", "a plausible explanation"; not "two paths are possible"."""
    if token.lower_ in ("likely", "unlikely", "unclear", "conceivable"):
        return _is_predicative(token) or token.dep_ == "amod"
    if token.dep_ == "amod":
        if token.i > 0 and token.doc[token.i - 1].lower_ == "only":
            return False  # "the only possible explanation" narrows, it does not hedge
        return token.head.lower_ in (
            "explanation",
            "cause",
            "correlation",
            "reason",
            "outcome",
            "scenario",
            "link",
            "impact",
        )
    head = token.head
    return _is_predicative(token) and any(
        child.dep_ == "expl" or (child.dep_ == "nsubj" and child.lower_ == "it")
        for child in head.children
    )


def _is_predicative(token: Token) -> bool:
    return token.dep_ in ("acomp", "attr", "oprd") or (
        token.dep_ == "amod" and token.head.lower_ in ("outcome", "cause", "scenario")
    )


def _writer_is_subject(token: Token) -> bool:
    subject = _subject(token)
    return (
        subject is not None
        and subject.lower_ in FIRST_PERSON
        and not any(child.dep_ == "neg" for child in token.children)
    )


def _impersonal_subject(token: Token) -> bool:
    subject = _subject(token)
    return subject is not None and subject.lower_ in ("it", "this", "that", "there")


def _is_number(token: Token) -> bool:
    """A quantity, not the pronoun "one" ("if the current one misses")."""
    if any(ch.isdigit() for ch in token.text):
        return True
    return token.like_num and not (token.lower_ == "one" and token.dep_ != "nummod")


def _has_number(sentence: Span) -> bool:
    return any(token.like_num or any(ch.isdigit() for ch in token.text) for token in sentence)


def cached_sentence_hedges(block: ParsedBlock) -> dict[int, list[Hedge]]:
    """:func:`sentence_hedges` of the block, shared by ML202, the statistics and scoring."""
    return block.cached("sentence-hedges", lambda _: _block_sentence_hedges(block))


def cached_hedges(block: ParsedBlock) -> list[Hedge]:
    return block.cached("hedges", lambda _: _distinct(cached_sentence_hedges(block)))


@check("hedging")
def hedging(block: ParsedBlock, options: dict) -> Iterator[Match]:
    doc = block.doc
    for hedge in cached_hedges(block):
        first, last = doc[hedge.start], doc[hedge.end - 1]
        yield Match(first.idx, last.idx + len(last), {"kind": hedge.kind})
