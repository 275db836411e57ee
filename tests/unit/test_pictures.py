"""Pictures are recognised, with their size, from their bytes alone."""

from __future__ import annotations

import struct

from pngs import png

from kyphoreader.core.pictures import Picture, identify_picture


def test_png():
    assert identify_picture(png(40, 30)) == Picture("image/png", 40, 30)


def test_gif():
    assert identify_picture(b"GIF89a" + struct.pack("<HH", 7, 9) + b"\x00" * 10) == Picture(
        "image/gif", 7, 9
    )


def test_jpeg_size_comes_from_its_frame_header():
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    frame = b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 640) + b"\x00" * 10
    assert identify_picture(b"\xff\xd8" + app0 + frame) == Picture("image/jpeg", 640, 480)


def test_anything_else_is_not_a_picture():
    for data in (b"", b"just text", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xc0\x00", b"GIF8"):
        assert identify_picture(data) is None
    zero = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + struct.pack(">II", 0, 10)
    assert identify_picture(zero) is None
