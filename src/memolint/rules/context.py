"""Is a match a *use*? Negation, mention and quotation, from the dependency parse.

"There is no CAB", "no sign-off is needed", "we will not hold weekly syncs",
"unlike Google's launch reviews", "forget RACI charts" and a quoted phrase all
contain a rule's words without doing what the rule flags. Every rule's
matches pass through :func:`non_use_reason` (unless the rule opts out), so the
judgement is made once, the same way, for every rule.

The test walks from the match's syntactic head up to its clause's verb:

* a negation on that path (``not``/``never`` as a ``neg`` child, ``no``/
  ``zero`` as a determiner, ``without``) negates the match — but only within
  the clause: "the deploy will not start until the CAB approves" keeps the
  CAB, because the negation sits in the main clause and the match in the
  ``until`` clause;
* a verb or preposition of rejection or comparison governing the match
  ("avoid", "replace", "drop", "unlike", "instead of", "rather than")
  makes it a mention;
* a match between quotation marks is quoted.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from memolint.parsed import ParsedBlock

#: Dependency labels that start a new clause: negation does not cross them.
CLAUSE_BOUNDARIES = frozenset(
    {"advcl", "relcl", "ccomp", "acl", "csubj", "csubjpass", "parataxis", "ROOT"}
)
NEGATORS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor"})
NEGATING_DETERMINERS = frozenset({"no", "zero", "neither"})
#: Heads that reject or set aside what they govern.
REJECTING_VERBS = frozenset(
    {
        "avoid",
        "abandon",
        "abolish",
        "ban",
        "ditch",
        "drop",
        "eliminate",
        "forget",
        "kill",
        "remove",
        "replace",
        "retire",
        "scrap",
        "skip",
        "stop",
        "prevent",
        "bypass",
        "sunset",
        "deprecate",
        "cancel",
        "discourage",
        "reject",
        "resist",
        "refuse",
        "dispense",
        "lose",
    }
)
REJECTING_PREPOSITIONS = frozenset({"unlike", "instead", "versus", "vs", "vs."})
REJECTING_PHRASES = (("rather", "than"), ("instead", "of"), ("as", "opposed", "to"))
QUOTES_OPEN = "\"“‘'«"
QUOTES_CLOSE = "\"”’'»"


def non_use_reason(span: Span, *, negated: bool, mentioned: bool, quoted: bool) -> str | None:
    """Why ``span`` is not a use ("negated", "mentioned", "quoted"), or ``None``."""
    if quoted and is_quoted(span):
        return "quoted"
    if not (negated or mentioned):
        return None
    negations = 0
    top = span.root
    below: Token | None = None  # the path's previous token, whose own negation is counted
    for token, child_dep in _clause_path(span):
        top = token
        conjunct = child_dep in ("conj", "appos") or (
            child_dep == "nsubj" and token.pos_ in ("NOUN", "PROPN")
        )  # "No standups, no status meetings": a list the parser read as subject and head
        if negated and _negates(token, span, from_conjunct=conjunct, below=below):
            negations += 1
        below = token
        if mentioned and _rejects(token, child_dep):
            return "mentioned"
    if negated and (_negated_from_above(top) or _unwanted(top)):
        negations += 1
    if negated and _negated_noun_phrase(span):
        negations += 1
    if negated and _misread_clause_negated(span):
        negations += 1
    if negated and negations == 0 and _not_just_before(span):
        negations = 1
    if negations % 2 == 1:
        return "negated"  # "no phase starts without sign-off" cancels out: a use
    if mentioned and (
        is_discussed(span.sent, span)
        or _set_aside(span)
        or _asked_for(span)
        or _costed_hypothesis(span)
    ):
        return "mentioned"
    return None


#: Sentence-level cues that the writer discusses a practice instead of using it.
DISCUSSION_LEMMAS = frozenset({"avoid", "warn", "anti-pattern", "antipattern", "eliminate", "ban"})
#: Words that set aside the phrase right after them ("instead of a CAB",
#: "unlike the weekly sync") or, sentence-final, what came before ("a canary
#: score instead").
SETTING_ASIDE = frozenset(
    {"instead", "unlike", "versus", "vs", "vs.", "rather", "compared", "contrary", "contrast"}
)
#: Of those, the ones that take a preposition ("compared with", "contrary to",
#: "in contrast to") and, opening a sentence, set aside a whole phrase.
COMPARING = frozenset({"compared", "contrary", "contrast"})
PAST_CUES = frozenset(
    {
        "previous",
        "previously",
        "last",
        "ago",
        "former",
        "formerly",
        "old",
        "used",
        "once",
        "earlier",
        "prior",
        "historically",
    }
)


def _set_aside(span: Span) -> bool:
    """The match is what an "instead" or "unlike" sets aside, read from the
    word order (the small parser often attaches these phrases to the wrong
    verb). "X instead of Y" keeps X and sets aside Y; "Y; we do X instead"
    sets aside Y; "unlike Y, which ..., we do X" sets aside all of Y. So "a
    decision was made to keep seven years of reads instead of three" still
    reports the decision."""
    sentence = span.sent
    doc = sentence.doc
    for token in sentence:
        lower = token.lower_
        if lower not in SETTING_ASIDE:
            continue
        after = token.i + 1
        following = doc[after].lower_ if after < sentence.end else ""
        if lower == "rather" and following != "than":
            continue
        if lower in COMPARING and following not in ("with", "to"):
            continue
        if lower == "rather" or lower in COMPARING:
            after += 1  # "rather than hold a fortnightly review", "compared with the board"
        elif lower == "instead" and following != "of":
            if following in ("", ".", ";", "!", ")") and span.end <= token.i:
                return True  # "...; we propose canary metrics instead."
            continue
        if lower == "instead":
            after += 1  # "instead of Y": Y is set aside, what came before is kept
        if span.start < after:
            continue
        if (lower == "unlike" or lower in COMPARING) and _opens_sentence(token):
            subject_start = _main_subject_start(sentence)
            if subject_start is not None and span.end <= subject_start:
                return True  # "Unlike the PMO, which demands a RACI, this plan ..."
        end = after
        while end < sentence.end and doc[end].lower_ not in (",", ";", ":", "—", "–", "(", ")"):
            end += 1
        if span.end <= end:
            return True
    return False


#: Nobody in particular: "if someone asks for a steering group, ...".
ANYONE = frozenset({"someone", "anyone", "somebody", "anybody", "people", "stakeholders"})
#: Verbs of asking for something the writer has not planned.
REQUESTING_VERBS = frozenset(
    {"ask", "want", "request", "push", "insist", "propose", "suggest", "demand", "expect", "need"}
)
#: Units a practice's price is given in: "adds five working days".
TIME_UNITS = frozenset(
    {"minutes", "hours", "days", "weeks", "months", "minute", "hour", "day", "week", "month"}
)
#: What a hypothetical practice would cost: "a CAB would add four days".
COST_VERBS = frozenset(
    {"add", "cost", "slow", "delay", "waste", "stall", "double", "triple", "burn", "eat"}
)


def _asked_for(span: Span) -> bool:
    """ "If anyone asks for a steering group, point them to the ramp table":
    the match is what an unnamed person might ask for, not the plan."""
    for token in _ancestors(span.root):
        if token.lemma_.lower() not in REQUESTING_VERBS:
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        conditional = any(
            c.dep_ == "mark" and c.lower_ in ("if", "when", "whenever") for c in token.children
        )
        if conditional and subject is not None and subject.lower_ in ANYONE:
            return True
    return False


def _costed_hypothesis(span: Span) -> bool:
    """ "A CAB that meets on Thursdays would add four days to every fix": an
    indefinite, hypothetical practice priced in order to reject it."""
    noun = span.root
    if noun.dep_ == "relcl":
        noun = noun.head  # the match is the relative clause: "that meets on Thursdays"
    while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "nsubj":
        return False
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in noun.children)
    verb = noun.head
    if not indefinite or verb.lemma_.lower() not in COST_VERBS:
        return False
    would = any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children)
    # or a generic present with a price in time: "a CAB review adds five working days"
    priced = verb.tag_ == "VBZ" and any(
        word.like_num and word.head.lower_ in TIME_UNITS for word in verb.subtree
    )
    return would or priced


def _ancestors(token: Token) -> list[Token]:
    found = []
    while token.head.i != token.i:
        token = token.head
        found.append(token)
    return found


def _opens_sentence(token: Token) -> bool:
    sentence = token.sent
    if token.i - 1 >= sentence.start and token.doc[token.i - 1].lower_ == "in":
        token = token.doc[token.i - 1]  # "In contrast to the old process, ..."
    return token.i == sentence.start or (
        token.i - 1 >= sentence.start and token.doc[token.i - 1].is_punct
    )


def _main_subject_start(sentence: Span) -> int | None:
    """Where the main clause's subject begins ("..., this plan names ...")."""
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return None
    return min(word.i for word in subjects[0].subtree)


