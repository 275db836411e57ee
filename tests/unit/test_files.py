"""Only ordinary files are read, never more than the limit, and a pipe never makes us wait."""

from __future__ import annotations

import os
import stat

import pytest

from kyphoreader.core import files
from kyphoreader.core.files import FileRefusedError, read_regular_file, size_text


def test_an_ordinary_file_is_read(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"## Hello\n")
    assert read_regular_file(path, 100) == b"## Hello\n"


def test_a_link_to_an_ordinary_file_is_followed(tmp_path):
    (tmp_path / "real.md").write_bytes(b"words")
    os.symlink(tmp_path / "real.md", tmp_path / "link.md")
    assert read_regular_file(tmp_path / "link.md", 100) == b"words"


def test_a_missing_file_is_reported_as_missing(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "nothing", 100)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: os.mkfifo(p), "this is a pipe"),
        (lambda p: p.mkdir(), "this is a folder"),
        (lambda p: os.symlink("/dev/zero", p), "this is a device"),
        (lambda p: os.symlink("/dev/urandom", p), "this is a device"),
        (lambda p: os.symlink("/dev/null", p), "this is a device"),
    ],
    ids=["pipe", "folder", "dev-zero", "dev-urandom", "dev-null"],
)
def test_anything_but_an_ordinary_file_is_refused(tmp_path, make, words):
    path = tmp_path / "leaflet.md"
    make(path)
    with pytest.raises(FileRefusedError, match=words):
        read_regular_file(path, 1000)


def test_too_large_a_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 1025)
    with pytest.raises(FileRefusedError, match=r"too large \(1,025 bytes\); at most 1 KB"):
        read_regular_file(path, 1024)
    assert read_regular_file(path, 1025) == b"x" * 1025


def _pretend_regular(real_stat, size=0):
    def fake(path, *args, **kwargs):
        result = real_stat(path, *args, **kwargs)
        values = list(result[:10])
        values[0] = stat.S_IFREG | 0o644
        values[6] = size
        return os.stat_result(values)

    return fake


def test_a_pipe_swapped_in_after_the_check_does_not_block(tmp_path, monkeypatch):
    pipe = tmp_path / "leaflet.md"
    os.mkfifo(pipe)  # nobody ever writes to it: a blocking open would wait for ever
    monkeypatch.setattr(files.os, "stat", _pretend_regular(os.stat))
    with pytest.raises(FileRefusedError, match="pipe"):
        read_regular_file(pipe, 1000)


def test_a_file_that_grows_after_the_check_is_cut_off(tmp_path, monkeypatch):
    path = tmp_path / "growing.md"
    path.write_bytes(b"x" * 5000)
    monkeypatch.setattr(files.os, "stat", _pretend_regular(os.stat, size=10))
    with pytest.raises(FileRefusedError, match="too large"):
        read_regular_file(path, 1000)


@pytest.mark.parametrize(
    ("size", "text"),
    [(500, "500 bytes"), (1024, "1 KB"), (64 * 1024, "64 KB"), (1024 * 1024, "1 MB"),
     (1536 * 1024, "1.5 MB"), (1000, "1,000 bytes")],
)  # fmt: skip
def test_sizes_are_said_in_plain_words(size, text):
    assert size_text(size) == text
