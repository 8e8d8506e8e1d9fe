"""Inline suppression comments in Markdown and text memos.

``<!-- memolint: disable=ML201 -->`` turns the listed codes (or prefixes;
all rules when none are listed) off from the next line until a matching
``<!-- memolint: enable -->``; ``disable-next-line`` covers only the line
after the comment. Findings located on a suppressed line are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from memolint.report import Finding


def is_suppressed(finding: Finding, suppressions: Sequence[Any]) -> bool:
    line = finding.location.line
    if line is None:
        return False
    disabled: dict[str, bool] = {}  # prefix ("" = all) -> disabled
    for item in sorted(suppressions, key=lambda s: s.line):
        if item.line >= line:
            break
        codes = tuple(item.codes) or ("",)
        if item.action == "disable-next-line":
            if _next_content_line(item) == line and _covers(codes, finding.code):
                return True
        elif item.action == "disable":
            for code in codes:
                disabled[code] = True
        elif item.action == "enable":
            if codes == ("",):
                disabled.clear()
            else:
                for code in codes:
                    disabled[code] = False
    matching = [prefix for prefix in disabled if finding.code.startswith(prefix)]
    if not matching:
        return False
    return disabled[max(matching, key=len)]  # the most specific setting wins


def _next_content_line(item: Any) -> int:
    return getattr(item, "target_line", None) or item.line + 1


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return any(code.startswith(prefix) for prefix in codes)
