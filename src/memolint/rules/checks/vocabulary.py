"""Word lists from rule options, and matching them against tokens as written.

The python-kind rules keep their vocabularies in their YAML options (so a
team can add "PMO" without touching code); these helpers read those lists
and find multi-word entries in a sentence whatever the tokenizer did to
their hyphens and slashes ("go/no-go", "sign-off", "check-in").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from memolint.parsed import ParsedBlock


def words(options: Mapping[str, Any], key: str) -> frozenset[str]:
    """The option ``key`` as a lower-cased set."""
    values = options.get(key, ())
    try:
        return _lowered(tuple(values))
    except TypeError:  # an unhashable entry: nothing to reuse, build the set afresh
        return frozenset(str(word).lower() for word in values)


@lru_cache(maxsize=128)
def _lowered(values: tuple[Any, ...]) -> frozenset[str]:
    # Checks call words() for every block; the same option list comes back each
    # time, so its lower-cased set is built once per process.
    return frozenset(str(word).lower() for word in values)


@lru_cache(maxsize=128)
def _screens(phrases: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The entries' first words, and every prefix of those first words."""
    first = frozenset(phrase.split()[0] for phrase in phrases if phrase.split())
    prefixes = frozenset(word[:size] for word in first for size in range(1, len(word) + 1))
    return first, prefixes


#: A token's screening key: its lower-cased text, and whether the next token
#: follows it with no whitespace between (so a window's first word runs on).
Key = tuple[str, bool]


def phrase_keys(block: ParsedBlock) -> list[Key | None]:
    """Per token of the block, the key :func:`phrase_at` screens it by.

    For a token list that is a run of the block's tokens, such as a sentence.
    """
    return block.cached("phrase-keys", _phrase_keys)


def _phrase_keys(doc: Doc) -> list[Key | None]:
    texts = [token.text for token in doc]
    spaces = [token.whitespace_ for token in doc]
    nexts = [*texts[1:], None]
    return [_key(*strings) for strings in zip(texts, spaces, nexts, strict=True)]


def _key(text: str, whitespace: str, following: str | None) -> Key | None:
    """The key of a token with ``text`` and trailing ``whitespace`` (and the next
    token's text, ``None`` if it is the last).

    A window's written form (and its whitespace-normalised form) starts with
    its first token's lower-cased text: as a whole word when whitespace or
    nothing follows the token, as the start of a longer word when the next
    token is attached. An entry whose first word does not fit cannot match.
    Only plain ASCII tokens are screened (their lower-casing does not depend
    on what follows them); others (None) always take the full comparison.
    """
    if not (text and text.isascii() and text.isprintable() and " " not in text):
        return None
    attached = not whitespace and following is not None and not following[:1].isspace()
    return text.lower(), attached


def _may_start(
    key: Key, lemma: str | None, first_words: frozenset[str], prefixes: frozenset[str]
) -> bool:
    """Whether an entry with these first words may start at a token with ``key``
    (and, matching by lemma, ``lemma``); see :func:`_key`."""
    word, attached = key
    if word in (prefixes if attached else first_words):
        return True
    # The lemma form joins the window's lemmas with single spaces, so its
    # first word is this lemma whenever the lemma is one word.
    return lemma is not None and (lemma.split() != [lemma] or lemma in first_words)


def starts(
    phrases: frozenset[str],
    keys: Sequence[Key | None],
    lemmas: Sequence[str] | None = None,
) -> list[bool]:
    """Per token (``keys`` from :func:`phrase_keys`), whether an entry of
    ``phrases`` may start there; where not, :func:`phrase_at` is 0.

    Pass ``lemmas`` when calling :func:`phrase_at` with ``by_lemma``. One pass
    over a sentence, so a check can skip most tokens without a call per token.
    """
    first_words, prefixes = _screens(phrases)
    return [
        key is None
        or _may_start(key, None if lemmas is None else lemmas[index], first_words, prefixes)
        for index, key in enumerate(keys)
    ]


def phrase_at(
    tokens: list[Token],
    index: int,
    phrases: frozenset[str],
    *,
    longest: int = 6,
    by_lemma: bool = False,
    whole_compounds: bool = False,
    keys: Sequence[Key | None] | None = None,
    lemmas: Sequence[str] | None = None,
) -> int:
    """Length in tokens of the longest entry of ``phrases`` starting at ``index`` (0 if none).

    ``by_lemma`` also matches inflections ("syncs" for "sync");
    ``whole_compounds`` refuses a match that is only the start of a longer
    hyphenated or slashed compound ("go/no-go" inside "go/no-go-live").
    ``keys`` and ``lemmas`` (from :func:`phrase_keys` and
    ``ParsedBlock.lemmas``, aligned with ``tokens``) save reading each token's
    strings again.
    """
    token = tokens[index]
    if keys is not None:
        key = keys[index]
    else:
        following = tokens[index + 1].text if index + 1 < len(tokens) else None
        key = _key(token.text, token.whitespace_, following)
    if key is not None:
        lemma = None
        if by_lemma:
            lemma = lemmas[index] if lemmas is not None else token.lemma_.lower()
        if not _may_start(key, lemma, *_screens(phrases)):
            return 0  # most tokens: no entry starts with this word
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
