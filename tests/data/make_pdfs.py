"""Build the PDF test fixtures.

Run from the repository root: ``python tests/data/make_pdfs.py``. It writes

* ``ledger-memo.docx``: a five-page memo with a title, headings, wrapped
  paragraphs, a bulleted and a numbered list, a RACI matrix, a second table,
  a running header and a footer with PAGE/NUMPAGES fields;
* ``ledger-memo-dense.docx``: the same memo set tight (justified serif text,
  first-line indents instead of paragraph spacing, bold body-size headings, a
  nested bullet, soft-hyphenated words, a "- 3 -" footer);

and converts both with LibreOffice into PDFs. With Chromium installed it
also prints the memo as HTML into ``ledger-memo-chrome.pdf`` (Skia, the
engine behind Chrome's and Google Docs' PDF export). The DOCX and PDF files
are committed, so the tests need neither LibreOffice nor Chromium; rerun this
only when a fixture itself should change.

The PDF reader's tests compare its output with these sources, which is why
the memo text lives here and nowhere else.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TITLE = "Ledger Migration: Moving Payments Off the Monolith"
HEADER_TEXT = "Payments Platform - Design Memo"

# Sentences the tests look up by page and line; each must be unique in the memo.
MARKERS = (
    "The cutover is gated by the reconciliation job, not by a meeting.",
    "Every shard flips only after its error budget has held for a full day.",
    "Nobody signs off on a shard by hand.",
    "Silent corruption is the failure mode that worries me most.",
)

INTRO = [
    "This memo proposes how we move the payments ledger out of the monolith and "
    "into its own service over the next two quarters. The ledger records every "
    "authorisation, capture, refund and chargeback, and four other teams read from "
    "it directly today, which is the main reason the migration keeps slipping. "
    "I describe the target design, the rollout, the way we will know whether it "
    "works, and what I would cut if the schedule tightens.",
    "The short version: we dual-write for six weeks, compare both ledgers every "
    "hour with an automated reconciliation job, and move readers one shard at a "
    "time behind a flag that rolls back by itself. " + MARKERS[0] + " Humans get "
    "paged when the numbers disagree; they do not get invited to approve the "
    "numbers when they agree.",
]

CONTEXT = [
    "The monolith writes ledger rows inside the same database transaction as the "
    "order update. That coupling made the first version of the product simple, "
    "and it is now the reason a slow refund query can stall checkout. Over the "
    "last quarter we had three incidents where lock contention on the ledger "
    "tables pushed checkout latency above the two second objective for more than "
    "ten minutes, and each time the fix was to kill a reporting query by hand.",
    "Four consumers read the ledger tables directly: finance reporting, the "
    "fraud scorer, the payout scheduler and customer support tooling. None of "
    "them owns a contract with the ledger; each one reads whatever columns it "
    "needs. Any schema change therefore needs a round of messages to four teams, "
    "and we have postponed two such changes this year because nobody could say "
    "which reader would break.",
]

GOALS_INTRO = "The migration succeeds when all of the following hold for two weeks in a row:"

GOALS = [
    "Checkout p99 latency stays under 800 ms while refunds and reports run.",
    "The new ledger and the old tables agree to the cent on every hourly "
    "reconciliation run, across all currencies and all merchants.",
    "Every reader goes through the ledger API; no team holds credentials for "
    "the old tables any more.",
    "Schema changes ship behind the API without asking any consumer team for "
    "permission or a meeting.",
]

DESIGN = [
    "The ledger service owns an append-only table of entries keyed by payment "
    "and sequence number. Writes arrive through an outbox in the monolith, so "
    "the order transaction only has to insert one outbox row, and a relay "
    "publishes it to the ledger service at least once. The service is "
    "idempotent on the payment and sequence pair, which makes redelivery "
    "harmless and lets the relay retry without coordination.",
    "Readers get a versioned HTTP API with three endpoints: entries for a "
    "payment, balances for an account at a point in time, and a paginated "
    "export for finance. The export replaces the nightly reporting queries that "
    "currently cause the lock contention. Each endpoint has a published latency "
    "objective and a dashboard that the owning team watches.",
    "We partition entries by merchant into sixty-four shards. Sharding is not "
    "needed for load today, but it gives the rollout a natural unit: a shard "
    "can move to the new read path, be measured, and be moved back without "
    "touching the others.",
]

ROLLOUT_INTRO = "The rollout has five steps, each with an automatic exit condition:"

ROLLOUT = [
    "Turn on dual writes through the outbox for all merchants, reading only from the old tables.",
    "Run the reconciliation job every hour and alert on any difference larger than zero cents.",
    "Move readers shard by shard behind a flag. " + MARKERS[1],
    "Stop the old write path once all sixty-four shards have read from the new "
    "ledger for two weeks.",
    "Revoke the old table credentials and delete the compatibility views.",
]

ROLLOUT_AFTER = [
    "The flag controller watches three signals per shard: the reconciliation "
    "difference, the API error rate and the checkout latency of merchants on "
    "that shard. If any of them crosses its threshold for five minutes, the "
    "controller flips the shard back to the old read path and pages the ledger "
    "on-call engineer. " + MARKERS[2] + " The controller promotes the next "
    "shard when the previous one has been clean for twenty-four hours, so the "
    "whole rollout takes about ten weeks if nothing goes wrong and stops by "
    "itself if something does.",
    "The on-call engineer who is paged owns the decision to resume. If the "
    "difference is not explained within four hours, the engineer escalates to "
    "the ledger tech lead, who can pause the whole rollout; if it is not "
    "explained within one business day, the tech lead escalates to the head of "
    "payments engineering with a written summary.",
]

OWNERSHIP_INTRO = [
    "For the record, this is how responsibilities look today in the existing "
    "process documentation. I include it because finance asked for it, and I "
    "argue below that we should replace most of it with named owners and "
    "automated checks.",
]

RACI = [
    ["Task", "Eng", "SRE", "PM", "Finance"],
    ["Dual-write rollout", "R", "C", "A", "I"],
    ["Reconciliation job", "R", "I", "C", "A"],
    ["Shard promotion", "A", "R", "I", "I"],
    ["Credential revocation", "C", "R", "A", "I"],
]

OWNERSHIP_AFTER = [
    "A matrix like this spreads each decision over four roles, and in practice "
    "the person marked accountable is rarely the one who sees the problem first. "
    "In the new process every step in the rollout has exactly one owner, named "
    "in the runbook, and the automated signals above decide whether a shard "
    "moves. The matrix stays only as a reference for finance.",
]

RISKS_INTRO = [
    MARKERS[3] + " An outage is loud: checkout errors show up on dashboards within "
    "a minute. A ledger that is slightly wrong is quiet, and it can stay wrong "
    "for weeks before a merchant notices that a payout is short. The following "
    "table lists the quiet failures I expect and the signal that catches each one.",
]

RISKS = [
    ["Failure", "Signal", "Response"],
    ["Relay drops an outbox row", "Hourly reconciliation gap", "Replay from outbox"],
    ["Currency rounding differs", "Per-currency sum check", "Roll shard back"],
    ["Clock skew reorders entries", "Sequence gap detector", "Page on-call"],
]

RISKS_AFTER = [
    "Each of these signals has an owner and a threshold in the monitoring "
    "configuration, checked into the same repository as the service, so a "
    "change to a threshold goes through code review like any other change. "
    "We will also run a weekly job that replays a random sample of a thousand "
    "payments through both ledgers and compares every field, not only the "
    "amounts, because the hourly job only compares sums.",
    "A second quiet failure is a reader that keeps working against stale data. "
    "The compatibility views return rows until the day we delete them, so a "
    "consumer that forgot to migrate will look healthy while reading numbers "
    "that stop changing. To catch it, the views log every query with the "
    "calling service name, and a daily report lists any service that still "
    "reads them after its migration date.",
]

CUT = [
    "If the schedule slips, I would cut the paginated export first and let "
    "finance keep the nightly reporting replica for one more quarter. I would "
    "not cut the reconciliation job or the automatic rollback, because without "
    "them the rollout depends on people noticing problems, and the incidents "
    "last quarter show how long that takes.",
    "I would also drop the plan to move customer support tooling in this "
    "phase. Support reads a small number of rows, its queries are cheap, and "
    "it can stay on the compatibility views until the next phase without "
    "adding lock contention.",
]

TIMELINE = [
    "Weeks one and two build the outbox relay and the idempotent write path. "
    "Weeks three to eight run dual writes with hourly reconciliation. Weeks "
    "nine to eighteen promote shards, about seven per week once the first few "
    "have proven stable. Weeks nineteen and twenty remove the old write path, "
    "revoke credentials and delete the views.",
    "The ledger team has four engineers for this work, and the timeline "
    "assumes one of them is on call at any time. If we lose an engineer, the "
    "shard promotion slows down but nothing else changes, since promotion is "
    "automatic and only the investigation of a rollback needs a person.",
]

MEASURES = [
    "Three numbers tell us whether the migration is working, and all three are "
    "on the ledger dashboard from the first week. The reconciliation difference "
    "in cents per hour should be zero; anything else pages the on-call engineer. "
    "Checkout p99 latency during the nightly export should stay under the "
    "objective; today it does not. The count of services still reading the old "
    "tables should fall to zero by week eighteen.",
    "Each number has a threshold in code and an alert attached to it. None of "
    "them is reviewed in a recurring meeting: if a number moves, the alert goes "
    "to the person who can act on it, with a link to the runbook step that "
    "applies. The weekly written update to the payments leads quotes the same "
    "numbers and lists what changed, so anyone who wants the status can read "
    "it in two minutes instead of attending a sync.",
    "We will also track two leading indicators that are not alerts. The first "
    "is the age of the oldest unrelayed outbox row, which tells us whether the "
    "relay keeps up during peak traffic. The second is the number of shards "
    "rolled back per week, which tells us whether the promotion thresholds are "
    "too tight or the new read path has a real problem.",
]

ALTERNATIVES = [
    "We considered change data capture from the monolith database instead of "
    "an outbox. It would avoid touching the order code, but it ties the ledger "
    "to the physical schema of the old tables, which is exactly the coupling "
    "we are trying to remove, and it makes idempotency depend on log positions "
    "that change when the database fails over.",
    "We also considered a big-bang cutover over a weekend. It is shorter on "
    "paper, but it concentrates all risk into one window, it needs a rollback "
    "plan that has never been exercised, and it would put finance, fraud and "
    "payouts through a change on the same day. Moving shard by shard costs "
    "eight extra weeks and buys a rollback that runs every time a threshold "
    "is crossed.",
]

CLOSING = [
    "I am asking for agreement on the outbox design and the automatic "
    "promotion rules. Everything else in this memo can change as we learn, "
    "and the reconciliation numbers will tell us when it should.",
]


def _add_field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES), so the PDF shows real page numbers."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run("1")
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
            if r == 0:
                for run in table.cell(r, c).paragraphs[0].runs:
                    run.bold = True


def build_memo_docx(path: Path) -> None:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = HEADER_TEXT
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _add_field(footer, "PAGE")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES")

    document.add_paragraph(TITLE, style="Title")
    for text in INTRO:
        document.add_paragraph(text)

    document.add_heading("1. Context", level=1)
    for text in CONTEXT:
        document.add_paragraph(text)

    document.add_heading("2. Goals", level=1)
    document.add_paragraph(GOALS_INTRO)
    for text in GOALS:
        document.add_paragraph(text, style="List Bullet")

    document.add_heading("3. Design", level=1)
    document.add_heading("3.1 Write path and read API", level=2)
    for text in DESIGN:
        document.add_paragraph(text)

    document.add_heading("4. Rollout", level=1)
    document.add_paragraph(ROLLOUT_INTRO)
    for text in ROLLOUT:
        document.add_paragraph(text, style="List Number")
    for text in ROLLOUT_AFTER:
        document.add_paragraph(text)

    document.add_heading("5. Ownership", level=1)
    for text in OWNERSHIP_INTRO:
        document.add_paragraph(text)
    _add_table(document, RACI)
    for text in OWNERSHIP_AFTER:
        document.add_paragraph(text)

    document.add_heading("6. Quiet failures", level=1)
    for text in RISKS_INTRO:
        document.add_paragraph(text)
    _add_table(document, RISKS)
    for text in RISKS_AFTER:
        document.add_paragraph(text)

    document.add_heading("7. What I would cut", level=1)
    for text in CUT:
        document.add_paragraph(text)

    document.add_heading("8. Timeline", level=1)
    for text in TIMELINE:
        document.add_paragraph(text)
    document.add_heading("9. How we will know", level=1)
    for text in MEASURES:
        document.add_paragraph(text)

    document.add_heading("10. Alternatives considered", level=1)
    for text in ALTERNATIVES:
        document.add_paragraph(text)
    for text in CLOSING:
        document.add_paragraph(text)

    document.core_properties.author = "memolint tests"
    document.save(path)


def _soft_hyphenate(text: str) -> str:
    """Offer a break point inside long words, so some line ends in a hyphen.

    LibreOffice has no hyphenation dictionary here; soft hyphens are the only
    way to get a word split across two lines, as Word's automatic
    hyphenation produces in real memos.
    """
    words = []
    for word in text.split(" "):
        if len(word) >= 10 and word.isalpha():
            word = "\u00ad".join(word[i : i + 3] for i in range(0, len(word), 3))
        words.append(word)
    return " ".join(words)


def build_dense_docx(path: Path) -> None:
    """The same memo set tight: justified serif text, no space between
    paragraphs (first-line indents instead), bold body-size headings, a
    nested bulleted list, a page number footer ("- 3 -") and no header."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.0

    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    _add_field(footer, "PAGE")
    footer.add_run(" -")

    def heading(text: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.add_run(text).bold = True

    def body(text: str) -> None:
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Pt(24)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)
    for text in INTRO:
        body(text)
    heading("Context")
    for text in CONTEXT:
        body(text)
    heading("Goals")
    body(GOALS_INTRO)
    for number, text in enumerate(GOALS):
        document.add_paragraph(text, style="List Bullet 2" if number == 2 else "List Bullet")
    heading("Design")
    body(_soft_hyphenate(DESIGN[0]))
    for text in DESIGN[1:]:
        body(text)
    heading("Rollout")
    body(ROLLOUT_INTRO)
    for text in ROLLOUT:
        document.add_paragraph(text, style="List Number")
    for text in ROLLOUT_AFTER:
        body(text)
    heading("Ownership")
    for text in OWNERSHIP_INTRO:
        body(text)
    _add_table(document, RACI)
    for text in OWNERSHIP_AFTER + RISKS_INTRO + RISKS_AFTER:
        body(text)
    heading("What I would cut")
    for text in CUT + TIMELINE + MEASURES + ALTERNATIVES + CLOSING:
        body(text)
    document.save(path)


