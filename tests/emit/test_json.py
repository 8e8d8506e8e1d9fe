"""JSON and JSON Lines: versioned, parseable, the memo text only on request."""

from __future__ import annotations

import io
import json

from memolint.emit import Run, emit
from memolint.errors import InputNotFound
from memolint.report import Report


def render(format: str, run: Run) -> str:
    stream = io.StringIO()
    emit(format, run, stream)
    return stream.getvalue()


def test_json_document(weak_report: Report) -> None:
    data = json.loads(render("json", Run(reports=[weak_report])))
    assert data["schema"] == 1
    assert isinstance(data["memolint"], str)
    assert data["summary"]["files"] == 1
    assert data["summary"]["findings"] == weak_report.counts()
    (report,) = data["reports"]
    assert report["source"] == "memos/weak.txt"
    assert report["text"] is None
    assert len(report["findings"]) == len(weak_report.findings)
    assert "statistics" not in data


def test_json_with_text_and_statistics(weak_report: Report) -> None:
    data = json.loads(
        render("json", Run(reports=[weak_report], include_text=True, statistics=True))
    )
    assert data["reports"][0]["text"] == weak_report.text
    total = sum(row["count"] for row in data["statistics"])
    assert total == len(weak_report.findings)


def test_jsonl_one_finding_per_line(weak_report: Report) -> None:
    missing = Report(source="gone.md", error=InputNotFound("no such file", source="gone.md"))
    lines = render("jsonl", Run(reports=[weak_report, missing])).splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(weak_report.findings) + 1
    assert all(record["source"] == "memos/weak.txt" for record in records[:-1])
    assert [record["code"] for record in records[:-1]] == [f.code for f in weak_report.findings]
    assert records[-1]["error"]["type"] == "InputNotFound"
