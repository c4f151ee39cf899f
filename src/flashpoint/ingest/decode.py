"""Bytes → text: size, emptiness, binary and encoding checks shared by every format."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from flashpoint.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    IngestError,
    NotFoundError,
    TooLargeError,
)

# Only the head is inspected to decide "binary": enough to see a file signature or NUL runs.
_SNIFF_BYTES = 8192
# Share of control bytes (not tab/newline/CR/FF/ESC-free text) above which a file is binary.
_MAX_CONTROL_SHARE = 0.05
# charset-normalizer's "mess" ratio; above this a detection is a guess, not a reading.
_MAX_CHAOS = 0.1
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xef][\x80-\xbf]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_size(path: Path, max_bytes: int) -> int:
    """Size of ``path`` in bytes; refuse it before reading when over ``max_bytes``."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotFoundError("no such file", source=str(path)) from None
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}", source=str(path)) from exc
    if size > max_bytes:
        raise TooLargeError(
            f"file is {size:,} bytes, over the limit of {max_bytes:,}", source=str(path)
        )
    return size


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a whole (size-checked) file."""
    check_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}", source=str(path)) from exc
    if len(data) > max_bytes:
        raise TooLargeError(f"file is over the limit of {max_bytes:,} bytes", source=str(path))
    return data


def utf16_or_32_encoding(data: bytes) -> str | None:
    """The codec named by a UTF-16/32 byte-order mark, if the data starts with one."""
    for bom, encoding in _UTF16_32_BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control bytes in the head mean "not text"."""
    head = data[:_SNIFF_BYTES]
    if not head or utf16_or_32_encoding(head):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > _MAX_CONTROL_SHARE


def _is_damaged_utf8(data: bytes) -> bool:
    """Mostly valid UTF-8 with some bad bytes: a legacy-charset guess would only add mojibake."""
    high = len(_HIGH_BYTES.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    return high > 0 and in_sequences * 2 >= high


def _detect(data: bytes, source: str) -> str:
    if _is_damaged_utf8(data):
        raise EncodingError("invalid UTF-8 (the file looks like damaged UTF-8)", source=source)
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise EncodingError("not UTF-8 and no encoding could be detected reliably", source=source)
    return str(best)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode file content to text; raise an ``IngestError`` subclass when it is not text."""
    if not data.strip():
        raise EmptyInputError("file is empty or holds only white space", source=source)
    if looks_binary(data):
        raise BinaryInputError("file holds binary data, not text", source=source)
    wide = utf16_or_32_encoding(data)
    try:
        text = data.decode(wide or "utf-8-sig")
    except UnicodeDecodeError:
        if wide:
            raise EncodingError(f"invalid {wide.upper()} text", source=source) from None
        text = _detect(data, source)
    if not text.strip():
        raise EmptyInputError("file is empty or holds only white space", source=source)
    return text