def convert_to_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to convert the DOCX sources to PDF")
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx_path.parent),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
    )
    return docx_path.with_suffix(".pdf")


def chrome_parts() -> list[tuple[str, object]]:
    """The memo as (HTML tag, text or table rows), in reading order."""
    parts: list[tuple[str, object]] = [("h1", TITLE)]
    parts += [("p", text) for text in INTRO]
    parts += [("h2", "Context")] + [("p", text) for text in CONTEXT]
    parts += [("h2", "Goals"), ("p", GOALS_INTRO), ("ul", GOALS)]
    parts += [("h2", "Design")] + [("p", text) for text in DESIGN]
    parts += [("h2", "Rollout"), ("p", ROLLOUT_INTRO), ("ol", ROLLOUT)]
    parts += [("p", text) for text in ROLLOUT_AFTER]
    parts += [("h2", "Ownership")] + [("p", text) for text in OWNERSHIP_INTRO]
    parts += [("table", RACI)] + [("p", text) for text in OWNERSHIP_AFTER]
    parts += [("h2", "Quiet failures")] + [("p", text) for text in RISKS_INTRO]
    parts += [("table", RISKS)] + [("p", text) for text in RISKS_AFTER]
    parts += [("h2", "What I would cut")] + [("p", text) for text in CUT + TIMELINE]
    parts += [("p", text) for text in MEASURES + ALTERNATIVES + CLOSING]
    return parts


