"""Configuration: ``[tool.memolint]`` in pyproject.toml or a ``memolint.toml``.

Settings are found by walking up from the checked file (ruff's convention),
so a repository of memos can carry its own policy; command-line flags
override them. Unknown keys are an error naming the key and the file, because
a misspelt ``ignore`` that silently does nothing is worse than a refusal.

Example::

    [tool.memolint]
    select = ["ML1", "ML2"]
    ignore = ["ML203"]
    fail-on = "warning"
    rule-packs = ["style/house-rules"]

    [tool.memolint.per-file-ignores]
    "drafts/*" = ["ML401"]

    [tool.memolint.rules.ML401]
    min-pages = 2
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from memolint.errors import ConfigError
from memolint.limits import DEFAULT_LIMITS, Limits

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

FAIL_ON_LEVELS = ("error", "warning", "info", "never")
CONFIG_FILENAMES = ("memolint.toml", ".memolint.toml", "pyproject.toml")

_LIMIT_KEYS = {
    "max-bytes": "max_bytes",
    "max-pages": "max_pages",
    "max-zip-entries": "zip_max_entries",
    "max-part-bytes": "zip_max_part_bytes",
    "max-unzipped-bytes": "zip_max_total_bytes",
    "max-compression-ratio": "zip_max_ratio",
    "max-stream-bytes": "max_stream_bytes",
    "max-text-chars": "max_text_chars",
    "max-memory-bytes": "max_memory_bytes",
}
_KNOWN_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "rules",
    "rule-packs",
    "fail-on",
    "score",
    "lint-asides",
    "timeout",
    "isolate",
    "limits",
}


@dataclass(frozen=True, slots=True)
class Config:
    """Effective settings for one run.

    ``select``/``ignore`` hold codes or prefixes (``"ML2"`` selects ML201..);
    an empty ``select`` means every rule. ``rule_options`` maps a rule code to
    its option overrides; the rule engine validates them against each rule's
    declared options.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    rule_packs: tuple[str, ...] = ()
    fail_on: str = "warning"
    score: bool = True
    lint_asides: bool = False
    timeout: float = 30.0
    #: Read files in a child process with memory, CPU and time limits. Turn off
    #: only for trusted files on a platform where starting processes is costly.
    isolate: bool = True
    limits: Limits = DEFAULT_LIMITS
    path: str | None = None

    def is_selected(self, code: str, source: str | None = None) -> bool:
        """Whether ``code`` runs (for ``source``, applying per-file ignores)."""
        if self.select and not _matches_any(code, self.select):
            return False
        if _longest_match(code, self.ignore) > _longest_match(code, self.select):
            return False
        if source is not None:
            for pattern, codes in self.per_file_ignores:
                if _path_matches(source, pattern, self.path) and _matches_any(code, codes):
                    return False
        return True

    def merged(self, **overrides: Any) -> Config:
        """A copy with the non-``None`` overrides applied (CLI flags win)."""
        return replace(self, **{key: val for key, val in overrides.items() if val is not None})

    def fingerprint(self) -> str:
        """A stable text form of the settings that change results (for caches)."""
        return repr(
            (
                self.select,
                self.ignore,
                self.per_file_ignores,
                sorted((code, sorted(opts.items())) for code, opts in self.rule_options.items()),
                self.rule_packs,
                self.score,
                self.lint_asides,
                self.limits,
            )
        )


def _matches_any(code: str, prefixes: Sequence[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes) or "ALL" in prefixes


def _longest_match(code: str, prefixes: Sequence[str]) -> int:
    lengths = [len(prefix) for prefix in prefixes if code.startswith(prefix)]
    if "ALL" in prefixes:
        lengths.append(0)
    return max(lengths, default=-1)


def _path_matches(source: str, pattern: str, config_path: str | None) -> bool:
    candidates = [source, Path(source).name]
    if config_path:
        try:
            candidates.append(
                str(Path(source).resolve().relative_to(Path(config_path).resolve().parent))
            )
        except ValueError:
            pass
    return any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates)


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The nearest config file at or above ``start`` (a file or a directory).

    A pyproject.toml counts only if it has a ``[tool.memolint]`` table.
    """
    path = Path(start).resolve()
    directory = path if path.is_dir() else path.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILENAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or "memolint" in _read_toml(candidate).get("tool", {}):
                return candidate
    return None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read settings from a memolint.toml or a pyproject.toml's [tool.memolint]."""
    file = Path(path)
    if not file.is_file():
        raise ConfigError("configuration file not found", source=str(file))
    data = _read_toml(file)
    if file.name == "pyproject.toml":
        data = data.get("tool", {}).get("memolint", {})
    elif "tool" in data and "memolint" in data["tool"] and len(data) == 1:
        data = data["tool"]["memolint"]
    return config_from_mapping(data, source=str(file))


