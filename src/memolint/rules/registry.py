"""Named check functions for the kinds that are code: python, table, metric, coverage.

A rule file names its function (``function: passive-voice``); the function is
registered here with the level it works at. Block-level functions take a
:class:`~memolint.parsed.ParsedBlock` and the rule's options; document-level
ones take the whole :class:`~memolint.parsed.ParsedMemo`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from memolint.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    level: str  # "block" or "document"
    function: Callable[..., Any]


_CHECKS: dict[str, Check] = {}


def check(name: str, *, level: str = "block") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``function`` as the check called ``name``."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        _CHECKS[name] = Check(name, level, function)
        return function

    return register


def get_check(name: str, source: str) -> Check:
    import memolint.rules.checks  # noqa: F401  (registers the built-in checks)

    try:
        return _CHECKS[name]
    except KeyError:
        known = ", ".join(sorted(_CHECKS))
        raise ConfigError(f"unknown function {name!r}; known: {known}", source=source) from None
