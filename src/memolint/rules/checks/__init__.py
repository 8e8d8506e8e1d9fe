"""Built-in check functions; importing this package registers them."""

from memolint.rules.checks import (
    claims,
    consensus,
    coverage,
    gates,
    hedging,
    length,
    meetings,
    passive,
    platitudes,
    raci,
)

__all__ = [
    "claims",
    "consensus",
    "coverage",
    "gates",
    "hedging",
    "length",
    "meetings",
    "passive",
    "platitudes",
    "raci",
]
