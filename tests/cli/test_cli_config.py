"""Configuration on the command line: discovery per file, --config, flags on top."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import WEAK, Run, one_error_line


def codes(result_out: str) -> set[str]:
    return {json.loads(line)["code"] for line in result_out.splitlines()}


def write_pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[project]\nname = "memos"\n\n[tool.memolint]\n{body}\n', encoding="utf-8")
    return path


def test_pyproject_select_ignore_and_fail_on(run: Run, memos: Path) -> None:
    write_pyproject(memos, 'select = ["ML1"]\nignore = ["ML103"]\nfail-on = "never"')
    result = run("check", "weak.txt", "--format", "jsonl")
    assert codes(result.out) == {"ML101"}
    assert result.code == 0  # fail-on = "never"


def test_flags_override_the_file(run: Run, memos: Path) -> None:
    write_pyproject(memos, 'select = ["ML1"]\nignore = ["ML103"]\nfail-on = "never"')
    result = run(
        "check", "weak.txt", "--format", "jsonl", "--select", "ML103", "--fail-on", "warning"
    )
    assert codes(result.out) == {"ML103"}  # the longer --select beats the ignore
    assert result.code == 1
    result = run("check", "weak.txt", "--format", "jsonl", "--ignore", "ML101")
    assert codes(result.out) == set()  # --ignore adds to the configured ignores


def test_unknown_key_is_rejected_naming_key_and_file(run: Run, memos: Path) -> None:
    write_pyproject(memos, 'ignroe = ["ML201"]')
    line = one_error_line(run("check", "weak.txt"))
    assert "'ignroe'" in line and "pyproject.toml" in line


def test_bad_fail_on_in_config(run: Run, memos: Path) -> None:
    (memos / "memolint.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    line = one_error_line(run("check", "weak.txt"))
    assert "memolint.toml" in line and "fail-on" in line


def test_unknown_code_in_config(run: Run, memos: Path) -> None:
    write_pyproject(memos, 'select = ["ML999"]')
    line = one_error_line(run("check", "weak.txt"))
    assert "ML999" in line and "pyproject.toml" in line


def test_config_is_found_per_file(run: Run, memos: Path) -> None:
    strict, lax = memos / "strict", memos / "lax"
    for folder, select in ((strict, "ML101"), (lax, "ML103")):
        folder.mkdir()
        (folder / "memo.txt").write_text(WEAK, encoding="utf-8")
        (folder / "memolint.toml").write_text(f'select = ["{select}"]\n', encoding="utf-8")
    result = run("check", "strict", "lax", "--format", "json")
    found = {
        report["source"]: {finding["code"] for finding in report["findings"]}
        for report in json.loads(result.out)["reports"]
    }
    assert found == {"strict/memo.txt": {"ML101"}, "lax/memo.txt": {"ML103"}}


def test_explicit_config_applies_to_every_file(run: Run, memos: Path, tmp_path: Path) -> None:
    write_pyproject(memos, 'select = ["ML103"]')
    other = memos / "elsewhere.toml"
    other.write_text('select = ["ML101"]\n', encoding="utf-8")
    result = run("check", "weak.txt", "--format", "jsonl", "--config", str(other))
    assert codes(result.out) == {"ML101"}


def test_missing_explicit_config(run: Run, memos: Path) -> None:
    line = one_error_line(run("check", "weak.txt", "--config", "nope.toml"))
    assert "nope.toml" in line


def test_per_file_ignores(run: Run, memos: Path) -> None:
    write_pyproject(
        memos, 'select = ["ML1"]\n\n[tool.memolint.per-file-ignores]\n"weak.txt" = ["ML101"]'
    )
    assert codes(run("check", "weak.txt", "--format", "jsonl").out) == {"ML103"}


def test_bad_rule_option_fails_before_linting(run: Run, memos: Path) -> None:
    write_pyproject(memos, "[tool.memolint.rules.ML401]\nmin-pagez = 2")
    line = one_error_line(run("check", "weak.txt"))
    assert "min-pagez" in line
