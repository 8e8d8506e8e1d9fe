"""Sentence evidence and document features, computed once per memo.

Every sentence of the memo's prose goes through the six detectors once; the
coverage rules (ML301–ML304) and the dimension scores both read the result
from the parsed memo's cache.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from memolint.parsed import ParsedBlock, ParsedMemo
from memolint.rules.checks.hedging import cached_sentence_hedges
from memolint.scoring.features import (
    block_words,
    gram_counts,
    sentence_features,
    sentence_tokens,
)
from memolint.scoring.models import DETECTORS, ModelBundle, load_models

if TYPE_CHECKING:
    from spacy.tokens import Span

    from memolint.report import Finding

#: Findings whose counts feed the scores (see corpora/GUIDE.md).
FINDING_FEATURES = ("ML101", "ML102", "ML103", "ML104", "ML201", "ML202", "ML203", "ML204")


@dataclass(frozen=True, slots=True)
class SentenceEvidence:
    block: ParsedBlock
    span: Span
    probabilities: dict[str, float]
    features: dict[str, float]

    @property
    def start(self) -> int:
        return self.block.offset(self.span.start_char)

    @property
    def end(self) -> int:
        return self.block.offset(self.span.end_char)


def sentence_evidence(
    parsed: ParsedMemo, bundle: ModelBundle | None = None
) -> list[SentenceEvidence]:
    """Detector probabilities for every prose sentence (cached on ``parsed``)."""
    cached = parsed.cache.get("evidence")
    if cached is not None:
        return cached  # type: ignore[return-value]
    bundle = bundle or load_models()
    sizes = {bundle.detectors[name].ngram_sizes for name in DETECTORS}
    results: list[SentenceEvidence] = []
    for block, span in parsed.sentences():
        if block.block.kind in ("heading", "title") or len(span) < 3:
            continue
        words = block_words(block)
        tokens = sentence_tokens(span, words)
        hedges = cached_sentence_hedges(block)[span.start]
        dense = sentence_features(span, rule_hedges=len(hedges), words=words)
        if len(sizes) == 1:  # one n-gram vocabulary shape: the detectors share the work
            grams = gram_counts(tokens, next(iter(sizes)))
            probabilities = bundle.sentence_probabilities(grams, dense, DETECTORS)
        else:
            probabilities = {
                name: bundle.detectors[name].probability(tokens, dense) for name in DETECTORS
            }
        results.append(SentenceEvidence(block, span, probabilities, dense))
    parsed.cache["evidence"] = results
    return results


def detected(
    evidence: Sequence[SentenceEvidence], name: str, bundle: ModelBundle
) -> list[SentenceEvidence]:
    """Sentences the named detector calls positive, strongest first."""
    threshold = bundle.detectors[name].threshold
    hits = [item for item in evidence if item.probabilities[name] >= threshold]
    return sorted(hits, key=lambda item: -item.probabilities[name])


def document_features(
    parsed: ParsedMemo,
    findings: Sequence[Finding],
    evidence: Sequence[SentenceEvidence],
    bundle: ModelBundle,
) -> dict[str, float]:
    """Interpretable memo-level features for the dimension models."""
    sentences = max(len(evidence), 1)
    values: dict[str, float] = {}
    for name in DETECTORS:
        probabilities = sorted((item.probabilities[name] for item in evidence), reverse=True)
        threshold = bundle.detectors[name].threshold
        hits = sum(1 for p in probabilities if p >= threshold)
        values[f"{name}_max"] = probabilities[0] if probabilities else 0.0
        values[f"{name}_top3"] = sum(probabilities[:3]) / 3 if probabilities else 0.0
        values[f"{name}_count"] = math.log1p(hits)
        values[f"{name}_density"] = hits / sentences
    counts = Counter(finding.code for finding in findings)
    for code in FINDING_FEATURES:
        values[f"{code}_count"] = math.log1p(counts.get(code, 0))
        values[f"{code}_density"] = counts.get(code, 0) / sentences
    values["number_unit_density"] = (
        sum(item.features["number_with_unit"] for item in evidence) / sentences
    )
    values["time_bound_density"] = sum(item.features["time_bound"] for item in evidence) / sentences
    values["words_log"] = math.log1p(sum(len(item.span) for item in evidence))
    values.update(_rubric_cues(evidence, bundle))
    return values


def _rubric_cues(evidence: Sequence[SentenceEvidence], bundle: ModelBundle) -> dict[str, float]:
    """What the top grades ask for beyond a detected sentence.

    Silent failures: a detection signal (a threshold, a number with a unit)
    and why ordinary monitoring would miss it, in the sentence or the next;
    and whether the detected sentence names wrongness (stale, mixed,
    corrupt, drifting data) rather than an outage, which the bottom grade
    is about.
    Prioritization: the cut's trade-off, what will never be cut, a ranking,
    and whether the cut itself is hedged.
    """
    features = [item.features for item in evidence]

    def near(index: int, key: str) -> bool:
        return any(row.get(key, 0.0) > 0 for row in features[index : index + 2])

    silent = bundle.detectors["silent_failure"].threshold
    cut = bundle.detectors["cut_statement"].threshold
    silent_hits = [
        i for i, item in enumerate(evidence) if item.probabilities["silent_failure"] >= silent
    ]
    cut_hits = [i for i, item in enumerate(evidence) if item.probabilities["cut_statement"] >= cut]
    with_signal = [
        i for i in silent_hits if near(i, "number_with_unit") or near(i, "measurable_condition")
    ]
    strongest_cut = max(
        cut_hits, key=lambda i: evidence[i].probabilities["cut_statement"], default=None
    )
    return {
        "silent_failure_with_signal": math.log1p(len(with_signal)),
        "silent_failure_unseen": math.log1p(sum(1 for i in silent_hits if near(i, "unseen_cue"))),
        "unseen_cue_count": math.log1p(sum(row.get("unseen_cue", 0.0) for row in features)),
        # a detected silent failure that names wrongness rather than an outage
        "silent_failure_wrong": math.log1p(
            sum(1 for i in silent_hits if features[i].get("wrong_not_down_cue", 0.0) > 0)
        ),
        "cut_with_trade_off": float(any(near(i, "trade_off_cue") for i in cut_hits)),
        "never_cut": float(any(row.get("never_cut_cue", 0.0) for row in features)),
        "ranked": float(any(row.get("ranked_cue", 0.0) for row in features)),
        "refuses_cut": float(any(row.get("refuses_cut_cue", 0.0) for row in features)),
        "vague_cut": float(any(row.get("vague_cut_cue", 0.0) for row in features)),
        "cut_confident_count": math.log1p(
            sum(1 for item in evidence if item.probabilities["cut_statement"] >= 0.6)
        ),
        "cut_hedged": float(
            strongest_cut is not None and features[strongest_cut].get("rule_hedges", 0.0) > 0
        ),
    }
