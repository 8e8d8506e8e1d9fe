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
from memolint.rules.checks.people import PEOPLE_BY_ROLE
from memolint.rules.checks.vocabulary import words
from memolint.rules.context import non_use_reason
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
        "rough",
        "common",
    }
)
AGREEMENT_VERBS = frozenset({"reach", "get", "need", "seek", "gain", "build", "require", "secure"})
PASSIVE_DECISIONS = frozenset(
    {"decide", "agree", "settle", "conclude", "feel", "resolve", "arrive"}
)
DECISION_NOUNS = frozenset({"decision", "call", "choice", "agreement", "determination"})
#: Nouns a group can hold jointly: "a collective judgement", "a joint call".
JUDGEMENT_NOUNS = DECISION_NOUNS | frozenset(
    {"judgement", "judgment", "conclusion", "verdict", "view", "position", "resolution", "vote"}
)
#: Modifiers that give a judgement to a group.
SHARED_MODIFIERS = frozenset(
    {"joint", "collective", "shared", "group", "team", "mutual", "common", "consensus", "majority"}
)
#: Verbs a coordinated or plural subject decides with ("the architects voted").
GROUP_DECISION_VERBS = frozenset(
    {"decide", "agree", "vote", "settle", "conclude", "converge", "choose", "resolve", "align"}
)
#: Words that, as a subject, name a person or team and not a machine: a plural
#: subject decides as a group only if it is one of these or ends like one. Roles
#: come from the shared list; the rest are bodies and teams.
PEOPLE_PLURALS = frozenset(word for word in PEOPLE_BY_ROLE if word.endswith("s")) | frozenset(
    {
        "architects",
        "directors",
        "squads",
        "departments",
        "directorates",
        "sides",
        "parties",
        "teams",
        "stakeholders",
        "executives",
        "heads",
        "chiefs",
        "founders",
        "guilds",
        "chapters",
        "councils",
        "boards",
        "functions",
        "groups",
        "designers",
        "maintainers",
    }
)
PEOPLE_SUFFIXES = ("ers", "ors", "ists", "ians")
#: Objections nobody raised: "nobody objected", "no party dissented".
OBJECTION_VERBS = frozenset({"object", "disagree", "dissent", "oppose"})
OBJECTION_NOUNS = frozenset({"objection", "objections", "concern", "concerns", "dissent"})
NOBODY = frozenset({"no", "nobody", "none", "noone", "no-one"})
TERMS_WORDS = frozenset(
    {
        "terms",
        "policy",
        "eula",
        "disclosure",
        "conditions",
        "licence",
        "license",
        "tos",
        "notice",
        "consent",
        "contract",
    }
)


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
    machines = words(options, "technical-parties")
    lowers, lemmas = block.lowers(), block.lemmas()
    for sentence in block.doc.sents:
        at = slice(sentence.start, sentence.end)
        if not vocab["technical-words"].isdisjoint(lowers[at]):
            continue  # distributed-systems consensus, model ensembles
        strings = (block.text_of(sentence), lowers[at], lemmas[at])
        for start, end, silence in _anchors(sentence, vocab, strings):
            span = block.doc.char_span(start, end, alignment_mode="expand")
            if _between_machines(span, machines):
                continue
            if span is not None and silence:
                # "Nobody objected" is agreement by silence: its "nobody" is the
                # finding, not a negation of it; mentions and quotes still count.
                if not non_use_reason(span, negated=False, mentioned=True, quoted=True):
                    yield Match(start, end, check_context=False)
                continue
            yield Match(start, end)


def _between_machines(span: Span | None, machines: frozenset[str]) -> bool:
    """ "The replicas agree on the order", "a majority of validators": the
    parties to the agreement are machines (or figures), not people. Only the
    match's own subject, agent and modifiers are read, so a ledger mentioned
    elsewhere in the sentence does not hide "the teams agreed"."""
    if span is None or not machines:
        return False
    root = span.root
    parties = [_party_words(root)]
    node = root
    while node.dep_ in ("dobj", "pobj", "attr", "prep", "xcomp", "amod") and node.head.i != node.i:
        node = node.head  # "the replicas fail to reach consensus": up to the subject's verb
        parties.append(_party_words(node))
    return any(word.lower_ in machines for party in parties for word in party)


