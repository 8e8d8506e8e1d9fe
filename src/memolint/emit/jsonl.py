"""JSON Lines output: one finding per line, for ``grep``, ``jq`` and log pipelines.

Each line is ``Finding.to_dict()`` with ``"source"`` added, so lines from a
batch can be told apart without context. A file that could not be read
yields one line ``{"source": ..., "error": {"type": ..., "message": ...}}``
instead of its findings: a pipeline that only counts findings must not
mistake an unreadable memo for a clean one.
"""

from __future__ import annotations

import json
from typing import TextIO

from memolint.emit import Run


def write(run: Run, stream: TextIO) -> None:
    for report in run.reports:
        if report.error is not None:
            error = {"type": type(report.error).__name__, "message": str(report.error)}
            stream.write(json.dumps({"source": report.source, "error": error}, ensure_ascii=False))
            stream.write("\n")
            continue
        for finding in report.findings:
            line = {"source": report.source, **finding.to_dict()}
            stream.write(json.dumps(line, ensure_ascii=False))
            stream.write("\n")
