"""The one exception family memolint raises for anything a user can cause.

Every error carries a one-line message that says what went wrong *and* what to
do about it, so the CLI can print ``str(error)`` and exit 2 without a
traceback, and a tool embedding memolint can catch ``MemolintError`` once.
"""

from __future__ import annotations

SUPPORTED_FORMATS = "DOCX, PDF, Markdown (.md) or plain text (.txt)"


class MemolintError(Exception):
    """Base class of every error memolint raises on bad input or configuration.

    ``source`` names the file (or ``"<text>"``) the error is about, when known.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source:
            return f"{self.source}: {self.message}"
        return self.message


class InputNotFound(MemolintError):
    """The path does not exist, or is a directory where a file was expected."""


class UnsupportedFormat(MemolintError):
    """The input is a format memolint does not read (.doc, .odt, images, ...)."""


class CorruptDocument(MemolintError):
    """The file claims a supported format but cannot be parsed."""


class EncryptedDocument(MemolintError):
    """The document is password-protected and cannot be opened without it."""


class DocumentTooLarge(MemolintError):
    """The document exceeds a safety limit (bytes, pages, parts, expansion)."""


class DocumentTimeout(MemolintError):
    """Reading the document took longer than the configured time limit."""


class NoTextLayer(MemolintError):
    """A PDF has pages but no extractable text, as scanned documents do."""


class ConfigError(MemolintError):
    """The configuration names an unknown key, rule code or option."""


class ModelNotInstalled(MemolintError):
    """No English spaCy pipeline is installed, or a scoring model is unusable."""
