"""Document statistics: counts from the parsed docs, readability from textstat."""

from __future__ import annotations

from memolint.model import WORDS_PER_PAGE
from memolint.parsed import ParsedMemo
from memolint.report import Stats
from memolint.rules.checks.hedging import cached_hedges
from memolint.rules.checks.passive import cached_passive_clauses, clause_count


def compute_stats(parsed: ParsedMemo) -> Stats:
    words = 0
    sentences = 0
    prose: list[str] = []
    for block in parsed.blocks:
        words += block.word_count()
        if block.block.kind == "table_cell":
            continue
        sentences += sum(1 for _ in block.doc.sents)
        prose.append(block.block.text)
    memo_pages = parsed.memo.pages
    pages = float(memo_pages) if memo_pages else round(words / WORDS_PER_PAGE, 2)
    passives = sum(len(cached_passive_clauses(block)) for block in parsed.blocks)
    clauses = sum(clause_count(block.doc) for block in parsed.blocks)
    hedges = sum(len(cached_hedges(block)) for block in parsed.blocks)
    return Stats(
        words=words,
        sentences=sentences,
        pages=pages,
        passive_ratio=passives / clauses if clauses else 0.0,
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
