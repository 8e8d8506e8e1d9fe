"""A content-addressed store of lint results, so an unchanged memo re-checks at once.

Linting a memo means loading spaCy (seconds); reading a stored result back
means reading one JSON file (milliseconds). The CLI asks this cache first and
lints only what it does not hold. A stored result is used only when nothing
that could change it has changed; the key is a SHA-256 over

- the memo's bytes, the name it is reported under and its absolute path
  (per-file ignores match on the path),
- the memolint version and a stamp of the installed package's files (so an
  edited check in a development checkout is never served stale),
- the effective configuration (:meth:`Config.fingerprint`, per file) and the
  config file it came from,
- the rules version: a hash of the built-in rule files and every extra rule
  pack the configuration names,
- a hash of the scoring model files,
- the spaCy pipeline's name and ``meta.json``, and the name and version of
  every distribution installed beside spaCy, the pipeline and the readers
  (their ``.dist-info`` folder names: what ``importlib.metadata`` reports,
  without the cost of importing it), so an upgrade of any of them is a miss,
- the Python version and :data:`CACHE_SCHEMA`.

The cache never makes a run fail: an entry that is corrupt, truncated or of
another schema is a miss (and is removed); a cache folder that cannot be
created or written means running without a cache. Entries are written to a
temporary file beside their final name and renamed into place, so a reader
never sees half an entry and two runs storing the same key both succeed.
Results for unreadable memos are never stored: they are re-reported every run.

>>> cache = ReportCache.open()  # doctest: +SKIP
>>> key = cache.key_for_file("memo.docx", config=linter.config)  # doctest: +SKIP
>>> report = cache.get(key)  # doctest: +SKIP
>>> if report is None:  # doctest: +SKIP
...     report = linter.lint("memo.docx")
...     cache.put(key, report)
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from memolint.__about__ import __version__

if TYPE_CHECKING:
    from memolint.config import Config
    from memolint.model import Memo
    from memolint.report import Report

#: Version of the entry layout (and of the key's composition); bump on any change.
CACHE_SCHEMA = 1
#: Environment variable naming the cache folder (overrides the platform default).
ENV_VAR = "MEMOLINT_CACHE_DIR"
#: The cache is pruned to 90% of these bounds, oldest-used entries first.
MAX_ENTRIES = 4000
MAX_BYTES = 100 * 1024 * 1024
#: Pruning lists the whole folder, so it runs at most this often (seconds)...
PRUNE_INTERVAL = 24 * 3600
#: ...unless one run stored this share of MAX_ENTRIES on its own.
PRUNE_AFTER_SHARE = 10
#: A temporary file this old (seconds) belongs to a run that died; pruning removes it.
STALE_TEMP_SECONDS = 3600
#: Libraries whose versions can change a result: the readers, the language
#: pipeline and what it runs on, the readability statistics, the rule loader.
RESULT_PACKAGES = (
    "spacy",
    "thinc",
    "numpy",
    "textstat",
    "pypdf",
    "docx",
    "lxml",
    "markdown_it",
    "mdit_py_plugins",
    "yaml",
)
_PACKAGE_SUFFIXES = (".py", ".yaml", ".yml", ".json")
_ENTRY_SUFFIX = ".json"
_TEMP_SUFFIX = ".tmp"
_PRUNE_MARKER = "last-prune"

Note = Callable[[str], None]


def default_cache_dir(platform: str = sys.platform) -> Path | None:
    """Where results are kept: ``$MEMOLINT_CACHE_DIR``, else the platform's user cache folder.

    ``$XDG_CACHE_HOME/memolint`` or ``~/.cache/memolint`` on Linux and other
    Unixes, ``~/Library/Caches/memolint`` on macOS, ``%LOCALAPPDATA%\\memolint\\Cache``
    on Windows. ``None`` when there is no home folder to put it in.
    """
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    try:
        if platform == "win32":
            local = os.environ.get("LOCALAPPDATA")
            base = Path(local) if local else Path.home() / "AppData" / "Local"
            return base / "memolint" / "Cache"
        if platform == "darwin":
            return Path.home() / "Library" / "Caches" / "memolint"
        xdg = os.environ.get("XDG_CACHE_HOME")
        # The XDG spec says a relative path is invalid and must be ignored.
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        return base / "memolint"
    except (RuntimeError, KeyError):  # no home directory can be determined
        return None


@dataclass(frozen=True, slots=True)
class Key:
    """A cache key, and the state of the file it was computed from.

    ``signature`` (size, modification time, inode) lets :meth:`ReportCache.put`
    refuse a result when the file changed while it was being linted: the
    result would then belong to other bytes than the key.
    """

    digest: str
    path: str | None = None
    signature: tuple[int, int, int] | None = None


class ReportCache:
    """Lint results stored as JSON files under ``directory/reports``, by key."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        note: Note | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.entries = self.directory / "reports"
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self.stored = 0
        self._note = note
        self._writable = True

    @classmethod
    def open(
        cls, directory: str | os.PathLike[str] | None = None, *, note: Note | None = None
    ) -> ReportCache | None:
        """The cache at ``directory`` (default: :func:`default_cache_dir`), or ``None``."""
        folder = Path(directory) if directory is not None else default_cache_dir()
        if folder is None:
            if note:
                note("no home folder for the cache; set MEMOLINT_CACHE_DIR to use one")
            return None
        return cls(folder, note=note)

    # -- keys ------------------------------------------------------------------

    def key_for_file(self, path: str, *, config: Config) -> Key | None:
        """The key of the memo at ``path`` linted with ``config``, or ``None`` if uncacheable.

        A file that cannot be read, is not a regular file, is over the size
        limit or changes while it is hashed is linted without the cache (the
        lint reports what is wrong with it).
        """
        try:
            before = os.stat(path)
            if not stat.S_ISREG(before.st_mode) or before.st_size > config.limits.max_bytes:
                return None
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            after = os.stat(path)
        except OSError:
            return None
        signature = _signature(before)
        if _signature(after) != signature:
            return None
        content = self._key(digest.hexdigest(), source=path, config=config)
        if content is None:
            return None
        return Key(content, path=path, signature=signature)

    def key_for_bytes(self, data: bytes, *, source: str, config: Config) -> Key | None:
        """The key of a memo held in memory (stdin), reported as ``source``."""
        if len(data) > config.limits.max_bytes:
            return None
        content = self._key(hashlib.sha256(data).hexdigest(), source=source, config=config)
        return Key(content) if content is not None else None

    def _key(self, content: str, *, source: str, config: Config) -> str | None:
        rules = _rules_version(config.rule_packs)
        if rules is None:
            return None
        location = source if source.startswith("<") else os.path.abspath(source)
        parts = [
            CACHE_SCHEMA,
            environment_stamp(),
            rules,
            config.fingerprint(),
            config.path,
            source,
            location,
            content,
        ]
        return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()

    # -- entries -----------------------------------------------------------------

    def get(self, key: Key) -> Report | None:
        """The stored report for ``key``, or ``None`` (a miss, whatever the reason)."""
        path = self._entry(key)
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # not stored, or no cache folder yet
            self.misses += 1
            return None
        except OSError as error:
            self._say(f"cannot read {path} ({error.strerror or error})")
            self.misses += 1
            return None
        report = _decode(raw, key)
        if report is None:
            self._say(f"ignored an unusable entry {path.name}")
            _unlink(path)
            self.misses += 1
            return None
        try:
            os.utime(path)  # the modification time orders pruning: least recently used first
        except OSError:
            pass
        self.hits += 1
        return report

    def put(self, key: Key, report: Report) -> bool:
        """Store ``report`` under ``key``; ``False`` when it was not stored.

        Error reports are never stored, nor is a result whose file changed
        since its key was computed; a folder that cannot be written turns the
        cache off for the rest of the run.
        """
        if report.error is not None or not self._writable:
            return False
        if key.path is not None:
            try:
                if _signature(os.stat(key.path)) != key.signature:
                    return False
            except OSError:
                return False
        try:
            payload = _encode(report, key)
        except (TypeError, ValueError) as error:
            self._say(f"cannot store the result for {report.source} ({error})")
            return False
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.entries.mkdir(mode=0o700, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.entries, prefix=f".{key.digest[:16]}.", suffix=_TEMP_SUFFIX
            )
        except OSError as error:
            self._writable = False
            self._say(
                f"cannot write to {self.directory} ({error.strerror or error}); "
                "running without a cache"
            )
            return False
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, self._entry(key))
        except OSError as error:
            _unlink(Path(temporary))
            self._say(f"cannot store the result for {report.source} ({error.strerror or error})")
            return False
        self.stored += 1
        return True

    def _entry(self, key: Key) -> Path:
        return self.entries / f"{key.digest}{_ENTRY_SUFFIX}"

    def _say(self, message: str) -> None:
        if self._note is not None:
            self._note(message)

    # -- size --------------------------------------------------------------------

    def finish(self) -> None:
        """End of a run: prune if it is due (daily, or after a run that stored a lot)."""
        if not self.stored or not self._writable:
            return
        marker = self.directory / _PRUNE_MARKER
        try:
            due = time.time() - marker.stat().st_mtime >= PRUNE_INTERVAL
        except OSError:
            due = True
        if not due and self.stored < max(self.max_entries // PRUNE_AFTER_SHARE, 1):
            return
        try:
            marker.touch()  # first, so that runs finishing together do not all prune
        except OSError:
            return
        self.prune()

    def prune(self) -> int:
        """Remove least recently used entries beyond the bounds; return how many went.

        Entries go until the cache is at 90% of ``max_entries`` and
        ``max_bytes``, so that pruning is not needed again at once;
        temporary files left by runs that died are removed too.
        """
        now = time.time()
        found: list[tuple[float, int, str]] = []
        try:
            with os.scandir(self.entries) as listing:
                for item in listing:
                    try:
                        info = item.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if item.name.endswith(_TEMP_SUFFIX):
                        if now - info.st_mtime > STALE_TEMP_SECONDS:
                            _unlink(Path(item.path))
                    elif item.name.endswith(_ENTRY_SUFFIX):
                        found.append((info.st_mtime, info.st_size, item.path))
        except OSError:
            return 0
        count, total = len(found), sum(size for _, size, _ in found)
        if count <= self.max_entries and total <= self.max_bytes:
            return 0
        keep_count, keep_bytes = self.max_entries * 9 // 10, self.max_bytes * 9 // 10
        removed = 0
        for _, size, path in sorted(found):
            if count <= keep_count and total <= keep_bytes:
                break
            _unlink(Path(path))
            count, total, removed = count - 1, total - size, removed + 1
        return removed


# -- the key's environment -------------------------------------------------------


@lru_cache(maxsize=1)
def environment_stamp() -> str:
    """A hash of everything outside the memo and its configuration that shapes a result."""
    parts = [
        sys.implementation.name,
        list(sys.version_info[:3]),
        __version__,
        _package_stamp(),
        _models_hash(),
        _pipeline(),
        _installed_versions(),
    ]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _rules_version(packs: tuple[str, ...]) -> str | None:
    from memolint.errors import MemolintError
    from memolint.rules import load_specs, rules_version

    try:
        return rules_version(load_specs(packs))
    except (MemolintError, OSError):
        return None


def _package_stamp() -> list[Any]:
    # Every file of the installed package, by size and modification time:
    # a development checkout changes code without changing its version.
    root = Path(__file__).resolve().parent
    stamp: list[Any] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(_PACKAGE_SUFFIXES):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                stamp.append([os.path.relpath(path, root), info.st_size, info.st_mtime_ns])
    return stamp


def _models_hash() -> str:
    from memolint.scoring.models import MODELS_DIR

    digest = hashlib.sha256()
    try:
        for path in sorted(Path(MODELS_DIR).glob("*.json")):
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    except OSError:
        return "unreadable"
    return digest.hexdigest()


def _pipeline() -> list[str]:
    """The spaCy pipeline memolint would load, and a hash of its ``meta.json`` (name, version)."""
    from memolint.errors import ModelNotInstalled
    from memolint.nlp import model_name

    try:
        name = model_name()
    except ModelNotInstalled:
        return ["none"]
    meta = ""
    for folder in _package_folders(name):
        try:
            meta = hashlib.sha256((folder / "meta.json").read_bytes()).hexdigest()
            break
        except OSError:
            continue
    return [name, meta]


def _installed_versions() -> list[str]:
    """The ``name-version.dist-info`` folders beside the libraries results depend on.

    This is where ``importlib.metadata`` reads versions from; listing the
    folder directly costs a fraction of a millisecond, importing
    ``importlib.metadata`` tens of milliseconds.
    """
    from memolint.errors import ModelNotInstalled
    from memolint.nlp import model_name

    names = list(RESULT_PACKAGES)
    try:
        names.append(model_name())
    except ModelNotInstalled:
        pass
    sites = sorted({folder.parent for name in names for folder in _package_folders(name)})
    found: list[str] = []
    for site in sites:
        try:
            entries = os.listdir(site)
        except OSError:
            continue
        found.extend(entry for entry in entries if entry.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def _package_folders(name: str) -> list[Path]:
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    if spec.submodule_search_locations:
        return [Path(location) for location in spec.submodule_search_locations]
    return [Path(spec.origin).parent] if spec.origin else []


# -- entries on disk -------------------------------------------------------------


def _signature(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _encode(report: Report, key: Key) -> bytes:
    entry = {
        "cache": CACHE_SCHEMA,
        "key": key.digest,
        "memolint": __version__,
        "report": report.to_dict(exact=True),
        "layout": memo_layout(report.memo),
    }
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(raw: bytes, key: Key) -> Report | None:
    from memolint.report import Report

    try:
        entry = json.loads(raw)
        if entry.get("cache") != CACHE_SCHEMA or entry.get("key") != key.digest:
            return None
        report = Report.from_dict(entry["report"])
        if report.error is not None:
            return None
        report.memo = memo_from_layout(entry.get("layout"), report)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None
    return report


#: The Block fields an entry keeps (the text is cut back out of the report's text).
_BLOCK_FIELDS = (
    "kind",
    "start",
    "end",
    "page",
    "paragraph",
    "level",
    "depth",
    "table_index",
    "table",
    "heading_path",
    "lint",
)


def memo_layout(memo: Memo | None) -> dict[str, Any] | None:
    """The memo's blocks and tables, as JSON data, for the formats that draw the memo.

    The HTML report lays the memo out by its blocks (headings, list items,
    table grids); everything else a format needs is in the report itself.
    Block texts are not repeated: they are spans of the report's text.
    """
    if memo is None or not getattr(memo, "blocks", None):
        return None
    blocks = []
    for block in memo.blocks:
        fields: dict[str, Any] = {}
        for name in _BLOCK_FIELDS:
            value = getattr(block, name)
            if value is not None and value != ():
                fields[name] = list(value) if isinstance(value, tuple) else value
        if block.segments:
            fields["segments"] = [
                [segment.offset, segment.line, segment.column, segment.page]
                for segment in block.segments
            ]
        blocks.append(fields)
    tables = [
        {"index": table.index, "rows": table.rows, "page": table.page, "line": table.line}
        for table in memo.tables
    ]
    return {"pages": memo.pages, "blocks": blocks, "tables": tables}


def memo_from_layout(layout: dict[str, Any] | None, report: Report) -> Memo | None:
    """The :class:`~memolint.model.Memo` (blocks and tables) that :func:`memo_layout` kept."""
    if layout is None:
        return None
    from memolint.model import Block, Memo, Segment, Table

    text = report.text
    blocks: list[Block] = []
    for fields in layout["blocks"]:
        start, end = int(fields["start"]), int(fields["end"])
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"block span {start}..{end} is outside the text")
        table = fields.get("table")
        blocks.append(
            Block(
                kind=str(fields["kind"]),
                text=text[start:end],
                page=fields.get("page"),
                paragraph=fields.get("paragraph"),
                level=fields.get("level"),
                depth=fields.get("depth"),
                table_index=fields.get("table_index"),
                table=(int(table[0]), int(table[1])) if table is not None else None,
                heading_path=tuple(str(part) for part in fields.get("heading_path", ())),
                segments=[Segment(*segment) for segment in fields.get("segments", ())],
                lint=bool(fields.get("lint", True)),
                start=start,
                end=end,
            )
        )
    tables = [
        Table(
            index=int(table["index"]),
            rows=[[None if cell is None else int(cell) for cell in row] for row in table["rows"]],
            page=table.get("page"),
            line=table.get("line"),
        )
        for table in layout.get("tables", ())
    ]
    return Memo(
        source=report.source,
        format=report.format or "text",
        blocks=blocks,
        text=text,
        tables=tables,
        pages=layout.get("pages"),
        diagnostics=list(report.diagnostics),
    )
