"""JSON output: every report in one document, versioned like ``Report.to_dict``.

Shape::

    {"schema": 1, "memolint": "0.1.0",
     "summary": {"files": 2, "unreadable": 0, "findings": {"error": 1, ...}},
     "reports": [Report.to_dict(), ...]}

With ``--statistics`` a ``"statistics"`` list (code, name, severity, count)
is added. The memo text is left out (``"text": null``) unless
``--include-text`` asks for it.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from memolint.emit import Run, report_dict, statistics
from memolint.report import SCHEMA_VERSION


def document(run: Run) -> dict[str, Any]:
    """The JSON document for ``run`` as plain Python data."""
    from memolint.__about__ import __version__

    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "memolint": __version__,
        "summary": {
            "files": len(run.reports),
            "unreadable": len(run.bad_reports),
            "findings": run.counts(),
        },
    }
    if run.statistics:
        data["statistics"] = statistics(run.good_reports, run.rule_names())
    data["reports"] = [report_dict(report, include_text=run.include_text) for report in run.reports]
    return data


def write(run: Run, stream: TextIO) -> None:
    json.dump(document(run), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
