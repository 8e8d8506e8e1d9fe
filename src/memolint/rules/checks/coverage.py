"""Coverage rules (ML301–ML304): what a memo must contain somewhere.

A document-level finding when no sentence of the memo convinces the named
evidence detector (see :mod:`memolint.scoring.evidence`): no escalation path,
no silent failure mode, no automated alignment signal, no cut. The finding
sits on the memo's first block, since the gap has no place of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from memolint.parsed import ParsedMemo
from memolint.rules.kinds.base import Match
from memolint.rules.registry import check


@check("missing-evidence", level="document")
def missing_evidence(parsed: ParsedMemo, options: dict) -> Iterator[Match]:
    from memolint.scoring.evidence import detected, sentence_evidence
    from memolint.scoring.models import load_models

    detector = str(options.get("detector", ""))
    bundle = load_models()
    if detector not in bundle.detectors:
        return
    if detected(sentence_evidence(parsed, bundle), detector, bundle):
        return
    first = parsed.memo.blocks[0] if parsed.memo.blocks else None
    yield Match(0, first.end if first else 0, absolute=True, check_context=False)
