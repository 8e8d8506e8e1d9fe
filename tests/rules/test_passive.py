"""ML201 on participles whose prefix the tokenizer splits off at the hyphen.

"re-wrapped" becomes "re", "-", "wrapped", and the small parser then reads
"re" as the verb; the rule reads such groups from the words instead.
"""

from __future__ import annotations

import pytest

from memolint import Config, Linter


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=("ML201",), score=False))


def _groups(linter: Linter, text: str) -> list[str]:
    report = linter.lint_text(text)
    return [report.text[f.location.start : f.location.end] for f in report.findings]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Card tokens will be re-wrapped under the new master key.", "will be re-wrapped"),
        ("The previous build is re-promoted in the Play Console.", "is re-promoted"),
        ("Imaging studies are de-identified before they leave the network.", "are de-identified"),
        ("Old keys were de-registered by the cleanup script.", "were de-registered"),
        ("Dock appointments got double-booked twice during the pilot.", "got double-booked"),
    ],
)
def test_a_prefixed_participle_after_be_or_get_is_one_passive(
    linter: Linter, text: str, group: str
) -> None:
    assert _groups(linter, text) == [group]


@pytest.mark.parametrize(
    "text",
    [
        "We re-wrapped every key last week.",  # active
        "The pre-approved vendor list is short.",  # a participle as an adjective
        "The two services are co-located in one rack.",  # stative
    ],
)
def test_active_and_adjectival_prefixed_words_are_not_passives(linter: Linter, text: str) -> None:
    assert _groups(linter, text) == []


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Why was the DSR for March resubmitted three times?", "was the DSR for March resubmitted"),
        (
            "Was the signing key actually rotated on the 4.2 nodes?",
            "Was the signing key actually rotated",
        ),
        ("Were the logs archived?", "Were the logs archived"),
    ],
)
def test_a_passive_question_with_its_auxiliary_first_is_one_passive(
    linter: Linter, text: str, group: str
) -> None:
    assert _groups(linter, text) == [group]


@pytest.mark.parametrize(
    "text",
    [
        "Was the meeting useful?",
        "Were the dashboards green?",
        "Why were you running the job twice?",
    ],
)
def test_questions_with_an_adjective_or_a_progressive_are_not_passives(
    linter: Linter, text: str
) -> None:
    assert _groups(linter, text) == []
