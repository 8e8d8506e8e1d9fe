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

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from memolint.parsed import ParsedBlock
from memolint.rules.checks.meetings import CADENCE
from memolint.rules.checks.people import PEOPLE_BY_ROLE
from memolint.rules.checks.vocabulary import Key, phrase_at, phrase_keys, starts, words
from memolint.rules.context import ANYONE as ANY_PARTICIPANT
from memolint.rules.context import (
    WATCHING_WORDS,
    decides_nothing,
    in_past_story,
    non_use_reason,
    past_narrative,
    receives_news,
    said_next,
    says_none,
    set_aside,
    shares_present_auxiliary,
    under_rejecting_heading,
    weighed_and_rejected,
)
from memolint.rules.kinds.base import Match
from memolint.rules.learned import learned_proposal
from memolint.rules.registry import check

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

METRIC_HEADS = frozenset({"rate", "rates", "ratio", "percentage", "latency", "time", "count"})


STRONG_VERBS = frozenset(
    {
        "approve",
        "greenlight",
        "green-light",
        "greenlit",
        "green-lit",
        "authorize",
        "authorise",
        "ratify",
        "endorse",
        "bless",
        "sanction",
        "countersign",
        "co-sign",
        "cosign",
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
        "queue",
    }
)


@check("approval-gate")
def approval_gate(block: ParsedBlock, options: dict) -> Iterator[Match]:
    vocab = {
        key: words(options, key)
        for key in (
            "approval-verbs",
            "approval-nouns",
            "party-nouns",
            "approving-bodies",
            "approvers",
            "gating-words",
            "automation-words",
            "non-approvers",
            "non-plan-objects",
        )
    }
    overrule_at = float(options.get("model-overrules-at", 1.0))
    if under_rejecting_heading(block):
        return  # "## Alternatives considered" / "- A go/no-go meeting with sales. Rejected."
    keys, lowers, lemmas = phrase_keys(block), block.lowers(), block.lemmas()
    sentences = list(block.doc.sents)
    listed = _listed_condition(block, vocab["gating-words"])
    for number, sentence in enumerate(sentences):
        if past_narrative(block, sentence):
            continue
        question = block.text_of(sentence).rstrip().endswith("?") or _open_question(sentence)
        at = slice(sentence.start, sentence.end)
        anchors = list(_anchors(sentence, vocab, (keys[at], lowers[at], lemmas[at]), listed))
        if not anchors:
            # a wording the parse rules do not know, if the rule's sentence model is sure
            proposal = learned_proposal(block, sentence, options)
            if proposal is None:
                continue
            learned, probability = proposal
            if (
                probability < overrule_at
                or _owner_calls(sentence)
                or _reports_approval(sentence, vocab["approval-verbs"])
            ) and _known_wording(sentence, vocab, keys, lemmas):
                continue  # where the sentence has the rule's own words, the rule's reading
                # stands, unless the model is surer than the rule's "model-overrules-at"
                # and the parse found no owner making the call
            if _escalation_route(sentence) and not _approval_word_in(sentence, vocab):
                continue  # "Escalation beyond the on-call goes to the head of payments."
            anchors = [learned]
        if decides_nothing(said_next(block, sentences, number)):
            continue  # "... the readiness review. ... nothing in this memo waits on that review."
        if weighed_and_rejected(sentence):
            continue  # "Some teams route launches through a readiness review, but we do not."
        if "none" in lowers[at] and says_none(sentence):
            continue  # "Approval gates would add 4 days per tranche, so this plan has none."
        for anchor in anchors:
            if _automated(anchor, vocab["automation-words"]) or _machine_verdict(anchor):
                continue  # "the controller's verdict is the go/no-go"
            if set_aside(anchor.root):
                continue  # "we could have waited for the board's endorsement, but ..."
            if question and anchor.root.pos_ == "VERB":
                continue  # "Who should act when a discrepancy is confirmed: Ad Ops or ...?"
            if in_past_story(anchor.root, cues=False):
                continue  # "The CAB had approved that change": a story, not the plan
            if _still_pending(anchor.root) or _anyone_vetoes(anchor.root):
                if non_use_reason(anchor, negated=False, mentioned=True, quoted=True) is None:
                    yield Match(anchor.start_char, anchor.end_char, check_context=False)
                continue  # "InfoSec have not yet signed off, so the pilot is on hold": the
                # "not" is the gate itself, as in "if someone isn't comfortable, we hold"
            yield Match(anchor.start_char, anchor.end_char)


def _still_pending(verb: Token) -> bool:
    """An approval "not yet" given ("InfoSec have not yet signed off the threat
    model"): the negation says the plan is waiting on it, so it is a gate
    rather than a gate denied."""
    children = list(verb.children)
    return (
        verb.pos_ == "VERB"
        and any(c.dep_ == "neg" for c in children)
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in children)
    )


def _open_question(sentence: Span) -> bool:
    """A "whether" clause standing alone ("- Whether the regulator accepts GC
    readings in place of odorometer tests."): an open question listed, which
    asks what the plan does not yet know and waits on nothing."""
    root = sentence.root
    return any(
        child.dep_ == "mark" and child.lower_ == "whether" and child.i == sentence.start
        for child in root.children
    )


def _listed_condition(block: ParsedBlock, gating: frozenset[str]) -> bool:
    """The block is an item of a list of conditions ("A tranche is released
    only when all of the following hold:" / "3. The SRO has countersigned the
    readiness note."): its perfects are conditions to meet, not news."""
    return any(word in gating for word in re.findall(r"[\w'-]+", block.lead_in.lower()))


def _reports_approval(sentence: Span, approval_verbs: frozenset[str]) -> bool:
    """The sentence's own news is an approval given ("Leadership has approved
    the build"): like the owner's call, an explicit reason for no gate."""
    return any(
        token.pos_ == "VERB"
        and (token.lemma_.lower() in approval_verbs or token.lemma_.lower() == "sign")
        and _perfect_in_main_clause(token)
        for token in sentence
    )


def _owner_calls(sentence: Span) -> bool:
    """The sentence gives the call to its owner ("the release owner makes the
    go/no-go call alone"): the parse rules' explicit reason for no gate,
    which no model's certainty overrules."""
    return any(token.lower_ in CALLS and _own_call(token) for token in sentence)


def _known_wording(
    sentence: Span, vocab: dict[str, frozenset[str]], keys: list, lemmas: list[str]
) -> bool:
    """Whether the sentence has an approval word or body the parse rules read
    (and, having found no anchor, judged not to gate): "the release owner
    makes the go/no-go call alone" stays the owner's call."""
    tokens = list(sentence.doc)
    phrases = vocab["approval-nouns"] | vocab["approving-bodies"]
    return any(
        lemmas[i] in vocab["approval-verbs"] or phrase_at(tokens, i, phrases, keys=keys)
        for i in range(sentence.start, sentence.end)
    )


