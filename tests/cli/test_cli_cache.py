"""The result cache seen from the command line: hits, misses, ``--no-cache``, bad caches.

Every test has an empty cache of its own (``MEMOLINT_CACHE_DIR``, set in the
top-level conftest). ``--debug`` makes the CLI say how many results came
from the cache, which is how these tests tell a hit from a miss.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from cli_support import WEAK, Result, Run

from memolint import cache as cache_module
from memolint.cli import CHECK_FORMATS, SCORE_FORMATS
from memolint.emit import report_dict
from memolint.report import Report
from memolint.rules import engine

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HEAVY = ("spacy", "sklearn", "pypdf", "lxml", "docx", "markdown_it", "thinc", "textstat")
HOUSE_RULE = """\
code: HS001
name: pmo-mention
severity: info
kind: phrase
message: "House style: avoid \\"{match}\\"."
phrases: [PMO]
"""


class _FixedClock(datetime):
    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTML report prints when it was generated; pin it so runs can be compared."""
    import memolint.emit.html

    monkeypatch.setattr(memolint.emit.html, "datetime", _FixedClock)


@pytest.fixture()
def docx(memos: Path) -> Path:
    """A real DOCX memo (headings, lists and a table) beside ``weak.txt``."""
    path = memos / "memo.docx"
    shutil.copyfile(EXAMPLES / "strong-memo.docx", path)
    return path


def counts(result: Result) -> tuple[int, int, int]:
    """(hits, misses, stored) from the ``--debug`` cache line."""
    match = re.search(r"cache: (\d+) hits?, (\d+) miss(?:es)?, (\d+) stored", result.err)
    assert match, result.err
    return int(match[1]), int(match[2]), int(match[3])


def entries(cache_dir: Path) -> list[Path]:
    folder = cache_dir / "reports"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


@pytest.mark.parametrize("format", CHECK_FORMATS)
def test_a_second_run_is_a_hit_with_identical_output(
    run: Run, docx: Path, cache_dir: Path, format: str
) -> None:
    args = ("check", "memo.docx", "weak.txt", "--format", format, "--debug")
    uncached = run(*args, "--no-cache")
    first = run(*args)
    second = run(*args)
    assert counts(first) == (0, 2, 2)
    assert counts(second) == (2, 0, 0)
    assert uncached.out and second.out == first.out == uncached.out
    assert second.code == first.code == uncached.code == 1
    assert len(entries(cache_dir)) == 2


@pytest.mark.parametrize("format", SCORE_FORMATS)
def test_scores_come_from_the_cache_too(run: Run, docx: Path, format: str) -> None:
    args = ("score", "memo.docx", "--format", format, "--debug")
    uncached = run(*args, "--no-cache")
    first = run(*args)
    second = run(*args)
    assert counts(second) == (1, 0, 0)
    assert second.out == first.out == uncached.out
    assert "Escalation" in second.out or "escalation" in second.out


def test_the_output_format_is_not_part_of_the_key(run: Run, docx: Path) -> None:
    # One stored result serves every format, each exactly as a fresh lint prints it.
    assert counts(run("check", "memo.docx", "--format", "json", "--debug")) == (0, 1, 1)
    for args in (("--format", "sarif"), ("--format", "html"), ("--statistics",), ("-q",)):
        hit = run("check", "memo.docx", *args, "--debug")
        assert counts(hit) == (1, 0, 0)
        assert hit.out == run("check", "memo.docx", *args, "--no-cache").out


def test_hits_and_misses_mix_in_input_order_with_jobs(run: Run, docx: Path) -> None:
    run("check", "weak.txt", "--debug")
    args = ("check", "clean.txt", "weak.txt", "memo.docx", "--format", "json")
    mixed = run(*args, "-j", "2", "--debug")
    assert counts(mixed) == (1, 2, 2)
    reference = run(*args, "--no-cache")
    assert mixed.out == reference.out
    sources = [report["source"] for report in json.loads(mixed.out)["reports"]]
    assert sources == ["clean.txt", "weak.txt", "memo.docx"]
    assert counts(run(*args, "-j", "2", "--debug")) == (3, 0, 0)


