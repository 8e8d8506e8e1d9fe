"""Approval gates (ML101): progress that waits on a person or a body.

A phrase list finds "sign-off" but misses "needs the network director's
approval", "waits on a go decision from the regional leadership team" and
"the team lead approves each promotion". This check works on the parse:

* an **approval word** — a verb (approve, sign off, endorse, clear ...), a
  noun (approval, sign-off, go-ahead, green light, a "yes" from ...) or an
  **approving body** (CAB, steering committee, launch council, PMO ...);
* in a **gating** frame: a precondition or wait (before, until, once, only
  after, pending, needs, requires, waits for, blocked on, conditional upon),
  or an approver acting on the plan's steps in the present or future ("the
  team lead approves each promotion", "a launch council decides whether").

Automated gates ("the go/no-go check is automated"), approvals by the
product's users ("customers sign off on the delivery receipt"), past stories
("at my previous company every change waited two weeks for the CAB") and
metrics named after approvals ("card approval rate") are not gates. The
vocabularies are the rule's options, so a team can add its own bodies.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from memolint.parsed import ParsedBlock
from memolint.rules.checks.vocabulary import Key, phrase_at, phrase_keys, starts, words
from memolint.rules.context import past_narrative
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

METRIC_HEADS = frozenset({"rate", "rates", "ratio", "percentage", "latency", "time", "count"})


STRONG_VERBS = frozenset(
    {
        "approve",
        "greenlight",
        "green-light",
        "authorize",
        "authorise",
        "ratify",
        "endorse",
        "bless",
        "sanction",
    }
)
COMPOUND_GATES = frozenset(
    {
        "gate",
        "gates",
        "step",
        "steps",
        "process",
        "board",
        "meeting",
        "workflow",
        "chain",
        "stage",
        "box",
        "loop",
        "ticket",
        "request",
        "cycle",
    }
)


@check("approval-gate")
def approval_gate(block: ParsedBlock, options: dict) -> Iterator[Match]:
    vocab = {
        key: words(options, key)
        for key in (
            "approval-verbs",
            "approval-nouns",
            "approving-bodies",
            "approvers",
            "gating-words",
            "automation-words",
            "non-approvers",
            "non-plan-objects",
        )
    }
    keys, lowers, lemmas = phrase_keys(block), block.lowers(), block.lemmas()
    for sentence in block.doc.sents:
        if past_narrative(block, sentence):
            continue
        at = slice(sentence.start, sentence.end)
        for anchor in _anchors(sentence, vocab, (keys[at], lowers[at], lemmas[at])):
            if _automated(anchor, vocab["automation-words"]):
                continue
            yield Match(anchor.start_char, anchor.end_char)


def _anchors(
    sentence: Span,
    vocab: dict[str, frozenset[str]],
    strings: tuple[list[Key | None], list[str], list[str]],
) -> Iterator[Span]:
    tokens = list(sentence)
    doc = sentence.doc
    keys, lowers, lemmas = strings  # the sentence's phrase keys, lower-cased words and lemmas
    gated = _is_gated(sentence, vocab["gating-words"], lowers, lemmas)
    outsiders = vocab["non-approvers"]
    approval_verbs = vocab["approval-verbs"]
    may_be_body = starts(vocab["approving-bodies"], keys)
    may_be_noun = starts(vocab["approval-nouns"], keys)
    for index, token in enumerate(tokens):
        if lemmas[index] in FORUMS and _forum_decides(token):
            yield doc[token.i : token.i + 1]  # "the bi-weekly Model Review decides every stage"
            continue
        length = (
            phrase_at(tokens, index, vocab["approving-bodies"], whole_compounds=True, keys=keys)
            if may_be_body[index]
            else 0
        )
        if length:
            before = doc[token.i - 1].lower_ if token.i > sentence.start else ""
            if before not in ("post", "post-", "-"):  # a post-launch review decides nothing
                yield doc[token.i : token.i + length]
            continue
        length = (
            phrase_at(tokens, index, vocab["approval-nouns"], whole_compounds=True, keys=keys)
            if may_be_noun[index]
            else 0
        )
        if length:
            span = doc[token.i : token.i + length]
            head = span.root
            if head.dep_ == "compound":
                if head.head.lower_ in COMPOUND_GATES:
                    yield span  # "a change approval step"
                continue  # "approval rate", "consent screen": not a gate
            if head.lower_ in ("permission", "permissions", "consent") and not _from_approver(
                span, vocab["approvers"]
            ):
                continue  # an app asking its user for permission
            if _outsider_sentence(sentence, outsiders):
                continue
            if head.lower_.startswith("authori") and _about_payments(sentence):
                continue  # a card authorization, not a permission
            if gated or _from_approver(span, vocab["approvers"]):
                left = [c.i for c in head.children if c.dep_ == "compound" and c.i < span.start]
                yield doc[min([*left, span.start]) : span.end]  # "VP approval"
            continue
        if lowers[index] in ("sign", "signs") and index + 1 < len(tokens):
            if lowers[index + 1] == "off" and gated:
                yield doc[token.i : token.i + 2]  # "once legal signs off" (often mis-tagged)
                continue
        lemma = lemmas[index]
        if lemma not in approval_verbs and lemma != "sign":
            continue  # neither an approval verb nor "sign off" (the test below, cheaply)
        is_verb = token.pos_ == "VERB" and token.dep_ != "amod"
        if not ((is_verb and lemma in approval_verbs) or _is_sign_off(token)):
            continue
        if _objects(token) & vocab["non-plan-objects"]:
            continue  # "support approves refunds": a business process, not the plan
        if token.tag_ == "VBN" and any(
            child.dep_ in ("mark", "advmod") and child.lower_ in ("once", "after", "until", "when")
            for child in token.children
        ):
            yield doc[token.i : token.i + 1]  # "Once approved, the firmware is pushed"
            continue
        if token.tag_ == "VBD" or (token.tag_ == "VBN" and not _has_present_auxiliary(token)):
            continue  # an approval already given is not a gate
        strong = lemma in STRONG_VERBS or _is_sign_off(token)
        if not _approver_subject(token, vocab, strong):
            continue
        if gated or (strong and _acts_on_plan(token)) or _passive_with_agent(token):
            end = token.i + 1
            for child in token.children:
                if child.lower_ == "off" and child.i == end:
                    end = child.i + 1
            yield doc[token.i : end]


FORUMS = frozenset(
    {
        "review",
        "sync",
        "meeting",
        "check-in",
        "board",
        "committee",
        "council",
        "forum",
        "panel",
        "standup",
        "stand-up",
        "huddle",
        "call",
        "steerco",
    }
)
FORUM_DECISIONS = frozenset({"decide", "approve", "grant", "gate", "sign", "clear", "authorize"})


def _forum_decides(token: Token) -> bool:
    """A meeting or board as the subject of a decision about progress."""
    if token.lemma_.lower() not in FORUMS:
        return False
    if token.i > 0 and token.doc[token.i - 1].text == "-":
        return False  # "on-call" is a person on a rotation
    if token.dep_ == "pobj" and token.head.lower_ in ("at", "in", "by", "during"):
        verb = token.head.head  # "decisions ... are taken at the bi-weekly Model Review"
        deciders = {c.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        return verb.tag_ != "VBD" and (
            "decision" in deciders or verb.lemma_.lower() in FORUM_DECISIONS
        )
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    return verb.lemma_.lower() in FORUM_DECISIONS and verb.tag_ != "VBD"


def _automated(anchor: Span, automation: frozenset[str]) -> bool:
    """An automation word in the anchor's own clause ("the go/no-go check is automated")."""
    clause = _clause_head(anchor.root)
    return any(
        token.lower_ in automation and _clause_head(token).i == clause.i for token in anchor.sent
    )


