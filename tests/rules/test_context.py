"""Negation, mention and quotation: one mechanism, checked across rules."""

from __future__ import annotations

import pytest

from memolint.linter import Linter

NOT_USES = [
    ("ML101", "There is no CAB in this plan."),
    ("ML101", "No sign-off is needed to advance the ramp."),
    ("ML101", "We do not need to wait for VP approval between steps."),
    ("ML101", "Unlike Google's launch reviews, promotion here is automatic."),
    ("ML101", "We replaced the change advisory board with automated checks."),
    ("ML101", 'The old runbook said "wait for sign-off from the CAB" at every step.'),
    ("ML101", "Nobody signs off on a ramp step; the canary score decides."),
    ("ML103", "We will not hold weekly syncs."),
    ("ML103", "Instead of daily standups, the dashboard pages the owner."),
    ("ML103", "Forget the steering committee: the error budget decides."),
    ("ML102", "We do not use a RACI; each workstream has one owner."),
    ("ML104", "We did not decide together; Priya made the call."),
    ("ML203", "Avoid words like 'seamless' and 'best-in-class' in the summary."),
    # negation raised from an opinion verb into what it governs
    ("ML103", "I don't think this needs a standing meeting."),
    ("ML101", "I don't expect the rollout to need VP approval at any step."),
    # a purpose clause of a negated verb, a relative clause of a negated noun
    ("ML103", "We won't meet every Monday to review the ramp."),
    ("ML101", "There is no board that approves ramp steps."),
    # a story told in the past tense is not the plan
    ("ML101", "We had a change board, and the CAB had approved the change that took us down."),
    ("ML103", "We had a change advisory board that met every Tuesday."),
    # a contrastive "not" in front of the match's phrase, however the parser hangs it
    ("ML103", "Ramp decisions come from the canary verdict, not from a recurring meeting."),
    ("ML101", "Approval for each wave comes from the canary score, not from the CAB."),
    # the parser reads "status calls" as a clause; the negated verb above still reaches it
    ("ML103", "We will not schedule status calls with the roaming partners."),
    # ... but an opinion verb's negation, raised into that clause, is counted once
    ("ML103", "I don't think status calls help here."),
    # a relative clause of a negative pronoun
    ("ML101", "There is nothing here for the CAB to approve."),
    # an option examined and turned down without a "but"
    (
        "ML101",
        "We discussed routing the later waves through the hospital change advisory board"
        " and chose not to: a CAB reviews the form, not the data.",
    ),
    # a second negated noun phrase in the sentence is its own, not the match's
    ("ML103", "No standups, no status meetings: the parser diff rate drives the cutover."),
]
USES = [
    ("ML101", "The deploy will not start until the CAB approves it."),
    ("ML103", "Decisions are made in the weekly sync, not in the dashboard."),
    ("ML103", "We hold status calls weekly with the roaming partners."),
    ("ML101", "Without exception, every ramp step needs VP approval."),
    ("ML103", "We hold a weekly sync, not a daily one, to review the ramp."),
    ("ML101", "Legal must sign off before we expand beyond 10%."),
    # "no ... without" cancels out: a gate stated in the negative
    ("ML101", "No phase starts without the sponsor's sign-off."),
    ("ML101", "Nothing ships to production without a written yes from the two tenant leads."),
    # a negated main clause does not reach a condition with its own conjunction
    ("ML101", "We won't touch the ledger until finance has approved the report."),
    # a conjunct under a present "has" is a condition to come, whatever its tag
    ("ML101", "Ward 4 goes live once the safety lead has reviewed the log and countersigned it."),
]


@pytest.mark.parametrize(("code", "text"), NOT_USES)
def test_negated_or_mentioned_matches_are_not_flagged(linter: Linter, code: str, text: str) -> None:
    report = linter.lint_text(text)
    assert code not in [finding.code for finding in report.findings], report.findings


@pytest.mark.parametrize(("code", "text"), USES)
def test_negation_elsewhere_does_not_hide_a_use(linter: Linter, code: str, text: str) -> None:
    report = linter.lint_text(text)
    assert code in [finding.code for finding in report.findings]
