"""How fast is memolint, and how much memory does it take?

    python benchmarks/run.py                       # every section, tables on stdout
    python benchmarks/run.py --quick               # one run, small inputs: a smoke check
    python benchmarks/run.py --only many,compare   # some sections (or --skip)
    python benchmarks/run.py --markdown > benchmarks/RESULTS.md   # regenerate the results

The proselint and PassivePy comparisons need ``pip install -e '.[bench]'``;
without them those rows say so and are skipped. Progress goes to stderr, the
results to stdout.

Every figure is the median of ``--runs`` repetitions, and every ratio compares
two measurements taken side by side, interleaved in the same run, because
absolute timings on shared machines drift. Sections:

* ``warm``: lint + score of the strong example memo against the bare spaCy
  parse of the same text with the same model (NER off);
* ``ingest``: each reader on the example and test documents (and a long
  document generated from the memo corpus): pages/s and words/s in process
  (``memolint.ingest.read_memo``), the same read through ``Linter.read``
  (isolated in a capped child process), and the reading child's peak memory;
* ``cli``: ``memolint --help``, ``memolint rule``, a cold ``memolint check``
  against a cold ``spacy.load`` + parse, and an unchanged memo re-checked;
* ``many``: ``Linter.lint_many`` over 200 corpus memos with ``jobs=2``
  against ``jobs=1``, each in a fresh process, with the peak memory of every
  process involved;
* ``compare``: proselint and PassivePy beside memolint on the same memos.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.metadata
import importlib.util
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEST_DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "corpora" / "memos"
SECTIONS = ("warm", "ingest", "cli", "many", "compare")
MiB = 1024 * 1024

#: Goals from the performance issue.
WARM_RATIO = ("<=", 1.15, "")
COLD_RATIO = ("<=", 1.15, "")
STARTUP_SECONDS = ("<=", 0.3, " s")
RECHECK_SECONDS = ("<=", 0.3, " s")
JOBS_SPEEDUP = (">=", 1.7, "x")
PROCESS_MIB = ("<=", 400, " MiB")


# ---------------------------------------------------------------------------
# Results: tables with goals


@dataclass
class Table:
    title: str
    headers: list[str]
    #: One letter per column: "l" or "r" (numbers are right-aligned).
    align: str
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Results:
    tables: list[Table] = field(default_factory=list)
    #: (measurement, figure, goal cell) for the summary at the top.
    goals: list[tuple[str, str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def goal(
        self,
        name: str,
        figure: str,
        value: float,
        goal: tuple[str, float, str],
        caveat: str = "",
    ) -> str:
        """The goal cell for ``value`` ("goal <= 0.3 s — met"), remembered for the summary."""
        op, target, unit = goal
        met = value <= target if op == "<=" else value >= target
        cell = f"goal {op} {target:g}{unit} — {'met' if met else 'not met'}"
        if caveat and not met:
            cell += f" ({caveat})"
        self.goals.append((name, figure, cell))
        return cell


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Timing


def median_seconds(action: Callable[[], Any], runs: int) -> float:
    return interleaved({"action": action}, runs)["action"]


def interleaved(actions: dict[str, Callable[[], Any]], runs: int) -> dict[str, float]:
    """Median seconds of each action, the actions taking turns in every run.

    Taking turns (ABAB rather than AABB) spreads the machine's drift over
    every action alike, so ratios between them stay meaningful.
    """
    timings: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            timings[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


def run_process(argv: list[str], env: dict[str, str] | None = None) -> None:
    """Run a command to time it; a crash must not pass for a fast run."""
    done = subprocess.run(argv, check=False, capture_output=True, timeout=600, env=env)
    # memolint check exits 1 when it has findings; a traceback exits 1 too
    if done.returncode not in (0, 1) or b"Traceback" in done.stderr:
        last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"`python {' '.join(argv[1:])}` exited {done.returncode}: {last[0]}")


def memolint_env(cache_dir: str) -> dict[str, str]:
    """The environment for memolint processes: a result cache of our own."""
    return {**os.environ, "MEMOLINT_CACHE_DIR": cache_dir}


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 0.1 else f"{seconds * 1000:,.0f} ms"


def fmt_mib(size: float | None) -> str:
    return "—" if size is None else f"{size / MiB:,.0f} MiB"


# ---------------------------------------------------------------------------
# The machine


def describe_machine() -> list[str]:
    def version(*names: str) -> str:
        for name in names:
            with contextlib.suppress(importlib.metadata.PackageNotFoundError):
                return importlib.metadata.version(name)
        return "not installed"

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB of memory"
    try:
        from memolint.nlp import model_name

        model = model_name()
    except Exception as error:  # reported, so a broken install is visible
        model = f"no model ({error})"
    return [
        f"{platform.platform()}; {cpu}; {os.cpu_count()} cores{memory}",
        f"Python {platform.python_version()}; memolint {version('memolint')}; "
        f"spaCy {version('spacy')} with {model} {version(model, model.replace('_', '-'))}; "
        f"pypdf {version('pypdf')}; python-docx {version('python-docx')}",
        f"proselint {version('proselint')}; PassivePy {version('PassivePy', 'passivepy')}",
        f"1-minute load average when the run started: {load_average():.1f}",
    ]


def load_average() -> float:
    """The 1-minute load average (-1 where the platform has none): how busy the machine is."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else -1.0


