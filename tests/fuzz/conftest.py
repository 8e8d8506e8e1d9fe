"""Hypothesis profiles and an input counter for the reader fuzz tests.

The ordinary test run uses the ``fuzz-ci`` profile: a few dozen
derandomized examples per test, so CI stays quick and deterministic. The
long run selects the ``fuzz`` profile, either way::

    python -m pytest tests/fuzz --hypothesis-profile=fuzz -q
    MEMOLINT_FUZZ=1 python -m pytest tests/fuzz -q

and the terminal summary says how many inputs went through the readers, how
many were refused with a ``MemolintError``, how many escaped as anything
else, and the slowest single input.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "fuzz-ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_QUIET,
)
settings.register_profile(
    "fuzz",
    max_examples=1500,
    deadline=None,
    suppress_health_check=_QUIET,
)


@dataclass(repr=False)
class FuzzStats:
    """What went through the readers during one test session."""

    inputs: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    escaped: Counter[str] = field(default_factory=Counter)
    slowest: dict[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:  # shown in every failing example; keep it short
        return "FuzzStats()"

    def record(self, kind: str, seconds: float) -> None:
        self.inputs[kind] += 1
        if seconds > self.slowest.get(kind, 0.0):
            self.slowest[kind] = seconds


_STATS = pytest.StashKey[FuzzStats]()


@pytest.fixture(scope="session")
def fuzz_stats(request: pytest.FixtureRequest) -> FuzzStats:
    stash = request.config.stash
    if _STATS not in stash:
        stash[_STATS] = FuzzStats()
    return stash[_STATS]


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    stats = config.stash.get(_STATS, None)
    if stats is None or not stats.inputs:
        return
    write = terminalreporter.write_line
    terminalreporter.section("reader fuzzing")
    total = sum(stats.inputs.values())
    write(
        f"{total:,} inputs through the readers: {sum(stats.refused.values()):,} refused with a "
        f"MemolintError, {sum(stats.escaped.values()):,} escaped with another exception"
    )
    for kind in sorted(stats.inputs):
        write(
            f"  {kind:<14} {stats.inputs[kind]:>7,} inputs, {stats.refused[kind]:>7,} refused, "
            f"{stats.escaped[kind]:>3,} escaped, slowest {stats.slowest.get(kind, 0.0):.2f} s"
        )
    try:
        import resource
    except ImportError:  # not on Windows
        return
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mib = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    write(f"  peak memory of the test process: {peak_mib:,.0f} MiB")