def _anchors(
    sentence: Span,
    vocab: dict[str, frozenset[str]],
    strings: tuple[list[Key | None], list[str], list[str]],
    listed: bool = False,
) -> Iterator[Span]:
    """``listed``: the sentence is an item of a list of conditions."""
    tokens = list(sentence)
    doc = sentence.doc
    keys, lowers, lemmas = strings  # the sentence's phrase keys, lower-cased words and lemmas
    gated = _is_gated(sentence, vocab["gating-words"], lowers, lemmas)
    outsiders = vocab["non-approvers"]
    approval_verbs = vocab["approval-verbs"]
    may_be_body = starts(vocab["approving-bodies"], keys)
    may_be_noun = starts(vocab["approval-nouns"], keys)
    for index, token in enumerate(tokens):
        if (
            lemmas[index] in FORUMS
            and _forum_decides(token)
            and not _body_already_approved(token, approval_verbs)
        ):
            yield doc[token.i : token.i + 1]  # "the bi-weekly Model Review decides every stage"
            continue
        if _group_decides_progress(token):
            yield doc[token.i : token.i + 1]  # "the leads agree whether the rollout proceeds"
            continue
        review = _review_gate(token, gated, vocab)
        if review is not None:
            yield review  # "ships after App Store review", "each gate is a review with the CIO"
            continue
        length = (
            phrase_at(tokens, index, vocab["approving-bodies"], whole_compounds=True, keys=keys)
            if may_be_body[index]
            else 0
        )
        if length:
            span = doc[token.i : token.i + length]
            if (
                length == 1
                and lowers[index] in ORGANISATION_NAMES
                and not any(
                    c.dep_ in ("compound", "amod", "nmod")
                    and c.text.islower()
                    and not CADENCE.fullmatch(c.lower_)
                    for c in token.children
                )  # "the product council" gates; "the City Council" is an organisation,
                # and so is "the monthly Marketing Compliance Council" (ML103 reads the cadence)
            ):
                approving = set(lemmas) & (vocab["approval-verbs"] | vocab["approval-nouns"])
                if not (gated and approving):
                    continue  # "The Council will determine which partners ...": the organisation
            before = doc[token.i - 1].lower_ if token.i > sentence.start else ""
            if before in ("post", "post-", "-"):
                continue  # a post-launch review decides nothing
            if _names_a_thing(span) or _defined(span) or _own_call(span.root):
                continue  # "the go/no-go dashboard", "CAB stands for cost allocation bucket"
            if _escalated_to(span.root):
                continue  # "issues are escalated to the steering committee": a path, not a gate
            if _body_plans_choices(span.root):
                continue  # "the depot council meets to agree which depots go next": ML103's
            if _body_already_approved(span.root, approval_verbs):
                continue  # "the board has already approved the revenue impact"
            if _consulted(span.root) and not _approval_word_in(sentence, vocab):
                continue  # "adjust the phasing in consultation with the Steering Committee"
            if _kept_informed(span.root) and not (gated or _approval_word_in(sentence, vocab)):
                continue  # "close tracking through the steering committee": it watches
            if receives_news(span.root) and not _approval_word_in(sentence, vocab):
                continue  # "The steering committee receives the dashboard link"
            yield span
            continue
        length = (
            phrase_at(tokens, index, vocab["approval-nouns"], whole_compounds=True, keys=keys)
            if may_be_noun[index]
            else 0
        )
        if length == 1 and token.pos_ == "VERB" and lemmas[index] in approval_verbs:
            length = 0  # "the panel has to consent to the rules": the verb, read below
        if length:
            span = doc[token.i : token.i + length]
            head = span.root
            if _physical_gate(head):
                continue  # "a guard stationed at the manual gate": a gate in a fence
            if head.lower_ in COMPOUND_GATES and length > 1:
                yield span  # "a change approval step for every deploy"
                continue
            if head.dep_ == "compound" or (
                head.dep_ == "amod" and head.pos_ == "NOUN" and head.head.pos_ == "NOUN"
            ):
                if head.head.lower_ in COMPOUND_GATES:
                    yield span  # "a change approval step"
                continue  # "approval rate", "consent screen": not a gate
            if _names_a_thing(span):
                continue  # "go/no-go gauges check bore diameters": a tool
            if head.lower_ in CALLS and _own_call(head):
                continue  # "the release owner makes the go/no-go call alone": ownership
            if head.lower_ in ("permission", "permissions", "consent") and not _from_approver(
                span, vocab["approvers"]
            ):
                continue  # an app asking its user for permission
            if _outsider_sentence(sentence, outsiders) or _business_request(sentence, vocab):
                continue  # "patients approve ...", "refunds over $200 need manager approval"
            if any(c.lower_ in ("manual", "human", "manually") for c in head.children):
                yield doc[span.start - 1 if span.start > sentence.start else span.start : span.end]
                continue  # "manual approval by release eng": a person gates the step
            if head.lower_.startswith("authori") and (
                _about_payments(sentence) or not _from_approver(span, vocab["approvers"])
            ):
                continue  # a card or API authorization, not a person's permission
            if head.pos_ == "ADJ" and not _from_approver(span, vocab["approvers"]):
                continue  # "which ones would be okay to skip": an opinion, not an approval
            if gated or _from_approver(span, vocab["approvers"]):
                left = [c.i for c in head.children if c.dep_ == "compound" and c.i < span.start]
                yield doc[min([*left, span.start]) : span.end]  # "VP approval"
            continue
        party = _party_noun(token, gated, vocab) if lowers[index] in vocab["party-nouns"] else None
        if party is not None and not _business_request(sentence, vocab):
            yield party  # "a written yes from the tenant leads", "an ethics committee review"
            continue
        if _satisfied_people(token, gated, vocab["approvers"]):
            yield doc[token.i : token.i + 1]  # "if the exec team is comfortable, we open"
            continue
        if gated and _says_yes(token, vocab):
            yield doc[token.i : token.i + 2]  # "hinges on the regional GM saying go"
            continue
        if _party_grants(token, gated, vocab):
            yield doc[token.i : token.i + 1]  # "QA must issue the release certificate before"
            continue
        if _waits_for_person(token, vocab):
            yield doc[token.i : token.i + 1]  # "the pipeline waits for a human to click Continue"
            continue
        if _person_presses_go(token, vocab):
            yield doc[token.i : token.i + 2]  # "then a duty manager presses approve"
            continue
        if _hyphen_approved(token, gated, vocab["approvers"]):
            yield doc[token.i - 2 : token.i + 1]  # "needs a CISO-approved exception"
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
        if lemma == "confirm" and (_objects(token) & CONFIRMED_FACTS or _confirms_fact(token)):
            continue  # "until the carrier confirms a fix": a fact reported, not a permission
        if _compares_or_passes(token):
            continue  # "if v2 agrees with the human verdict", "the headroom DV must clear"
        if _or_undoes(token):
            continue  # "the steward then confirms or reverts": the change is already made
        if lemma in GROUP_DECISIONS and _plans_choices(token):
            continue  # "the group will agree which discrepancies warrant a re-rate"
        if (
            token.tag_ == "VBN"
            and any(
                child.dep_ in ("mark", "advmod")
                and child.lower_ in ("once", "after", "until", "when")
                for child in token.children
            )
            and not _machine_agent(token, vocab)
            and (lemma != "clear" or _passive_agent(token))
        ):
            yield doc[token.i : token.i + 1]  # "Once approved, the firmware is pushed"
            continue  # but "stops on that feeder until cleared" is a fault or flag cleared
        if (
            token.tag_ == "VBN"
            and token.dep_ == "acl"
            and gated
            and _passive_agent(token)
            and not _machine_agent(token, vocab)
        ):
            yield doc[token.i : token.i + 1]  # "requires a ticket approved by the manager"
            continue
        if (
            token.tag_ == "VBN"
            and _per_item(token)
            and token.head.lower_ not in vocab["non-plan-objects"]
            and _passive_agent(token)
            and _approver_subject(token, vocab, strong=False)
            and not _machine_agent(token, vocab)
        ):
            yield doc[token.i : token.i + 1]  # "10% steps, each one blessed by the VP"
            continue
        listed_condition = listed and _perfect_in_main_clause(token)
        if _already_given(token) and not listed_condition:
            continue  # an approval already given is not a gate
        strong = lemma in STRONG_VERBS or _is_sign_off(token)
        if not _approver_subject(token, vocab, strong):
            continue
        if (
            gated
            or listed_condition
            or (strong and _acts_on_plan(token))
            or _passive_with_agent(token)
        ):
            end = token.i + 1
            for child in token.children:
                if child.lower_ == "off" and child.i == end:
                    end = child.i + 1
            yield doc[token.i : end]


