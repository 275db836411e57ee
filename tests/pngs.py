"""Write real PNG pictures of any size for the tests (test helper, not a test)."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return struct.pack(">I", len(data)) + kind + data + crc


def png_header(width: int, height: int) -> bytes:
    """The first bytes of a PNG that claims a size (the picture data is missing)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)


def png(width: int, height: int, seed: int = 0) -> bytes:
    """A real PNG picture (coloured stripes), small on disk whatever its size in pixels."""
    row = bytes([0]) + bytes((x * 7 + seed) % 256 for x in range(width * 3))
    data = zlib.compress(row * height, 9)
    return png_header(width, height) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
