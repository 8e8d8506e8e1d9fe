"""Fixtures for the emitter tests; shared reports and builders are in ``emit_fixtures``."""

from __future__ import annotations

import pytest
from emit_fixtures import WEAK_MEMO

from memolint.config import Config
from memolint.linter import Linter
from memolint.report import Report


@pytest.fixture(scope="module")
def weak_report() -> Report:
    """The weak memo linted with every rule (no scores), once per test module."""
    return Linter(Config(score=False)).lint_text(WEAK_MEMO, source="memos/weak.txt")
