"""Memo texts and shared checks for the command-line tests (fixtures are in ``conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

WEAK = """\
Rollout plan

The release will possibly be approved by the CAB before each ramp step.

We hold weekly syncs to stay aligned.
"""
#: No approval gate, no meeting, no passive voice, no hedge.
CLEAN = """\
Rollout plan

Dana owns the ramp. The canary pages her when errors pass 0.5% for ten minutes.
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


def one_error_line(result: Result) -> str:
    """The single ``memolint: error:`` line of a failed run (and no traceback)."""
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("memolint: error: ")
    return lines[0]
