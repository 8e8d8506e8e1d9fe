"""Built-in check functions; importing this package registers them."""

from memolint.rules.checks import claims, coverage, gates, hedging, length, passive, raci

__all__ = ["claims", "coverage", "gates", "hedging", "length", "passive", "raci"]
