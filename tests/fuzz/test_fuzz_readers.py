"""Mutated memos through the readers: a valid Memo or a MemolintError, nothing else.

Each test draws a seed document and a few edits (see ``mutations.py``),
feeds the result to :func:`memolint.ingest.memo_from_bytes` and checks that
the reader either refuses it with a :class:`~memolint.errors.MemolintError`
subclass or returns a memo whose invariants hold (see :func:`check_memo`).
Any other exception is a reader bug. The profile decides how many inputs
each test draws (see ``conftest.py``).
"""

from __future__ import annotations

import io
import os
import time
import typing
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from memolint.errors import CorruptDocument, MemolintError
from memolint.ingest import memo_from_bytes, memo_from_text
from memolint.ingest.decode import decode_text
from memolint.limits import DEFAULT_LIMITS
from memolint.model import BLOCK_SEPARATOR, AsideKind, BlockKind, Location, Memo

from . import mutations as m
from . import seeds


def _long_run() -> bool:
    if os.environ.get("MEMOLINT_FUZZ", "") not in ("", "0"):
        return True
    return settings.get_current_profile_name() == "fuzz"


fuzz = settings(settings.get_profile("fuzz" if _long_run() else "fuzz-ci"))

_KINDS = set(typing.get_args(BlockKind))
_ASIDES = set(typing.get_args(AsideKind))


# ---------------------------------------------------------------------------
# The property


def read_or_refuse(data: bytes, suffix: str, stats, kind: str, format: str | None = None):
    """Read ``data``; a MemolintError is an answer, any other exception a bug."""
    started = time.perf_counter()
    try:
        memo = memo_from_bytes(data, "<fuzz>", suffix=suffix, format=format)
    except MemolintError as error:
        stats.refused[kind] += 1
        check_error(error)
        return None
    except BaseException:
        stats.escaped[kind] += 1
        raise
    finally:
        stats.record(kind, time.perf_counter() - started)
    lines = None
    if memo.format in ("markdown", "text"):
        lines = _line_count(decode_text(data)[0])
    check_memo(memo, source_lines=lines)
    return memo


def _line_count(text: str) -> int:
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def check_error(error: MemolintError) -> None:
    """The CLI prints ``str(error)`` as its one line of output."""
    message = str(error)
    assert message.strip(), "an error must say what went wrong"
    assert "\n" not in message and "\r" not in message, message


