"""PDF memos: pypdf reads positioned text, ``pdf_layout`` rebuilds the structure.

pypdf's text extraction is called once per page with a visitor that records
every run of text with its baseline, font size, width and weight; nothing
else walks the content stream, so reading costs little more than pypdf's
own extraction (about 0.2 s for a five-page memo). Everything a user can get
wrong (a password, a damaged file, a scan without text, a file too large to
read safely) becomes a :class:`~memolint.errors.MemolintError` with a
one-line message; what pypdf merely warns about ends up in
``Memo.diagnostics``.
"""

from __future__ import annotations

import io
import logging
import math
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from memolint.errors import CorruptDocument, DocumentTooLarge, EncryptedDocument, NoTextLayer
from memolint.ingest.builder import MemoBuilder
from memolint.ingest.pdf_layout import BULLET_GLYPHS, Fragment, PageText, assemble, build_lines
from memolint.limits import DEFAULT_LIMITS, Limits
from memolint.model import Memo

#: At most this many distinct pypdf warnings are kept as diagnostics; a badly
#: damaged file can produce thousands.
MAX_DIAGNOSTICS = 20

_NO_XREF = "no cross-reference table"
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# Control characters, the replacement character and private-use codes that
# are not bullet glyphs: what glyphs without a Unicode mapping extract as.
_UNMAPPED = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff](?<![{BULLET_GLYPHS}])")


