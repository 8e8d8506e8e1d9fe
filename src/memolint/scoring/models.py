"""Scoring models as plain JSON: load, check, and apply them.

Models are trained by ``python -m memolint.scoring.train`` and stored as JSON
(coefficients, vocabulary, scaler, cut points, feature names, the rules
version, a hash of the training data) — never pickle or joblib, which run
code on load. Inference is a few sparse dot products in plain Python, so
scoring a memo adds milliseconds and needs neither scikit-learn nor numpy at
run time (nor their import time). The arithmetic keeps one fixed order of
operations, so a memo's scores are the same floats on every run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache, reduce
from operator import add
from pathlib import Path
from typing import Any

from memolint.errors import ModelNotInstalled

MODELS_DIR = Path(__file__).resolve().parent / "models"
DETECTORS = (
    "escalation",
    "silent_failure",
    "automated_alignment",
    "meeting_alignment",
    "cut_statement",
    "hedge",
)
FORMAT_VERSION = 1
#: Standardised document features are clipped to this many standard deviations,
#: in training and in prediction: a three-sentence memo's "density" lies far
#: outside anything the models saw, and a linear model would extrapolate wildly.
Z_LIMIT = 3.0


@dataclass(frozen=True)
class SentenceDetector:
    """Logistic regression over TF-IDF lemma n-grams plus scaled dense features."""

    name: str
    vocabulary: Mapping[str, int]
    idf: Sequence[float]
    ngram_sizes: tuple[int, ...]
    dense_names: tuple[str, ...]
    dense_mean: Sequence[float]
    dense_scale: Sequence[float]
    coef: Sequence[float]
    intercept: float
    threshold: float
    #: (probability bar, precision at or above it) on the tuning sentences.
    precision_at: tuple[tuple[float, float], ...] = ()

    def bar_for_precision(self, target: float) -> float:
        """The lowest probability from which the detector was at least
        ``target`` precise on its tuning sentences (at every higher bar too),
        so a rule's bar follows each retraining instead of being re-set by hand.
        Without a curve, or if no bar reaches the target, the highest bar."""
        bars = sorted(self.precision_at)
        chosen = None
        for bar, precision in reversed(bars):
            if precision < target:
                break
            chosen = bar
        if chosen is not None:
            return chosen
        return bars[-1][0] if bars else 0.95

    def probability(self, tokens: Sequence[str], dense: Mapping[str, float]) -> float:
        from memolint.scoring.features import gram_counts

        return self.probability_of_counts(gram_counts(tokens, self.ngram_sizes), dense)

    def probability_of_counts(self, grams: Mapping[str, int], dense: Mapping[str, float]) -> float:
        """:meth:`probability` from n-gram counts (as from ``gram_counts``), which
        every detector with the same n-gram sizes can share."""
        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for gram, count in grams.items():
            index = vocabulary.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + count
        idf, coef = self.idf, self.coef
        hits = [_weighted(idf[index], coef[index], count) for index, count in counts.items()]
        return self._probability(hits, self.dense_terms(dense))

    def dense_terms(self, dense: Mapping[str, float]) -> list[float]:
        """Each dense feature's term of the score: coefficient times scaled value."""
        return [
            weight * ((dense.get(name, 0.0) - mean) / scale)
            for name, mean, scale, weight in self._dense_terms
        ]

    def _probability(self, hits: list[tuple[float, float]], dense_terms: list[float]) -> float:
        """The logistic output from the sentence's n-grams in order of first
        occurrence, each as (squared TF-IDF weight, coefficient times weight)."""
        norm = math.sqrt(sum([square for square, _ in hits])) or 1.0
        terms = [scaled / norm for _, scaled in hits]
        terms += dense_terms
        # Added one by one from the intercept, in this order: the score is the
        # same float as a plain loop gives (sum() may compensate rounding).
        score = reduce(add, terms, self.intercept)
        return 1.0 / (1.0 + math.exp(-max(min(score, 40.0), -40.0)))

    @cached_property
    def _dense_terms(self) -> tuple[tuple[str, float, float, float], ...]:
        """(name, mean, scale, coefficient) of each dense feature."""
        offset = len(self.vocabulary)
        return tuple(
            (
                name,
                self.dense_mean[position],
                self.dense_scale[position],
                self.coef[offset + position],
            )
            for position, name in enumerate(self.dense_names)
        )

    @cached_property
    def _one_gram_per_index(self) -> bool:
        return len(set(self.vocabulary.values())) == len(self.vocabulary)


