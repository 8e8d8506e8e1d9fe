"""The result cache: where it lives, what its key covers, and that it never breaks a run."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from memolint import cache as cache_module
from memolint.cache import CACHE_SCHEMA, Key, ReportCache, default_cache_dir
from memolint.config import Config
from memolint.errors import CorruptDocument
from memolint.limits import Limits
from memolint.linter import Linter
from memolint.report import Report
from memolint.rules import engine

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HOUSE_RULE = """\
code: HS001
name: pmo-mention
severity: info
kind: phrase
message: "House style: avoid \\"{match}\\"."
phrases: [PMO]
"""


@pytest.fixture()
def memo(tmp_path: Path) -> Path:
    path = tmp_path / "memo.docx"
    shutil.copyfile(EXAMPLES / "strong-memo.docx", path)
    return path


@pytest.fixture(scope="module")
def linted(linter: Linter, tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A real DOCX memo (with a table) linted once for the module."""
    path = tmp_path_factory.mktemp("memo") / "memo.docx"
    shutil.copyfile(EXAMPLES / "strong-memo.docx", path)
    return linter.lint(path)


def entries(cache: ReportCache) -> list[Path]:
    return sorted(cache.entries.glob("*.json")) if cache.entries.is_dir() else []


# -- location ------------------------------------------------------------------


