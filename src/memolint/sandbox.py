"""Read untrusted documents in a child process with memory, CPU and time limits.

Why a child process: the readers run C code (zlib, lxml, pypdf's stream
filters) on bytes from strangers. pypdf has a history of infinite loops and
memory blow-ups, a signal-based alarm cannot interrupt C code, and a
``MemoryError`` can strike anywhere, including in the caller. A separate
process can be capped (``RLIMIT_AS``, ``RLIMIT_CPU``, no file writes) and
killed, and whatever goes wrong there cannot corrupt the caller.

How: the first isolated read starts a small reader server (``python -c`` with
this module's :func:`serve`) that imports the readers once and never loads
spaCy. For each document it forks a child, which sets its limits, reads, and
sends back the :class:`~memolint.model.Memo` or the error. Forking the warm
server costs a few milliseconds and starts the child at the server's small
size, so the memory cap is a cap on the whole reading process. The server
exits when its caller does (end of file on its input).

Platforms without ``fork`` read in process, without the limits, and say so in
the memo's diagnostics.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, BinaryIO

from memolint.errors import (
    CorruptDocument,
    DocumentTimeout,
    DocumentTooLarge,
    MemolintError,
)
from memolint.limits import DEFAULT_LIMITS, Limits, MiB
from memolint.model import Memo

#: Extra seconds the caller waits for the server beyond the document's limit:
#: the server itself enforces the limit, this only guards against the server.
SERVER_GRACE_SECONDS = 10.0
_FRAME = struct.Struct(">Q")


@dataclass(frozen=True, slots=True)
class IsolatedRead:
    """A memo read in a child process, with what the reading cost."""

    memo: Memo
    #: The reading process's peak resident memory, when the platform reports it.
    peak_rss_bytes: int | None
    seconds: float


def read_isolated(
    data: bytes,
    label: str,
    *,
    suffix: str = "",
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    timeout: float = 30.0,
) -> IsolatedRead:
    """Read ``data`` like :func:`memolint.ingest.memo_from_bytes`, in a capped child.

    Raises the reader's :class:`MemolintError`, :class:`DocumentTimeout` when
    reading takes longer than ``timeout`` seconds, and
    :class:`DocumentTooLarge` when it needs more than
    ``limits.max_memory_bytes``.
    """
    request = {
        "data": data,
        "label": label,
        "suffix": suffix,
        "format": format,
        "limits": limits,
        "timeout": timeout,
    }
    if not hasattr(os, "fork"):
        return _read_in_process(request)
    reply = _server().call(request, timeout + SERVER_GRACE_SECONDS)
    return _result(reply, request)


def read_in_process(
    data: bytes,
    label: str,
    *,
    suffix: str = "",
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Memo:
    """The same read without isolation (trusted input, or ``isolate = false``)."""
    from memolint.ingest import memo_from_bytes

    return memo_from_bytes(data, label, suffix=suffix, format=format, limits=limits)


# ---------------------------------------------------------------------------
# The caller's side


class _ServerHandle:
    """One reader server per process, started on first use, used under a lock."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None

    def call(self, request: dict[str, Any], wait: float) -> tuple[Any, ...]:
        with self.lock:
            for attempt in (1, 2):
                process = self._running()
                try:
                    assert process.stdin is not None and process.stdout is not None
                    _write_frame(process.stdin, pickle.dumps(request, pickle.HIGHEST_PROTOCOL))
                    payload = _read_frame(process.stdout, deadline=time.monotonic() + wait)
                except TimeoutError:
                    self._stop()
                    return ("timeout", wait)
                except (OSError, EOFError, ValueError):
                    # the server died (killed from outside, or out of memory itself):
                    # start a fresh one and try once more
                    self._stop()
                    if attempt == 2:
                        return ("crash", "the reader process stopped unexpectedly")
                    continue
                return pickle.loads(payload)  # produced by our own server
        raise AssertionError("unreachable")

    def _running(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = _start_server()
        return self.process

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


_handle: _ServerHandle | None = None
_handle_lock = threading.Lock()


def _server() -> _ServerHandle:
    """This process's server handle (a forked process starts its own server)."""
    global _handle
    with _handle_lock:
        if _handle is None or _handle.owner != os.getpid():
            _handle = _ServerHandle()
        return _handle


def _start_server() -> subprocess.Popen[bytes]:
    code = (
        "import sys; sys.path[:0] = " + repr([p for p in sys.path if p]) + "; "
        "from memolint.sandbox import serve; serve()"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        close_fds=True,
    )


def _result(reply: tuple[Any, ...], request: dict[str, Any]) -> IsolatedRead:
    label = request["label"]
    kind = reply[0]
    if kind == "ok":
        _, memo, peak, seconds = reply
        return IsolatedRead(memo, peak, seconds)
    if kind == "error":
        _, name, message, source = reply
        error_class = _error_classes().get(name, CorruptDocument)
        raise error_class(message, source=source)
    if kind == "memory":
        limit = request["limits"].max_memory_bytes
        raise DocumentTooLarge(
            f"needs more than {limit / MiB:.0f} MiB of memory to read; "
            "raise limits.max_memory_bytes in the configuration if this is intended",
            source=label,
        )
    if kind == "timeout":
        raise DocumentTimeout(
            f"took longer than {request['timeout']:g} s to read; "
            "raise timeout in the configuration if this is intended",
            source=label,
        )
    raise CorruptDocument(f"could not be read ({reply[1]})", source=label)


def _error_classes() -> dict[str, type[MemolintError]]:
    import memolint.errors as errors

    found: dict[str, type[MemolintError]] = {}
    for name in dir(errors):
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, MemolintError):
            found[name] = value
    return found


