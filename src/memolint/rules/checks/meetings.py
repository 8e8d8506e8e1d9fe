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
from memolint.rules.checks.people import PEOPLE_BY_ROLE
from memolint.rules.checks.vocabulary import Key, phrase_at, phrase_keys, starts, words
from memolint.rules.context import (
    decides_nothing,
    in_past_story,
    past_narrative,
    receives_news,
    rejected_just_before,
    said_next,
    says_none,
    set_aside,
    under_rejecting_heading,
    weighed_and_rejected,
)
from memolint.rules.kinds.base import Match
from memolint.rules.learned import learned_anchor
from memolint.rules.registry import check

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SHORT_DAYS = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
CADENCE = re.compile(
    r"\b(weekly|daily|nightly|biweekly|bi-weekly|fortnightly|monthly|bimonthly|bi-monthly|"
    r"semi-monthly|quarterly|twice-weekly|twice-monthly|"
    r"recurring|recurrent|periodic|regular\b|standing|cadence|"
    r"(first|last)\s+(" + _DAYS + r")|"  # "the last Friday of the month", not "last quarter"
    r"(every|each|once a|twice a|per)\s+"
    r"(other\s+|two\s+|three\s+|second\s+|third\s+|\w+day'?s?\s+)?(day|week|month|quarter|sprint|morning|"
    r"afternoon|evening|night|fortnight|release|iteration|weeks|months|phase|wave|step|stage|ramp|"
    r"milestone|batch|ring|cohort|tranche|increment|deployment|go-live|cutover|" + _DAYS + r")|"
    # the rollout's own steps, named with a word or two before them: "before each
    # advertiser cohort", "ahead of every county wave" ("for each site" is data, not time)
    r"(before|after|ahead of|at)\s+(every|each)\s+([\w-]+\s+){0,2}?"
    r"(phases|waves|steps|stages|cohorts|tranches|rings|batches|phase|wave|step|stage|cohort|"
    r"tranche|ring|batch|region|market|lane|site|store|country)\b|"
    r"(on\s+)?(" + _DAYS + r")s\b|"
    r"every\s+(" + _DAYS + r")|"
    r"(once|twice|three times|four times|\d+\s*(times|x))\s+(a|per|each|every)\s+"
    r"(day|week|month|sprint)|"  # "three times a week"
    r"(every|each)\s+(\d+|two|three|four|few)\s+(hours|days|weeks)|"  # "every 48 hours"
    r"(every|each)\s+(business|working|work|week|school)\s?day|"
    r"(every|each|per)[\s-]+(fortnight|sprint)|"  # "per-sprint product council"
    r"(" + _DAYS + r")\s+(and|&|/)\s+(" + _DAYS + r")|"  # "Tuesday and Friday check-ins"
    r"(" + _SHORT_DAYS + r")(/(" + _SHORT_DAYS + r"))*\.?\s+\d{1,2}[:.]\d{2})",  # "Wed 16:00"
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
    if block.block.kind == "heading":
        return  # a heading names the section ("The Thursday review"); its body says what it does
    if under_rejecting_heading(block):
        return  # "## Alternatives considered" / "- A weekly sync with every squad. Rejected."
    keys, lowers, lemmas = phrase_keys(block), block.lowers(), block.lemmas()
    sentences = list(block.doc.sents)
    for number, sentence in enumerate(sentences):
        text = block.text_of(sentence)
        if past_narrative(block, sentence) or text.rstrip().endswith("?"):
            continue  # a story, or a question ("Will there be a weekly sync?")
        at = slice(sentence.start, sentence.end)
        anchors = list(
            _anchors(
                sentence,
                nouns,
                recurring,
                verbs,
                people,
                _Cadence(text),
                (keys[at], lowers[at], lemmas[at]),
            )
        )
        if not anchors:
            # a wording the parse rules do not know, if the rule's sentence model is sure
            learned = learned_anchor(block, sentence, options)
            if learned is None:
                continue
            anchors = [learned]
        if rejected_just_before(sentence):
            continue  # "I'm rejecting both. A weekly sync costs 44 people an hour a week."
        # a meeting that explicitly decides nothing, said here or in the next two sentences
        # ("There is a deploy review on Thursdays. ... It has no vote.")
        if decides_nothing(said_next(block, sentences, number), non_deciding):
            continue
        if "none" in lowers[at] and says_none(sentence):
            continue
        if weighed_and_rejected(sentence):
            continue  # "A tempting option is a weekly council, but councils dilute ownership"
        for anchor in anchors:
            if _time_of_day(anchor):
                continue  # "outside office hours, the secondary on-call takes pages"
            if set_aside(anchor.root):
                continue  # "a standing sync would have cost us", "ops asked whether ..."
            if _about_data(anchor, data_words, people):
                continue  # a data sync, or infrastructure being stood up
            if in_past_story(anchor.root, cues=False):
                continue  # "at my old company, weekly status reviews ate six hours"
            if _counted(anchor.root):
                continue  # "180,000 new reviews per day", "10 min per sync": things counted
            informed = receives_news(anchor.root) or _received(anchor.root)
            if informed and DECIDING_LEMMAS.isdisjoint(lemmas[at]):
                continue  # "the advisory committee receives a summary and a quarterly briefing"
            yield Match(anchor.start_char, anchor.end_char)


#: What a body does when it decides, not just hears: a briefing it acts on aligns.
DECIDING_LEMMAS = frozenset({"decide", "approve", "agree", "vote", "sign", "choose", "veto"})


def _received(noun: Token) -> bool:
    """The meeting is what someone receives or reads ("receives a written summary
    and a quarterly briefing"): news handed over, not a forum that aligns."""
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None
        and verb.i < noun.i
        and verb.lemma_.lower() in ("receive", "read")  # not "gets a review"
    )  # however the list after it was parsed: "receives a summary ... and a quarterly briefing"


