"""read_memo end to end: paths and bytes in, the right reader or a clear error out.

Also the inline suppression comments that travel with Markdown and text memos.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from memolint.errors import (
    SUPPORTED_FORMATS,
    CorruptDocument,
    DocumentTooLarge,
    InputNotFound,
    MemolintError,
    UnsupportedFormat,
)
from memolint.ingest import memo_from_text, read_memo
from memolint.ingest.suppressions import Suppression, is_suppressed, parse_suppressions
from memolint.limits import Limits

from .test_sniff import ODT, OLE2, PNG, make_docx, make_pdf

MARKDOWN = "# Plan\n\nWe ship the **ledger** on Friday.\n\n- Owner: Dana\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def fingerprint(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_mode


def test_pdf_named_docx_is_read_as_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.docx", make_pdf("The canary gates every wave."))
    memo = read_memo(path)
    assert memo.format == "pdf"
    assert "canary gates every wave" in memo.text
    assert memo.source == str(path)


def test_docx_named_txt_is_read_as_docx(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.txt", make_docx("Dana owns the cutover."))
    memo = read_memo(path)
    assert memo.format == "docx"
    assert "Dana owns the cutover." in memo.text


def test_markdown_and_text_by_suffix_and_by_override(tmp_path: Path) -> None:
    md = write(tmp_path, "memo.md", MARKDOWN.encode())
    txt = write(tmp_path, "memo.txt", MARKDOWN.encode())
    assert read_memo(md).format == "markdown"
    assert "**" not in read_memo(md).text
    assert read_memo(txt).format == "text"
    assert "**ledger**" in read_memo(txt).text
    assert read_memo(txt, format="markdown").format == "markdown"
    # An override cannot turn a PDF into text.
    pdf = write(tmp_path, "x.pdf", make_pdf("Plan text"))
    assert read_memo(pdf, format="text").format == "pdf"


def test_unknown_format_override_is_refused() -> None:
    with pytest.raises(UnsupportedFormat, match="unknown format"):
        read_memo(MARKDOWN.encode(), format="rtf")


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("memo.doc", OLE2, "Word 97-2003"),
        ("memo.odt", ODT, "OpenDocument"),
        ("memo.png", PNG, "image"),
        ("renamed.docx", OLE2, "Word 97-2003"),
    ],
)
def test_unsupported_files_name_the_supported_formats(
    tmp_path: Path, name: str, data: bytes, what: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(UnsupportedFormat) as raised:
        read_memo(path)
    assert what in str(raised.value)
    assert SUPPORTED_FORMATS in str(raised.value)
    assert raised.value.source == str(path)


@pytest.mark.parametrize("name", ["memo.txt", "memo.md", "memo.docx", "memo.pdf", "memo"])
@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_and_blank_files_are_corrupt_empty(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(CorruptDocument, match="empty"):
        read_memo(path)


def test_markdown_with_only_code_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.md", b"```\nprint('no prose')\n```\n")
    with pytest.raises(CorruptDocument, match="empty"):
        read_memo(path)


def test_directory_is_input_not_found(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="directory"):
        read_memo(tmp_path)


def test_missing_path_is_input_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    with pytest.raises(InputNotFound, match="no such file") as raised:
        read_memo(missing)
    assert raised.value.source == str(missing)
    assert isinstance(raised.value, MemolintError)


def test_file_over_max_bytes_is_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.md", MARKDOWN.encode() * 10)
    limits = Limits(max_bytes=100)
    with pytest.raises(DocumentTooLarge, match="limit"):
        read_memo(path, limits=limits)
    with pytest.raises(DocumentTooLarge):
        read_memo(path.read_bytes(), limits=limits, name="memo.md")
    assert read_memo(path, limits=Limits(max_bytes=len(MARKDOWN) * 10)).blocks


def test_text_over_max_text_chars_is_too_large() -> None:
    with pytest.raises(DocumentTooLarge, match="characters"):
        memo_from_text(MARKDOWN, format="markdown", limits=Limits(max_text_chars=10))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("memo.md", MARKDOWN.encode()),
        ("memo.txt", MARKDOWN.replace("\n", "\r\n").encode("utf-16")),
        ("memo.docx", make_docx("Dana owns the cutover.")),
        ("memo.pdf", make_pdf("The canary gates every wave.")),
    ],
)
def test_reading_never_modifies_the_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, name, data)
    before = fingerprint(path)
    listing = sorted(os.listdir(tmp_path))
    read_memo(path)
    read_memo(path)
    assert fingerprint(path) == before
    assert sorted(os.listdir(tmp_path)) == listing  # nothing written beside it


def test_read_only_file_is_readable(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.md", MARKDOWN.encode())
    path.chmod(stat.S_IRUSR)
    try:
        assert read_memo(path).format == "markdown"
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_bytes_keep_the_given_name() -> None:
    memo = read_memo(MARKDOWN.encode(), name="upload.md")
    assert memo.source == "upload.md"
    assert memo.format == "markdown"
    assert read_memo(MARKDOWN.encode()).source == "<bytes>"


# --- suppression comments -------------------------------------------------------------


def test_parse_suppressions_actions_and_codes() -> None:
    source = (
        "# Plan\n"
        "<!-- memolint: disable=ML201 -->\n"
        "<!--memolint:disable=ml201, ML2 ML301-->\n"
        "Text <!-- memolint: disable-next-line=ML101 --> trailing.\n"
        "Next line.\n"
        "<!-- memolint: enable -->\n"
        "<!-- memolint: disable -->\n"
        "<!-- memolint: enable=ML2 -->\n"
        "<!-- not memolint: disable -->\n"
        "<!-- memolint: disabled -->\n"
    )
    assert parse_suppressions(source) == [
        Suppression(2, "disable", ("ML201",)),
        Suppression(3, "disable", ("ML201", "ML2", "ML301")),
        Suppression(4, "disable-next-line", ("ML101",), target_line=5),
        Suppression(6, "enable", ()),
        Suppression(7, "disable", ()),
        Suppression(8, "enable", ("ML2",)),
    ]


def test_disable_next_line_skips_blank_lines_and_multiline_comments() -> None:
    source = "<!--\n  memolint: disable-next-line\n-->\n\n\nThe target.\n"
    [mark] = parse_suppressions(source)
    assert (mark.line, mark.target_line) == (1, 6)


def test_crlf_and_fenced_examples() -> None:
    source = (
        "Intro\r\n"
        "```markdown\r\n"
        "<!-- memolint: disable -->\r\n"
        "```\r\n"
        "<!-- memolint: disable=ML4 -->\r\n"
    )
    assert parse_suppressions(source) == [Suppression(5, "disable", ("ML4",))]


def test_is_suppressed_regions_and_prefixes() -> None:
    marks = parse_suppressions(
        "line one\n"
        "<!-- memolint: disable=ML2 -->\n"
        "line three\n"
        "<!-- memolint: enable=ML202 -->\n"
        "line five\n"
        "<!-- memolint: enable -->\n"
        "<!-- memolint: disable-next-line=ML101 -->\n"
        "line eight\n"
        "line nine\n"
    )
    assert not is_suppressed(marks, "ML201", 1)
    assert is_suppressed(marks, "ML201", 3)
    assert is_suppressed(marks, "ML202", 3)
    assert not is_suppressed(marks, "ML101", 3)
    assert is_suppressed(marks, "ML201", 5)
    assert not is_suppressed(marks, "ML202", 5)
    assert not is_suppressed(marks, "ML201", 7)
    assert is_suppressed(marks, "ML101", 8)
    assert not is_suppressed(marks, "ML201", 8)
    assert not is_suppressed(marks, "ML101", 9)


def test_disable_without_codes_silences_everything_until_enable() -> None:
    marks = parse_suppressions("a\n<!-- memolint: disable -->\nb\n<!-- memolint: enable -->\nc\n")
    assert is_suppressed(marks, "ML101", 3)
    assert is_suppressed(marks, "ML401", 3)
    assert not is_suppressed(marks, "ML101", 5)


def test_memos_carry_their_suppressions(tmp_path: Path) -> None:
    source = "# Plan\n\n<!-- memolint: disable-next-line=ML201 -->\nIt was decided.\n"
    memo = read_memo(write(tmp_path, "memo.md", source.encode()))
    assert memo.suppressions == [Suppression(3, "disable-next-line", ("ML201",), 4)]
    assert "memolint" not in memo.text
    decided = memo.locate(memo.text.index("It was decided"))
    assert is_suppressed(memo.suppressions, "ML201", decided.line)


@pytest.mark.parametrize(
    ("text", "format"),
    [
        ("", "text"),
        ("   \n\t\n", "text"),
        ("\n\n", "markdown"),
        ("```\nall code\n```\n", "markdown"),
    ],
)
def test_text_with_nothing_to_lint_is_an_error_not_an_empty_report(text, format) -> None:
    import memolint

    with pytest.raises(CorruptDocument, match="is empty"):
        memo_from_text(text, format=format)
    with pytest.raises(CorruptDocument, match="is empty"):
        memolint.lint_text(text, format=format)