def discover_config(start: str | os.PathLike[str]) -> Config:
    """Settings for a file at ``start``: the nearest config file, or defaults."""
    file = find_config_file(start)
    return load_config(file) if file else Config()


def config_from_mapping(data: Mapping[str, Any], source: str = "<config>") -> Config:
    """Validate a settings table and build a :class:`Config` from it."""
    normalised = {str(key).replace("_", "-"): value for key, value in data.items()}
    unknown = sorted(set(normalised) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"unknown setting {unknown[0]!r}; known settings: {', '.join(sorted(_KNOWN_KEYS))}",
            source=source,
        )
    select = _codes(normalised, "select", source) + _codes(normalised, "extend-select", source)
    fail_on = normalised.get("fail-on", "warning")
    if fail_on not in FAIL_ON_LEVELS:
        raise ConfigError(
            f"fail-on must be one of {', '.join(FAIL_ON_LEVELS)}, not {fail_on!r}", source=source
        )
    per_file = normalised.get("per-file-ignores", {})
    if not isinstance(per_file, Mapping):
        raise ConfigError("per-file-ignores must be a table of glob = [codes]", source=source)
    rules = normalised.get("rules", {})
    if not isinstance(rules, Mapping) or not all(isinstance(v, Mapping) for v in rules.values()):
        raise ConfigError("rules must be a table of [rules.CODE] option tables", source=source)
    packs = normalised.get("rule-packs", [])
    if not isinstance(packs, list) or not all(isinstance(item, str) for item in packs):
        raise ConfigError("rule-packs must be a list of paths", source=source)
    base = Path(source).parent if source != "<config>" else Path.cwd()
    timeout = normalised.get("timeout", 30.0)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ConfigError("timeout must be a positive number of seconds", source=source)
    return Config(
        select=select,
        ignore=_codes(normalised, "ignore", source),
        per_file_ignores=tuple(
            (str(pattern), _code_list(codes, f"per-file-ignores.{pattern}", source))
            for pattern, codes in per_file.items()
        ),
        rule_options={
            str(code): {str(k).replace("_", "-"): v for k, v in opts.items()}
            for code, opts in rules.items()
        },
        rule_packs=tuple(str((base / pack).resolve()) for pack in packs),
        fail_on=fail_on,
        score=bool(normalised.get("score", True)),
        lint_asides=bool(normalised.get("lint-asides", False)),
        timeout=float(timeout),
        isolate=bool(normalised.get("isolate", True)),
        limits=_limits(normalised.get("limits", {}), source),
        path=None if source == "<config>" else source,
    )


def _codes(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    return _code_list(data.get(key, []), key, source)


def _code_list(value: Any, key: str, source: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{key} must be a list of rule codes or prefixes", source=source)
    return tuple(item.strip().upper() for item in value if item.strip())


def _limits(value: Any, source: str) -> Limits:
    if not isinstance(value, Mapping):
        raise ConfigError("limits must be a table", source=source)
    fields: dict[str, Any] = {}
    for key, number in value.items():
        name = _LIMIT_KEYS.get(str(key).replace("_", "-"))
        if name is None:
            raise ConfigError(
                f"unknown limit {key!r}; known limits: {', '.join(sorted(_LIMIT_KEYS))}",
                source=source,
            )
        if not isinstance(number, (int, float)) or number <= 0:
            raise ConfigError(f"limit {key!r} must be a positive number", source=source)
        fields[name] = number
    return replace(DEFAULT_LIMITS, **fields)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"is not valid TOML ({error})", source=str(path)) from None
    except OSError as error:
        raise ConfigError(f"cannot be read ({error.strerror})", source=str(path)) from None