def _counted(noun: Token) -> bool:
    """The noun counts things or serves as a unit, so it is no meeting.

    "around 180,000 new reviews per day", "~350 reviews per shift", "we
    give up ~10 min per sync". Small numbers can still count meetings
    ("two syncs a week").
    """
    if noun.dep_ == "pobj" and noun.head.lower_ in ("per", "each", "a"):
        return True
    doc = noun.doc
    # the number is a child, or just before the noun when the parse loses it ("~350 reviews")
    near = [doc[i] for i in range(max(noun.sent.start, noun.i - 2), noun.i)]
    return any(_large_number(t) for t in [*noun.children, *near] if t.dep_ != "npadvmod")


#: Units that make a number a meeting's length ("a 30 min readiness call"), not a count.
DURATION_UNITS = frozenset(
    {"min", "mins", "minute", "minutes", "-minute", "h", "hr", "hrs", "hour", "hours", "-hour"}
)


def _large_number(token: Token) -> bool:
    digits = token.text.replace(",", "").lstrip("~≈")
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    if following in DURATION_UNITS or (
        following == "-" and token.i + 2 < len(token.doc) and token.nbor(2).lower_ in DURATION_UNITS
    ):
        return False  # a duration: "a 30 min call", "a 45-minute review"
    return digits.isdigit() and int(digits) > 12 and token.i < token.head.i + 3


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


def _about_data(anchor: Span, data_words: frozenset[str], people: frozenset[str]) -> bool:
    root = next(
        (t for t in anchor if t.lemma_.lower() in ("sync", "standup", "stand-up", "stand")), None
    )
    if root is None:
        return False
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        if root.head.head.lemma_.lower() in DATA_VERBS:
            return True  # "a copy refreshed by a nightly sync": a sync that writes data
    if _between_systems(root):
        return True  # "change sync from PLM to ERP": data moves from one system to another
    if any(t.lower_ in people and not _data_team(t) for t in root.subtree if t.i != root.i):
        return False  # "a weekly sync with the CDN, player and data teams": people meet
    related = list(root.subtree)
    if root.dep_ == "compound":
        related.append(root.head)  # "a weekly sync job"
    for child in root.head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "prep", "dobj"):
            related.extend(child.subtree)
    if root.dep_ in ("nsubj", "nsubjpass"):
        related.extend(root.head.subtree)
    return any(
        token.lower_ in data_words and token.dep_ != "poss" and not _names_a_team(token, people)
        for token in related
    )  # a possessor says whose, not what is synced: "each region's control room"


