"""A sentence model beside a parse rule, for wordings the rule does not know.

The parse rules for approval gates (ML101) and meeting alignment (ML103) are
precise, but each held-apart round of sentences showed new wordings they
missed: "the sponsor has a standing veto over each phase", "going past 25%
needs the SRE lead to be comfortable with the graphs", "pilot -> quarterly
review with the health authority -> they decide". A logistic regression over
lemma n-grams, trained on the labelled sentence sets and on the prose of
memos labelled free of the practice, catches many of them.

It only *proposes*: a sentence the rule already matched is left to the rule,
and a proposal becomes a finding only past a high probability and through
the same filters as the rule's own matches (the shared negation and mention
check, past stories, rejected alternatives, meetings that decide nothing).
The proposal is anchored on the word that weighs most for the model, so the
negation check reads the parse around that word, and the finding points at
something a writer can see.

Models are JSON (``rules/models/*.json``, written by ``python -m
memolint.rules.train``), named by the rule's ``model`` option relative to the
rule file, and part of the rules version (:func:`model_paths`), so scoring
models trained on other findings refuse to load.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from memolint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Span

    from memolint.parsed import ParsedBlock
    from memolint.scoring.models import SentenceDetector

#: The rule option naming a model file, and the one giving its threshold.
MODEL_OPTION = "model"
THRESHOLD_OPTION = "model-threshold"
FORMAT = "rule-sentence-model"
#: Only a content word anchors a proposal: the negation check reads the parse
#: from the anchor up, and "before" or "each" would put it in the wrong clause.
ANCHOR_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def model_paths(options: Mapping[str, Any], rule_file: str) -> list[Path]:
    """The model files a rule's options name, resolved against its rule file."""
    name = options.get(MODEL_OPTION)
    if not isinstance(name, str) or not name:
        return []
    path = Path(name)
    return [path if path.is_absolute() else Path(rule_file).resolve().parent / path]


def resolve_model_option(options: Mapping[str, Any], rule_file: str) -> dict[str, Any]:
    """``options`` with ``model`` made absolute, so a check can load it from anywhere."""
    paths = model_paths(options, rule_file)
    if not paths:
        return dict(options)
    if not paths[0].is_file():
        raise ConfigError(f"model file not found: {paths[0]}", source=rule_file)
    return {**options, MODEL_OPTION: str(paths[0])}


@lru_cache(maxsize=8)
def load_sentence_model(path: str) -> SentenceDetector:
    from memolint.scoring.models import SentenceDetector

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"model file unreadable ({error})", source=path) from None
    if not isinstance(data, dict) or data.get("kind") != FORMAT:
        kind = data.get("kind") if isinstance(data, dict) else type(data).__name__
        raise ConfigError(f"not a {FORMAT} model (kind {kind!r})", source=path)
    try:
        model = SentenceDetector(
            name=str(data["name"]),
            vocabulary=dict(data["vocabulary"]),
            idf=list(data["idf"]),
            ngram_sizes=tuple(data["ngram_sizes"]),
            dense_names=(),
            dense_mean=[],
            dense_scale=[],
            coef=list(data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        message = f"{FORMAT} model is incomplete or malformed ({error!r})"
        raise ConfigError(message, source=path) from None
    size = len(model.idf)
    if len(model.coef) != size or any(not 0 <= i < size for i in model.vocabulary.values()):
        raise ConfigError(f"{FORMAT} model's vocabulary, idf and coef disagree", source=path)
    return model


def learned_anchor(block: ParsedBlock, sentence: Span, options: Mapping[str, Any]) -> Span | None:
    """The word the rule's model weighs most in ``sentence``, if the model
    finds the practice there with at least the rule's threshold; else None."""
    proposal = learned_proposal(block, sentence, options)
    return None if proposal is None else proposal[0]


def learned_proposal(
    block: ParsedBlock, sentence: Span, options: Mapping[str, Any]
) -> tuple[Span, float] | None:
    """The model's anchor and its probability for ``sentence``, when that
    probability reaches the rule's threshold; else None. The probability
    lets a rule weigh a sure model against its own parse reading."""
    path = options.get(MODEL_OPTION)
    if not isinstance(path, str) or not path:
        return None
    model = load_sentence_model(path)
    threshold = float(options.get(THRESHOLD_OPTION, model.threshold))
    positions, tokens = _tokens(block, sentence)
    if len(tokens) < 3:
        return None
    probability = model.probability(tokens, {})
    if probability < threshold:
        return None
    anchor = _heaviest_word(block, model, positions, tokens)
    if anchor is None or _main_clause_denies(sentence):
        return None
    return anchor, probability


def _main_clause_denies(sentence: Span) -> bool:
    """Whether the sentence's main verb is negated or a mention. The engine
    checks the anchor; a model reads the whole sentence, so its proposal
    also needs a main clause that does not deny it ("going past 25% does
    not need ..." anchored on "going", a clausal subject)."""
    from memolint.rules.context import non_use_reason

    root = sentence.root
    head = sentence.doc[root.i : root.i + 1]
    return non_use_reason(head, negated=True, mentioned=True, quoted=False) is not None


def _tokens(block: ParsedBlock, sentence: Span) -> tuple[list[int], list[str]]:
    """The n-gram tokens of ``sentence`` (as the model was trained on), with
    the index in the doc each came from."""
    from memolint.scoring.features import block_words, sentence_token_positions

    pairs = sentence_token_positions(sentence, block_words(block))
    return [i for i, _ in pairs], [token for _, token in pairs]


def _heaviest_word(
    block: ParsedBlock, model: SentenceDetector, positions: list[int], tokens: Iterable[str]
) -> Span | None:
    best, best_weight = None, 0.0
    doc = block.doc
    for position, token in zip(positions, tokens, strict=True):
        if doc[position].pos_ not in ANCHOR_POS:
            continue
        index = model.vocabulary.get(token)
        if index is None:
            continue
        weight = model.coef[index] * model.idf[index]
        if weight > best_weight:
            best, best_weight = position, weight
    if best is None:
        return None
    return block.doc[best : best + 1]
