"""The public entry points: lint a memo, a text, or many memos.

>>> import memolint
>>> report = memolint.lint_text("The release will be rolled back by the CAB.")
>>> [finding.code for finding in report.findings]
['ML101', 'ML201', ...]

A :class:`Linter` holds the configuration and the compiled rules, so a tool
that lints many memos pays for loading spaCy and compiling matchers once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from memolint.config import Config
from memolint.errors import CorruptDocument, MemolintError
from memolint.ingest import load_source, memo_from_text
from memolint.model import Memo
from memolint.parsed import ParsedMemo
from memolint.report import Report
from memolint.rules import RuleSet
from memolint.stats import compute_stats

Source = str | os.PathLike[str] | bytes


class Linter:
    """Lints memos with one configuration; reuse it to amortise start-up.

    ``config`` defaults to memolint's defaults (no config-file discovery: the
    CLI does that; library callers say what they want).
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._rules: RuleSet | None = None

    @property
    def rules(self) -> RuleSet:
        if self._rules is None:
            self._rules = RuleSet.from_config(self.config)
        return self._rules

    def lint(self, source: Source, *, format: str | None = None, name: str | None = None) -> Report:
        """Lint a file path (or raw bytes); raises :class:`MemolintError` on bad input."""
        return self.lint_memo(self.read(source, format=format, name=name))

    def read(self, source: Source, *, format: str | None = None, name: str | None = None) -> Memo:
        """Read a memo as :meth:`lint` does, without linting it.

        With ``config.isolate`` (the default) the file is parsed in a child
        process capped at ``limits.max_memory_bytes`` and ``config.timeout``
        seconds (see :mod:`memolint.sandbox`); the language model loads in the
        meantime, so isolation costs almost nothing on a cold start.
        """
        limits = self.config.limits
        data, label, suffix = load_source(source, limits=limits, name=name)
        if not self.config.isolate:
            from memolint.sandbox import read_in_process

            return read_in_process(data, label, suffix=suffix, format=format, limits=limits)
        from memolint.sandbox import read_isolated

        _load_pipeline_in_background()
        read = read_isolated(
            data, label, suffix=suffix, format=format, limits=limits, timeout=self.config.timeout
        )
        return read.memo

    def lint_text(self, text: str, *, format: str = "text", source: str = "<text>") -> Report:
        """Lint a memo held in a string (``format`` is "text" or "markdown")."""
        memo = memo_from_text(text, source, format=format, limits=self.config.limits)
        return self.lint_memo(memo)

    def lint_memo(self, memo: Memo) -> Report:
        """Lint an already-ingested :class:`~memolint.model.Memo`."""
        rules = self.rules
        parsed = ParsedMemo.parse(memo)
        findings = rules.run(parsed, memo.source)
        stats = compute_stats(parsed)
        report = Report(
            source=memo.source,
            format=memo.format,
            text=memo.text,
            findings=findings,
            stats=stats,
            diagnostics=list(memo.diagnostics),
            memo=memo,
        )
        from memolint.scoring import apply_scores, verdict_only

        if self.config.score:
            apply_scores(report, parsed, findings)
        else:
            verdict_only(report, findings)
        return report

    def lint_many(self, sources: Iterable[Source], *, jobs: int = 1) -> Iterator[Report]:
        """Lint many memos, in order; a bad file yields a Report with ``.error``.

        With ``jobs > 1`` memos are linted in worker processes (each loads the
        language model once); results still come back in input order.
        """
        items = list(sources)
        if jobs <= 1 or len(items) <= 1:
            for item in items:
                yield self._lint_safely(item)
            return
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(self.config,)
        ) as pool:
            yield from pool.map(_lint_in_worker, items, chunksize=1)

    def _lint_safely(self, source: Source) -> Report:
        label = _label(source)
        try:
            return self.lint(source)
        except MemolintError as error:
            return Report(source=label, error=error)
        except (MemoryError, RecursionError) as error:
            return Report(
                source=label,
                error=CorruptDocument(
                    f"could not be read safely ({type(error).__name__})", source=label
                ),
            )
        except Exception as error:  # a batch must survive a reader bug on one file
            return Report(
                source=label,
                error=CorruptDocument(
                    f"could not be read ({type(error).__name__}: {error})", source=label
                ),
            )


def _load_pipeline_in_background() -> None:
    """Start loading spaCy while a child process reads the file (once per process)."""
    global _pipeline_loader
    if _pipeline_loader is not None and _pipeline_loader[0] == os.getpid():
        return
    import threading

    from memolint.nlp import load_pipeline

    def load() -> None:
        try:
            load_pipeline()
        except Exception:  # the parse reports it, with its message
            pass

    thread = threading.Thread(target=load, name="memolint-load-pipeline", daemon=True)
    thread.start()
    _pipeline_loader = (os.getpid(), thread)


_pipeline_loader: tuple[int, Any] | None = None


def _label(source: Source) -> str:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return os.fspath(source)


_worker_linter: Linter | None = None


def _init_worker(config: Config) -> None:
    global _worker_linter
    _worker_linter = Linter(config)


def _lint_in_worker(source: Any) -> Report:
    assert _worker_linter is not None
    # the memo travels back too: the HTML report draws its blocks and tables
    return _worker_linter._lint_safely(source)


def lint(source: Source, *, config: Config | None = None, format: str | None = None) -> Report:
    """Lint one memo file (DOCX, PDF, Markdown or text) and return its Report."""
    return _default_linter(config).lint(source, format=format)


def lint_text(
    text: str, *, format: str = "text", config: Config | None = None, source: str = "<text>"
) -> Report:
    """Lint a memo held in a string."""
    return _default_linter(config).lint_text(text, format=format, source=source)


_shared: dict[Any, Linter] = {}


def _default_linter(config: Config | None) -> Linter:
    key = config.fingerprint() if config else None
    if key not in _shared:
        _shared[key] = Linter(config)
    return _shared[key]
