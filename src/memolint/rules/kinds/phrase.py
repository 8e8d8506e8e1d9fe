"""``kind: phrase`` — a list of phrases matched with spaCy's PhraseMatcher.

``attr: LOWER`` (default) matches case-insensitively on the surface form;
``attr: LEMMA`` matches inflections too ("synergies" for "synergy"). The
phrase patterns are tokenized once per process, not per memo.
"""

from __future__ import annotations

from collections.abc import Iterator

from memolint.errors import ConfigError
from memolint.parsed import ParsedBlock
from memolint.rules.kinds.base import Match
from memolint.rules.spec import RuleSpec


class PhraseKind:
    level = "block"

    def __init__(self, spec: RuleSpec, nlp) -> None:
        from spacy.matcher import PhraseMatcher

        phrases = spec.settings.get("phrases")
        if not isinstance(phrases, list) or not phrases:
            raise ConfigError("a phrase rule needs a list of phrases", source=spec.path)
        attr = str(spec.settings.get("attr", "LOWER")).upper()
        if attr not in ("LOWER", "LEMMA", "ORTH", "NORM"):
            raise ConfigError("attr must be LOWER, LEMMA, ORTH or NORM", source=spec.path)
        self.matcher = PhraseMatcher(nlp.vocab, attr=attr)
        texts = [str(phrase) if attr != "LOWER" else str(phrase).lower() for phrase in phrases]
        if attr == "LEMMA":
            docs = list(nlp.pipe(texts))
        else:
            docs = [nlp.make_doc(text) for text in texts]
        self.matcher.add(spec.code, docs)

    def find(self, block: ParsedBlock) -> Iterator[Match]:
        doc = block.doc
        for _, start, end in self.matcher(doc):
            yield Match(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
