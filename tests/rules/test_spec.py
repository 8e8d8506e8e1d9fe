"""Rule files: YAML read the same way whichever loader PyYAML offers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from memolint.errors import ConfigError
from memolint.rules import spec
from memolint.rules.engine import builtin_rules_dir, rule_files


def test_builtin_rules_read_the_same_with_and_without_libyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = rule_files(builtin_rules_dir())
    fast = [spec.load_rule_file(path) for path in files]
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert [spec.load_rule_file(path) for path in files] == fast


def test_a_file_libyaml_refuses_is_reported_as_before(tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text("code: ML901\nname: x\nkind: [phrase\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not valid YAML \(line 4\)"):
        spec.load_rule_file(path)


def test_an_unquoted_yes_in_a_word_list_is_refused() -> None:
    data = {
        "code": "ML901",
        "name": "yes-words",
        "kind": "python",
        "function": "approval-gate",
        "message": "m",
        "options": {"party-nouns": ["signature", True]},
    }
    with pytest.raises(ConfigError, match="quote words"):
        spec.parse_rule(data, "pack.yaml")