def _body_already_approved(body: Token, approval_verbs: frozenset[str]) -> bool:
    """The body is the subject of an approval already given ("the board has
    already approved the revenue impact"): nothing waits on it."""
    verb = body.head
    return body.dep_ == "nsubj" and verb.lemma_.lower() in approval_verbs and _already_given(verb)


#: Nouns and verbs by which a body is consulted or kept informed, not asked.
CONSULTING_WORDS = frozenset(
    {
        "consultation",
        "consult",
        "coordination",
        "coordinate",
        "discussion",
        "discuss",
        "partnership",
        "collaboration",
        "collaborate",
        "liaison",
        "liaise",
        "conjunction",
    }
)


def _consulted(body: Token) -> bool:
    """ "in consultation with the steering committee", "discussed with the CAB"."""
    if body.dep_ != "pobj" or body.head.lower_ != "with":
        return False
    return body.head.head.lemma_.lower() in CONSULTING_WORDS


def _kept_informed(body: Token) -> bool:
    """ "close tracking through the steering committee", "monthly updates to
    the steering committee": the body follows the work; unless the sentence
    also asks it to approve or makes something wait, nothing is gated."""
    if body.dep_ != "pobj":
        return False
    head = body.head.head
    carried = [
        c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
    ]  # "monthly updates go to the steering committee", "we send a readout to the CAB"
    return any(
        t.lemma_.lower() in WATCHING_WORDS or t.lower_ in WATCHING_WORDS for t in [head, *carried]
    )


def _approval_word_in(sentence: Span, vocab: dict[str, frozenset[str]]) -> bool:
    """An approval verb or noun anywhere in the sentence: a consulted body
    that is also asked to approve ("discussed with the CAB and shipped only
    after it approves") still gates."""
    words = vocab["approval-verbs"] | vocab["approval-nouns"]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in sentence)


def _body_plans_choices(body: Token) -> bool:
    """A body that meets to choose among options ("the depot council meets to
    agree which six depots go next", "which family moves next is agreed at
    the council") aligns people, which ML103 covers; like a forum that plans
    (:func:`_plans_choices`), it gates only when it decides *whether*."""
    if body.dep_ in ("nsubj", "nsubjpass"):
        verb = body.head
    elif body.dep_ == "pobj" and body.head.lower_ in ("at", "in", "by", "during"):
        verb = body.head.head
    else:
        return False
    verbs = [
        verb,
        *(
            c
            for c in verb.children
            if c.dep_ in ("xcomp", "advcl")
            or (c.dep_ == "conj" and not any(s.dep_.startswith("nsubj") for s in c.children))
        ),
    ]  # "meets to agree", "looks at the results and agrees": the body's own decisions
    decisions = [v for v in verbs if v.lemma_.lower() in GROUP_DECISIONS]
    return bool(decisions) and all(_plans_choices(v) for v in decisions)


#: Verbs that send a problem up to someone: their target hears it, it does not gate.
ESCALATING_VERBS = frozenset({"escalate", "refer", "report", "notify", "inform", "page", "raise"})


def _escalation_route(sentence: Span) -> bool:
    """The sentence says where problems escalate ("Escalation beyond the on-call
    goes to the head of payments"): a path for trouble, not a step the plan
    waits on, though its words (a person, "goes to") resemble a gate's."""
    return any(
        token.lemma_.lower() in ("escalation", "escalate", "escalations") for token in sentence
    )


def _escalated_to(body: Token) -> bool:
    """ "Issues are escalated to the steering committee": the body is where a
    problem goes, an escalation path (weak or strong), not a step the plan
    waits on."""
    if body.dep_ != "pobj" or body.head.lower_ != "to":
        return False
    verb = body.head.head
    while verb.dep_ == "conj" and verb.pos_ == "ADP" and verb.head.i != verb.i:
        verb = verb.head  # "to the committee or to senior leadership"
    return verb.lemma_.lower() in ESCALATING_VERBS


#: Verbs done to a gate one walks or drives through, not one a person approves.
PHYSICAL_GATE_VERBS = frozenset(
    {
        "open",
        "close",
        "shut",
        "lock",
        "unlock",
        "guard",
        "staff",
        "man",
        "station",
        "queue",
        "park",
        "enter",
        "exit",
        "install",
        "walk",
        "drive",
        "swipe",
    }
)


def _physical_gate(noun: Token) -> bool:
    """ "a guard stationed at the manual gate", "open the manual gate": a gate
    in a fence, where people queue, not an approval step. The gate's verb
    (directly or through its preposition) is one done to a physical gate."""
    if noun.lower_ not in ("gate", "gates"):
        return False
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ not in ("at", "through", "by", "near", "from"):
        return False
    if verb.lemma_.lower() == "wait":
        return (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "at"
            and any(
                t.lemma_.lower() in ("guard", "camera", "turnstile", "barrier", "vehicle", "truck")
                for t in noun.sent
            )
        )  # "trucks wait at the manual gate"; "the ramp waits at the manual gate" gates
    return verb.lemma_.lower() in PHYSICAL_GATE_VERBS


#: Nouns for the go decision itself, which an owner can make ("I make the go call").
CALLS = frozenset({"call", "calls", "decision", "decisions", "go/no-go", "go", "no-go"})
#: What a party confirms as a fact rather than grants ("the carrier confirms a fix").
CONFIRMED_FACTS = frozenset(
    {
        "fix",
        "fixes",
        "receipt",
        "delivery",
        "availability",
        "arrival",
        "resolution",
        "capacity",
        "cause",
        "causes",
        "diagnosis",
        "hypothesis",
        "match",
        "identity",
        "defect",
        "bug",
    }
)
#: Bodies whose bare name is also an organisation ("the Council" of a city); they
#: gate only in a gating frame.
ORGANISATION_NAMES = frozenset({"council", "councils", "commission"})
#: People whose comfort is the team's own confidence, not someone's permission.
OWN_PEOPLE = frozenset({"team", "teams", "we", "i", "us", "owner", "owners", "staff", "squad"})

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
FORUM_DECISIONS = frozenset(
    {"decide", "agree", "approve", "grant", "withhold", "gate", "sign", "clear", "authorize"}
)


def _forum_decides(token: Token) -> bool:
    """A meeting or board as the subject of a decision about progress.

    A forum that merely plans ("in the huddle we agree which stores move
    next") aligns people, which ML103 covers; it gates when it approves or
    decides *whether* the work goes on."""
    if not _forum_verdict(token):
        return False
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if verb.lemma_.lower() in GROUP_DECISIONS:
        return not _plans_choices(verb)
    return True


#: Words that make a group decision a choice among options rather than a go.
CHOICE_WORDS = frozenset(
    {
        "which",
        "what",
        "how",
        "who",
        "order",
        "ordering",
        "sequence",
        "sequencing",
        "steps",
        "priority",
        "priorities",
    }
)


