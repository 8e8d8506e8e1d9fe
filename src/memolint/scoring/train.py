"""Train the scoring models from ``corpora/`` and write them as JSON.

    python -m memolint.scoring.train            # train on train, tune on dev
    python -m memolint.scoring.train --report   # also measure the test split

Detectors: TF-IDF over lemma n-grams plus scaled interpretable features, a
logistic regression whose C and decision threshold are chosen on the dev
sentences; sentences of training memos whose labels say they lack the
property are added as in-domain negatives. Dimensions: ridge regression over
the named document features, fitted on cross-fitted features (each memo's
features come from detectors trained without that memo's topic), with cut
points to 0–4 levels chosen on out-of-fold predictions. Seeds are fixed; the JSON
records the rules version and a hash of the training data. The test split is
read only with ``--report``, after every choice has been made.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from memolint.scoring.features import SENTENCE_FEATURES, ngrams, sentence_features, sentence_tokens
from memolint.scoring.models import DETECTORS, FORMAT_VERSION, MODELS_DIR

SEED = 1729
NGRAM_SIZES = (1, 2)
#: The document features each dimension may use: its own evidence and the
#: findings a reviewer would weigh for it, so every contribution is explainable.
DIMENSION_FEATURES: dict[str, tuple[str, ...]] = {
    "escalation": (
        "escalation_max",
        "escalation_top3",
        "escalation_count",
        "escalation_density",
        "time_bound_density",
        "number_unit_density",
        "ML202_density",
    ),
    "silent_failures": (
        "silent_failure_max",
        "silent_failure_top3",
        "silent_failure_count",
        "silent_failure_density",
        "silent_failure_with_signal",
        "silent_failure_unseen",
        "unseen_cue_count",
        "silent_failure_wrong",
    ),
    "alignment": (
        "automated_alignment_max",
        "automated_alignment_top3",
        "automated_alignment_count",
        "automated_alignment_density",
        "meeting_alignment_max",
        "meeting_alignment_count",
        "meeting_alignment_density",
        "ML101_count",
        "ML102_count",
        "ML103_count",
        "number_unit_density",
    ),
    "prioritization": (
        "cut_statement_max",
        "cut_statement_top3",
        "cut_statement_count",
        "cut_statement_density",
        "hedge_density",
        "cut_with_trade_off",
        "never_cut",
        "ranked",
        "refuses_cut",
        "vague_cut",
        "cut_confident_count",
    ),
    "conviction": (
        "hedge_density",
        "hedge_count",
        "ML202_density",
        "ML201_density",
        "ML203_count",
        "ML204_count",
        "ML104_count",
        "number_unit_density",
    ),
}
#: Detector test sets of earlier rounds, run once each, then opened up.
EARLIER_SENTENCE_ROUNDS = (
    "dev-c",
    "dev-d",
    "dev-e",
    "dev-f",
    "dev-g",
    "dev-h",
    "dev-i",
    "dev-j",
    "dev-k",
    "dev-l",
    "dev-m",
    "dev-n",
    "dev-o",
)
#: Sentence splits the detectors' C and threshold are tuned on: the dev splits
#: of the first sets and every opened-up round (one list, so opening a round
#: up is one edit).
TUNING_SPLITS = ("dev", "dev-b", *EARLIER_SENTENCE_ROUNDS)
#: The memo split held apart for the report (``corpora/memos/splits.json``);
#: the models learn from every other memo, so opening a reported round up for
#: development needs no change here.
MEMO_TEST_SPLIT = "test"
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
ALPHA_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)


def repository_root() -> Path:
    return Path(__file__).resolve().parents[3]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


# ---------------------------------------------------------------- detectors


def featurize_sentences(texts: Sequence[str]) -> list[tuple[list[str], dict[str, float]]]:
    from memolint.nlp import load_pipeline

    rows = []
    for doc in load_pipeline().pipe(texts, batch_size=128):
        span = doc[:]
        rows.append((sentence_tokens(span), sentence_features(span)))
    return rows


def _design(rows, vectorizer=None, scaler=None):
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import StandardScaler

    grams = [ngrams(tokens, NGRAM_SIZES) for tokens, _ in rows]
    dense = np.array([[row[1][name] for name in SENTENCE_FEATURES] for row in rows])
    if vectorizer is None:
        vectorizer = TfidfVectorizer(
            analyzer=lambda items: items, sublinear_tf=True, min_df=2, norm="l2"
        )
        vectorizer.fit(grams)
        scaler = StandardScaler().fit(dense)
    sparse = vectorizer.transform(grams)
    return hstack([sparse, csr_matrix(scaler.transform(dense))]).tocsr(), vectorizer, scaler


def _f1(labels, predictions) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(labels, predictions, zero_division=0))


def train_detector(
    name: str, items: list[dict[str, Any]], negatives: Sequence = ()
) -> tuple[dict[str, Any], dict]:
    """Tune C and the threshold on the dev sentences, then fit on train + dev.

    ``negatives`` are in-domain sentences from training memos whose labels
    say the memo has no such sentence at all; they teach the detector what
    ordinary memo prose looks like, which the sentence sets alone do not.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    train = [item for item in items if item["split"] == "train"]
    dev = [item for item in items if item["split"] in TUNING_SPLITS]
    train_rows = featurize_sentences([item["text"] for item in train]) + list(negatives)
    dev_rows = featurize_sentences([item["text"] for item in dev])
    y_train = np.array([item["label"] for item in train] + [0] * len(negatives))
    y_dev = np.array([item["label"] for item in dev])
    x_train, vectorizer, scaler = _design(train_rows)
    x_dev, _, _ = _design(dev_rows, vectorizer, scaler)
    best = (-1.0, 1.0, 0.5)
    held_out: dict[float, Any] = {}
    for c in C_GRID:
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED)
        model.fit(x_train, y_train)
        probabilities = model.predict_proba(x_dev)[:, 1]
        held_out[c] = probabilities
        for threshold in np.arange(0.2, 0.81, 0.05):
            score = _f1(y_dev, probabilities >= threshold)
            if score > best[0] + 1e-9:
                best = (score, c, float(threshold))
    dev_f1, c, threshold = best
    precision_at = _precision_curve(y_dev, held_out[c])
    # Refit on train + dev with the chosen settings: more data, same decisions.
    rows = train_rows + dev_rows
    labels = np.concatenate([y_train, y_dev])
    x_all, vectorizer, scaler = _design(rows)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED)
    model.fit(x_all, labels)
    vocabulary = {str(gram): int(index) for gram, index in vectorizer.vocabulary_.items()}
    payload = {
        "format": FORMAT_VERSION,
        "name": name,
        "kind": "sentence-detector",
        "ngram_sizes": list(NGRAM_SIZES),
        "vocabulary": vocabulary,
        "idf": [round(float(value), 6) for value in vectorizer.idf_],
        "dense_features": list(SENTENCE_FEATURES),
        "dense_mean": [float(value) for value in scaler.mean_],
        "dense_scale": [float(value) if value > 0 else 1.0 for value in scaler.scale_],
        "coef": [round(float(value), 6) for value in model.coef_[0]],
        "intercept": float(model.intercept_[0]),
        "threshold": round(threshold, 3),
        "precision_at": precision_at,
        "hyperparameters": {"C": c},
    }
    info = {
        "dev_f1": round(dev_f1, 4),
        "C": c,
        "threshold": round(threshold, 3),
        "memo_negatives": len(negatives),
    }
    return payload, info


