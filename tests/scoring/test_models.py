"""Detector inference: the shared fast path gives the very floats of the plain one."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from memolint.ingest import read_memo
from memolint.parsed import ParsedMemo
from memolint.rules.checks.hedging import _sentence_hedges, cached_sentence_hedges
from memolint.scoring.features import (
    block_words,
    gram_counts,
    ngrams,
    sentence_features,
    sentence_tokens,
)
from memolint.scoring.models import DETECTORS, load_models

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def reference_probability(detector, tokens: list[str], dense: dict[str, float]) -> float:
    """The detector's arithmetic written out plainly, in its one order of operations."""
    counts: dict[int, int] = {}
    for gram in ngrams(tokens, detector.ngram_sizes):
        index = detector.vocabulary.get(gram)
        if index is not None:
            counts[index] = counts.get(index, 0) + 1
    weights = {index: (1 + math.log(n)) * detector.idf[index] for index, n in counts.items()}
    norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
    score = detector.intercept
    for index, value in weights.items():
        score += detector.coef[index] * value / norm
    offset = len(detector.vocabulary)
    for position, name in enumerate(detector.dense_names):
        scaled = (dense.get(name, 0.0) - detector.dense_mean[position]) / detector.dense_scale[
            position
        ]
        score += detector.coef[offset + position] * scaled
    return 1.0 / (1.0 + math.exp(-max(min(score, 40.0), -40.0)))


@pytest.fixture(scope="module")
def parsed() -> ParsedMemo:
    return ParsedMemo.parse(read_memo(EXAMPLES / "weak-memo.md"))


def test_block_word_lists_give_the_same_sentence_features(parsed: ParsedMemo) -> None:
    for block, sentence in parsed.sentences():
        words = block_words(block)
        hedges = len(cached_sentence_hedges(block)[sentence.start])
        assert hedges == sum(1 for _ in _sentence_hedges(block.doc, sentence))
        assert sentence_tokens(sentence, words) == sentence_tokens(sentence)
        shared = sentence_features(sentence, rule_hedges=hedges, words=words)
        assert list(shared.items()) == list(sentence_features(sentence).items())


def test_shared_detector_scoring_equals_each_detector(parsed: ParsedMemo) -> None:
    bundle = load_models()
    sentences = [sentence for _, sentence in parsed.sentences() if len(sentence) >= 3]
    repeated = [*["we", "roll", "back"] * 3, "<num>", "<num>", "canary"]  # counts above 1
    rows = [(sentence_tokens(sentence), sentence_features(sentence)) for sentence in sentences]
    rows.append((repeated, rows[0][1]))
    for _ in range(2):  # the second pass reads the kept look-ups
        for tokens, dense in rows:
            shared = bundle.sentence_probabilities(gram_counts(tokens), dense, DETECTORS)
            assert list(shared) == list(DETECTORS)
            for name in DETECTORS:
                detector = bundle.detectors[name]
                expected = reference_probability(detector, tokens, dense)
                # Exact equality: scores must not move by a rounding error.
                assert shared[name] == expected
                assert detector.probability(tokens, dense) == expected


def test_the_confident_bar_is_the_lowest_from_which_precision_holds() -> None:
    """A coverage rule asks for a precision; the bar follows the trained curve."""
    from dataclasses import replace

    detector = load_models().detectors["cut_statement"]
    curve = ((0.5, 0.9), (0.6, 0.96), (0.7, 0.94), (0.8, 0.97), (0.9, 0.99))
    shaped = replace(detector, precision_at=curve)
    assert shaped.bar_for_precision(0.95) == 0.8  # 0.6 reaches it, but 0.7 falls back
    assert shaped.bar_for_precision(0.9) == 0.5
    assert shaped.bar_for_precision(0.995) == 0.9  # never reached: the highest bar
    assert replace(detector, precision_at=()).bar_for_precision(0.95) == 0.95


def test_every_trained_detector_records_its_precision_curve() -> None:
    for name, detector in load_models().detectors.items():
        bars = [bar for bar, _ in detector.precision_at]
        assert bars == sorted(bars) and len(bars) >= 5, name
        assert all(0.0 <= precision <= 1.0 for _, precision in detector.precision_at), name
