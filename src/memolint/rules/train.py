"""Train the sentence models that stand beside the ML101 and ML103 parse rules.

    python -m memolint.rules.train                      # writes rules/models/*.json
    python -m memolint.rules.train --without dev-p --out DIR   # leave one round out

Each model is a logistic regression over lemma unigrams and bigrams (the
same tokens as the scoring detectors), learned from the rule's labelled
sentence sets in ``corpora/rules/`` (every split but ``test``) and from the
prose sentences of development memos whose labels say they have no such
practice: thousands of ordinary memo sentences that teach the model what a
plan reads like when it does *not* wait on approvals or meetings. Seeds are
fixed; the output is JSON (see :mod:`memolint.rules.learned`).

``--without ROUND`` leaves one earlier round's sentences and memos out, for
measuring the model on a round it never saw (``corpora/tune_learned.py``).
After retraining the built-in models, retrain the scoring models too
(``python -m memolint.scoring.train``): the rules version includes these files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from memolint.rules.learned import FORMAT

SEED = 1729
NGRAM_SIZES = (1, 2)
#: Rule sentence set (``corpora/rules/<task>*.jsonl``) and memo flag per model.
MODELS = {
    "ML101-approval-gate": ("approval_gate", "approval_gate"),
    "ML103-meeting-alignment": ("meeting_alignment", "meeting_alignment"),
}
C = 1.0
#: The threshold written into the model; each rule's ``model-threshold``
#: option (chosen with ``corpora/tune_learned.py``) takes precedence.
DEFAULT_THRESHOLD = 0.85
TEST_SPLIT = "test"


def repository_root() -> Path:
    return Path(__file__).resolve().parents[3]


def sentence_files(root: Path, task: str) -> list[Path]:
    """Every labelled sentence file of a task but the test split's."""
    folder = root / "corpora" / "rules"
    return sorted(
        path
        for path in folder.glob(f"{task}*.jsonl")
        if path.name.split(".")[0] == task and not path.name.endswith(f".{TEST_SPLIT}.jsonl")
    )


def round_of(path: Path) -> str:
    """``dev-j`` for ``approval_gate.dev-j.jsonl``; ``main`` for the main set."""
    parts = path.name.split(".")
    return parts[1] if len(parts) == 3 else "main"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def memo_labels(root: Path, without: str | None) -> list[dict[str, Any]]:
    folder = root / "corpora" / "memos"
    splits = json.loads((folder / "splits.json").read_text())
    labels = []
    for path in sorted(folder.glob("labels-*.jsonl")):
        if "second" in path.name:
            continue
        for label in read_jsonl(path):
            split = splits.get(label["id"])
            if split in (None, TEST_SPLIT, without):
                continue
            labels.append({**label, "path": str(folder / label["file"])})
    return labels


def memo_sentences(labels: Sequence[dict[str, Any]]) -> dict[str, list[list[str]]]:
    """Each memo's prose sentences as n-gram tokens, by memo id."""
    from memolint.ingest import read_memo
    from memolint.parsed import ParsedMemo
    from memolint.scoring.features import block_words, sentence_tokens

    sentences = {}
    for label in labels:
        parsed = ParsedMemo.parse(read_memo(label["path"]))
        rows = []
        for block, span in parsed.sentences():
            if block.block.kind in ("heading", "title") or len(span) < 3:
                continue
            rows.append(sentence_tokens(span, block_words(block)))
        sentences[label["id"]] = rows
    return sentences


def labelled_sentences(paths: Sequence[Path]) -> tuple[list[list[str]], list[int]]:
    from memolint.nlp import load_pipeline
    from memolint.scoring.features import sentence_tokens

    items = [item for path in paths for item in read_jsonl(path)]
    docs = load_pipeline().pipe([item["text"] for item in items], batch_size=128)
    return [sentence_tokens(doc[:]) for doc in docs], [int(item["label"]) for item in items]


def fit(tokens: Sequence[list[str]], labels: Sequence[int]) -> dict[str, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from memolint.scoring.features import ngrams

    grams = [ngrams(row, NGRAM_SIZES) for row in tokens]
    vectorizer = TfidfVectorizer(analyzer=lambda items: items, sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform(grams)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=SEED)
    model.fit(matrix, list(labels))
    return {
        "vocabulary": {str(gram): int(index) for gram, index in vectorizer.vocabulary_.items()},
        "idf": [round(float(value), 6) for value in vectorizer.idf_],
        "coef": [round(float(value), 6) for value in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def train(root: Path, out: Path, without: str | None = None) -> dict[str, Any]:
    labels = memo_labels(root, without)
    sentences = memo_sentences(labels)
    summary = {}
    for name, (task, flag) in MODELS.items():
        paths = [path for path in sentence_files(root, task) if round_of(path) != without]
        tokens, targets = labelled_sentences(paths)
        negatives = [
            row for label in labels if not label["flags"][flag] for row in sentences[label["id"]]
        ]
        payload = {
            "format": 1,
            "kind": FORMAT,
            "name": name,
            "ngram_sizes": list(NGRAM_SIZES),
            **fit(tokens + negatives, targets + [0] * len(negatives)),
            "threshold": DEFAULT_THRESHOLD,
            "hyperparameters": {"C": C, "seed": SEED},
            "training": {
                "sentence_files": [path.name for path in paths],
                "sentences": len(tokens),
                "positives": sum(targets),
                "memo_negatives": len(negatives),
                "memos": sum(not label["flags"][flag] for label in labels),
                "data_hash": _data_hash(paths, labels),
            },
        }
        out.mkdir(parents=True, exist_ok=True)
        target = out / f"{name}.json"
        target.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n")
        summary[name] = payload["training"]
    return summary


def _data_hash(paths: Sequence[Path], labels: Sequence[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    for label in labels:
        digest.update(Path(label["path"]).read_bytes())
        digest.update(json.dumps(label["flags"], sort_keys=True).encode())
    return digest.hexdigest()[:16]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m memolint.rules.train", description=__doc__)
    parser.add_argument("--without", help="leave this earlier round (e.g. dev-p) out")
    parser.add_argument("--out", type=Path, help="folder for the models (default rules/models)")
    args = parser.parse_args(argv)
    root = repository_root()
    out = args.out or root / "rules" / "models"
    for name, info in train(root, out, args.without).items():
        print(
            f"{name}: {info['sentences']} sentences ({info['positives']} positive), "
            f"{info['memo_negatives']} memo sentences from {info['memos']} memos"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
