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
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PASSIVE_AUXILIARIES = frozenset({"be", "get"})
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
    "bind": frozenset({"to"}),
    "mean": frozenset({"to", "for", "as"}),
    "tie": frozenset({"to"}),
    "connect": frozenset({"to", "with"}),
    "prepare": frozenset({"for", "to"}),
    "qualify": frozenset({"for", "to"}),
    "know": frozenset({"for", "as"}),
    "name": frozenset({"*"}),
}
#: Participles that are adjectival whatever follows them ("we are done").
ALWAYS_STATIVE = frozenset({"do", "go", "finish", "gone", "done", "outdated", "outdate", "broken"})
#: Degree adverbs mark an adjective, not an event ("is fully distributed", "very limited").
DEGREE_ADVERBS = frozenset({"fully", "very", "quite", "too", "so", "extremely", "highly"})
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
    }
)
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
            if not any(aux.lemma_.lower() in PASSIVE_AUXILIARIES for aux in auxiliaries):
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
    return sorted(found, key=lambda clause: clause.start)


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


def _is_participle(token: Token) -> bool:
    return token.tag_ == "VBN" or (token.tag_ == "VBD" and token.pos_ == "VERB")


def _is_stative(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in ALWAYS_STATIVE or token.lower_ in ALWAYS_STATIVE:
        gets = any(c.dep_ == "auxpass" and c.lemma_.lower() == "get" for c in token.children)
        return not (_has_agent(token) or gets)
    if any(c.dep_ == "advmod" and c.lower_ in DEGREE_ADVERBS for c in token.children):
        return not _has_agent(token)  # "the scheduler is fully distributed"
    prepositions = STATIVE_PARTICIPLES.get(lemma)
    if prepositions is None or _has_agent(token):
        return False
    following = [child for child in token.children if child.i > token.i]
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
    return any(
        (child.lower_ in prepositions and child.dep_ in ("prep", "mark", "aux", "xcomp", "ccomp"))
        or (child.dep_ in ("xcomp", "ccomp") and "to" in prepositions)
        for child in following
    )


def _has_agent(token: Token) -> bool:
    return any(child.dep_ == "agent" for child in token.children)


def _get_idiom(token: Token, auxiliaries: list[Token]) -> bool:
    if not any(aux.lemma_.lower() == "get" for aux in auxiliaries):
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
        if nxt.i in known or nxt.tag_ != "VBN" or nxt.lemma_.lower() in GET_IDIOMS:
            continue
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


def _be_passives_missed_by_parser(
    doc: Doc, known: set[int], tags: list[str]
) -> Iterator[PassiveClause]:
    """Two parses the small model gets wrong: inverted questions ("Was the key
    revoked?") and hyphenated participles ("are garbage-collected")."""
    for index, tag in enumerate(tags):
        if tag != "VBN" or index in known:
            continue
        token = doc[index]
        if _is_stative(token):
            continue
        head = token.head
        if token.dep_ == "acl" and head.dep_ == "nsubj":
            verb = head.head
            if verb.lemma_ == "be" and verb.i < head.i and verb.i == head.sent.start:
                yield PassiveClause(verb.i, _group_end(token), token.i)
        elif token.dep_ == "acomp" and head.lemma_ == "be":
            hyphenated = token.i >= 2 and doc[token.i - 1].tag_ == "HYPH"
            if hyphenated and any(child.dep_ in ("nsubj",) for child in head.children):
                yield PassiveClause(head.i, _group_end(token), token.i)


def _bare_participle_passives(doc: Doc, known: set[int]) -> Iterator[PassiveClause]:
    """ "Config was change on Friday": a passive written without its -ed."""
    for token in doc:
        if token.i in known or token.lower_ not in BARE_PARTICIPLES or token.i == 0:
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
