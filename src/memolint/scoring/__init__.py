"""Rubric scoring: five dimension scores, their evidence, and a verdict.

Scores come from small JSON models (see :mod:`memolint.scoring.models`)
over features of the already-parsed memo; each Score lists the sentences
behind it with their locations and the signed feature contributions.
"""

from __future__ import annotations

from collections.abc import Sequence

from memolint.parsed import ParsedMemo
from memolint.report import DIMENSIONS, Evidence, Finding, Report, Score

#: Which detectors speak for (+) or against (-) each dimension.
DIMENSION_EVIDENCE: dict[str, tuple[tuple[str, int], ...]] = {
    "escalation": (("escalation", 1),),
    "silent_failures": (("silent_failure", 1),),
    "alignment": (("automated_alignment", 1), ("meeting_alignment", -1)),
    "prioritization": (("cut_statement", 1),),
    "conviction": (("hedge", -1),),
}
MAX_EVIDENCE = 5


def apply_scores(report: Report, parsed: ParsedMemo, findings: list[Finding]) -> None:
    """Fill ``report.scores``, ``report.verdict`` and its reasons."""
    from memolint.scoring.evidence import detected, document_features, sentence_evidence
    from memolint.scoring.models import load_models
    from memolint.scoring.verdict import decide_verdict

    bundle = load_models()
    evidence = sentence_evidence(parsed, bundle)
    values = document_features(parsed, findings, evidence, bundle)
    scores: dict[str, Score] = {}
    for name in DIMENSIONS:
        value, level, contributions = bundle.dimensions[name].predict(values)
        items: list[Evidence] = []
        for detector, sign in DIMENSION_EVIDENCE[name]:
            for item in detected(evidence, detector, bundle)[:MAX_EVIDENCE]:
                if sign < 0 and _negated(item.span):
                    continue  # "I will not run a weekly sync" speaks for, not against
                items.append(
                    Evidence(
                        text=" ".join(item.span.text.split()),
                        location=parsed.memo.locate(item.start, item.end),
                        weight=sign * item.probabilities[detector],
                        label=detector.replace("_", "-"),
                    )
                )
        scores[name] = Score(
            value=value,
            level=level,
            evidence=tuple(sorted(items, key=lambda e: -abs(e.weight))[: 2 * MAX_EVIDENCE]),
            contributions=dict(sorted(contributions.items(), key=lambda kv: -abs(kv[1]))),
        )
    report.scores = scores
    report.verdict, report.verdict_reasons = decide_verdict(scores, findings)


def _negated(span) -> bool:
    return any(token.dep_ == "neg" or token.lower_ in ("no", "none", "nobody") for token in span)


def verdict_only(report: Report, findings: Sequence[Finding]) -> None:
    """A verdict from findings alone, for runs with scoring switched off."""
    from memolint.scoring.verdict import decide_verdict

    report.verdict, report.verdict_reasons = decide_verdict({}, findings)
