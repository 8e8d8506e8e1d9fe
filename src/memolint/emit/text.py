"""Human output for a terminal or a log, rendered with rich.

Each finding is one grep-able line, ``path:line:col: CODE message`` (with a
``p<page>`` before the line for PDFs and ``¶<paragraph>`` for DOCX, which has
no lines), followed by the sentence it sits in and the suggestion, dimmed,
the way ruff shows a diagnostic with its source and its fix. A summary
follows: counts per severity, the rubric scores and verdict per file when
they exist, and how many files were checked.

Colour is rich's decision (terminal, ``NO_COLOR``, ``FORCE_COLOR``) unless
``--color``/``--no-color`` settles it; memo text is always passed as
:class:`rich.text.Text`, never as markup, so a memo containing ``[bold]``
prints literally.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from memolint.emit import (
    DIMENSION_LABELS,
    SEVERITIES,
    Run,
    display_path,
    format_location,
    statistics,
)

if TYPE_CHECKING:
    from memolint.report import Finding, Report, Score

SEVERITY_STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
LEVEL_STYLES = {0: "red", 1: "red", 2: "yellow", 3: "green", 4: "bold green"}
VERDICT_STYLES = {"pass": "bold green", "fail": "bold red"}
EVIDENCE_PER_SCORE = 3
PIPE_WIDTH = 120
NO_SCORES = (
    "No rubric scores are available for this memo: the scoring models are not "
    "installed or scoring is turned off (--no-score, or score = false in the "
    "configuration). The verdict below rests on the findings alone."
)


def make_console(stream: TextIO, color: bool | None, width: int | None = None) -> Console:
    """A console on ``stream``; ``color`` None lets rich detect a terminal.

    Output that is not a terminal (a pipe, a CI log, a file) gets a width of
    ``$COLUMNS`` or 120 rather than rich's 80, so tables stay one row a line.
    """
    if width is None and not _isatty(stream) and "COLUMNS" not in os.environ:
        width = PIPE_WIDTH
    return Console(
        file=stream,
        force_terminal=True if color else None,
        no_color=color is False,
        color_system=None if color is False else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        width=width,
        soft_wrap=False,
    )


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def write(run: Run, stream: TextIO) -> None:
    console = make_console(stream, run.color, run.width)
    if run.quiet:
        if run.failed:
            console.print(summary_line(run), soft_wrap=True)
        return
    if run.statistics:
        write_statistics(run, console)
    else:
        for report in run.good_reports:
            write_findings(report, run, console)
    write_summary(run, console)


def write_findings(report: Report, run: Run, console: Console) -> None:
    path = display_path(report.source, run.cwd)
    for finding in report.findings:
        console.print(finding_line(finding, path), soft_wrap=True)
        excerpt = excerpt_text(finding, report.text)
        if excerpt is not None:
            console.print(excerpt, soft_wrap=True)
        if finding.suggestion:
            help_line = Text("  = help: ", style="dim")
            help_line.append(" ".join(finding.suggestion.split()), style="dim")
            console.print(help_line, soft_wrap=True)
        console.print()


def finding_line(finding: Finding, path: str) -> Text:
    """``path:line:col: CODE message`` as styled text."""
    line = Text()
    line.append(path, style="bold")
    line.append(f":{format_location(finding.location)}: ")
    line.append(finding.code, style=SEVERITY_STYLES.get(finding.severity, "bold"))
    line.append(" ")
    line.append(finding.message)
    return line


def excerpt_text(finding: Finding, memo_text: str) -> Text | None:
    """The finding's sentence, dimmed, with the matched words picked out."""
    if not finding.excerpt:
        return None
    text = Text("  │ ", style="dim")
    excerpt = finding.excerpt
    start = text.cell_len
    text.append(excerpt, style="dim")
    location = finding.location
    matched = " ".join(memo_text[location.start : location.end].split()) if memo_text else ""
    if matched and matched != excerpt:
        at = excerpt.find(matched)
        if at >= 0:
            text.stylize("not dim underline", start + at, start + at + len(matched))
    return text


def write_statistics(run: Run, console: Console) -> None:
    rows = statistics(run.good_reports, run.rule_names())
    if not rows:
        return
    width = max(len(str(row["count"])) for row in rows)
    for row in rows:
        line = Text(f"{row['count']:>{width}}  ")
        line.append(f"{row['code']:<6}", style=SEVERITY_STYLES.get(row["severity"], "bold"))
        line.append(f"  {row['severity']:<7}  {row['name']}")
        console.print(line, soft_wrap=True)
    console.print()


def write_summary(run: Run, console: Console) -> None:
    reports = run.good_reports
    has_scores = run.show_scores and any(report.scores for report in reports)
    has_verdict = any(report.verdict for report in reports)
    table = False
    if has_scores and len(reports) == 1:
        console.print(dimension_table(reports[0]))
        table = True
    elif has_scores or (len(reports) > 1 and not run.statistics):
        console.print(summary_table(reports, run, has_scores, has_verdict))
        table = True
    if has_verdict:
        for report in reports:
            # A table of files already shows each verdict; only reasons are news.
            if not table or report.verdict_reasons or len(reports) == 1:
                verdict_lines(report, run, console, name=len(reports) > 1)
    console.print(summary_line(run), soft_wrap=True)