def is_discussed(sentence: Span, span: Span | None = None) -> bool:
    """The sentence argues about a practice ("plans should avoid weekly syncs"),
    or says there is none ("a steering committee would slow this down, so
    there isn't one"). A purpose clause that avoids something else ("To avoid
    surprises, the security board will approve the design") discusses nothing."""
    if any(
        token.lemma_.lower() in DISCUSSION_LEMMAS and not _purpose_elsewhere(token, span)
        for token in sentence
    ):
        return True
    # "one" as a pronoun ("there isn't one"), not a count ("one day, not one week")
    pairs = {
        (first.lower_, second.lower_)
        for first, second in itertools.pairwise(sentence)
        if not (second.lower_ == "one" and second.dep_ == "nummod")
    }
    return bool(
        pairs
        & {
            ("n't", "one"),
            ("not", "one"),
            ("is", "none"),
            ("are", "none"),
            ("red", "flag"),
            ("red", "flags"),
            ("warning", "sign"),
            ("warning", "signs"),
        }
    )


def _purpose_elsewhere(verb: Token, span: Span | None) -> bool:
    """ "To avoid surprises, ...": the verb heads an infinitive of purpose
    whose words do not include the match."""
    if span is None or verb.pos_ != "VERB" or verb.dep_ != "advcl":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    before = verb.doc[verb.left_edge.i - 1].lower_ if verb.left_edge.i > 0 else ""
    if verb.left_edge.i != verb.sent.start and before not in ("order", "as"):
        return False  # "the failure mode this plan is designed to avoid" still discusses
    words = range(verb.left_edge.i, verb.right_edge.i + 1)
    return span.start not in words and span.end - 1 not in words


