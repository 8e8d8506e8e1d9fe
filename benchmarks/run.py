"""How fast is memolint beside the spaCy parse it cannot avoid?

    python benchmarks/run.py            # prints a Markdown table
    python benchmarks/run.py --runs 9   # more repetitions

Every figure is the median of ``--runs`` repetitions, and each ratio compares
two measurements taken side by side in the same run, because absolute
timings on shared machines drift. Measured:

* warm: lint + score of the strong example memo (about 1,800 words) against
  the bare parse of the same text with the same model (NER off);
* ingestion alone per reader (DOCX, PDF, Markdown), in words per second;
* ``memolint --help`` and ``memolint rule`` as whole processes;
* a cold ``memolint check`` of the example DOCX against a cold
  ``python -c "import spacy; spacy.load(...)(text)"`` on the same text.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def median_seconds(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def process_seconds(argv: list[str], runs: int) -> float:
    return median_seconds(
        lambda: subprocess.run(argv, check=False, capture_output=True, timeout=300), runs
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = max(args.runs, 1)

    import memolint
    from memolint.config import Config
    from memolint.ingest import read_memo
    from memolint.nlp import load_pipeline, model_name

    linter = memolint.Linter(Config())
    memo_path = EXAMPLES / "strong-memo.docx"
    memo = read_memo(memo_path)
    text = memo.text
    words = len(text.split())
    nlp = load_pipeline()
    linter.lint(memo_path)  # load models and compile rules once

    parse = median_seconds(lambda: nlp(text), runs)
    lint = median_seconds(lambda: linter.lint(memo_path), runs)

    rows = [
        ("warm: bare spaCy parse", f"{parse * 1000:.0f} ms", f"{words} words", ""),
        (
            "warm: memolint lint + score",
            f"{lint * 1000:.0f} ms",
            f"ratio {lint / parse:.2f}",
            "goal <= 1.15",
        ),
    ]
    for name in ("strong-memo.docx", "strong-memo.pdf", "strong-memo.md"):
        path = EXAMPLES / name
        seconds = median_seconds(lambda path=path: read_memo(path), runs)
        pages = read_memo(path).pages
        extra = f"{pages / seconds:.0f} pages/s" if pages else ""
        rows.append(
            (f"ingest {name}", f"{seconds * 1000:.1f} ms", f"{words / seconds:,.0f} words/s", extra)
        )

    exe = [sys.executable, "-m", "memolint"]
    help_seconds = process_seconds([*exe, "--help"], runs)
    rule_seconds = process_seconds([*exe, "rule"], runs)
    rows.append(("memolint --help (process)", f"{help_seconds:.2f} s", "", "goal <= 0.3 s"))
    rows.append(("memolint rule (process)", f"{rule_seconds:.2f} s", "", "goal <= 0.3 s"))

    bare = (
        f"import {model_name()} as m; nlp = m.load(exclude=['ner']); "
        f"nlp(open({str(ROOT / 'benchmarks' / '.memo.txt')!r}).read())"
    )
    (ROOT / "benchmarks" / ".memo.txt").write_text(text, encoding="utf-8")
    try:
        cold_bare = process_seconds([sys.executable, "-c", bare], runs)
        cold_cli = process_seconds([*exe, "check", str(memo_path), "--quiet"], runs)
    finally:
        (ROOT / "benchmarks" / ".memo.txt").unlink(missing_ok=True)
    rows.append(("cold: python -c spacy.load + parse", f"{cold_bare:.2f} s", "", ""))
    rows.append(
        (
            "cold: memolint check (DOCX)",
            f"{cold_cli:.2f} s",
            f"ratio {cold_cli / cold_bare:.2f}",
            "goal <= 1.15",
        )
    )

    print(
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{model_name()}, medians of {runs} runs\n"
    )
    print("| measurement | median | figure | goal |\n|---|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
