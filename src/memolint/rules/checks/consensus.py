"""Consensus language (ML104): decisions that belong to a group, or to no one.

The guide's example is "I gathered the team and we decided together"; the
family is wider: agentless decisions ("it was decided", "the approach was
agreed"), groups as deciders ("the stakeholders settled on", "the teams
aligned on"), collective adverbs ("jointly", "as a team", "by consensus") and
consensus as a precondition ("once everyone is on board", "after we get
buy-in from every team"). A decision with a named owner ("Priya decides",
"I made the call") is not flagged, nor are agreements that are documents
("the master agreement", "the agreed SLA").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from memolint.parsed import ParsedBlock
from memolint.rules.checks.vocabulary import words
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


AGREEMENT_MARKERS = frozenset(
    {
        "broad",
        "full",
        "general",
        "mutual",
        "unanimous",
        "shared",
        "team",
        "group",
        "collective",
        "cross-team",
        "stakeholder",
        "everyone",
        "everybody",
        "all",
    }
)
AGREEMENT_VERBS = frozenset({"reach", "get", "need", "seek", "gain", "build", "require", "secure"})
PASSIVE_DECISIONS = frozenset(
    {"decide", "agree", "settle", "conclude", "feel", "resolve", "arrive"}
)
DECISION_NOUNS = frozenset({"decision", "call", "choice", "agreement", "determination"})


@check("consensus-language")
def consensus_language(block: ParsedBlock, options: dict) -> Iterator[Match]:
    vocab = {
        key: words(options, key)
        for key in (
            "decision-verbs",
            "groups",
            "collective-words",
            "consensus-nouns",
            "agreement-documents",
            "consensus-phrases",
            "technical-words",
        )
    }
    lowers, lemmas = block.lowers(), block.lemmas()
    for sentence in block.doc.sents:
        at = slice(sentence.start, sentence.end)
        if not vocab["technical-words"].isdisjoint(lowers[at]):
            continue  # distributed-systems consensus, model ensembles
        strings = (block.text_of(sentence), lowers[at], lemmas[at])
        for start, end in _anchors(sentence, vocab, strings):
            yield Match(start, end)


#: Lemmas that can start a consensus anchor besides the rule's own word lists.
_OTHER_CUES = frozenset({"unanimous", "unanimously", "gather", "object", "disagree"})


def _anchors(
    sentence: Span,
    vocab: dict[str, frozenset[str]],
    strings: tuple[str, list[str], list[str]],
) -> Iterator[tuple[int, int]]:
    doc = sentence.doc
    text, lowers, lemmas = strings  # the sentence's text, lower-cased words and lemmas
    written = text.lower()
    for phrase in vocab["consensus-phrases"]:
        found = written.find(phrase)
        if found >= 0 and (found == 0 or not written[found - 1].isalnum()):
            yield sentence.start_char + found, sentence.start_char + found + len(phrase)
    padded = f" {' '.join(lowers)} "
    has_collective = any(f" {word} " in padded for word in vocab["collective-words"])
    groups = vocab["groups"]
    nouns, decisions = vocab["consensus-nouns"], vocab["decision-verbs"]
    for index, lower in enumerate(lowers):
        lemma = lemmas[index]
        if not (
            lower in nouns
            or lemma in nouns
            or lower in _OTHER_CUES
            or lemma in _OTHER_CUES
            or lemma in decisions
        ):
            continue  # no branch below can fire
        token = sentence[index]
        span = None
        if token.lower_ in vocab["consensus-nouns"] or lemma in vocab["consensus-nouns"]:
            if _plain_noun(token, vocab["agreement-documents"]):
                span = doc[token.i : token.i + 1]
        elif (
            token.lower_ in ("unanimous", "unanimously")
            or (lemma == "gather" and _object_words(token) & groups)
            or (
                lemma in ("object", "disagree") and _subject_words(token) & {"no", "nobody", "none"}
            )
        ):
            span = doc[token.i : token.i + 1]
        elif lemma in vocab["decision-verbs"] and token.dep_ != "amod":
            clause = " ".join(_clause_words(token))
            in_clause = has_collective and any(
                f" {word} " in f" {clause} " for word in vocab["collective-words"]
            )
            if _group_decision(token, lemma, groups, in_clause):
                span = _verb_group(token)
        if span is not None:
            yield span.start_char, span.end_char


def _plain_noun(token: Token, documents: frozenset[str]) -> bool:
    """Consensus or agreement among people, not a protocol or a contract."""
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "poss")}
    if token.lemma_.lower() == "agreement":
        if modifiers & documents:
            return False
        return bool(modifiers & AGREEMENT_MARKERS) or token.head.lemma_.lower() in AGREEMENT_VERBS
    if token.dep_ == "compound" or any(
        c.dep_ in ("compound", "amod") and c.lower_ not in AGREEMENT_MARKERS for c in token.children
    ):
        return False  # "consensus protocol", "analyst consensus"
    return True


def _group_decision(token: Token, lemma: str, groups: frozenset[str], collective: bool) -> bool:
    if token.pos_ not in ("VERB", "ADJ", "AUX"):
        return False
    subject = _subject_words(token)
    agent = _agent_words(token)
    passive = any(child.dep_ == "auxpass" for child in token.children) or (
        token.tag_ == "VBN" and (agent or token.i == token.sent.start)
    )
    if passive:
        if collective:
            return True  # "decided jointly by product, SRE and support"
        if lemma == "align" and subject & groups:
            return True  # "once all teams are aligned on the schema"
        if lemma in PASSIVE_DECISIONS and (not agent or agent & groups):
            return True  # "it was decided", "agreed by all leads", "Agreed in sync: ..."
        if lemma in ("make", "reach", "take") and subject & DECISION_NOUNS and not agent:
            return True  # "a decision was reached"
        return False
    if subject & groups and lemma != "make":
        return True  # "the team agreed", "the stakeholders settled on"
    if subject & {"we", "everyone", "everybody"} and lemma in ("decide", "agree"):
        perfect = any(child.lemma_ == "have" for child in token.children)
        if collective or token.tag_ == "VBD" or perfect:
            return True  # "we decided together", "we have decided"
    if "i" in subject:
        return False  # "I align the rollout with the release train"
    if lemma in ("make", "take") and not _object_words(token) & DECISION_NOUNS:
        return False
    return collective and lemma in ("decide", "agree", "choose", "align", "settle", "pick", "make")


def _clause_words(verb: Token) -> list[str]:
    """The verb's own clause: its subtree without embedded clauses."""
    embedded = {
        t.i
        for child in verb.children
        if child.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj", "csubj")
        for t in child.subtree
    }
    return [t.lower_ for t in verb.subtree if t.i not in embedded]


def _verb_group(verb: Token) -> Span:
    doc = verb.doc
    start = min(
        [verb.i]
        + [
            child.i
            for child in verb.children
            if child.dep_ in ("aux", "auxpass", "nsubj")
            and child.i < verb.i
            and verb.i - child.i <= 3
        ]
    )
    return doc[start : verb.i + 1]


def _subject_words(verb: Token) -> set[str]:
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("conj", "xcomp"):
        subjects = [child for child in verb.head.children if child.dep_ == "nsubj"]
    return {token.lower_ for subject in subjects for token in subject.subtree}


def _agent_words(verb: Token) -> set[str]:
    return {
        token.lower_ for child in verb.children if child.dep_ == "agent" for token in child.subtree
    }


def _object_words(verb: Token) -> set[str]:
    return {
        token.lower_ for child in verb.children if child.dep_ == "dobj" for token in child.subtree
    }


def _is_document(token: Token, documents: frozenset[str]) -> bool:
    modifiers = {child.lower_ for child in token.children if child.dep_ in ("compound", "amod")}
    return bool(modifiers & documents) or token.dep_ == "compound"