# ---------------------------------------------------------------------------
# warm: lint + score against the bare parse


def section_warm(results: Results, args: argparse.Namespace) -> None:
    import memolint
    from memolint.config import Config
    from memolint.ingest import read_memo
    from memolint.nlp import load_pipeline

    memo_path = EXAMPLES / "strong-memo.docx"
    text = read_memo(memo_path).text
    linter = memolint.Linter(Config())
    nlp = load_pipeline()
    linter.lint(memo_path)  # load the models, compile the rules, start the reader
    timings = interleaved(
        {"parse": lambda: nlp(text), "lint": lambda: linter.lint(memo_path)}, args.runs
    )
    parse, lint = timings["parse"], timings["lint"]
    ratio = lint / parse
    table = Table(
        "Warm: one memo in a long-running process",
        ["measurement", "median", "figure", "goal"],
        "lrrl",
    )
    table.rows.append(["bare spaCy parse", fmt_ms(parse), f"{len(text.split()):,} words", ""])
    table.rows.append(
        [
            "memolint lint + score (`Linter.lint`)",
            fmt_ms(lint),
            f"ratio {ratio:.2f}",
            results.goal("warm: lint + score / bare parse", f"{ratio:.2f}", ratio, WARM_RATIO),
        ]
    )
    table.notes.append(
        f"`examples/{memo_path.name}`; `Linter.lint` includes reading the file in the "
        "isolated reader process."
    )
    results.tables.append(table)


# ---------------------------------------------------------------------------
# ingest: each reader


@dataclass
class ReaderTotals:
    files: int = 0
    words: int = 0
    pages: int = 0
    seconds: float = 0.0
    #: Read time of the files whose pages are known (pages/s counts only those).
    page_seconds: float = 0.0
    isolated: float = 0.0


@dataclass
class IngestFile:
    path: Path
    label: str
    pages: int | None = None
    pages_from: str = ""


def section_ingest(results: Results, args: argparse.Namespace) -> None:
    import memolint
    from memolint.config import Config
    from memolint.ingest import read_memo
    from memolint.nlp import load_pipeline
    from memolint.sandbox import read_isolated

    inputs = ((EXAMPLES, ("*.docx", "*.pdf", "*-memo.md")), (TEST_DATA, ("*.docx", "*.pdf")))
    files = [
        IngestFile(path, str(path.relative_to(ROOT)))
        for folder, patterns in inputs
        for pattern in patterns
        for path in sorted(folder.glob(pattern))
    ]
    workdir = Path(tempfile.mkdtemp(prefix="memolint-bench-"))
    try:
        notes = generate_long_documents(workdir, args.long_memos)
        files += [
            IngestFile(path, f"generated: {path.name}")
            for path in (workdir / "long-memo.docx", workdir / "long-memo.pdf")
            if path.exists()
        ]
        # A DOCX has no pages of its own; count those of the PDF LibreOffice made from it.
        for item in files:
            if item.path.suffix == ".pdf":
                item.pages = read_memo(item.path).pages
            elif item.path.suffix == ".docx" and item.path.with_suffix(".pdf").exists():
                item.pages = read_memo(item.path.with_suffix(".pdf")).pages
                item.pages_from = " ¹"

        linter = memolint.Linter(Config())
        load_pipeline()  # Linter.read loads it in the background; have that done first
        table = Table(
            "Ingestion: each reader",
            [
                "file",
                "pages",
                "words",
                "`read_memo` (in process)",
                "pages/s",
                "words/s",
                "`Linter.read` (isolated)",
                "reading child peak RSS",
            ],
            "lrrrrrrr",
        )
        totals: dict[str, ReaderTotals] = {}
        for item in files:
            log(f"  ingest {item.label}")
            memo = read_memo(item.path)
            words = len(memo.text.split())
            linter.read(item.path)
            timings = interleaved(
                {
                    "in_process": lambda item=item: read_memo(item.path),
                    "isolated": lambda item=item: linter.read(item.path),
                },
                args.runs,
            )
            seconds = timings["in_process"]
            peak = read_isolated(
                item.path.read_bytes(), item.label, suffix=item.path.suffix
            ).peak_rss_bytes
            reader = totals.setdefault(memo.format, ReaderTotals())
            reader.files += 1
            reader.words += words
            reader.seconds += seconds
            reader.isolated += timings["isolated"]
            if item.pages:
                reader.pages += item.pages
                reader.page_seconds += seconds
            label = item.label if item.label.startswith("generated") else f"`{item.label}`"
            table.rows.append(
                [
                    label,
                    f"{item.pages}{item.pages_from}" if item.pages else "",
                    f"{words:,}",
                    fmt_ms(seconds),
                    f"{item.pages / seconds:,.0f}" if item.pages else "",
                    f"{words / seconds:,.0f}",
                    fmt_ms(timings["isolated"]),
                    fmt_mib(peak),
                ]
            )
        summary = Table(
            "Ingestion: per reader",
            [
                "reader",
                "files",
                "pages/s (in process)",
                "words/s (in process)",
                "words/s (isolated)",
            ],
            "lrrrr",
        )
        everything = ReaderTotals()
        for kind, reader in sorted(totals.items()):
            pages = ""
            if reader.pages:
                pages = f"{reader.pages / reader.page_seconds:,.0f}"
                pages += " ¹" if kind == "docx" else ""
            summary.rows.append(
                [
                    kind,
                    str(reader.files),
                    pages,
                    f"{reader.words / reader.seconds:,.0f}",
                    f"{reader.words / reader.isolated:,.0f}",
                ]
            )
            everything.files += reader.files
            everything.words += reader.words
            everything.seconds += reader.seconds
            everything.isolated += reader.isolated
        summary.rows.append(
            [
                "all",
                str(everything.files),
                "",
                f"{everything.words / everything.seconds:,.0f}",
                f"{everything.words / everything.isolated:,.0f}",
            ]
        )
        summary.notes.append(
            "Each reader's totals over the files below: all their words (or pages) over the "
            "sum of their median read times. ¹ See the note on DOCX pages below."
        )
        table.notes += [
            "¹ A DOCX has no pages of its own: its pages are those of the PDF LibreOffice "
            "made from it (same name). The pages/s of the DOCX reader counts only DOCX "
            "files that have such a PDF.",
            "Words are `len(memo.text.split())` of what the reader produced. "
            "`Linter.read` runs the same reader in a child process forked from a warm reader "
            "server, with memory, CPU and time limits; its peak RSS is the reading child's "
            "own (`wait4`), which includes the pages it shares with the server it was "
            "forked from.",
            *notes,
        ]
        results.tables += [summary, table]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def generate_long_documents(workdir: Path, count: int) -> list[str]:
    """A long DOCX (and its LibreOffice PDF) made of ``count`` corpus memos in a row.

    It is built like the example memos (``examples/make_examples.py``): real
    Word headings, lists and tables.
    """
    sources = sorted(CORPUS.glob("m*.md"))[:count]
    if not sources:
        return ["No long document was generated: corpora/memos holds no Markdown memos."]
    try:
        spec = importlib.util.spec_from_file_location(
            "memolint_make_examples", EXAMPLES / "make_examples.py"
        )
        assert spec is not None and spec.loader is not None
        maker = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = maker  # its dataclasses look their module up
        spec.loader.exec_module(maker)
        markdown = "\n\n".join(path.read_text(encoding="utf-8") for path in sources)
        docx_path = workdir / "long-memo.docx"
        maker.build_docx(maker.parse_markdown(markdown), docx_path)
    except Exception as error:
        return [f"No long document was generated ({type(error).__name__}: {error})."]
    note = (
        f"The generated long memo is the first {len(sources)} Markdown memos of "
        "`corpora/memos` in one DOCX, built as `examples/make_examples.py` builds the "
        "examples"
    )
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return [note + "; no PDF of it: LibreOffice (`soffice`) is not installed."]
    try:
        maker.convert_to_pdf(docx_path)
    except (SystemExit, subprocess.CalledProcessError, OSError) as error:
        return [note + f"; no PDF of it: LibreOffice failed ({error})."]
    return [note + ", and its PDF converted by LibreOffice."]


