"""Opening untrusted ZIP/XML packages (DOCX) without being hurt by them.

A DOCX comes from a stranger: its central directory can promise a part of
several gigabytes (a ZIP bomb), its XML can declare entities that expand a
thousand-fold (billion laughs) or reach out to the network (XXE). Everything
here is checked against :class:`~memolint.limits.Limits` *before* a byte is
decompressed, parts are read with a bounded read so a lying header cannot
make us read more than it declared, and XML is parsed with a parser that
loads no DTD, resolves no entity and refuses a document type declaration
outright.
"""

from __future__ import annotations

import io
import struct
import threading
import zipfile
import zlib

from lxml import etree

from memolint.errors import CorruptDocument, DocumentTooLarge, EncryptedDocument
from memolint.limits import Limits, MiB

__all__ = ["check_zip", "parse_xml", "read_part", "read_xml_part", "refuse_doctypes"]

#: Below this size a high compression ratio is normal (XML of repeated markup
#: routinely deflates 50:1) and harmless, so the ratio limit ignores it.
RATIO_FLOOR_BYTES = 1 * MiB

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_MAX_COMMENT = 65535

# lxml parsers must not be shared between threads, and a batch may read
# documents on several.
_PARSERS = threading.local()

# What reading a part can raise on damaged or hostile data.
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
#: Parts that hold XML, by name, and the chunk size they are scanned in.
_XML_SUFFIXES = (".xml", ".rels")
_SCAN_CHUNK_BYTES = 1 * MiB

