"""The HTML report: self-contained, escaped, well formed whatever the findings overlap."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from emit_fixtures import finding, hand_report, with_scores

from memolint.emit import Run
from memolint.emit.html import render
from memolint.errors import CorruptDocument
from memolint.report import Report
from memolint.rules import load_specs

VOID = {"meta", "br", "hr", "img", "input", "link", "rect"}


class Checker(HTMLParser):
    """Checks that every element closes in order; collects marks and ids."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.ids: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "mark":
            self.marks.append(found)
        if tag == "script":
            self.scripts.append(found)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if dict(attrs).get("id"):
            self.ids.append(dict(attrs)["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()


def check(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == [], checker.stack
    assert len(set(checker.ids)) == len(checker.ids), "duplicate ids"
    return checker


@pytest.fixture()
def page(weak_report: Report) -> str:
    return render(Run(reports=[weak_report], rules=load_specs()))


def test_memo_markup_is_escaped_and_never_executable(page: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    checker = check(page)
    # Only the report's own two scripts: the JSON data block and the code.
    assert len(checker.scripts) == 2
    assert checker.scripts[0] == {"type": "application/json", "id": "memolint-data"}
    data = page.split('id="memolint-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data


def test_self_contained(page: str) -> None:
    assert "<link" not in page
    assert " src=" not in page
    assert "url(" not in page and "@import" not in page
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls


def test_content_security_policy_pins_the_inline_code(page: str) -> None:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_every_finding_is_marked_with_its_severity(page: str, weak_report: Report) -> None:
    checker = check(page)
    marked: set[int] = set()
    for mark in checker.marks:
        classes = (mark.get("class") or "").split()
        assert any(name in classes for name in ("sev-error", "sev-warning", "sev-info"))
        marked.update(int(key) for key in (mark.get("data-f") or "").split())
    kinds = {spec.code: spec.kind for spec in load_specs()}
    inline = {
        index
        for index, item in enumerate(weak_report.findings)
        if kinds.get(item.code) not in ("coverage", "metric")
    }
    assert inline and inline <= marked
    # Document-level findings (length) are listed above the text instead.
    assert 'class="doc-findings' in page


def test_overlapping_findings_split_into_segments() -> None:
    text = "The plan will possibly be approved by the CAB."
    spans = [(9, 34, "ML201", "warning"), (14, 22, "ML202", "warning"), (26, 45, "ML101", "error")]
    report = hand_report(
        [
            replace(
                finding(code, severity=severity, line=1, column=start + 1),
                location=finding(start=start, end=end).location,
            )
            for start, end, code, severity in spans
        ],
        text=text,
        source="memo.txt",
    )
    checker = check(render(Run(reports=[report])))
    covered = [set((mark.get("data-f") or "").split()) for mark in checker.marks]
    assert {"0", "1"} in covered  # "possibly" sits in the passive clause
    assert {"0", "2"} in covered  # "approved" is in the clause and the gate
    worst = [m for m in checker.marks if "2" in (m.get("data-f") or "").split()]
    assert all("sev-error" in (m.get("class") or "") for m in worst)
    assert {"memo-r0-f0", "r0-f0", "r0-f1", "r0-f2"} & set(checker.ids) == {
        "r0-f0",
        "r0-f1",
        "r0-f2",
    }


def test_findings_that_start_together_all_get_anchors() -> None:
    text = "Maybe we decided together."
    report = hand_report(
        [
            finding("ML202", start=0, end=5, line=1, column=1),
            finding("ML104", start=0, end=16, line=1, column=1),
        ],
        text=text,
    )
    checker = check(render(Run(reports=[report])))
    assert {"r0-f0", "r0-f1"} <= set(checker.ids)


def test_scores_chart_links_to_evidence(weak_report: Report) -> None:
    report = with_scores(replace(weak_report, scores={}))
    page = render(Run(reports=[report], rules=load_specs()))
    checker = check(page)
    assert page.count('<g class="score"') == 5
    assert 'class="score-chart"' in page
    links = re.findall(r'<a href="#(r0-ev-[a-z_]+-\d+)" data-dimension', page)
    assert links and set(links) <= set(checker.ids)
    assert 'class="ev ev-escalation ev-alignment' in page or "ev-escalation" in page


def test_without_scores_the_panel_says_so(page: str) -> None:
    assert "No rubric scores are available" in page
    assert "<svg" not in page


def test_stats_and_verdict_badge(weak_report: Report) -> None:
    report = replace(weak_report, verdict="fail", verdict_reasons=["uses a RACI matrix <x>"])
    page = render(Run(reports=[report]))
    assert 'class="badge verdict-fail">FAIL<' in page
    assert "uses a RACI matrix &lt;x&gt;" in page
    assert "Reading grade" in page and "Passive clauses" in page and "Words" in page


def test_without_the_parsed_memo_paragraphs_come_from_the_text(weak_report: Report) -> None:
    report = replace(weak_report, memo=None)
    checker = check(render(Run(reports=[report])))
    assert checker.marks


def test_unreadable_memo_gets_a_section() -> None:
    broken = Report(source="bad.docx", error=CorruptDocument("is <damaged>", source="bad.docx"))
    page = render(Run(reports=[broken]))
    check(page)
    assert "UNREADABLE" in page and "is &lt;damaged&gt;" in page


def test_many_memos_in_one_page(weak_report: Report) -> None:
    other = replace(weak_report, source="memos/other.txt")
    page = render(Run(reports=[weak_report, other], rules=load_specs()))
    checker = check(page)  # ids stay unique across sections
    assert 'data-report="r0"' in page and 'data-report="r1"' in page
    assert "r1-f0" in checker.ids