# ---------------------------------------------------------------------------
# cli: whole processes


def section_cli(results: Results, args: argparse.Namespace) -> None:
    from memolint.ingest import read_memo
    from memolint.nlp import model_name

    exe = [sys.executable, "-m", "memolint"]
    memo_path = EXAMPLES / "strong-memo.docx"
    table = Table(
        "Command line (whole processes)", ["measurement", "median", "figure", "goal"], "lrrl"
    )
    with tempfile.TemporaryDirectory(prefix="memolint-bench-") as scratch:
        env = memolint_env(str(Path(scratch) / "cache"))

        log("  --help, rule")
        startup = interleaved(
            {
                "help": lambda: run_process([*exe, "--help"], env),
                "rule": lambda: run_process([*exe, "rule"], env),
            },
            args.runs,
        )
        for name, key in (("memolint --help", "help"), ("memolint rule", "rule")):
            seconds = startup[key]
            table.rows.append(
                [
                    name,
                    f"{seconds:.2f} s",
                    "",
                    results.goal(name, f"{seconds:.2f} s", seconds, STARTUP_SECONDS),
                ]
            )

        log("  cold check against cold spacy.load + parse")
        text_file = Path(scratch) / "memo.txt"
        text_file.write_text(read_memo(memo_path).text, encoding="utf-8")
        bare = (
            f"import {model_name()} as m; nlp = m.load(exclude=['ner']); "
            f"nlp(open({str(text_file)!r}, encoding='utf-8').read())"
        )
        check = [*exe, "check", str(memo_path), "--quiet"]

        def cold_check() -> None:
            # a new, empty cache every time: this is a memo checked for the first time
            run_process(check, memolint_env(tempfile.mkdtemp(dir=scratch)))

        cold = interleaved(
            {"bare": lambda: run_process([sys.executable, "-c", bare], env), "check": cold_check},
            args.runs,
        )
        ratio = cold["check"] / cold["bare"]
        table.rows.append(["cold: `python -c` spacy.load + parse", f"{cold['bare']:.2f} s", "", ""])
        table.rows.append(
            [
                "cold: `memolint check` (DOCX)",
                f"{cold['check']:.2f} s",
                f"ratio {ratio:.2f}",
                results.goal(
                    "cold: memolint check / bare parse", f"{ratio:.2f}", ratio, COLD_RATIO
                ),
            ]
        )

        log("  unchanged memo re-checked")
        cache_env = memolint_env(str(Path(scratch) / "recheck-cache"))
        run_process(check, cache_env)  # the first check fills the cache
        recheck = median_seconds(lambda: run_process(check, cache_env), args.runs)
        has_cache = (
            "--no-cache"
            in subprocess.run(
                [*exe, "check", "--help"], capture_output=True, text=True, check=False, env=env
            ).stdout
        )
        table.rows.append(
            [
                "unchanged memo re-checked (`memolint check`)",
                f"{recheck:.2f} s",
                "" if has_cache else "no result cache in this build",
                results.goal(
                    "unchanged memo re-checked", f"{recheck:.2f} s", recheck, RECHECK_SECONDS
                ),
            ]
        )
    table.notes += [
        f"`memolint` runs as `{Path(sys.executable).name} -m memolint`; the checked memo is "
        f"`examples/{memo_path.name}`; the bare parse reads the same text from a file.",
        "Each cold check gets a new, empty `MEMOLINT_CACHE_DIR`. The re-check uses one "
        "cache directory, filled by one check before the timed runs.",
    ]
    results.tables.append(table)