def is_past_narrative(sentence: Span) -> bool:
    """A story about before ("at my last job we had four status meetings")."""
    root = sentence.root
    past = root.tag_ == "VBD" or any(
        child.dep_ in ("aux", "auxpass") and child.tag_ == "VBD" for child in root.children
    )
    if not past or any(token.tag_ == "MD" for token in sentence):
        return False
    return any(token.lower_ in PAST_CUES for token in sentence) or any(
        token.like_num and len(token.text) == 4 and token.text.startswith(("19", "20"))
        for token in sentence
    )


def past_narrative(block: ParsedBlock, sentence: Span) -> bool:
    """:func:`is_past_narrative` of a sentence of ``block``, worked out once for every rule."""
    known: dict[int, bool] = block.cached("past-narrative", lambda _: {})
    if sentence.start not in known:
        known[sentence.start] = is_past_narrative(sentence)
    return known[sentence.start]


NON_DECIDING = re.compile(
    r"\bnothing\b[^.;:]{0,40}\bwaits?\b|\b(has|have|gets?|holds?) no (vote|veto|say)\b|"
    r"\b(told|informed|notified|briefed),? (but )?not asked\b|"
    r"\bnothing (gets|is|will be|can be) (decided|approved|blocked|gated)\b|"
    # "nothing on the page asks them for a decision"
    r"\bnothing\b[^.;:]{0,40}\b(asks?|requires?|needs?)\b[^.;:]{0,30}"
    r"\b(decisions?|approvals?|sign-?offs?|votes?)\b|"
    r"\bno decisions? (is|are|gets?|will be) (made|taken|expected)\b|"
    r"\bdecisions? (stays?|rests?|remains?|sits?) with\b|"
    r"\b(purely|only|strictly) (informational|to inform)\b|\bfor information only\b|"
    r"\b(receives?|gets?|sees?|reads?|is sent|are sent|is given|are given)\b"
    r"(?:(?!approv|decid|sign|vote|agree)[^.;:]){0,80}"
    r"\b(as|for) (information|its information|their information|awareness)\b"
    r"(?![^.;:]*\b(approv|decid|sign|vote|agree))|"
    r"\bfor (its|their|the) records\b|\bfor awareness\b|\bfyi\b|"
    r"\b(does|do|will)(n't| not) (decide|gate|block|approve)\b|\bdecides? nothing\b|"
    # "signs the PO in parallel; the pilot does not wait"
    r"\bin parallel\b[^.]{0,80}\b(does|do|will)(n't| not) wait\b|"
    r"\b(is|are) (purely |only |strictly )?informational\b|"
    r"\b(nobody|no one|no-one) (there )?(can|may|will) (stop|block|veto|halt|hold)\b|"
    r"\b(carries|carry|has|have|with|holds?) no (decision|decision-making|veto)"
    r"( rights?| power| authority)?\b|"
    r"\b(deliberately|intentionally) (absent|omitted|left out)\b|"
    r"\b(does|do|will|would)(n't| not) (go through|pass through|wait (for|on)|use|need|involve"
    r"|require) (it|them|that one|this one)\b|"  # "This migration does not go through it."
    r"\b(not|never) (rout|send|sent|tak|took|run|ran|put|pass|submit|fil)\w* "
    r"(?:[^.;:]{0,40} )?(through|to|past|via|into|before) (it|them)\b|"  # "not routing it"
    r"(^|[.;:!*]\s*)rejected\b",
    re.IGNORECASE,
)


#: Headings of sections that list what the writer turned down ("Alternatives
#: considered", "What I am not doing", "Non-goals", "Anti-patterns").
REJECTING_HEADING = re.compile(
    r"\b(alternatives?|options?|approaches)\b.*\b(considered|rejected|not taken|dropped)\b|"
    r"\brejected\b|\bnot doing\b|\b(won't|will not|would not|wouldn't|do not|don't) do\b|"
    r"\bnon-goals?\b|\banti-?patterns?\b|\bwhat (i|we)('m| am| are)? (am |are )?not\b|"
    r"\bwhat (i|we) (deliberately |intentionally )?(skip|avoid|leave out)\b",
    re.IGNORECASE,
)


def under_rejecting_heading(block: ParsedBlock) -> bool:
    """The block sits in a section that lists what the writer turned down
    ("## Alternatives considered" / "- A go/no-go meeting before each step.
    Rejected: ...")."""
    path = block.block.heading_path
    return bool(path) and bool(REJECTING_HEADING.search(path[-1]))


def said_next(block: ParsedBlock, sentences: list[Span], number: int) -> str:
    """Sentence ``number`` and the two after it, read on into the next blocks of
    the section when the block ends sooner ("THURSDAY REVIEW" / "- decides nothing.")."""
    text = " ".join(block.text_of(s) for s in sentences[number : number + 3])
    return text + " " + block.after if number + 3 > len(sentences) else text