def _party_words(token: Token) -> list[Token]:
    """The token and the words that say who takes part: subject, agent,
    noun modifiers, "among"/"between"/"of" objects."""
    found = [token]
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent", "compound", "amod", "poss") or (
            child.dep_ == "prep" and child.lower_ in ("among", "between", "of", "across")
        ):
            found.extend(child.subtree)
    return found


#: Lemmas that can start a consensus anchor besides the rule's own word lists.
_OTHER_CUES = (
    frozenset({"unanimous", "unanimously", "gather", "raise", "own", "share"})
    | OBJECTION_VERBS
    | JUDGEMENT_NOUNS
)


def _anchors(
    sentence: Span,
    vocab: dict[str, frozenset[str]],
    strings: tuple[str, list[str], list[str]],
) -> Iterator[tuple[int, int, bool]]:
    """Each anchor's character offsets, and whether it is agreement by
    silence ("nobody objected"), whose "nobody" is the finding itself."""
    doc = sentence.doc
    text, lowers, lemmas = strings  # the sentence's text, lower-cased words and lemmas
    written = text.lower()
    for phrase in vocab["consensus-phrases"]:
        found = written.find(phrase)
        if found >= 0 and (found == 0 or not written[found - 1].isalnum()):
            yield sentence.start_char + found, sentence.start_char + found + len(phrase), False
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
        silence = _nobody_objected(token, lemma)
        if token.lower_ in vocab["consensus-nouns"] or lemma in vocab["consensus-nouns"]:
            if _plain_noun(token, vocab["agreement-documents"]):
                span = doc[token.i : token.i + 1]
        elif (
            token.lower_ in ("unanimous", "unanimously")
            or (lemma == "gather" and _object_words(token) & groups)
            or silence
            or _shared_judgement(token, lemma)
            or _shared_ownership(token, lemma, groups)
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
            yield span.start_char, span.end_char, silence


def _nobody_objected(token: Token, lemma: str) -> bool:
    """ "Nobody objected", "no party dissented", "nobody raised an objection":
    silence taken as agreement."""
    if lemma in OBJECTION_VERBS and token.pos_ == "VERB":
        return bool(_subject_words(token) & NOBODY)
    if lemma == "raise" and token.pos_ == "VERB":
        return bool(_subject_words(token) & NOBODY and _object_words(token) & OBJECTION_NOUNS)
    return False


def _shared_judgement(token: Token, lemma: str) -> bool:
    """ "A collective judgement reached by clinicians", "a joint call", "a group vote"."""
    if lemma not in JUDGEMENT_NOUNS or token.pos_ != "NOUN":
        return False
    return any(
        child.dep_ in ("amod", "compound") and child.lower_ in SHARED_MODIFIERS
        for child in token.children
    )


def _shared_ownership(token: Token, lemma: str, groups: frozenset[str]) -> bool:
    """ "Both of us will own rollout", "ownership is shared": nobody owns it alone."""
    if lemma == "own" and token.pos_ == "VERB":
        return bool(_subject_words(token) & {"both", "jointly", "all"}) or any(
            child.lower_ in ("jointly", "together", "both") for child in token.children
        )
    if lemma == "share" and token.tag_ == "VBN":
        return bool(_subject_words(token) & {"ownership", "accountability", "decision", "call"})
    return False


def _group_subject(verb: Token) -> bool:
    """A subject of several parties ("the platform and payments teams", "the
    on-call and the DBA") or a plural of people ("the architects voted")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    joined = len(subjects) > 1 and any(
        word.lower_ in ("and", "&", "+") for word in verb.doc[subjects[0].i : subjects[-1].i]
    )
    if joined and any(_is_party(s) for s in subjects):
        return True  # "the on-call and the DBA", parsed as two subjects
    for subject in subjects:
        if subject.lower_ in ("i", "he", "she", "it", "this", "that", "one"):
            continue
        parties = [w for w in subject.subtree if w.i == subject.i or w.dep_ == "conj"]
        if len(parties) > 1 and any(_is_party(w) for w in parties):
            return True  # "the clinicians and IT", "the on-call and the DBA"
        if _is_party(subject) and subject.tag_ in ("NNS", "NNPS"):
            return True  # "the architects voted"
    return False


def _aligned_with(verb: Token) -> list[Token]:
    """The words after "align with", up to the next verb or subject: read from
    the word order, since the small parser often breaks a list of teams."""
    preposition = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    if preposition is None:
        return []
    found = []
    for word in verb.doc[preposition.i + 1 : verb.sent.end]:
        if word.pos_ in ("VERB", "AUX") or word.dep_ in ("nsubj", "nsubjpass", "mark"):
            break
        found.append(word)
    return found


def _is_party(word: Token) -> bool:
    """A person, a role or a team: a name, "teams", "architects", "the DBA"."""
    lower = word.lower_
    if lower in PEOPLE_PLURALS or lower in ("team", "org", "orgs", "on-call", "oncall"):
        return True
    if word.tag_ in ("NNS", "NNPS") and lower.endswith(PEOPLE_SUFFIXES):
        return True
    return word.pos_ == "PROPN" or lower.endswith(("er", "or", "ist", "ian"))


def _agrees_to_terms(verb: Token) -> bool:
    """ "Members agree to the updated terms": accepting terms, not deciding."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "to"
        and any(word.lower_ in TERMS_WORDS for word in child.subtree)
        for child in verb.children
    )


