"""Build the PDF test fixtures from DOCX sources.

Run from the repository root: ``python tests/data/make_pdfs.py``. It writes
``ledger-memo.docx`` (a five-page memo with a title, headings, wrapped
paragraphs, a bulleted and a numbered list, a RACI matrix, a second table, and
a running header and a footer with PAGE/NUMPAGES fields) and converts it with
LibreOffice into ``ledger-memo.pdf``. Both files are committed, so the tests
need neither python-docx output stability nor LibreOffice; rerun this only
when the fixture itself should change.

The PDF reader's tests compare its output with the DOCX source, which is why
the memo text lives here and nowhere else.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
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
    "Turn on dual writes through the outbox for all merchants, reading only from "
    "the old tables.",
    "Run the reconciliation job every hour and alert on any difference larger "
    "than zero cents.",
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


def convert_to_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to convert the DOCX sources to PDF")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(docx_path.parent),
         str(docx_path)],
        check=True,
        capture_output=True,
    )
    return docx_path.with_suffix(".pdf")


def main() -> None:
    docx_path = HERE / "ledger-memo.docx"
    build_memo_docx(docx_path)
    pdf_path = convert_to_pdf(docx_path)
    print(f"wrote {docx_path.name} and {pdf_path.name} ({pdf_path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
