"""Document statistics: counts from the parsed docs, readability from textstat."""

from __future__ import annotations

from memolint.parsed import ParsedMemo
from memolint.report import Stats

#: A typeset page of a memo holds about this many words (used for text/Markdown).
WORDS_PER_PAGE = 500


def compute_stats(parsed: ParsedMemo) -> Stats:
    words = 0
    sentences = 0
    prose: list[str] = []
    for block in parsed.blocks:
        words += sum(1 for token in block.doc if not (token.is_punct or token.is_space))
        if block.block.kind == "table_cell":
            continue
        sentences += sum(1 for _ in block.doc.sents)
        prose.append(block.block.text)
    memo_pages = parsed.memo.pages
    pages = float(memo_pages) if memo_pages else round(words / WORDS_PER_PAGE, 2)
    passives = parsed.counters.get("passive_clauses", 0)
    clauses = max(parsed.counters.get("clauses", 0), 1)
    hedges = parsed.counters.get("hedges", 0)
    return Stats(
        words=words,
        sentences=sentences,
        pages=pages,
        passive_ratio=passives / clauses if parsed.counters.get("clauses") else 0.0,
        hedge_density=hedges / sentences if sentences else 0.0,
        readability=_readability("\n\n".join(prose)),
    )


def _readability(text: str) -> dict[str, float]:
    if not text.strip():
        return {}
    import textstat

    return {
        "flesch_reading_ease": float(textstat.flesch_reading_ease(text)),
        "flesch_kincaid_grade": float(textstat.flesch_kincaid_grade(text)),
        "gunning_fog": float(textstat.gunning_fog(text)),
        "text_standard": float(textstat.text_standard(text, float_output=True)),
    }
