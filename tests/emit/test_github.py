"""GitHub workflow commands: levels, locations and the toolkit's escaping."""

from __future__ import annotations

import io
from pathlib import Path

from emit_fixtures import finding, hand_report

from memolint.emit import Run
from memolint.emit.github import command, escape_data, escape_property, write
from memolint.errors import CorruptDocument
from memolint.report import Report


def render(reports: list[Report]) -> list[str]:
    stream = io.StringIO()
    write(Run(reports=reports, cwd=Path.cwd()), stream)
    return stream.getvalue().splitlines()


def test_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("warning", "50%: x,y", file="dir/a,b:c.md", line=3, title="ML201 x")
    assert line == "::warning file=dir/a%2Cb%3Ac.md,line=3,title=ML201 x::50%25: x,y"


def test_an_annotation_per_finding_with_its_region() -> None:
    report = hand_report(
        [
            finding(
                "ML101",
                severity="error",
                message='Gate: "CAB".',
                line=3,
                column=5,
                end_line=3,
                end_column=8,
            ),
            finding(
                "ML202",
                severity="info",
                message="Hedge.",
                line=4,
                column=1,
                suggestion="Say it.\nPlainly.",
            ),
        ],
        source="memos/a.md",
    )
    lines = render([report])
    assert lines[0] == (
        "::error file=memos/a.md,line=3,col=5,endLine=3,endColumn=8,"
        'title=ML101 passive-voice::Gate: "CAB".%0AName who acts.'
    )
    assert lines[1].startswith("::notice file=memos/a.md,line=4,col=1,title=ML202")
    assert lines[1].endswith("::Hedge.%0ASay it.%0APlainly.")
    assert all("\n" not in line for line in lines)


def test_docx_annotations_name_the_paragraph() -> None:
    lines = render([hand_report([finding(paragraph=7)], source="memo.docx")])
    assert lines[0].startswith("::warning file=memo.docx,title=")
    assert "(¶7)" in lines[0]


def test_unreadable_file_is_an_error_annotation() -> None:
    broken = Report(source="bad.docx", error=CorruptDocument("is damaged", source="bad.docx"))
    assert render([broken]) == [
        "::error file=bad.docx,title=memolint could not read this file::is damaged"
    ]
