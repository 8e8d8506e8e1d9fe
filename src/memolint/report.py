"""The public result types: Finding, Evidence, Score, Stats and Report.

These are the stable contract other tools build on (see DESIGN.md). They are
plain frozen data with ``to_dict`` methods; ``Report.to_dict()`` *is* the JSON
output, versioned by :data:`SCHEMA_VERSION`. ``Report.from_dict`` reads that
JSON back; with ``to_dict(exact=True)`` (floats left unrounded) the rebuilt
report renders exactly like the original in every output format, which is
what the result cache relies on.

>>> again = Report.from_dict(report.to_dict(exact=True))  # doctest: +SKIP
>>> again.findings == report.findings and again.scores == report.scores  # doctest: +SKIP
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from memolint.model import Location

#: Version of the JSON produced by ``Report.to_dict``; bumped on any breaking change.
SCHEMA_VERSION = 1

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
DIMENSIONS = ("escalation", "silent_failures", "alignment", "prioritization", "conviction")


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule violation at one place in the memo."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    excerpt: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        severity = data["severity"]
        if severity not in SEVERITY_ORDER:
            raise ValueError(f"unknown severity {severity!r}")
        return cls(
            code=str(data["code"]),
            name=str(data["name"]),
            severity=severity,
            message=str(data["message"]),
            location=location_from_dict(data["location"]),
            excerpt=str(data["excerpt"]),
            suggestion=_optional_str(data.get("suggestion")),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence behind a score, with where it is and how much it counted."""

    text: str
    location: Location
    weight: float
    label: str = ""

    def to_dict(self, *, exact: bool = False) -> dict[str, Any]:
        return {
            "text": self.text,
            "location": self.location.to_dict(),
            "weight": _number(self.weight, 4, exact),
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(
            text=str(data["text"]),
            location=location_from_dict(data["location"]),
            weight=_int_or_float(data["weight"]),
            label=str(data.get("label", "")),
        )


@dataclass(frozen=True, slots=True)
class Score:
    """A rubric score: ``value`` in 0..4, ``level`` its rounded grade."""

    value: float
    level: int
    evidence: tuple[Evidence, ...] = ()
    contributions: dict[str, float] = field(default_factory=dict)

    def to_dict(self, *, exact: bool = False) -> dict[str, Any]:
        return {
            "value": _number(self.value, 3, exact),
            "level": self.level,
            "evidence": [item.to_dict(exact=exact) for item in self.evidence],
            "contributions": {
                key: _number(val, 4, exact) for key, val in self.contributions.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Score:
        return cls(
            value=_int_or_float(data["value"]),
            level=int(data["level"]),
            evidence=tuple(Evidence.from_dict(item) for item in data.get("evidence", ())),
            contributions={
                str(key): _int_or_float(val) for key, val in data.get("contributions", {}).items()
            },
        )


@dataclass(frozen=True, slots=True)
class Stats:
    """Document statistics (readability grades come from textstat)."""

    words: int = 0
    sentences: int = 0
    pages: float | None = None
    passive_ratio: float = 0.0
    hedge_density: float = 0.0
    readability: dict[str, float] = field(default_factory=dict)

    def to_dict(self, *, exact: bool = False) -> dict[str, Any]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "pages": self.pages,
            "passive_ratio": _number(self.passive_ratio, 4, exact),
            "hedge_density": _number(self.hedge_density, 4, exact),
            "readability": {key: _number(val, 2, exact) for key, val in self.readability.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stats:
        pages = data.get("pages")
        return cls(
            words=int(data.get("words", 0)),
            sentences=int(data.get("sentences", 0)),
            pages=None if pages is None else _int_or_float(pages),
            passive_ratio=_int_or_float(data.get("passive_ratio", 0.0)),
            hedge_density=_int_or_float(data.get("hedge_density", 0.0)),
            readability={
                str(key): _int_or_float(val) for key, val in data.get("readability", {}).items()
            },
        )


@dataclass(slots=True)
class Report:
    """Everything memolint found out about one memo.

    ``error`` is set (and the rest left empty) when the memo could not be read
    in a batch run; single-file calls raise instead.
    """

    source: str
    format: str | None = None
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=dict)
    verdict: Literal["pass", "fail"] | None = None
    verdict_reasons: list[str] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    diagnostics: list[str] = field(default_factory=list)
    error: Exception | None = None
    memo: Any = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        totals = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            totals[finding.severity] += 1
        return totals

    def to_dict(self, *, exact: bool = False) -> dict[str, Any]:
        """The report as JSON-ready data (the ``--format json`` shape).

        Floats are rounded for people and diffs; ``exact=True`` keeps them
        whole, so that :meth:`from_dict` gives back a report that renders
        identically (``f"{value:.2f}"`` of a rounded value can differ).
        """
        from memolint.__about__ import __version__

        error = None
        if self.error is not None:
            error = {"type": type(self.error).__name__, "message": str(self.error)}
        return {
            "schema": SCHEMA_VERSION,
            "memolint": __version__,
            "source": self.source,
            "format": self.format,
            "error": error,
            "verdict": self.verdict,
            "verdict_reasons": list(self.verdict_reasons),
            "stats": self.stats.to_dict(exact=exact),
            "scores": {name: score.to_dict(exact=exact) for name, score in self.scores.items()},
            "findings": [finding.to_dict() for finding in self.findings],
            "diagnostics": list(self.diagnostics),
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_dict` output (one entry of ``--format json``).

        Raises ``ValueError`` for data of another schema and ``KeyError``,
        ``TypeError`` or ``ValueError`` for data that is not a report. A
        ``"text": null`` (JSON output without ``--include-text``) becomes
        ``""``; an ``"error"`` becomes the :class:`~memolint.MemolintError`
        subclass it names. ``memo`` is not part of the JSON and stays ``None``.
        """
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(
                f"report schema {data.get('schema')!r} is not {SCHEMA_VERSION}; "
                "it was written by another memolint version"
            )
        verdict = data.get("verdict")
        if verdict not in (None, "pass", "fail"):
            raise ValueError(f"unknown verdict {verdict!r}")
        return cls(
            source=str(data["source"]),
            format=_optional_str(data.get("format")),
            text=str(data.get("text") or ""),
            findings=[Finding.from_dict(item) for item in data.get("findings", ())],
            scores={
                str(name): Score.from_dict(item) for name, item in data.get("scores", {}).items()
            },
            verdict=verdict,
            verdict_reasons=[str(reason) for reason in data.get("verdict_reasons", ())],
            stats=Stats.from_dict(data.get("stats", {})),
            diagnostics=[str(note) for note in data.get("diagnostics", ())],
            error=_error_from_dict(data.get("error")),
        )

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def location_from_dict(data: Mapping[str, Any]) -> Location:
    """The :class:`~memolint.model.Location` that ``Location.to_dict()`` described."""
    table = data.get("table")
    if table is not None:
        row, col = table
        table = (int(row), int(col))
    return Location(
        start=int(data["start"]),
        end=int(data["end"]),
        block=_optional_str(data.get("block")),
        page=_optional_int(data.get("page")),
        paragraph=_optional_int(data.get("paragraph")),
        heading_path=tuple(str(part) for part in data.get("heading_path", ())),
        table=table,
        line=_optional_int(data.get("line")),
        column=_optional_int(data.get("column")),
        end_line=_optional_int(data.get("end_line")),
        end_column=_optional_int(data.get("end_column")),
    )


def _number(value: float, digits: int, exact: bool) -> float:
    return value if exact else round(value, digits)


def _int_or_float(value: Any) -> float:
    # JSON keeps 3 and 3.0 apart; so must a rebuilt report, or its JSON would change.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, not {value!r}")
    return value


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _error_from_dict(data: Any) -> Exception | None:
    if data is None:
        return None
    from memolint import errors

    kind = getattr(errors, str(data.get("type")), None)
    if not (isinstance(kind, type) and issubclass(kind, errors.MemolintError)):
        kind = errors.MemolintError
    # The message already starts with the source, as str(error) did.
    return kind(str(data["message"]))
