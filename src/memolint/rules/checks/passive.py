"""Passive voice from the dependency parse (ML201 and ``stats.passive_ratio``).

A clause is passive when its main verb is a past participle carrying a
passive auxiliary (``auxpass``: be or get) or a passive subject. That covers
finite passives in every tense, modal and perfect passives, passive
infinitives ("needs to be reviewed") and gerunds ("avoid being throttled"),
and passives inside relative and subordinate clauses. Reduced relatives
("the data stored in S3") have no auxiliary and are not counted, matching
the corpus guidelines.

Stative, adjectival participles look passive but describe a state: "is based
on", "is interested in", "is located in". They are excluded when they take
their usual preposition and no ``by`` agent.
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
    from spacy.tokens import Doc, Token

PASSIVE_AUXILIARIES = frozenset({"be", "get"})
#: Forms of "get" the small model sometimes leaves unlemmatised as an auxiliary
#: ("Drivers getting paid late").
GET_FORMS = frozenset({"get", "gets", "got", "gotten", "getting"})
#: Participle lemma -> prepositions with which it reads as a state, not an event.
STATIVE_PARTICIPLES: dict[str, frozenset[str]] = {
    "base": frozenset({"on", "upon", "in", "out"}),
    "interest": frozenset({"in"}),
    "locate": frozenset({"in", "at", "on", "near", "inside", "within", "behind"}),
    "situate": frozenset({"in", "at", "on", "near"}),
    "commit": frozenset({"to"}),
    "involve": frozenset({"in", "with"}),
    "relate": frozenset({"to"}),
    "concern": frozenset({"about", "with", "that"}),
    "dedicate": frozenset({"to"}),
    "devote": frozenset({"to"}),
    "suppose": frozenset({"to"}),
    "accustom": frozenset({"to"}),
    "acquaint": frozenset({"with"}),
    "entitle": frozenset({"to"}),
    "compose": frozenset({"of"}),
    "associate": frozenset({"with"}),
    "worry": frozenset({"about", "that"}),
    "tire": frozenset({"of"}),
    "bore": frozenset({"with"}),
    "excite": frozenset({"about"}),
    "thrill": frozenset({"with", "about"}),
    "please": frozenset({"with"}),
    "satisfy": frozenset({"with"}),
    "disappoint": frozenset({"with", "in"}),
    "frustrate": frozenset({"with"}),
    "convince": frozenset({"that", "of"}),
    "aware": frozenset(),
    "equip": frozenset({"with", "to"}),
    "scare": frozenset({"of"}),
    "obsess": frozenset({"with"}),
    "use": frozenset({"to"}),
    "make": frozenset({"up", "of"}),
    "experience": frozenset({"with", "in"}),
    "bias": frozenset({"toward", "towards", "against", "in"}),
    "skew": frozenset({"toward", "towards", "to", "by"}),
    "limit": frozenset({"to"}),
    "crowd": frozenset({"with"}),
    "align": frozenset({"on", "with", "around", "behind"}),
    "distribute": frozenset({"across", "over", "among", "between"}),
    "spread": frozenset({"across", "over", "among", "between"}),
    "scatter": frozenset({"across", "over", "among"}),
    "bind": frozenset({"to", "up"}),
    "root": frozenset({"in"}),
    "mix": frozenset({"up"}),
    "wear": frozenset({"out"}),
    "set": frozenset({"to"}),
    "mean": frozenset({"to", "for", "as"}),
    "tie": frozenset({"to"}),
    "connect": frozenset({"to", "with"}),
    "prepare": frozenset({"for", "to"}),
    "qualify": frozenset({"for", "to"}),
    "know": frozenset({"for", "as"}),
    "name": frozenset({"*"}),
    "comprise": frozenset({"of"}),
    "head": frozenset({"into", "for", "toward", "towards", "to", "home"}),
    "feed": frozenset({"up"}),
    "confine": frozenset({"to"}),
    "concentrate": frozenset({"in", "on", "around", "among"}),
}
#: Psych and condition participles: a state of mind or of exhaustion, not an
#: event, unless a by-agent names who caused it ("was frustrated that ...",
#: "are exhausted after three weekends").
PSYCH_PARTICIPLES = frozenset(
    {
        "worry",
        "frustrate",
        "exhaust",
        "tire",
        "bore",
        "annoy",
        "confuse",
        "overwhelm",
        "stress",
        "surprise",
        "shock",
        "delight",
        "relieve",
        "embarrass",
        "puzzle",
        "alarm",
        "upset",
        "disappoint",
        "discourage",
        "baffle",
        "intrigue",
        "mystify",
        "perplex",
        "overstretch",
        "overload",
        "wear",
    }
)
#: Verbs that begin with "un-" (a reversal). Other "un-" participles ("is
#: untested", "are unencrypted") are adjectives with no verb behind them.
UN_VERBS = frozenset(
    {
        "unlock",
        "uninstall",
        "unpublish",
        "unblock",
        "unpause",
        "unregister",
        "unsubscribe",
        "unload",
        "unpack",
        "unmount",
        "unpin",
        "unfreeze",
        "unset",
        "undo",
        "unwind",
        "unplug",
        "unmute",
        "unhide",
        "unshare",
        "unenroll",
        "unlist",
        "unlink",
        "undeploy",
        "unassign",
        "unseal",
        "untag",
        "unmerge",
        "unwrap",
        "unzip",
        "uncheck",
        "unban",
        "unquarantine",
    }
)
#: First halves of compound adjectives ("short-staffed", "well-tested").
COMPOUND_ADJECTIVE_HEADS = frozenset({"short", "well", "ill", "under", "over", "long", "thinly"})
#: Adjectives that complete a state after a participle ("are stretched thin").
RESULT_STATES = frozenset({"thin"})
#: Participles that are adjectival whatever follows them ("we are done").
ALWAYS_STATIVE = frozenset(
    {
        "do",
        "go",
        "finish",
        "gone",
        "done",
        "outdated",
        "outdate",
        "broken",
        # adjectives that only look like participles
        "rugged",
        "dated",
        "antiquated",
        "sophisticated",
        "complicated",
        "skilled",
        "talented",
        "experienced",
        "seasoned",
        "aged",
        "jagged",
        "ragged",
    }
)
#: Degree adverbs mark an adjective, not an event ("is fully distributed", "very limited").
DEGREE_ADVERBS = frozenset(
    {
        "fully",
        "very",
        "quite",
        "too",
        "so",
        "extremely",
        "highly",
        "heavily",
        "tightly",
        "loosely",
        "closely",
        "badly",
        "hopelessly",
        "deeply",
        "overly",
        "somewhat",
        "pretty",
        "increasingly",
        "well",
    }
)
#: Bare verbs that non-native writers use as participles ("the config was change",
#: "all servers are already upgrade", "when the PR is merge"). Kept to verbs that are
#: not also adjectives or nouns after "be".
BARE_PARTICIPLES = frozenset(
    {
        "change",
        "upgrade",
        "merge",
        "deploy",
        "migrate",
        "install",
        "approve",
        "fix",
        "release",
        "restart",
        "revert",
        "delete",
        "remove",
        "disable",
        "enable",
        "configure",
        "schedule",
        "cancel",
        "update",
        "rollback",
        "decommission",
        "rotate",
        "replace",
        "reboot",
        "develop",
        "deliver",
        "upload",
        "implement",
        "publish",
        "document",
        "keep",
        "store",
        "send",
        "validate",
        "create",
        "calculate",
        "remap",
        "map",
        "scan",
        "print",
        "process",
        "generate",
        "compute",
        "assign",
        "export",
        "import",
        "archive",
        "encrypt",
        "decrypt",
        "compress",
        "reroute",
        "notify",
        "register",
        "convert",
        "retrain",
        "reconcile",
        "rebuild",
        "reindex",
        "resize",
        "backfill",
        "apply",
        "verify",
    }
)


def _bare_participle(word: str) -> bool:
    """A bare verb written for a participle, also with "re-" ("was rescan")."""
    return word in BARE_PARTICIPLES or (word.startswith("re") and word[2:] in BARE_PARTICIPLES)


#: Adverbs that complete a phrasal verb ("rolled back", "shut down").
PARTICLES = frozenset({"back", "out", "up", "down", "off", "over", "away", "through", "in"})
#: "get" + participle idioms that are not passives.
GET_IDIOMS = frozenset(
    {"start", "go", "rid", "lose", "stuck", "stick", "dress", "marry", "involve", "involved"}
)


@dataclass(frozen=True, slots=True)
class PassiveClause:
    """A passive clause: its verb group's token span and main verb."""

    start: int
    end: int
    verb: int


