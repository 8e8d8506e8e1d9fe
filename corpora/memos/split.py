"""Assign the memo corpus to train/dev/test, by topic, from a fixed seed.

    python corpora/memos/split.py          # write splits.json and print a summary
    python corpora/memos/split.py --check  # fail if splits.json differs

All memos on one topic land in the same split, so the test split measures
scores on topics the models never saw (a topic-held-out split).

Two rounds:

* The first 120 memos (labels-a, labels-b) are split by topic from a fixed
  seed: about 60% train, 20% dev, 20% a first test split. That test split was
  reported once and then used to improve the rules and models, so it is now
  called ``dev-b`` and counts as development data.
* The 30 memos of the second round (labels-c, labels-d: 30 new topics,
  written apart from the rules and models) were the test split of the second
  round. They too were reported once and then opened up, as ``dev-c``.
* The 30 memos of the third round (labels-e, labels-f, labels-g: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-d``.
* The 30 memos of the fourth round (labels-h, labels-i, labels-j: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-e``.
* The 30 memos of the fifth round (labels-k, labels-l, labels-m: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-f``.
* The 30 memos of the sixth round (labels-n, labels-o, labels-p: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-g``.
* The 30 memos of the seventh round (labels-q, labels-r, labels-s: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-h``.
* The 30 memos of the eighth round (labels-t, labels-u, labels-v: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-i``.
* The 30 memos of the ninth round (labels-w, labels-x, labels-y: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-j``.
* The 30 memos of the tenth round (labels-z1, labels-z2, labels-z3: 30 new
  topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-k``.
* The 30 memos of the eleventh round (labels-z4, labels-z5, labels-z6: 30
  new topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-l``.
* The 30 memos of the twelfth round (labels-z7, labels-z8, labels-z9: 30
  new topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-m``.
* The 30 memos of the thirteenth round (labels-z10, labels-z11, labels-z12:
  30 new topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-n``.
* The 30 memos of the fourteenth round (labels-z13, labels-z14, labels-z15:
  30 new topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-o``.
* The 30 memos of the fifteenth round (labels-z16, labels-z17, labels-z18:
  30 new topics, written apart from the rules and models) were its test split,
  reported once and then opened up, as ``dev-p``.
* The 30 memos of the sixteenth round (labels-z19, labels-z20, labels-z21:
  30 new topics, written apart from the rules and models) are the test split.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 4242
RATIOS = {"train": 0.6, "dev": 0.2, "test": 0.2}
#: Label files of later rounds, each written apart on new topics, and the
#: split each now belongs to. Only the newest round is the test split.
LATER_ROUNDS = {
    "labels-c.jsonl": "dev-c",
    "labels-d.jsonl": "dev-c",
    "labels-e.jsonl": "dev-d",
    "labels-f.jsonl": "dev-d",
    "labels-g.jsonl": "dev-d",
    "labels-h.jsonl": "dev-e",
    "labels-i.jsonl": "dev-e",
    "labels-j.jsonl": "dev-e",
    "labels-k.jsonl": "dev-f",
    "labels-l.jsonl": "dev-f",
    "labels-m.jsonl": "dev-f",
    "labels-n.jsonl": "dev-g",
    "labels-o.jsonl": "dev-g",
    "labels-p.jsonl": "dev-g",
    "labels-q.jsonl": "dev-h",
    "labels-r.jsonl": "dev-h",
    "labels-s.jsonl": "dev-h",
    "labels-t.jsonl": "dev-i",
    "labels-u.jsonl": "dev-i",
    "labels-v.jsonl": "dev-i",
    "labels-w.jsonl": "dev-j",
    "labels-x.jsonl": "dev-j",
    "labels-y.jsonl": "dev-j",
    "labels-z1.jsonl": "dev-k",
    "labels-z2.jsonl": "dev-k",
    "labels-z3.jsonl": "dev-k",
    "labels-z4.jsonl": "dev-l",
    "labels-z5.jsonl": "dev-l",
    "labels-z6.jsonl": "dev-l",
    "labels-z7.jsonl": "dev-m",
    "labels-z8.jsonl": "dev-m",
    "labels-z9.jsonl": "dev-m",
    "labels-z10.jsonl": "dev-n",
    "labels-z11.jsonl": "dev-n",
    "labels-z12.jsonl": "dev-n",
    "labels-z13.jsonl": "dev-o",
    "labels-z14.jsonl": "dev-o",
    "labels-z15.jsonl": "dev-o",
    "labels-z16.jsonl": "dev-p",
    "labels-z17.jsonl": "dev-p",
    "labels-z18.jsonl": "dev-p",
    "labels-z19.jsonl": "test",
    "labels-z20.jsonl": "test",
    "labels-z21.jsonl": "test",
}
SPLITS = (
    "train",
    "dev",
    "dev-b",
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
    "dev-p",
    "test",
)
#: Splits used to develop rules and train models.
DEVELOPMENT = tuple(split for split in SPLITS if split != "test")


def labels(*, later_rounds: bool = False) -> list[dict]:
    """First-round labels, or with ``later_rounds`` those of the later rounds."""
    items = []
    for path in sorted(HERE.glob("labels-*.jsonl")):
        if "second" in path.name or (path.name in LATER_ROUNDS) != later_rounds:
            continue
        for line in path.read_text().splitlines():
            if line.strip():
                items.append({**json.loads(line), "_round": LATER_ROUNDS.get(path.name)})
    return items


def assign(items: list[dict]) -> dict[str, str]:
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        by_topic[item["topic"]].append(item)
    topics = sorted(by_topic)
    random.Random(SEED).shuffle(topics)
    targets = {name: ratio * len(items) for name, ratio in RATIOS.items()}
    filled: Counter[str] = Counter()
    passes: Counter[str] = Counter()
    splits: dict[str, str] = {}
    for topic in topics:
        group = by_topic[topic]
        # the split furthest below its target takes the topic; verdict balance breaks ties
        name = min(
            RATIOS,
            key=lambda n: (filled[n] / targets[n], passes[n] / max(filled[n], 1)),
        )
        for item in group:
            splits[item["id"]] = name
        filled[name] += len(group)
        passes[name] += sum(item["verdict"] == "pass" for item in group)
    return dict(sorted(splits.items()))


def main() -> int:
    first = {memo: ("dev-b" if name == "test" else name) for memo, name in assign(labels()).items()}
    later = labels(later_rounds=True)
    splits = dict(sorted({**first, **{item["id"]: item["_round"] for item in later}}.items()))
    items = labels() + later
    path = HERE / "splits.json"
    if "--check" in sys.argv:
        stored = json.loads(path.read_text())
        if stored != splits:
            print("splits.json differs from the seeded assignment", file=sys.stderr)
            return 1
    else:
        path.write_text(json.dumps(splits, indent=1) + "\n")
    by_split = Counter(splits.values())
    verdicts = Counter((splits[i["id"]], i["verdict"]) for i in items)
    topics = defaultdict(set)
    for item in items:
        topics[splits[item["id"]]].add(item["topic"])
    for name in SPLITS:
        print(
            f"{name:5} memos {by_split[name]:3}  pass {verdicts[(name, 'pass')]:3}  "
            f"topics {len(topics[name])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
