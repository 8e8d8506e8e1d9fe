"""Text output: one grep-able line per finding, dimmed context, a summary."""

from __future__ import annotations

import io
import re

from emit_fixtures import finding, hand_report, with_scores

from memolint.emit import Run, format_location
from memolint.emit.text import write, write_scorecard
from memolint.model import Location
from memolint.report import Report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def render(run: Run, writer=write) -> str:
    stream = io.StringIO()
    writer(run, stream)
    return stream.getvalue()


def test_lines_are_path_line_col_code_message(weak_report: Report) -> None:
    out = render(Run(reports=[weak_report], color=False))
    first = weak_report.findings[0]
    location = first.location
    expected = f"memos/weak.txt:{location.line}:{location.column}: {first.code} {first.message}"
    assert expected in out.splitlines()
    assert "  │ " in out  # the excerpt below the finding
    assert "  = help: " in out
    assert "1 file checked" in out


def test_memo_text_is_printed_literally_not_as_markup(weak_report: Report) -> None:
    out = render(Run(reports=[weak_report], color=False))
    assert "[bold]now[/bold]" in out
    assert not ANSI.search(out)


def test_colour_is_forced_with_color_true(weak_report: Report) -> None:
    out = render(Run(reports=[weak_report], color=True))
    assert ANSI.search(out)


def test_locations_per_format() -> None:
    assert format_location(Location(0, 1, line=3, column=7)) == "3:7"
    assert format_location(Location(0, 1, page=2, line=14, column=1)) == "p2:14:1"
    assert format_location(Location(0, 1, paragraph=12)) == "¶12"
    assert format_location(Location(0, 1, paragraph=37, table=(2, 3))) == "¶37 table r2c3"
    assert format_location(Location(0, 1)) == "1"  # document level


def test_docx_findings_use_the_paragraph() -> None:
    report = hand_report([finding(paragraph=12)])
    out = render(Run(reports=[report], color=False))
    assert "memo.docx:¶12: ML201 Passive voice." in out


def test_summary_counts_severities_and_files(weak_report: Report) -> None:
    broken = Report(source="bad.docx", error=ValueError("is damaged"))
    out = render(Run(reports=[weak_report, broken], color=False))
    counts = weak_report.counts()
    total = sum(counts.values())
    assert f"Found {total} findings" in out
    assert f"{counts['error']} errors" in out
    assert "2 files checked, 1 could not be read." in out


def test_scores_and_verdict_in_the_summary_when_present(weak_report: Report) -> None:
    report = with_scores(_copy(weak_report))
    report.verdict, report.verdict_reasons = "fail", ["assumes approval gates (ML101, 1 finding)"]
    out = render(Run(reports=[report], color=False))
    for label in ("Escalation", "Silent failures", "Alignment", "Prioritization", "Conviction"):
        assert label in out
    assert re.search(r"Escalation\s+0\.8\s+■□□□ 1/4", out)
    assert re.search(r"Conviction\s+3\.9\s+■■■■ 4/4", out)
    assert "verdict FAIL — assumes approval gates" in out


def test_a_row_per_file_with_scores_when_many(weak_report: Report) -> None:
    scored = with_scores(_copy(weak_report))
    scored.verdict = "fail"
    other = _copy(weak_report)
    other.source, other.verdict = "memos/other.txt", "pass"
    out = render(Run(reports=[scored, other], color=False))
    assert re.search(r"memos/weak\.txt .*0\.8 \(1\).*3\.9 \(4\).*FAIL", out)
    assert re.search(r"memos/other\.txt .*PASS", out)
    assert "2 files checked." in out


def test_no_scores_means_no_score_table(weak_report: Report) -> None:
    out = render(Run(reports=[weak_report], color=False))
    assert "Escalation" not in out


def test_quiet_prints_one_line_only_on_failure(weak_report: Report) -> None:
    assert render(Run(reports=[weak_report], quiet=True, failed=False)) == ""
    out = render(Run(reports=[weak_report], quiet=True, failed=True, color=False))
    assert len(out.strip().splitlines()) == 1
    assert out.startswith("Found ")


def test_statistics_count_per_code(weak_report: Report) -> None:
    out = render(Run(reports=[weak_report], statistics=True, color=False))
    codes = [f.code for f in weak_report.findings]
    for code in set(codes):
        assert re.search(rf"^\s*{codes.count(code)}\s+{code}\s", out, re.M), out
    assert "  │ " not in out  # statistics replace the findings


def test_scorecard_with_scores_shows_evidence_and_verdict(weak_report: Report) -> None:
    report = with_scores(_copy(weak_report))
    report.verdict, report.verdict_reasons = "fail", ["escalation scores 1/4"]
    out = render(Run(reports=[report], color=False), write_scorecard)
    assert "Escalation" in out and "0.80" in out and "1/4" in out
    assert "“We hold weekly syncs to stay aligned” (5:1)" in out
    assert "Verdict: FAIL" in out
    assert "• escalation scores 1/4" in out


def test_scorecard_without_scores_says_so(weak_report: Report) -> None:
    out = render(Run(reports=[weak_report], color=False), write_scorecard)
    assert "No rubric scores are available" in out


def _copy(report: Report) -> Report:
    from dataclasses import replace

    return replace(report, scores={}, verdict_reasons=[])