def passive_clauses(
    doc: Doc, tags: list[str] | None = None, lemmas: list[str] | None = None
) -> list[PassiveClause]:
    """Every passive clause in ``doc`` (one per main verb).

    ``tags`` and ``lemmas``: the doc's ``tag_`` and lower-cased lemmas by token,
    when at hand (they let the search skip most tokens unread).
    """
    if tags is None:
        tags = [token.tag_ for token in doc]
    if lemmas is None:
        lemmas = [token.lemma_.lower() for token in doc]
    found: list[PassiveClause] = []
    for index, tag in enumerate(tags):
        if tag not in ("VBN", "VBD"):
            continue  # not a participle (see _is_participle)
        token = doc[index]
        if not _is_participle(token):
            continue
        auxiliaries = [child for child in token.children if child.dep_ == "auxpass"]
        has_passive_subject = any(
            child.dep_ in ("nsubjpass", "csubjpass") for child in token.children
        )
        if auxiliaries:
            if not any(_auxiliary_lemma(aux) in PASSIVE_AUXILIARIES for aux in auxiliaries):
                continue
        elif not has_passive_subject:
            continue
        if _is_stative(token):
            continue
        if _get_idiom(token, auxiliaries):
            continue
        start = _group_start(token)
        found.append(PassiveClause(start, _group_end(token), token.i))
    known = {clause.verb for clause in found}
    found.extend(_get_passives_missed_by_parser(doc, known, lemmas))
    found.extend(_be_passives_missed_by_parser(doc, known, tags))
    found.extend(_bare_participle_passives(doc, known))
    covered = {i for clause in found for i in range(clause.start, clause.end)}
    found.extend(_prefixed_passives(doc, covered))
    return sorted(found, key=lambda clause: clause.start)