def test_the_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEMOLINT_CACHE_DIR", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/memolint"),
        ("linux", {"XDG_CACHE_HOME": "relative/ignored"}, "~/.cache/memolint"),
        ("linux", {}, "~/.cache/memolint"),
        ("darwin", {"XDG_CACHE_HOME": "/xdg"}, "~/Library/Caches/memolint"),
        ("win32", {"LOCALAPPDATA": "/appdata/local"}, "/appdata/local/memolint/Cache"),
        ("win32", {}, "~/AppData/Local/memolint/Cache"),
    ],
)
def test_platform_cache_folders(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    platform: str,
    env: dict[str, str],
    expected: str,
) -> None:
    monkeypatch.delenv("MEMOLINT_CACHE_DIR")
    for name in ("XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_cache_dir(platform) == Path(expected.replace("~", str(tmp_path)))


# -- keys ----------------------------------------------------------------------


def test_the_key_follows_the_bytes_not_the_timestamp(cache_dir: Path, memo: Path) -> None:
    cache = ReportCache(cache_dir)
    config = Config()
    first = cache.key_for_file(str(memo), config=config)
    assert first is not None
    os.utime(memo, (1_000_000, 1_000_000))
    assert cache.key_for_file(str(memo), config=config).digest == first.digest
    data = bytearray(memo.read_bytes())
    data[-100] ^= 1
    memo.write_bytes(bytes(data))
    os.utime(memo, (1_000_000, 1_000_000))
    assert cache.key_for_file(str(memo), config=config).digest != first.digest


def test_the_key_follows_the_effective_configuration(cache_dir: Path, memo: Path) -> None:
    cache = ReportCache(cache_dir)
    digests = {
        cache.key_for_file(str(memo), config=config).digest
        for config in (
            Config(),
            Config(ignore=("ML201",)),
            Config(score=False),
            Config(rule_options={"ML401": {"min-pages": 1.0}}),
            Config(per_file_ignores=(("*.docx", ("ML2",)),)),
        )
    }
    assert len(digests) == 5
    # Settings that change the exit status or the reading process, not the result, do not.
    same = {
        cache.key_for_file(str(memo), config=config).digest
        for config in (Config(), Config(fail_on="never"), Config(timeout=5.0))
    }
    assert len(same) == 1


def test_the_key_follows_the_reported_name_and_place(cache_dir: Path, memo: Path) -> None:
    cache = ReportCache(cache_dir)
    copy = memo.with_name("copy.docx")
    shutil.copyfile(memo, copy)
    config = Config()
    # Per-file ignores match on the path, and the path is part of every output.
    assert (
        cache.key_for_file(str(memo), config=config).digest
        != cache.key_for_file(str(copy), config=config).digest
    )
    data = memo.read_bytes()
    assert (
        cache.key_for_bytes(data, source="<stdin>", config=config).digest
        != cache.key_for_bytes(data, source="memos/a.docx", config=config).digest
    )


def test_the_key_follows_the_rules_version(cache_dir: Path, memo: Path, tmp_path: Path) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "HS001.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    cache = ReportCache(cache_dir)
    config = Config(rule_packs=(str(pack),))
    builtin_only = cache.key_for_file(str(memo), config=Config()).digest
    before = cache.key_for_file(str(memo), config=config).digest
    assert before != builtin_only
    (pack / "HS001.yaml").write_text(
        HOUSE_RULE.replace("[PMO]", "[PMO, steering committee]"), encoding="utf-8"
    )
    # One CLI run reads each pack once; this process must forget what it read.
    engine._load_pack.cache_clear()
    cache_module._rules_version.cache_clear()
    assert cache.key_for_file(str(memo), config=config).digest != before


def test_the_environment_stamp_covers_the_pipeline_models_and_libraries() -> None:
    from memolint.nlp import model_name

    assert cache_module._pipeline()[0] == model_name()
    installed = cache_module._installed_versions()
    assert any(name.startswith("spacy-") for name in installed)
    assert any(name.lower().startswith(model_name().lower()) for name in installed)
    assert len(cache_module._models_hash()) == 64
    assert any(path == "cache.py" for path, _, _ in cache_module._package_stamp())


def test_files_the_cache_cannot_key_are_linted_without_it(cache_dir: Path, tmp_path: Path) -> None:
    cache = ReportCache(cache_dir)
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    assert cache.key_for_file(str(big), config=Config(limits=Limits(max_bytes=1024))) is None
    assert cache.key_for_file(str(tmp_path / "missing.md"), config=Config()) is None
    assert cache.key_for_file(str(tmp_path), config=Config()) is None


# -- entries -------------------------------------------------------------------


def test_a_stored_report_comes_back_whole(cache_dir: Path, memo: Path, linted: Report) -> None:
    cache = ReportCache(cache_dir)
    key = cache.key_for_file(str(memo), config=Config(score=False))
    assert cache.get(key) is None
    assert cache.put(key, linted)
    again = cache.get(key)
    assert again == linted
    assert (cache.hits, cache.misses, cache.stored) == (1, 1, 1)
    # The HTML report draws the memo from its blocks and table grids.
    assert [
        (b.kind, b.start, b.end, b.text, b.table, b.heading_path) for b in again.memo.blocks
    ] == [(b.kind, b.start, b.end, b.text, b.table, b.heading_path) for b in linted.memo.blocks]
    assert [table.rows for table in again.memo.tables] == [t.rows for t in linted.memo.tables]
    assert linted.memo.tables
    entry = json.loads(entries(cache)[0].read_text(encoding="utf-8"))
    assert entry["cache"] == CACHE_SCHEMA and entry["key"] == key.digest
    if os.name == "posix":
        assert entries(cache)[0].stat().st_mode & 0o077 == 0  # memo text is private


def test_a_report_without_its_memo_is_stored_too(
    cache_dir: Path, memo: Path, linted: Report
) -> None:
    cache = ReportCache(cache_dir)
    key = cache.key_for_file(str(memo), config=Config(score=False))
    bare = Report.from_dict(linted.to_dict(exact=True))  # as a worker process returns it
    assert cache.put(key, bare)
    again = cache.get(key)
    assert again == linted and again.memo is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: b"\x00\xff not json",
        lambda raw: raw.replace(b'"cache":1', b'"cache":99', 1),
        lambda raw: raw.replace(b'"schema":1', b'"schema":99', 1),
        lambda raw: raw.replace(b'"findings":[', b'"findings":[{"code":"ML201"},', 1),
        lambda raw: b'{"cache": 1, "key": "another"}',
        lambda raw: b"[1, 2, 3]",
    ],
    ids=[
        "truncated",
        "empty",
        "garbage",
        "other-schema",
        "other-report-schema",
        "bad-finding",
        "other-key",
        "not-an-entry",
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_removed(
    cache_dir: Path, memo: Path, linted: Report, damage: Callable[[bytes], bytes]
) -> None:
    cache = ReportCache(cache_dir)
    key = cache.key_for_file(str(memo), config=Config(score=False))
    cache.put(key, linted)
    (path,) = entries(cache)
    raw = path.read_bytes()
    assert raw.count(b'"findings":[') == 1
    path.write_bytes(damage(raw))
    assert cache.get(key) is None
    assert not path.exists()
    assert cache.put(key, linted) and cache.get(key) == linted


def test_error_reports_are_never_stored(cache_dir: Path, memo: Path) -> None:
    cache = ReportCache(cache_dir)
    key = cache.key_for_file(str(memo), config=Config())
    error = CorruptDocument("could not be read", source=str(memo))
    assert not cache.put(key, Report(source=str(memo), error=error))
    assert entries(cache) == []


def test_a_file_changed_while_linted_is_not_stored(
    cache_dir: Path, memo: Path, linted: Report
) -> None:
    cache = ReportCache(cache_dir)
    key = cache.key_for_file(str(memo), config=Config(score=False))
    memo.write_bytes(memo.read_bytes() + b"\0")
    assert not cache.put(key, linted)
    assert entries(cache) == []


def test_an_unwritable_cache_folder_means_no_cache(
    tmp_path: Path, memo: Path, linted: Report
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    notes: list[str] = []
    cache = ReportCache(blocker / "memolint", note=notes.append)
    key = cache.key_for_file(str(memo), config=Config(score=False))
    assert cache.get(key) is None
    assert not cache.put(key, linted)
    assert not cache.put(key, linted)
    cache.finish()
    assert len(notes) == 1 and "running without a cache" in notes[0]


def _store(directory: str, path: str, source: str, rounds: int) -> str | None:
    cache = ReportCache(directory)
    key = cache.key_for_file(path, config=Config(score=False))
    report = Report.from_dict(json.loads(source))
    return key.digest if all(cache.put(key, report) for _ in range(rounds)) else None


def test_processes_storing_the_same_key_at_once_leave_one_good_entry(
    cache_dir: Path, memo: Path, linted: Report
) -> None:
    source = json.dumps(linted.to_dict(exact=True))
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_store, [(str(cache_dir), str(memo), source, 25)] * 4)
    assert None not in results and len(set(results)) == 1
    cache = ReportCache(cache_dir)
    assert len(entries(cache)) == 1
    assert not list(cache.entries.glob("*.tmp"))
    assert cache.get(Key(results[0])) == linted


# -- size ----------------------------------------------------------------------


def _fill(cache: ReportCache, count: int) -> list[Path]:
    cache.entries.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = cache.entries / f"{number:064x}.json"
        path.write_bytes(b"{}" + b" " * 1000)
        os.utime(path, (1_000_000 + number, 1_000_000 + number))
        paths.append(path)
    return paths


def test_pruning_removes_the_least_recently_used(
    cache_dir: Path, memo: Path, linted: Report
) -> None:
    cache = ReportCache(cache_dir, max_entries=10)
    paths = _fill(cache, 12)
    key = cache.key_for_file(str(memo), config=Config(score=False))
    cache.put(key, linted)
    os.utime(cache._entry(key), (1_000_000 - 1, 1_000_000 - 1))  # the oldest entry...
    assert cache.get(key) is not None  # ...until it is used
    stale = cache.entries / ".abc.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    fresh = cache.entries / ".def.tmp"
    fresh.write_bytes(b"being written")
    assert cache.prune() == 13 - 9
    left = set(entries(cache))
    assert cache._entry(key) in left
    assert left == {cache._entry(key), *paths[-8:]}
    assert not stale.exists() and fresh.exists()


def test_pruning_keeps_the_size_bound(cache_dir: Path) -> None:
    cache = ReportCache(cache_dir, max_bytes=10 * 1002)
    paths = _fill(cache, 15)
    assert cache.prune() == 6
    assert set(entries(cache)) == set(paths[-9:])
    assert cache.prune() == 0


def test_finish_prunes_once_a_day_or_after_a_big_run(
    cache_dir: Path, memo: Path, linted: Report
) -> None:
    cache = ReportCache(cache_dir, max_entries=20)
    key = cache.key_for_file(str(memo), config=Config(score=False))
    cache.put(key, linted)
    marker = cache_dir / "last-prune"
    marker.touch()
    _fill(cache, 25)
    cache.finish()  # pruned recently, and one entry stored is a small run
    assert len(entries(cache)) == 26
    os.utime(marker, (time.time() - 2 * 24 * 3600,) * 2)
    cache.finish()
    assert len(entries(cache)) == 18
    assert time.time() - marker.stat().st_mtime < 3600