def _clause_head(token: Token) -> Token:
    seen = 0
    while token.dep_ not in ("ROOT", "advcl", "relcl", "ccomp", "conj", "parataxis") and seen < 40:
        if token.head.i == token.i:
            break
        token = token.head
        seen += 1
    return token


PAYMENT_WORDS = frozenset(
    {
        "payment",
        "payments",
        "card",
        "cards",
        "charge",
        "bin",
        "issuer",
        "$",
        "signup",
        "checkout",
        "trial",
        "cvv",
        "3-d",
        "3ds",
        "tokenization",
        "oauth",
        "token",
        "tokens",
        "endpoint",
        "api",
        "request",
        "requests",
    }
)


def _about_payments(sentence: Span) -> bool:
    return bool({token.lower_ for token in sentence} & PAYMENT_WORDS)


def _outsider_sentence(sentence: Span, outsiders: frozenset[str]) -> bool:
    return any(
        token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in outsiders for token in sentence
    )


def _has_present_auxiliary(verb: Token) -> bool:
    """ "is approved", "has approved", or "has" shared with a conjunct.

    ("finance has reviewed and approved the report")
    """
    holders = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(
        child.dep_ in ("aux", "auxpass") and child.tag_ not in ("VBD",)
        for holder in holders
        for child in holder.children
    )