#: Prefixes the tokenizer splits off at the hyphen ("re-wrapped" -> re, -,
#: wrapped), which leaves the small parser reading "re" as the verb.
VERB_PREFIXES = frozenset(
    {"re", "pre", "co", "de", "un", "mis", "over", "under", "out", "sub", "auto", "double"}
)


def _prefixed_passives(doc: Doc, covered: set[int]) -> Iterator[PassiveClause]:
    """ "will be re-wrapped", "is re-promoted", "were de-registered": a passive
    auxiliary, a split-off prefix, a hyphen and a participle, read from the
    words because the parse of such a split is unreliable."""
    for token in doc:
        index = token.i
        if token.lower_ not in VERB_PREFIXES or index + 2 >= len(doc) or index == 0:
            continue
        hyphen, participle = doc[index + 1], doc[index + 2]
        if hyphen.text != "-" or hyphen.whitespace_ or token.whitespace_:
            continue
        if not (participle.tag_ == "VBN" or participle.lower_.endswith("ed")):
            continue
        if any(i in covered for i in range(index, index + 3)) or _is_stative(participle):
            continue
        before = index - 1
        while before > 0 and doc[before].pos_ in ("ADV", "PART") and doc[before].lemma_ != "be":
            before -= 1  # "is also re-run", "was never re-keyed"
        auxiliary = doc[before]
        if auxiliary.lemma_.lower() not in ("be", "get") or auxiliary.pos_ not in ("AUX", "VERB"):
            continue
        start = before
        while start > 0 and doc[start - 1].dep_ == "aux" and doc[start - 1].tag_ == "MD":
            start -= 1  # "will be re-wrapped"
        yield PassiveClause(start, index + 3, participle.i)


def _group_start(verb: Token) -> int:
    """Start of the verb group: the contiguous auxiliaries before the participle.

    Walks left over auxiliaries, negation and adverbs that belong to the
    verb ("will not be rolled", "has been quietly dropped") and stops at
    anything else, so a "not" outside a quotation never drags the span out.
    """
    start = verb.i
    doc = verb.doc
    while start > 0:
        previous = doc[start - 1]
        belongs = previous.head.i == verb.i and previous.dep_ in ("aux", "auxpass", "neg", "advmod")
        if not belongs or previous.is_punct:
            break
        start -= 1
    while start < verb.i and doc[start].dep_ == "advmod":
        start += 1  # a leading adverb ("quickly was") is not part of the group
    return start


def _group_end(verb: Token) -> int:
    """End of the verb group: the participle plus an adjacent particle ("rolled back")."""
    end = verb.i + 1
    for child in sorted(verb.children, key=lambda token: token.i):
        adjacent = child.i == end
        if adjacent and (child.dep_ == "prt" or child.lower_ in PARTICLES):
            end = child.i + 1
    return end


