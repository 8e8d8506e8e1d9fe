"""The rule engine: selection, options, rule packs, suppression, and locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from memolint.config import Config, config_from_mapping
from memolint.errors import ConfigError
from memolint.linter import Linter
from memolint.rules import RuleSet, load_specs
from memolint.rules.spec import load_rule_file


def codes(report) -> list[str]:
    return [finding.code for finding in report.findings]


def test_unknown_selected_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="ML999"):
        RuleSet.from_config(Config(select=("ML999",)))


def test_unknown_rule_option_is_a_config_error() -> None:
    config = config_from_mapping({"rules": {"ML401": {"min-pagez": 2.0}}})
    with pytest.raises(ConfigError, match="min-pagez"):
        RuleSet.from_config(config)


def test_option_of_the_wrong_type_is_a_config_error() -> None:
    config = config_from_mapping({"rules": {"ML401": {"min-pages": "two"}}})
    with pytest.raises(ConfigError, match="min-pages"):
        RuleSet.from_config(config)


def test_rule_options_change_behaviour() -> None:
    text = "Plan\n\nThe canary holds 5% of traffic for 30 minutes before promotion."
    default = Linter(Config(select=("ML401",), score=False)).lint_text(text)
    assert codes(default) == ["ML401"]
    assert "short of the 3–5 page brief" in default.findings[0].message
    relaxed = Linter(
        config_from_mapping({"select": ["ML401"], "rules": {"ML401": {"min-pages": 0.0}}})
    ).lint_text(text)
    assert codes(relaxed) == []


def test_ignore_removes_rules(linter: Linter) -> None:
    text = "The release will be rolled back once legal signs off."
    assert {"ML101", "ML201"} <= set(codes(linter.lint_text(text)))
    only = Linter(Config(ignore=("ML2", "ML4"), score=False)).lint_text(text)
    assert "ML201" not in codes(only)
    assert "ML101" in codes(only)


def test_extra_rule_pack_by_path(tmp_path: Path) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "HS001.yaml").write_text(
        """
code: HS001
name: pmo-mention
severity: info
kind: phrase
message: "House style: avoid \\"{match}\\"."
phrases: [PMO, program management office]
examples:
  flag: ["The PMO tracks every milestone."]
  ok: ["Nobody tracks milestones by hand."]
""",
        encoding="utf-8",
    )
    linter = Linter(Config(rule_packs=(str(pack),), select=("HS",), score=False))
    report = linter.lint_text("Status goes to the PMO every week.")
    assert codes(report) == ["HS001"]
    assert report.findings[0].message == 'House style: avoid "PMO".'
    assert report.findings[0].severity == "info"


def test_a_pack_cannot_reuse_a_builtin_code(tmp_path: Path) -> None:
    (tmp_path / "dup.yaml").write_text(
        "code: ML101\nname: dup\nkind: phrase\nmessage: x\nphrases: [x]\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="declared twice"):
        load_specs((str(tmp_path),))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code: ML9\nname: x\nkind: phrase\nmessage: m\nphrases: [a]\n", "must look like"),
        ("code: ML901\nname: x\nkind: wizard\nmessage: m\n", "kind must be one of"),
        ("code: ML901\nname: x\nkind: phrase\nmessage: m\nphrases: [a]\ncolour: red\n", "colour"),
        ("code: ML901\nname: Bad Name\nkind: phrase\nmessage: m\nphrases: [a]\n", "kebab-case"),
        ("code: ML901\nname: x\nkind: phrase\nphrases: [a]\n", "message"),
        ("code: [ML901\n", "not valid YAML"),
    ],
)
def test_malformed_rule_files_are_reported(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_rule_file(path)


def test_invalid_matcher_pattern_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "code: HS002\nname: bad\nkind: pattern\nmessage: m\npatterns: [[{LOWERR: x}]]\n",
        encoding="utf-8",
    )
    linter = Linter(Config(rule_packs=(str(tmp_path),), select=("HS",), score=False))
    with pytest.raises(ConfigError, match="invalid pattern"):
        linter.lint_text("anything at all")


def test_findings_index_into_the_report_text(linter: Linter) -> None:
    text = (
        "Rollout plan\n\n"
        "Phase one starts Monday.\n"
        "Each ramp step needs VP approval, and the release will be rolled back by hand.\n\n"
        "- We might see higher rebuffering on older TVs.\n"
    )
    report = linter.lint_text(text)
    assert report.findings
    for finding in report.findings:
        span = report.text[finding.location.start : finding.location.end]
        assert span, finding
        if finding.code != "ML401":
            # The located line/column points at the same characters in the source.
            line = text.split("\n")[finding.location.line - 1]
            assert line[finding.location.column - 1 :].startswith(span.split()[0])
    gate = next(f for f in report.findings if f.code == "ML101")
    assert gate.location.line == 4
    assert report.text[gate.location.start : gate.location.end] == "VP approval"
    passive = next(f for f in report.findings if f.code == "ML201")
    assert report.text[passive.location.start : passive.location.end] == "will be rolled back"
    hedge = next(f for f in report.findings if f.code == "ML202")
    assert (hedge.location.line, hedge.location.block) == (6, "list_item")


def test_findings_are_in_document_order(linter: Linter) -> None:
    report = linter.lint_text(
        "We might ship. The cache was flushed. Once legal signs off we ramp. "
        "Weekly syncs keep us aligned."
    )
    starts = [finding.location.start for finding in report.findings]
    assert starts == sorted(starts)


def test_one_approval_finding_per_sentence(linter: Linter) -> None:
    report = linter.lint_text("Once the CAB signs off and the VP approves, we ramp to 10%.")
    assert codes(report).count("ML101") == 1


def test_inline_suppression_in_markdown() -> None:
    linter = Linter(Config(select=("ML201", "ML202"), score=False))
    source = (
        "# Plan\n\n"
        "<!-- memolint: disable-next-line=ML201 -->\n"
        "The cache was flushed twice.\n\n"
        "The config was changed.\n\n"
        "<!-- memolint: disable=ML2 -->\n"
        "We might ship. It was reverted.\n\n"
        "<!-- memolint: enable -->\n"
        "We might slip. The key was rotated.\n"
    )
    report = linter.lint_text(source, format="markdown")
    lines = sorted((finding.location.line, finding.code) for finding in report.findings)
    assert lines == [(6, "ML201"), (12, "ML201"), (12, "ML202")]
