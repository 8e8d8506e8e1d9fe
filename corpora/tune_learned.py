"""Choose the threshold of the ML101/ML103 sentence models on rounds they never saw.

    python corpora/tune_learned.py                    # rounds dev-k … dev-p
    python corpora/tune_learned.py --rounds dev-j --thresholds 0.85 0.9
    python corpora/tune_learned.py --thresholds 0.85 --overrules-at 0.9 0.95 1.01

For each earlier round, the sentence models are trained without that
round's sentences and memos (``python -m memolint.rules.train --without``);
the rules then run on that round with each threshold (and with the model
off) and each ML101 ``model-overrules-at`` bar, scoring sentence F1 on its
rule sets and flag accuracy on its memos.
The parse rules themselves were developed on these rounds, so the "off"
figures flatter them; what this measures fairly is what the models add or
cost on data they did not learn from. The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TASKS = {"approval_gate": "ML101", "meeting_alignment": "ML103"}
MODEL_FILES = {"ML101": "ML101-approval-gate.json", "ML103": "ML103-meeting-alignment.json"}
DEFAULT_ROUNDS = ("dev-k", "dev-l", "dev-m", "dev-n", "dev-o", "dev-p")
DEFAULT_THRESHOLDS = (0.8, 0.85, 0.9, 0.95)
DEFAULT_OVERRULES = (1.01,)


def read_jsonl(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def f1(truth: list[bool], predicted: list[bool]) -> float:
    tp = sum(t and p for t, p in zip(truth, predicted, strict=True))
    fp = sum(p and not t for t, p in zip(truth, predicted, strict=True))
    fn = sum(t and not p for t, p in zip(truth, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def round_memos(name: str) -> list[dict]:
    splits = json.loads((ROOT / "memos" / "splits.json").read_text())
    memos = []
    for path in sorted((ROOT / "memos").glob("labels-*.jsonl")):
        if "second" not in path.name:
            memos += [label for label in read_jsonl(path) if splits.get(label["id"]) == name]
    return memos


def measure(name: str, models: Path, threshold: float | None, overrule: float) -> dict[str, float]:
    from memolint import Config, Linter

    options = {
        code: {"model": str(models / MODEL_FILES[code]) if threshold else ""}
        | ({"model-threshold": threshold} if threshold else {})
        for code in TASKS.values()
    }
    options["ML101"]["model-overrules-at"] = overrule
    linter = Linter(Config(select=tuple(TASKS.values()), score=False, rule_options=options))
    scores: dict[str, float] = {}
    for task, code in TASKS.items():
        items = read_jsonl(ROOT / "rules" / f"{task}.{name}.jsonl")
        found = [
            any(f.code == code for f in linter.lint_text(item["text"]).findings) for item in items
        ]
        scores[f"{task} F1"] = f1([bool(item["label"]) for item in items], found)
    memos = round_memos(name)
    reports = [linter.lint(ROOT / "memos" / memo["file"]) for memo in memos]
    for task, code in TASKS.items():
        right = [
            any(f.code == code for f in report.findings) == memo["flags"][task]
            for memo, report in zip(memos, reports, strict=True)
        ]
        scores[f"{task} memos"] = sum(right) / len(right)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", nargs="+", default=DEFAULT_ROUNDS)
    parser.add_argument("--thresholds", nargs="+", type=float, default=DEFAULT_THRESHOLDS)
    parser.add_argument("--overrules-at", nargs="+", type=float, default=DEFAULT_OVERRULES)
    args = parser.parse_args()
    if "test" in args.rounds:
        print("the test split is not for tuning", file=sys.stderr)
        return 2
    from memolint.rules.train import repository_root, train

    settings = [(None, args.overrules_at[0])] + [
        (threshold, overrule) for threshold in args.thresholds for overrule in args.overrules_at
    ]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.rounds:
            models = Path(folder) / name
            train(repository_root(), models, without=name)
            for setting in settings:
                scores = measure(name, models, *setting)
                rows.append((name, setting, scores))
                cells = "  ".join(f"{key} {value:.3f}" for key, value in scores.items())
                print(f"{name} {label(setting)}  {cells}", flush=True)
    print("\nmean over rounds")
    for setting in settings:
        chosen = [scores for _, s, scores in rows if s == setting]
        means = {key: sum(s[key] for s in chosen) / len(chosen) for key in chosen[0]}
        print(f"{label(setting)}  " + "  ".join(f"{k} {v:.3f}" for k, v in means.items()))
    return 0


def label(setting: tuple[float | None, float]) -> str:
    threshold, overrule = setting
    return f"{threshold or 'off':>5} overrule {overrule:.2f}"


if __name__ == "__main__":
    raise SystemExit(main())
