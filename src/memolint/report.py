"""The public result types: Finding, Evidence, Score, Stats and Report.

These are the stable contract other tools build on (see DESIGN.md). They are
plain frozen data with ``to_dict`` methods; ``Report.to_dict()`` *is* the JSON
output, versioned by :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import json
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


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence behind a score, with where it is and how much it counted."""

    text: str
    location: Location
    weight: float
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "location": self.location.to_dict(),
            "weight": round(self.weight, 4),
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class Score:
    """A rubric score: ``value`` in 0..4, ``level`` its rounded grade."""

    value: float
    level: int
    evidence: tuple[Evidence, ...] = ()
    contributions: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": round(self.value, 3),
            "level": self.level,
            "evidence": [item.to_dict() for item in self.evidence],
            "contributions": {key: round(val, 4) for key, val in self.contributions.items()},
        }


@dataclass(frozen=True, slots=True)
class Stats:
    """Document statistics (readability grades come from textstat)."""

    words: int = 0
    sentences: int = 0
    pages: float | None = None
    passive_ratio: float = 0.0
    hedge_density: float = 0.0
    readability: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "pages": self.pages,
            "passive_ratio": round(self.passive_ratio, 4),
            "hedge_density": round(self.hedge_density, 4),
            "readability": {key: round(val, 2) for key, val in self.readability.items()},
        }


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

    def to_dict(self) -> dict[str, Any]:
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
            "stats": self.stats.to_dict(),
            "scores": {name: score.to_dict() for name, score in self.scores.items()},
            "findings": [finding.to_dict() for finding in self.findings],
            "diagnostics": list(self.diagnostics),
            "text": self.text,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