def clause_count(doc: Doc) -> int:
    """Clauses for the passive ratio: verbs heading a clause, plus copular roots."""
    count = 0
    for token in doc:
        if (token.pos_ == "VERB" and token.dep_ not in ("amod", "compound", "aux", "auxpass")) or (
            token.pos_ == "AUX" and token.dep_ == "ROOT"
        ):
            count += 1
    return count


def _auxiliary_lemma(aux: Token) -> str:
    return "get" if aux.lower_ in GET_FORMS else aux.lemma_.lower()


def _is_participle(token: Token) -> bool:
    return token.tag_ == "VBN" or (token.tag_ == "VBD" and token.pos_ == "VERB")


def _base_forms(token: Token) -> set[str]:
    """The lemma and the likely bases of an "-ed" form the tagger left
    unlemmatised ("confused" -> confuse, "worried" -> worry)."""
    lemma, lower = token.lemma_.lower(), token.lower_
    bases = {lemma}
    if lower.endswith("ied"):
        bases.add(lower[:-3] + "y")  # worried -> worry
    elif lower.endswith("ed"):
        bases |= {lower[:-1], lower[:-2]}  # confused -> confuse, alarmed -> alarm
    return bases


def _is_stative(token: Token) -> bool:
    lemma = token.lemma_.lower()
    bases = _base_forms(token)
    if token.lower_.startswith("un") and not bases & UN_VERBS and not _has_agent(token):
        return True  # "the failover path is untested" (corpus guidelines)
    if _hyphenated(token) and token.doc[token.i - 2].lower_ in COMPOUND_ADJECTIVE_HEADS:
        return True  # "the rotation is short-staffed"
    if lemma in ALWAYS_STATIVE or token.lower_ in ALWAYS_STATIVE:
        gets = any(c.dep_ == "auxpass" and c.lemma_.lower() == "get" for c in token.children)
        return not (_has_agent(token) or gets)
    if any(c.dep_ == "advmod" and c.lower_ in DEGREE_ADVERBS for c in token.children):
        return not _has_agent(token)  # "the scheduler is fully distributed"
    if bases & PSYCH_PARTICIPLES or token.lower_ == "fed":
        if token.lower_ != "fed" or any(c.lower_ == "up" for c in token.children):
            # "underwriters are worried the rater ...", "nurses are exhausted by alarm
            # noise" (a feeling and its cause); "the tier was overwhelmed by retries"
            return not _has_agent(token) or _felt_by_people(token)
    following_text = token.doc[token.i + 1].text if token.i + 1 < len(token.doc) else ""
    if not token.whitespace_ and following_text in ("-", "\u2011"):
        return True  # "were read-only": the first half of a compound adjective
    following = [child for child in token.children if child.i > token.i]
    if any(c.lower_ in RESULT_STATES and c.i == token.i + 1 for c in following):
        return True  # "our SREs are stretched thin"
    prepositions = STATIVE_PARTICIPLES.get(lemma)
    if prepositions is None or _has_agent(token) or _hyphenated(token):
        return False  # "is rate-limited to 200 rps" is a configured limit, not "limited to"
    if not following:
        return False
    if "*" in prepositions:
        return any(
            child.dep_ in ("oprd", "attr", "dobj", "ccomp", "npadvmod") for child in following
        )
    if lemma == "convince" and any(child.dep_ == "ccomp" for child in following):
        return True
    if lemma == "use":
        # "is used to owning" (a state) against "is used to smooth bursts" (a passive).
        return any(child.lower_ == "to" and child.dep_ == "prep" for child in following)
    if lemma == "set":
        # "is set to replace the codes" (about to) against "is set to true" (configured).
        return any(child.dep_ == "xcomp" and child.pos_ == "VERB" for child in following)
    adjacent = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if adjacent is not None and adjacent.lower_ in prepositions and adjacent.pos_ in ("ADP", "ADV"):
        return True  # "is scattered over 12 sites", however "over" was attached
    return any(
        (
            child.lower_ in prepositions
            and child.dep_ in ("prep", "mark", "aux", "xcomp", "ccomp", "prt")
        )
        or (child.dep_ in ("xcomp", "ccomp") and "to" in prepositions)
        for child in following
    )


def _hyphenated(token: Token) -> bool:
    """A compound participle ("rate-limited", "hand-edited")."""
    return token.i >= 2 and token.doc[token.i - 1].tag_ == "HYPH"


