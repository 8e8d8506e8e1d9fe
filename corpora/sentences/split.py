"""Assign train/dev/test splits to the sentence sets and validate them.

Usage (from the repository root):

    python corpora/sentences/split.py            # assign splits, rewrite files, validate
    python corpora/sentences/split.py --check    # validate only; fail if a split would change

Every ``*.jsonl`` file in this directory is one task. Splits are about
60/20/20, stratified by label and by the ``hard-negative`` tag, and
deterministic: items are ordered inside each stratum by a seeded hash of
their id, so adding an item never moves the others between splits unless
the stratum's quotas shift. Near-duplicate texts are grouped first and a
group always lands in a single split.

Validation errors make the script exit with status 1: malformed lines,
missing or extra fields, bad or repeated ids, a label outside {0, 1}, a
text outside 6-45 words, a ``hard-negative`` tag on a positive or without a
second tag saying what makes it hard, fewer than 260 items, positives
outside 40-55 %, hard negatives under a third, exact duplicates, or
near-duplicates that sit in different splits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240611
FIELDS = ("id", "text", "label", "split", "tags", "topic")
#: The third part was the test split of the first two rounds; it was
#: reported twice and is now development data (``dev-b``). The test split of
#: the detectors is ``<task>.test.jsonl``, written apart (see ``TEST_SUFFIX``).
SPLITS = ("train", "dev", "dev-b")
RATIOS = {"train": 0.6, "dev": 0.2, "dev-b": 0.2}
HARD = "hard-negative"
MIN_ITEMS = 260
#: Each task's test split, written apart: ``<task>.test.jsonl``.
TEST_SUFFIX = ".test.jsonl"
#: Test splits of earlier rounds, written apart, run once, then opened up for
#: development: ``<task>.dev-c.jsonl`` (round 3), ``<task>.dev-d.jsonl``
#: (round 4), ``<task>.dev-e.jsonl`` (round 5), ``<task>.dev-f.jsonl``
#: (round 6), ``<task>.dev-g.jsonl`` (round 7), ``<task>.dev-h.jsonl``
#: (round 8), ``<task>.dev-i.jsonl`` (round 9), ``<task>.dev-j.jsonl``
#: (round 10), ``<task>.dev-k.jsonl`` (round 11), ``<task>.dev-l.jsonl``
#: (round 12), ``<task>.dev-m.jsonl`` (round 13), ``<task>.dev-n.jsonl``
#: (round 14) and ``<task>.dev-o.jsonl`` (round 15). Their rows keep the ids
#: they were written with; ``split.py`` never reassigns them.
EARLIER_ROUND_SUFFIXES = (
    ".dev-c.jsonl",
    ".dev-d.jsonl",
    ".dev-e.jsonl",
    ".dev-f.jsonl",
    ".dev-g.jsonl",
    ".dev-h.jsonl",
    ".dev-i.jsonl",
    ".dev-j.jsonl",
    ".dev-k.jsonl",
    ".dev-l.jsonl",
    ".dev-m.jsonl",
    ".dev-n.jsonl",
    ".dev-o.jsonl",
)
POS_RANGE = (0.40, 0.55)
MIN_HARD_SHARE = 1 / 3
WORD_RANGE = (6, 45)
# Near-duplicate: same token set to 80 % (Jaccard), or 90 % character similarity.
NEAR_JACCARD = 0.8
NEAR_RATIO = 0.9
TOPIC_RE = re.compile(r"^[a-z][a-z0-9-]*$")
# Words that would describe how the data was produced rather than the domain.
BANNED_RE = re.compile(r"\b(ai|agents?|sessions?|helpers?|generated|synthetic)\b", re.I)


def tokens(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def near_duplicate(a: str, b: str, ta: frozenset[str], tb: frozenset[str]) -> bool:
    union = ta | tb
    jac = len(ta & tb) / len(union) if union else 1.0
    if jac >= NEAR_JACCARD:
        return True
    if jac < 0.5:  # cheap filter before the character comparison
        return False
    return SequenceMatcher(None, normal(a), normal(b)).ratio() >= NEAR_RATIO


def rank(seed: int, task: str, item_id: str) -> str:
    return hashlib.sha256(f"{seed}:{task}:{item_id}".encode()).hexdigest()


class Task:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.stem
        self.rows: list[dict] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self._load()

    def err(self, msg: str) -> None:
        self.errors.append(f"{self.name}: {msg}")

    def _load(self) -> None:
        id_re = re.compile(rf"^{re.escape(self.name)}-\d{{4}}$")
        seen: set[str] = set()
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                self.err(f"line {n}: empty line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                self.err(f"line {n}: invalid JSON ({exc})")
                continue
            if not isinstance(row, dict) or set(row) != set(FIELDS):
                self.err(f"line {n}: fields must be exactly {FIELDS}")
                continue
            rid = row["id"]
            if not isinstance(rid, str) or not id_re.match(rid):
                self.err(f"line {n}: bad id {rid!r}")
            elif rid in seen:
                self.err(f"line {n}: repeated id {rid}")
            seen.add(rid)
            text = row["text"]
            if (
                not isinstance(text, str)
                or not text.strip()
                or text != text.strip()
                or "\n" in text
            ):
                self.err(f"{rid}: text must be one non-empty, trimmed line")
            else:
                words = len(text.split())
                if not WORD_RANGE[0] <= words <= WORD_RANGE[1]:
                    self.err(f"{rid}: {words} words, outside {WORD_RANGE}")
                if BANNED_RE.search(text):
                    self.err(f"{rid}: text uses a word reserved for describing data production")
            if row["label"] not in (0, 1) or isinstance(row["label"], bool):
                self.err(f"{rid}: label must be 0 or 1")
            if row["split"] not in SPLITS:
                self.err(f"{rid}: split must be one of {SPLITS}")
            tags = row["tags"]
            if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
                self.err(f"{rid}: tags must be a list of non-empty strings")
            elif len(set(tags)) != len(tags):
                self.err(f"{rid}: repeated tag")
            elif HARD in tags:
                if row["label"] != 0:
                    self.err(f"{rid}: {HARD} tag on a positive")
                if len(tags) < 2:
                    self.err(f"{rid}: {HARD} needs a second tag saying what makes it hard")
            if not isinstance(row["topic"], str) or not TOPIC_RE.match(row["topic"]):
                self.err(f"{rid}: bad topic {row['topic']!r}")
            self.rows.append(row)

    # ----------------------------------------------------------------- groups
    def groups(self) -> list[list[int]]:
        """Union near-duplicate items so that each group stays in one split."""
        parent = list(range(len(self.rows)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        toks = [tokens(r["text"]) for r in self.rows]
        self.near_pairs: list[tuple[int, int]] = []
        for i in range(len(self.rows)):
            for j in range(i + 1, len(self.rows)):
                if near_duplicate(self.rows[i]["text"], self.rows[j]["text"], toks[i], toks[j]):
                    self.near_pairs.append((i, j))
                    parent[find(i)] = find(j)
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.rows)):
            out[find(i)].append(i)
        return list(out.values())

    # ----------------------------------------------------------------- assign
    def assign(self, seed: int) -> dict[str, str]:
        strata: dict[tuple[int, bool], list[list[int]]] = defaultdict(list)
        for group in self.groups():
            first = min(group, key=lambda i: self.rows[i]["id"])
            row = self.rows[first]
            strata[(row["label"], HARD in row["tags"])].append(group)
        result: dict[str, str] = {}
        for key in sorted(strata):
            groups = sorted(
                strata[key],
                key=lambda g: rank(seed, self.name, min(self.rows[i]["id"] for i in g)),
            )
            total = sum(len(g) for g in groups)
            quota = {
                "train": round(total * RATIOS["train"]),
                "dev": round(total * RATIOS["dev"]),
            }
            quota["dev-b"] = total - quota["train"] - quota["dev"]
            filled = Counter()
            for group in groups:
                split = next(
                    (s for s in SPLITS if filled[s] + len(group) <= quota[s]),
                    min(SPLITS, key=lambda s: filled[s] - quota[s]),
                )
                filled[split] += len(group)
                for i in group:
                    result[self.rows[i]["id"]] = split
        return result

    # --------------------------------------------------------------- validate
    def validate(self) -> None:
        n = len(self.rows)
        if n < MIN_ITEMS:
            self.err(f"{n} items, fewer than {MIN_ITEMS}")
        if not n:
            return
        pos = sum(r["label"] == 1 for r in self.rows)
        if not POS_RANGE[0] <= pos / n <= POS_RANGE[1]:
            self.err(f"positives are {pos / n:.1%}, outside {POS_RANGE[0]:.0%}-{POS_RANGE[1]:.0%}")
        hard = sum(HARD in r["tags"] for r in self.rows)
        if hard / n < MIN_HARD_SHARE:
            self.err(f"hard negatives are {hard / n:.1%}, under a third")
        by_text: dict[str, str] = {}
        for r in self.rows:
            key = normal(r["text"])
            if key in by_text:
                self.err(f"{r['id']}: same text as {by_text[key]}")
            by_text.setdefault(key, r["id"])
        for i, j in self.near_pairs:
            a, b = self.rows[i], self.rows[j]
            if a["split"] != b["split"]:
                self.err(
                    f"near-duplicates across splits: {a['id']} ({a['split']})"
                    f" / {b['id']} ({b['split']})"
                )
            else:
                self.warnings.append(
                    f"{self.name}: near-duplicates in {a['split']}: {a['id']} / {b['id']}"
                )

    def write(self) -> None:
        with self.path.open("w", encoding="utf-8") as fh:
            for r in self.rows:
                fh.write(json.dumps({k: r[k] for k in FIELDS}, ensure_ascii=False) + "\n")


def check_test_file(task: Task, path: Path) -> list[str]:
    """Validate a task's test file, written apart: the same fields and limits,
    ``split`` "test", ids ``<task>-rNNNN``, and no text that repeats or nearly
    repeats one of the task's development items (earlier rounds included) (that would leak)."""
    if not path.exists():
        return []
    errors: list[str] = []
    id_re = re.compile(rf"^{re.escape(task.name)}-r\d{{4}}$")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    seen: set[str] = set()
    earlier = [
        json.loads(line)
        for suffix in EARLIER_ROUND_SUFFIXES
        if (path.parent / f"{task.name}{suffix}").exists()
        for line in (path.parent / f"{task.name}{suffix}").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    known = [(r["text"], tokens(r["text"])) for r in [*task.rows, *earlier]]
    for row in rows:
        rid = row.get("id", "?")
        if (
            set(row) - {"note"} != set(FIELDS)
            or row["split"] != "test"
            or not id_re.match(str(rid))
        ):
            errors.append(
                f"{path.name}: {rid}: needs exactly {FIELDS} (and an optional note), "
                "split test, id <task>-rNNNN"
            )
            continue
        if rid in seen or row["label"] not in (0, 1):
            errors.append(f"{path.name}: {rid}: repeated id or bad label")
        seen.add(rid)
        words = len(row["text"].split())
        if not WORD_RANGE[0] <= words <= WORD_RANGE[1]:
            errors.append(f"{path.name}: {rid}: {words} words, outside {WORD_RANGE}")
        mine = tokens(row["text"])
        if any(near_duplicate(row["text"], text, mine, theirs) for text, theirs in known):
            errors.append(f"{path.name}: {rid}: nearly repeats a development item")
    positives = sum(r.get("label") == 1 for r in rows)
    if rows and not POS_RANGE[0] <= positives / len(rows) <= POS_RANGE[1]:
        errors.append(f"{path.name}: positives are {positives / len(rows):.1%}")
    return errors


def summary(tasks: list[Task]) -> str:
    lines = []
    head = f"{'task':<22}{'items':>6}{'pos':>6}{'pos%':>7}{'hard':>6}{'hard%':>7}"
    head += f"{'topics':>7}{'words':>7}"
    head += "".join(f"{s + ' (1/0)':>16}" for s in SPLITS)
    lines.append(head)
    totals = Counter()
    for t in tasks:
        n = len(t.rows)
        pos = sum(r["label"] for r in t.rows)
        hard = sum(HARD in r["tags"] for r in t.rows)
        topics = len({r["topic"] for r in t.rows})
        words = sum(len(r["text"].split()) for r in t.rows) / max(n, 1)
        row = f"{t.name:<22}{n:>6}{pos:>6}{pos / max(n, 1):>7.1%}{hard:>6}"
        row += f"{hard / max(n, 1):>7.1%}{topics:>7}{words:>7.1f}"
        for s in SPLITS:
            sp = [r for r in t.rows if r["split"] == s]
            sp_pos = sum(r["label"] for r in sp)
            row += f"{f'{len(sp)} ({sp_pos}/{len(sp) - sp_pos})':>16}"
            totals[s] += len(sp)
        totals["items"] += n
        totals["pos"] += pos
        totals["hard"] += hard
        lines.append(row)
    lines.append(
        f"{'all':<22}{totals['items']:>6}{totals['pos']:>6}"
        f"{totals['pos'] / max(totals['items'], 1):>7.1%}{totals['hard']:>6}"
        f"{totals['hard'] / max(totals['items'], 1):>7.1%}{'':>14}"
        + "".join(f"{totals[s]:>16}" for s in SPLITS)
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate only; do not rewrite files")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--dir", type=Path, default=HERE)
    args = ap.parse_args(argv)

    paths = sorted(
        p
        for p in args.dir.glob("*.jsonl")
        if not p.name.endswith((TEST_SUFFIX, *EARLIER_ROUND_SUFFIXES))
    )
    if not paths:
        print(f"no *.jsonl files in {args.dir}", file=sys.stderr)
        return 1
    tasks = [Task(p) for p in paths]
    errors: list[str] = []
    for t in tasks:
        errors += check_test_file(t, args.dir / f"{t.name}{TEST_SUFFIX}")
    for t in tasks:
        if t.errors:  # never assign splits over a malformed file; still report the rest
            t.groups()
            t.validate()
            errors += t.errors
            continue
        wanted = t.assign(args.seed)
        changed = [r["id"] for r in t.rows if r["split"] != wanted[r["id"]]]
        if args.check:
            if changed:
                errors.append(
                    f"{t.name}: {len(changed)} items are not in their assigned split"
                    " (run without --check)"
                )
        else:
            for r in t.rows:
                r["split"] = wanted[r["id"]]
            if changed:
                t.write()
        t.validate()
        errors += t.errors

    print(summary(tasks))
    warnings = [w for t in tasks for w in t.warnings]
    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    print(f"{len(tasks)} files, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
