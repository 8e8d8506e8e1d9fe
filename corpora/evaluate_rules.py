"""Measure the flag rules against the labelled corpora.

    python corpora/evaluate_rules.py --split dev     # while developing rules
    python corpora/evaluate_rules.py --split test    # the reported figures

Sentence sets: train and dev come from corpora/rules/<task>.jsonl; dev also
takes every item of corpora/rules/<task>.dev-b.jsonl … .dev-p.jsonl (sets
written apart as test splits in earlier rounds, run once each, then used
for development — ``--split dev-b`` etc. scores one alone);
the test split comes from corpora/rules/<task>.test.jsonl (written apart,
never used while developing the rules; ``--errors`` refuses to print it).
A sentence is predicted positive when its rule raises at least one finding
on it. Passive voice is also scored per clause against the annotated clause
counts. Whole memos (corpora/memos/): the
presence of an approval gate (ML101), a RACI matrix (ML102) and
meeting-driven alignment (ML103) against the memo flags. Prints a Markdown
table; ``--write`` also stores it as JSON next to this script.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from memos.split import SPLITS as MEMO_SPLITS  # corpora/memos/split.py, beside this script

ROOT = Path(__file__).resolve().parent
TASKS = {
    "passive": "ML201",
    "hedging": "ML202",
    "approval_gate": "ML101",
    "meeting_alignment": "ML103",
    "consensus": "ML104",
    "platitude": "ML203",
    "unquantified": "ML204",
    "raci": "ML102",
}
#: Test sets of earlier rounds: each was run once as the test split, then
#: opened up for development. Rule sets and memos of a round share its name
#: (round 1 is dev-b, round 15 dev-p), so the memo splits' list is the one list.
EARLIER_ROUNDS = tuple(name for name in MEMO_SPLITS if name.startswith("dev-"))
MEMO_FLAGS = {"approval_gate": "ML101", "raci": "ML102", "meeting_alignment": "ML103"}


def read_jsonl(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def sentence_items(task: str, split: str) -> list[dict]:
    folder = ROOT / "rules"
    main = read_jsonl(folder / f"{task}.jsonl")
    rounds = {
        name: read_jsonl(folder / f"{task}.{name}.jsonl")
        for name in EARLIER_ROUNDS
        if (folder / f"{task}.{name}.jsonl").exists()
    }
    earlier = [item for name in EARLIER_ROUNDS for item in rounds.get(name, [])]
    fresh = folder / f"{task}.test.jsonl"
    if split == "test":
        return read_jsonl(fresh) if fresh.exists() else []
    if split in EARLIER_ROUNDS:
        return rounds.get(split, [])
    if split == "dev":
        return [item for item in main if item["split"] == "dev"] + earlier
    if split == "all":
        return main + earlier
    return [item for item in main if item["split"] == split]


def evaluate_sentences(split: str, errors: bool) -> dict[str, dict]:
    from memolint import Config, Linter

    results: dict[str, dict] = {}
    for task, code in TASKS.items():
        items = sentence_items(task, split)
        if not items:
            continue
        linter = Linter(Config(select=(code,), score=False))
        tp = fp = fn = tn = 0
        ctp = cfp = cfn = 0
        for item in items:
            report = linter.lint_text(item["text"])
            hits = [f for f in report.findings if f.code == code]
            if task == "unquantified" and item.get("claim_sentence"):
                limit = len(item["claim_sentence"])
                hits = [f for f in hits if f.location.start < limit]
            predicted = bool(hits)
            gold = bool(item["label"])
            tp += predicted and gold
            fp += predicted and not gold
            fn += gold and not predicted
            tn += not predicted and not gold
            if errors and predicted != gold:
                kind = "FP" if predicted else "FN"
                print(f"{kind} {code} {item['id']}: {item['text']}", file=sys.stderr)
            if task == "passive":
                expected = int(item.get("count", int(gold)))
                ctp += min(len(hits), expected)
                cfp += max(0, len(hits) - expected)
                cfn += max(0, expected - len(hits))
        precision, recall, f1 = prf(tp, fp, fn)
        results[task] = {
            "code": code,
            "n": len(items),
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "accuracy": round((tp + tn) / len(items), 3) if items else None,
        }
        if task == "passive":
            p, r, f = prf(ctp, cfp, cfn)
            results[task]["clause_f1"] = round(f, 3)
            results[task]["clause_precision"] = round(p, 3)
            results[task]["clause_recall"] = round(r, 3)
    return results


def evaluate_memos(split: str, errors: bool) -> dict[str, dict]:
    from memolint import Config, Linter

    memos_dir = ROOT / "memos"
    splits_path = memos_dir / "splits.json"
    if not splits_path.exists():
        return {}
    splits = json.loads(splits_path.read_text(encoding="utf-8"))
    labels = []
    for path in sorted(memos_dir.glob("labels-*.jsonl")):
        if "second" not in path.name:
            labels.extend(read_jsonl(path))
    wanted = {"dev": ("dev", *EARLIER_ROUNDS)}.get(split, (split,))
    chosen = [
        label
        for label in labels
        if splits.get(label["id"]) in wanted
        or (split == "all" and splits.get(label["id"]) != "test")
    ]
    linter = Linter(Config(select=tuple(MEMO_FLAGS.values()), score=False))
    correct = {flag: 0 for flag in MEMO_FLAGS}
    counts = {flag: [0, 0, 0] for flag in MEMO_FLAGS}  # tp, fp, fn
    for label in chosen:
        report = linter.lint(memos_dir / label["file"])
        found = {f.code for f in report.findings}
        for flag, code in MEMO_FLAGS.items():
            gold = bool(label["flags"][flag])
            predicted = code in found
            correct[flag] += gold == predicted
            counts[flag][0] += gold and predicted
            counts[flag][1] += predicted and not gold
            counts[flag][2] += gold and not predicted
            if errors and gold != predicted:
                print(f"memo {label['id']} {flag}: gold={gold} found={predicted}", file=sys.stderr)
    results = {}
    for flag, code in MEMO_FLAGS.items():
        p, r, f = prf(*counts[flag])
        results[flag] = {
            "code": code,
            "n": len(chosen),
            "accuracy": round(correct[flag] / len(chosen), 3) if chosen else None,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--split",
        default="dev",
        choices=("train", "dev", *EARLIER_ROUNDS, "test", "all"),
        help='"all": every development item (train, dev, earlier rounds), never the test split',
    )
    parser.add_argument("--errors", action="store_true", help="print every misclassified item")
    parser.add_argument("--write", action="store_true", help="store results as JSON")
    args = parser.parse_args(argv)
    if args.errors and args.split == "test":
        parser.error("--errors would show the test split; use it on a development split")
    sentences = evaluate_sentences(args.split, args.errors)
    memos = evaluate_memos(args.split, args.errors)
    print(f"Sentence sets, split {args.split}\n")
    print("| rule | task | n | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|")
    for task, row in sentences.items():
        extra = f" (clause F1 {row['clause_f1']})" if "clause_f1" in row else ""
        print(
            f"| {row['code']} | {task} | {row['n']} | {row['precision']:.3f} | "
            f"{row['recall']:.3f} | {row['f1']:.3f}{extra} |"
        )
    if memos:
        print(f"\nWhole memos, split {args.split}\n")
        print("| rule | flag | memos | accuracy | precision | recall | F1 |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for flag, row in memos.items():
            print(
                f"| {row['code']} | {flag} | {row['n']} | {row['accuracy']:.3f} | "
                f"{row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |"
            )
    if args.write:
        out = ROOT / f"rule-metrics-{args.split}.json"
        out.write_text(json.dumps({"sentences": sentences, "memos": memos}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