def read_pdf(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Memo:
    """Read a PDF memo from its bytes.

    >>> data = open("memo.pdf", "rb").read()  # doctest: +SKIP
    >>> memo = read_pdf(data, "memo.pdf", DEFAULT_LIMITS)  # doctest: +SKIP
    >>> memo.blocks[0].kind, memo.locate(0).page  # doctest: +SKIP
    ('title', 1)
    """
    builder = MemoBuilder(source, "pdf")
    notes: list[str] = []
    with _captured_warnings(notes), _pypdf_limits(limits):
        reader = _open(data, source, notes)
        count = _page_count(reader, source, limits)
        if count > limits.max_pages:
            raise DocumentTooLarge(
                f"has {count} pages, over the {limits.max_pages}-page limit; "
                "raise max_pages in the configuration if this is intended",
                source=source,
            )
        builder.pages = count
        scan = _read_pages(reader, count, source, limits, notes)
    builder.diagnostics.extend(_dedupe(notes))
    _check_unmapped(source, scan, builder.diagnostics)
    if not any(page.lines for page in scan.pages):
        _no_text(source, scan)
    assemble(scan.pages, builder)
    if builder.is_empty:
        _no_text(source, scan)
    return builder.build()


# ---------------------------------------------------------------------------
# Opening


def _open(data: bytes, source: str, notes: list[str]) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    rebuilt = b"startxref" not in data
    if rebuilt:
        # pypdf rebuilds a broken cross-reference table by scanning the file
        # for objects, but only when a startxref pointer exists to be wrong;
        # a file saved without one gets a pointer to nowhere.
        data += b"\nstartxref\n0\n%%EOF\n"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except MemoryError:
        raise _too_large(source) from None
    except Exception as error:
        raise _corrupt(source, error) from None
    if rebuilt:
        # pypdf's complaint about the made-up pointer would only confuse
        notes[:] = [note for note in notes if not note.startswith("incorrect startxref")]
        notes.insert(0, f"{_NO_XREF}; its objects were found by scanning the file")
    if not encrypted:
        return reader
    try:
        opened = reader.decrypt("")
    except DependencyError:
        raise EncryptedDocument(
            "is encrypted with AES, which needs the 'cryptography' package; "
            "install pypdf[crypto] or export an unprotected PDF",
            source=source,
        ) from None
    except (NotImplementedError, FileNotDecryptedError, PdfReadError) as error:
        raise EncryptedDocument(
            f"uses an encryption memolint cannot open ({_one_line(error)}); "
            "export an unprotected PDF and try again",
            source=source,
        ) from None
    except Exception as error:
        raise _corrupt(source, error) from None
    if not opened:
        raise EncryptedDocument(
            "is password-protected; remove the password (or export an unprotected PDF) "
            "and try again",
            source=source,
        )
    notes.append("encrypted with an empty password; read without one")
    return reader


def _page_count(reader: Any, source: str, limits: Limits) -> int:
    """The number of pages found by walking the page tree (its /Count can lie)."""
    from pypdf.errors import LimitReachedError

    try:
        count = len(reader.pages)
    except MemoryError:
        raise _too_large(source) from None
    except LimitReachedError as error:
        raise DocumentTooLarge(
            f"has a page tree too large to read safely ({_one_line(error)}), past what the "
            f"{limits.max_pages}-page limit allows; raise max_pages in the configuration if "
            "this is intended",
            source=source,
        ) from None
    except Exception as error:
        raise _corrupt(source, error) from None
    if count == 0:
        raise CorruptDocument(
            "has no pages; it is damaged or not a finished PDF, re-export it", source=source
        )
    return count


# ---------------------------------------------------------------------------
# Pages


@dataclass(slots=True)
class _Scan:
    """The pages' lines and what the reader noticed on the way."""

    pages: list[PageText] = field(default_factory=list)
    damaged: bool = False  # some page could not be read
    has_images: bool = False
    characters: int = 0
    unmapped: int = 0  # characters a font could not map to Unicode


def _read_pages(reader: Any, count: int, source: str, limits: Limits, notes: list[str]) -> _Scan:
    from pypdf.errors import LimitReachedError

    fonts = _FontCache()
    scan = _Scan()
    pages = scan.pages
    for index in range(count):
        number = index + 1
        try:
            page = reader.pages[index]
            _check_streams(page, limits, source, number)
            scan.has_images = scan.has_images or _has_image(page)
            bottom, top = _vertical_extent(page)
            fragments = _fragments(page, fonts)
        except DocumentTooLarge:
            raise
        except MemoryError:
            raise _too_large(source, number) from None
        except LimitReachedError as error:
            raise DocumentTooLarge(
                f"page {number} goes past a safety limit while being read "
                f"({_one_line(error)}); re-export the PDF, or raise max_stream_bytes "
                "in the configuration if the file is trusted",
                source=source,
            ) from None
        except RecursionError:
            raise CorruptDocument(
                f"page {number} is nested too deeply to read safely; re-export the PDF",
                source=source,
            ) from None
        except Exception as error:
            scan.damaged = True
            notes.append(f"page {number}: text could not be read ({_one_line(error)})")
            pages.append(PageText(number, []))
            continue
        for fragment in fragments:
            scan.characters += len(fragment.text)
            scan.unmapped += len(_UNMAPPED.findall(fragment.text))
        if scan.characters > limits.max_text_chars:
            raise DocumentTooLarge(
                f"has over {limits.max_text_chars:,} characters of text, over the limit",
                source=source,
            )
        pages.append(PageText(number, build_lines(fragments, number), bottom, top))
    if scan.damaged and all(not page.lines for page in pages):
        raise CorruptDocument(
            "is damaged: no page could be read; re-export the PDF and try again", source=source
        )
    return scan


def _check_unmapped(source: str, scan: _Scan, diagnostics: list[str]) -> None:
    """Refuse text that is mostly glyph codes without characters behind them.

    Fonts embedded without a Unicode map extract as control characters or
    private-use codes: the page shows words, the text layer holds none.
    """
    share = scan.unmapped / max(scan.characters, 1)
    if share > 0.5:
        raise NoTextLayer(
            "has no usable text layer (its fonts map glyphs to no characters); "
            "run OCR (e.g. ocrmypdf) and lint the result",
            source=source,
        )
    if share > 0.02:
        diagnostics.append(
            f"{share:.0%} of the text could not be mapped to characters; "
            "findings near garbled words may be wrong"
        )


def _fragments(page: Any, fonts: _FontCache) -> list[Fragment]:
    """Every run of upright text on the page, from one pass of pypdf's extractor."""
    fragments: list[Fragment] = []
    pending_space = False

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        nonlocal pending_space
        if not text:
            return
        if text.isspace():
            pending_space = pending_space or " " in text
            return
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        font_size = float(size)
        scale_x = math.hypot(a, b) or 1.0
        size = font_size * (math.hypot(c, d) or 1.0)
        metrics = fonts.get(font)
        parts = text.split("\n")
        for number, part in enumerate(parts):
            if part.strip():
                fragments.append(
                    Fragment(
                        text=part,
                        x=x,
                        # pypdf flushes at a line change, so a newline inside a
                        # run is rare; place what follows it one line lower.
                        y=y - number * 1.2 * size,
                        size=size,
                        width=metrics.width(part) * font_size * scale_x,
                        bold=metrics.bold,
                        space_before=pending_space or part[0].isspace(),
                        seq=len(fragments),
                        measured=metrics.measured,
                    )
                )
                pending_space = False
            if part[-1:].isspace():
                pending_space = True

    page.extract_text(orientations=(0,), visitor_text=visit)
    return fragments


def _check_streams(page: Any, limits: Limits, source: str, number: int) -> None:
    """Refuse a page whose decoded content is larger than the stream limit.

    pypdf caches the decoded data, so this costs nothing extra when the text
    is extracted right after.
    """
    contents = page.get("/Contents")
    if contents is None:
        return
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for stream in streams:
        stream = stream.get_object()
        get_data = getattr(stream, "get_data", None)
        if get_data is None:
            continue
        total += len(get_data())
        if total > limits.max_stream_bytes:
            raise DocumentTooLarge(
                f"page {number} has {total / 1048576:.0f} MiB of content, over the "
                f"{limits.max_stream_bytes / 1048576:.0f} MiB stream limit",
                source=source,
            )


def _has_image(page: Any) -> bool:
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return b"BI" in _raw_contents(page)
        return any(
            xobject.get_object().get("/Subtype") in ("/Image", "/Form")
            for xobject in xobjects.get_object().values()
        )
    except Exception:
        return False


def _raw_contents(page: Any) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return b"".join(stream.get_object().get_data() for stream in streams)


def _vertical_extent(page: Any) -> tuple[float, float]:
    try:
        box = page.mediabox
        return float(min(box.bottom, box.top)), float(max(box.bottom, box.top))
    except Exception:
        return 0.0, 792.0


# ---------------------------------------------------------------------------
# Fonts


class _Metrics:
    """Glyph widths (in 1/1000 em, by Unicode character) and weight of one font."""

    __slots__ = ("bold", "default", "measured", "widths")

    def __init__(self, widths: dict[str, float], default: float, bold: bool) -> None:
        self.widths = widths
        self.default = default
        self.bold = bold
        self.measured = len(widths) > 3

    def width(self, text: str) -> float:
        """Width of ``text`` in ems."""
        get = self.widths.get
        default = self.default
        return sum(get(char, default) for char in text) / 1000.0


_UNKNOWN_FONT = _Metrics({}, 500.0, False)


class _FontCache:
    """Metrics per font dictionary, built once per document.

    The font objects pypdf resolves are cached by the reader, so the same
    Python object comes back for every page; holding it here keeps its
    ``id`` from being reused.
    """

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Any, _Metrics]] = {}

    def get(self, font: Any) -> _Metrics:
        if font is None:
            return _UNKNOWN_FONT
        hit = self._cache.get(id(font))
        if hit is not None:
            return hit[1]
        metrics = _metrics(font)
        self._cache[id(font)] = (font, metrics)
        return metrics