def build_chrome_pdf(path: Path) -> bool:
    """Print the memo from HTML with headless Chromium; False when it is missing."""
    chrome = next(
        (
            shutil.which(name)
            for name in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(name)
        ),
        None,
    )
    if chrome is None:
        return False
    body = []
    for tag, content in chrome_parts():
        if tag in ("ul", "ol"):
            items = "".join(f"<li>{html.escape(item)}</li>" for item in content)
            body.append(f"<{tag}>{items}</{tag}>")
        elif tag == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                for row in content
            )
            body.append(f'<table border="1" cellspacing="0" cellpadding="4">{rows}</table>')
        else:
            body.append(f"<{tag}>{html.escape(content)}</{tag}>")
    page = (
        f"<html><head><title>{html.escape(HEADER_TEXT)}</title><style>"
        "body { font-family: sans-serif; font-size: 11pt } td { text-align: left }"
        "tr:first-child td { font-weight: bold }"
        f"</style></head><body>{''.join(body)}</body></html>"
    )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "memo.html"
        source.write_text(page, encoding="utf-8")
        # Chromium's own header (date, title) and footer (address, "1/3")
        # stay on: they are running headers the reader must set aside.
        subprocess.run(
            [
                chrome,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--print-to-pdf={path}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    return True


def main() -> None:
    for name, build in (("ledger-memo", build_memo_docx), ("ledger-memo-dense", build_dense_docx)):
        docx_path = HERE / f"{name}.docx"
        build(docx_path)
        pdf_path = convert_to_pdf(docx_path)
        print(f"wrote {docx_path.name} and {pdf_path.name} ({pdf_path.stat().st_size} bytes)")
    chrome_path = HERE / "ledger-memo-chrome.pdf"
    if build_chrome_pdf(chrome_path):
        print(f"wrote {chrome_path.name} ({chrome_path.stat().st_size} bytes)")
    else:
        print("Chromium not found; ledger-memo-chrome.pdf left as it is")


if __name__ == "__main__":
    main()