def says_none(sentence: Span) -> bool:
    """ "this one runs none", "so this plan has none": the practice just named is absent."""
    return any(token.lower_ == "none" and token.dep_ in ("dobj", "attr") for token in sentence)


def decides_nothing(text: str, cues: frozenset[str] = frozenset()) -> bool:
    """The text says a meeting or review decides nothing ("It has no vote",
    "nothing in this memo waits on that review"), or contains one of ``cues``."""
    written = " ".join(text.lower().split())
    return any(cue in written for cue in cues) or bool(NON_DECIDING.search(written))


#: "..., but this program does not." A clause after "but" that denies, with its
#: verb left out, what the first clause described.
ELLIPTIC_DENIAL = re.compile(
    r"\bbut (this|our|the|we|i|my|here|none|nobody|no one)\b[^,;:]{0,40}?"
    r"\b(does|do|did|will|would|is|are|can|should|has|have)(n't|\s+not|\s+never)"
    r"(\s+(here|now|anymore|any more|this time))?\s*[.!)]*\s*$",
    re.IGNORECASE,
)
#: Words that introduce an option the writer weighs and turns down ("a tempting
#: option is a weekly council, but ...", "a readiness review sounds prudent, but ...").
WEIGHED_OPTIONS = frozenset(
    {"tempting", "obvious", "natural", "usual", "default", "conventional", "textbook", "classic"}
)
WEIGHING_VERBS = frozenset({"sound", "seem", "look", "appear"})


#: "weekly business reviews are a poor fit here": the writer judges a practice unfit.
POOR_FIT = re.compile(
    r"\b(a poor|a bad|the wrong|not a good|not the right|a weak) "
    r"(fit|tool|choice|idea|match|one)\b",
    re.IGNORECASE,
)
#: Conjunctions that set another team's practice against the plan's own
#: ("where the logistics org relies on a daily huddle, our team relies on an alert").
CONTRASTING_MARKS = frozenset({"where", "whereas", "while"})


#: Adverbs that describe a custom, not this plan ("banks traditionally run a change board").
CUSTOM_ADVERBS = frozenset({"traditionally", "conventionally", "customarily", "historically"})
OWN_WORDS = frozenset({"we", "our", "i", "my", "this"})


def contrasted_away(token: Token) -> bool:
    """``token`` sits in a "whereas"/"where"/"while" clause that another party's
    practice fills, set against what this plan does, or in a custom set
    before a semicolon against the plan's own way ("Banks traditionally run
    a change board; our switch is driven by the validator pass rate")."""
    if _custom_then_ours(token):
        return True
    node = token
    for _ in range(40):
        if node.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in CONTRASTING_MARKS and c.i < node.i
            for c in node.children
        ):
            main = node.head
            subject = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")]
            words = {t.lower_ for s in subject for t in s.subtree}
            return bool(words & OWN_WORDS)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _clause_breaks(sentence: Span) -> list[int]:
    """Where a semicolon or a dash joins two clauses of one sentence."""
    return [t.i for t in sentence if t.lower_ in (";", "—", "–")]


def _custom_then_ours(token: Token) -> bool:
    sentence = token.sent
    breaks = _clause_breaks(sentence)
    if not breaks or token.i > breaks[0]:
        return False
    if not any(t.lower_ in CUSTOM_ADVERBS for t in sentence if t.i < breaks[0]):
        return False
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and {w.lower_ for w in t.subtree} & OWN_WORDS
        for t in sentence
        if t.i > breaks[0]
    )


#: Words for watching or hearing about the work: a body they lead to follows it.
WATCHING_WORDS = frozenset(
    {
        "track",
        "tracking",
        "monitor",
        "monitoring",
        "oversight",
        "visibility",
        "update",
        "report",
        "reporting",
        "readout",
        "briefing",
        "communication",
    }
)


#: What a body is sent to read, beside the reports and updates of
#: WATCHING_WORDS: it follows the work through these.
NEWS_NOUNS = WATCHING_WORDS | frozenset(
    {"link", "dashboard", "summary", "digest", "email", "e-mail", "copy", "note", "notes"}
    | {"minutes", "newsletter", "memo", "notification"}
)


def receives_news(body: Token) -> bool:
    """The body is the subject of receiving or reading something to read ("the
    steering committee receives the dashboard link and nothing else", "the
    CAB gets a weekly digest"): it is informed, not asked."""
    if body.dep_ != "nsubj" or body.head.lemma_.lower() not in ("receive", "get", "read", "see"):
        return False
    objects = [c for c in body.head.children if c.dep_ == "dobj"]
    return any(o.lemma_.lower() in NEWS_NOUNS or o.lower_ in NEWS_NOUNS for o in objects)


ASKING_VERBS = frozenset({"ask", "wonder", "question", "query"})


def asked_about(token: Token) -> bool:
    """``token`` sits in an indirect question ("ops asked whether this should
    go through the change board"): asked about, not planned."""
    node = token
    for _ in range(40):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("ccomp", "advcl", "xcomp") and node.head.lemma_.lower() in ASKING_VERBS:
            return any(c.lower_ in ("whether", "if") for c in node.children)
        node = node.head
    return False


