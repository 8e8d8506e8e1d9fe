"""The rule engine: load rule packs, compile them once, run them over a memo.

Built-in rules live as YAML files in the top-level ``rules/`` folder (shipped
in the wheel as ``memolint/rulepacks``); users add packs by path. Compiled
matchers are cached per process, keyed by the rule specs, so a long-running
tool or ``lint_many`` pays for PhraseMatcher construction once.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from memolint.config import Config
from memolint.errors import ConfigError
from memolint.parsed import ParsedBlock, ParsedMemo
from memolint.report import Finding
from memolint.rules.context import non_use_reason
from memolint.rules.spec import RuleSpec, load_rule_file

RULE_SUFFIXES = (".yaml", ".yml")
EXCERPT_CHARS = 160


def builtin_rules_dir() -> Path:
    """The built-in rule pack: inside the wheel, or the checkout's ``rules/``."""
    packaged = Path(__file__).resolve().parent.parent / "rulepacks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def rule_files(pack: Path) -> list[Path]:
    if pack.is_file():
        return [pack]
    if not pack.is_dir():
        raise ConfigError(
            "rule pack not found (expected a YAML file or a folder)", source=str(pack)
        )
    return sorted(path for path in pack.rglob("*") if path.suffix in RULE_SUFFIXES)


@lru_cache(maxsize=16)
def _load_pack(path: str) -> tuple[RuleSpec, ...]:
    specs: list[RuleSpec] = []
    for file in rule_files(Path(path)):
        specs.extend(load_rule_file(file))
    return tuple(specs)


def load_specs(extra_packs: Sequence[str] = ()) -> list[RuleSpec]:
    """Every rule spec from the built-in pack and ``extra_packs``, codes unique."""
    specs: list[RuleSpec] = []
    seen: dict[str, str] = {}
    for pack in (str(builtin_rules_dir()), *extra_packs):
        for spec in _load_pack(pack):
            if spec.code in seen:
                raise ConfigError(
                    f"rule code {spec.code} is declared twice ({seen[spec.code]} and here)",
                    source=spec.path,
                )
            seen[spec.code] = spec.path
            specs.append(spec)
    return sorted(specs, key=lambda spec: spec.code)


def rules_version(specs: Iterable[RuleSpec]) -> str:
    """A hash of the rule files' contents and of the sentence models they name:
    scoring models trained on other rules refuse to load."""
    from memolint.rules.learned import model_paths

    specs = list(specs)
    files = {Path(spec.path) for spec in specs}
    files |= {
        path for spec in specs for path in model_paths(spec.options, spec.path) if path.is_file()
    }
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class CompiledRule:
    spec: RuleSpec
    kind: Any

    @property
    def level(self) -> str:
        return self.kind.level


class RuleSet:
    """The rules one run uses, selected and configured, ready to run.

    >>> rules = RuleSet.from_config(Config(select=("ML2",)))  # doctest: +SKIP
    >>> [spec.code for spec in rules.specs]
    ['ML201', 'ML202', 'ML203', 'ML204']
    """

    def __init__(self, specs: Sequence[RuleSpec], config: Config) -> None:
        self.config = config
        self.specs = list(specs)
        self._compiled: list[CompiledRule] | None = None

    @classmethod
    def from_config(cls, config: Config) -> RuleSet:
        specs = load_specs(config.rule_packs)
        _validate_selection(specs, config)
        by_code = {spec.code: spec for spec in specs}
        source = config.path or "<config>"
        for code, options in config.rule_options.items():
            if code not in by_code:
                raise ConfigError(f"options given for unknown rule {code!r}", source=source)
            by_code[code] = by_code[code].with_options(options, source)
        chosen = [
            spec
            for spec in by_code.values()
            if (spec.enabled or _explicitly_selected(spec.code, config))
            and config.is_selected(spec.code)
        ]
        return cls(sorted(chosen, key=lambda spec: spec.code), config)

    def compiled(self) -> list[CompiledRule]:
        if self._compiled is None:
            self._compiled = [CompiledRule(spec, compile_kind(spec)) for spec in self.specs]
        return self._compiled

    def run(self, parsed: ParsedMemo, source: str | None = None) -> list[Finding]:
        """All findings for ``parsed``, in document order, suppressions applied."""
        source = source if source is not None else parsed.memo.source
        rules = [
            rule for rule in self.compiled() if self.config.is_selected(rule.spec.code, source)
        ]
        findings: list[Finding] = []
        block_rules = [rule for rule in rules if rule.level == "block"]
        for block in parsed.blocks:
            for rule in block_rules:
                if rule.spec.blocks and block.block.kind not in rule.spec.blocks:
                    continue
                findings.extend(_block_findings(rule, block, parsed))
        # document-level rules (the coverage rules) may read what the block rules found
        parsed.cache["block-findings"] = _apply_suppressions(list(findings), parsed)
        for rule in rules:
            if rule.level == "document":
                findings.extend(_document_findings(rule, parsed))
        findings = _apply_suppressions(findings, parsed)
        findings.sort(key=lambda finding: (finding.location.start, finding.code))
        return findings


_compiled_kinds: dict[str, Any] = {}


def compile_kind(spec: RuleSpec) -> Any:
    """The rule's matcher, built once per process for each distinct spec."""
    key = repr((spec.path, spec.code, sorted(spec.options.items()), spec.settings))
    if key not in _compiled_kinds:
        _compiled_kinds[key] = _compile(spec)
    return _compiled_kinds[key]