def test_a_changed_memo_is_a_miss(run: Run, memos: Path) -> None:
    args = ("check", "weak.txt", "--format", "json", "--debug")
    before = run(*args)
    (memos / "weak.txt").write_text(WEAK + "\nThe PMO signs off on each step.\n", encoding="utf-8")
    after = run(*args)
    assert counts(after) == (0, 1, 1)
    assert after.out != before.out
    assert "PMO signs off" in json.dumps(json.loads(after.out)["reports"][0]["findings"])
    (memos / "weak.txt").write_text(WEAK, encoding="utf-8")
    back = run(*args)
    assert counts(back) == (1, 0, 0) and back.out == before.out


def test_a_changed_configuration_is_a_miss(run: Run, memos: Path) -> None:
    base = ("check", "weak.txt", "--format", "json", "--debug")

    def codes(result: Result) -> set[str]:
        return {f["code"] for f in json.loads(result.out)["reports"][0]["findings"]}

    assert "ML201" in codes(run(*base))
    ignored = run(*base, "--ignore", "ML201")
    assert counts(ignored) == (0, 1, 1) and "ML201" not in codes(ignored)
    assert counts(run(*base, "--ignore", "ML201")) == (1, 0, 0)
    assert counts(run(*base, "--no-score")) == (0, 1, 1)
    (memos / "memolint.toml").write_text('ignore = ["ML2"]\n', encoding="utf-8")
    configured = run(*base)
    assert counts(configured) == (0, 1, 1)
    assert not {code for code in codes(configured) if code.startswith("ML2")}
    # fail-on changes the exit status, not the findings: the stored result still serves.
    (memos / "memolint.toml").write_text('ignore = ["ML2"]\nfail-on = "never"\n', encoding="utf-8")
    relaxed = run(*base)
    assert counts(relaxed) == (1, 0, 0) and relaxed.code == 0 and configured.code == 1


def test_a_changed_rule_pack_is_a_miss(run: Run, memos: Path) -> None:
    (memos / "house").mkdir()
    rule = memos / "house" / "HS001.yaml"
    rule.write_text(HOUSE_RULE, encoding="utf-8")
    (memos / "memolint.toml").write_text('rule-packs = ["house"]\n', encoding="utf-8")
    (memos / "status.md").write_text(
        "# Status\n\nThe PMO and the steering committee get a weekly report.\n", encoding="utf-8"
    )
    args = ("check", "status.md", "--select", "HS", "--format", "jsonl", "--debug")
    before = run(*args)
    assert [json.loads(line)["message"] for line in before.out.splitlines()] == [
        'House style: avoid "PMO".'
    ]
    assert counts(run(*args)) == (1, 0, 0)
    rule.write_text(HOUSE_RULE.replace("[PMO]", "[PMO, steering committee]"), encoding="utf-8")
    # A real run reads each pack once; this test process must forget what it read.
    engine._load_pack.cache_clear()
    cache_module._rules_version.cache_clear()
    after = run(*args)
    assert counts(after) == (0, 1, 1)
    assert [json.loads(line)["message"] for line in after.out.splitlines()] == [
        'House style: avoid "PMO".',
        'House style: avoid "steering committee".',
    ]


def test_no_cache_neither_reads_nor_writes(run: Run, memos: Path, cache_dir: Path) -> None:
    args = ("check", "weak.txt", "--format", "jsonl", "--select", "ML101")
    honest = run(*args, "--no-cache")
    assert not cache_dir.exists()
    run(*args)
    (entry,) = entries(cache_dir)
    # Doctor the stored result: a run that reads the cache prints the doctored message.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["report"]["findings"][0]["message"] = "from the cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert "from the cache" in run(*args).out
    before = (entry.read_bytes(), entry.stat().st_mtime_ns)
    again = run(*args, "--no-cache")
    assert again.out == honest.out and "from the cache" not in again.out
    assert (entry.read_bytes(), entry.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 3],
        lambda raw: b"{not json",
        lambda raw: raw.replace(b'"cache":', b'"cache":7', 1),
    ],
    ids=["truncated", "garbage", "other-schema"],
)
def test_a_damaged_entry_is_ignored_and_replaced(
    run: Run, docx: Path, cache_dir: Path, damage: Callable[[bytes], bytes]
) -> None:
    args = ("check", "memo.docx", "--format", "sarif", "--debug")
    first = run(*args)
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    again = run(*args)
    assert counts(again) == (0, 1, 1)
    assert again.code == first.code and again.out == first.out
    assert "Traceback" not in again.err
    assert json.loads(entry.read_bytes())["cache"] == cache_module.CACHE_SCHEMA
    assert counts(run(*args)) == (1, 0, 0)