def set_aside(token: Token) -> bool:
    """``token`` names a practice the plan does not use: an option not taken,
    another team's practice set against ours, or one only asked about."""
    return counterfactual(token) or contrasted_away(token) or asked_about(token)


#: An option labelled as rejected before a colon: "Option B (rejected): ...".
REJECTED_LABEL = re.compile(
    r"^[^:.;]{0,60}\b(?:rejected|not chosen|not adopted|discarded|ruled out|declined)\b"
    r"[^:.;]{0,20}:",
    re.IGNORECASE,
)


def weighed_and_rejected(sentence: Span) -> bool:
    """The sentence sets up a practice only to turn it down: "..., but this
    program does not", "a tempting option is X, but X dilutes ownership",
    "a readiness review sounds prudent, but it would add a week"."""
    text = sentence.text.strip()
    if ELLIPTIC_DENIAL.search(text) or POOR_FIT.search(text) or REJECTED_LABEL.search(text):
        return True
    if _looked_at_and_costed(sentence):
        return True
    if _examined(sentence) and CHOSE_NOT.search(text):
        return True  # "we discussed routing waves through the CAB and chose not to"
    if _past_then_removed(sentence):
        return True  # "The old playbook required approval per line; this memo removes that step."
    buts = [t for t in sentence if t.lower_ == "but"]
    if not buts:
        return False
    before = [t for t in sentence if t.i < buts[0].i]
    if any(t.lower_ in WEIGHED_OPTIONS for t in before):
        return True
    after = [t for t in sentence if t.i > buts[0].i]
    if _examined(before) and any(
        t.lemma_.lower() in REJECTING_VERBS | DECLINING_VERBS
        or (t.lemma_.lower() == "decide" and any(c.lower_ == "against" for c in t.children))
        for t in after
    ):
        return True  # "we considered a sign-off per region, but decided against it"
    if any(
        t.lower_ in ("could", "might")
        and t.dep_ == "aux"
        and any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in t.head.children)
        for t in before
    ):
        return True  # "we could meet weekly with the vendor, but the SLA credits suffice"
    return any(
        t.lemma_.lower() in WEIGHING_VERBS and t.dep_ == "ROOT" and t.tag_ in ("VBZ", "VBP")
        for t in before
    )


#: What points back at the practice just described: "removes that step".
BACK_REFERENCES = frozenset({"that", "this", "those", "these", "it", "them"})


#: Verbs by which others expect a practice the plan then replaces.
EXPECTING_VERBS = frozenset({"expect", "assume", "anticipate", "want", "suggest", "propose"})


def _past_then_removed(sentence: Span) -> bool:
    """A past or expected practice, then, after a semicolon or a dash, the plan
    removing it by a back reference: "The old playbook required plant manager
    approval per line; this memo removes that step", "Some reviewers will
    expect a go/no-go meeting before each wave; the thresholds replace it"."""
    breaks = _clause_breaks(sentence)
    if not breaks:
        return False
    before = [t for t in sentence if t.i < breaks[0]]
    if not any(
        t.tag_ == "VBD"
        or (t.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in t.children))
        or t.lemma_.lower() in EXPECTING_VERBS
        for t in before
        if t.pos_ in ("VERB", "AUX")
    ):
        return False  # the small parser reads "required" in "The old playbook required" as VBN
    return any(
        t.i > breaks[0]
        and t.lemma_.lower() in REJECTING_VERBS
        and t.tag_ in ("VBZ", "VBP", "MD", "VB")
        and any(
            c.dep_ == "dobj"
            and (
                c.lower_ in BACK_REFERENCES
                or any(d.dep_ == "det" and d.lower_ in BACK_REFERENCES for d in c.children)
            )
            for c in t.children
        )
        for t in sentence
    )


#: "we looked at / considered / weighed X": the writer examined an option.
EXAMINING_VERBS = frozenset(
    {"look", "consider", "evaluate", "weigh", "explore", "assess", "discuss", "debate"}
)
#: "... and chose not to", "... and decided against it": the examined option turned down.
CHOSE_NOT = re.compile(
    r"\b(chose|decided|opted|elected|agreed)\s+(not\s+to|against)\b", re.IGNORECASE
)


#: Verbs that turn an examined option down: "..., but decided against it".
DECLINING_VERBS = frozenset({"decline", "turn", "rule", "pass", "reject"})


def _examined(tokens) -> bool:
    """An option the writer examined: "we considered", "I looked at" (past)."""
    return any(
        t.lemma_.lower() in EXAMINING_VERBS
        and t.tag_ == "VBD"
        and any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in t.children)
        for t in tokens
    )


def _looked_at_and_costed(sentence: Span) -> bool:
    """ "We looked at running each change through the CAB; a 3-day cycle would
    turn 5 weeks into 11": an option the writer examined (past, first person)
    and then priced with "would" — weighed, not planned."""
    return _examined(sentence) and any(
        t.lower_ in ("would", "'d") and t.tag_ == "MD" for t in sentence
    )


