"""ML104 on agreement by silence and on groups of people, against literal senses."""

from __future__ import annotations

import pytest

from memolint.linter import Linter

SILENT_ASSENT = [
    "Nobody objected at the design review, so the data team went ahead with the new partitioning.",
    "No depot manager raised an objection, and the scanners moved to the new build on Monday.",
]
NOT_CONSENSUS = [
    # silence quoted from an old runbook is a mention, not the plan
    'The old runbook said "nobody objected, so we shipped" about every change.',
    # people who align a thing, not a decision
    "Field crews align the meter antenna with the collector before closing the enclosure.",
    "Pharmacists align the label printer with the tray before the first run.",
]


def _consensus(linter: Linter, text: str) -> list[str]:
    return [f.code for f in linter.lint_text(text).findings if f.code == "ML104"]


@pytest.mark.parametrize("text", SILENT_ASSENT)
def test_silence_taken_as_agreement_is_consensus(linter: Linter, text: str) -> None:
    assert _consensus(linter, text) == ["ML104"]


@pytest.mark.parametrize("text", NOT_CONSENSUS)
def test_quoted_silence_and_literal_alignment_are_not_consensus(linter: Linter, text: str) -> None:
    assert _consensus(linter, text) == []