def _plans_choices(verb: Token) -> bool:
    """ "agree which stores move next", "decide what is the next action",
    "agree on next steps", "the tranche boundaries are agreed at the huddle":
    planning, not a verdict on whether work goes on."""
    after = [t for t in verb.subtree if t.i > verb.i]
    if any(t.lower_ in ("whether", "if") for t in after):
        return False
    if any(t.lower_ in CHOICE_WORDS for t in after):
        return True
    decided = [
        t
        for s in verb.children
        if s.dep_ == "nsubjpass"
        for t in (s, *s.children)
        if t.i == s.i or t.dep_ in ("compound", "amod")
    ]  # the head of what is agreed: "batch sizes" for each wave, "the next step"
    return bool(decided) and not any(
        t.lower_ in CALLS or t.lemma_.lower() in GO_NOUNS for t in decided
    )  # what is agreed is a detail of the plan ("the next batch"), not whether it goes on


#: Nouns that name going on itself, so agreeing one is a verdict ("the launch is agreed").
GO_NOUNS = frozenset(
    {"promotion", "launch", "rollout", "go-live", "continuation", "expansion", "advance", "ramp"}
)


def _forum_verdict(token: Token) -> bool:
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


GROUP_DECISIONS = frozenset({"decide", "agree", "vote"})
PROGRESS_WORDS = frozenset(
    {
        "proceed",
        "proceeds",
        "move",
        "moves",
        "next",
        "step",
        "phase",
        "wave",
        "batch",
        "stage",
        "promote",
        "promoted",
        "forward",
        "rollback",
        "open",
        "slip",
        "launch",
        "ramp",
        "expand",
        "ship",
        "live",
        "advance",
        "continue",
        "wait",
        "join",
        "joins",
        "switch",
        "switches",
        "start",
        "starts",
    }
)


def _group_decides_progress(verb: Token) -> bool:
    """A meeting or a group decides whether the work moves on — a gate held by people.

    "the sync agrees the next step", "the leads agree whether the rollout
    proceeds to the next phase", "in the call we decide together if the next
    category can move", "the lead and the manager decide whether we open".
    A single owner deciding ("the on-call decides whether to roll back") is
    the ownership the brief asks for, not a gate.
    """
    misread = _verb_read_as_noun(verb)
    if not misread and (
        verb.lemma_.lower() not in GROUP_DECISIONS or verb.pos_ != "VERB" or verb.tag_ == "VBD"
    ):
        return False
    if not misread and in_past_story(verb):
        return False
    after = [t for t in verb.subtree if t.i > verb.i]
    opens = [n for n, t in enumerate(after) if t.lower_ in ("whether", "if")]
    if not opens:
        return False  # "agree which titles move next", "agree on next steps": planning, not a go
    asked = after[opens[0] :]  # what the "whether" asks, not a "which" before it
    holder = verb.head if verb.dep_ == "conj" and not _subjects(verb) else verb
    deciders = _subjects(holder)  # "the sponsor reviews the KPIs and decides whether ..."
    if misread:
        deciders = [c for c in verb.children if c.dep_ == "compound"]
    senior = any(s.lower_ in SENIOR for s in deciders)
    progress = any(t.lower_ in PROGRESS_WORDS or t.lemma_ in PROGRESS_WORDS for t in asked) or (
        senior and any(t.lemma_ in ("get", "receive") for t in asked)
    )
    if not progress:
        return False  # "decide which valves go next and if the limits need to change"
    if any(t.lower_ in ("i", "me") for s in deciders for t in s.subtree):
        return False  # "Jonas or I decide whether we continue": the owner's own call
    if senior:
        return True  # "the merchandising VP, not our team, decides whether each region gets it"
    sentence = verb.sent
    if any(_is_forum(t) for t in sentence):
        return True  # the sentence describes a meeting deciding
    if any(c.lower_ in ("together", "jointly", "collectively") for c in verb.children):
        return True
    return any(any(c.dep_ == "conj" for c in subject.children) for subject in deciders)


#: Present-tense decision verbs the small parser often reads as plural nouns.
NOUN_LOOKING_VERBS = frozenset({"votes", "decides", "agrees"})


def _verb_read_as_noun(token: Token) -> bool:
    """ "The programme board votes at its March session on whether ...": the
    parser made "votes" the sentence's noun root and the board its compound."""
    return (
        token.lower_ in NOUN_LOOKING_VERBS
        and token.pos_ == "NOUN"
        and token.dep_ == "ROOT"
        and any(c.dep_ == "compound" for c in token.children)
    )


def _is_forum(token: Token) -> bool:
    """A meeting or board named as a noun ("the Thursday sync"), not the "on-call" rota."""
    if token.lemma_.lower() not in FORUMS or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return not (token.i > 0 and token.doc[token.i - 1].text in ("-", "on"))


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


REVIEW_WAITS = frozenset({"after", "until", "pending", "awaiting", "through", "for"})
SENIOR = frozenset(
    {
        "vp",
        "svp",
        "evp",
        "cto",
        "cio",
        "ciso",
        "ceo",
        "cfo",
        "coo",
        "director",
        "directors",
        "exec",
        "execs",
        "executive",
        "executives",
        "leadership",
        "sponsor",
        "board",
        "legal",
        "counsel",
        "compliance",
    }
)


def _review_gate(token: Token, gated: bool, vocab: dict[str, frozenset[str]]) -> Span | None:
    """A review held by someone else that the work waits for.

    "held for Google Play review", "ships after App Store review", "each gate
    is a review with the CIO" — but not "the team reviews the threat model
    after launch" (a verb) or "a post-launch review".
    """
    if token.lemma_.lower() != "review" or token.pos_ not in ("NOUN", "PROPN"):
        return None
    doc = token.doc
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    by_someone = any(
        c.pos_ == "PROPN" or c.lower_ in SENIOR or c.lower_ in vocab["approving-bodies"]
        for m in modifiers
        for c in m.subtree
    )
    waited_for = (
        token.dep_ == "pobj"
        and token.head.lower_ in REVIEW_WAITS
        and not (token.head.lower_ == "for" and token.head.head.pos_ in ("NOUN", "PROPN"))
    )  # "held for Google Play review" waits; "a rollout plan for KYC review" names the work
    with_senior = any(
        c.dep_ == "prep"
        and c.lower_ in ("with", "by")
        and any(g.lower_ in SENIOR for p in c.children for g in p.subtree)
        for c in token.children
    )
    if (by_someone and waited_for) or (with_senior and gated):
        start = min([token.i, *(t.i for m in modifiers for t in m.subtree)])
        return doc[start : token.i + 1]
    return None


def _machine_verdict(anchor: Span) -> bool:
    """The go decision equated with what software or a measure says: "the
    controller's verdict is the go/no-go", "our go/no-go is the canary score"."""
    root = anchor.root
    verb = root.head
    if root.dep_ not in ("attr", "nsubj") or verb.lemma_ != "be":
        return False
    for other in verb.children:
        if other.dep_ not in ("attr", "nsubj") or other.i == root.i:
            continue
        words = {other.lower_} | {
            c.lower_ for c in other.children if c.dep_ in ("poss", "compound", "amod")
        }
        if words & (MACHINES | THING_HEADS):
            return True
    return False


#: Verbs that take back what was done: an approval offered beside one comes after the fact.
UNDOING_VERBS = frozenset({"revert", "undo", "reverse", "overturn", "unwind", "roll"})


def _or_undoes(verb: Token) -> bool:
    """ "the steward then confirms or reverts", "ops approves or rolls back
    within a day": whoever may undo the change reviews it after it was
    made, so nothing waited on them."""
    joined = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        joined.append(verb.head)
    return any(v.lemma_.lower() in UNDOING_VERBS for v in joined)


