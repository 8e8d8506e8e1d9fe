"""Configuration files: discovery, validation, and how CLI-style overrides apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from memolint.config import Config, config_from_mapping, discover_config, load_config
from memolint.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.memolint]\nselect = ["ML1"]\nfail-on = "error"\n')
    memo = write(tmp_path / "drafts" / "q3" / "memo.md", "# Plan\n")
    config = discover_config(memo)
    assert config.select == ("ML1",)
    assert config.fail_on == "error"
    assert config.path == str(tmp_path / "pyproject.toml")


def test_pyproject_without_memolint_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "memolint.toml", 'ignore = ["ML203"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 88\n")
    memo = write(tmp_path / "sub" / "memo.txt", "Plan\n")
    assert discover_config(memo).ignore == ("ML203",)


def test_no_config_file_gives_defaults(tmp_path: Path) -> None:
    memo = write(tmp_path / "memo.txt", "Plan\n")
    assert discover_config(memo) == Config()


def test_unknown_key_names_the_key_and_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "memolint.toml", 'ignor = ["ML201"]\n')
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert "'ignor'" in str(raised.value)
    assert str(path) in str(raised.value)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path / "memolint.toml", "select = [ML1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


@pytest.mark.parametrize(
    "data",
    [
        {"fail-on": "sometimes"},
        {"select": "ML1, ML2", "ignore": 3},
        {"per-file-ignores": ["ML201"]},
        {"limits": {"max-megabytes": 3}},
        {"limits": {"max-pages": -1}},
        {"timeout": 0},
    ],
)
def test_bad_values_are_rejected(data: dict) -> None:
    with pytest.raises(ConfigError):
        config_from_mapping(data)


def test_selection_by_prefix_and_longest_match_wins() -> None:
    config = config_from_mapping(
        {"select": ["ML2"], "ignore": ["ML20"], "extend-select": ["ML201"]}
    )
    assert config.is_selected("ML201")
    assert not config.is_selected("ML202")
    assert not config.is_selected("ML101")


def test_per_file_ignores_match_globs() -> None:
    config = config_from_mapping({"per-file-ignores": {"drafts/*": ["ML401"]}})
    assert not config.is_selected("ML401", "drafts/plan.md")
    assert config.is_selected("ML401", "final/plan.md")
    assert config.is_selected("ML201", "drafts/plan.md")


def test_snake_case_keys_and_limits_are_accepted() -> None:
    config = config_from_mapping({"fail_on": "info", "limits": {"max_pages": 20}})
    assert config.fail_on == "info"
    assert config.limits.max_pages == 20


def test_cli_overrides_win_and_none_means_unset() -> None:
    config = config_from_mapping({"fail-on": "error", "select": ["ML1"]})
    merged = config.merged(fail_on="info", select=None)
    assert merged.fail_on == "info"
    assert merged.select == ("ML1",)