def _metrics(font: Any) -> _Metrics:
    name = str(font.get("/BaseFont", ""))
    bold = bool(_BOLD_NAME.search(name.split("+")[-1]))
    descriptor = None
    try:
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        if descriptor is not None:
            weight = descriptor.get("/FontWeight")
            flags = int(descriptor.get("/Flags", 0))
            bold = bold or (weight is not None and float(weight) >= 600) or bool(flags & 1 << 18)
    except Exception:
        pass
    widths: dict[str, float] = {}
    default = 500.0
    try:
        # pypdf knows how to read widths for every font type (simple, CID,
        # the standard 14), keyed by the codes in the content stream; map
        # them to the Unicode text the visitor reports. Private API, so any
        # failure falls back to an average width.
        from pypdf.generic._font import Font

        parsed = Font.from_font_resource(font)
        character_map = parsed.character_map
        encoding = parsed.encoding if isinstance(parsed.encoding, dict) else {}
        for raw, width in parsed.character_widths.items():
            if raw == "default" or not isinstance(width, (int, float)) or width <= 0:
                continue
            unicode = character_map.get(raw)
            if unicode is None and len(raw) == 1:
                unicode = encoding.get(ord(raw), raw)
            if isinstance(unicode, str):
                widths.setdefault(unicode, float(width))
        if parsed.space_width and " " not in widths:
            widths[" "] = float(parsed.space_width)
        if widths:
            default = sum(widths.values()) / len(widths)
    except Exception:
        widths = {}
    return _Metrics(widths, default, bold)


