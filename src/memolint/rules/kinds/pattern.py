"""``kind: pattern`` — spaCy Matcher and DependencyMatcher patterns, as data.

``patterns`` is a list of token patterns (each a list of token specs as in
spaCy's Matcher docs); ``dependency-patterns`` a list of DependencyMatcher
patterns. A match covers the matched tokens (for dependency patterns: from
the first to the last matched token).
"""

from __future__ import annotations

from collections.abc import Iterator

from memolint.errors import ConfigError
from memolint.parsed import ParsedBlock
from memolint.rules.kinds.base import Match
from memolint.rules.spec import RuleSpec


class PatternKind:
    level = "block"

    def __init__(self, spec: RuleSpec, nlp) -> None:
        from spacy.matcher import DependencyMatcher, Matcher

        patterns = spec.settings.get("patterns") or []
        dependency = spec.settings.get("dependency-patterns") or []
        if not patterns and not dependency:
            raise ConfigError("a pattern rule needs patterns", source=spec.path)
        self.matcher = None
        self.dependency_matcher = None
        try:
            if patterns:
                self.matcher = Matcher(nlp.vocab, validate=True)
                self.matcher.add(spec.code, patterns, greedy="LONGEST")
            if dependency:
                self.dependency_matcher = DependencyMatcher(nlp.vocab, validate=True)
                self.dependency_matcher.add(spec.code, dependency)
        except (ValueError, KeyError, TypeError) as error:
            message = str(error).strip().splitlines()[0]
            raise ConfigError(
                f"invalid pattern in {spec.code}: {message}", source=spec.path
            ) from None

    def find(self, block: ParsedBlock) -> Iterator[Match]:
        doc = block.doc
        if self.matcher is not None:
            for _, start, end in self.matcher(doc):
                yield Match(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        if self.dependency_matcher is not None:
            for _, token_ids in self.dependency_matcher(doc):
                first, last = min(token_ids), max(token_ids)
                yield Match(doc[first].idx, doc[last].idx + len(doc[last]))
