"""``memolint check``: exit codes, formats, selection, files and errors."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from cli_support import CLEAN, WEAK, Run, one_error_line


def test_findings_exit_1_with_text_lines(run: Run, memos: Path) -> None:
    result = run("check", "weak.txt")
    assert result.code == 1
    assert "weak.txt:3:" in result.out and " ML101 " in result.out
    assert "1 file checked." in result.out
    assert result.err == ""


def test_clean_exit_0(run: Run, memos: Path) -> None:
    result = run("check", "clean.txt", "--select", "ML1")
    assert result.code == 0, result.out
    assert "All checks passed." in result.out


def test_fail_on(run: Run, memos: Path) -> None:
    # Only warnings (passive voice, hedging) are selected.
    assert run("check", "weak.txt", "--select", "ML2").code == 1
    assert run("check", "weak.txt", "--select", "ML2", "--fail-on", "error").code == 0
    assert run("check", "weak.txt", "--fail-on", "never").code == 0
    assert run("check", "weak.txt", "--fail-on", "error").code == 1


def test_select_and_ignore_take_codes_and_prefixes(run: Run, memos: Path) -> None:
    result = run("check", "weak.txt", "--format", "jsonl", "--select", "ML1,ML202")
    codes = {json.loads(line)["code"] for line in result.out.splitlines()}
    assert codes == {"ML101", "ML103", "ML202"}
    result = run(
        "check",
        "weak.txt",
        "--format",
        "jsonl",
        "--select",
        "ML1",
        "--ignore",
        "ML103",
        "--ignore",
        "ML104",
    )
    assert {json.loads(line)["code"] for line in result.out.splitlines()} == {"ML101"}


def test_bare_file_means_check(run: Run, memos: Path) -> None:
    assert run("weak.txt", "--select", "ML101").code == 1
    assert run("--format", "jsonl", "weak.txt").code == 1


def test_directories_are_walked(run: Run, memos: Path) -> None:
    (memos / "sub").mkdir()
    (memos / "sub" / "b.md").write_text(WEAK, encoding="utf-8")
    (memos / ".hidden").mkdir()
    (memos / ".hidden" / "c.txt").write_text(WEAK, encoding="utf-8")
    (memos / "node_modules").mkdir()
    (memos / "node_modules" / "d.md").write_text(WEAK, encoding="utf-8")
    (memos / "notes.odt").write_bytes(b"not looked at")
    result = run("check", ".", "--format", "json", "--select", "ML101", "--fail-on", "never")
    sources = [report["source"] for report in json.loads(result.out)["reports"]]
    # A folder's own files first, sorted, then its subfolders, sorted.
    assert sources == ["clean.txt", "weak.txt", os.path.join("sub", "b.md")]


def test_json_output(run: Run, memos: Path) -> None:
    result = run("check", "weak.txt", "clean.txt", "--format", "json")
    data = json.loads(result.out)
    assert data["schema"] == 1
    assert [report["source"] for report in data["reports"]] == ["weak.txt", "clean.txt"]
    assert all(report["text"] is None for report in data["reports"])
    with_text = json.loads(run("check", "weak.txt", "--format", "json", "--include-text").out)
    assert with_text["reports"][0]["text"].startswith("Rollout plan")


def test_jsonl_output(run: Run, memos: Path) -> None:
    result = run("check", "weak.txt", "--format", "jsonl")
    records = [json.loads(line) for line in result.out.splitlines()]
    assert records and all(record["source"] == "weak.txt" for record in records)
    assert {"code", "severity", "message", "location"} <= set(records[0])


def test_sarif_and_github_formats(run: Run, memos: Path) -> None:
    sarif = json.loads(run("check", "weak.txt", "--format", "sarif").out)
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"]
    github = run("check", "weak.txt", "--format", "github").out.splitlines()
    assert github and all(
        line.startswith(("::error ", "::warning ", "::notice ")) for line in github
    )


def test_statistics(run: Run, memos: Path) -> None:
    result = run("check", "weak.txt", "--statistics", "--select", "ML1")
    lines = result.out.splitlines()
    assert any(line.split()[:3] == ["1", "ML101", "error"] for line in lines if line.strip())
    assert any(line.split()[:2] == ["1", "ML103"] for line in lines if line.strip())
    assert "  │ " not in result.out
    data = json.loads(run("check", "weak.txt", "--statistics", "--format", "json").out)
    assert {row["code"] for row in data["statistics"]} >= {"ML101", "ML103"}
    assert "memolint: error:" in run("check", "weak.txt", "--statistics", "--format", "sarif").err


def test_quiet(run: Run, memos: Path) -> None:
    assert run("check", "clean.txt", "--select", "ML1", "--quiet").out == ""
    out = run("check", "weak.txt", "-q").out
    assert len(out.strip().splitlines()) == 1 and out.startswith("Found ")


def test_no_score(run: Run, memos: Path) -> None:
    data = json.loads(run("check", "weak.txt", "--format", "json", "--no-score").out)
    assert data["reports"][0]["scores"] == {}


def test_output_file_is_written_and_inputs_untouched(run: Run, memos: Path) -> None:
    before = {path.name: _digest(path) for path in memos.iterdir()}
    out_dir = memos / "reports"
    out_dir.mkdir()
    result = run("check", "weak.txt", "--format", "sarif", "--output", "reports/memo.sarif")
    assert result.code == 1 and result.out == ""
    assert json.loads((out_dir / "memo.sarif").read_text())["version"] == "2.1.0"
    assert [path.name for path in out_dir.iterdir()] == ["memo.sarif"]  # no temporary left
    after = {path.name: _digest(path) for path in memos.iterdir() if path.name != "reports"}
    assert after == before  # nothing new beside the inputs, inputs unchanged


def test_text_output_file_has_no_colour(run: Run, memos: Path) -> None:
    run("check", "weak.txt", "-o", "out.txt")
    assert "\x1b[" not in (memos / "out.txt").read_text()
    run("check", "weak.txt", "-o", "out.txt", "--color")
    assert "\x1b[" in (memos / "out.txt").read_text()


def test_output_never_overwrites_an_input(run: Run, memos: Path) -> None:
    before = (memos / "weak.txt").read_bytes()
    line = one_error_line(run("check", "weak.txt", "-o", "weak.txt"))
    assert "is one of the memos being checked" in line
    assert (memos / "weak.txt").read_bytes() == before


def test_jobs_keep_input_order(run: Run, memos: Path) -> None:
    for index in range(3):
        (memos / f"m{index}.txt").write_text(WEAK, encoding="utf-8")
    files = ["m0.txt", "clean.txt", "m1.txt", "m2.txt"]
    serial = json.loads(run("check", *files, "--format", "json", "--no-score").out)
    parallel = json.loads(run("check", *files, "--format", "json", "--no-score", "-j", "2").out)
    assert [r["source"] for r in parallel["reports"]] == files
    assert [r["findings"] for r in parallel["reports"]] == [
        r["findings"] for r in serial["reports"]
    ]


# -- errors: one line on stderr, exit 2 ------------------------------------


def test_missing_file(run: Run, memos: Path) -> None:
    line = one_error_line(run("check", "nope.docx"))
    assert "nope.docx" in line


def test_directory_without_memos(run: Run, memos: Path) -> None:
    (memos / "empty").mkdir()
    (memos / "empty" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    line = one_error_line(run("check", "empty"))
    assert "no memos found" in line


def test_corrupt_docx(run: Run, memos: Path) -> None:
    (memos / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    line = one_error_line(run("check", "broken.docx"))
    assert "broken.docx" in line


def test_docx_without_document_part(run: Run, memos: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    (memos / "hollow.docx").write_bytes(buffer.getvalue())
    one_error_line(run("check", "hollow.docx"))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("memo.odt", b"PK\x03\x04"),
        ("memo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32),
        ("memo.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32),
    ],
)
def test_unsupported_formats(run: Run, memos: Path, name: str, data: bytes) -> None:
    if name.endswith(".odt"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        data = buffer.getvalue()
    (memos / name).write_bytes(data)
    line = one_error_line(run("check", name))
    assert name in line and "not supported" in line


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("check", "weak.txt", "--format", "xml"), "invalid choice: 'xml'"),
        (("check", "weak.txt", "--select", "ML999"), "--select: unknown rule code or prefix"),
        (("check", "weak.txt", "--ignore", "ZZ"), "--ignore: unknown rule code or prefix"),
        (("check", "weak.txt", "--fail-on", "sometimes"), "invalid choice"),
        (("check",), "required: PATH"),
        (("check", "weak.txt", "--jobs", "x"), "invalid number of jobs"),
        (("check", "weak.txt", "--no-such-flag"), "unrecognized arguments"),
    ],
)
def test_usage_errors(run: Run, memos: Path, args: tuple[str, ...], needle: str) -> None:
    line = one_error_line(run(*args))
    assert needle in line


def test_a_bad_file_does_not_stop_the_batch(run: Run, memos: Path) -> None:
    (memos / "broken.docx").write_bytes(b"PK\x03\x04 junk")
    result = run("check", "weak.txt", "broken.docx", "missing.md", "--format", "json")
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if line]
    assert len(errors) == 2 and all(line.startswith("memolint: error: ") for line in errors)
    assert "Traceback" not in result.err
    reports = json.loads(result.out)["reports"]
    assert reports[0]["source"] == "weak.txt" and reports[0]["findings"]
    assert [report["error"] is not None for report in reports] == [False, True, True]


def test_debug_shows_the_traceback(run: Run, memos: Path) -> None:
    (memos / "broken.docx").write_bytes(b"PK\x03\x04 junk")
    result = run("check", "broken.docx", "--debug")
    assert result.code == 2
    assert "Traceback" in result.err


def test_version_and_help(run: Run) -> None:
    from memolint import __version__

    version = run("--version")
    assert version.code == 0 and version.out.strip() == f"memolint {__version__}"
    help_text = run("--help")
    assert help_text.code == 0 and "check" in help_text.out and "rule" in help_text.out
    check_help = run("check", "--help")
    assert "--fail-on" in check_help.out and "--statistics" in check_help.out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_clean_memo_has_no_warnings_under_ml1(run: Run, memos: Path) -> None:
    # Guards the fixtures: CLEAN must stay clean for the exit-0 tests to mean anything.
    assert CLEAN and WEAK
    result = run("check", "clean.txt", "--select", "ML1,ML2", "--format", "jsonl")
    assert result.out == "", result.out
