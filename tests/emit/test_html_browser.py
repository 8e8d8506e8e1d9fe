"""The HTML report in a real browser: the script runs and the page renders.

Headless Chromium loads a report of a real memo from a file URL, with the
network features that phone home switched off. ``--dump-dom`` returns the
DOM *after* the page's script ran, so elements only the script creates (the
severity filter, the findings count) prove it executed under the page's
Content-Security-Policy. Skipped where Chromium is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from emit_fixtures import EXAMPLES, WEAK_MEMO

from memolint.cli import main

BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An HTML report of the weak example memo (or, without it, of the test memo)."""
    folder = tmp_path_factory.mktemp("html")
    out = folder / "report.html"
    for name in ("weak-memo.docx", "weak-memo.md"):
        memo = EXAMPLES / name
        if memo.is_file() and main(["check", str(memo), "--format", "html", "-o", str(out)]) != 2:
            return out
    memo = folder / "weak.txt"
    memo.write_text(WEAK_MEMO, encoding="utf-8")
    assert main(["check", str(memo), "--format", "html", "-o", str(out)]) == 1
    return out


@pytest.fixture(scope="module")
def dom(report_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    profile = tmp_path_factory.mktemp("profile")
    done = chromium(profile, "--dump-dom", report_file.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_marks_carry_severity_classes(dom: str) -> None:
    marks = re.findall(r'<mark class="([^"]*)"[^>]*data-f="[\d ]+"', dom)
    assert marks
    assert all(re.search(r"\bsev-(error|warning|info)\b", classes) for classes in marks)
    # The script replaces native tooltips by its popover and makes marks focusable.
    assert 'tabindex="0"' in dom


def test_panel_is_present(dom: str) -> None:
    assert 'class="card scores"' in dom
    if "No rubric scores are available" not in dom:
        assert 'class="score-chart"' in dom
    assert 'class="card stats"' in dom
    assert 'class="finding-list"' in dom


def test_the_script_ran(dom: str) -> None:
    assert 'data-memolint-ready="true"' in dom
    assert 'id="memolint-popover"' in dom
    assert '<div class="toolbar"' in dom
    count = re.search(r'<p class="summary" data-findings="(\d+)">', dom)
    assert count is not None and int(count.group(1)) > 0


def test_a_link_to_a_finding_opens_its_popover(
    report_file: Path, dom: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anchor = re.search(r'<mark class="sev-\w+" id="(r0-f\d+)"', dom)
    assert anchor is not None
    profile = tmp_path_factory.mktemp("profile-link")
    done = chromium(profile, "--dump-dom", f"{report_file.as_uri()}#{anchor.group(1)}")
    assert done.returncode == 0, done.stderr[-2000:]
    popover = re.search(
        r'<div class="popover" id="memolint-popover"([^>]*)>(.*?)</div></div>', done.stdout
    )
    assert popover is not None
    assert "hidden" not in popover.group(1)
    assert '<span class="code sev-' in popover.group(2)
    assert '<p class="message">' in popover.group(2)
    assert re.search(rf'<mark class="[^"]*\bactive\b[^"]*" id="{anchor.group(1)}"', done.stdout)


def test_screenshot(report_file: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    profile = tmp_path_factory.mktemp("profile-shot")
    png = profile.parent / "report.png"
    done = chromium(
        profile,
        "--hide-scrollbars",
        "--window-size=1400,1000",
        f"--screenshot={png}",
        report_file.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page compresses to a few kilobytes
