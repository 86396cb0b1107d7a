"""Turning the bytes of an input into text, or saying precisely why they are not marsad input.

Below every other module but `errors`: the article readers (ingest) and the knowledge-base
file readers (kb.records) both decode through here.
"""

from __future__ import annotations

from marsad.errors import InputError


def decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is dropped) or explain precisely why the bytes are not marsad input."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "is UTF-16 (it starts with a UTF-16 byte-order mark); convert it to UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        if _looks_like_utf16(data[:4096]):
            raise InputError(name, "looks like UTF-16 without a byte-order mark; convert it to UTF-8")
        nul = data.index(b"\x00")
        raise InputError(name, f"is binary, not text (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            name,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "marsad reads UTF-8 only: convert it first (e.g. iconv -f WINDOWS-1256 -t UTF-8)",
            line,
        ) from None


def _looks_like_utf16(sample: bytes) -> bool:
    # In UTF-16 text every other byte is the high byte of a code point: 0x00
    # for ASCII, 0x06 for Arabic.
    for high_bytes in (sample[0::2], sample[1::2]):
        if high_bytes and sum(b in (0x00, 0x06) for b in high_bytes) >= 0.6 * len(high_bytes):
            return True
    return False
