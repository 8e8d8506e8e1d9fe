"""Every rule's own examples: each ``flag`` example must raise the rule, each ``ok`` must not.

A rule file is its own test (LanguageTool's habit): adding a rule adds its tests.
"""

from __future__ import annotations

import pytest

from memolint.config import Config
from memolint.linter import Linter
from memolint.rules import load_specs

SPECS = load_specs()
CASES = [
    pytest.param(spec.code, text, expected, id=f"{spec.code}-{kind}-{index}")
    for spec in SPECS
    for kind, expected, examples in (
        ("flag", True, spec.flag_examples),
        ("ok", False, spec.ok_examples),
    )
    for index, text in enumerate(examples)
]


@pytest.fixture(scope="module")
def linters() -> dict[str, Linter]:
    return {spec.code: Linter(Config(select=(spec.code,), score=False)) for spec in SPECS}


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule_example(linters: dict[str, Linter], code: str, text: str, expected: bool) -> None:
    fmt = "markdown" if text.lstrip().startswith("|") else "text"
    report = linters[code].lint_text(text, format=fmt)
    codes = [finding.code for finding in report.findings]
    if expected:
        assert code in codes, f"{code} should flag: {text!r}"
    else:
        assert code not in codes, f"{code} should not flag: {text!r} ({report.findings})"


def test_every_rule_has_examples_both_ways() -> None:
    for spec in SPECS:
        assert spec.flag_examples, f"{spec.code} has no flag examples"
        if spec.kind not in ("metric", "coverage"):
            assert spec.ok_examples, f"{spec.code} has no ok examples"


def test_codes_and_names_are_the_documented_ones() -> None:
    names = {spec.code: spec.name for spec in SPECS}
    assert names["ML101"] == "approval-gate"
    assert names["ML102"] == "raci-matrix"
    assert names["ML103"] == "meeting-alignment"
    assert names["ML104"] == "consensus-language"
    assert names["ML201"] == "passive-voice"
    assert names["ML202"] == "hedging"
    assert names["ML203"] == "platitude"
    assert names["ML204"] == "unquantified-claim"
    assert names["ML401"] == "length"
