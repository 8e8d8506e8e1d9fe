"""ParsedMemo: a Memo with one spaCy Doc per lintable block, parsed once.

Rules, statistics and scoring all read these docs; nothing re-tokenizes. A
token's character offset in the memo's text is ``block.start + token.idx``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from memolint.model import Block, Location, Memo

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

T = TypeVar("T")


@dataclass(slots=True)
class ParsedBlock:
    block: Block
    doc: Doc
    #: Results of expensive per-block analyses (passive clauses, hedges), so a
    #: rule and the statistics that need the same analysis compute it once.
    cache: dict[str, object] = field(default_factory=dict)
    #: The text of the next few blocks of the same section ("THURSDAY REVIEW"
    #: then "- decides nothing."), for rules whose verdict on a sentence
    #: depends on what the writer says right after it. Empty at a section's end.
    after: str = ""
    #: For a list item, the sentence that introduces its list when that
    #: sentence ends in a colon ("A tranche is released only when all of the
    #: following hold:"): the items are read as its continuation. Else empty.
    lead_in: str = ""

    def offset(self, char_in_block: int) -> int:
        return self.block.start + char_in_block

    def cached(self, key: str, compute: Callable[[Doc], T]) -> T:
        """``compute(self.doc)``, worked out once per block and shared by every caller."""
        if key not in self.cache:
            self.cache[key] = compute(self.doc)
        return self.cache[key]  # type: ignore[return-value]

    def text_of(self, span: Span) -> str:
        """``span.text``, cut from the doc's text (spaCy rebuilds it token by token)."""
        text: str = self.cached("text", _text)
        return text[span.start_char : span.end_char]

    def word_count(self) -> int:
        """Tokens that are neither punctuation nor whitespace."""
        return self.cached("word-count", _word_count)

    def lowers(self) -> list[str]:
        """``token.lower_`` of every token, by token index (slice by a sentence's
        ``start:end`` for its words)."""
        return self.cached("lowers", _lowers)

    def lemmas(self) -> list[str]:
        """``token.lemma_.lower()`` of every token, by token index."""
        return self.cached("lemmas", _lemmas)

    def tags(self) -> list[str]:
        """``token.tag_`` of every token, by token index."""
        return self.cached("tags", _tags)


@dataclass(slots=True)
class ParsedMemo:
    memo: Memo
    blocks: list[ParsedBlock]
    #: Document-wide analyses shared by rules and scoring (detector evidence).
    cache: dict[str, object] = field(default_factory=dict)

    @classmethod
    def parse(cls, memo: Memo) -> ParsedMemo:
        from memolint.nlp import parse_texts

        lintable = list(memo.lintable_blocks())
        docs = parse_texts(block.text for block in lintable)
        return cls(
            memo,
            [
                ParsedBlock(block, doc, after=_section_after(lintable, index), lead_in=lead_in)
                for index, (block, doc, lead_in) in enumerate(
                    zip(lintable, docs, _list_lead_ins(lintable), strict=True)
                )
            ],
        )

    def sentences(self) -> Iterator[tuple[ParsedBlock, Span]]:
        for parsed in self.blocks:
            for sentence in parsed.doc.sents:
                yield parsed, sentence

    def span_location(self, parsed: ParsedBlock, start_char: int, end_char: int) -> Location:
        return self.memo.locate(parsed.offset(start_char), parsed.offset(end_char))


#: How many following blocks a rule may read as a sentence's context.
AFTER_BLOCKS = 3


def _section_after(blocks: list[Block], index: int) -> str:
    """The text of up to ``AFTER_BLOCKS`` blocks after ``index``, stopping at a heading."""
    texts = []
    for block in blocks[index + 1 : index + 1 + AFTER_BLOCKS]:
        if block.kind in ("heading", "title"):
            break
        texts.append(block.text)
    return " ".join(texts)


def _list_lead_ins(blocks: list[Block]) -> Iterator[str]:
    """For each block, the colon-ended paragraph just before the list it is an
    item of, or "" (one pass, so a memo of thousands of items stays linear)."""
    lead_in = ""
    for block in blocks:
        if block.kind == "list_item":
            yield lead_in
            continue
        text = block.text.rstrip()
        lead_in = text if block.kind == "paragraph" and text.endswith(":") else ""
        yield ""


# Rules and scoring test the same words against their vocabularies; reading
# each token's strings out of spaCy once per block is cheaper than per rule.
def _word_count(doc: Doc) -> int:
    return sum(1 for token in doc if not (token.is_punct or token.is_space))


def _text(doc: Doc) -> str:
    return doc.text


def _lowers(doc: Doc) -> list[str]:
    return [token.lower_ for token in doc]


def _lemmas(doc: Doc) -> list[str]:
    return [token.lemma_.lower() for token in doc]


def _tags(doc: Doc) -> list[str]:
    return [token.tag_ for token in doc]
