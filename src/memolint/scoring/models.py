"""Scoring models as plain JSON: load, check, and apply them.

Models are trained by ``python -m memolint.scoring.train`` and stored as JSON
(coefficients, vocabulary, scaler, cut points, feature names, the rules
version, a hash of the training data) — never pickle or joblib, which run
code on load. Inference is a few dot products in numpy, so scoring a memo
adds milliseconds and needs no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
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

    def probability(self, tokens: Sequence[str], dense: Mapping[str, float]) -> float:
        from memolint.scoring.features import ngrams

        counts: dict[int, int] = {}
        for gram in ngrams(tokens, self.ngram_sizes):
            index = self.vocabulary.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        weights = {
            index: (1 + math.log(count)) * self.idf[index] for index, count in counts.items()
        }
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        score = self.intercept
        for index, value in weights.items():
            score += self.coef[index] * value / norm
        offset = len(self.vocabulary)
        for position, name in enumerate(self.dense_names):
            scaled = (dense.get(name, 0.0) - self.dense_mean[position]) / self.dense_scale[position]
            score += self.coef[offset + position] * scaled
        return 1.0 / (1.0 + math.exp(-max(min(score, 40.0), -40.0)))


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