def test_an_unwritable_cache_folder_is_no_cache(
    run: Run, memos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = memos / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("MEMOLINT_CACHE_DIR", str(blocker / "cache"))
    args = ("check", "weak.txt", "--format", "json")
    first = run(*args)
    second = run(*args)
    assert first.code == second.code == 1
    assert first.out == second.out and json.loads(first.out)["reports"][0]["findings"]
    assert first.err == second.err == ""
    noted = run(*args, "--debug")
    assert noted.out == first.out
    assert "running without a cache" in noted.err and counts(noted) == (0, 1, 0)


def test_unreadable_memos_are_reported_every_time(run: Run, memos: Path, cache_dir: Path) -> None:
    (memos / "broken.docx").write_bytes(b"PK\x03\x04 junk")
    for _ in range(2):
        result = run("check", "broken.docx", "weak.txt", "--format", "json")
        assert result.code == 2
        assert [line for line in result.err.splitlines() if line.startswith("memolint: error:")]
        assert json.loads(result.out)["reports"][0]["error"]["type"] == "CorruptDocument"
    (entry,) = entries(cache_dir)  # weak.txt only
    assert json.loads(entry.read_bytes())["report"]["source"] == "weak.txt"


def test_stdin_is_cached_by_its_bytes_and_name(
    run: Run, memos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def from_stdin(*args: str) -> Result:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WEAK.encode("utf-8"))))
        return run("check", "-", "--format", "json", "--debug", *args)

    first = from_stdin()
    second = from_stdin()
    assert counts(first) == (0, 1, 1) and counts(second) == (1, 0, 0)
    assert second.out == first.out
    assert json.loads(second.out)["reports"][0]["source"] == "<stdin>"
    named = from_stdin("--stdin-filename", "memos/a.md")
    assert counts(named) == (0, 1, 1)
    assert json.loads(named.out)["reports"][0]["source"] == "memos/a.md"


# -- real processes ------------------------------------------------------------

WRAPPER = (
    "import json, sys\n"
    "from memolint.cli import main\n"
    "code = main(sys.argv[1:])\n"
    f"heavy = sorted(name for name in {HEAVY!r} if name in sys.modules)\n"
    "print(json.dumps(heavy), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
        check=False,
    )


def test_a_hit_imports_no_language_model_and_no_reader(
    run: Run, docx: Path, cache_dir: Path
) -> None:
    args = ("check", "memo.docx", "--format", "sarif")
    # Stamp the installed files as they are now, as the processes below will.
    cache_module.environment_stamp.cache_clear()
    stored = run(*args, "--debug")
    assert counts(stored) == (0, 1, 1)
    hit = _process(*args, cwd=docx.parent)
    assert hit.returncode == stored.code, hit.stderr
    assert json.loads(hit.stderr.splitlines()[-1]) == []
    assert hit.stdout == stored.out
    timed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "memolint", *args],
        capture_output=True,
        text=True,
        cwd=docx.parent,
        timeout=60,
        check=False,
    )
    assert timed.returncode == stored.code and timed.stdout == stored.out
    imported = {line.rsplit("|", 1)[-1].strip() for line in timed.stderr.splitlines()}
    assert "memolint.cache" in imported
    assert not {name for name in imported if name.split(".")[0] in HEAVY}
    # The same process without the cache does load the language model.
    uncached = _process(*args, "--no-cache", cwd=docx.parent)
    assert uncached.stdout == stored.out
    assert "spacy" in json.loads(uncached.stderr.splitlines()[-1])


def test_concurrent_runs_storing_the_same_result_both_succeed(docx: Path, cache_dir: Path) -> None:
    args = [sys.executable, "-m", "memolint", "check", "memo.docx", "weak.txt", "--format", "json"]
    processes = [
        subprocess.Popen(args, cwd=docx.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=180) for process in processes]
    assert [process.returncode for process in processes] == [1, 1], outputs
    assert outputs[0][0] == outputs[1][0]
    assert not list((cache_dir / "reports").glob("*.tmp"))
    stored: dict[str, Report] = {}
    for entry in entries(cache_dir):
        data = json.loads(entry.read_bytes())
        assert data["cache"] == cache_module.CACHE_SCHEMA and data["key"] == entry.stem
        report = Report.from_dict(data["report"])
        stored[report.source] = report
    assert sorted(stored) == ["memo.docx", "weak.txt"]
    for printed in json.loads(outputs[0][0])["reports"]:
        assert report_dict(stored[printed["source"]], include_text=False) == printed
