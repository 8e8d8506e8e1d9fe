"""``kind: python | table | metric | coverage`` — a registered check function.

These kinds differ in what they inspect (a block's parse, a table grid, a
document statistic, detector evidence) but share one mechanism: the rule
names a function from :mod:`memolint.rules.registry` and its options.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from memolint.errors import ConfigError
from memolint.parsed import ParsedBlock, ParsedMemo
from memolint.rules.kinds.base import Match
from memolint.rules.learned import resolve_model_option
from memolint.rules.registry import get_check
from memolint.rules.spec import RuleSpec


class FunctionKind:
    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        name = spec.settings.get("function")
        if not isinstance(name, str):
            raise ConfigError(f"a {spec.kind} rule needs function: NAME", source=spec.path)
        self.check = get_check(name, spec.path)
        self.level = self.check.level
        self.options = resolve_model_option(spec.options, spec.path)

    def find(self, block: ParsedBlock) -> Iterator[Match]:
        return iter(self.check.function(block, self.options))

    def find_in_memo(self, parsed: ParsedMemo) -> Iterator[Match]:
        return iter(self.check.function(parsed, self.options))