def check_memo(memo: Memo, *, encodable: bool = True, source_lines: int | None = None) -> None:
    """Everything the model promises about a memo a reader returns.

    ``source_lines`` is the line count of a Markdown or text source, which
    every reported line must fall within.
    """
    assert memo.blocks, "a memo without blocks must be refused as empty"
    assert memo.text == BLOCK_SEPARATOR.join(block.text for block in memo.blocks)
    assert len(memo.text) <= DEFAULT_LIMITS.max_text_chars
    expected_start = 0
    for block in memo.blocks:
        assert block.kind in _KINDS, block.kind
        assert block.text.strip(), "blank blocks are dropped"
        assert block.start == expected_start, "blocks are in order, one separator apart"
        assert memo.text[block.start : block.end] == block.text
        expected_start = block.end + len(BLOCK_SEPARATOR)
        offsets = [segment.offset for segment in block.segments]
        assert offsets == sorted(offsets), "segments are in text order"
        assert all(0 <= offset <= len(block.text) for offset in offsets)
        if block.kind == "heading":
            assert block.level is None or block.level >= 1
        assert block.depth is None or block.depth >= 0
        assert memo.block_at(block.start) is block
        whole = memo.locate(block.start, block.end)
        assert whole.block == block.kind
        assert (whole.start, whole.end) == (block.start, block.end)
        _check_location(whole, memo, source_lines)
        for offset in {block.start, (block.start + block.end) // 2, block.end - 1}:
            _check_location(memo.locate(offset, offset + 1), memo, source_lines)
    for table in memo.tables:
        for row in table.rows:
            for cell in row:
                if cell is not None:
                    block = memo.blocks[cell]
                    assert block.kind == "table_cell"
                    assert block.table_index == table.index
    for aside in memo.asides:
        assert aside.kind in _ASIDES, aside.kind
        assert not aside.lint
    if encodable:
        # Every emitter writes UTF-8; a lone surrogate would crash it.
        memo.text.encode("utf-8")
        for text in [*(aside.text for aside in memo.asides), *memo.diagnostics]:
            text.encode("utf-8")


def _check_location(location: Location, memo: Memo, source_lines: int | None) -> None:
    for name in ("page", "paragraph", "line", "column", "end_line", "end_column"):
        value = getattr(location, name)
        assert value is None or value >= 1, f"{name}={value} in {location}"
    if source_lines is not None:
        for line in (location.line, location.end_line):
            assert line is None or line <= source_lines, f"line {line} of {source_lines}"
    if location.table is not None:
        assert min(location.table) >= 1, location
    if location.page is not None and memo.pages is not None:
        assert location.page <= memo.pages, location


# ---------------------------------------------------------------------------
# Strategies over the seeds (built lazily, on the first draw)

REFERENCE_NUMBERS = tuple(str(number).encode() for number in (*range(0, 20), 99999, 2**31))
SUFFIXES = ("", ".md", ".txt", ".pdf", ".docx", ".doc", ".odt", ".markdown")


def _encoded(texts: dict[str, str]) -> dict[str, bytes]:
    return {name: text.encode("utf-8") for name, text in texts.items()}


def _all_seeds() -> dict[str, bytes]:
    return {
        **seeds.docx_packages(),
        **seeds.pdf_seeds(),
        **seeds.compressed_pdf_seeds(),
        **_encoded(seeds.markdown_seeds()),
        **_encoded(seeds.text_seeds()),
    }


docx_part_cases = st.deferred(lambda: m.docx_cases(seeds.docx_parts()))
docx_zip_cases = st.deferred(
    lambda: m.raw_cases(
        seeds.docx_packages(),
        m.byte_edits(m.XML_BYTES, splice_with=seeds.docx_packages()) | m.zip_field_edits(),
        (".docx",),
    )
)
pdf_object_cases = st.deferred(
    lambda: m.raw_cases(
        seeds.pdf_seeds(),
        m.byte_edits(
            m.PDF_BYTES,
            [("pdf", m.PDF_TOKENS), ("reference", REFERENCE_NUMBERS)],
            splice_with=seeds.pdf_seeds(),
        ),
        (".pdf",),
    )
)
pdf_byte_cases = st.deferred(
    lambda: m.raw_cases(
        seeds.compressed_pdf_seeds(),
        m.byte_edits(m.PDF_BYTES, splice_with=seeds.compressed_pdf_seeds()),
        (".pdf",),
    )
)
any_format_cases = st.deferred(
    lambda: m.raw_cases(
        _all_seeds(),
        m.byte_edits(m.XML_BYTES + m.PDF_BYTES + m.TEXT_BYTES, splice_with=_all_seeds()),
        SUFFIXES,
    )
)
markdown_cases = st.deferred(lambda: m.text_cases(seeds.markdown_seeds()))
text_cases = st.deferred(lambda: m.text_cases(seeds.text_seeds()))


# ---------------------------------------------------------------------------
# The fuzz tests


@fuzz
@given(case=docx_part_cases)
def test_docx_with_mutated_parts(case: m.DocxCase, fuzz_stats) -> None:
    data = case.build(seeds.docx_parts()[case.seed], seeds.zip_parts)
    read_or_refuse(data, ".docx", fuzz_stats, "docx parts")


@fuzz
@given(case=docx_zip_cases)
def test_docx_with_mutated_zip(case: m.RawCase, fuzz_stats) -> None:
    data = case.build(seeds.docx_packages()[case.seed])
    read_or_refuse(data, case.suffix, fuzz_stats, "docx zip")


@fuzz
@given(case=pdf_object_cases)
def test_pdf_with_mutated_objects(case: m.RawCase, fuzz_stats) -> None:
    data = case.build(seeds.pdf_seeds()[case.seed])
    read_or_refuse(data, case.suffix, fuzz_stats, "pdf objects")


@fuzz
@given(case=pdf_byte_cases)
def test_pdf_with_mutated_bytes(case: m.RawCase, fuzz_stats) -> None:
    data = case.build(seeds.compressed_pdf_seeds()[case.seed])
    read_or_refuse(data, case.suffix, fuzz_stats, "pdf bytes")


@fuzz
@given(case=markdown_cases)
def test_markdown_with_mutations(case: m.TextCase, fuzz_stats) -> None:
    data = case.build(seeds.markdown_seeds()[case.seed])
    read_or_refuse(data, ".md", fuzz_stats, "markdown")


@fuzz
@given(case=text_cases, format=st.sampled_from(("text", "markdown")))
def test_text_api_with_mutations(case: m.TextCase, format: str, fuzz_stats) -> None:
    # memo_from_text takes a str, which can hold what no byte decoding yields
    # (a lone surrogate, a NUL); it must not crash on it either.
    text = case.text(seeds.text_seeds()[case.seed])
    started = time.perf_counter()
    try:
        memo = memo_from_text(text, "<fuzz>", format=format)
    except MemolintError as error:
        fuzz_stats.refused["text api"] += 1
        check_error(error)
        return
    except BaseException:
        fuzz_stats.escaped["text api"] += 1
        raise
    finally:
        fuzz_stats.record("text api", time.perf_counter() - started)
    check_memo(memo, encodable=False, source_lines=_line_count(text))


@fuzz
@given(case=any_format_cases, format=st.sampled_from((None, None, None, "markdown", "text")))
def test_any_format_with_mutated_bytes(case: m.RawCase, format: str | None, fuzz_stats) -> None:
    data = case.build(_all_seeds()[case.seed])
    read_or_refuse(data, case.suffix, fuzz_stats, "any format", format=format)


# ---------------------------------------------------------------------------
# The seeds themselves must read cleanly, or the fuzzing starts from nothing


@pytest.mark.parametrize(
    "name", ["docx", "pdf", "compressed pdf", "markdown", "text"], ids=lambda name: name
)
def test_every_seed_reads(name: str, fuzz_stats) -> None:
    collections = {
        "docx": (seeds.docx_packages(), ".docx"),
        "pdf": (seeds.pdf_seeds(), ".pdf"),
        "compressed pdf": (seeds.compressed_pdf_seeds(), ".pdf"),
        "markdown": (_encoded(seeds.markdown_seeds()), ".md"),
        "text": (_encoded(seeds.text_seeds()), ".txt"),
    }
    collection, suffix = collections[name]
    for seed, data in collection.items():
        memo = read_or_refuse(data, suffix, fuzz_stats, "seeds")
        assert memo is not None, seed
        assert len(memo.blocks) >= 2, seed


# ---------------------------------------------------------------------------
# Inputs the fuzzer found, reduced by hand


def _zip_needing_version(version: int) -> bytes:
    """A one-part package whose central directory asks for ZIP version ``version / 10``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    data[data.index(b"PK\x01\x02") + 6] = version
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "suffix", "error"),
    [
        # zipfile raises NotImplementedError for a ZIP version it cannot extract.
        pytest.param(_zip_needing_version(168), ".docx", CorruptDocument, id="zip-version"),
    ],
)
def test_fuzz_finding_is_refused(data: bytes, suffix: str, error: type[MemolintError]) -> None:
    with pytest.raises(error) as raised:
        memo_from_bytes(data, "found.docx", suffix=suffix)
    check_error(raised.value)
