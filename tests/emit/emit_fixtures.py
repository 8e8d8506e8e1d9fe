"""Reports for the emitter tests: a real memo's text, plus hand-built reports.

The real memo is linted once per module by ``conftest.py`` (the language
model loads once per process); hand-built reports pin down what only a format can get wrong
(escaping, locations without lines, overlapping spans, scores).
"""

from __future__ import annotations

from pathlib import Path

from memolint.model import Location
from memolint.report import Evidence, Finding, Report, Score, Stats

#: A weak memo with hostile text: markup, a script tag, rich markup, quotes.
WEAK_MEMO = """\
Rollout plan <script>alert(1)</script>

The release will possibly be approved by the CAB before each ramp step. \
We might consider a best-in-class approach & "seamless" transitions [bold]now[/bold].

We hold weekly syncs to stay aligned, and the steering committee signs off on every phase.
"""


def with_scores(report: Report) -> Report:
    """``report`` with five rubric scores whose evidence points into its own text."""
    text = report.text
    sentence = "We hold weekly syncs to stay aligned"
    start = text.index(sentence)
    location = Location(start=start, end=start + len(sentence), line=5, column=1)
    evidence = (Evidence(text=sentence, location=location, weight=-0.7, label="meeting"),)
    report.scores = {
        "escalation": Score(value=0.8, level=1, evidence=evidence),
        "silent_failures": Score(value=1.4, level=1),
        "alignment": Score(value=1.1, level=1, evidence=evidence),
        "prioritization": Score(value=2.6, level=3),
        "conviction": Score(value=3.9, level=4),
    }
    return report


def hand_report(
    findings: list[Finding], *, text: str = "", source: str = "memo.docx", **extra: object
) -> Report:
    return Report(
        source=source,
        format="docx",
        text=text,
        findings=findings,
        stats=Stats(words=10, sentences=1, pages=1.0),
        **extra,  # type: ignore[arg-type]
    )


def finding(
    code: str = "ML201",
    *,
    severity: str = "warning",
    message: str = "Passive voice.",
    excerpt: str = "It was decided.",
    suggestion: str | None = "Name who acts.",
    **location: object,
) -> Finding:
    fields = {"start": 0, "end": 1, **location}
    return Finding(
        code=code,
        name="passive-voice",
        severity=severity,  # type: ignore[arg-type]
        message=message,
        location=Location(**fields),  # type: ignore[arg-type]
        excerpt=excerpt,
        suggestion=suggestion,
    )


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
