"""Rule specifications: the data a rule file declares, validated on load.

A rule file is YAML (Vale's convention) holding one rule or a list under
``rules:``. The fields every rule has are checked here, once, so that a typo
in a user's pack is reported with the file and the field rather than
surfacing later as a silent non-match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from memolint.errors import ConfigError

KINDS = ("phrase", "pattern", "regex", "table", "coverage", "metric", "python")
SEVERITIES = ("error", "warning", "info")
SCOPES = ("sentence", "match", "block", "document")
_CODE = re.compile(r"^[A-Z]{1,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_COMMON_FIELDS = {
    "code",
    "name",
    "severity",
    "kind",
    "message",
    "suggestion",
    "rationale",
    "options",
    "context",
    "once-per",
    "blocks",
    "examples",
    "exceptions",
    "enabled",
}
_KIND_FIELDS = {
    "phrase": {"phrases", "attr"},
    "pattern": {"patterns", "dependency-patterns"},
    "regex": {"regex", "ignore-case"},
    "table": {"function"},
    "coverage": {"function", "detector"},
    "metric": {"function"},
    "python": {"function"},
}


@dataclass(frozen=True, slots=True)
class ContextPolicy:
    """Which non-uses of a match to drop (see :mod:`memolint.rules.context`)."""

    negated: bool = True
    mentioned: bool = True
    quoted: bool = True


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One rule as declared in its file (plus where that file is)."""

    code: str
    name: str
    severity: str
    kind: str
    message: str
    suggestion: str | None
    rationale: str
    options: Mapping[str, Any]
    context: ContextPolicy
    once_per: str
    blocks: tuple[str, ...]
    exceptions: tuple[str, ...]
    flag_examples: tuple[str, ...]
    ok_examples: tuple[str, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""
    enabled: bool = True

    def with_options(self, overrides: Mapping[str, Any], source: str) -> RuleSpec:
        unknown = sorted(set(overrides) - set(self.options))
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise ConfigError(
                f"rule {self.code} has no option {unknown[0]!r} (options: {known})",
                source=source,
            )
        merged = dict(self.options)
        for key, value in overrides.items():
            default = self.options[key]
            if (
                default is not None
                and not isinstance(value, type(default))
                and not (isinstance(default, float) and isinstance(value, int))
            ):
                raise ConfigError(
                    f"rule {self.code} option {key!r} must be {type(default).__name__}",
                    source=source,
                )
            merged[key] = value
        return _replace_options(self, merged)


def _replace_options(spec: RuleSpec, options: Mapping[str, Any]) -> RuleSpec:
    from dataclasses import replace

    return replace(spec, options=options)


def load_rule_file(path: Path) -> list[RuleSpec]:
    """Parse one YAML rule file into validated specs."""
    import yaml

    try:
        data = _safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f" (line {line + 1})" if line is not None else ""
        raise ConfigError(f"is not valid YAML{where}", source=str(path)) from None
    except OSError as error:
        raise ConfigError(f"cannot be read ({error.strerror})", source=str(path)) from None
    if isinstance(data, Mapping) and "rules" in data:
        items = data["rules"]
    else:
        items = [data]
    if not isinstance(items, list) or not items:
        raise ConfigError("holds no rules", source=str(path))
    return [parse_rule(item, str(path)) for item in items]


def _safe_load(text: str) -> Any:
    """``yaml.safe_load``, through libyaml when PyYAML has it.

    The C loader reads the built-in rules in a twentieth of the time, which
    every run pays at start-up. A file it refuses is read again by the
    pure-Python loader, so errors are reported (and accepted files read) as
    before.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def parse_rule(data: Any, source: str) -> RuleSpec:
    if not isinstance(data, Mapping):
        raise ConfigError("a rule must be a mapping of fields", source=source)
    data = {str(key).replace("_", "-"): value for key, value in data.items()}
    code = _required_str(data, "code", source)
    if not _CODE.match(code):
        raise ConfigError(f"rule code {code!r} must look like ML123", source=source)
    where = f"{source} ({code})"
    kind = _required_str(data, "kind", where)
    if kind not in KINDS:
        raise ConfigError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}", source=where)
    allowed = _COMMON_FIELDS | _KIND_FIELDS[kind]
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ConfigError(f"unknown field {unknown[0]!r} for a {kind} rule", source=where)
    name = _required_str(data, "name", where)
    if not _NAME.match(name):
        raise ConfigError(f"rule name {name!r} must be kebab-case", source=where)
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise ConfigError(f"severity must be one of {', '.join(SEVERITIES)}", source=where)
    once_per = data.get("once-per", "match")
    if once_per not in SCOPES:
        raise ConfigError(f"once-per must be one of {', '.join(SCOPES)}", source=where)
    context = data.get("context", {}) or {}
    if not isinstance(context, Mapping) or set(context) - {"negated", "mentioned", "quoted"}:
        raise ConfigError("context takes negated/mentioned/quoted: skip|keep", source=where)
    examples = data.get("examples", {}) or {}
    if not isinstance(examples, Mapping) or set(examples) - {"flag", "ok"}:
        raise ConfigError("examples takes two lists, flag and ok", source=where)
    settings = {key: data[key] for key in _KIND_FIELDS[kind] if key in data}
    options = dict(data.get("options", {}) or {})
    _check_word_lists(options, where)
    return RuleSpec(
        code=code,
        name=name,
        severity=severity,
        kind=kind,
        message=_required_str(data, "message", where),
        suggestion=data.get("suggestion"),
        rationale=str(data.get("rationale", "")).strip(),
        options=options,
        context=ContextPolicy(
            negated=context.get("negated", "skip") == "skip",
            mentioned=context.get("mentioned", "skip") == "skip",
            quoted=context.get("quoted", "skip") == "skip",
        ),
        once_per=once_per,
        blocks=tuple(data.get("blocks", ()) or ()),
        exceptions=tuple(str(item).lower() for item in data.get("exceptions", ()) or ()),
        flag_examples=tuple(str(item) for item in examples.get("flag", ()) or ()),
        ok_examples=tuple(str(item) for item in examples.get("ok", ()) or ()),
        settings=settings,
        path=source,
        enabled=bool(data.get("enabled", True)),
    )


def _check_word_lists(options: Mapping[str, Any], source: str) -> None:
    """A word list holding true/false is a YAML slip: unquoted yes, no, on, off."""
    for key, value in options.items():
        if isinstance(value, list) and any(isinstance(item, bool) for item in value):
            raise ConfigError(
                f'option {key!r} lists a true/false value; quote words such as "yes" or '
                '"off", which YAML reads as booleans',
                source=source,
            )


def _required_str(data: Mapping[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"rule is missing {key!r}", source=source)
    return value.strip()
