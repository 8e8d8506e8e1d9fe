"""Output formats: one module per format, all fed the same :class:`Run`.

The CLI lints, then hands a :class:`Run` (the reports plus the options that
shape output) to one emitter, which writes to a text stream. Emitters never
lint and never decide exit codes; they only render, so each format can be
tested from a hand-built Report.

Emitter modules are imported only when chosen, so ``memolint --help`` does
not pay for rich or for the HTML assets.

>>> from memolint.emit import Run, emit  # doctest: +SKIP
>>> emit("sarif", Run(reports=[report]), sys.stdout)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from memolint.model import Location
    from memolint.report import Report
    from memolint.rules.spec import RuleSpec

#: Format name -> module in this package that renders it.
FORMATS = {
    "text": "text",
    "json": "json_format",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "html": "html",
}
SEVERITIES = ("error", "warning", "info")
DIMENSION_LABELS = {
    "escalation": "Escalation",
    "silent_failures": "Silent failures",
    "alignment": "Alignment",
    "prioritization": "Prioritization",
    "conviction": "Conviction",
}


@dataclass(slots=True)
class Run:
    """What one ``memolint check`` produced, and how the user wants it shown.

    ``rules`` lists every rule the run knew (for SARIF's rule table and for
    names in statistics); ``failed`` tells the text format whether the run
    will exit non-zero, which is all ``--quiet`` output needs to know.
    """

    reports: list[Report]
    rules: Sequence[RuleSpec] = ()
    include_text: bool = False
    show_scores: bool = True
    statistics: bool = False
    quiet: bool = False
    color: bool | None = None
    failed: bool = False
    cwd: Path = field(default_factory=Path.cwd)
    #: Terminal width for text output (``None``: ask the terminal).
    width: int | None = None

    @property
    def good_reports(self) -> list[Report]:
        return [report for report in self.reports if report.error is None]

    @property
    def bad_reports(self) -> list[Report]:
        return [report for report in self.reports if report.error is not None]

    def counts(self) -> dict[str, int]:
        """Findings per severity over every report."""
        totals = dict.fromkeys(SEVERITIES, 0)
        for report in self.good_reports:
            for severity, count in report.counts().items():
                totals[severity] += count
        return totals

    def rule_names(self) -> dict[str, str]:
        return {spec.code: spec.name for spec in self.rules}


def emit(format: str, run: Run, stream: TextIO) -> None:
    """Render ``run`` in ``format`` (a key of :data:`FORMATS`) onto ``stream``."""
    try:
        module_name = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown output format {format!r}") from None
    module = importlib.import_module(f"memolint.emit.{module_name}")
    module.write(run, stream)


def display_path(source: str, cwd: Path | None = None) -> str:
    """``source`` relative to ``cwd`` with forward slashes, when it lies below it.

    Output is read by people and by tools (GitHub, editors) that join the
    path onto the checkout, so paths inside the working directory are made
    relative; paths elsewhere stay absolute rather than growing ``../..``.
    """
    if source.startswith("<") and source.endswith(">"):
        return source
    base = (cwd or Path.cwd()).resolve()
    path = Path(source)
    try:
        resolved = path.resolve() if path.is_absolute() else (base / path).resolve()
        return resolved.relative_to(base).as_posix()
    except (ValueError, OSError):
        return path.as_posix() if not path.is_absolute() else os.fspath(path).replace(os.sep, "/")


def format_location(location: Location) -> str:
    """A short readable place: ``p2:14:3``, ``14:3``, ``¶12``, ``¶12 table r2c3``.

    Line and column come first because editors jump to them; a page is
    prefixed with ``p`` so it is never mistaken for a line. A DOCX has no
    lines, so its paragraph number (``¶``) is the place to look.
    """
    parts: list[str] = []
    if location.page is not None:
        parts.append(f"p{location.page}")
    if location.line is not None:
        parts.append(str(location.line))
        if location.column is not None:
            parts.append(str(location.column))
        return ":".join(parts)
    where: list[str] = []
    if location.paragraph is not None:
        where.append(f"¶{location.paragraph}")
    if location.table is not None:
        row, col = location.table
        where.append(f"table r{row}c{col}")
    if where:
        parts.append(" ".join(where))
    if not parts:
        parts.append("1")
    return ":".join(parts)


def statistics(
    reports: Sequence[Report], names: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Findings counted per rule code, most frequent first (like ``ruff --statistics``)."""
    counter: Counter[str] = Counter()
    meta: dict[str, tuple[str, str]] = {}
    for report in reports:
        for finding in report.findings:
            counter[finding.code] += 1
            meta[finding.code] = (finding.name, finding.severity)
    names = names or {}
    return [
        {
            "code": code,
            "name": meta[code][0] or names.get(code, ""),
            "severity": meta[code][1],
            "count": count,
        }
        for code, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    ]


def report_dict(report: Report, *, include_text: bool) -> dict[str, Any]:
    """``Report.to_dict()`` minus the memo's full text unless it was asked for.

    The text can be tens of kilobytes per memo and is rarely wanted in a CI
    log, so it is opt-in (``--include-text``); the key is kept, set to
    ``None``, so consumers see one shape either way.
    """
    data = report.to_dict()
    if not include_text:
        data["text"] = None
    return data
