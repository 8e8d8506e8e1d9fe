"""Assign train/dev/test splits to the rule corpora and validate every file.

Usage:  python corpora/rules/split.py            # assign splits, rewrite files, validate
        python corpora/rules/split.py --check    # validate only; fails if a split would change

Splits are ~60/40 train/dev per file, stratified by (label, hard-negative), from
a fixed seed, so the assignment depends only on the seed and the item ids. The
test split is not in these files: it lives in <task>.test.jsonl, written
separately by another annotator and never read while the rules were developed.
(These files once held a test portion too; it was seen during rule development,
so it now counts as dev, and no figure is reported on it as a test score.) Items tagged
"brief-example" restate examples from the project's own rule descriptions; they
always go to train so that rule examples cannot leak into the test split.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SEED = 20260
HERE = Path(__file__).resolve().parent
RATIOS = (0.6, 0.2, 0.2)
MIN_ITEMS = {
    "passive": 450,
    "hedging": 300,
    "approval_gate": 260,
    "meeting_alignment": 260,
    "consensus": 150,
    "platitude": 150,
    "unquantified": 150,
    "raci": 100,
}
REQUIRED = {"id": str, "text": str, "label": int, "split": str, "tags": list, "spans": list}
EXTRA_REQUIRED = {"passive": {"count": int}, "unquantified": {"claim_sentence": str}}
OPTIONAL = {"note": str}


def stratum(item: dict) -> tuple[int, bool]:
    return item["label"], "hard-negative" in item["tags"]


def assign(task: str, items: list[dict]) -> None:
    groups: dict[tuple[int, bool], list[dict]] = defaultdict(list)
    for item in items:
        groups[stratum(item)].append(item)
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda i: i["id"])
        n = len(group)
        n_train = round(n * RATIOS[0])
        n_dev = round(n * RATIOS[1])
        forced = [i for i in group if "brief-example" in i["tags"]]
        free = [i for i in group if "brief-example" not in i["tags"]]
        random.Random(f"{SEED}:{task}:{key[0]}:{int(key[1])}").shuffle(free)
        slots_train = max(n_train - len(forced), 0)
        remaining = len(free) - slots_train
        # keep dev and test the same size relative to each other if forced items eat train slots
        n_dev = min(n_dev, remaining - remaining // 2) if len(forced) > n_train else n_dev
        for item in forced:
            item["split"] = "train"
        for idx, item in enumerate(free):
            if idx < slots_train:
                item["split"] = "train"
            elif idx < slots_train + n_dev:
                item["split"] = "dev"
            else:
                item["split"] = "dev"  # formerly test; see the module docstring


def validate(task: str, items: list[dict]) -> list[str]:
    errors: list[str] = []
    fields = {**REQUIRED, **EXTRA_REQUIRED.get(task, {})}
    allowed = set(fields) | set(OPTIONAL)
    ids: set[str] = set()
    texts: set[str] = set()
    id_re = re.compile(rf"^{re.escape(task)}-\d{{4}}$")
    for n, item in enumerate(items, 1):
        where = f"{task}.jsonl:{n}"
        for name, kind in fields.items():
            if name not in item:
                errors.append(f"{where}: missing field {name!r}")
            elif not isinstance(item[name], kind) or isinstance(item[name], bool):
                errors.append(f"{where}: field {name!r} is not {kind.__name__}")
        extra = set(item) - allowed
        if extra:
            errors.append(f"{where}: unknown fields {sorted(extra)}")
        if errors and errors[-1].startswith(where):
            continue
        if not id_re.match(item["id"]):
            errors.append(f"{where}: bad id {item['id']!r}")
        if item["id"] in ids:
            errors.append(f"{where}: duplicate id {item['id']}")
        ids.add(item["id"])
        if item["text"].lower() in texts:
            errors.append(f"{where}: duplicate text")
        texts.add(item["text"].lower())
        if item["label"] not in (0, 1):
            errors.append(f"{where}: label must be 0 or 1")
        if item["split"] not in ("train", "dev", "test"):
            errors.append(f"{where}: bad split {item['split']!r}")
        if item["label"] == 1 and not item["spans"]:
            errors.append(f"{where}: positive item without spans")
        if item["label"] == 0 and item["spans"]:
            errors.append(f"{where}: negative item with spans")
        if item["label"] == 1 and "hard-negative" in item["tags"]:
            errors.append(f"{where}: positive item tagged hard-negative")
        for span in item["spans"]:
            if not isinstance(span, str) or span not in item["text"]:
                errors.append(f"{where}: span {span!r} is not a substring of the text")
        if task == "passive" and item["count"] != len(item["spans"]):
            errors.append(f"{where}: count {item['count']} != number of spans {len(item['spans'])}")
        if task == "unquantified" and not item["text"].startswith(item["claim_sentence"]):
            errors.append(f"{where}: claim_sentence is not the start of the text")
    total = len(items)
    if total < MIN_ITEMS[task]:
        errors.append(f"{task}: {total} items, fewer than {MIN_ITEMS[task]}")
    pos = sum(i.get("label") == 1 for i in items)
    hard = sum("hard-negative" in i.get("tags", []) for i in items)
    if total and pos / total < 0.40:
        errors.append(f"{task}: positives {pos}/{total} below 40%")
    if total and hard / total < 1 / 3:
        errors.append(f"{task}: hard negatives {hard}/{total} below 1/3")
    return errors


def main() -> int:
    check_only = "--check" in sys.argv
    errors: list[str] = []
    rows = []
    for task in MIN_ITEMS:
        path = HERE / f"{task}.jsonl"
        if not path.exists():
            errors.append(f"{task}: {path.name} is missing")
            continue
        items = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        before = [i.get("split") for i in items]
        assign(task, items)
        if check_only and before != [i["split"] for i in items]:
            errors.append(f"{task}: stored splits differ from the seeded assignment; run split.py")
        errors += validate(task, items)
        if not check_only:
            path.write_text(
                "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
            )
        counts = Counter((i["split"], i["label"]) for i in items)
        hard = Counter(i["split"] for i in items if "hard-negative" in i["tags"])
        rows.append((task, len(items), counts, hard))

    header = f"{'file':<20}{'items':>6}{'pos':>6}{'neg':>6}{'hardneg':>8}   " + "   ".join(
        f"{s}(+/-/hn)" for s in ("train", "dev", "test")
    )
    print(header)
    grand = Counter()
    for task, n, counts, hard in rows:
        pos = sum(v for (s, lab), v in counts.items() if lab == 1)
        neg = n - pos
        hn = sum(hard.values())
        per = "   ".join(
            f"{counts[(s, 1)]:>4}/{counts[(s, 0)]:>3}/{hard[s]:>3}"
            for s in ("train", "dev", "test")
        )
        print(f"{task:<20}{n:>6}{pos:>6}{neg:>6}{hn:>8}   {per}")
        grand.update({"items": n, "pos": pos, "neg": neg, "hn": hn})
    print(f"{'total':<20}{grand['items']:>6}{grand['pos']:>6}{grand['neg']:>6}{grand['hn']:>8}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall files valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
