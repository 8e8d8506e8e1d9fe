"""Word lists from rule options, and matching them against tokens as written.

The python-kind rules keep their vocabularies in their YAML options (so a
team can add "PMO" without touching code); these helpers read those lists
and find multi-word entries in a sentence whatever the tokenizer did to
their hyphens and slashes ("go/no-go", "sign-off", "check-in").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token


def words(options: Mapping[str, Any], key: str) -> frozenset[str]:
    """The option ``key`` as a lower-cased set."""
    return frozenset(str(word).lower() for word in options.get(key, ()))


def phrase_at(
    tokens: list[Token],
    index: int,
    phrases: frozenset[str],
    *,
    longest: int = 6,
    by_lemma: bool = False,
    whole_compounds: bool = False,
) -> int:
    """Length in tokens of the longest entry of ``phrases`` starting at ``index`` (0 if none).

    ``by_lemma`` also matches inflections ("syncs" for "sync");
    ``whole_compounds`` refuses a match that is only the start of a longer
    hyphenated or slashed compound ("go/no-go" inside "go/no-go-live").
    """
    for length in range(longest, 0, -1):
        if index + length > len(tokens):
            continue
        window = tokens[index : index + length]
        written = "".join(token.text_with_ws for token in window).strip().lower()
        found = written in phrases or " ".join(written.split()) in phrases
        if not found and by_lemma:
            found = " ".join(token.lemma_.lower() for token in window) in phrases
        if not found:
            continue
        if whole_compounds and index + length < len(tokens):
            if tokens[index + length].text in ("-", "/"):
                continue
        return length
    return 0