def _between_systems(sync: Token) -> bool:
    """ "sync from PLM to ERP": a meeting is held, it does not go from one
    named thing to another (a time, "from 10 to 11", is not a system)."""
    ends = {
        prep.lower_: object_
        for prep in sync.children
        if prep.dep_ == "prep" and prep.lower_ in ("from", "to")
        for object_ in prep.children
        if object_.dep_ == "pobj"
    }
    return len(ends) == 2 and not any(
        end.like_num or end.ent_type_ in ("TIME", "DATE") or end.lower_ in ("noon", "midnight")
        for end in ends.values()
    )


#: What a data sync does to what it syncs; a meeting does none of them.
DATA_VERBS = frozenset(
    {"refresh", "update", "populate", "overwrite", "load", "fill", "copy", "replicate", "write"}
)


def _data_team(token: Token) -> bool:
    """ "the sync team" is people only if it is not the head of a data phrase."""
    return token.dep_ == "compound"


TEAM_HEADS = frozenset({"engineering", "eng", "science", "platform", "analytics", "ops"})


def _names_a_team(token: Token, people: frozenset[str]) -> bool:
    """ "data engineering", "the data platform team": people, not data."""
    head = token.head
    while token.dep_ == "compound" and head.i != token.i:
        if head.lower_ in TEAM_HEADS or head.lower_ in people:
            return True
        token, head = head, head.head
    return False


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
            last = doc[token.i + length - 1]
            if last.dep_ == "compound" and last.head.lower_ in RECORD_HEADS:
                continue  # "our standup bot asks each engineer ...": a tool, not a meeting
            yield doc[token.i : token.i + length]
            continue
        length = (
            phrase_at(tokens, index, nouns, longest=4, by_lemma=True, keys=keys, lemmas=lemmas)
            if may_be_noun[index]
            else 0
        )
        if (
            length
            and lowers[index] in ("call", "calls")
            and index >= 2
            and tokens[index - 1].text == "-"
        ):
            continue  # "on-call" is a rotation, not a call
        if (
            length
            and lowers[index] in ("call", "calls")
            and (_decision_call(token) or _software_call(token))
        ):
            continue  # "the migration lead's call" decides; "a live NDC call" is a request
        if length:
            anchor = _meeting_noun(doc[token.i : token.i + length], has_cadence())
            if anchor is not None:
                yield anchor
                continue
        gathering = _gathering(token, people, has_cadence) if token.pos_ == "NOUN" else None
        if gathering is not None:
            yield gathering  # "a calibration checkpoint is held each Tuesday with ..."
            continue
        lemma = lemmas[index]
        following = lowers[index + 1] if index + 1 < len(tokens) else ""
        together = lemma == "get" and following == "together"
        if not (lemma in verbs or f"{lemma} {following}" in verbs or together):
            continue
        if lemma == "host" and not any(c.dep_ == "dobj" for c in token.children):
            continue
        if (
            has_cadence()
            and token.pos_ in ("VERB", "NOUN")
            and _clause_has_cadence(token)
            and _people_subject(token, people)
            and not _alone(token)
        ):
            yield doc[token.i : token.i + (2 if together else 1)]


#: Words that make "call" a decision: "a judgement call", "the final call".
DECISION_CALL_MODIFIERS = frozenset({"judgment", "judgement", "final"})


def _decision_call(token: Token) -> bool:
    """ "resuming is the migration lead's call", "I make the call", "a
    judgement call": "call" as someone's decision, not a meeting ("the
    leads' monthly call" still meets)."""
    modifiers = [c for c in token.children if c.dep_ not in ("det", "punct")]
    if any(c.lower_ in DECISION_CALL_MODIFIERS for c in modifiers):
        return True
    described = any(  # "a biweekly branch managers' call" describes a meeting
        t.lower_ in ("a", "an") or t.dep_ in ("amod", "nummod")
        for t in token.subtree
        if t.i < token.i
    )
    if (
        any(c.dep_ == "poss" for c in modifiers)
        and token.dep_ not in ("nsubj", "nsubjpass")
        and not described
    ):
        # "resuming is the lead's call, based on ...", however the parse attaches it;
        # "the leads' monthly call" or "the leads' call with IT" still meet
        return not any(c.dep_ == "compound" or c.lower_ in ("with", "on") for c in modifiers)
    made = token.dep_ == "dobj" and token.head.lemma_.lower() == "make"
    the = any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in token.children)
    return (  # "I make the call on the next cohort from the dashboard", not "a call with"
        made and the and all(c.dep_ == "prep" and c.lower_ not in ("with", "to") for c in modifiers)
    )


