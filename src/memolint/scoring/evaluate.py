"""Measure the trained scoring models on the held-apart test split.

    python -m memolint.scoring.evaluate

Reports F1 per evidence detector on the test sentences; for the test memos
(whose topics are absent from training: the memo split is by topic) the
quadratic weighted kappa, exact and adjacent agreement per dimension and the
verdict accuracy; and the agreement of the two annotators on the
double-labelled memos. Writes ``corpora/scoring-metrics.json`` and prints
Markdown tables. Nothing here feeds back into training.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from memolint.report import DIMENSIONS
from memolint.scoring.models import DETECTORS
from memolint.scoring.train import (
    featurize_sentences,
    load_memo_labels,
    quadratic_kappa,
    read_jsonl,
    repository_root,
)


def agreement(truth: Sequence[int], predicted: Sequence[int]) -> dict[str, float]:
    pairs = list(zip(truth, predicted, strict=True))
    return {
        "qwk": round(quadratic_kappa(truth, predicted), 3),
        "exact": round(sum(a == b for a, b in pairs) / len(pairs), 3),
        "adjacent": round(sum(abs(a - b) <= 1 for a, b in pairs) / len(pairs), 3),
        "n": len(pairs),
    }


def detector_metrics(root: Path, bundle) -> dict[str, dict[str, float]]:
    from sklearn.metrics import f1_score, precision_score, recall_score

    results = {}
    for name in DETECTORS:
        items = read_jsonl(root / "corpora" / "sentences" / f"{name}.test.jsonl")
        rows = featurize_sentences([item["text"] for item in items])
        detector = bundle.detectors[name]
        predicted = [
            detector.probability(tokens, dense) >= detector.threshold for tokens, dense in rows
        ]
        truth = [bool(item["label"]) for item in items]
        results[name] = {
            "n": len(items),
            "precision": round(float(precision_score(truth, predicted, zero_division=0)), 3),
            "recall": round(float(recall_score(truth, predicted, zero_division=0)), 3),
            "f1": round(float(f1_score(truth, predicted, zero_division=0)), 3),
        }
    return results


def memo_metrics(root: Path) -> dict[str, Any]:
    from memolint.config import Config
    from memolint.linter import Linter

    labels = [label for label in load_memo_labels(root) if label["split"] == "test"]
    linter = Linter(Config())
    reports = [linter.lint(label["path"]) for label in labels]
    dimensions = {
        name: agreement(
            [int(label["grades"][name]) for label in labels],
            [report.scores[name].level for report in reports],
        )
        for name in DIMENSIONS
    }
    verdicts = [
        label["verdict"] == report.verdict for label, report in zip(labels, reports, strict=True)
    ]
    coverage = {}
    for code, flag in COVERAGE_FLAGS.items():
        lacking = [not label["flags"][flag] for label in labels]
        fired = [any(f.code == code for f in report.findings) for report in reports]
        tp = sum(a and b for a, b in zip(lacking, fired, strict=True))
        fp = sum(b and not a for a, b in zip(lacking, fired, strict=True))
        fn = sum(a and not b for a, b in zip(lacking, fired, strict=True))
        right = sum(a == b for a, b in zip(lacking, fired, strict=True))
        coverage[code] = {
            "flag": flag,
            "lacking": sum(lacking),
            "accuracy": round(right / len(labels), 3) if labels else None,
            "fires_when_lacking": round(tp / (tp + fn), 3) if tp + fn else None,
            "silent_when_present": round(1 - fp / (len(labels) - sum(lacking)), 3)
            if len(labels) > sum(lacking)
            else None,
        }
    return {
        "memos": len(labels),
        "topics": len({label["topic"] for label in labels}),
        "dimensions": dimensions,
        "verdict_accuracy": round(sum(verdicts) / len(verdicts), 3) if verdicts else None,
        "coverage": coverage,
    }


#: Each coverage rule and the memo flag saying the element is present.
COVERAGE_FLAGS = {
    "ML301": "escalation_path",
    "ML302": "silent_failure_modes",
    "ML303": "automated_alignment",
    "ML304": "cut_statement",
}


def annotator_agreement(root: Path) -> dict[str, Any]:
    memos = root / "corpora" / "memos"
    second_path = memos / "labels-second.jsonl"
    if not second_path.exists():
        return {}
    first = {
        item["id"]: item
        for path in sorted(memos.glob("labels-*.jsonl"))
        if "second" not in path.name
        for item in read_jsonl(path)
    }
    second = [item for item in read_jsonl(second_path) if item["id"] in first]
    result: dict[str, Any] = {"memos": len(second), "dimensions": {}, "flags": {}}
    for name in DIMENSIONS:
        result["dimensions"][name] = agreement(
            [int(first[item["id"]]["grades"][name]) for item in second],
            [int(item["grades"][name]) for item in second],
        )
    for flag in second[0]["flags"] if second else ():
        same = sum(first[item["id"]]["flags"][flag] == item["flags"][flag] for item in second)
        result["flags"][flag] = round(same / len(second), 3)
    same_verdict = sum(first[item["id"]]["verdict"] == item["verdict"] for item in second)
    result["verdict"] = round(same_verdict / len(second), 3) if second else None
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m memolint.scoring.evaluate")
    parser.add_argument("--root", type=Path, default=repository_root())
    args = parser.parse_args(argv)
    from memolint.scoring.models import load_models

    bundle = load_models()
    results = {
        "detectors": detector_metrics(args.root, bundle),
        "memos": memo_metrics(args.root),
        "annotators": annotator_agreement(args.root),
    }
    (args.root / "corpora" / "scoring-metrics.json").write_text(
        json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print("| detector | n | precision | recall | F1 |\n|---|---:|---:|---:|---:|")
    for name, row in results["detectors"].items():
        print(f"| {name} | {row['n']} | {row['precision']} | {row['recall']} | {row['f1']} |")
    memos = results["memos"]
    print(f"\nTest memos: {memos['memos']} on {memos['topics']} topics absent from training\n")
    print("| dimension | QWK | exact | adjacent |\n|---|---:|---:|---:|")
    for name, row in memos["dimensions"].items():
        print(f"| {name} | {row['qwk']} | {row['exact']} | {row['adjacent']} |")
    print(f"\nVerdict accuracy: {memos['verdict_accuracy']}")
    print(
        "\n| rule | memos lacking the element | accuracy | fires when lacking |"
        " silent when present |\n|---|---:|---:|---:|---:|"
    )
    for code, row in memos["coverage"].items():
        print(
            f"| {code} | {row['lacking']} | {row['accuracy']} | {row['fires_when_lacking']} |"
            f" {row['silent_when_present']} |"
        )
    annotators = results["annotators"]
    if annotators:
        print(f"\nAnnotator agreement on {annotators['memos']} double-labelled memos\n")
        print("| dimension | QWK | exact | adjacent |\n|---|---:|---:|---:|")
        for name, row in annotators["dimensions"].items():
            print(f"| {name} | {row['qwk']} | {row['exact']} | {row['adjacent']} |")
        print(f"\nFlags: {annotators['flags']}; verdict: {annotators['verdict']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