# A DTD is the only way into entity expansion and external fetches, and no
# Office application writes one, so its mere presence is refused. UTF-16
# parts are checked in both byte orders.
_DOCTYPE_MARKERS = tuple(
    "<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def check_zip(data: bytes, source: str, limits: Limits) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP package after checking its directory against ``limits``.

    Only the central directory is read; nothing is decompressed. Raises
    ``CorruptDocument`` for a damaged or non-ZIP input, ``DocumentTooLarge``
    for too many entries, an oversized part or total, or a suspicious
    compression ratio, and ``EncryptedDocument`` for encrypted entries.

    >>> archive = check_zip(docx_bytes, "memo.docx", DEFAULT_LIMITS)  # doctest: +SKIP
    >>> read_part(archive, "word/document.xml", "memo.docx")[:5]  # doctest: +SKIP
    b'<?xml'
    """
    declared = _declared_entries(data)
    if declared is not None and declared > limits.zip_max_entries:
        raise _too_many_entries(declared, limits, source)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        EOFError,
        OSError,
        NotImplementedError,  # a directory entry needing a ZIP version zipfile lacks
    ) as error:
        raise CorruptDocument(
            f"is not a readable ZIP package ({_reason(error)}); re-save it from Word as .docx",
            source=source,
        ) from None
    infos = archive.infolist()
    if len(infos) > limits.zip_max_entries:
        raise _too_many_entries(len(infos), limits, source)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise EncryptedDocument(
                f"has an encrypted part ({info.filename}); remove the password in Word and "
                "save it again",
                source=source,
            )
        size = info.file_size
        if size > limits.zip_max_part_bytes:
            raise DocumentTooLarge(
                f"has a part ({info.filename}) that expands to {size / MiB:,.1f} MiB, over the "
                f"{limits.zip_max_part_bytes / MiB:,.0f} MiB limit; remove large embedded files "
                "or raise zip_max_part_bytes in the configuration",
                source=source,
            )
        total += size
        if size > RATIO_FLOOR_BYTES:
            ratio = size / info.compress_size if info.compress_size else float("inf")
            if ratio > limits.zip_max_ratio:
                raise DocumentTooLarge(
                    f"has a part ({info.filename}) compressed {ratio:,.0f}:1, over the "
                    f"{limits.zip_max_ratio:,.0f}:1 limit, as ZIP bombs are; re-save the "
                    "document, or raise zip_max_ratio in the configuration if it is genuine",
                    source=source,
                )
    if total > limits.zip_max_total_bytes:
        raise DocumentTooLarge(
            f"expands to {total / MiB:,.1f} MiB, over the "
            f"{limits.zip_max_total_bytes / MiB:,.0f} MiB limit; remove large embedded files "
            "or raise zip_max_total_bytes in the configuration",
            source=source,
        )
    return archive


def read_part(archive: zipfile.ZipFile, name: str, source: str) -> bytes | None:
    """The bytes of part ``name``, or ``None`` when the package has no such part.

    The read asks for at most the declared size plus one byte, so a header
    that understates a part cannot turn into an unbounded read; the CRC
    check at the end of the part catches the lie.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except _READ_ERRORS as error:
        raise _damaged(name, error, source) from None
    if len(data) > info.file_size:
        raise _longer_than_declared(name, source)
    return data


def refuse_doctypes(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse the package if any XML part declares a DTD, whether it is read or not.

    Word never writes one, so a DTD even in a part memolint has no use for
    (``[Content_Types].xml``, document properties, custom XML) marks a file
    built to attack whatever XML reader opens it. Parts are streamed in
    chunks, so a large part is never held whole, and, as in
    :func:`read_part`, never read past its declared size.
    """
    overlap = max(len(marker) for marker in _DOCTYPE_MARKERS) - 1
    for info in archive.infolist():
        if info.is_dir() or not info.filename.lower().endswith(_XML_SUFFIXES):
            continue
        remaining = info.file_size + 1
        tail = b""
        try:
            with archive.open(info) as handle:
                while remaining > 0:
                    chunk = handle.read(min(_SCAN_CHUNK_BYTES, remaining))
                    if not chunk:
                        break
                    remaining -= len(chunk)
                    window = tail + chunk
                    if any(marker in window for marker in _DOCTYPE_MARKERS):
                        raise _doctype(info.filename, source)
                    tail = window[-overlap:]
        except _READ_ERRORS as error:
            raise _damaged(info.filename, error, source) from None
        if remaining <= 0:
            raise _longer_than_declared(info.filename, source)


def parse_xml(data: bytes, name: str, source: str) -> etree._Element:
    """Parse one XML part with the hardened parser; refuse any DTD."""
    if any(marker in data for marker in _DOCTYPE_MARKERS):
        raise _doctype(name, source)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise CorruptDocument(
            f"has malformed XML in {name} ({_reason(error)}); re-save the document from Word",
            source=source,
        ) from None
    if root is None:
        raise CorruptDocument(f"has an empty XML part {name}; re-save the document", source=source)
    return root


def read_xml_part(archive: zipfile.ZipFile, name: str, source: str) -> etree._Element | None:
    """Read and parse part ``name``; ``None`` when the package has no such part."""
    data = read_part(archive, name, source)
    if data is None:
        return None
    return parse_xml(data, name, source)


def _parser() -> etree.XMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        # libxml2's default depth limit (256 without huge_tree) also keeps a
        # recursive walk of the tree well inside Python's recursion limit.
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        _PARSERS.parser = parser
    return parser


def _declared_entries(data: bytes) -> int | None:
    """The entry count the end-of-central-directory record claims, if findable.

    ``zipfile`` builds an object per entry while it opens an archive, so an
    archive claiming millions of entries is refused from this 22-byte record
    first.
    """
    position = data.rfind(_EOCD, max(0, len(data) - _EOCD_SIZE - _MAX_COMMENT))
    if position < 0 or len(data) - position < _EOCD_SIZE:
        return None
    (total,) = struct.unpack_from("<H", data, position + 10)
    return None if total == 0xFFFF else total  # 0xFFFF: the ZIP64 record holds the count


def _too_many_entries(count: int, limits: Limits, source: str) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"has {count:,} parts, over the {limits.zip_max_entries:,} limit; re-save the "
        "document, or raise zip_max_entries in the configuration if it is genuine",
        source=source,
    )


def _doctype(name: str, source: str) -> CorruptDocument:
    return CorruptDocument(
        f"has a document type declaration in {name}, which Word never writes and which "
        "can be used to attack XML readers; re-save the document from Word",
        source=source,
    )


def _damaged(name: str, error: BaseException, source: str) -> CorruptDocument:
    return CorruptDocument(
        f"has a damaged part {name} ({_reason(error)}); re-save the document and try again",
        source=source,
    )


def _longer_than_declared(name: str, source: str) -> CorruptDocument:
    return CorruptDocument(
        f"has a part {name} longer than its ZIP header declares; re-save the document",
        source=source,
    )


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:160]