#: Modifiers that make "call" a request between programs ("an API call").
SOFTWARE_CALL_MODIFIERS = frozenset(
    {
        "api",
        "apis",
        "rpc",
        "grpc",
        "http",
        "https",
        "rest",
        "soap",
        "graphql",
        "ndc",
        "gds",
        "function",
        "method",
        "network",
        "remote",
        "service",
        "backend",
        "upstream",
        "downstream",
        "database",
        "db",
        "sdk",
        "lambda",
        "outbound",
        "inbound",
        "blocking",
        "synchronous",
        "asynchronous",
        "async",
        "system",
        "webhook",
    }
)


def _software_call(token: Token) -> bool:
    """ "answered from cache rather than a live GDS call", "API calls per
    second": a request between programs, not a meeting."""
    if any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in SOFTWARE_CALL_MODIFIERS
        for c in token.children
    ):
        return True
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in CALL_OUTCOMES:
        return True  # "the publish call to the feed service fails 3 times"
    return any(  # "a call to the pricing service"
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(g.lower_ in CALLED_PROGRAMS for g in c.children)
        for c in token.children
    )


#: What befalls a request between programs, never a meeting.
CALL_OUTCOMES = frozenset({"fail", "succeed", "return", "retry", "timeout", "error", "throw"})
#: What a program calls.
CALLED_PROGRAMS = frozenset(
    {"service", "services", "api", "endpoint", "server", "backend", "function", "database", "db"}
)


def _meeting_noun(span: Span, has_cadence: bool) -> Span | None:
    """The meeting a noun names, if it recurs; ``None`` for a verb ("we review ...")."""
    root = span.root
    days = _DAYS.split("|")
    as_verb = root.pos_ in ("VERB", "AUX")
    if as_verb and root.dep_ not in ("dobj", "compound", "pobj") and not _fragment_noun(root, days):
        return None  # the verb reading is checked with its subject
    following = root.doc[root.i + 1].lower_ if root.i + 1 < len(root.doc) else ""
    if root.dep_ == "poss" or following in ("'s", "’s"):
        return None  # "the county council's permit data": the body owns something
    if _not_a_meeting_review(root):
        return None  # "quarterly performance reviews", "code reviews"
    if span.text.lower().startswith("check") and _process_check_in(span[0]):
        return None  # "gate check-in" of trucks, "online check-in" of passengers
    if (root.dep_ == "compound" and root.head.lower_ in RECORD_HEADS) or (
        root.pos_ == "NOUN" and following in RECORD_HEADS
    ):
        return None  # "each learner's review history is refitted nightly": a record, no meeting
        # (read off the words too: "put on Lindiwe's review list", however it was parsed)
    if not has_cadence:
        if any(t.lower_ in days for t in root.subtree if t.i < root.i) or _weekday_before(root):
            return _with_modifiers(
                span
            )  # "the Thursday rollout meeting", "a Monday planning huddle"
        return None
    if as_verb or root.pos_ in ("NOUN", "PROPN", "NUM") or root.dep_ in ("compound", "dobj"):
        return _with_modifiers(span)
    return None


#: Nouns a meeting word can modify without naming a meeting: "review history".
RECORD_HEADS = frozenset(
    {
        "history",
        "histories",
        "log",
        "logs",
        "queue",
        "queues",
        "count",
        "counts",
        "data",
        "score",
        "scores",
        "rate",
        "rates",
        "volume",
        "volumes",
        "backlog",
        "latency",
        "api",
        "endpoint",
        "pipeline",
        "job",
        "table",
        "bot",
        "bots",
        "template",
        "templates",
        "tool",
        "script",
        "form",
        "list",
        "lists",
        "sheet",
        "ticket",
        "tickets",
        "dashboard",
    }
)
#: Reviews that are no meetings of the program: HR and code review.
NON_MEETING_REVIEWS = frozenset({"code", "pull", "peer", "salary", "compensation"})
#: Whose performance an HR review judges: "performance reviews for the squad".
REVIEWED_PEOPLE = frozenset(
    {"squad", "team", "staff", "engineers", "employees", "members", "people", "reports"}
)


