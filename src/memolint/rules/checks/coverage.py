"""Coverage rules (ML301–ML304): what a memo must contain somewhere.

A document-level finding when the memo lacks the element its rubric
dimension is about: no escalation path, no silent failure mode, no automated
alignment signal, no cut. With a ``dimension`` option the rule follows the
rubric's levels — the element is missing when the memo's score on that
dimension stays below ``below-level`` (a complete escalation path is level
3; naming a silent failure mode, an automated signal or a cut is level 2) —
so a vague nod ("edge cases", "we may descope some items") does not count as
the element. It never fires when one sentence convinces the evidence
detector beyond the probability at which it was ``confident-precision``
precise on its tuning sentences (a short memo with one unmistakable
escalation path has one; the bar is read from the trained detector, so it
follows each retraining), and always fires when no sentence convinces it.
Without ``dimension`` only the detector decides. The finding sits on the memo's
first block, since the gap has no place of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from memolint.parsed import ParsedMemo
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check


@check("missing-evidence", level="document")
def missing_evidence(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    from memolint.scoring.evidence import detected, document_features, sentence_evidence
    from memolint.scoring.models import load_models

    detector = str(options.get("detector", ""))
    dimension = str(options.get("dimension", ""))
    bundle = load_models()
    if detector not in bundle.detectors:
        return
    evidence = sentence_evidence(parsed, bundle)
    hits = detected(evidence, detector, bundle)
    bar = bundle.detectors[detector].bar_for_precision(
        float(options.get("confident-precision", 0.95))
    )
    if hits and hits[0].probabilities[detector] >= bar:
        return  # one unmistakable sentence is enough, however short the memo
    if dimension in bundle.dimensions:
        findings = parsed.cache.get("block-findings", [])
        values = document_features(parsed, findings, evidence, bundle)  # type: ignore[arg-type]
        _, level, _ = bundle.dimensions[dimension].predict(values)
        if hits and level >= int(options.get("below-level", 2)):
            return
    elif hits:
        return
    first = parsed.memo.blocks[0] if parsed.memo.blocks else None
    yield Match(0, first.end if first else 0, absolute=True, check_context=False)