def _objects(verb: Token) -> set[str]:
    return {
        token.lower_
        for child in verb.children
        if child.dep_ in ("dobj", "nsubjpass")
        for token in child.subtree
    }


def _passive_with_agent(verb: Token) -> bool:
    return any(child.dep_ == "agent" for child in verb.children) and any(
        child.dep_ == "auxpass" for child in verb.children
    )


def _is_sign_off(token: Token) -> bool:
    return token.lemma_.lower() == "sign" and any(child.lower_ == "off" for child in token.children)


def _is_gated(sentence: Span, gating: frozenset[str], lowers: list[str], lemmas: list[str]) -> bool:
    """``lowers`` and ``lemmas``: the sentence's lower-cased words and lemmas."""
    last = len(lowers) - 1
    for index, lower in enumerate(lowers):
        lemma = lemmas[index]
        if lower in gating or lemma in gating:
            return True
        if lemma == "have" and index < last and lowers[index + 1] == "to":
            if sentence[index].lemma_ == "have":
                return True
    return False


def _from_approver(span: Span, approvers: frozenset[str]) -> bool:
    """ "approval from the VP", "the director's approval", "SVP OK"."""
    words = {token.lower_ for token in span.root.subtree}
    return bool(words & approvers) or any(child.dep_ == "poss" for child in span.root.children)


def _approver_subject(verb: Token, vocab: dict[str, frozenset[str]], strong: bool) -> bool:
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "agent")]
    if not subjects and verb.dep_ == "conj":
        subjects = [child for child in verb.head.children if child.dep_ == "nsubj"]
    outsiders = vocab["non-approvers"]
    for subject in subjects:
        words = {token.lower_ for token in subject.subtree}
        if words & outsiders:
            return False
        if words & vocab["approvers"] or words & vocab["approving-bodies"]:
            return True
        if subject.pos_ == "PROPN" or subject.dep_ == "agent":
            return True
        if strong and subject.lower_ not in ("we", "i", "it", "this", "that", "they"):
            return True  # "until marketing approves the screenshots"
    if strong and any(child.dep_ == "auxpass" for child in verb.children):
        return True  # "has to be approved": someone must approve
    return strong and not subjects and verb.dep_ in ("xcomp", "relcl", "advcl", "acl")


def _acts_on_plan(verb: Token) -> bool:
    """Present or future approval of the plan's steps ("approves each promotion")."""
    objects = [child for child in verb.children if child.dep_ in ("dobj", "ccomp", "xcomp")]
    return bool(objects) or any(child.tag_ == "MD" for child in verb.children)