def _confirms_fact(verb: Token) -> bool:
    """ "the CRM team confirms each one has reached Bureau B": a check of a
    fact, not a permission ("until the director confirms we can proceed")."""
    if any(
        c.dep_ == "conj" and c.lemma_.lower() in STRONG_VERBS | {"agree"} for c in verb.children
    ):
        return False  # "confirms advertisers are informed and agrees"
    if any(c.dep_ in ("oprd", "acomp") for c in verb.children):
        return True  # "until the payment is confirmed legitimate": a finding about the case
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        if clause.lemma_.lower() == "be" or any(c.dep_ == "auxpass" for c in clause.children):
            return False  # "confirms the wording is acceptable": a judgement that lets work on
        modals = {c.lower_ for c in clause.children if c.tag_ == "MD"}
        # "confirms we can proceed" grants progress; "confirms each file has arrived" is a fact
        return not (
            clause.lemma_.lower() in PROGRESS_WORDS | {"go", "start"} or modals & {"can", "may"}
        )
    return False


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
        "fraud",
        "fraudulent",
        "chargeback",
        "chargebacks",
    }
)


def _about_payments(sentence: Span) -> bool:
    return bool({token.lower_ for token in sentence} & PAYMENT_WORDS)


def _outsider_sentence(sentence: Span, outsiders: frozenset[str]) -> bool:
    return any(
        token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in outsiders for token in sentence
    )


def _already_given(verb: Token) -> bool:
    """ "the CAB approved it", "approved last week": a past approval, not a gate.

    A conjunct shares its head's auxiliary, whatever its own tag: in "once
    the CMIO has reviewed the mapping and countersigned it" the tagger reads
    "countersigned" as a past tense, but "has" makes it a condition to come."""
    if any(child.lower_ == "already" for child in verb.children):
        return True  # "the board has already approved the revenue impact"
    if _perfect_in_main_clause(verb):
        return True  # "Leadership has approved the build": a report, not a condition
    if verb.tag_ == "VBD":
        return not shares_present_auxiliary(verb)
    return verb.tag_ == "VBN" and not _has_present_auxiliary(verb)


#: Words that open a condition: a perfect after one is still to come.
CONDITION_MARKS = frozenset({"once", "until", "till", "after", "when", "before", "if", "unless"})