#: Probability bars at which a detector's precision on the tuning sentences
#: is recorded, so a rule can ask for a precision instead of a probability.
PRECISION_BARS = tuple(round(0.3 + 0.05 * step, 2) for step in range(14))  # 0.30 … 0.95


def _precision_curve(labels, probabilities) -> list[list[float]]:
    """[bar, precision] on sentences the fitted model never saw, for each bar
    that still keeps some sentences; the coverage rules read it."""
    curve = []
    for bar in PRECISION_BARS:
        chosen = probabilities >= bar
        if chosen.sum() >= 10:
            curve.append([bar, round(float(labels[chosen].mean()), 4)])
    return curve


def refit_detector(payload: dict[str, Any], items: list[dict[str, Any]], negatives: Sequence):
    """The same detector (C, threshold) fitted with another set of memo negatives."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    chosen = [item for item in items if item["split"] in ("train", *TUNING_SPLITS)]
    rows = _sentence_rows(chosen) + list(negatives)
    labels = np.array([item["label"] for item in chosen] + [0] * len(negatives))
    x_all, vectorizer, scaler = _design(rows)
    model = LogisticRegression(
        C=payload["hyperparameters"]["C"],
        class_weight="balanced",
        max_iter=2000,
        random_state=SEED,
    )
    model.fit(x_all, labels)
    return _detector(
        payload["name"],
        vectorizer,
        scaler,
        model,
        payload["threshold"],
        payload.get("precision_at", ()),
    )


_ROW_CACHE: dict[str, tuple[list[str], dict[str, float]]] = {}


def _sentence_rows(items: list[dict[str, Any]]):
    missing = [item["text"] for item in items if item["text"] not in _ROW_CACHE]
    for text, row in zip(missing, featurize_sentences(missing), strict=True):
        _ROW_CACHE[text] = row
    return [_ROW_CACHE[item["text"]] for item in items]


def _detector(name, vectorizer, scaler, model, threshold, precision_at=()):
    from memolint.scoring.models import SentenceDetector

    return SentenceDetector(
        name=name,
        vocabulary={str(gram): int(index) for gram, index in vectorizer.vocabulary_.items()},
        idf=[float(value) for value in vectorizer.idf_],
        ngram_sizes=NGRAM_SIZES,
        dense_names=SENTENCE_FEATURES,
        dense_mean=[float(value) for value in scaler.mean_],
        dense_scale=[float(value) if value > 0 else 1.0 for value in scaler.scale_],
        coef=[float(value) for value in model.coef_[0]],
        intercept=float(model.intercept_[0]),
        threshold=threshold,
        precision_at=tuple((float(bar), float(value)) for bar, value in precision_at),
    )


# ---------------------------------------------------------------- memos


#: Which memo flag says a memo has no sentence of a detector's kind.
MEMO_FLAGS = {
    "escalation": "escalation_path",
    "silent_failure": "silent_failure_modes",
    "automated_alignment": "automated_alignment",
    "meeting_alignment": "meeting_alignment",
    "cut_statement": "cut_statement",
}


class _Row:
    """A memo sentence reduced to what the detectors and document features read."""

    __slots__ = ("features", "probabilities", "span", "tokens")

    def __init__(self, tokens: list[str], features: dict[str, float], length: int) -> None:
        self.tokens = tokens
        self.features = features
        self.span = range(length)
        self.probabilities: dict[str, float] = {}


def prepare_memos(labels: Sequence[dict[str, Any]]) -> list[tuple[list, list[_Row]]]:
    """Parse each memo once: its findings (coverage rules excluded) and sentence rows."""
    from memolint.config import Config
    from memolint.ingest import read_memo
    from memolint.parsed import ParsedMemo
    from memolint.rules import RuleSet

    rules = RuleSet.from_config(Config(ignore=("ML3",), score=False))
    prepared = []
    for label in labels:
        parsed = ParsedMemo.parse(read_memo(label["path"]))
        findings = rules.run(parsed)
        rows = [
            _Row(sentence_tokens(span), sentence_features(span), len(span))
            for block, span in parsed.sentences()
            if block.block.kind not in ("heading", "title") and len(span) >= 3
        ]
        prepared.append((findings, rows))
    return prepared


def memo_negatives(labels, prepared, detector: str, exclude: set[int] = frozenset()):
    flag = MEMO_FLAGS.get(detector)
    if flag is None:
        return []
    rows = []
    for index, (label, (_, memo_rows)) in enumerate(zip(labels, prepared, strict=True)):
        if index in exclude or label["flags"].get(flag, True):
            continue
        rows.extend((row.tokens, row.features) for row in memo_rows)
    return rows


def memo_document_features(prepared_memo, detectors) -> dict[str, float]:
    from memolint.scoring.evidence import document_features
    from memolint.scoring.models import ModelBundle

    findings, rows = prepared_memo
    for row in rows:
        row.probabilities = {
            name: detector.probability(row.tokens, row.features)
            for name, detector in detectors.items()
        }
    return document_features(None, findings, rows, ModelBundle(detectors, {}, ""))


def quadratic_kappa(truth: Sequence[int], predicted: Sequence[int]) -> float:
    from sklearn.metrics import cohen_kappa_score

    if len(set(truth)) == 1 and len(set(predicted)) == 1:
        return 1.0 if list(truth) == list(predicted) else 0.0
    return float(cohen_kappa_score(truth, predicted, weights="quadratic", labels=[0, 1, 2, 3, 4]))


def _levels(values: Sequence[float], cuts: Sequence[float]) -> list[int]:
    return [sum(1 for cut in cuts if value >= cut) for value in values]


def fit_cut_points(values: Sequence[float], truth: Sequence[int]) -> list[float]:
    """Cut points maximising QWK on out-of-fold predictions (coordinate search)."""
    cuts = [0.5, 1.5, 2.5, 3.5]
    best = quadratic_kappa(truth, _levels(values, cuts))
    for _ in range(3):
        for position in range(4):
            low = cuts[position - 1] + 0.05 if position else 0.05
            high = cuts[position + 1] - 0.05 if position < 3 else 3.95
            candidate_values = [low + (high - low) * step / 20 for step in range(21)]
            for candidate in candidate_values:
                trial = [*cuts[:position], candidate, *cuts[position + 1 :]]
                score = quadratic_kappa(truth, _levels(values, trial))
                if score > best + 1e-9:
                    best, cuts = score, trial
    return [round(cut, 3) for cut in cuts]


def _z(scaler, x):
    """Standardised features, clipped as :class:`DimensionModel` clips them."""
    import numpy as np

    from memolint.scoring.models import Z_LIMIT

    return np.clip(scaler.transform(x), -Z_LIMIT, Z_LIMIT)


def train_dimension(name: str, features: list[dict[str, float]], grades: list[int], groups):
    import numpy as np
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    names = DIMENSION_FEATURES[name]
    x = np.array([[row.get(feature, 0.0) for feature in names] for row in features])
    y = np.array(grades, dtype=float)
    folds = GroupKFold(n_splits=min(5, len(set(groups))))
    best_alpha, best_score, best_oof = ALPHA_GRID[0], -2.0, None
    for alpha in ALPHA_GRID:
        oof = np.zeros(len(y))
        for train_index, test_index in folds.split(x, y, groups):
            scaler = StandardScaler().fit(x[train_index])
            model = Ridge(alpha=alpha).fit(_z(scaler, x[train_index]), y[train_index])
            oof[test_index] = np.clip(model.predict(_z(scaler, x[test_index])), 0, 4)
        score = quadratic_kappa(grades, _levels(oof, [0.5, 1.5, 2.5, 3.5]))
        if score > best_score:
            best_alpha, best_score, best_oof = alpha, score, oof
    cuts = fit_cut_points(list(best_oof), grades)
    scaler = StandardScaler().fit(x)
    model = Ridge(alpha=best_alpha).fit(_z(scaler, x), y)
    payload = {
        "format": FORMAT_VERSION,
        "name": name,
        "kind": "dimension-ridge",
        "features": list(names),
        "mean": [float(value) for value in scaler.mean_],
        "scale": [float(value) if value > 0 else 1.0 for value in scaler.scale_],
        "coef": [round(float(value), 6) for value in model.coef_],
        "intercept": float(model.intercept_),
        "cut_points": cuts,
        "hyperparameters": {"alpha": best_alpha},
    }
    return payload, {"oof_qwk": round(best_score, 4), "alpha": best_alpha}


# ---------------------------------------------------------------- main


def data_hash(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sentence_paths(sentence_dir: Path, name: str) -> list[Path]:
    """A detector's development sentences: its main set, then earlier rounds'
    test sets that were run once and opened up (``<name>.dev-c.jsonl`` …
    ``<name>.dev-j.jsonl``)."""
    earlier = [sentence_dir / f"{name}.{split}.jsonl" for split in EARLIER_SENTENCE_ROUNDS]
    return [sentence_dir / f"{name}.jsonl", *(path for path in earlier if path.exists())]


def load_sentences(sentence_dir: Path, name: str) -> list[dict[str, Any]]:
    """Every development sentence of one detector; earlier rounds' items are
    tuning data (split ``dev-c`` … ``dev-i``: the file's own round) beside the
    main set's dev and dev-b."""
    main, *earlier = sentence_paths(sentence_dir, name)
    items = read_jsonl(main)
    for path in earlier:
        split = path.name.removesuffix(".jsonl").rsplit(".", 1)[1]
        items += [{**item, "split": split} for item in read_jsonl(path)]
    return items


def load_memo_labels(root: Path) -> list[dict[str, Any]]:
    memos_dir = root / "corpora" / "memos"
    labels: list[dict[str, Any]] = []
    for path in sorted(memos_dir.glob("labels-*.jsonl")):
        if "second" in path.name:
            continue  # the second annotator's labels are for agreement only
        labels.extend(read_jsonl(path))
    splits = json.loads((memos_dir / "splits.json").read_text(encoding="utf-8"))
    for label in labels:
        label["split"] = splits[label["id"]]
        label["path"] = memos_dir / label["file"]
    return labels


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m memolint.scoring.train", description=__doc__)
    parser.add_argument("--root", type=Path, default=repository_root())
    parser.add_argument("--out", type=Path, default=MODELS_DIR)
    parser.add_argument("--report", action="store_true", help="also measure the test split")
    args = parser.parse_args(argv)
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from memolint.report import DIMENSIONS
    from memolint.rules import load_specs, rules_version

    np.random.seed(SEED)
    version = rules_version(load_specs())
    sentence_dir = args.root / "corpora" / "sentences"
    metrics: dict[str, Any] = {"rules_version": version, "detectors": {}, "dimensions": {}}
    labels = load_memo_labels(args.root)
    fit = [label for label in labels if label["split"] != MEMO_TEST_SPLIT]
    print(f"parsing {len(fit)} training memos", file=sys.stderr)
    prepared = prepare_memos(fit)
    sentence_sets = {name: load_sentences(sentence_dir, name) for name in DETECTORS}

    payloads: dict[str, dict[str, Any]] = {}
    detectors = {}
    for name in DETECTORS:
        negatives = memo_negatives(fit, prepared, name)
        payload, info = train_detector(name, sentence_sets[name], negatives)
        payload["rules_version"] = version
        payload["training_data_sha256"] = data_hash(
            [*sentence_paths(sentence_dir, name), *[label["path"] for label in fit]]
        )
        payloads[f"detector-{name}"] = payload
        metrics["detectors"][name] = info
        detectors[name] = refit_detector(payload, sentence_sets[name], negatives)
        print(f"detector {name}: {info}", file=sys.stderr)

    # Cross-fitting: each memo's document features come from detectors that
    # never saw that memo's sentences, so the dimension models learn from
    # features distributed as they will be on new memos.
    groups = [label["topic"] for label in fit]
    features: list[dict[str, float]] = [{} for _ in fit]
    for _, held in GroupKFold(n_splits=5).split(fit, groups=groups):
        excluded = set(int(index) for index in held)
        fold_detectors = {
            name: refit_detector(
                payloads[f"detector-{name}"],
                sentence_sets[name],
                memo_negatives(fit, prepared, name, excluded),
            )
            for name in DETECTORS
        }
        for index in held:
            features[index] = memo_document_features(prepared[index], fold_detectors)
    memo_hash = data_hash([label["path"] for label in fit])
    for name in DIMENSIONS:
        grades = [int(label["grades"][name]) for label in fit]
        payload, info = train_dimension(name, features, grades, groups)
        payload["rules_version"] = version
        payload["training_data_sha256"] = memo_hash
        payloads[f"dimension-{name}"] = payload
        metrics["dimensions"][name] = info
        print(f"dimension {name}: {info}", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    for name in DETECTORS:
        payloads[f"detector-{name}"].update(_detector_payload(detectors[name]))
    for stem, payload in payloads.items():
        (args.out / f"{stem}.json").write_text(
            json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
        )
    (args.root / "corpora" / "training-metrics.json").write_text(
        json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    if args.report:
        from memolint.scoring.evaluate import main as evaluate

        return evaluate(["--root", str(args.root)])
    return 0


def _detector_payload(detector) -> dict[str, Any]:
    """The fitted parameters of a detector, in the JSON model's field names."""
    return {
        "vocabulary": dict(detector.vocabulary),
        "idf": [round(float(value), 6) for value in detector.idf],
        "dense_mean": list(detector.dense_mean),
        "dense_scale": list(detector.dense_scale),
        "coef": [round(float(value), 6) for value in detector.coef],
        "intercept": float(detector.intercept),
    }


if __name__ == "__main__":
    raise SystemExit(main())
