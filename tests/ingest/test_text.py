"""The plain-text reader: structure from layout, exact source positions, decoding."""

from __future__ import annotations

import codecs
import re

import pytest

from memolint.errors import UnsupportedFormat
from memolint.ingest import memo_from_text, read_memo
from memolint.ingest.text import read_text
from memolint.model import Memo

MEMO = """\
Payments Cutover Plan

This memo proposes a staged cutover of the payments
service to the new ledger. Owners are named, and
there is no CAB.

1 Background

We ship in three waves; each wave clears the error budget first.

2.1 Rollout
Each wave is gated by an automated canary, not a meeting.

Risks and Mitigations
=====================

- Wave one: internal traffic only,
  continued on an indented line.
  * Owner: Dana, paged through PagerDuty.
    - Escalates to Lee after 15 minutes.
1. First numbered step is here.
2) Second numbered step.
\u2022 A typographic bullet.

Open Questions
--------------

* * *

Final words in\ta tabbed line end the memo.
"""

WORD = re.compile(r"[A-Za-z][\w'-]*")


@pytest.fixture(scope="module")
def memo() -> Memo:
    return read_text(MEMO, "memo.txt")


def assert_words_located(memo: Memo, source: str) -> int:
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    checked = 0
    for match in WORD.finditer(memo.text):
        location = memo.locate(match.start(), match.end())
        line = lines[location.line - 1]
        assert line[location.column - 1 :].startswith(match.group()), (
            match.group(),
            location,
            line,
        )
        assert location.end_column == location.column + len(match.group())
        checked += 1
    return checked


def test_blocks_in_order(memo: Memo) -> None:
    assert [(b.kind, b.text) for b in memo.blocks] == [
        ("title", "Payments Cutover Plan"),
        (
            "paragraph",
            "This memo proposes a staged cutover of the payments service to the new ledger. "
            "Owners are named, and there is no CAB.",
        ),
        ("heading", "1 Background"),
        ("paragraph", "We ship in three waves; each wave clears the error budget first."),
        ("heading", "2.1 Rollout"),
        ("paragraph", "Each wave is gated by an automated canary, not a meeting."),
        ("heading", "Risks and Mitigations"),
        ("list_item", "Wave one: internal traffic only, continued on an indented line."),
        ("list_item", "Owner: Dana, paged through PagerDuty."),
        ("list_item", "Escalates to Lee after 15 minutes."),
        ("list_item", "First numbered step is here."),
        ("list_item", "Second numbered step."),
        ("list_item", "A typographic bullet."),
        ("heading", "Open Questions"),
        ("paragraph", "Final words in\ta tabbed line end the memo."),
    ]


def test_heading_levels_and_paths(memo: Memo) -> None:
    headings = [(b.text, b.level) for b in memo.blocks if b.kind == "heading"]
    assert headings == [
        ("1 Background", 1),
        ("2.1 Rollout", 2),
        ("Risks and Mitigations", 1),
        ("Open Questions", 2),
    ]
    rollout = next(b for b in memo.blocks if b.text.startswith("Each wave is gated"))
    assert rollout.heading_path == ("1 Background", "2.1 Rollout")
    escalates = next(b for b in memo.blocks if b.text.startswith("Escalates"))
    assert escalates.heading_path == ("Risks and Mitigations",)


def test_list_depths(memo: Memo) -> None:
    depths = [(b.depth, b.text.split()[0]) for b in memo.blocks if b.kind == "list_item"]
    assert depths == [
        (0, "Wave"),
        (1, "Owner:"),
        (2, "Escalates"),
        (0, "First"),
        (0, "Second"),
        (0, "A"),
    ]


def test_separator_lines_are_not_prose(memo: Memo) -> None:
    assert "* * *" not in memo.text
    assert "=====" not in memo.text


def test_every_word_locates_to_its_source(memo: Memo) -> None:
    assert assert_words_located(memo, MEMO) > 80


@pytest.mark.parametrize(
    ("word", "line", "column"),
    [
        ("service", 4, 1),
        ("CAB", 5, 13),
        ("continued", 18, 3),
        ("PagerDuty", 19, 32),
        ("Escalates", 20, 7),
        ("Second", 22, 4),
        ("typographic", 23, 5),
        ("tabbed", 30, 18),
    ],
)
def test_exact_positions(memo: Memo, word: str, line: int, column: int) -> None:
    start = memo.text.index(word)
    location = memo.locate(start, start + len(word))
    assert (location.line, location.column) == (line, column)
    assert MEMO.split("\n")[line - 1][column - 1 :].startswith(word)


