"""SARIF 2.1.0 output, shaped for GitHub code scanning.

GitHub reads one run per tool: the rule table (``tool.driver.rules``) gives
each alert its title, help text and default level; each result points at a
file by a URI relative to the checkout (``%SRCROOT%``) and a region whose
lines and columns are 1-based. A DOCX has no lines, so its results sit on
line 1 and carry the paragraph in ``properties``; a PDF's page is there too.

``partialFingerprints.primaryLocationLineHash`` lets GitHub keep tracking an
alert when the memo is edited around it. It hashes the rule code and the
whitespace-normalised sentence, then appends the occurrence index of that
pair in the file (GitHub's own ``hash:n`` convention), so a finding moved
to another line stays the same alert and two identical ones stay distinct.
Files that could not be read become ``toolExecutionNotifications`` and mark
the invocation unsuccessful, rather than vanishing from the upload.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from memolint.emit import Run, display_path

if TYPE_CHECKING:
    from memolint.model import Location
    from memolint.report import Finding, Report
    from memolint.rules.spec import RuleSpec

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/memolint/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
#: Rule code prefix -> the family tag GitHub shows as a filter.
FAMILY_TAGS = {
    "ML1": "process",
    "ML2": "prose",
    "ML3": "coverage",
    "ML4": "length",
}


def document(run: Run) -> dict[str, Any]:
    """The SARIF log for ``run`` as plain Python data."""
    from memolint.__about__ import __version__

    rules = _rule_table(run.rules, run.reports)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in run.reports:
        uri, base = _artifact_uri(report.source, run)
        artifact: dict[str, Any] = {"uri": uri}
        if base:
            artifact["uriBaseId"] = base
        if report.error is not None:
            notifications.append(_notification(report, artifact))
            continue
        occurrences: dict[tuple[str, str], int] = {}
        for finding in report.findings:
            key = (finding.code, _normalise(finding.excerpt))
            occurrence = occurrences.get(key, 0)
            occurrences[key] = occurrence + 1
            results.append(_result(finding, artifact, index, occurrence))
    run_data: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "memolint",
                "informationUri": INFORMATION_URI,
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": run.cwd.resolve().as_uri() + "/"}},
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run_data]}


def write(run: Run, stream: TextIO) -> None:
    json.dump(document(run), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _rule_table(specs: Sequence[RuleSpec], reports: Sequence[Report]) -> list[dict[str, Any]]:
    rules = [_rule(spec) for spec in sorted(specs, key=lambda spec: spec.code)]
    known = {rule["id"] for rule in rules}
    # A finding from a rule the run was not told about (a custom kind, say)
    # still needs an entry, or its ruleIndex would point nowhere.
    for report in reports:
        for finding in report.findings:
            if finding.code not in known:
                known.add(finding.code)
                rules.append(_bare_rule(finding))
    return rules


def _rule(spec: RuleSpec) -> dict[str, Any]:
    short = spec.message.split(":")[0].strip().rstrip(".") or spec.name
    full = spec.rationale.strip() or short
    help_text = full
    if spec.suggestion:
        help_text = f"{full}\n\nInstead: {' '.join(spec.suggestion.split())}"
    return {
        "id": spec.code,
        "name": _pascal(spec.name),
        "shortDescription": {"text": short},
        "fullDescription": {"text": " ".join(full.split())},
        "help": {"text": help_text, "markdown": _help_markdown(spec)},
        "defaultConfiguration": {"level": LEVELS.get(spec.severity, "warning")},
        "properties": {"tags": _tags(spec.code, spec.kind)},
    }


def _bare_rule(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.code,
        "name": _pascal(finding.name),
        "shortDescription": {"text": finding.name},
        "fullDescription": {"text": finding.name},
        "help": {"text": finding.suggestion or finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": _tags(finding.code, None)},
    }


def _tags(code: str, kind: str | None) -> list[str]:
    tags = ["memo"]
    family = FAMILY_TAGS.get(code[:3])
    if family:
        tags.append(family)
    if kind:
        tags.append(kind)
    return tags


def _help_markdown(spec: RuleSpec) -> str:
    lines = [f"**{spec.code} {spec.name}**", "", " ".join(spec.rationale.split())]
    if spec.suggestion:
        lines += ["", "**Instead:** " + " ".join(spec.suggestion.split())]
    if spec.flag_examples:
        lines += ["", "**Flagged:**", ""] + [f"- {example}" for example in spec.flag_examples]
    if spec.ok_examples:
        lines += ["", "**Not flagged:**", ""] + [f"- {example}" for example in spec.ok_examples]
    return "\n".join(lines).strip()


def _pascal(name: str) -> str:
    # SARIF suggests names be identifiers; GitHub shows them as the alert kind.
    return "".join(part.capitalize() for part in name.split("-"))


def _artifact_uri(source: str, run: Run) -> tuple[str, str | None]:
    if source.startswith("<"):
        return quote(source.strip("<>")), None
    shown = display_path(source, run.cwd)
    if shown.startswith("/"):
        from pathlib import Path

        return Path(shown).as_uri(), None
    return quote(shown), SRCROOT


def _result(
    finding: Finding, artifact: dict[str, Any], index: dict[str, int], occurrence: int
) -> dict[str, Any]:
    location = finding.location
    message = finding.message
    if location.line is None or location.page is not None:
        # A viewer cannot open a DOCX paragraph or a PDF page; say where in words.
        message = f"{message} ({_where(location)})"
    if finding.suggestion:
        message = f"{message} {finding.suggestion}"
    region = _region(finding)
    properties: dict[str, Any] = {
        "page": location.page,
        "paragraph": location.paragraph,
        "table_cell": list(location.table) if location.table else None,
        "heading_path": list(location.heading_path),
        "block": location.block,
        "excerpt": finding.excerpt,
    }
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    return {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": dict(artifact), "region": region}}],
        "partialFingerprints": {"primaryLocationLineHash": _fingerprint(finding, occurrence)},
        "properties": properties,
    }


def _where(location: Location) -> str:
    parts = []
    if location.page is not None:
        parts.append(f"page {location.page}")
    if location.line is not None:
        parts.append(f"line {location.line}")
    if location.paragraph is not None:
        parts.append(f"paragraph {location.paragraph}")
    if location.table is not None:
        parts.append(f"table row {location.table[0]}, column {location.table[1]}")
    return ", ".join(parts) or "whole document"


def _region(finding: Finding) -> dict[str, Any]:
    location = finding.location
    if location.line is None:
        return {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    start_line = max(location.line, 1)
    start_column = max(location.column or 1, 1)
    end_line = max(location.end_line or start_line, start_line)
    end_column = max(location.end_column or start_column, 1)
    if end_line == start_line:
        end_column = max(end_column, start_column)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _fingerprint(finding: Finding, occurrence: int) -> str:
    digest = hashlib.sha256(f"{finding.code}\0{_normalise(finding.excerpt)}".encode()).hexdigest()
    return f"{digest[:32]}:{occurrence + 1}"


def _notification(report: Report, artifact: dict[str, Any]) -> dict[str, Any]:
    error = report.error
    return {
        "level": "error",
        "message": {"text": str(error)},
        "locations": [{"physicalLocation": {"artifactLocation": dict(artifact)}}],
        "descriptor": {"id": type(error).__name__},
    }
