"""Report.to_dict / Report.from_dict: the JSON output read back into a Report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memolint.errors import EncryptedDocument, MemolintError
from memolint.linter import Linter
from memolint.model import Location
from memolint.report import SCHEMA_VERSION, Evidence, Report, Score, Stats

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def scored(scoring_linter: Linter) -> Report:
    """A real memo with findings, five scores with evidence, and statistics."""
    return scoring_linter.lint(EXAMPLES / "weak-memo.md")


def test_exact_round_trip_gives_an_equal_report(scored: Report) -> None:
    assert scored.findings and scored.scores and scored.verdict
    data = json.loads(json.dumps(scored.to_dict(exact=True)))
    again = Report.from_dict(data)
    assert again == scored
    assert again.to_dict() == scored.to_dict()
    assert again.to_dict(exact=True) == scored.to_dict(exact=True)


def test_reading_the_json_output_back_keeps_what_it_printed(scored: Report) -> None:
    printed = json.loads(scored.to_json())
    again = Report.from_dict(printed)
    assert again.to_dict() == printed
    assert [f.location for f in again.findings] == [f.location for f in scored.findings]


def test_rounded_output_stays_rounded_and_exact_output_does_not() -> None:
    evidence = Evidence(
        text="Dana is paged.", location=Location(0, 14, table=(2, 3)), weight=0.123456789
    )
    report = Report(
        source="memo.md",
        text="Dana is paged.",
        scores={"escalation": Score(value=2.04999, level=2, evidence=(evidence,))},
        stats=Stats(words=3, sentences=1, pages=3, passive_ratio=0.333333),
    )
    assert report.to_dict()["scores"]["escalation"]["value"] == 2.05
    exact = Report.from_dict(report.to_dict(exact=True))
    assert exact.scores["escalation"].value == 2.04999
    assert exact.scores["escalation"].evidence[0].location.table == (2, 3)
    # An integral page count stays an int, so the JSON shows 3 and not 3.0 again.
    assert exact.stats.pages == 3 and isinstance(exact.stats.pages, int)
    assert json.dumps(exact.to_dict()) == json.dumps(report.to_dict())


def test_text_left_out_of_the_output_comes_back_empty(scored: Report) -> None:
    data = scored.to_dict()
    data["text"] = None
    assert Report.from_dict(data).text == ""


def test_error_reports_keep_their_class_and_message() -> None:
    error = EncryptedDocument("is password-protected; remove the password", source="a.pdf")
    again = Report.from_dict(Report(source="a.pdf", error=error).to_dict())
    assert isinstance(again.error, EncryptedDocument)
    assert str(again.error) == str(error)
    unknown = Report(source="b.md", error=KeyError("boom")).to_dict()
    assert type(Report.from_dict(unknown).error) is MemolintError


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"schema": SCHEMA_VERSION + 1}, ValueError),
        ({"verdict": "maybe"}, ValueError),
        ({"findings": [{"code": "ML201"}]}, KeyError),
        ({"stats": {"pages": "three"}}, TypeError),
    ],
)
def test_data_that_is_not_a_report_is_refused(
    scored: Report, change: dict[str, object], error: type[Exception]
) -> None:
    data = {**scored.to_dict(), **change}
    with pytest.raises(error):
        Report.from_dict(data)


def test_a_finding_with_an_unknown_severity_is_refused(scored: Report) -> None:
    data = scored.to_dict()
    data["findings"][0]["severity"] = "fatal"
    with pytest.raises(ValueError, match="severity"):
        Report.from_dict(data)
