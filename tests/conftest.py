"""Shared fixtures: one Linter per configuration, so the model loads once per run."""

from __future__ import annotations

import pytest

from memolint.config import Config
from memolint.linter import Linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    """Every rule, no scoring: the fast path most rule tests need."""
    return Linter(Config(score=False))


@pytest.fixture(scope="session")
def scoring_linter() -> Linter:
    return Linter(Config())