def _single_owner_agreed(verb: Token) -> bool:
    """ "Ana and I agreed that she owns the cutover": what was agreed names one owner."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        named = subject.pos_ == "PROPN" and not subject.text.isupper()
        if subject.lower_ in ("i", "he", "she") or named:
            return True
    return False


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
        if lemma == "align" and any(
            child.dep_ == "prep" and child.lower_ == "to" for child in token.children
        ):
            return False  # "store managers are aligned to regions in the org chart"
        if lemma == "align" and (
            subject & (groups | {"every", "each"})
            or _group_subject(token)
            or any(child.lower_ == "all" for child in token.children)
        ):
            return True  # "once all teams are aligned on the schema"
        if lemma in PASSIVE_DECISIONS and (not agent or agent & groups):
            return True  # "it was decided", "agreed by all leads", "Agreed in sync: ..."
        if lemma in ("make", "reach", "take") and subject & DECISION_NOUNS and not agent:
            return True  # "a decision was reached"
        return False
    if subject & groups and lemma != "make":
        return True  # "the team agreed", "the stakeholders settled on"
    if lemma == "agree" and _agrees_to_terms(token):
        return False
    if lemma in ("agree", "converge") and any(
        word.lower_ == "within" and any(w.like_num for w in word.subtree) for word in token.subtree
    ):
        return False  # "the grandmasters agree to within 100 ns": readings, not people
    aligns_a_thing = lemma == "align" and any(c.dep_ == "dobj" for c in token.children)
    if aligns_a_thing and not collective:
        return False  # "field crews align the antenna with the collector": literal
    if lemma in GROUP_DECISION_VERBS and _group_subject(token) and not _single_owner_agreed(token):
        return True  # "the platform and payments teams agreed", "the architects voted"
    if lemma == "align" and not aligns_a_thing:
        partners = _aligned_with(token)
        if {w.lower_ for w in partners} & {"and", "every", "all", "each"}:
            return True  # "after aligning with finance, legal and every regional GM"
    if subject & {"we", "everyone", "everybody"} and lemma in ("decide", "agree"):
        if _single_owner_agreed(token):
            return False  # "we agreed that I would own rollback decisions"
        perfect = any(child.lemma_ == "have" for child in token.children)
        if collective or token.tag_ == "VBD" or perfect:
            return True  # "we decided together", "we have decided"
    if "i" in subject:
        return False  # "I align the rollout with the release train"
    if lemma in ("make", "take") and not _object_words(token) & DECISION_NOUNS:
        return False
    return collective and lemma in (
        "decide",
        "agree",
        "choose",
        "align",
        "settle",
        "pick",
        "make",
        "take",
        "conclude",
        "determine",
        "resolve",
        "converge",
        "vote",
    )


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
