"""Safety limits applied before and while a document is parsed.

Defaults suit a 3–5 page memo with room to spare; a prep platform reading
files from strangers can tighten them, and an author with a long appendix can
loosen them through configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds on what memolint will read.

    ``max_bytes`` caps the input file; the ``zip_*`` limits are checked on a
    DOCX's central directory before anything is decompressed; ``max_pages``
    and ``max_stream_bytes`` bound a PDF; ``max_text_chars`` bounds the text
    handed to the language pipeline.
    """

    max_bytes: int = 25 * MiB
    zip_max_entries: int = 1000
    zip_max_part_bytes: int = 64 * MiB
    zip_max_total_bytes: int = 160 * MiB
    zip_max_ratio: float = 200.0
    max_pages: int = 500
    max_stream_bytes: int = 64 * MiB
    max_text_chars: int = 600_000
    max_memory_bytes: int = 480 * MiB


DEFAULT_LIMITS = Limits()