# ---------------------------------------------------------------------------
# many: Linter.lint_many with jobs, and the memory of every process


def corpus_memos() -> list[Path]:
    return sorted(path for path in CORPUS.glob("m*") if path.suffix in (".md", ".txt"))


def lint_many_child(list_file: str, jobs: int) -> int:
    """Run in a fresh process: lint the listed memos, print what it cost as JSON."""
    import resource

    import memolint
    from memolint.config import Config

    paths = json.loads(Path(list_file).read_text(encoding="utf-8"))
    start = time.perf_counter()
    first = None
    reports = errors = 0
    for report in memolint.Linter(Config()).lint_many(paths, jobs=jobs):
        if first is None:
            first = time.perf_counter() - start
        reports += 1
        errors += report.error is not None
    seconds = time.perf_counter() - start
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "first": first,
                "reports": reports,
                "errors": errors,
                "self_maxrss": own.ru_maxrss * scale,
                "children_maxrss": children.ru_maxrss * scale,
                "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
            }
        )
    )
    return 0


@dataclass
class ProcessPeak:
    role: str
    hwm: int = 0
    pss: int = 0
    uss: int = 0


class TreeSampler:
    """Follows a process and its descendants in /proc, keeping each one's peak memory.

    VmHWM is the kernel's own high-water mark of a process's resident set, so
    a sample only needs to come before the process exits. PSS (shared pages
    divided among the processes sharing them) and USS (private pages) have no
    high-water mark: their peaks are the largest sampled values.
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = root
        self.interval = interval
        self.processes: dict[int, ProcessPeak] = {}
        self.peak_total_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def available() -> bool:
        return Path("/proc/self/smaps_rollup").exists()

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        parents = _parent_pids()
        tree = set(self.processes) | {self.root}
        grown = True
        while grown:
            grown = False
            for pid, ppid in parents.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grown = True
        total = 0
        for pid in tree:
            if pid not in parents:
                continue  # exited (or not started yet)
            memory = _memory(pid)
            if memory is None:
                continue
            peak = self.processes.get(pid)
            if peak is None or peak.role in ("worker", "other"):
                # A process caught between fork and exec still looks like its parent:
                # look again, and forget what it measured before exec.
                role = self._role(pid, parents[pid])
                if peak is None or role != peak.role:
                    peak = self.processes[pid] = ProcessPeak(role)
            peak.hwm = max(peak.hwm, memory["VmHWM"])
            peak.pss = max(peak.pss, memory["Pss"])
            peak.uss = max(peak.uss, memory["Private_Clean"] + memory["Private_Dirty"])
            total += memory["Pss"]
        self.peak_total_pss = max(self.peak_total_pss, total)

    def _role(self, pid: int, ppid: int) -> str:
        if pid == self.root:
            return "parent"
        if ppid in self.processes and self.processes[ppid].role == "reader server":
            return "reader child"
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            command = b""
        if b"memolint.sandbox" in command:
            return "reader server"
        if ppid == self.root:
            return "worker"
        return "other"


def _parent_pids() -> dict[int, int]:
    parents = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # "pid (command) state ppid ...": the command may hold spaces and parentheses
        parents[int(name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    return parents


def _memory(pid: int) -> dict[str, int] | None:
    values = {"VmHWM": 0, "Pss": 0, "Private_Clean": 0, "Private_Dirty": 0}
    try:
        for file in ("status", "smaps_rollup"):
            with open(f"/proc/{pid}/{file}", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    key, _, rest = line.partition(":")
                    if key in values:
                        values[key] = int(rest.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return values


def section_many(results: Results, args: argparse.Namespace) -> None:
    memos = corpus_memos()
    if not memos:
        results.failures.append("many: corpora/memos holds no memos")
        return
    paths = [str(memos[i % len(memos)]) for i in range(args.memos)]
    words = sum(len(Path(path).read_text(encoding="utf-8").split()) for path in paths)
    jobs_values = (1, args.jobs)
    sampling = TreeSampler.available()
    timings: dict[int, list[dict[str, Any]]] = {jobs: [] for jobs in jobs_values}
    peaks: dict[tuple[int, str], ProcessPeak] = {}
    counts: dict[tuple[int, str], int] = {}
    total_pss: dict[int, int] = {jobs: 0 for jobs in jobs_values}
    loads: list[float] = []
    #: Per jobs: the cores the rest of the machine kept busy, and those left idle.
    elsewhere: dict[int, list[tuple[float, float]]] = {jobs: [] for jobs in jobs_values}
    with tempfile.TemporaryDirectory(prefix="memolint-bench-") as scratch:
        list_file = Path(scratch) / "memos.json"
        list_file.write_text(json.dumps(paths), encoding="utf-8")
        for run in range(args.runs):
            for jobs in jobs_values:
                log(f"  lint_many: run {run + 1}/{args.runs}, jobs={jobs}")
                loads.append(load_average())
                cache = tempfile.mkdtemp(dir=scratch)
                process = subprocess.Popen(
                    [sys.executable, __file__, "--lint-many-child", str(list_file), str(jobs)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=memolint_env(cache),
                    text=True,
                )
                sampler = TreeSampler(process.pid)
                before = machine_cpu()
                with sampler if sampling else contextlib.nullcontext():
                    out, err = process.communicate(timeout=1800)
                after = machine_cpu()
                if process.returncode != 0:
                    last = err.strip().splitlines()[-1:] or [""]
                    results.failures.append(
                        f"many: jobs={jobs} exited {process.returncode}: {last[0]}"
                    )
                    return
                measured = json.loads(out.strip().splitlines()[-1])
                timings[jobs].append(measured)
                if before and after and after[1] > before[1]:
                    cores = os.cpu_count() or 1
                    busy = (after[0] - before[0]) / (after[1] - before[1]) * cores
                    ours = measured["cpu"] / measured["seconds"]
                    elsewhere[jobs].append((max(busy - ours, 0.0), cores - busy))
                run_counts: dict[str, int] = {}
                for peak in sampler.processes.values():
                    key = (jobs, peak.role)
                    run_counts[peak.role] = run_counts.get(peak.role, 0) + 1
                    best = peaks.setdefault(key, ProcessPeak(peak.role))
                    best.hwm = max(best.hwm, peak.hwm)
                    best.pss = max(best.pss, peak.pss)
                    best.uss = max(best.uss, peak.uss)
                for role, count in run_counts.items():
                    counts[(jobs, role)] = max(counts.get((jobs, role), 0), count)
                total_pss[jobs] = max(total_pss[jobs], sampler.peak_total_pss)

    medians = {
        jobs: statistics.median(run["seconds"] for run in runs) for jobs, runs in timings.items()
    }
    speedup = medians[1] / medians[args.jobs]
    table = Table(
        f"`Linter.lint_many`: {len(paths)} memos, jobs={args.jobs} against jobs=1",
        ["measurement", "median", "figure", "goal"],
        "lrrl",
    )
    for jobs in jobs_values:
        runs = timings[jobs]
        first = statistics.median(run["first"] for run in runs)
        cpu = statistics.median(run["cpu"] for run in runs)
        cores = statistics.median(run["cpu"] / run["seconds"] for run in runs)
        errors = max(run["errors"] for run in runs)
        # after the first report every process has its model loaded: the steady rate
        steady = statistics.median(
            (run["reports"] - 1) / (run["seconds"] - run["first"]) for run in runs
        )
        figure = (
            f"{len(paths) / medians[jobs]:.1f} memos/s, {words / medians[jobs]:,.0f} words/s; "
            f"first report after {first:.1f} s, then {steady:.1f} memos/s; "
            f"{cpu:.0f} CPU-s ({cores:.2f} cores busy)"
        )
        if elsewhere[jobs]:
            others = statistics.median(other for other, _ in elsewhere[jobs])
            idle = statistics.median(idle for _, idle in elsewhere[jobs])
            figure += f"; meanwhile {others:.2f} cores busy elsewhere, {idle:.2f} idle"
        if errors:
            figure += f"; {errors} memos failed"
        goal = ""
        if jobs != 1:
            caveat = ""
            if elsewhere[jobs]:
                others = statistics.median(other for other, _ in elsewhere[jobs])
                if others >= 0.25:
                    caveat = f"other work held {others:.2f} of the {os.cpu_count()} cores meanwhile"
            goal = results.goal(
                f"lint_many jobs={jobs} speed-up over jobs=1",
                f"{speedup:.2f}x",
                speedup,
                JOBS_SPEEDUP,
                caveat,
            )
            figure = f"speed-up {speedup:.2f}x; " + figure
        table.rows.append([f"jobs={jobs}", f"{medians[jobs]:.1f} s", figure, goal])
    table.notes.append(
        f"The {len(memos)} memos of `corpora/memos` cycled to {len(paths)} "
        f"({words:,} words). Each run is a fresh process calling "
        f"`Linter(Config()).lint_many(paths, jobs=N)`, timed from the call to the last "
        "report, so it includes loading the language model in each linting process and "
        "starting the isolated readers; the two settings take turns. The rate after the "
        "first report leaves that start-up out. CPU-s is user + system time of the caller "
        "and its pool workers (not of the reader processes); cores busy is CPU-s over the "
        "elapsed time, which shows how much of the machine the run got."
    )
    if any(elsewhere.values()):
        table.notes.append(
            "Busy elsewhere: the machine's busy CPU time during the run (/proc/stat) less the "
            "run's own CPU-s, over the elapsed time: other processes, and memolint's reader "
            "processes and this script's sampler. When other work holds a core, jobs=2 cannot "
            "have two, and the speed-up measured here is below what an idle machine gives."
        )
    if loads and loads[0] >= 0:
        table.notes.append(
            f"The 1-minute load average when the runs started: {min(loads):.1f} to "
            f"{max(loads):.1f} on {os.cpu_count()} cores (the benchmark's own processes count "
            "in it)."
        )
    results.tables.append(table)

    memory = Table(
        "`Linter.lint_many`: peak memory per process",
        ["process", "jobs", "count", "peak RSS", "peak PSS", "peak USS", "goal (peak RSS)"],
        "llrrrrl",
    )
    if not sampling:
        memory.notes.append(
            "/proc/<pid>/smaps_rollup is not available on this platform, so only the "
            "getrusage figures below were measured."
        )
    labels = {
        "parent": "parent (the caller)",
        "worker": "pool worker",
        "reader server": "reader server",
        "reader child": "reading child (sampled)",
        "other": "other",
    }
    for jobs in jobs_values:
        for role in ("parent", "worker", "reader server", "reader child", "other"):
            peak = peaks.get((jobs, role))
            if peak is None or role == "reader child":
                continue  # reading children live a few ms; they are measured exactly below
            name = f"{labels[role]}, jobs={jobs}"
            memory.rows.append(
                [
                    labels[role],
                    str(jobs),
                    str(counts[(jobs, role)]),
                    fmt_mib(peak.hwm),
                    fmt_mib(peak.pss),
                    fmt_mib(peak.uss),
                    results.goal(
                        f"peak RSS: {name}", fmt_mib(peak.hwm), peak.hwm / MiB, PROCESS_MIB
                    ),
                ]
            )
    reading = reading_child_peaks(memos)
    if reading is not None:
        memory.rows.append(
            [
                "reading child (largest)",
                "any",
                f"{min(len(memos), 20)} files",
                fmt_mib(reading),
                "",
                "",
                results.goal(
                    "peak RSS: reading child", fmt_mib(reading), reading / MiB, PROCESS_MIB
                ),
            ]
        )
    for jobs in jobs_values:
        if total_pss[jobs]:
            memory.rows.append(
                [
                    "all processes together (sum of PSS)",
                    str(jobs),
                    "",
                    "",
                    fmt_mib(total_pss[jobs]),
                    "",
                    "",
                ]
            )
    exact_worker = max(run["children_maxrss"] for run in timings[args.jobs])
    memory.notes += [
        "How processes are counted: every process descended from the caller is followed "
        "through /proc every 0.1 s. Peak RSS is the kernel's high-water mark (VmHWM): it "
        "counts every resident page the process maps, including the shared libraries and "
        "the copy-on-write pages a forked process still shares with its parent, so it is "
        "an upper bound per process and the RSS of several processes must not be added. "
        "PSS divides each shared page among the processes sharing it (so PSS adds up to the "
        "machine's real use); USS counts the pages the process alone holds. PSS and USS "
        "peaks are the largest sampled values. The goal is judged on peak RSS, the strict "
        "reading. Figures are the largest over all runs.",
        "Pool workers are forked from the caller (`fork` start method) before it has loaded "
        "anything, and each loads its own language model; each linting process starts its "
        "own reader server, which forks one short-lived reading child per file. The "
        "reading child's peak is the figure its server gets from `wait4`, largest over one "
        "isolated read of each of the 20 biggest memo files.",
        "Cross-check: getrusage in the caller gives the largest ru_maxrss among its "
        f"waited-for children (the pool workers) as {fmt_mib(exact_worker)} with "
        f"jobs={args.jobs}. (The caller's own ru_maxrss is no check on Linux: it keeps the "
        "peak of the process that started it, across exec.)",
    ]
    results.tables.append(memory)


def machine_cpu() -> tuple[int, int] | None:
    """The machine's (busy, total) CPU time so far, in clock ticks, from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = [int(value) for value in handle.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def reading_child_peaks(memos: list[Path], largest: int = 20) -> int | None:
    """The reading child's peak RSS, largest over the ``largest`` biggest memo files."""
    from memolint.sandbox import read_isolated

    biggest = sorted(memos, key=lambda path: path.stat().st_size)[-largest:]
    peaks = [
        read_isolated(path.read_bytes(), str(path), suffix=path.suffix).peak_rss_bytes
        for path in biggest
    ]
    known = [peak for peak in peaks if peak]
    return max(known) if known else None