def _read_in_process(request: dict[str, Any]) -> IsolatedRead:
    started = time.monotonic()
    memo = read_in_process(
        request["data"],
        request["label"],
        suffix=request["suffix"],
        format=request["format"],
        limits=request["limits"],
    )
    memo.diagnostics.append(
        "read without process isolation: this platform cannot fork, so the memory "
        "and time limits were not enforced"
    )
    return IsolatedRead(memo, None, time.monotonic() - started)


# ---------------------------------------------------------------------------
# The server's side


def serve() -> None:
    """Answer read requests on stdin/stdout until stdin closes."""
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # stray prints must not corrupt the reply stream
    _preload()
    while True:
        try:
            request = pickle.loads(_read_frame(requests))  # from our caller
        except EOFError:
            return
        reply = _read_in_child(request)
        _write_frame(replies, pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))


def _preload() -> None:
    """Import every reader once, so each forked child starts ready."""
    import importlib

    for reader in _READER_MODULES:
        importlib.import_module(reader)


_READER_MODULES = (
    "memolint.ingest",
    "memolint.ingest.decode",
    "memolint.ingest.docx",
    "memolint.ingest.markdown",
    "memolint.ingest.pdf",
    "memolint.ingest.suppressions",
    "memolint.ingest.text",
)


def _read_in_child(request: dict[str, Any]) -> tuple[Any, ...]:
    started = time.monotonic()
    timeout = float(request["timeout"])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(request, write_end, started)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = started + timeout
    timed_out = False
    with os.fdopen(read_end, "rb", buffering=0) as reader:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([reader], [], [], remaining)
            if not ready:
                continue
            chunk = reader.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status, usage = os.wait4(pid, 0)
    if timed_out:
        return ("timeout",)
    if os.WIFSIGNALED(status):
        if os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
            return ("timeout",)
        return ("crash", f"the reader stopped on signal {os.WTERMSIG(status)}")
    try:
        reply = pickle.loads(b"".join(chunks))  # from our own child
    except Exception:
        return ("crash", "the reader sent an incomplete answer")
    if reply[0] == "ok":
        # ru_maxrss is in KiB on Linux, bytes on macOS
        scale = 1 if sys.platform == "darwin" else 1024
        return ("ok", reply[1], usage.ru_maxrss * scale, time.monotonic() - started)
    return reply


def _child(request: dict[str, Any], write_end: int, started: float) -> None:
    """Apply the limits, read, send the answer, exit (no cleanup handlers run)."""
    try:
        _limit_resources(request["limits"], float(request["timeout"]))
        reply = _read_request(request)
        try:
            payload = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory",))
        with os.fdopen(write_end, "wb") as writer:
            writer.write(payload)
    except BaseException:  # the parent reports a missing answer
        pass
    finally:
        os._exit(0)


def _read_request(request: dict[str, Any]) -> tuple[Any, ...]:
    from memolint.ingest import memo_from_bytes

    label = request["label"]
    try:
        memo = memo_from_bytes(
            request["data"],
            label,
            suffix=request["suffix"],
            format=request["format"],
            limits=request["limits"],
        )
    except MemolintError as error:
        return ("error", type(error).__name__, error.message, error.source)
    except MemoryError:
        return ("memory",)
    except ImportError as error:
        if "failed to map" in str(error):  # a lazy import hit the address-space cap
            return ("memory",)
        return ("crash", f"ImportError: {error}")
    except RecursionError:
        return (
            "error",
            "CorruptDocument",
            "is nested too deeply to read safely; re-save the document",
            label,
        )
    except Exception as error:  # a reader bug: report it, keep the caller alive
        return ("crash", f"{type(error).__name__}: {error}")
    return ("ok", memo)


def _limit_resources(limits: Limits, timeout: float) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - every fork platform has it
        return
    cpu = int(timeout) + 1
    for name, value in (
        ("RLIMIT_AS", limits.max_memory_bytes),
        ("RLIMIT_CPU", cpu),
        ("RLIMIT_FSIZE", 0),  # the reader never writes files
        ("RLIMIT_CORE", 0),
    ):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            _, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, hard if name != "RLIMIT_CPU" else value + 1))
        except (ValueError, OSError):
            continue


# ---------------------------------------------------------------------------
# Framing: an 8-byte length, then a pickle


def _write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(_FRAME.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def _read_frame(stream: BinaryIO, deadline: float | None = None) -> bytes:
    header = _read_exactly(stream, _FRAME.size, deadline)
    (size,) = _FRAME.unpack(header)
    return _read_exactly(stream, size, deadline)


def _read_exactly(stream: BinaryIO, size: int, deadline: float | None) -> bytes:
    """Read ``size`` bytes straight from the file descriptor (never through a buffer)."""
    parts: list[bytes] = []
    missing = size
    fd = stream.fileno()
    while missing:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(remaining, 0))
            if not ready:
                raise TimeoutError
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        parts.append(chunk)
        missing -= len(chunk)
    return b"".join(parts)