def _compile(spec: RuleSpec) -> Any:
    from memolint.nlp import load_pipeline
    from memolint.rules.kinds.function import FunctionKind
    from memolint.rules.kinds.pattern import PatternKind
    from memolint.rules.kinds.phrase import PhraseKind
    from memolint.rules.kinds.regex import RegexKind

    kinds = {"phrase": PhraseKind, "pattern": PatternKind, "regex": RegexKind}
    return kinds.get(spec.kind, FunctionKind)(spec, load_pipeline())


def _block_findings(rule: CompiledRule, block: ParsedBlock, parsed: ParsedMemo) -> list[Finding]:
    spec = rule.spec
    doc = block.doc
    results: list[Finding] = []
    taken: list[tuple[int, int]] = []
    seen_scopes: set[int] = set()
    for match in sorted(rule.kind.find(block), key=lambda m: (m.start, -m.end)):
        if any(start <= match.start and match.end <= end for start, end in taken):
            continue  # inside a longer match of the same rule
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if match.check_context and _is_non_use(spec, span):
            continue
        if spec.exceptions and _excepted(spec, span):
            continue
        scope = _scope_key(spec.once_per, span, block)
        if spec.once_per == "document" and results:
            break
        if scope is not None and scope in seen_scopes:
            continue
        if scope is not None:
            seen_scopes.add(scope)
        taken.append((match.start, match.end))
        start, end = block.offset(match.start), block.offset(match.end)
        sentence = span.sent
        results.append(
            _finding(spec, parsed, start, end, _excerpt(sentence.text), match.values, span.text)
        )
    return results


def _document_findings(rule: CompiledRule, parsed: ParsedMemo) -> list[Finding]:
    spec = rule.spec
    results = []
    for match in rule.kind.find_in_memo(parsed):
        if match.check_context:
            span = _span_at(parsed, match.start, match.end)
            if span is not None and (
                _is_non_use(spec, span) or (spec.exceptions and _excepted(spec, span))
            ):
                continue
        text = parsed.memo.text[match.start : match.end]
        results.append(
            _finding(spec, parsed, match.start, match.end, _excerpt(text), match.values, text)
        )
        if spec.once_per == "document":
            break
    return results


def _span_at(parsed: ParsedMemo, start: int, end: int) -> Any:
    # Blocks are in text order and do not overlap: the last one starting at or
    # before ``start`` is the only one that can hold it.
    starts = parsed.cache.get("block-starts")
    if starts is None:
        starts = parsed.cache["block-starts"] = [block.block.start for block in parsed.blocks]
    index = bisect.bisect_right(starts, start) - 1  # type: ignore[arg-type]
    if index >= 0:
        block = parsed.blocks[index]
        if block.block.start <= start < block.block.end + 1:
            return block.doc.char_span(
                start - block.block.start, end - block.block.start, alignment_mode="expand"
            )
    return None


def _finding(
    spec: RuleSpec,
    parsed: ParsedMemo,
    start: int,
    end: int,
    excerpt: str,
    values: Mapping[str, Any],
    matched: str,
) -> Finding:
    fill = {"match": " ".join(matched.split()), **values}
    return Finding(
        code=spec.code,
        name=spec.name,
        severity=spec.severity,  # type: ignore[arg-type]
        message=_format(spec.message, fill),
        location=parsed.memo.locate(start, end),
        excerpt=excerpt,
        suggestion=_format(spec.suggestion, fill) if spec.suggestion else None,
    )


def _format(template: str, values: Mapping[str, Any]) -> str:
    try:
        return template.strip().format(**values)
    except (KeyError, IndexError, ValueError):
        return template.strip()


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"


def _is_non_use(spec: RuleSpec, span: Any) -> bool:
    policy = spec.context
    if not (policy.negated or policy.mentioned or policy.quoted):
        return False
    return (
        non_use_reason(
            span, negated=policy.negated, mentioned=policy.mentioned, quoted=policy.quoted
        )
        is not None
    )


def _excepted(spec: RuleSpec, span: Any) -> bool:
    sentence = span.sent.text.lower()
    return any(exception in sentence for exception in spec.exceptions)


def _scope_key(once_per: str, span: Any, block: ParsedBlock) -> int | None:
    if once_per == "sentence":
        return span.sent.start
    if once_per == "block":
        return 0
    return None


def _explicitly_selected(code: str, config: Config) -> bool:
    return code in config.select


def _validate_selection(specs: Sequence[RuleSpec], config: Config) -> None:
    codes = [spec.code for spec in specs]
    source = config.path or "<config>"
    selectors = [
        *config.select,
        *config.ignore,
        *(code for _, group in config.per_file_ignores for code in group),
    ]
    for selector in selectors:
        if selector != "ALL" and not any(code.startswith(selector) for code in codes):
            raise ConfigError(
                f"unknown rule code or prefix {selector!r} (see `memolint rule`)", source=source
            )


def _apply_suppressions(findings: list[Finding], parsed: ParsedMemo) -> list[Finding]:
    suppressions = getattr(parsed.memo, "suppressions", None)
    if not suppressions:
        return findings
    from memolint.ingest.suppressions import is_suppressed

    return [
        finding
        for finding in findings
        if finding.location.line is None
        or not is_suppressed(suppressions, finding.code, finding.location.line)
    ]
