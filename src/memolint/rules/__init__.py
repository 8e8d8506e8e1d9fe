"""The rule engine and its kinds; the rules themselves are data in ``rules/``."""

from memolint.rules.engine import RuleSet, builtin_rules_dir, load_specs, rules_version

__all__ = ["RuleSet", "builtin_rules_dir", "load_specs", "rules_version"]
