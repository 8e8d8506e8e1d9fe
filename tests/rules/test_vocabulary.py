"""Word lists and multi-word matching: the screens skip work, never matches."""

from __future__ import annotations

import pytest

from memolint.model import Block
from memolint.nlp import load_pipeline
from memolint.parsed import ParsedBlock
from memolint.rules.checks.vocabulary import phrase_at, phrase_keys, starts, words

TEXTS = (
    "The weekly SYNC-UP and the go/no-go-live call wait on the CAB.",
    "Status\nmeeting, status  meeting and office   hours; check-in, check in, 1:1s.",
    "We meet weekly.Syncs run daily; the steerco signs off, the Steering Committee too.",
    "Die ΣΙΓΜΑ-Runde und İstanbul steerco: a  b, x\ny, sign-off after the go decision.",
)
PHRASES = frozenset(
    {
        "weekly sync",
        "sync-up",
        "go/no-go",
        "go decision",
        "status meeting",
        "office hours",
        "check in",
        "check-in",
        "1:1",
        "steerco",
        "steering committee",
        "sign-off",
        "cab",
        "meet",
        "a  b",
        "x\ny",
        "runde",
    }
)


def unscreened(tokens, index, phrases, *, longest=6, by_lemma=False, whole_compounds=False):
    """phrase_at's comparison with no screening: the reference it must agree with."""
    for length in range(longest, 0, -1):
        if index + length > len(tokens):
            continue
        window = tokens[index : index + length]
        written = "".join(token.text_with_ws for token in window).strip().lower()
        found = written in phrases or " ".join(written.split()) in phrases
        if not found and by_lemma:
            found = " ".join(token.lemma_.lower() for token in window) in phrases
        if not found:
            continue
        if whole_compounds and index + length < len(tokens):
            if tokens[index + length].text in ("-", "/"):
                continue
        return length
    return 0


@pytest.fixture(scope="module")
def blocks() -> list[ParsedBlock]:
    docs = load_pipeline().pipe(TEXTS)
    return [ParsedBlock(Block(kind="paragraph", text=doc.text), doc) for doc in docs]


@pytest.mark.parametrize(
    "options",
    [{}, {"longest": 4, "by_lemma": True}, {"whole_compounds": True}],
    ids=["written", "by-lemma", "whole-compounds"],
)
def test_screened_matching_finds_exactly_what_full_comparison_finds(
    blocks: list[ParsedBlock], options: dict
) -> None:
    found = 0
    for block in blocks:
        keys, lemmas = phrase_keys(block), block.lemmas()
        for sentence in [*block.doc.sents, block.doc[:]]:
            tokens = list(sentence)
            at = slice(sentence.start, sentence.end)
            may_start = starts(PHRASES, keys[at], lemmas[at] if options.get("by_lemma") else None)
            for index in range(len(tokens)):
                expected = unscreened(tokens, index, PHRASES, **options)
                assert phrase_at(tokens, index, PHRASES, **options) == expected
                shared = phrase_at(
                    tokens, index, PHRASES, keys=keys[at], lemmas=lemmas[at], **options
                )
                assert shared == expected
                assert may_start[index] or not expected
                found += bool(expected)
    assert found >= 10  # the texts do exercise matches


def test_words_lower_cases_the_option_and_tolerates_odd_entries() -> None:
    assert words({"x": ["CAB", "Steering Committee", 7]}, "x") == {"cab", "steering committee", "7"}
    assert words({"x": [["nested"], "A"]}, "x") == {"['nested']", "a"}
    assert words({}, "x") == frozenset()
