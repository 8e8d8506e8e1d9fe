"""Built-in check functions; importing this package registers them."""

from memolint.rules.checks import claims, hedging, length, passive, raci

__all__ = ["claims", "hedging", "length", "passive", "raci"]