def _weighted(idf: float, coef: float, count: int) -> tuple[float, float]:
    """(squared weight, coefficient times weight) of an n-gram seen ``count``
    times: sublinear TF-IDF, 1 + log(count) times the idf (1 + log(1) is 1)."""
    value = idf if count == 1 else (1 + math.log(count)) * idf
    return value * value, coef * value


class _DetectorSet:
    """Several detectors scoring the same sentences, sharing the work.

    An n-gram is looked up in every vocabulary once per process (its
    per-detector weights are kept), and the dense terms once per distinct
    feature vector; the arithmetic per sentence is the same, in the same
    order, as each detector's :meth:`SentenceDetector.probability_of_counts`.
    """

    #: Kept look-ups are dropped past this many n-grams (or feature vectors).
    LIMIT = 50_000

    def __init__(self, detectors: Sequence[SentenceDetector]) -> None:
        self.detectors = tuple(detectors)
        self.grams: dict[str, tuple[tuple[int, float, float, float, float], ...]] = {}
        self.dense_names = tuple(
            dict.fromkeys(name for detector in detectors for name in detector.dense_names)
        )
        self.dense: dict[tuple[float, ...], tuple[list[float], ...]] = {}

    def probabilities(self, grams: Mapping[str, int], dense: Mapping[str, float]) -> list[float]:
        hits: list[list[tuple[float, float]]] = [[] for _ in self.detectors]
        for gram, count in grams.items():
            entries = self.grams.get(gram)
            if entries is None:
                entries = self._entries(gram)
            for position, idf, coef, square, scaled in entries:
                if count == 1:
                    hits[position].append((square, scaled))
                else:
                    hits[position].append(_weighted(idf, coef, count))
        key = tuple([dense.get(name, 0.0) for name in self.dense_names])
        dense_terms = self.dense.get(key)
        if dense_terms is None:
            if len(self.dense) >= self.LIMIT:
                self.dense.clear()
            dense_terms = self.dense[key] = tuple(
                detector.dense_terms(dense) for detector in self.detectors
            )
        return [
            detector._probability(found, terms)
            for detector, found, terms in zip(self.detectors, hits, dense_terms, strict=True)
        ]

    def _entries(self, gram: str) -> tuple[tuple[int, float, float, float, float], ...]:
        entries = []
        for position, detector in enumerate(self.detectors):
            index = detector.vocabulary.get(gram)
            if index is not None:
                idf, coef = detector.idf[index], detector.coef[index]
                entries.append((position, idf, coef, *_weighted(idf, coef, 1)))
        if len(self.grams) >= self.LIMIT:
            self.grams.clear()
        found = self.grams[gram] = tuple(entries)
        return found


@dataclass(frozen=True)
class DimensionModel:
    """Ridge regression on document features, then cut points to a 0–4 level."""

    name: str
    features: tuple[str, ...]
    mean: Sequence[float]
    scale: Sequence[float]
    coef: Sequence[float]
    intercept: float
    cut_points: Sequence[float]

    def predict(self, values: Mapping[str, float]) -> tuple[float, int, dict[str, float]]:
        contributions: dict[str, float] = {}
        total = self.intercept
        for position, name in enumerate(self.features):
            scaled = (values.get(name, 0.0) - self.mean[position]) / self.scale[position]
            scaled = min(max(scaled, -Z_LIMIT), Z_LIMIT)  # no wild extrapolation on odd memos
            contribution = self.coef[position] * scaled
            contributions[name] = contribution
            total += contribution
        value = min(max(total, 0.0), 4.0)
        level = sum(1 for cut in self.cut_points if value >= cut)
        return value, level, contributions