def _perfect_in_main_clause(verb: Token) -> bool:
    """A present perfect that the sentence states as its own news ("Leadership
    has approved the build", "the CAB has signed off the plan") reports an
    approval given. The same verb under "once", "until" or "after", or in a
    relative clause ("only changes the CAB has approved ship"), is a
    condition still to be met, and the clause is then not the main one."""
    clause = verb.head if verb.dep_ == "conj" else verb
    if verb.tag_ != "VBN" or clause.dep_ != "ROOT":
        return False
    if any(t.lower_ in CONDITION_MARKS for t in verb.sent if t.i < verb.i):
        return False  # "switches once QA and the plant manager have both signed": misparsed root
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return any(c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in auxiliaries) and not any(
        c.tag_ == "MD" for c in auxiliaries
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
    """The object's head noun and its compounds ("in-app purchase SKUs" -> purchase, skus).

    Not the whole subtree: "every hotfix to the payment terminals" is a hotfix.
    """
    found: set[str] = set()
    children = list(verb.children)
    if not any(child.dep_ in ("dobj", "nsubjpass") for child in children):
        # "approve or deny each claim": the object hangs on the last conjunct
        children += [c for conj in verb.conjuncts if conj.i > verb.i for c in conj.children]
    for child in children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found.add(child.lower_)
            if child.lower_ not in PLAN_SETTINGS:  # "the alert thresholds" are the plan's
                found.update(c.lower_ for c in child.children if c.dep_ == "compound")
    return found


#: Objects that are settings of the plan whatever they set: approving "the
#: revised alert thresholds" gates the plan, approving "alerts" does not.
PLAN_SETTINGS = frozenset(
    {
        "threshold",
        "thresholds",
        "limit",
        "limits",
        "setting",
        "settings",
        "rule",
        "rules",
        "configuration",
        "config",
        "logic",
        "design",
        "change",
        "changes",
        "runbook",
        "playbook",
        "pattern",
        "patterns",
        "schedule",
        "schedules",
        "rota",
        "rotas",
    }
)


#: What a party says to let the work go on: "the GM saying go", "once the CFO says yes".
YES_WORDS = frozenset({"go", "yes", "ok", "okay"})


def _says_yes(token: Token, vocab: dict[str, frozenset[str]]) -> bool:
    """A party saying go ("still hinges on the regional GM saying go"), read
    from the word order: the small parser tags "saying go" in many ways."""
    doc, sentence = token.doc, token.sent
    if token.lemma_.lower() != "say" and token.lower_ not in ("say", "says", "saying", "said"):
        return False
    following = token.i + 1
    if following >= sentence.end or doc[following].lower_ not in YES_WORDS:
        return False
    if _left_party(token, vocab, reach=5, roles=True):
        return True
    subject = [t for t in doc[sentence.start : token.i] if not t.is_punct]
    return bool(subject) and all(  # "All three say go → ring advances", the roles named before
        t.lower_ in GROUP_QUANTIFIERS
        or t.lower_ in CONDITION_MARKS
        or t.lower_ in ("everyone", "everybody")
        or t.like_num
        for t in subject
    )


def _per_item(verb: Token) -> bool:
    """A participle on "each"/"every" ("each step blessed by the VP", "every
    release approved by the CAB"): an approval every item still needs, not
    one already given."""
    return verb.dep_ == "acl" and any(
        child.dep_ == "det" and child.lower_ in ("each", "every") for child in verb.head.children
    )


def _machine_agent(verb: Token, vocab: dict[str, frozenset[str]]) -> bool:
    """ "once the request is approved by the system": software approves, nobody waits."""
    return any(
        grand.lower_ in MACHINES or grand.lower_ in vocab["non-approvers"]
        for child in verb.children
        if child.dep_ == "agent"
        for grand in child.children
        if grand.dep_ == "pobj"
    )


def _passive_agent(verb: Token) -> bool:
    return any(child.dep_ == "agent" for child in verb.children)


THING_HEADS = frozenset(
    {
        "gauge",
        "gauges",
        "dashboard",
        "dashboards",
        "report",
        "reports",
        "score",
        "scores",
        "metric",
        "metrics",
        "signal",
        "signals",
        "check",
        "checks",
        "template",
        "bot",
        "job",
        "script",
        "controller",
        "criteria",
        "criterion",
        "checklist",
        "rubric",
        "thresholds",
        "field",
        "fields",
        "column",
        "columns",
        "flag",
        "flags",
        "boolean",
    }
)


def _names_a_thing(span: Span) -> bool:
    """The body's name used as a label on an artefact ("the go/no-go dashboard")."""
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in THING_HEADS:
        return True
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and following.lower_ in THING_HEADS  # however it was parsed


def _defined(span: Span) -> bool:
    """An acronym being defined ("CAB stands for cost allocation bucket", "CAB,
    our Customer Analytics Bus, carries ..."), or written as an ordinary word
    ("Cab telematics units", "the cab-booking service")."""
    root = span.root
    if len(span) == 1 and root.text.isalpha() and not root.text.isupper():
        return root.lower_ in ACRONYM_BODIES  # "cab" in lower or title case is a vehicle
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ == "for" and verb.head.lemma_ == "stand":
        return True  # the expansion itself: "CAB here stands for Customer Advisory Board"
    if root.dep_ in ("dobj", "attr") and verb.lemma_ in ("mean", "denote"):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if any(s.text.isupper() and len(s.text) > 1 for s in subjects):
            return True  # the expansion itself: "CAB here means our Customer Advisory Board"
    if root.dep_ == "nsubj" and (
        (verb.lemma_ == "stand" and any(c.lower_ == "for" for c in verb.children))
        or verb.lemma_ in ("mean", "denote", "abbreviate", "refer")
    ):
        return True
    if not (len(span) == 1 and root.text.isupper()):
        return False  # only an acronym is expanded; "a steering committee (Data lead, ...)"
    if _expanded_before(span):
        return True  # "Citizens Advice Bureau (CAB) caseworkers"
    expansions = [c for c in root.children if c.dep_ == "appos"]
    return any(  # an expansion that names something other than a board
        not {w.lower_ for w in e.subtree} & BOARD_WORDS for e in expansions
    )


def _expanded_before(span: Span) -> bool:
    """The acronym in brackets after its own expansion, and the expansion names
    no board: "Citizens Advice Bureau (CAB)", but not "Change Advisory Board (CAB)"."""
    doc, letters = span.doc, span.text
    if span.start < len(letters) + 1 or span.end >= len(doc):
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    expansion = doc[span.start - 1 - len(letters) : span.start - 1]
    initials = "".join(t.text[0] for t in expansion).upper()
    return initials == letters.upper() and not {t.lower_ for t in expansion} & BOARD_WORDS


#: Approving bodies known by an acronym that is also a common word.
ACRONYM_BODIES = frozenset({"cab", "arb", "crb", "ccb", "ecab"})
#: Words an acronym's expansion has when it names an approving body.
BOARD_WORDS = frozenset({"change", "advisory", "board", "review", "committee", "control"})


def _business_request(sentence: Span, vocab: dict[str, frozenset[str]]) -> bool:
    """The sentence is about a business transaction, not the plan ("refund requests")."""
    objects = vocab["non-plan-objects"]
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass"):
            words = {token.lower_} | {c.lower_ for c in token.children if c.dep_ == "compound"}
            if words & objects:
                return True
    return False


def _passive_with_agent(verb: Token) -> bool:
    """ "is approved by the board", or a conjunct sharing that "is": "is
    proposed by the manager and ratified by the board"."""
    shared = (
        [c for c in verb.head.children if c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP")]
        if verb.dep_ == "conj"
        else []
    )  # only a present "is" is shared: "would be discussed and agreed by" stays hypothetical
    return any(child.dep_ == "agent" for child in verb.children) and (
        bool(shared) or any(child.dep_ == "auxpass" for child in verb.children)
    )


def _is_sign_off(token: Token) -> bool:
    return token.lemma_.lower() == "sign" and any(child.lower_ == "off" for child in token.children)


#: Gating words that are also ordinary nouns: a shop's till, an e-mail's subject.
NOUN_SENSES = frozenset({"till", "subject"})


def _is_gated(sentence: Span, gating: frozenset[str], lowers: list[str], lemmas: list[str]) -> bool:
    """``lowers`` and ``lemmas``: the sentence's lower-cased words and lemmas."""
    last = len(lowers) - 1
    for index, lower in enumerate(lowers):
        lemma = lemmas[index]
        if lower in gating or lemma in gating:
            if lower in NOUN_SENSES and sentence[index].pos_ in ("NOUN", "PROPN"):
                continue  # "the till file process", "the subject line": a thing, not a condition
            return True
        if lemma == "have" and index < last and lowers[index + 1] == "to":
            if sentence[index].lemma_ == "have":
                return True
    return False


def _from_approver(span: Span, approvers: frozenset[str]) -> bool:
    """ "approval from the VP", "the director's approval", "SVP OK"."""
    root = span.root
    recipients = {
        token.i
        for child in root.children
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS
        for token in child.subtree
    }  # "a user's consent to a client ID": the client receives it
    words = {token.lower_ for token in root.subtree if token.i not in recipients}
    if root.dep_ == "dobj" and root.head.lemma_.lower() in GIVING_VERBS:
        givers = [c for c in root.head.children if c.dep_ == "nsubj"]  # "the partners give consent"
        words |= {t.lower_ for giver in givers for t in giver.subtree}
    if root.dep_ == "pobj" and root.head.lower_ == "for":
        asker = root.head.head  # "ask the director for permission", "for" on either word
        if asker.dep_ == "dobj" and asker.head.lemma_ in ASKING_VERBS:
            words |= {t.lower_ for t in asker.subtree}
        elif asker.lemma_ in ASKING_VERBS:
            asked = [c for c in asker.children if c.dep_ == "dobj"]
            words |= {t.lower_ for person in asked for t in person.subtree}
    return bool(words & approvers) or any(
        child.dep_ == "poss" and not ({t.lower_ for t in child.subtree} & OUTSIDE_OWNERS)
        for child in root.children
    )


#: Prepositions that name who receives an approval or what it covers, not who gives it.
RECIPIENT_PREPOSITIONS = frozenset({"to", "for", "on", "in", "at", "under", "within"})
#: Verbs by which a party hands over its approval ("the partners give written consent").
GIVING_VERBS = frozenset({"give", "grant", "provide", "send", "issue"})


#: Verbs by which the plan asks a party for its approval ("ask the director for permission").
ASKING_VERBS = frozenset({"ask", "petition", "request", "seek"})


#: Possessors whose approval is a business transaction, not a gate on the plan.
OUTSIDE_OWNERS = frozenset({"bank", "issuer", "customer", "user", "merchant", "member"})


def _approver_subject(verb: Token, vocab: dict[str, frozenset[str]], strong: bool) -> bool:
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "agent")]
    if not subjects and verb.dep_ == "xcomp":  # "we ask Sales leadership to approve"
        subjects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    if not subjects and verb.dep_ in ("conj", "xcomp"):  # "procurement has to sign the PO"
        subjects = [child for child in verb.head.children if child.dep_ == "nsubj"]
    outsiders = vocab["non-approvers"]
    if any(_names_approver(noun, vocab) for noun in _with_conjuncts(subjects)):
        return True  # "the canary dashboards and the duty manager then approve(s)"
    if (
        subjects
        and all(s.lower_ in GROUP_QUANTIFIERS for s in subjects)
        and _left_party(verb, vocab, reach=12, roles=True)
    ):
        return True  # "until the pilot and the inspector both sign the form"
    for subject in subjects:
        head = subject  # the subject's own head noun decides first
        if subject.dep_ == "agent":
            head = next((c for c in subject.children if c.dep_ == "pobj"), subject)
        if head.lower_ in vocab["approvers"] or head.lower_ in vocab["approving-bodies"]:
            return True  # "the service owner approves"
        if head.lower_ in outsiders or head.lower_ in MACHINES:
            return False  # "approved within seconds by the credit model"
        if head.lower_ in PEOPLE_BY_ROLE:
            return True  # "after the chief dispatcher signs the readiness checklist"
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
    if not subjects and _left_party(verb, vocab):
        return True  # the parse lost the subject: "contingent on the CFO approving the capex"
    return strong and not subjects and verb.dep_ in ("xcomp", "relcl", "advcl", "acl")


#: Subjects that only count the parties named before them ("both", "all").
GROUP_QUANTIFIERS = frozenset({"both", "all", "each", "either"})


def _with_conjuncts(nouns: list[Token]) -> list[Token]:
    """The nouns and every noun joined to them ("the dashboards and the manager")."""
    found = []
    for noun in nouns:
        if noun.dep_ == "agent":
            noun = next((c for c in noun.children if c.dep_ == "pobj"), noun)
        found.append(noun)
        found.extend(c for c in noun.conjuncts if c.pos_ in ("NOUN", "PROPN"))
    return found


