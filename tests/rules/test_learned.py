"""The sentence models beside ML101 and ML103: what they add, what still filters them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from memolint import Config, Linter
from memolint.errors import ConfigError
from memolint.rules import builtin_rules_dir, rules_version
from memolint.rules.spec import load_rule_file
from memolint.rules.train import round_of, sentence_files

#: Gates in wordings the parse rules do not know: no approval word, no body.
UNKNOWN_GATE_WORDINGS = [
    "Going past 25% needs the SRE lead to be comfortable with the saturation graphs.",
    "Each region moves only after the head of retail operations is happy with the pilot numbers.",
]
#: The same wordings negated: the shared negation check still reads them.
NEGATED_GATE_WORDINGS = [
    "Going past 25% does not need the SRE lead to be comfortable with the saturation graphs.",
    "No region waits for the head of retail operations to be happy with the pilot numbers.",
]
MODEL_OFF = {"ML101": {"model": ""}, "ML103": {"model": ""}}


def _gates(linter: Linter, text: str) -> list[str]:
    return [f.code for f in linter.lint_text(text).findings if f.code == "ML101"]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=("ML101", "ML103"), score=False))


@pytest.fixture(scope="module")
def without_models() -> Linter:
    return Linter(Config(select=("ML101", "ML103"), score=False, rule_options=MODEL_OFF))


@pytest.mark.parametrize("text", UNKNOWN_GATE_WORDINGS)
def test_the_model_finds_gates_the_parse_rules_miss(
    linter: Linter, without_models: Linter, text: str
) -> None:
    assert _gates(without_models, text) == []
    assert _gates(linter, text) == ["ML101"]


@pytest.mark.parametrize("text", NEGATED_GATE_WORDINGS)
def test_model_proposals_pass_the_negation_check(linter: Linter, text: str) -> None:
    assert _gates(linter, text) == []


def test_a_proposal_under_a_denying_main_clause_is_dropped(linter: Linter) -> None:
    # anchored on "Going" (a clausal subject), the proposal still reads the main verb
    text = "Going past 25% will never need the SRE lead to be comfortable with the graphs."
    assert _gates(linter, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We considered letting each region move only after the head of retail operations is "
        "happy with the pilot numbers, but we rejected it.",
        "At my last company each region moved only after the head of retail operations was "
        "happy with the pilot numbers.",
    ],
)
def test_model_proposals_pass_the_rules_own_filters(linter: Linter, text: str) -> None:
    assert _gates(linter, text) == []


def test_a_missing_model_file_is_a_config_error() -> None:
    options = {"ML101": {"model": "models/no-such-model.json"}}
    with pytest.raises(ConfigError, match="model file not found"):
        Linter(Config(select=("ML101",), score=False, rule_options=options)).lint_text("Text.")


def test_a_file_that_is_not_a_sentence_model_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"kind": "sentence-detector"}))
    options = {"ML101": {"model": str(wrong)}}
    linter = Linter(Config(select=("ML101",), score=False, rule_options=options))
    with pytest.raises(ConfigError, match="not a rule-sentence-model"):
        linter.lint_text("Going past 25% needs the SRE lead to be comfortable with the graphs.")


@pytest.mark.parametrize(
    "content",
    [
        # the right kind, cut short: no vocabulary, coefficients or threshold
        json.dumps({"kind": "rule-sentence-model", "name": "ML101-approval-gate"}),
        # a vocabulary pointing past the coefficients
        json.dumps(
            {
                "kind": "rule-sentence-model",
                "name": "x",
                "vocabulary": {"approve": 5},
                "idf": [1.0],
                "coef": [1.0],
                "ngram_sizes": [1],
                "intercept": 0.0,
                "threshold": 0.5,
            }
        ),
        "[1, 2, 3]",  # valid JSON, not a model
        '{"kind": "rule-sentence-model", "vocab',  # truncated file
    ],
)
def test_a_broken_model_file_is_a_config_error(tmp_path: Path, content: str) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(content)
    options = {"ML101": {"model": str(broken)}}
    linter = Linter(Config(select=("ML101",), score=False, rule_options=options))
    with pytest.raises(ConfigError):
        linter.lint_text("Going past 25% needs the SRE lead to be comfortable with the graphs.")


def test_the_rules_version_covers_the_model_file(tmp_path: Path) -> None:
    pack = builtin_rules_dir()
    shutil.copy(pack / "ML101-approval-gate.yaml", tmp_path)
    shutil.copytree(pack / "models", tmp_path / "models")
    specs = load_rule_file(tmp_path / "ML101-approval-gate.yaml")
    before = rules_version(specs)
    model = tmp_path / "models" / "ML101-approval-gate.json"
    data = json.loads(model.read_text())
    data["intercept"] += 1.0
    model.write_text(json.dumps(data))
    assert rules_version(specs) != before


def test_training_never_reads_the_test_split() -> None:
    root = Path(__file__).resolve().parents[2]
    files = sentence_files(root, "approval_gate")
    assert files, "the approval-gate sentence sets are missing"
    assert all(not path.name.endswith(".test.jsonl") for path in files)
    assert {round_of(path) for path in files} >= {"main", "dev-b"}
    # a task whose name starts another's ("meeting" / "meeting_alignment") keeps to its own
    assert all(path.name.split(".")[0] == "approval_gate" for path in files)


def test_a_sure_model_overrules_the_parse_reading_only_above_its_bar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the sentence has the rule's own approval words and the parse
    rules judged it no gate, the model's proposal wins only at or above
    ``model-overrules-at``."""
    from memolint.rules.checks import gates

    def proposal(block, sentence, options):
        anchor = next(t for t in sentence if t.lower_ == "approval")
        return sentence.doc[anchor.i : anchor.i + 1], 0.93

    monkeypatch.setattr(gates, "learned_proposal", proposal)
    text = "The approval rate of the card flow is 97%."  # "approval rate": the parse says no gate

    def found(bar: float) -> list[str]:
        options = {"ML101": {"model-overrules-at": bar}}
        return _gates(Linter(Config(select=("ML101",), score=False, rule_options=options)), text)

    assert found(1.01) == []
    assert found(0.95) == []
    assert found(0.9) == ["ML101"]