@dataclass(frozen=True)
class ModelBundle:
    detectors: Mapping[str, SentenceDetector]
    dimensions: Mapping[str, DimensionModel]
    rules_version: str

    def sentence_probabilities(
        self, grams: Mapping[str, int], dense: Mapping[str, float], names: Sequence[str]
    ) -> dict[str, float]:
        """Each named detector's :meth:`~SentenceDetector.probability_of_counts`
        for one sentence, computed together."""
        key = tuple(names)
        shared = self._shared.get(key)
        if shared is None:
            detectors = [self.detectors[name] for name in key]
            # Sharing needs one n-gram per coefficient (as a fitted vocabulary has).
            if all(detector._one_gram_per_index for detector in detectors):
                shared = self._shared[key] = _DetectorSet(detectors)
            else:
                return {
                    name: detector.probability_of_counts(grams, dense)
                    for name, detector in zip(key, detectors, strict=True)
                }
        return dict(zip(key, shared.probabilities(grams, dense), strict=True))

    @cached_property
    def _shared(self) -> dict[tuple[str, ...], _DetectorSet]:
        return {}


def load_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelNotInstalled(
            f"scoring model {path.name} is missing or unreadable ({error}); reinstall memolint "
            "or retrain with `python -m memolint.scoring.train`"
        ) from None


@lru_cache(maxsize=2)
def load_models(directory: str = str(MODELS_DIR)) -> ModelBundle:
    """Load every model, refusing ones trained for other rules."""
    from memolint.rules import load_specs, rules_version

    folder = Path(directory)
    current = rules_version(load_specs())
    detectors: dict[str, SentenceDetector] = {}
    dimensions: dict[str, DimensionModel] = {}
    for name in DETECTORS:
        data = _checked(load_json(folder / f"detector-{name}.json"), current)
        detectors[name] = SentenceDetector(
            name=name,
            vocabulary=data["vocabulary"],
            idf=data["idf"],
            ngram_sizes=tuple(data["ngram_sizes"]),
            dense_names=tuple(data["dense_features"]),
            dense_mean=data["dense_mean"],
            dense_scale=data["dense_scale"],
            coef=data["coef"],
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            precision_at=_precision_curve(data),
        )
    from memolint.report import DIMENSIONS

    for name in DIMENSIONS:
        data = _checked(load_json(folder / f"dimension-{name}.json"), current)
        dimensions[name] = DimensionModel(
            name=name,
            features=tuple(data["features"]),
            mean=data["mean"],
            scale=data["scale"],
            coef=data["coef"],
            intercept=float(data["intercept"]),
            cut_points=data["cut_points"],
        )
    return ModelBundle(detectors, dimensions, current)


def _precision_curve(data: dict[str, Any]) -> tuple[tuple[float, float], ...]:
    """The detector's (bar, precision) pairs, which the coverage rules read.

    A detector file written before training recorded them has none: that is
    a model to retrain, said as such, not a KeyError."""
    curve = data.get("precision_at")
    if not isinstance(curve, list) or not all(
        isinstance(pair, list) and len(pair) == 2 for pair in curve
    ):
        raise ModelNotInstalled(
            f"scoring model {data.get('name')!r} has no precision curve (precision_at); "
            "retrain with `python -m memolint.scoring.train`"
        )
    return tuple((float(bar), float(precision)) for bar, precision in curve)


def _checked(data: dict[str, Any], current: str) -> dict[str, Any]:
    if data.get("format") != FORMAT_VERSION:
        raise ModelNotInstalled(
            f"scoring model {data.get('name')!r} has format {data.get('format')!r}, expected "
            f"{FORMAT_VERSION}; retrain with `python -m memolint.scoring.train`"
        )
    if data.get("rules_version") != current:
        raise ModelNotInstalled(
            f"scoring model {data.get('name')!r} was trained for rules version "
            f"{data.get('rules_version')}, but the rules are now {current}; retrain with "
            "`python -m memolint.scoring.train`"
        )
    return data
