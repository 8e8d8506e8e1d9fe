"""Hostile Markdown and text files: binary junk, broken encodings, extremes of size, no file."""

from __future__ import annotations

from pathlib import Path

import pytest

import memolint
from memolint.errors import CorruptDocument, DocumentTooLarge, InputNotFound, UnsupportedFormat
from memolint.ingest import read_memo

from . import builders as b
from .harness import Case, assert_one_line_naming, case_id, check_case, fingerprint

CASES = [
    Case("junk.md", b.binary_junk, UnsupportedFormat, "binary"),
    Case("junk.txt", b.binary_junk, UnsupportedFormat, "binary"),
    Case("long-line.txt", b.single_long_line, DocumentTooLarge, "600,000 limit"),
    Case("long-line.md", b.single_long_line, DocumentTooLarge, "600,000 limit"),
    Case("empty.md", b.empty, CorruptDocument, "empty"),
    Case("empty.txt", b.empty, CorruptDocument, "empty"),
    Case("blank.md", b.whitespace_only, CorruptDocument, "empty"),
    Case("blank.txt", b.whitespace_only, CorruptDocument, "empty"),
    Case("latin1.md", b.invalid_utf8, None, "not valid UTF-8"),
    Case("utf16.md", b.utf16_with_bom, None),
    Case("utf16.txt", b.utf16_with_bom, None),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_hostile_text(case: Case, tmp_path: Path) -> None:
    check_case(case, tmp_path)


def test_invalid_utf8_keeps_every_line(tmp_path: Path) -> None:
    memo = check_case(Case("latin1.md", b.invalid_utf8, None), tmp_path)
    assert memo.blocks[0].kind == "title"
    assert "Café owners sign off." in memo.text
    assert "We hold weekly syncs" in memo.text


def test_utf16_with_a_byte_order_mark_reads_as_utf8_would(tmp_path: Path) -> None:
    memo = check_case(Case("utf16.md", b.utf16_with_bom, None), tmp_path)
    plain = read_memo(b.MEMO_MARKDOWN.encode(), name="plain.md")
    assert memo.text == plain.text
    assert memo.diagnostics == []


def test_a_directory_is_not_a_memo(tmp_path: Path) -> None:
    folder = tmp_path / "memo.md"
    folder.mkdir()
    (folder / "inside.md").write_text(b.MEMO_MARKDOWN, encoding="utf-8")
    before = fingerprint(folder / "inside.md"), sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(InputNotFound) as caught:
        read_memo(folder)
    assert_one_line_naming(caught.value, folder)
    assert "is a directory" in str(caught.value)
    with pytest.raises(InputNotFound):
        memolint.Linter().read(folder)
    after = fingerprint(folder / "inside.md"), sorted(p.name for p in tmp_path.iterdir())
    assert after == before