# ---------------------------------------------------------------------------
# compare: proselint and PassivePy on the same memos


def load_proselint() -> Callable[[str], int]:
    """proselint's whole-memo lint, as a function of the text returning the finding count."""
    try:  # proselint 0.16 and later
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        from proselint.tools import lint  # older releases

        return lambda text: len(lint(text))
    CheckRegistry().register_many(__register__)
    return lambda text: len(LintFile("<memo>", text).lint(DEFAULT))


def load_passivepy() -> Callable[[list[str]], int]:
    """PassivePy over a list of texts (its corpus-level call), returning the passives found.

    PassivePy loads ``en_core_web_lg`` unless given a pipeline; it gets its own
    copy of the model memolint uses, with NER off, as PassivePy itself loads it.
    """
    import pandas as pd
    from PassivePySrc import PassivePy

    from memolint.nlp import model_name

    nlp = importlib.import_module(model_name()).load(exclude=["ner"])
    analyzer = PassivePy.PassivePyAnalyzer(nlp=nlp)

    def detect(texts: list[str]) -> int:
        quiet = io.StringIO()  # PassivePy prints progress and tqdm bars
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            frame = analyzer.match_corpus_level(
                pd.DataFrame({"text": texts}),
                column_name="text",
                n_process=1,
                batch_size=1000,
                add_other_columns=False,
            )
        return int(frame["passive_count"].sum())

    return detect