def _names_approver(noun: Token, vocab: dict[str, frozenset[str]], roles: bool = True) -> bool:
    """The noun itself is an approver or an approving body, or (with
    ``roles``) a person by role."""
    lower = noun.lower_
    if lower in vocab["non-approvers"] or lower in MACHINES:
        return False
    return (
        lower in vocab["approvers"]
        or lower in vocab["approving-bodies"]
        or (roles and lower in PEOPLE_BY_ROLE)
    )


BARS = frozenset(
    {"headroom", "bar", "threshold", "thresholds", "limit", "check", "checks", "test", "tests"}
)


def _compares_or_passes(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "agree" and any(c.lower_ == "with" for c in verb.children):
        return True  # agreement between two outputs, not consent
    if lemma == "clear":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if verb.dep_ == "relcl":
            objects.append(verb.head)
        if any(any(ch.isdigit() for ch in c.text) for c in verb.children):
            return True  # "crews clear ~1,500 visits/week" (the count misread as punctuation)
        return any(
            o.lower_ in BARS
            or o.like_num
            or any(
                c.like_num or c.text.lstrip("~≈<>").replace(",", "").isdigit() for c in o.children
            )
            for o in objects
        )  # "the headroom DV must clear", "crews clear 1,500 visits a week": a count, no permission
    return False


MACHINES = frozenset(
    {
        "model",
        "models",
        "classifier",
        "algorithm",
        "rules",
        "ruleset",
        "policies",
        "policy",
        "system",
        "pipeline",
        "controller",
        "bot",
        "mpc",
        "hsm",
        "kms",
        "key",
        "keys",
        "wallet",
        "signer",
        "signers",
        "sandbox",
        "backend",
        "api",
        "scanner",
        "crawler",
        "emulator",
        "detector",
        "monitor",
        "probe",
        "linter",
        "test",
        "tests",
        "measurement",
        "measurements",
        "sso",
        "idp",
        "gateway",
        "server",
        "firewall",
        "proxy",
        "validator",
        "engine",
        "script",
    }
)


def _acts_on_plan(verb: Token) -> bool:
    """Present or future approval of the plan's steps ("approves each promotion",
    "the GM approves or defers it")."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    objects = [c for h in holders for c in h.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    return bool(objects) or any(child.tag_ == "MD" for child in verb.children)


#: Heads of noun phrases that name people or a body of people.
PEOPLE_HEADS = frozenset(
    {"team", "teams", "group", "staff", "desk", "office", "department", "org", "panel"}
)
SKIP_LEFT = frozenset({"det", "poss", "case", "compound", "amod", "nummod", "cc", "punct"})


def _is_party(token: Token, vocab: dict[str, frozenset[str]]) -> bool:
    """A person, a role or a body that can say yes ("the CFO", "Apple", "tenant leads")."""
    lower = token.lower_
    if lower in vocab["non-approvers"] or lower in MACHINES:
        return False
    return (
        _names_approver(token, vocab, roles=False)
        or lower in PEOPLE_HEADS
        or (token.pos_ == "PROPN" and not token.like_num)
    )


def _left_party(
    verb: Token, vocab: dict[str, frozenset[str]], reach: int = 5, roles: bool = False
) -> bool:
    """The nearest noun phrase left of a subject-less verb names a party
    (looking back ``reach`` words; with ``roles``, people by role count too).

    The small parser often hangs the agent of "once HR and legal approve"
    or "contingent on the CFO approving" somewhere other than ``nsubj``.
    """
    sentence = verb.sent
    for index in range(verb.i - 1, max(sentence.start, verb.i - reach) - 1, -1):
        token = verb.doc[index]
        if _is_party(token, vocab) or _names_approver(token, vocab, roles=roles):
            return True
        if token.pos_ in ("VERB", "AUX") or token.lower_ in (",", ";", ":"):
            return False
    return False


#: Functions outside the team whose review a launch commonly waits for.
REVIEWING_FUNCTIONS = frozenset(
    {
        "safety",
        "legal",
        "security",
        "privacy",
        "compliance",
        "ethics",
        "accessibility",
        "policy",
        "store",
        "beta",
        "external",
        "regulatory",
        "architecture",
        "governance",
        "audit",
    }
)
CODE_REVIEWS = frozenset({"code", "peer", "pr", "post", "post-launch", "postmortem", "self"})


#: What a code review is of: "PRs need an approving review from another engineer".
CODE_CHANGES = frozenset(
    {"pr", "prs", "commit", "commits", "diff", "diffs", "patch", "patches", "changelist"}
)


def _reviews_code_change(review: Token) -> bool:
    """The review's clause is about a code change ("PRs to the redaction rules
    need an approving review", "pull requests need a review")."""
    verb = review.head
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in CODE_CHANGES:
            return True
        if subject.lemma_.lower() == "request" and any(
            c.lower_ in ("pull", "merge") for c in subject.children
        ):
            return True
    return False


def _party_noun(token: Token, gated: bool, vocab: dict[str, frozenset[str]]) -> Span | None:
    """A signature, certification, review, waiver or "yes" that a party gives and the work needs.

    "a written yes from the two tenant leads", "an ethics committee review",
    "submitted to the carrier for certification, which gates the rollout".
    Ordinary words on their own, so both a gating frame and a party are
    required.
    """
    if not gated or token.pos_ not in ("NOUN", "PROPN", "INTJ"):
        return None
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    modifier_words = [t for m in modifiers for t in m.subtree]
    if token.lower_ in ("review", "reviews") and (
        any(t.lower_ in CODE_REVIEWS for t in modifier_words) or _reviews_code_change(token)
    ):
        return None  # peer code review is engineering practice, not a gate
    if token.dep_ == "compound":
        return None  # "exception handling", "review queue length"
    if token.lower_ in ("certificate", "certificates") and token.dep_ == "pobj":
        if token.head.lower_ in ("with", "using", "by"):
            return None  # "binaries are code-signed with the studio's EV certificate": a key
    parties = [t for t in modifier_words if _is_party(t, vocab)]
    if token.lower_ in ("review", "reviews"):  # "a child-safety review", "external beta review"
        parties += [t for t in modifier_words if t.lower_ in REVIEWING_FUNCTIONS]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of", "with"):
            parties += [t for t in child.subtree if _is_party(t, vocab)]
    if token.dep_ == "pobj" and token.head.lower_ == "for":
        governor = token.head.head  # "submitted to the carrier for certification"
        parties += [
            t
            for c in governor.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for t in c.subtree
            if _is_party(t, vocab)
        ]
    before = token.doc[token.i - 1] if token.i > token.sent.start else token
    for verb in {token.head, before}:  # "when the head of product says yes"
        if verb.lemma_.lower() in ("say", "give") and verb.pos_ == "VERB":
            parties += [c for c in verb.children if c.dep_ == "nsubj" and _says_yes_party(c, vocab)]
            if not parties and _left_party(verb, vocab):
                parties.append(
                    verb
                )  # the parse lost the subject: "until nursing leadership there says yes"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in HOLDING_VERBS:
        holder = token.head  # "the CFO holds a veto over the decommission until ..."
        parties += [c for c in holder.children if c.dep_ == "nsubj" and _is_party(c, vocab)]
    if not parties:
        parties = _party_after(token, vocab)  # the parse hung "from the leads" elsewhere
    if not parties:
        return None
    start = min([token.i, *(t.i for t in modifier_words)])
    return token.doc[start : token.i + 1]


def _says_yes_party(subject: Token, vocab: dict[str, frozenset[str]]) -> bool:
    """Who gives a "yes": a party, or people by role ("until the nurses say yes")."""
    return _is_party(subject, vocab) or (
        subject.lower_ in PEOPLE_BY_ROLE and subject.lower_ not in vocab["non-approvers"]
    )


#: Verbs by which a party holds what the work needs ("holds a veto", "keeps sign-off").
HOLDING_VERBS = frozenset({"hold", "have", "keep", "retain", "own", "reserve"})


def _party_after(token: Token, vocab: dict[str, frozenset[str]]) -> list[Token]:
    """A party in "from/by ..." just right of the noun, read off the words, not the tree."""
    doc, end = token.doc, token.sent.end
    for index in range(token.i + 1, min(end, token.i + 3)):
        if doc[index].lower_ in ("from", "by", ":"):  # "three signatures: app owner, ..."
            window = doc[index + 1 : min(end, index + 6)]
            return [t for t in window if _is_party(t, vocab)]
    return []


SATISFIED = frozenset({"happy", "comfortable", "satisfied", "fine", "content", "okay", "ok"})


#: What the work does while it waits.
HOLDING_STILL = frozenset({"hold", "pause", "stop", "wait", "freeze"})


def _anyone_vetoes(adjective: Token) -> bool:
    """ "If someone isn't comfortable, we hold": a veto held by every participant."""
    clause = adjective.head
    if clause.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in ("if", "when") for c in clause.children
    ):
        return False
    if not any(c.dep_ == "neg" for c in clause.children):
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ANY_PARTICIPANT for c in clause.children):
        return False
    holds = clause.head
    return holds.lemma_.lower() in HOLDING_STILL and not any(
        c.dep_ == "neg" for c in holds.children
    )  # "we will not hold the ramp if someone isn't comfortable" gives nobody a veto


