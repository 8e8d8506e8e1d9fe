"""One hostile file never stops a batch: the library and the command line both carry on."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from memolint.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EncryptedDocument,
    InputNotFound,
    NoTextLayer,
    UnsupportedFormat,
)
from memolint.linter import Linter

from . import builders as b
from .harness import assert_one_line_naming, fingerprint

#: (file name, its builder, the error its Report must carry or None for a linted memo)
BATCH = [
    ("first.md", lambda: b.MEMO_MARKDOWN.encode(), None),
    ("media-bomb.docx", b.docx_huge_media_part, DocumentTooLarge),
    ("xxe.docx", b.docx_xxe_file, CorruptDocument),
    ("word97.docx", b.ole2_document, UnsupportedFormat),
    ("flate-bomb.pdf", b.pdf_flate_bomb, DocumentTooLarge),
    ("cyclic.pdf", b.pdf_cyclic_page_tree, CorruptDocument),
    ("locked.pdf", lambda: b.pdf_encrypted("AES-256", "secret"), EncryptedDocument),
    ("scanned.pdf", b.pdf_scanned, NoTextLayer),
    ("junk.md", b.binary_junk, UnsupportedFormat),
    ("empty.txt", b.empty, CorruptDocument),
    ("no-xref.pdf", b.pdf_without_xref, None),
    ("macros.docm", b.docm_with_macros, None),
    ("last.docx", b.good_docx, None),
]


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    for name, build, _ in BATCH:
        (tmp_path / name).write_bytes(build())
    return tmp_path


def _fingerprints(folder: Path) -> dict[str, tuple[str, int, list[str]]]:
    return {path.name: fingerprint(path) for path in folder.iterdir() if path.is_file()}


@pytest.mark.parametrize("isolate", [True, False], ids=["isolated", "in-process"])
def test_lint_many_yields_a_report_per_input_in_order(
    batch: Path, linter: Linter, isolate: bool
) -> None:
    folder = batch / "folder.md"
    folder.mkdir()
    paths = [batch / name for name, _, _ in BATCH]
    paths.insert(5, folder)
    expected = [error for _, _, error in BATCH]
    expected.insert(5, InputNotFound)
    before = _fingerprints(batch)

    chosen = linter if isolate else Linter(replace(linter.config, isolate=False))
    reports = list(chosen.lint_many(paths))

    assert [report.source for report in reports] == [str(path) for path in paths]
    for path, report, error in zip(paths, reports, expected, strict=True):
        if error is None:
            assert report.error is None, report.error
            assert report.findings, path.name
            assert "ML101" in {finding.code for finding in report.findings}
        else:
            assert type(report.error) is error, (path.name, report.error)
            assert_one_line_naming(report.error, path)
            assert not report.findings
    assert _fingerprints(batch) == before


def test_check_on_a_folder_reports_good_files_and_one_line_per_bad_one(batch: Path) -> None:
    before = _fingerprints(batch)
    done = subprocess.run(
        [sys.executable, "-m", "memolint", "check", "."],
        capture_output=True,
        text=True,
        cwd=batch,
        timeout=180,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    # the CLI walks .docx, .pdf, .md and .txt; macros.docm is not discovered
    discovered = [name for name, _, _ in BATCH if not name.endswith(".docm")]
    bad = sorted(name for name, _, error in BATCH if error is not None)
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == len(bad), errors
    assert sorted(line.split(": ")[2] for line in errors) == bad
    assert all(line.startswith("memolint: error: ") for line in errors)
    for name in ("first.md", "no-xref.pdf", "last.docx"):
        lines = [line for line in done.stdout.splitlines() if line.startswith(f"{name}:")]
        assert any(" ML101 " in line for line in lines), name
    assert f"{len(discovered)} files checked, {len(bad)} could not be read." in done.stdout
    assert _fingerprints(batch) == before