def section_compare(results: Results, args: argparse.Namespace) -> None:
    import memolint
    from memolint.config import Config

    sample = corpus_memos()[:: args.compare_every]
    if not sample:
        results.failures.append("compare: corpora/memos holds no memos")
        return
    memos = [
        (path.read_text(encoding="utf-8"), "markdown" if path.suffix == ".md" else "text")
        for path in sample
    ]
    texts = [text for text, _ in memos]
    words = sum(len(text.split()) for text in texts)
    full = memolint.Linter(Config())
    passive = memolint.Linter(Config(select=("ML201",)))

    skipped: list[str] = []
    # Tools that lint one memo at a time: text, format -> findings.
    per_memo: dict[str, Callable[[str, str], int]] = {
        "memolint": lambda text, form: len(full.lint_text(text, format=form).findings),
        "memolint ML201": lambda text, form: len(passive.lint_text(text, format=form).findings),
    }
    # Tools that take the whole sample at once: texts -> findings.
    whole: dict[str, Callable[[list[str]], int]] = {}
    for name, loader in (("proselint", load_proselint), ("PassivePy", load_passivepy)):
        log(f"  loading {name}")
        try:
            tool = loader()
            tool(texts[:1]) if name == "PassivePy" else tool(texts[0])  # fails here, not later
        except Exception as error:  # a tool that cannot run here is reported, not fatal
            skipped.append(
                f"{name} could not run here, so its rows are skipped "
                f"({type(error).__name__}: {error}); `pip install -e '.[bench]'` installs it."
            )
            continue
        if name == "proselint":
            per_memo[name] = lambda text, form, tool=tool: tool(text)
        else:
            whole[name] = tool

    # Each run: every memo through each per-memo tool in turn, then the whole-sample
    # tools; a tool's pass over the sample is the sum of its per-memo times.
    found: dict[str, int] = {}
    latencies: dict[str, list[list[float]]] = {name: [[] for _ in memos] for name in per_memo}
    passes: dict[str, list[float]] = {name: [] for name in [*per_memo, *whole]}
    for run in range(args.runs + 1):  # the first run warms up and is not counted
        log(f"  run {run}/{args.runs}" if run else "  warming up")
        totals = dict.fromkeys(passes, 0.0)
        for index, (text, form) in enumerate(memos):
            for name, lint in per_memo.items():
                start = time.perf_counter()
                count = lint(text, form)
                seconds = time.perf_counter() - start
                totals[name] += seconds
                if run:
                    latencies[name][index].append(seconds)
                else:
                    found[name] = found.get(name, 0) + count
        for name, tool in whole.items():
            start = time.perf_counter()
            count = tool(texts)
            totals[name] = time.perf_counter() - start
            found[name] = count
        if run:
            for name, seconds in totals.items():
                passes[name].append(seconds)
    medians = {name: statistics.median(values) for name, values in passes.items()}
    per_memo_median = {
        name: statistics.median(statistics.median(times) for times in memo_times)
        for name, memo_times in latencies.items()
    }

    table = Table(
        f"Beside other tools: {len(sample)} corpus memos ({words:,} words)",
        ["tool", "per memo (median)", "whole sample (median)", "words/s", "findings", "figure"],
        "lrrrrl",
    )
    rows = [
        ("memolint", "memolint: full lint + score", "all findings"),
        ("proselint", "proselint: full lint", "all findings"),
        ("memolint ML201", 'memolint: `Config(select=("ML201",))`', "passives"),
        ("PassivePy", "PassivePy: corpus-level passive detection", "passives"),
    ]
    for key, label, kind in rows:
        if key not in medians:
            continue
        figure = ""
        if key == "proselint":
            ratio = per_memo_median["memolint"] / per_memo_median[key]
            figure = f"memolint takes {ratio:.1f}x proselint's time per memo"
        elif key == "memolint ML201" and "PassivePy" in medians:
            ratio = medians["PassivePy"] / medians[key]
            figure = f"PassivePy takes {ratio:.2f}x memolint ML201's time"
        elif key == "memolint ML201":
            figure = f"{medians[key] / medians['memolint']:.2f}x the full lint's time"
        elif key == "PassivePy":
            figure = f"{medians[key] / medians['memolint']:.2f}x memolint's full lint's time"
        table.rows.append(
            [
                label,
                fmt_ms(per_memo_median[key]) if key in per_memo_median else "",
                f"{medians[key]:.2f} s",
                f"{words / medians[key]:,.0f}",
                f"{found[key]:,} {kind}",
                figure,
            ]
        )
    table.notes += [
        f"Every {args.compare_every}th memo of `corpora/memos` (by name), as text; memolint "
        "lints each with `Linter.lint_text` in its format (Markdown or text). In each run "
        "every memo goes through memolint, memolint ML201 and proselint in turn, then "
        "PassivePy gets the whole sample in one `match_corpus_level` call (its DataFrame API "
        "is its way in; it parses every text twice, once to split sentences and once per "
        "sentence). Per memo: the median over runs of each memo's time, then the median over "
        "memos. Whole sample: the median over runs of the time for all memos. A first, "
        "uncounted run warms every tool up.",
        "PassivePy runs on its own copy of the spaCy model memolint uses (with NER off, "
        "as PassivePy loads its default `en_core_web_lg`, which is not installable here). "
        "The passive counts are what each tool reported, not an accuracy measure: see "
        "`corpora/README.md` for memolint's measured precision and recall.",
        *skipped,
    ]
    results.tables.append(table)