def _not_a_meeting_review(noun: Token) -> bool:
    if noun.lemma_.lower() != "review":
        return False
    modifiers = {c.lower_ for c in noun.children if c.i < noun.i}
    if modifiers & NON_MEETING_REVIEWS:
        return True
    of_people = any(
        c.dep_ == "prep"
        and c.lower_ in ("for", "of")
        and any(w.lower_ in REVIEWED_PEOPLE for w in c.subtree)
        for c in noun.children
    )
    return "performance" in modifiers and of_people


#: What "check-in" is at a gate, a desk or online: a process, not a meeting.
CHECK_IN_PROCESSES = frozenset(
    {
        "gate",
        "online",
        "mobile",
        "self",
        "self-service",
        "kiosk",
        "patient",
        "passenger",
        "guest",
        "hotel",
        "airport",
        "desk",
        "driver",
        "yard",
        "dock",
        "front",
    }
)


def _process_check_in(noun: Token) -> bool:
    return any(word.lower_ in CHECK_IN_PROCESSES for word in _noun_phrase_before(noun))


def _time_of_day(span: Span) -> bool:
    """ "Office hours" as a time of day: "outside / during / after office hours"."""
    doc = span.doc
    if span.start == 0 or doc[span.end - 1].lower_ != "hours":
        return False
    before = doc[span.start - 1].lower_
    return before in ("outside", "during", "after", "before", "within", "of", "in", "than")


def _noun_phrase_before(token: Token) -> list[Token]:
    """The words before ``token`` in its noun phrase, read from the word order
    (back to a determiner, a verb or punctuation other than a hyphen)."""
    doc = token.doc
    found: list[Token] = []
    index = token.i - 1
    while index >= token.sent.start and len(found) < 6:
        word = doc[index]
        if word.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON") or (
            word.is_punct and word.text not in ("-", "/")
        ):
            break
        found.append(word)
        if word.dep_ == "det" or word.pos_ == "DET":
            break
        index -= 1
    return found


def _weekday_before(token: Token) -> bool:
    """ "The Tuesday hotel-ops call", however the parser attached "Tuesday"."""
    return any(word.lower_ in _DAYS.split("|") for word in _noun_phrase_before(token))


def _fragment_noun(token: Token, days: list[str]) -> bool:
    """A meeting noun mis-tagged as a verb in a fragment ("Standing Tuesday call with
    IT") or after an article ("a standing 4 p.m. ops huddle")."""
    if any(child.dep_ in ("nsubj", "nsubjpass", "aux") for child in token.children):
        return False
    before_words = _noun_phrase_before(token)
    if before_words and before_words[-1].lower_ in ("a", "an", "the", "our", "their", "its"):
        return True
    doc = token.doc
    if token.i == token.sent.start:  # "Syncs: weekly, Tue 10:00"
        return token.i + 1 < len(doc) and doc[token.i + 1].text in (":", "-", "–")
    before = doc[token.i - 1]
    return before.lower_ in days or bool(CADENCE.fullmatch(before.text))


def _with_modifiers(span: Span) -> Span:
    """Widen "sync" to "weekly cross-team sync" for a readable finding."""
    root = span.root
    left = [child.i for child in root.children if child.dep_ in ("amod", "compound", "nmod")]
    start = min([*left, span.start])
    return span.doc[start : span.end]


OTHER_CLAUSES = frozenset({"conj", "parataxis", "ccomp", "advcl", "relcl"})


def _clause_has_cadence(verb: Token) -> bool:
    """The cadence belongs to the verb's own clause, not to a "no daily meeting" after it.

    A lead-in such as "Weekly:" sets the cadence for the whole sentence.
    """
    words: list[Token] = []
    pending = [verb]
    while pending:
        token = pending.pop()
        words.append(token)
        pending.extend(c for c in token.children if c.dep_ not in OTHER_CLAUSES or c is verb)
    if verb.dep_ in ("conj", "xcomp"):  # "we meet every Monday and review ..." shares it
        words.extend(
            t
            for c in verb.head.children
            if c.dep_ in ("npadvmod", "advmod", "prep")
            for t in c.subtree
        )
    text = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    lead, colon, _ = verb.sent.text.partition(":")
    return bool(CADENCE.search(text)) or bool(colon and CADENCE.search(lead))


