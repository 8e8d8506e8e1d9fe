"""The heavy cases stay small without the sandbox too: the readers stop them on their own.

Each file is read by ``read_memo`` in a fresh interpreter, with no address-space
cap, and that process's peak resident memory is taken from the kernel. The
sandbox's cap (``Limits.max_memory_bytes``) is a second line, never the one
that stops these.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from memolint.limits import DEFAULT_LIMITS

from . import builders as b
from .harness import MEMORY_CEILING, peak_rss_in_fresh_process

pytestmark = pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4")


def heavy(name: str, build, outcome: str, *marks: pytest.MarkDecorator):
    return pytest.param(name, build, outcome, marks=marks, id=name)


HEAVY = [
    heavy("media-bomb.docx", b.docx_huge_media_part, "DocumentTooLarge"),
    heavy("text-node-bomb.docx", b.docx_huge_text_node, "DocumentTooLarge"),
    heavy("paragraph-bomb.docx", b.docx_paragraph_flood, "DocumentTooLarge"),
    heavy("unreferenced-part.docx", b.docx_huge_unreferenced_part, "DocumentTooLarge"),
    heavy("parts-over-total.docx", b.docx_parts_over_total, "DocumentTooLarge"),
    heavy("dense-paragraphs.docx", b.docx_dense_paragraphs, "DocumentTooLarge"),
    heavy("lying-size.docx", b.docx_lying_part_size, "CorruptDocument"),
    heavy("flate-bomb.pdf", b.pdf_flate_bomb, "DocumentTooLarge"),
    heavy("nested-flate-bomb.pdf", b.pdf_nested_flate_bomb, "DocumentTooLarge"),
    heavy("font-map-bomb.pdf", b.pdf_font_map_bomb, "DocumentTooLarge"),
    heavy("many-pages.pdf", b.pdf_many_pages, "DocumentTooLarge"),
    heavy("operator-flood.pdf", b.pdf_operator_flood, "Memo", pytest.mark.slow),
    heavy("deep-arrays.pdf", b.pdf_deep_arrays, "CorruptDocument"),
    heavy("long-line.txt", b.single_long_line, "DocumentTooLarge"),
]


@pytest.mark.parametrize(("name", "build", "outcome"), HEAVY)
def test_heavy_case_peaks_under_the_ceiling_in_process(
    name: str, build, outcome: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    seen, peak = peak_rss_in_fresh_process(path)
    assert seen == outcome
    assert peak < MEMORY_CEILING, f"{peak / 2**20:.0f} MiB"


def test_the_sandbox_cap_is_under_the_ceiling() -> None:
    # Resident memory never exceeds the address space, which the child caps at this.
    assert DEFAULT_LIMITS.max_memory_bytes < MEMORY_CEILING