# ---------------------------------------------------------------------------
# Output


def render(results: Results, args: argparse.Namespace, machine: list[str], seconds: float) -> str:
    lines: list[str] = []
    command = "python benchmarks/run.py " + " ".join(args.argv)
    if args.markdown:
        lines += [
            "# Benchmark results",
            "",
            f"Produced by `{command.strip()}` in {seconds / 60:.1f} minutes; regenerate with "
            "`python benchmarks/run.py --markdown > benchmarks/RESULTS.md` (the proselint "
            "and PassivePy rows need `pip install -e '.[bench]'`). Every figure is the median "
            f"of {args.runs} runs; every ratio compares measurements taken in turns in the "
            "same run.",
            "",
            "## Machine",
            "",
            *[f"- {line}" for line in machine],
            "",
        ]
        if results.goals:
            lines += ["## Goals", ""]
            lines += markdown_table(
                Table(
                    "", ["measurement", "figure", "goal"], "lrl", [list(g) for g in results.goals]
                )
            )
            lines.append("")
        for table in results.tables:
            lines += [f"## {table.title}", ""]
            lines += markdown_table(table)
            lines.append("")
            for note in table.notes:
                lines += [note, ""]
    else:
        lines += [f"Machine: {line}" for line in machine]
        lines.append(f"{args.runs} runs per figure; {seconds / 60:.1f} minutes in all")
        lines.append("")
        for table in results.tables:
            lines += [table.title, "=" * len(table.title)]
            lines += text_table(table)
            lines.append("")
            for note in table.notes:
                lines += [f"  {note}", ""]
    for failure in results.failures:
        lines.append(f"FAILED: {failure}")
    return "\n".join(lines).rstrip() + "\n"


