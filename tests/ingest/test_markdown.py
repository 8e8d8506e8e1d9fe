"""The Markdown reader: structure, rendered text, and exact source positions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from memolint.ingest import memo_from_text, read_memo
from memolint.ingest.markdown import read_markdown
from memolint.model import Memo

MEMO = """\
---
title: Payments cutover
owner: sign-off-in-front-matter
---

# Payments cutover plan

This memo proposes a **staged cutover** of the _payments_ service to the new
ledger, with [automated canaries](https://example.com/canary "Canary docs") and
an `auto-rollback` guard. Owners are named; there is no CAB.

## Rollout

We ship in three waves.[^risk] Each wave ***must*** clear the error budget
before the next one starts, checked by `make verify`.

### Wave details

1. Wave one: internal traffic only.
   - Owner: Dana, paged through PagerDuty.
   - Threshold: p99 latency under 250 ms.
2. Wave two: ten percent of merchants.
    * Nested with four spaces.
3. Wave three: everyone, after ~~manual~~ automated checks.

- A tight bullet with a [reference link][ref] inside.
- Another bullet with an image ![diagram of waves](waves.png) here.

> Earlier drafts said "we need approval from the steering committee";
> that step is gone.

| Task | Dana | Lee |
|------|:----:|-----|
| Cutover | R | A |
| **Comms** | C | I |

```yaml
approval: sign-off required
```

    indented codeword-indented here

<div class="note">
htmlblockword inside an HTML block
</div>

## Ownership

Final paragraph with a hard break\\
and an escaped \\*star\\* and an entity &mdash; done.
Tab\tseparated words stay\tput.

[ref]: https://example.com/reference-target
[^risk]: If a wave fails silently, the reconciliation job alerts within fifteen minutes.
"""

WORD = re.compile(r"[A-Za-z][\w'-]*")


@pytest.fixture(scope="module")
def memo() -> Memo:
    return read_markdown(MEMO, "memo.md")


def kinds(memo: Memo) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in memo.blocks]


def block(memo: Memo, text: str):
    matches = [b for b in memo.blocks if text in b.text]
    assert len(matches) == 1, (text, matches)
    return matches[0]


def assert_words_located(memo: Memo, source: str) -> int:
    """Every word of the memo's text locates to exactly that word in the source."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    checked = 0
    for match in WORD.finditer(memo.text):
        location = memo.locate(match.start(), match.end())
        assert location.line is not None, match.group()
        line = lines[location.line - 1]
        assert line[location.column - 1 :].startswith(match.group()), (
            match.group(),
            location.line,
            location.column,
            line,
        )
        assert location.end_line == location.line
        assert location.end_column == location.column + len(match.group())
        checked += 1
    return checked


def test_format_and_source(memo: Memo) -> None:
    assert memo.format == "markdown"
    assert memo.source == "memo.md"


def test_block_kinds_in_order(memo: Memo) -> None:
    sequence = [block.kind for block in memo.blocks]
    assert sequence == [
        "title",
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        *["list_item"] * 8,
        "paragraph",
        *["table_cell"] * 9,
        "heading",
        "paragraph",
        "footnote",
    ]


def test_title_and_heading_levels(memo: Memo) -> None:
    headings = [(b.kind, b.level, b.text) for b in memo.blocks if b.kind in ("title", "heading")]
    assert headings == [
        ("title", 1, "Payments cutover plan"),
        ("heading", 2, "Rollout"),
        ("heading", 3, "Wave details"),
        ("heading", 2, "Ownership"),
    ]


def test_heading_paths(memo: Memo) -> None:
    assert block(memo, "Wave one").heading_path == ("Rollout", "Wave details")
    assert block(memo, "Final paragraph").heading_path == ("Ownership",)
    assert block(memo, "This memo proposes").heading_path == ()


def test_rendered_text_drops_markup(memo: Memo) -> None:
    assert block(memo, "This memo proposes").text == (
        "This memo proposes a staged cutover of the payments service to the new ledger, "
        "with automated canaries and an auto-rollback guard. Owners are named; there is no CAB."
    )
    assert block(memo, "three waves").text == (
        "We ship in three waves. Each wave must clear the error budget before the next one "
        "starts, checked by make verify."
    )
    assert block(memo, "Final paragraph").text == (
        "Final paragraph with a hard break and an escaped *star* and an entity \u2014 done. "
        "Tab\tseparated words stay\tput."
    )
    assert block(memo, "image").text == "Another bullet with an image diagram of waves here."
    assert "reference link inside" in memo.text
    for hidden in ("https://", "example.com", "**", "`", "[^", "waves.png", "Canary docs"):
        assert hidden not in memo.text


def test_lists_have_depths(memo: Memo) -> None:
    items = [(b.depth, b.text) for b in memo.blocks if b.kind == "list_item"]
    assert items == [
        (0, "Wave one: internal traffic only."),
        (1, "Owner: Dana, paged through PagerDuty."),
        (1, "Threshold: p99 latency under 250 ms."),
        (0, "Wave two: ten percent of merchants."),
        (1, "Nested with four spaces."),
        (0, "Wave three: everyone, after manual automated checks."),
        (0, "A tight bullet with a reference link inside."),
        (0, "Another bullet with an image diagram of waves here."),
    ]


def test_block_quote_is_a_paragraph(memo: Memo) -> None:
    quote = block(memo, "Earlier drafts")
    assert quote.kind == "paragraph"
    assert quote.text == (
        'Earlier drafts said "we need approval from the steering committee"; that step is gone.'
    )


def test_raci_table_cells(memo: Memo) -> None:
    assert len(memo.tables) == 1
    table = memo.tables[0]
    assert table.cell_texts(memo) == [
        ["Task", "Dana", "Lee"],
        ["Cutover", "R", "A"],
        ["Comms", "C", "I"],
    ]
    assert table.line == MEMO.split("\n").index("| Task | Dana | Lee |") + 1
    cells = {b.table: b for b in memo.blocks if b.kind == "table_cell"}
    assert cells[(1, 1)].text == "Task"
    assert cells[(2, 3)].text == "A"
    assert cells[(3, 1)].text == "Comms"
    assert all(b.table_index == 0 for b in cells.values())
    lines = MEMO.split("\n")
    for cell in cells.values():
        location = memo.block_location(cell)
        assert location.table == cell.table
        assert lines[location.line - 1][location.column - 1 :].startswith(cell.text)
    # The "A" cell is in the last column, not the "A" of a word before it.
    location = memo.block_location(cells[(2, 3)])
    assert lines[location.line - 1][location.column - 1 :] == "A |"


def test_footnote_definition(memo: Memo) -> None:
    note = block(memo, "reconciliation job")
    assert note.kind == "footnote"
    assert note.text.startswith("If a wave fails silently")
    assert memo.blocks[-1] is note


def test_code_html_front_matter_and_link_targets_absent(memo: Memo) -> None:
    for absent in (
        "sign-off",
        "codeword-indented",
        "htmlblockword",
        "yaml",
        "Payments cutover\n",
        "reference-target",
    ):
        assert absent not in memo.text


def test_every_word_locates_to_its_source(memo: Memo) -> None:
    assert assert_words_located(memo, MEMO) > 150


@pytest.mark.parametrize(
    ("word", "line_text", "column"),
    [
        (
            "staged",
            "This memo proposes a **staged cutover** of the _payments_ service to the new",
            24,
        ),
        (
            "payments",
            "This memo proposes a **staged cutover** of the _payments_ service to the new",
            49,
        ),
        (
            "automated",
            'ledger, with [automated canaries](https://example.com/canary "Canary docs") and',
            15,
        ),
        ("auto-rollback", "an `auto-rollback` guard. Owners are named; there is no CAB.", 5),
        ("must", "We ship in three waves.[^risk] Each wave ***must*** clear the error budget", 45),
        ("automated checks", "3. Wave three: everyone, after ~~manual~~ automated checks.", 43),
        ("Nested", "    * Nested with four spaces.", 7),
        ("diagram", "- Another bullet with an image ![diagram of waves](waves.png) here.", 34),
        ("star", "and an escaped \\*star\\* and an entity &mdash; done.", 18),
        ("put", "Tab\tseparated words stay\tput.", 26),
    ],
)
def test_exact_positions(memo: Memo, word: str, line_text: str, column: int) -> None:
    found = re.search(rf"\b{re.escape(word)}\b", memo.text)
    assert found is not None
    location = memo.locate(found.start(), found.end())
    assert location.line == MEMO.split("\n").index(line_text) + 1
    assert location.column == column
    assert line_text[column - 1 :].startswith(word)


def test_character_after_a_link_is_not_found_inside_its_url() -> None:
    source = "See [the canary](https://a.example/canary) canary results.\n"
    memo = read_markdown(source, "x.md")
    assert memo.text == "See the canary canary results."
    second = memo.text.index("canary", memo.text.index("canary") + 1)
    assert memo.locate(second).column == source.index(") canary") + 3


def test_hard_breaks_become_one_space() -> None:
    source = "Two trailing spaces" + "  " + "\nthen a backslash\\\nand done.\n"
    memo = read_markdown(source, "x.md")
    assert memo.text == "Two trailing spaces then a backslash and done."
    assert_words_located(memo, source)


def test_softbreak_joins_lines_with_one_space() -> None:
    source = "First line of prose\n   continues here\nand ends here.\n"
    memo = read_markdown(source, "x.md")
    assert memo.text == "First line of prose continues here and ends here."
    assert [(s.line, s.column) for s in memo.blocks[0].segments] == [(1, 1), (2, 4), (3, 1)]


def test_crlf_input_keeps_lines_and_columns() -> None:
    source = MEMO.replace("\n", "\r\n")
    memo = read_markdown(source, "crlf.md")
    assert memo.text == read_markdown(MEMO, "lf.md").text
    assert "\r" not in memo.text
    assert assert_words_located(memo, source) > 150


def test_crlf_bytes_through_read_memo() -> None:
    memo = read_memo(MEMO.replace("\n", "\r\n").encode("utf-8"), name="memo.md")
    assert memo.format == "markdown"
    assert assert_words_located(memo, MEMO) > 150


def test_tabs_in_list_indentation_and_text() -> None:
    source = "-\tTabbed bullet text\n\t-\tNested tabbed bullet\n\nA\tparagraph\twith tabs.\n"
    memo = read_markdown(source, "tabs.md")
    assert [(b.kind, b.depth, b.text) for b in memo.blocks] == [
        ("list_item", 0, "Tabbed bullet text"),
        ("list_item", 1, "Nested tabbed bullet"),
        ("paragraph", None, "A\tparagraph\twith tabs."),
    ]
    assert_words_located(memo, source)


def test_first_heading_is_title_only_when_first() -> None:
    memo = read_markdown("Intro paragraph.\n\n# Late top heading\n\nBody.\n", "x.md")
    assert [(b.kind, b.level) for b in memo.blocks] == [
        ("paragraph", None),
        ("heading", 1),
        ("paragraph", None),
    ]
    memo = read_markdown("# One\n\n# Two\n", "x.md")
    assert [(b.kind, b.level) for b in memo.blocks] == [("title", 1), ("heading", 1)]


def test_setext_and_closed_atx_headings() -> None:
    source = "Setext title\n============\n\nSetext section\n--------------\n\n## Closed ##\n"
    memo = read_markdown(source, "x.md")
    assert kinds(memo) == [
        ("title", "Setext title"),
        ("heading", "Setext section"),
        ("heading", "Closed"),
    ]
    assert [b.level for b in memo.blocks] == [1, 2, 2]
    located = [(memo.block_location(b).line, memo.block_location(b).column) for b in memo.blocks]
    assert located == [(1, 1), (4, 1), (7, 4)]


def test_inline_code_keeps_its_text_at_its_position() -> None:
    source = "Run `` make `deploy` `` and `multi\nline` now.\n"
    memo = read_markdown(source, "x.md")
    assert memo.text == "Run make `deploy` and multi line now."
    location = memo.locate(memo.text.index("make"))
    assert (location.line, location.column) == (1, 8)
    location = memo.locate(memo.text.index("line"))
    assert (location.line, location.column) == (2, 1)


def test_links_autolinks_and_inline_html() -> None:
    source = (
        "A [link *with* `code`](<https://x.example/a b> 'title') then <b>bold</b> and "
        "<https://auto.example> plus [collapsed][] and [short].\n\n"
        "[collapsed]: https://c.example\n[short]: https://s.example\n"
    )
    memo = read_markdown(source, "x.md")
    assert memo.text == (
        "A link with code then bold and https://auto.example plus collapsed and short."
    )
    assert assert_words_located(memo, source) > 10


def test_list_item_with_several_paragraphs_and_nested_list() -> None:
    source = (
        "- First item opens.\n\n  It continues in a second paragraph.\n"
        "  - Nested under it.\n- Second item.\n"
    )
    memo = read_markdown(source, "x.md")
    assert [(b.kind, b.depth, b.text) for b in memo.blocks] == [
        ("list_item", 0, "First item opens. It continues in a second paragraph."),
        ("list_item", 1, "Nested under it."),
        ("list_item", 0, "Second item."),
    ]
    assert_words_located(memo, source)


def test_lists_and_quotes_nest_both_ways() -> None:
    source = "> - Quoted item.\n> - Another.\n\n- Item.\n\n  > Quote in item.\n"
    memo = read_markdown(source, "x.md")
    assert [(b.kind, b.text) for b in memo.blocks] == [
        ("list_item", "Quoted item."),
        ("list_item", "Another."),
        ("list_item", "Item."),
        ("paragraph", "Quote in item."),
    ]
    assert_words_located(memo, source)


def test_table_with_inline_markup_and_empty_cells() -> None:
    source = "| Role | Who |\n|---|---|\n| **Decides** | |\n| | `pager` |\n"
    memo = read_markdown(source, "x.md")
    assert memo.tables[0].cell_texts(memo) == [["Role", "Who"], ["Decides", ""], ["", "pager"]]
    assert memo.tables[0].rows[1][1] is None
    assert_words_located(memo, source)


def test_only_code_is_empty_memo() -> None:
    memo = read_markdown("```\nall code\n```\n", "x.md")
    assert memo.blocks == []
    assert memo.text == ""


def test_memo_from_text_dispatches_to_markdown() -> None:
    memo = memo_from_text("# T\n\nBody **bold**.\n", format="markdown")
    assert memo.format == "markdown"
    assert memo.text == "T\n\nBody bold."


def test_large_document_is_read_in_one_linear_pass() -> None:
    section = (
        "## Section {n}\n\n"
        "Paragraph {n} has **bold**, a [link](https://x.example/{n}) and `code`.\n"
        "It wraps onto a second line.\n\n"
        "- Bullet {n}\n  - Nested {n}\n\n"
        "| A | B |\n|---|---|\n| r{n} | c{n} |\n\n"
    )
    source = "# Big\n\n" + "".join(section.format(n=n) for n in range(850))
    assert source.count("\n") >= 10_000
    memo = read_markdown(source, "big.md")
    assert sum(1 for b in memo.blocks if b.kind == "heading") == 850
    assert len(memo.tables) == 850
    last = memo.text.rindex("Nested 849")
    assert memo.locate(last).line == source.split("\n").index("  - Nested 849") + 1


MARKDOWN_PIECES = st.sampled_from(
    [
        "word",
        "Word",
        " ",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "#",
        "- ",
        "1. ",
        "> ",
        "|",
        "\\",
        "&amp;",
        "\t",
        "~~",
        "[^1]",
        "[^1]: ",
        "---\n",
        "```\n",
        "<!-- c -->",
        "http://x.y",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=40).map("".join))
def test_any_input_gives_in_range_locations(source: str) -> None:
    memo = read_markdown(source, "fuzz.md")
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for b in memo.blocks:
        assert b.text == b.text.strip()
        for offset in range(len(b.text)):
            _, line, column = b.position(offset)
            if line is not None:
                assert 1 <= line <= len(lines)
                assert column >= 1


def test_escaped_pipes_in_table_cells_keep_their_columns() -> None:
    source = "| Flag | Meaning |\n|---|---|\n| `a \\| b` | either a \\| b, not both |\n"
    memo = read_markdown(source, "x.md")
    assert memo.tables[0].cell_texts(memo)[1] == ["a | b", "either a | b, not both"]
    assert_words_located(memo, source)
    either = memo.locate(memo.text.index("b, not"))
    assert source.split("\n")[2][either.column - 1 :].startswith("b, not")


def test_inline_footnote_points_back_into_its_paragraph() -> None:
    source = "We ship Friday^[unless the canary\nfails twice] and announce it.\n"
    memo = read_markdown(source, "x.md")
    assert [(b.kind, b.text) for b in memo.blocks] == [
        ("paragraph", "We ship Friday and announce it."),
        ("footnote", "unless the canary fails twice"),
    ]
    assert_words_located(memo, source)
