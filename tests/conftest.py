"""Shared fixtures: one Linter per configuration, so the model loads once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from memolint.config import Config
from memolint.linter import Linter


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty result cache for every test (and every process it starts).

    The suite never reads or writes the user's real cache, and no test sees
    results another test stored.
    """
    folder = tmp_path_factory.mktemp("cache") / "memolint"
    monkeypatch.setenv("MEMOLINT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def linter() -> Linter:
    """Every rule, no scoring: the fast path most rule tests need."""
    return Linter(Config(score=False))


@pytest.fixture(scope="session")
def scoring_linter() -> Linter:
    return Linter(Config())
