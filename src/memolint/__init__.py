"""memolint: lint and score technical take-home memos.

>>> import memolint
>>> report = memolint.lint("memo.docx")          # doctest: +SKIP
>>> for finding in report.findings:              # doctest: +SKIP
...     print(finding.location.line, finding.code, finding.message)

The names below are the stable public API (see DESIGN.md). Heavy modules
(spaCy, readers) load only when a memo is analysed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from memolint.__about__ import __version__
from memolint.errors import (
    ConfigError,
    CorruptDocument,
    DocumentTimeout,
    DocumentTooLarge,
    EncryptedDocument,
    InputNotFound,
    MemolintError,
    ModelNotInstalled,
    NoTextLayer,
    UnsupportedFormat,
)

if TYPE_CHECKING:
    from memolint.config import Config
    from memolint.linter import Linter, lint, lint_text
    from memolint.model import Location
    from memolint.report import Evidence, Finding, Report, Score, Stats

__all__ = [
    "Config",
    "ConfigError",
    "CorruptDocument",
    "DocumentTimeout",
    "DocumentTooLarge",
    "EncryptedDocument",
    "Evidence",
    "Finding",
    "InputNotFound",
    "Linter",
    "Location",
    "MemolintError",
    "ModelNotInstalled",
    "NoTextLayer",
    "Report",
    "Score",
    "Stats",
    "UnsupportedFormat",
    "__version__",
    "lint",
    "lint_text",
]

_LAZY = {
    "Config": "memolint.config",
    "Linter": "memolint.linter",
    "lint": "memolint.linter",
    "lint_text": "memolint.linter",
    "Location": "memolint.model",
    "Evidence": "memolint.report",
    "Finding": "memolint.report",
    "Report": "memolint.report",
    "Score": "memolint.report",
    "Stats": "memolint.report",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'memolint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
