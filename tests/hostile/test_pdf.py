"""Hostile PDFs: stream bombs, cycles, deep nesting, floods, damage, passwords and scans."""

from __future__ import annotations

from pathlib import Path

import pytest

from memolint.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EncryptedDocument,
    NoTextLayer,
)
from memolint.limits import Limits

from . import builders as b
from .harness import Case, case_id, check_case

CASES = [
    # bombs: pypdf's decompression stops at max_stream_bytes
    Case("flate-bomb.pdf", b.pdf_flate_bomb, DocumentTooLarge, "safety limit"),
    Case("nested-flate-bomb.pdf", b.pdf_nested_flate_bomb, DocumentTooLarge, "safety limit"),
    Case("font-map-bomb.pdf", b.pdf_font_map_bomb, DocumentTooLarge, "safety limit"),
    Case("many-pages.pdf", b.pdf_many_pages, DocumentTooLarge, "500-page limit"),
    # cycles and nesting
    Case("cyclic-page-tree.pdf", b.pdf_cyclic_page_tree, CorruptDocument, "cyclic"),
    Case("deep-arrays.pdf", b.pdf_deep_arrays, CorruptDocument, "damaged"),
    Case("deep-arrays-in-content.pdf", b.pdf_deep_arrays_in_content, CorruptDocument, "nested"),
    # damage
    Case("inline-image-without-end.pdf", b.pdf_inline_image_without_end, CorruptDocument),
    Case("garbage-after-header.pdf", b.pdf_garbage_after_header, CorruptDocument, "damaged"),
    Case("truncated.pdf", b.pdf_truncated, CorruptDocument, "damaged or incomplete"),
    # passwords and scans
    Case(
        "rc4-password.pdf",
        lambda: b.pdf_encrypted("RC4-128", "secret"),
        EncryptedDocument,
        "password-protected",
    ),
    Case(
        "aes-password.pdf",
        lambda: b.pdf_encrypted("AES-256", "secret"),
        EncryptedDocument,
        "password-protected",
    ),
    Case("scanned.pdf", b.pdf_scanned, NoTextLayer, "OCR"),
    # legitimately readable, with a note of what was repaired where there is one
    Case("circular-prev.pdf", b.pdf_circular_prev, None, "Circular xref chain"),
    Case("broken-startxref.pdf", b.pdf_broken_startxref, None, "incorrect startxref"),
    Case("no-xref.pdf", b.pdf_without_xref, None, "no cross-reference table"),
    Case("comment-after-eof.pdf", b.pdf_comment_after_eof, None),
    Case("lying-count.pdf", b.pdf_lying_count, None),
    Case("rc4-empty-password.pdf", lambda: b.pdf_encrypted("RC4-128", ""), None, "empty password"),
    Case("aes-empty-password.pdf", lambda: b.pdf_encrypted("AES-256", ""), None, "empty password"),
    Case("plain.pdf", b.good_pdf, None),
]

MEMO_WORDS = "The release will possibly be approved by the CAB before each ramp step."


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_hostile_pdf(case: Case, tmp_path: Path) -> None:
    outcome = check_case(case, tmp_path)
    if case.expected is None:
        # repaired or not, the whole memo comes through
        assert MEMO_WORDS in outcome.text
        assert outcome.pages == 1


@pytest.mark.slow  # about 3 s: pypdf parses every operator
def test_a_million_operators_on_one_page_are_read_within_the_limits(tmp_path: Path) -> None:
    memo = check_case(Case("operator-flood.pdf", b.pdf_operator_flood, None), tmp_path)
    assert MEMO_WORDS in memo.text


def test_scanned_pdf_message_suggests_ocr(tmp_path: Path) -> None:
    error = check_case(Case("scan.pdf", b.pdf_scanned, NoTextLayer), tmp_path)
    assert "run OCR (e.g. ocrmypdf)" in str(error)


def test_the_page_tree_walk_stops_only_past_the_page_limit() -> None:
    # A binary page tree has the most nodes per page there can be; walking one
    # for exactly max_pages pages must still succeed, one page more must not.
    sandbox = pytest.importorskip("memolint.sandbox")
    limits = Limits(max_pages=50)
    memo = sandbox.read_isolated(b.pdf_page_tree(50), "tree.pdf", limits=limits).memo
    assert memo.pages == 50
    with pytest.raises(DocumentTooLarge, match="51 pages, over the 50-page limit"):
        sandbox.read_isolated(b.pdf_page_tree(51), "tree.pdf", limits=limits)
    with pytest.raises(DocumentTooLarge, match=r"page tree too large .* 50-page limit"):
        sandbox.read_isolated(b.pdf_many_pages(1000), "flat.pdf", limits=limits)
