"""Recognise a picture file (PNG, JPEG or GIF) and its size in pixels from its bytes.

Qt-free: a leaflet's pictures are checked before Qt ever decodes them, so a file that is not
a picture, or one that would take gigabytes once decoded, is never handed to Qt.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: JPEG start-of-frame markers (they carry the size); C4, C8 and CC are other segments.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


@dataclass(frozen=True)
class Picture:
    """A recognised picture: its MIME type and size in pixels."""

    mime: str
    width: int
    height: int


def identify_picture(data: bytes) -> Picture | None:
    """Return the type and size of a PNG, JPEG or GIF file, or None if it is none of those."""
    if data.startswith(_PNG_SIGNATURE) and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return _picture("image/png", width, height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return _picture("image/gif", width, height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    return None


def _picture(mime: str, width: int, height: int) -> Picture | None:
    return Picture(mime, width, height) if width > 0 and height > 0 else None


def _jpeg(data: bytes) -> Picture | None:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # padding before a marker
            position += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            return None
        if marker in _JPEG_FRAMES:
            if position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return _picture("image/jpeg", width, height)
        position += 2 + length
    return None
