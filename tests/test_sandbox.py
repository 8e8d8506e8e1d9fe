"""Reading in a capped child process gives the same memo, and the limits bite."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import memolint
from memolint import sandbox
from memolint.config import Config, config_from_mapping
from memolint.errors import (
    CorruptDocument,
    DocumentTimeout,
    DocumentTooLarge,
    EncryptedDocument,
    UnsupportedFormat,
)
from memolint.ingest import read_memo
from memolint.limits import Limits, MiB
from memolint.sandbox import read_in_process, read_isolated

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")


@pytest.mark.parametrize("name", ["strong-memo.docx", "strong-memo.pdf", "weak-memo.md"])
def test_isolated_read_gives_the_same_memo_as_an_in_process_read(name) -> None:
    data = (EXAMPLES / name).read_bytes()
    suffix = Path(name).suffix
    isolated = read_isolated(data, name, suffix=suffix)
    direct = read_in_process(data, name, suffix=suffix)
    assert isolated.memo.text == direct.text
    assert [(b.kind, b.start, b.end) for b in isolated.memo.blocks] == [
        (b.kind, b.start, b.end) for b in direct.blocks
    ]
    assert isolated.memo.pages == direct.pages
    assert isolated.memo.tables == direct.tables
    assert isolated.memo.diagnostics == direct.diagnostics
    # the child starts from the small reader server, far below the memory cap
    assert isolated.peak_rss_bytes is not None
    assert 0 < isolated.peak_rss_bytes < 200 * MiB


@pytest.mark.parametrize(
    ("data", "suffix", "error", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".docx", UnsupportedFormat, "save it"),
        (b"PK\x03\x04 truncated", ".docx", CorruptDocument, ""),
        (b"%PDF-1.7\n1 0 obj\n<<", ".pdf", CorruptDocument, ""),
    ],
)
def test_reader_errors_cross_the_process_boundary_unchanged(data, suffix, error, words) -> None:
    with pytest.raises(error) as isolated:
        read_isolated(data, "bad" + suffix, suffix=suffix)
    with pytest.raises(error) as direct:
        read_in_process(data, "bad" + suffix, suffix=suffix)
    assert str(isolated.value) == str(direct.value)
    assert words in str(isolated.value)
    assert isolated.value.source == "bad" + suffix


def test_a_read_over_the_time_limit_is_killed_and_reported() -> None:
    data = (EXAMPLES / "strong-memo.pdf").read_bytes()
    with pytest.raises(DocumentTimeout, match=r"longer than 0\.001 s .* raise timeout"):
        read_isolated(data, "slow.pdf", suffix=".pdf", timeout=0.001)
    # the server survives a killed child and serves the next document
    assert read_isolated(data, "slow.pdf", suffix=".pdf").memo.blocks


def test_a_read_over_the_memory_limit_is_reported_as_too_large() -> None:
    data = (EXAMPLES / "strong-memo.pdf").read_bytes()
    with pytest.raises(DocumentTooLarge, match="more than 40 MiB of memory"):
        read_isolated(data, "big.pdf", suffix=".pdf", limits=Limits(max_memory_bytes=40 * MiB))


def test_the_reader_server_is_restarted_when_it_dies() -> None:
    data = (EXAMPLES / "weak-memo.md").read_bytes()
    read_isolated(data, "a.md", suffix=".md")
    handle = sandbox._server()
    assert handle.process is not None
    os.kill(handle.process.pid, signal.SIGKILL)
    handle.process.wait()
    assert read_isolated(data, "a.md", suffix=".md").memo.blocks


def test_linter_reads_in_isolation_by_default_and_in_process_when_told(tmp_path) -> None:
    path = EXAMPLES / "weak-memo.docx"
    isolated = memolint.Linter(Config()).lint(path)
    direct = memolint.Linter(Config(isolate=False)).lint(path)
    assert [f.code for f in isolated.findings] == [f.code for f in direct.findings]
    assert isolated.text == direct.text == read_memo(path).text


def test_encrypted_pdf_error_keeps_its_type_through_the_linter(tmp_path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedDocument):
        memolint.Linter().lint(path)


def test_isolation_and_the_memory_limit_are_configurable() -> None:
    config = config_from_mapping({"isolate": False, "limits": {"max-memory-bytes": 300 * MiB}})
    assert config.isolate is False
    assert config.limits.max_memory_bytes == 300 * MiB
    assert Config().isolate is True