def counterfactual(token: Token) -> bool:
    """``token``'s clause is an option not taken: "we could have waited for the
    board's endorsement", "a weekly council would have slowed us"."""
    clause = token
    for _ in range(40):
        if clause.pos_ in ("VERB", "AUX") and clause.dep_ != "aux":
            break
        if clause.head.i == clause.i:
            break
        clause = clause.head
    lowers = {child.lower_ for child in clause.children if child.dep_ == "aux"}
    return clause.tag_ == "VBN" and "have" in lowers and bool(lowers & {"could", "would", "might"})


BACK_REFERENCES = frozenset(
    {"both", "them", "these", "those", "it", "that", "this", "all", "either"}
)


def rejected_just_before(sentence: Span, window: int = 2) -> bool:
    """A sentence around this one rejects what it discusses: one of the
    ``window`` before it, or the one right after.

    ("The obvious proposals were a RACI chart and a weekly sync. I'm
    rejecting both. A RACI chart for six services tells everyone who to
    blame ...")
    """
    doc = sentence.doc
    sentences = list(doc.sents)
    previous = [s for s in sentences if s.end <= sentence.start][-window:]
    following = [s for s in sentences if s.start >= sentence.end][:1]
    return any(
        token.lemma_.lower() in REJECTING_VERBS
        and token.pos_ == "VERB"
        and any(c.dep_ == "dobj" and c.lower_ in BACK_REFERENCES for c in token.children)
        for s in previous + following
        for token in s
    )


def in_past_story(token: Token, *, cues: bool = True) -> bool:
    """``token``'s own clause tells a story about before, though the sentence goes on.

    ("At my old company, weekly status reviews ate six hours; I am not
    repeating that here.") With ``cues`` the sentence must also say it is
    about before ("previous", "last year", "2019"); without, a past-tense
    clause is enough ("The CAB had approved that change.").
    """
    clause = token
    for _ in range(40):
        if clause.pos_ in ("VERB", "AUX") and clause.dep_ in (
            "ROOT",
            "conj",
            "parataxis",
            "ccomp",
            "advcl",
            "relcl",
        ):
            break
        if clause.head.i == clause.i:
            break
        clause = clause.head
    past = (
        clause.tag_ == "VBD"
        and not shares_present_auxiliary(clause)
        and not _present_in_disguise(clause)
    ) or any(child.dep_ in ("aux", "auxpass") and child.tag_ == "VBD" for child in clause.children)
    if not past or any(child.tag_ == "MD" for child in clause.children):
        return False
    if not cues:
        return True
    sentence = token.sent
    return any(t.lower_ in PAST_CUES for t in sentence) or any(
        t.like_num and len(t.text) == 4 and t.text.startswith(("19", "20")) for t in sentence
    )


def _present_in_disguise(verb: Token) -> bool:
    """A verb whose past form is its base form ("run", "set", "put"), tagged
    past but joined to a present verb: in "the site leads run a weekly
    review and agree which sites go next" the tagger reads "run" as a past
    tense; "agree" shows the clause is in the present."""
    if verb.lower_ != verb.lemma_.lower():
        return False
    joined = [*verb.conjuncts, *(c for c in verb.children if c.dep_ == "xcomp")]
    return any(other.tag_ in ("VB", "VBP", "VBZ") for other in joined)


def shares_present_auxiliary(verb: Token) -> bool:
    """A conjunct under its head's present "has" or "is", or its modal: in
    "once the CMIO has reviewed the mapping and countersigned it" and "the
    date is proposed by the manager and ratified by the board" the tagger
    reads the second verb as a past tense, but the shared auxiliary makes it
    a condition or a process still to come."""
    return verb.dep_ == "conj" and any(
        (
            child.dep_ in ("aux", "auxpass")
            and child.lemma_ in ("have", "be")
            and child.tag_ in ("VBZ", "VBP")
        )
        or (child.dep_ == "aux" and child.tag_ == "MD")
        for child in verb.head.children
    )


def is_quoted(span: Span) -> bool:
    """Whether the span sits inside a quotation in its sentence."""
    sentence = span.sent
    start, end = sentence.start_char, sentence.end_char
    if start <= span.start_char <= min(span.end_char, end):
        text = sentence.text  # its own tokens only: the doc's text is rebuilt from all of them
        before = text[: span.start_char - start]
        after = text[span.end_char - start :]
    else:
        before = span.doc.text[start : span.start_char]
        after = span.doc.text[span.end_char : end]
    straight = before.count('"')
    if straight % 2 == 1 and '"' in after:
        return True
    opened = sum(before.count(mark) for mark in "“«") - sum(before.count(mark) for mark in "”»")
    if opened > 0 and any(mark in after for mark in "”»"):
        return True
    single_open = before.count("‘") - before.count("’")
    if single_open > 0 and "’" in after:
        return True
    return _inside_straight_single_quotes(before, after)


def _inside_straight_single_quotes(before: str, after: str) -> bool:
    """'like this' — but not the apostrophes of "Google's" or "don't"."""
    opening = [
        index
        for index, char in enumerate(before)
        if char == "'" and (index == 0 or not before[index - 1].isalnum())
    ]
    if not opening:
        return False
    tail = before[opening[-1] + 1 :]
    if any(
        char == "'" and (index + 1 == len(tail) or not tail[index + 1].isalnum())
        for index, char in enumerate(tail)
    ):
        return False  # that quotation closed before the span
    return any(
        char == "'" and (index + 1 == len(after) or not after[index + 1].isalnum())
        for index, char in enumerate(after)
    )