def dimension_table(report: Report) -> Table:
    """One memo's five scores, a row each (the common single-file case)."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold", box=None)
    table.add_column("Rubric", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    for name, label in DIMENSION_LABELS.items():
        score = report.scores.get(name)
        if score is None:
            table.add_row(label, Text("–", style="dim"), "")
            continue
        style = LEVEL_STYLES.get(score.level, "")
        table.add_row(
            label,
            Text(f"{score.value:.1f}", style=style),
            Text(f"{_bar(score.level)} {score.level}/4", style=style),
        )
    return table


def summary_table(reports: Sequence[Report], run: Run, scores: bool, verdict: bool) -> Table:
    """A row per file: its findings, its five scores (when scored) and its verdict."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("File", overflow="fold")
    table.add_column("Findings", no_wrap=True)
    if scores:
        for label in DIMENSION_LABELS.values():
            table.add_column(label, justify="center", no_wrap=True)
    if verdict:
        table.add_column("Verdict", justify="center", no_wrap=True)
    for report in reports:
        row: list[Text | str] = [display_path(report.source, run.cwd), findings_cell(report)]
        if scores:
            for name in DIMENSION_LABELS:
                row.append(score_cell(report.scores.get(name)))
        if verdict:
            row.append(verdict_text(report.verdict))
        table.add_row(*row)
    return table


def findings_cell(report: Report) -> Text:
    counts = report.counts()
    if not any(counts.values()):
        return Text("none", style="dim")
    text = Text()
    for severity in SEVERITIES:
        if counts[severity]:
            if text:
                text.append(" ")
            text.append(f"{counts[severity]}{severity[0].upper()}", style=SEVERITY_STYLES[severity])
    return text


def score_cell(score: Score | None) -> Text:
    if score is None:
        return Text("–", style="dim")
    return Text(f"{score.value:.1f} ({score.level})", style=LEVEL_STYLES.get(score.level, ""))


def verdict_text(verdict: str | None) -> Text:
    if verdict is None:
        return Text("–", style="dim")
    return Text(verdict.upper(), style=VERDICT_STYLES.get(verdict, "bold"))


def verdict_lines(report: Report, run: Run, console: Console, *, name: bool) -> None:
    if report.verdict is None:
        return
    line = Text()
    if name:
        line.append(display_path(report.source, run.cwd), style="bold")
        line.append(": ")
    line.append("verdict ")
    line.append(verdict_text(report.verdict))
    if report.verdict_reasons:
        line.append(" — " + "; ".join(report.verdict_reasons))
    console.print(line, soft_wrap=True)


def summary_line(run: Run) -> Text:
    counts = run.counts()
    total = sum(counts.values())
    files = len(run.reports)
    unreadable = len(run.bad_reports)
    line = Text()
    if total:
        parts = [
            f"{counts[severity]} {_plural(severity, counts[severity])}"
            for severity in SEVERITIES
            if counts[severity]
        ]
        line.append(f"Found {total} {_plural('finding', total)}", style="bold")
        line.append(f" ({', '.join(parts)}).")
    elif not unreadable:
        line.append("All checks passed.", style="bold green")
    else:
        line.append("No findings.", style="bold")
    line.append(f" {files} {_plural('file', files)} checked")
    if unreadable:
        line.append(f", {unreadable} could not be read", style="bold red")
    line.append(".")
    return line


def _plural(word: str, count: int) -> str:
    if count == 1 or word == "info":
        return word
    return word + "s"


# -- memolint score ---------------------------------------------------------


def write_scorecard(run: Run, stream: TextIO) -> None:
    """``memolint score``: the five rubric scores with their evidence, then the verdict."""
    console = make_console(stream, run.color, run.width)
    for position, report in enumerate(run.good_reports):
        if position:
            console.print()
        scorecard(report, run, console)


def scorecard(report: Report, run: Run, console: Console) -> None:
    path = display_path(report.source, run.cwd)
    console.rule(Text(path, style="bold"), align="left")
    if report.scores:
        table = Table(show_edge=False, pad_edge=False, header_style="bold", expand=False)
        table.add_column("Dimension", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Level", justify="center", no_wrap=True)
        table.add_column("Evidence", overflow="fold")
        for name, label in DIMENSION_LABELS.items():
            score = report.scores.get(name)
            if score is None:
                table.add_row(label, Text("–", style="dim"), Text("–", style="dim"), "")
                continue
            style = LEVEL_STYLES.get(score.level, "")
            table.add_row(
                label,
                Text(f"{score.value:.2f}", style=style),
                Text(f"{score.level}/4 {_bar(score.level)}", style=style),
                evidence_text(score),
            )
        console.print(table)
    else:
        console.print(Text(NO_SCORES, style="yellow"), soft_wrap=True)
    for note in report.diagnostics:
        console.print(Text(f"note: {note}", style="dim"), soft_wrap=True)
    console.print()
    line = Text("Verdict: ", style="bold")
    line.append(verdict_text(report.verdict))
    console.print(line)
    for reason in report.verdict_reasons:
        console.print(Text(f"  • {reason}"), soft_wrap=True)
    counts = report.counts()
    console.print(
        Text(
            f"{sum(counts.values())} findings "
            f"({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info); "
            "run `memolint check` to see them.",
            style="dim",
        ),
        soft_wrap=True,
    )


def evidence_text(score: Score) -> Text:
    items = sorted(score.evidence, key=lambda item: -abs(item.weight))[:EVIDENCE_PER_SCORE]
    text = Text()
    for position, item in enumerate(items):
        if position:
            text.append("\n")
        sign = "+" if item.weight >= 0 else "−"
        text.append(f"{sign} ", style="green" if item.weight >= 0 else "red")
        text.append(f"“{_clip(item.text)}”")
        text.append(f" ({format_location(item.location)})", style="dim")
    if not items:
        text.append("no evidence sentences", style="dim")
    return text


def _bar(level: int) -> str:
    level = max(0, min(level, 4))
    return "■" * level + "□" * (4 - level)


def _clip(text: str, limit: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
