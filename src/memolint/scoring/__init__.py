"""Rubric scoring: five dimension scores and a verdict for a linted memo."""

from __future__ import annotations

from memolint.parsed import ParsedMemo
from memolint.report import Finding, Report


def apply_scores(report: Report, parsed: ParsedMemo, findings: list[Finding]) -> None:
    """Fill ``report.scores``, ``report.verdict`` and its reasons."""
    from memolint.scoring.verdict import decide_verdict

    report.verdict, report.verdict_reasons = decide_verdict(report.scores, findings)