def _clause_path(span: Span):
    """Yield (token, dep of the child we came from) from the span's head upward.

    Stops after the first clause head: negation and rejection must govern
    the match inside its own clause (control verbs — ``xcomp`` — continue,
    so "we don't need to wait for approval" is negated).
    """
    token = span.root
    child_dep = ""
    seen = 0
    while seen < 40:
        yield token, child_dep
        seen += 1
        if token.dep_ in CLAUSE_BOUNDARIES or token.head.i == token.i:
            return
        if _own_subordinate_clause(token):
            return  # "we won't ship until legal signs off", "until" hung on "off"
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return  # a coordinated clause: "we skip the CAB and the VP signs off"
        child_dep = token.dep_
        token = token.head


#: Verbs that carry a negation down into what they govern: "I don't think this
#: needs a standing meeting" denies the meeting, not the thinking.
NEG_RAISING = frozenset(
    {"think", "believe", "expect", "see", "feel", "suppose", "imagine", "anticipate", "foresee"}
)


def _negated_from_above(clause: Token) -> bool:
    """A negation outside the match's clause that still reaches into it.

    * negation raising: "I don't think this needs a standing meeting";
    * a purpose clause of a negated verb: "we don't hold a meeting to decide
      each step" (but not "we won't ship until legal signs off": that clause
      has its own conjunction);
    * a relative clause of a negated noun: "there is no board that approves
      ramps", or of a negative pronoun: "there is nothing for a change board
      to approve".
    """
    head = clause.head
    if head.i == clause.i:
        return False
    if clause.dep_ == "ccomp" and head.lemma_.lower() in NEG_RAISING:
        return _has_negation(head)
    if clause.dep_ in ("advcl", "xcomp") and not any(c.dep_ == "mark" for c in clause.children):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            return _has_negation(head)
    if clause.dep_ in ("relcl", "acl", "advcl") and head.lower_ in NEGATIVE_PRONOUNS:
        return True  # "nothing for the CAB to approve", however the parser attaches it
    if clause.dep_ in ("relcl", "acl"):
        return any(
            c.dep_ in ("det", "neg") and c.lower_ in NEGATING_DETERMINERS for c in head.children
        )
    if (
        clause.dep_ == "advcl" or _own_subordinate_clause(clause)
    ) and head.lemma_.lower() in WAITING_VERBS:
        return _has_negation(head) or _subject_says_no(head)
    return False


#: Conjunctions that open a condition or a time clause of their own.
SUBORDINATORS = frozenset({"until", "till", "unless", "before", "once", "after", "when", "if"})


def _own_subordinate_clause(token: Token) -> bool:
    """A token the parser hung on the main verb although it opens a clause of
    its own: in "we won't ship until legal signs off" the small parser makes
    "off" an adverb of "ship" with "until" under it, so the main verb's "not"
    seemed to reach the sign-off."""
    return token.dep_ not in ("ROOT", "conj") and any(
        c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in token.children
    )


#: Pronouns that deny what their relative clause says: "nothing for the CAB to approve".
NEGATIVE_PRONOUNS = frozenset({"nothing", "none", "nobody", "no-one"})


#: Verbs whose clause says what is waited for: negating the wait negates the
#: gate ("no region waits for the director to be happy", "we do not wait
#: until legal signs off"), while "we won't ship until legal signs off" keeps it.
WAITING_VERBS = frozenset({"wait", "depend", "hinge", "hang"})


def _subject_says_no(verb: Token) -> bool:
    """ "No region waits ...", "Neither wave depends ..."."""
    return any(
        child.dep_ in ("nsubj", "nsubjpass")
        and any(d.dep_ == "det" and d.lower_ in NEGATING_DETERMINERS for d in child.children)
        for child in verb.children
    )


def _unwanted(clause: Token) -> bool:
    """A pseudo-cleft that refuses: "What I do not want is a weekly review"."""
    if clause.lemma_ != "be":
        return False
    return any(
        c.dep_ == "csubj" and c.lemma_.lower() in WANTING and _has_negation(c)
        for c in clause.children
    )


#: Verbs of a pseudo-cleft that names what the writer refuses.
WANTING = frozenset({"want", "need", "propose", "plan", "recommend", "suggest"})


def _has_negation(verb: Token) -> bool:
    return any(
        child.dep_ == "neg"
        or (child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "nothing"))
        for child in verb.children
    )