#: Subjects that can feel what a psych participle names (corpus guidelines: a
#: by-phrase that names the cause of a person's feeling keeps it adjectival).
FEELING_SUBJECTS = PEOPLE_BY_ROLE | frozenset(
    {
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "everyone",
        "everybody",
        "nobody",
        "people",
        "team",
        "teams",
        "staff",
        "stakeholder",
        "stakeholders",
        "leadership",
        "sres",
        "sre",
        "ops",
        "support",
    }
)


def _felt_by_people(token: Token) -> bool:
    """The participle's subject is someone who can feel ("we were surprised by
    the bill"), not a system acted on ("the pool was exhausted by leaks")."""
    subjects = [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj")]
    if not subjects and token.dep_ in ("xcomp", "conj", "acomp"):
        subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and token.dep_ == "xcomp":
        return True  # "we don't want to be surprised by ...": the wanter feels it
    return any(
        s.lower_ in FEELING_SUBJECTS or s.lemma_.lower() in FEELING_SUBJECTS for s in subjects
    )


def _has_agent(token: Token) -> bool:
    return any(child.dep_ == "agent" for child in token.children)


def _get_idiom(token: Token, auxiliaries: list[Token]) -> bool:
    if not any(_auxiliary_lemma(aux) == "get" for aux in auxiliaries):
        return False
    return token.lemma_.lower() in GET_IDIOMS or token.lower_ in GET_IDIOMS


def _get_passives_missed_by_parser(
    doc: Doc, known: set[int], lemmas: list[str]
) -> Iterator[PassiveClause]:
    """ "got deployed" is often parsed as get + adjectival complement: recover it."""
    for index, lemma in enumerate(lemmas):
        if lemma != "get" or index + 1 >= len(doc):
            continue
        token = doc[index]
        nxt = doc[token.i + 1]
        if nxt.i in known or nxt.lemma_.lower() in GET_IDIOMS:
            continue
        if nxt.tag_ != "VBN" and not (_ed_adjective(nxt) and _has_agent(nxt)):
            continue  # "got uninstalled ... by an MDM policy": tagged JJ, but an agent
        if nxt.head.i != token.i or nxt.dep_ not in ("acomp", "xcomp", "oprd", "dep", "ccomp"):
            continue
        if any(child.dep_ in ("dobj",) for child in token.children):
            continue
        if not any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children):
            continue
        start = min(
            (c.i for c in token.children if c.dep_ in ("aux", "neg") and c.i < token.i),
            default=token.i,
        )
        yield PassiveClause(start, _group_end(nxt), nxt.i)


def _ed_adjective(token: Token) -> bool:
    """A participle the tagger took for an adjective ("had been silently disabled")."""
    return token.tag_ == "JJ" and token.lower_.endswith("ed") and len(token) > 4


def _be_passives_missed_by_parser(
    doc: Doc, known: set[int], tags: list[str]
) -> Iterator[PassiveClause]:
    """Parses the small model gets wrong: inverted questions ("Was the key
    revoked?"), hyphenated participles ("are garbage-collected"), participles
    after "been"/"being" ("are being rate-limited", "hasn't been triaged"), and
    participles tagged as adjectives under a passive auxiliary ("had been
    silently disabled")."""
    for index, tag in enumerate(tags):
        if index in known or tag not in ("VBN", "JJ"):
            continue
        token = doc[index]
        if tag == "JJ" and not _ed_adjective(token):
            continue
        if _is_stative(token):
            continue
        head = token.head
        if tag == "JJ":
            start = _after_passive_auxiliary(token)
            if start is not None:
                yield PassiveClause(start, _group_end(token), token.i)
        elif token.dep_ == "acl" and head.dep_ in ("nsubj", "attr"):
            verb = head.head  # "Was the signing key actually rotated ...?" (key read as attr)
            if verb.lemma_ == "be" and verb.i < head.i and verb.i == head.sent.start:
                yield PassiveClause(verb.i, _group_end(token), token.i)
        elif token.dep_ == "acomp" and head.lemma_ == "be":
            hyphenated = _hyphenated(token)
            subject = any(child.dep_ in ("nsubj",) for child in head.children)
            if head.lower_ in ("been", "being") or (hyphenated and subject):
                yield PassiveClause(_be_group_start(head), _group_end(token), token.i)
            elif _inverted_question(head) and (
                subject or any(c.dep_ == "nsubj" and c.i < token.i for c in token.children)
            ):
                yield PassiveClause(head.i, _group_end(token), token.i)  # "Were the logs archived?"
    yield from _inverted_wh_passives(doc, known, tags)


