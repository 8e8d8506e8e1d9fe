"""Hostile Word files: ZIP bombs, XML attacks, damaged packages, other formats in disguise."""

from __future__ import annotations

from pathlib import Path

import pytest

from memolint.errors import CorruptDocument, DocumentTooLarge, UnsupportedFormat

from . import builders as b
from .harness import Case, case_id, check_case

CASES = [
    # bombs: refused from the ZIP directory before anything is inflated
    Case("media-bomb.docx", b.docx_huge_media_part, DocumentTooLarge, "word/media/image1.png"),
    Case("text-node-bomb.docx", b.docx_huge_text_node, DocumentTooLarge, "64 MiB limit"),
    Case("paragraph-bomb.docx", b.docx_paragraph_flood, DocumentTooLarge, "word/document.xml"),
    Case("unreferenced-part.docx", b.docx_huge_unreferenced_part, DocumentTooLarge, "customXml"),
    Case("parts-over-total.docx", b.docx_parts_over_total, DocumentTooLarge, "160 MiB limit"),
    Case("too-many-parts.docx", b.docx_too_many_parts, DocumentTooLarge, "1,000 limit"),
    Case("dense-paragraphs.docx", b.docx_dense_paragraphs, DocumentTooLarge, "characters of text"),
    Case("lying-size.docx", b.docx_lying_part_size, CorruptDocument, "word/document.xml"),
    # XML attacks: any DTD, in any part, is refused before a parser sees it
    Case("billion-laughs.docx", b.docx_billion_laughs, CorruptDocument, "document type"),
    Case("xxe-file.docx", b.docx_xxe_file, CorruptDocument, "document type"),
    Case("xxe-network.docx", b.docx_xxe_network, CorruptDocument, "document type"),
    Case(
        "doctype-styles.docx",
        lambda: b.docx_doctype_in("word/styles.xml"),
        CorruptDocument,
        "document type declaration in word/styles.xml",
    ),
    Case(
        "doctype-content-types.docx",
        lambda: b.docx_doctype_in("[Content_Types].xml"),
        CorruptDocument,
        "document type declaration in [Content_Types].xml",
    ),
    Case(
        "doctype-package-rels.docx",
        lambda: b.docx_doctype_in("_rels/.rels"),
        CorruptDocument,
        "document type declaration in _rels/.rels",
    ),
    Case(
        "doctype-properties.docx",
        b.docx_doctype_in_metadata,
        CorruptDocument,
        "document type declaration in docProps/core.xml",
    ),
    Case("deep-nesting.docx", b.docx_deep_nesting, CorruptDocument, "malformed XML"),
    # damage
    Case("malformed.docx", b.docx_malformed_xml, CorruptDocument, "malformed XML"),
    Case("no-content-types.docx", b.docx_without_content_types, CorruptDocument, "Content_Types"),
    Case("no-document.docx", b.docx_without_document, CorruptDocument, "word/document.xml"),
    Case("truncated.docx", b.docx_truncated, CorruptDocument, "ZIP"),
    Case("not-a-zip.docx", b.not_a_zip, CorruptDocument, "not a Word document"),
    # other formats under a .docx name
    Case("word97.docx", b.ole2_document, UnsupportedFormat, "Word 97-2003"),
    # readable
    Case("macros.docm", b.docm_with_macros, None, "macros"),
    Case("plain.docx", b.good_docx, None),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_hostile_docx(case: Case, tmp_path: Path) -> None:
    check_case(case, tmp_path)


def test_macros_are_reported_never_run(tmp_path: Path) -> None:
    memo = check_case(Case("macros.docm", b.docm_with_macros, None), tmp_path)
    assert memo.text.startswith("Rollout plan")
    notes = [note for note in memo.diagnostics if "macros" in note]
    assert notes == ["contains macros (a VBA project); they were not run, the text was read"]


def test_macro_content_type_alone_is_reported(tmp_path: Path) -> None:
    parts = b.docx_parts()
    parts["[Content_Types].xml"] = b.content_types(b.MACRO_MAIN_TYPE)
    memo = check_case(Case("macros.docx", lambda: b.write_zip(parts), None, "macros"), tmp_path)
    assert memo.blocks[0].text == "Rollout plan"


def test_external_entities_are_never_fetched_or_read(tmp_path: Path) -> None:
    # Nothing from the entity's target may reach the message, and the error is the
    # DTD refusal, not a failed fetch (which would mean a fetch was tried).
    for case in (
        Case("xxe-file.docx", b.docx_xxe_file, CorruptDocument),
        Case("xxe-network.docx", b.docx_xxe_network, CorruptDocument),
    ):
        error = check_case(case, tmp_path)
        assert "root:" not in str(error) and "127.0.0.1" not in str(error)
        assert "re-save the document from Word" in str(error)