def markdown_table(table: Table) -> list[str]:
    rule = "|" + "|".join("---:" if a == "r" else "---" for a in table.align) + "|"
    return [
        "| " + " | ".join(table.headers) + " |",
        rule,
        *["| " + " | ".join(row) + " |" for row in table.rows],
    ]


def text_table(table: Table) -> list[str]:
    rows = [[cell.replace("`", "") for cell in row] for row in [table.headers, *table.rows]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.headers))]

    def line(row: list[str]) -> str:
        cells = [
            cell.rjust(width) if align == "r" else cell.ljust(width)
            for cell, width, align in zip(row, widths, table.align, strict=True)
        ]
        return "  ".join(cells).rstrip()

    return [line(rows[0]), "  ".join("-" * width for width in widths), *map(line, rows[1:])]


def parse_sections(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - set(SECTIONS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}"
        )
    return names


def main(argv: Iterable[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--lint-many-child"]:
        return lint_many_child(argv[1], int(argv[2]))
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, help="repetitions per figure (5; --quick: 1)")
    parser.add_argument("--quick", action="store_true", help="one run, small inputs: a smoke check")
    parser.add_argument(
        "--only", type=parse_sections, help=f"comma-separated sections: {', '.join(SECTIONS)}"
    )
    parser.add_argument("--skip", type=parse_sections, default=[], help="sections to leave out")
    parser.add_argument("--markdown", action="store_true", help="print the RESULTS.md document")
    parser.add_argument("--memos", type=int, help="memos for lint_many (200; --quick: 20)")
    parser.add_argument("--jobs", type=int, default=2, help="jobs compared with jobs=1 (2)")
    args = parser.parse_args(argv)
    args.argv = argv
    args.runs = max(args.runs or (1 if args.quick else 5), 1)
    args.memos = max(args.memos or (20 if args.quick else 200), 2)
    args.jobs = max(args.jobs, 2)
    args.compare_every = 25 if args.quick else 8
    args.long_memos = 3 if args.quick else 12
    sections = [s for s in (args.only or SECTIONS) if s not in args.skip]

    started = time.perf_counter()
    machine = describe_machine()
    if load_average() > (os.cpu_count() or 1) / 2:
        log(f"the machine is busy (load average {load_average():.1f}): figures will be noisy")
    results = Results()
    runners = {
        "warm": section_warm,
        "ingest": section_ingest,
        "cli": section_cli,
        "many": section_many,
        "compare": section_compare,
    }
    for name in sections:
        log(f"{name} ...")
        section_started = time.perf_counter()
        try:
            runners[name](results, args)
        except Exception as error:  # report the section and go on with the others
            results.failures.append(f"{name}: {type(error).__name__}: {error}")
        log(f"{name}: {time.perf_counter() - section_started:.0f} s")
    machine.append(f"1-minute load average when the run ended: {load_average():.1f}")
    print(render(results, args, machine, time.perf_counter() - started), end="")
    return 1 if results.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
