"""The pass/fail verdict and the reasons a reviewer would give for it.

The guide treats some choices as failing a written exercise on their own: a
plan that assumes approval gates, a RACI matrix, alignment through weekly
syncs. Those findings decide a fail whatever the scores say; otherwise the
rubric levels decide, with the bars of corpora/GUIDE.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from memolint.report import Finding, Score

#: Findings that fail a memo by themselves, with the reason a reviewer gives.
DISQUALIFYING = {
    "ML101": "assumes approval gates",
    "ML102": "uses a RACI matrix",
    "ML103": "aligns through recurring meetings instead of automated signals",
}
#: The lowest passing level per dimension.
PASS_LEVELS = {
    "escalation": 2,
    "silent_failures": 2,
    "alignment": 3,
    "prioritization": 2,
    "conviction": 2,
}


def decide_verdict(
    scores: Mapping[str, Score], findings: Sequence[Finding]
) -> tuple[str, list[str]]:
    reasons: list[str] = []
    for code, reason in DISQUALIFYING.items():
        count = sum(1 for finding in findings if finding.code == code)
        if count:
            reasons.append(f"{reason} ({code}, {count} finding{'s' if count > 1 else ''})")
    for name, score in scores.items():
        bar = PASS_LEVELS.get(name, 2)
        if score.level < bar:
            reasons.append(f"{name.replace('_', ' ')} scores {score.level}/4 (pass needs {bar})")
    return ("fail" if reasons else "pass"), reasons