# ---------------------------------------------------------------------------
# Limits, warnings and errors


@contextmanager
def _pypdf_limits(limits: Limits) -> Iterator[None]:
    """Cap pypdf's decompression and page-tree walk while reading.

    Decompression stops at ``limits.max_stream_bytes``, the page-tree walk a
    little past what ``limits.max_pages`` pages need.

    pypdf ≥ 7 keeps its limits in a context variable, so this is safe with
    threads; older versions keep their own fixed caps.
    """
    try:
        from pypdf import apply_configuration, get_configuration
    except ImportError:
        yield
        return
    current = get_configuration()
    overrides = {}
    for name in (
        "zlib_maximum_output_length",
        "lzw_maximum_output_length",
        "run_length_maximum_output_length",
        "brotli_maximum_output_length",
        "array_based_stream_maximum_output_length",
    ):
        value = getattr(current, name, None)
        if isinstance(value, int):
            overrides[name] = min(value, limits.max_stream_bytes)
    # Walking a page tree far larger than the page limit only to refuse it
    # costs seconds; a tree for max_pages pages has at most about twice as
    # many nodes (a binary tree), so stop well past that.
    entries = getattr(current, "page_tree_maximum_entries", None)
    if isinstance(entries, int):
        overrides["page_tree_maximum_entries"] = min(entries, 4 * limits.max_pages + 100)
    with apply_configuration(**overrides):
        yield


class _Collector(logging.Handler):
    """Keeps pypdf's log records from the reading thread as one-line notes."""

    def __init__(self, notes: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.notes = notes
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.notes.append(_one_line(record.getMessage()))


@contextmanager
def _captured_warnings(notes: list[str]) -> Iterator[None]:
    logger = logging.getLogger("pypdf")
    handler = _Collector(notes)
    logger.addHandler(handler)
    # The warnings module's filters are process-wide and catch_warnings is not
    # thread-safe, so only the main thread redirects them.
    main = threading.current_thread() is threading.main_thread()
    recorder = warnings.catch_warnings(record=True) if main else nullcontext(None)
    try:
        with recorder as caught:
            if main:
                warnings.simplefilter("always")
            try:
                yield
            finally:
                for warning in caught or ():
                    notes.append(_one_line(str(warning.message)))
    finally:
        logger.removeHandler(handler)


def _dedupe(notes: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for note in notes:
        if note:
            own = note.startswith(("page ", "encrypted", _NO_XREF))
            seen.setdefault(note if own else f"pypdf: {note}")
    kept = list(seen)
    if len(kept) > MAX_DIAGNOSTICS:
        extra = len(kept) - MAX_DIAGNOSTICS
        kept = [*kept[:MAX_DIAGNOSTICS], f"pypdf: {extra} more warnings not shown"]
    return kept


def _one_line(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 200 else text[:197] + "..."


def _corrupt(source: str, error: BaseException) -> CorruptDocument:
    detail = _one_line(error) or type(error).__name__
    return CorruptDocument(
        f"is damaged or incomplete ({detail}); re-export or download it again and retry",
        source=source,
    )


def _too_large(source: str, page: int | None = None) -> DocumentTooLarge:
    where = f"page {page} " if page else ""
    return DocumentTooLarge(
        f"{where}needs more memory than is safe to read; re-export the PDF or raise "
        "max_stream_bytes in the configuration",
        source=source,
    )


def _no_text(source: str, scan: _Scan) -> None:
    if scan.damaged and not scan.has_images:
        raise CorruptDocument(
            "is damaged: no text could be recovered; re-export the PDF and try again",
            source=source,
        )
    raise NoTextLayer(
        "has no text layer (is it a scan?); run OCR (e.g. ocrmypdf) and lint the result",
        source=source,
    )