def _negates(
    token: Token, span: Span, *, from_conjunct: bool = False, below: Token | None = None
) -> bool:
    """Whether ``token`` carries a negation that reaches the span.

    Coming up from a conjunct or an apposition ("no meeting and no review",
    "no CAB, no weekly sync"), the head noun's own determiner is its own
    business, not the conjunct's.
    """
    if token.lower_ in NEGATORS and token.i not in range(span.start, span.end):
        return not _go_no_go(token)
    if from_conjunct and any(c.dep_ == "cc" and c.lower_ == "nor" for c in token.children):
        return True  # "neither a CAB nor a recurring go/no-go call"
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in token.children):
        return True  # "neither a change board nor ..."
    for child in token.children:
        if from_conjunct and child.dep_ == "det":
            continue
        if child.dep_ == "neg" and child.i >= span.end and token.pos_ in ("NOUN", "PROPN"):
            continue  # contrastive: "a weekly sync, not a daily one"
        if span.start <= child.i < span.end and token.i not in range(span.start, span.end):
            continue
        if child.dep_ == "neg" and not _go_no_go(child):
            return True
        if child.dep_ == "compound" and child.lower_ in ("nobody", "nothing"):
            return True  # "Nothing ships ..." with "ships" misread as a noun
        if child.dep_ == "nummod" and child.lower_ == "zero" and token.tag_ == "NNS":
            return True  # "zero manual gates"; but "zero downtime" is a claim, not a negation
        if child.dep_ in ("det", "advmod", "nsubj", "nsubjpass", "poss") and (
            child.lower_ in NEGATING_DETERMINERS or child.lower_ in ("nobody", "nothing", "none")
        ):
            if not _go_no_go(child):
                return True
        if child.lower_ == "no" and child.dep_ in ("det", "neg", "dep") and not _go_no_go(child):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and child.i not in range(span.start, span.end):
            if below is not None and child.i == below.i:
                continue  # the subject's "no" was counted on the way up ("No go/no-go call ...")
            if below is not None and below.dep_ in ("nsubj", "nsubjpass"):
                continue  # a parallel subject's "no": "no CAB ticket, and no lead signs"
            if any(g.dep_ == "det" and g.lower_ in NEGATING_DETERMINERS for g in child.children):
                return True  # "no phase starts ..."
            if any(g.dep_ == "preconj" and g.lower_ == "neither" for g in child.children):
                return True  # "neither the vendor nor the client must approve ..."
    return token.lower_ == "without"


def _misread_clause_negated(span: Span) -> bool:
    """ "We will not schedule status calls": the small parser reads "status"
    as a subject and "calls" as a verb, so the match is a clause of its own
    (``ccomp``) and the path upward stops before the negated verb. When the
    match holds that clause's subject, it is a noun phrase: the negation of
    the verb it hangs from reaches it."""
    root = span.root
    if root.dep_ != "ccomp" or root.pos_ not in ("VERB", "AUX"):
        return False
    if root.head.lemma_.lower() in NEG_RAISING:
        return False  # "I don't think status calls help": counted once, as negation raising
    if not any(c.dep_ == "nsubj" and span.start <= c.i < span.end for c in root.children):
        return False
    return _has_negation(root.head)


def _not_just_before(span: Span) -> bool:
    """ "Ramp decisions come from the canary verdict, not from a recurring
    meeting": a contrastive "not" right before the match's phrase (its
    preposition, or the noun phrase itself), however the parser hangs it."""
    root = span.root
    phrase = root.head if root.dep_ == "pobj" else root
    start = min(phrase.left_edge.i, span.start)
    if start <= span.sent.start:
        return False
    before = span.doc[start - 1]
    return before.lower_ in ("not", "never") and (
        start - 1 == span.sent.start or span.doc[start - 2].lower_ in (",", ";", "—", "-", "but")
    )


def _negated_noun_phrase(span: Span) -> bool:
    """ "No change board sign-off", "no category director sign-off": the "no"
    belongs to a modifier in front of the match's head (the small parser
    hangs it there), not to the head itself, so the path upward never meets it."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return False  # a verb's subject ("no human approves") is read on the path
    return any(
        word.dep_ == "det"
        and word.lower_ in NEGATING_DETERMINERS
        and word.head.i != root.i
        and _modifies(word.head, root)
        and not _go_no_go(word)
        for word in root.subtree
        if word.i < root.i
    )


#: Links that keep a word inside the noun phrase it modifies.
NOUN_PHRASE_LINKS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})


def _modifies(word: Token, root: Token) -> bool:
    """``word`` hangs from ``root`` through modifiers only, so it is part of
    the same noun phrase ("no change board sign-off") and not a separate one
    (the subject "no standups" of "no status meetings")."""
    for _ in range(20):
        if word.i == root.i:
            return True
        if word.dep_ not in NOUN_PHRASE_LINKS:
            return False
        word = word.head
    return False


def _go_no_go(token: Token) -> bool:
    """The "no" of a spaced "go / no-go" is half a decision's name, not a negation."""
    doc = token.doc
    before = doc[token.i - 1].text if token.i > 0 else ""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    return before == "/" or after in ("-go", "-", "/")


def _rejects(token: Token, child_dep: str) -> bool:
    lemma = token.lemma_.lower()
    if (
        lemma in REJECTING_VERBS
        and token.pos_ in ("VERB", "AUX", "NOUN")
        and child_dep
        in (
            "dobj",
            "nsubjpass",
            "pobj",
            "prep",
            "xcomp",
            "compound",
            "",
        )
    ):
        return True
    if token.dep_ == "prep" or token.pos_ == "ADP":
        if lemma in REJECTING_PREPOSITIONS:
            return True
        previous = token.nbor(-1) if token.i > token.sent.start else None
        if previous is not None:
            pair = (previous.lower_, token.lower_)
            if any(pair == phrase[-2:] for phrase in REJECTING_PHRASES):
                return True
    return False
