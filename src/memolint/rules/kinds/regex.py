"""``kind: regex`` — a regular expression over each block's text.

For what tokens cannot express (codes, number formats). Matches still pass
through the negation/mention check via the tokens they cover.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from memolint.errors import ConfigError
from memolint.parsed import ParsedBlock
from memolint.rules.kinds.base import Match
from memolint.rules.spec import RuleSpec


class RegexKind:
    level = "block"

    def __init__(self, spec: RuleSpec, nlp) -> None:
        expressions = spec.settings.get("regex")
        if isinstance(expressions, str):
            expressions = [expressions]
        if not isinstance(expressions, list) or not expressions:
            raise ConfigError("a regex rule needs regex: a pattern or a list", source=spec.path)
        flags = re.IGNORECASE if spec.settings.get("ignore-case", True) else 0
        try:
            self.expressions = [re.compile(str(expr), flags) for expr in expressions]
        except re.error as error:
            raise ConfigError(f"invalid regex in {spec.code}: {error}", source=spec.path) from None

    def find(self, block: ParsedBlock) -> Iterator[Match]:
        for expression in self.expressions:
            for found in expression.finditer(block.block.text):
                if found.end() > found.start():
                    yield Match(found.start(), found.end())
