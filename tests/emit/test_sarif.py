"""SARIF: every field GitHub code scanning requires is present and typed right.

jsonschema is not a dependency, so the checks spell out what GitHub's upload
validates: the log's version and schema, the driver and its rule table, and
for each result a rule id and index, a level, a message, a location with a
relative URI and a region of 1-based lines and columns, and a fingerprint.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from emit_fixtures import finding, hand_report

from memolint.emit import Run
from memolint.emit.sarif import document, write
from memolint.errors import CorruptDocument
from memolint.report import Report
from memolint.rules import load_specs

SPECS = load_specs()
LEVELS = {"error", "warning", "note", "none"}


def sarif(reports: list[Report], cwd: Path | None = None) -> dict[str, Any]:
    run = Run(reports=reports, rules=SPECS, cwd=cwd or Path.cwd())
    stream = io.StringIO()
    write(run, stream)
    return json.loads(stream.getvalue())


@pytest.fixture()
def log(weak_report: Report) -> dict[str, Any]:
    return sarif([weak_report])


def test_log_and_driver(log: dict[str, Any]) -> None:
    assert log["version"] == "2.1.0"
    assert log["$schema"].startswith("https://")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "memolint"
    assert driver["informationUri"].startswith("https://")
    assert isinstance(driver["version"], str) and driver["version"]
    assert driver["semanticVersion"] == driver["version"]


def test_rule_table(log: dict[str, Any]) -> None:
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert {spec.code for spec in SPECS} <= set(ids)
    for rule in rules:
        assert isinstance(rule["name"], str) and rule["name"]
        assert (
            isinstance(rule["shortDescription"]["text"], str) and rule["shortDescription"]["text"]
        )
        assert isinstance(rule["fullDescription"]["text"], str) and rule["fullDescription"]["text"]
        assert isinstance(rule["help"]["text"], str) and rule["help"]["text"]
        assert isinstance(rule["help"]["markdown"], str)
        assert rule["defaultConfiguration"]["level"] in LEVELS
        assert all(isinstance(tag, str) for tag in rule["properties"]["tags"])
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["ML101"]["defaultConfiguration"]["level"] == "error"
    assert by_id["ML201"]["defaultConfiguration"]["level"] == "warning"


def test_results(log: dict[str, Any], weak_report: Report) -> None:
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(weak_report.findings)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in LEVELS
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        physical = result["locations"][0]["physicalLocation"]
        artifact = physical["artifactLocation"]
        assert artifact["uri"] == "memos/weak.txt"
        assert artifact["uriBaseId"] == "%SRCROOT%"
        region = physical["region"]
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            assert isinstance(region[key], int) and region[key] >= 1, (key, region)
        assert region["endLine"] >= region["startLine"]
        fingerprint = result["partialFingerprints"]["primaryLocationLineHash"]
        assert isinstance(fingerprint, str) and fingerprint
        assert set(result["properties"]) >= {"page", "paragraph", "table_cell", "heading_path"}
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == []


def test_info_is_a_note_and_docx_sits_on_line_one() -> None:
    report = hand_report([finding(severity="info", paragraph=12, table=(2, 3), page=None)])
    result = sarif([report])["runs"][0]["results"][0]
    assert result["level"] == "note"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["startColumn"] >= 1
    assert result["properties"]["paragraph"] == 12
    assert result["properties"]["table_cell"] == [2, 3]


def test_uris_are_relative_with_forward_slashes(tmp_path: Path) -> None:
    nested = tmp_path / "team memos" / "q3.docx"
    report = hand_report([finding(line=2, column=1)], source=str(nested))
    uri = sarif([report], cwd=tmp_path)["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"
    ]["artifactLocation"]["uri"]
    assert uri == "team%20memos/q3.docx"


def test_fingerprints_are_stable_and_distinguish_repeats() -> None:
    same = dict(excerpt="We might, maybe, do it.", line=1, column=4)
    first = hand_report([finding("ML202", **same), finding("ML202", **same)])
    moved = hand_report([finding("ML202", **{**same, "line": 9})])
    prints = [
        result["partialFingerprints"]["primaryLocationLineHash"]
        for result in sarif([first])["runs"][0]["results"]
    ]
    assert prints[0] != prints[1]
    again = sarif([moved])["runs"][0]["results"][0]["partialFingerprints"]
    assert again["primaryLocationLineHash"] == prints[0]  # moving a line keeps the alert


def test_unreadable_files_become_notifications() -> None:
    broken = Report(source="memos/bad.docx", error=CorruptDocument("is damaged", source="bad"))
    run = sarif([broken])["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notification = invocation["toolExecutionNotifications"][0]
    assert notification["level"] == "error"
    assert "is damaged" in notification["message"]["text"]
    uri = notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "memos/bad.docx"
    assert run["results"] == []


def test_unknown_rule_codes_still_get_a_rule_entry() -> None:
    report = hand_report([finding("XX901", line=1, column=1)])
    data = document(Run(reports=[report], rules=()))
    run = data["runs"][0]
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "XX901"
