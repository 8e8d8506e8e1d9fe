"""GitHub Actions workflow commands: findings as inline annotations on a pull request.

One line per finding::

    ::warning file=memo.md,line=3,col=13,endLine=3,endColumn=27,title=ML201 passive-voice::...

GitHub parses these lines from a step's output; ``info`` maps to
``notice`` because Actions has no "info" level. Values are escaped as the
Actions toolkit does (``%``, CR and LF in the message; additionally ``:``
and ``,`` in properties), since a memo's excerpt can hold any of them and an
unescaped comma would cut a property short. A DOCX has no lines, so its
annotations carry only the file and name the paragraph in the message; a
PDF's line counts from the top of its page, so the page is named too.
"""

from __future__ import annotations

from typing import TextIO

from memolint.emit import Run, display_path, format_location
from memolint.report import Finding

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=``, ``title=``, ...)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    """One workflow command line, properties in the given order, ``None`` ones left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return (
        f"::{level} {props}::{escape_data(message)}"
        if props
        else f"::{level}::{escape_data(message)}"
    )


def annotation(finding: Finding, path: str) -> str:
    location = finding.location
    message = finding.message
    if location.line is None or location.page is not None:
        # GitHub cannot show a DOCX paragraph or a PDF page; the message can.
        message = f"{message} ({format_location(location)})"
    if finding.suggestion:
        message = f"{message}\n{finding.suggestion}"
    line = location.line
    return command(
        LEVELS[finding.severity],
        message,
        file=path,
        line=line,
        col=location.column if line is not None else None,
        endLine=location.end_line if line is not None else None,
        endColumn=location.end_column if line is not None else None,
        title=f"{finding.code} {finding.name}",
    )


def write(run: Run, stream: TextIO) -> None:
    for report in run.reports:
        path = display_path(report.source, run.cwd)
        if report.error is not None:
            message = getattr(report.error, "message", str(report.error))
            stream.write(
                command("error", message, file=path, title="memolint could not read this file")
            )
            stream.write("\n")
            continue
        for finding in report.findings:
            stream.write(annotation(finding, path))
            stream.write("\n")