def _satisfied_people(token: Token, gated: bool, approvers: frozenset[str]) -> bool:
    """Progress that waits for people to be happy ("if they are happy, we proceed to 100%").

    The adjective sits in a condition (if, once, when) and the sentence names
    senior people or a body whose comfort is the gate.
    """
    if token.lower_ not in SATISFIED or token.pos_ != "ADJ":
        return False
    if _anyone_vetoes(token):
        return True  # "If someone isn't comfortable, we hold": every participant holds a veto
    if not gated:
        return False
    clause = token.head
    if not any(c.dep_ == "mark" and c.lower_ in ("if", "once", "when") for c in clause.children):
        return False
    return any(
        (t.lower_ in approvers and t.lower_ not in OWN_PEOPLE) or t.lower_ in SENIOR
        for t in token.sent
    )


def _hyphen_approved(token: Token, gated: bool, approvers: frozenset[str]) -> bool:
    """ "a CISO-approved exception", "VP-signed": a party's approval made into an adjective."""
    if not gated or token.lemma_.lower() not in ("approve", "sign", "bless", "clear"):
        return False
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-":
        return False
    return doc[token.i - 2].lower_ in approvers or doc[token.i - 2].lower_ in SENIOR


#: What a party grants, issues or releases that work then waits for.
GRANTED = frozenset(
    {
        "certificate",
        "certification",
        "permit",
        "licence",
        "license",
        "ato",
        "waiver",
        "exception",
        "budget",
        "funding",
        "funds",
        "go-ahead",
        "clearance",
        "approval",
        "sign-off",
    }
)
#: What a certifying party passes: the thing shipped, not a test it runs.
PASSED_WORK = frozenset(
    {"build", "builds", "release", "binary", "firmware", "design", "plan", "submission", "app"}
)


def _party_grants(token: Token, gated: bool, vocab: dict[str, frozenset[str]]) -> bool:
    """A party issues, grants or releases what the work waits for, or passes the build.

    ("QA must issue the release certificate before the build is promoted",
    "contingent on finance releasing the budget", "only after the publisher's
    certification team passes the build".) A machine passing a build, or
    a team passing a test, is not a person's permission.
    """
    lemma = token.lemma_.lower()
    if not gated or token.pos_ != "VERB" or lemma not in ("grant", "issue", "release", "pass"):
        return False
    objects = {c.lower_ for c in token.children if c.dep_ == "dobj"}
    if not objects & (PASSED_WORK if lemma == "pass" else GRANTED):
        return False
    if token.tag_ == "VBD":
        return False  # a certificate already issued is not a gate
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if subjects:
        return any(
            _is_party(t, vocab) or t.lower_ in REVIEWING_FUNCTIONS
            for s in subjects
            for t in s.subtree
        )
    return _left_party(token, vocab)


#: Who a step can wait for when no one is named: any human at all.
ANYONE = frozenset({"human", "person", "someone", "somebody", "operator", "approver"})


#: A person's press on these buttons lets the work go on.
PRESSING = frozenset({"click", "clicks", "press", "presses", "hit", "hits"})
GO_BUTTONS = frozenset({"approve", "continue", "proceed", "promote", "go", "ok", "accept"})


def _person_presses_go(token: Token, vocab: dict[str, frozenset[str]]) -> bool:
    """A person presses the button that lets the work go on: "a duty manager
    presses approve", "the release manager clicks continue before production".
    Read off the words: the small parser often takes "clicks" for a noun."""
    if token.lower_ not in PRESSING or token.i + 1 >= token.sent.end:
        return False
    button = token.doc[token.i + 1]
    if button.lower_.strip("\"'“”‘’") not in GO_BUTTONS:
        return False
    presser = token.doc[token.i - 1] if token.i > token.sent.start else None
    return presser is not None and (
        _names_approver(presser, vocab) or presser.lower_ in ANYONE or presser.lower_ in SENIOR
    )


def _waits_for_person(token: Token, vocab: dict[str, frozenset[str]]) -> bool:
    """The plan halts until a person acts ("the pipeline pauses at 20% and waits
    for a human to click Continue", "the ramp waits for the VP")."""
    if token.lemma_.lower() != "wait" or token.pos_ != "VERB" or token.tag_ == "VBD":
        return False
    for prep in token.children:
        targets = []
        if prep.dep_ == "prep" and prep.lower_ == "for":
            targets = [c for c in prep.children if c.dep_ == "pobj"]
        elif prep.dep_ in ("advcl", "xcomp") and any(c.lower_ == "for" for c in prep.children):
            targets = [c for c in prep.children if c.dep_ == "nsubj"]  # "for a human to click"
        for target in targets:
            lower = target.lower_
            if lower in ANYONE or lower in SENIOR or lower in vocab["approving-bodies"]:
                return True
    return False


#: Who makes a call that is ownership rather than permission.
OWNERS = frozenset({"i", "we", "owner", "on-call", "oncall", "dri", "commander", "author"})


def _own_call(noun: Token) -> bool:
    """The plan's owner makes the go call ("As program owner I make the go
    decision", "the release owner makes the go/no-go call alone"): one
    accountable person deciding is what the brief asks for, not a gate."""
    while noun.dep_ in ("compound", "nmod") and noun.head.i != noun.i:
        noun = noun.head  # "go/no-go" inside "the go/no-go call"
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in ("make", "take", "own"):
        return False
    if any(c.lower_ in ("alone", "unilaterally", "solo") for c in verb.subtree):
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.lower_ in OWNERS for c in subjects):
        return True
    return any(  # "Amara, as program owner, makes the go decision"
        role.dep_ == "pobj" and role.lower_ in OWNERS and role.head.lower_ == "as"
        for holder in (verb, *subjects)
        for role in holder.subtree
        if role.head.head.i in (verb.i, *(s.i for s in subjects))
    )