GROUP_WORDS = frozenset({"team", "group", "council", "committee", "squad", "board", "panel"})


def _alone(verb: Token) -> bool:
    """One person reviewing a report ("I review the daily comparison") is not a meeting."""
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if not subjects or verb.lemma_.lower() not in ("review", "triage", "discuss", "walk"):
        return False
    subject = subjects[0]
    single = subject.lower_ in ("i", "he", "she") or (
        subject.tag_ in ("NN", "NNP") and subject.lower_ not in GROUP_WORDS
    )
    together = any(
        t.lower_ in ("with", "together", "jointly") for t in verb.subtree if t.i != subject.i
    )
    return single and not together


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
    return _left_people(verb, people)


def _left_people(verb: Token, people: frozenset[str]) -> bool:
    """People just left of a verb whose subject the parse lost.

    "the on-call leads review the alerts together" (with "leads" read as a
    verb), "the tech leads get together".
    """
    doc = verb.doc
    for index in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        token = doc[index]
        if token.lower_ in people:
            return True
        if token.lower_ in (",", ";", ":") or token.dep_ == "mark":
            return False
    return False


#: Verbs that make their object or subject a gathering of people.
CONVENING = frozenset({"hold", "convene", "chair", "attend"})
#: Who attends, beyond the rule's ``people`` words.
ATTENDEES = frozenset(
    {
        "engineering",
        "engineer",
        "scientist",
        "scientists",
        "analyst",
        "analysts",
        "representative",
        "reps",
        "delegates",
        "stewards",
        "heads",
    }
)
#: Pronouns name no one in particular: "sessions (we expect ...)" is no guest list.
PRONOUNS = frozenset({"we", "i", "you", "they", "it", "us", "them"})
#: Recurring things that are not gatherings, though held or run on a schedule.
SCHEDULED_THINGS = frozenset(
    {
        "job",
        "jobs",
        "run",
        "runs",
        "batch",
        "build",
        "builds",
        "release",
        "releases",
        "deploy",
        "deployment",
        "window",
        "scan",
        "backup",
        "export",
        "report",
        "email",
        "digest",
        "drill",
        "test",
        "sample",
        "data",
        "lock",
        "lease",
        "postmortem",
        "post-mortem",
        "incident",
    }
)


def _gathering(noun: Token, people: frozenset[str], has_cadence: _Cadence) -> Span | None:
    """A recurring gathering of people under a name the vocabulary lacks.

    "a calibration checkpoint is held each Tuesday with representatives of
    Content Engineering", "the Thursday calibration circle (identity
    engineering, two data scientists, the privacy engineer) settles the
    threshold". It needs a recurrence (a weekday on the noun, or a cadence
    in its clause) and a sign that people gather: the noun is held,
    convened or scheduled, or its own phrase names who attends.
    """
    if noun.lower_ in SCHEDULED_THINGS or noun.dep_ == "compound":
        return None
    if noun.lower_ in PEOPLE_BY_ROLE:
        return None  # "Sunday 06:00 Cutover lead: Dana Okafor": a person, not a gathering
    days = _DAYS.split("|")
    weekday = any(c.lower_ in days for c in noun.children)
    if not weekday and not (has_cadence() and _clause_has_cadence(noun.head)):
        return None
    verb = noun.head
    convened = verb.lemma_.lower() in CONVENING and (
        noun.dep_ == "dobj" or (noun.dep_ == "nsubjpass" and verb.tag_ == "VBN")
    )
    if convened and verb.lemma_.lower() == "hold" and noun.dep_ == "dobj":
        # "we hold a fortnightly review", but "hold the monthly close" keeps it from moving
        convened = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    attendees = (people - PRONOUNS) | ATTENDEES
    named = any(
        t.lower_ in attendees or t.lemma_.lower() in attendees
        for c in noun.children
        if (c.dep_ == "prep" and c.lower_ == "with") or (c.dep_ == "appos" and weekday)
        for t in c.subtree
    )
    if not named and verb.lemma_.lower() == "hold":
        named = any(
            t.lower_ in attendees
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for t in c.subtree
        )
    if not (convened or named):
        return None
    return _with_modifiers(noun.doc[noun.i : noun.i + 1])