def test_paragraphs_split_on_blank_lines_only() -> None:
    memo = read_text("one line\nstill the same paragraph.\n\n\n\nA new paragraph.\n", "x.txt")
    assert [b.text for b in memo.blocks] == [
        "one line still the same paragraph.",
        "A new paragraph.",
    ]
    assert [b.kind for b in memo.blocks] == ["paragraph", "paragraph"]


def test_heading_heuristics() -> None:
    memo = read_text(
        "Summary\n\nA sentence ends with a period.\n\nIs this a question?\n\n"
        "lowercase short line\n\n3.2.1 Deep Section\n",
        "x.txt",
    )
    assert [(b.kind, b.level) for b in memo.blocks] == [
        ("title", 1),
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("heading", 3),
    ]


def test_setext_title_and_heading_followed_by_text() -> None:
    memo = read_text("Plan\n====\nFirst line of body.\n\nRisks\n-----\n", "x.txt")
    assert [(b.kind, b.level, b.text) for b in memo.blocks] == [
        ("title", 1, "Plan"),
        ("paragraph", None, "First line of body."),
        ("heading", 2, "Risks"),
    ]
    assert memo.locate(memo.text.index("First")).line == 3


def test_windows_line_endings_in_text() -> None:
    source = MEMO.replace("\n", "\r\n")
    memo = read_text(source, "crlf.txt")
    assert memo.text == read_text(MEMO, "lf.txt").text
    assert "\r" not in memo.text
    assert assert_words_located(memo, source) > 80


def test_old_mac_line_endings() -> None:
    memo = memo_from_text("Title Line\r\rBody text here.\rMore body.", format="text")
    assert [b.text for b in memo.blocks] == ["Title Line", "Body text here. More body."]
    assert memo.locate(memo.text.index("More")).line == 4


@pytest.mark.parametrize(
    ("encoded", "note"),
    [
        (MEMO.replace("\n", "\r\n").encode("utf-8"), None),
        (codecs.BOM_UTF8 + MEMO.encode("utf-8"), None),
        (MEMO.replace("\n", "\r\n").encode("utf-16"), None),  # Notepad: BOM + UTF-16
        (codecs.BOM_UTF16_BE + MEMO.encode("utf-16-be"), None),
        (MEMO.encode("utf-16-le"), "UTF-16-LE"),  # no byte-order mark
    ],
)
def test_encodings_through_read_memo(encoded: bytes, note: str | None) -> None:
    memo = read_memo(encoded, name="memo.txt")
    assert memo.format == "text"
    assert memo.text == read_text(MEMO, "memo.txt").text
    assert not memo.text.startswith("\ufeff")
    assert assert_words_located(memo, MEMO) > 80
    if note:
        assert any(note in diagnostic for diagnostic in memo.diagnostics)
    else:
        assert memo.diagnostics == []


def test_invalid_utf8_gives_a_diagnostic_not_a_crash() -> None:
    data = "Caf\u00e9 plan\n\nWe ship the r\u00e9sum\u00e9 service.\n".encode("cp1252")
    memo = read_memo(data, name="memo.txt")
    assert "r\u00e9sum\u00e9" in memo.text
    assert any("not valid UTF-8" in diagnostic for diagnostic in memo.diagnostics)


def test_binary_junk_is_unsupported() -> None:
    junk = bytes(range(256)) * 64
    with pytest.raises(UnsupportedFormat, match="binary"):
        read_memo(junk, name="memo.txt")
    with pytest.raises(UnsupportedFormat):
        read_memo(b"\x00\x01\x02\x03" * 1000, name="notes")


def test_suppression_comments_are_attached_to_text_memos() -> None:
    memo = memo_from_text(
        "Plan Title\n\n<!-- memolint: disable=ML201 -->\nIt was decided.\n", format="text"
    )
    assert [(s.line, s.action, s.codes) for s in memo.suppressions] == [(3, "disable", ("ML201",))]
