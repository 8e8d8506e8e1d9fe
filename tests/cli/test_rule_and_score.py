"""``memolint rule`` and ``memolint score``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import Run, one_error_line

from memolint.model import Location
from memolint.report import Evidence, Score
from memolint.rules import load_specs


def test_rule_lists_every_rule(run: Run) -> None:
    result = run("rule")
    assert result.code == 0
    for spec in load_specs():
        assert spec.code in result.out and spec.name in result.out


def test_rule_explains_one(run: Run) -> None:
    spec = next(spec for spec in load_specs() if spec.code == "ML101")
    result = run("rule", "ML101")
    assert result.code == 0
    assert result.out.startswith("# approval-gate (ML101)")
    assert "Severity: error" in result.out
    assert "## Why is this bad?" in result.out
    assert " ".join(spec.rationale.split())[:60] in result.out
    assert spec.flag_examples[0] in result.out and spec.ok_examples[0] in result.out
    assert run("rule", "ml101").out == result.out
    assert run("rule", "approval-gate").out == result.out


def test_rule_shows_options_with_defaults(run: Run) -> None:
    spec = next(spec for spec in load_specs() if spec.options)
    result = run("rule", spec.code)
    for key in spec.options:
        assert f"`{key}` (default: " in result.out


def test_rule_json(run: Run) -> None:
    listing = json.loads(run("rule", "--format", "json").out)
    assert [item["code"] for item in listing] == [spec.code for spec in load_specs()]
    one = json.loads(run("rule", "ML201", "--format", "json").out)
    assert one["name"] == "passive-voice" and one["examples"]["flag"]


def test_unknown_rule(run: Run) -> None:
    line = one_error_line(run("rule", "ML999"))
    assert "ML999" in line


def test_score_renders_the_five_dimensions(
    run: Run, memos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import memolint.scoring

    def fake_scores(report, parsed, findings) -> None:  # type: ignore[no-untyped-def]
        sentence = "We hold weekly syncs to stay aligned."
        start = report.text.index(sentence)
        evidence = (
            Evidence(sentence, Location(start, start + len(sentence), line=5, column=1), -0.6),
        )
        report.scores = {
            name: Score(value=1.0 + index * 0.5, level=1 + index // 2, evidence=evidence)
            for index, name in enumerate(
                ("escalation", "silent_failures", "alignment", "prioritization", "conviction")
            )
        }
        report.verdict, report.verdict_reasons = "fail", ["escalation scores 1/4"]

    monkeypatch.setattr(memolint.scoring, "apply_scores", fake_scores)
    result = run("score", "weak.txt")
    assert result.code == 0
    for label in ("Escalation", "Silent failures", "Alignment", "Prioritization", "Conviction"):
        assert label in result.out
    assert "“We hold weekly syncs to stay aligned.” (5:1)" in result.out
    assert "Verdict: FAIL" in result.out and "escalation scores 1/4" in result.out
    data = json.loads(run("score", "weak.txt", "--format", "json").out)
    assert set(data["reports"][0]["scores"]) == {
        "escalation",
        "silent_failures",
        "alignment",
        "prioritization",
        "conviction",
    }
    html = run("score", "weak.txt", "--format", "html").out
    assert 'class="score-chart"' in html


def test_score_unreadable_file(run: Run, memos: Path) -> None:
    one_error_line(run("score", "missing.pdf"))
