"""The rubric cues the document features read, on sentences a memo could contain."""

from __future__ import annotations

import pytest

from memolint.scoring.features import cue_features

CASES = [
    (
        "unseen_cue",
        "The player falls back to SD and nothing alerts, because errors stay at zero.",
        1,
    ),
    ("unseen_cue", "Fleet averages hide a single PoP serving stale manifests.", 1),
    ("unseen_cue", "Health checks still pass while the cache serves the old catalogue.", 1),
    ("unseen_cue", "If the origin is down, viewers see an error page and the on-call is paged.", 0),
    (
        "trade_off_cue",
        "I would cut the TV clients; the cost is that 12% of viewers wait a month.",
        1,
    ),
    ("trade_off_cue", "We cut the TV clients first.", 0),
    (
        "trade_off_cue",
        "We cut offline downloads, at the cost of a 3% churn risk in poorly connected markets.",
        1,
    ),
    ("trade_off_cue", "Dropping HDR10+ means we lose about 8% of egress savings.", 1),
    ("never_cut_cue", "The automated rollback is non-negotiable.", 1),
    ("never_cut_cue", "Whatever happens, the kill switch ships on day one.", 1),
    ("never_cut_cue", "We will not cut the reconciliation job under any pressure.", 1),
    ("never_cut_cue", "We cut the reporting dashboard first.", 0),
    ("ranked_cue", "In priority order: the kill switch, the canary, the dashboard.", 1),
    ("ranked_cue", "The kill switch is P0; the dashboard is P2.", 1),
    ("ranked_cue", "The dashboard ranks titles by watch time.", 0),
    ("refuses_cut_cue", "I have not identified an element that could be deferred.", 1),
    ("refuses_cut_cue", "If the schedule slips, the date moves rather than the scope.", 1),
    ("refuses_cut_cue", "Every workstream is essential and none of it is optional.", 1),
    ("refuses_cut_cue", "If we slip, I cut the Android TV client first.", 0),
    (
        "refuses_cut_cue",
        "All of the deliverables listed above are considered essential to the go-live.",
        1,
    ),
    ("refuses_cut_cue", "The scope is not expected to change before launch.", 1),
    ("refuses_cut_cue", "We cut the kiosk app; all other workstreams stay as planned.", 0),
    ("vague_cut_cue", "We may descope some items if needed.", 1),
    ("vague_cut_cue", "Scope may be adjusted as the project progresses.", 1),
    ("vague_cut_cue", "If we slip two weeks, we defer the recommendations row to v2.", 0),
]


@pytest.mark.parametrize(("cue", "text", "expected"), CASES)
def test_rubric_cues(cue: str, text: str, expected: int) -> None:
    assert cue_features(text)[cue] == expected
