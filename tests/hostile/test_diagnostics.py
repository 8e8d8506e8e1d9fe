"""What a reader repairs, skips or declines to run is said in the diagnostics, never hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import builders as b

CASES = [
    # pypdf's warnings (logged under "pypdf") about repairs and skipped objects
    ("broken-startxref.pdf", b.pdf_broken_startxref, ["pypdf: incorrect startxref pointer"]),
    ("circular-prev.pdf", b.pdf_circular_prev, ["pypdf: Circular xref chain detected"]),
    (
        "stray-entry.pdf",
        b.pdf_stray_page_tree_entry,
        ["pypdf: Ignoring page tree entry that is not a dictionary"],
    ),
    ("no-xref.pdf", b.pdf_without_xref, ["no cross-reference table"]),
    ("open.pdf", lambda: b.pdf_encrypted("AES-256", ""), ["encrypted with an empty password"]),
    # Word oddities: tracked changes, content left out, macros not run
    (
        "oddities.docx",
        b.docx_with_oddities,
        [
            "has tracked changes: 1 insertion(s) read as accepted, 1 deletion(s) left out",
            "content skipped (not linted): 1 image, chart or embedded object",
        ],
    ),
    ("macros.docm", b.docm_with_macros, ["contains macros", "they were not run"]),
    # text decoded with a fallback
    ("latin1.md", b.invalid_utf8, ["not valid UTF-8", "read as Windows-1252"]),
]


@pytest.mark.parametrize(("name", "build", "notes"), CASES, ids=[case[0] for case in CASES])
def test_oddities_surface_in_the_report(name: str, build, notes, tmp_path: Path, linter) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    report = linter.lint(path)
    assert report.error is None and report.findings
    assert report.diagnostics == report.memo.diagnostics
    for note in notes:
        assert any(note in line for line in report.diagnostics), (note, report.diagnostics)
    assert all(line and "\n" not in line for line in report.diagnostics)


def test_a_clean_file_has_no_diagnostics(tmp_path: Path, linter) -> None:
    for name, build in (("plain.pdf", b.good_pdf), ("plain.docx", b.good_docx)):
        path = tmp_path / name
        path.write_bytes(build())
        assert linter.lint(path).diagnostics == []


def test_tracked_changes_read_as_accepted(tmp_path: Path, linter) -> None:
    path = tmp_path / "oddities.docx"
    path.write_bytes(b.docx_with_oddities())
    text = linter.lint(path).text
    assert "Owner: Dana" in text and "Sam" not in text