def _inverted_question(be: Token) -> bool:
    """A "be" that opens a question, after at most a wh-word ("Were the logs
    archived?", "Why was the DSR resubmitted?")."""
    sentence = be.sent
    before = [t for t in sentence if t.i < be.i and not t.is_punct]
    return sentence.text.rstrip().endswith("?") and all(t.tag_ in WH_TAGS for t in before)


WH_TAGS = frozenset({"WRB", "WP", "WDT"})


def _inverted_wh_passives(doc: Doc, known: set[int], tags: list[str]) -> Iterator[PassiveClause]:
    """ "Why was the DSR for March resubmitted three times?": the tagger reads
    the participle as a past tense and "was" as a plain auxiliary."""
    for index, tag in enumerate(tags):
        if index in known or tag != "VBD":
            continue
        token = doc[index]
        if token.pos_ != "VERB" or _is_stative(token):
            continue
        bes = [c for c in token.children if c.dep_ == "aux" and c.lemma_ == "be" and c.i < token.i]
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if not bes or not subjects or not _inverted_question(bes[0]):
            continue
        if all(bes[0].i < subject.i < token.i for subject in subjects):
            yield PassiveClause(bes[0].i, _group_end(token), token.i)


def _after_passive_auxiliary(token: Token) -> int | None:
    """Start of the verb group when an "-ed" adjective reads as a participle:
    the parser gave it a passive auxiliary, or it follows "been"/"being"."""
    auxiliaries = [c for c in token.children if c.dep_ == "auxpass"]
    if any(_auxiliary_lemma(aux) in PASSIVE_AUXILIARIES for aux in auxiliaries):
        return _group_start(token)
    head = token.head
    if token.dep_ == "acomp" and head.lower_ in ("been", "being") and head.i < token.i:
        return _be_group_start(head)
    return None


def _be_group_start(be: Token) -> int:
    """Start of a verb group whose "be" the parser made the head ("has not been")."""
    start = be.i
    while start > 0:
        previous = be.doc[start - 1]
        if previous.head.i != be.i or previous.dep_ not in ("aux", "neg"):
            break
        start -= 1
    return start


def _bare_participle_passives(doc: Doc, known: set[int]) -> Iterator[PassiveClause]:
    """ "Config was change on Friday": a passive written without its -ed."""
    for token in doc:
        if token.i in known or not _bare_participle(token.lower_) or token.i == 0:
            continue
        before = doc[token.i - 1]
        if before.lower_ in GET_FORMS and token.pos_ == "VERB" and token.tag_ in ("VB", "VBP"):
            yield PassiveClause(before.i, token.i + 1, token.i)  # "many parcel gets rescan"
            continue
        if before.lemma_ == "be" and before.head.i == token.i and before.dep_ in ("aux", "auxpass"):
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in (*token.children, *before.children)):
                yield PassiveClause(before.i, token.i + 1, token.i)  # "the data is keep in"
            continue
        if token.dep_ not in ("acomp", "attr", "xcomp") or token.head.lemma_ != "be":
            continue
        if any(c.dep_ in ("det", "poss", "nummod", "amod") for c in token.children):
            continue  # "is a change", "is the upgrade": a noun
        be = token.head
        between = doc[be.i + 1 : token.i]
        if be.i > token.i or any(t.pos_ not in ("ADV", "PART") for t in between):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in be.children):
            continue
        if token.dep_ == "attr" and not list(token.children):
            continue  # "the biggest risk is change": a noun complement
        yield PassiveClause(be.i, token.i + 1, token.i)


def cached_passive_clauses(block: ParsedBlock) -> list[PassiveClause]:
    return block.cached("passive", lambda doc: passive_clauses(doc, block.tags(), block.lemmas()))


@check("passive-voice")
def passive_voice(block: ParsedBlock, options: dict) -> Iterator[Match]:
    doc = block.doc
    for clause in cached_passive_clauses(block):
        first, last = doc[clause.start], doc[clause.end - 1]
        agent = any(child.dep_ == "agent" for child in doc[clause.verb].children)
        yield Match(
            first.idx,
            last.idx + len(last),
            {"verb": doc[clause.start : clause.end].text, "agent": "by-agent" if agent else ""},
        )
