"""Hostile leaflets for the fuzz tests: seeded mutations of the bundled leaflet, and files that
go at, just past and far past each limit (test helper, not a test).

Every case writes its files into a folder of its own and returns the path to give the reader
(which may be a pipe, a link to a device, a folder or a missing file). ``expect`` says what a
user must see: "ok" (the leaflet is shown), "error" (the one-line message), or "any" (either,
for random mutations). The same seed always gives the same cases.
"""

from __future__ import annotations

import os
import random
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pngs import png, png_header

from kyphoreader.core.limits import LIMITS
from kyphoreader.paths import default_leaflet_path

BUNDLED = default_leaflet_path().read_text(encoding="utf-8")
FRONT, _SEPARATOR, _BODY = BUNDLED.partition("\n## ")
BODY = "## " + _BODY
NOT_SHOWN = "[Image not shown:"
L = LIMITS

Builder = Callable[[Path], Path]


@dataclass
class Case:
    """One hostile leaflet and what the reader must make of it."""

    name: str
    build: Builder
    expect: str = "any"  # "ok", "error" or "any"
    error_has: str = ""  # words the one-line error must contain
    text_has: str = ""  # words the shown leaflet's text must contain
    keeps_bundled: bool = False  # every sentence of the bundled leaflet must still be there
    big: bool = False  # near the size limits: exported once at the largest print size


# -- writing files ------------------------------------------------------------------------------


def text_file(content: str, name: str = "leaflet.md") -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_text(content, encoding="utf-8", newline="")
        return path

    return build


def bytes_file(content: bytes, name: str = "leaflet.md") -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return build


def with_files(markdown: str, files: dict[str, object]) -> Builder:
    """A leaflet plus other entries in its folder.

    Each value is bytes (a file), "fifo", "socket", "dir", ("link", target) or ("sparse", n).
    """

    def build(folder: Path) -> Path:
        for name, what in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(what, bytes):
                path.write_bytes(what)
            elif what == "fifo":
                os.mkfifo(path)
            elif what == "dir":
                path.mkdir()
            elif what == "socket":
                server = socket.socket(socket.AF_UNIX)
                try:
                    server.bind(str(path))
                except OSError:  # the path is too long for a socket: a pipe instead
                    os.mkfifo(path)
                finally:
                    server.close()
            elif isinstance(what, tuple) and what[0] == "link":
                os.symlink(what[1], path)
            elif isinstance(what, tuple) and what[0] == "sparse":
                with path.open("wb") as handle:
                    handle.write(png_header(10, 10))
                    handle.truncate(what[1])
        path = folder / "leaflet.md"
        path.write_text(markdown, encoding="utf-8")
        return path

    return build


def special(kind: str) -> Builder:
    """A leaflet path that is not an ordinary file."""

    def build(folder: Path) -> Path:
        path = folder / "leaflet.md"
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "folder":
            path.mkdir()
        elif kind == "missing":
            pass
        elif kind == "socket":
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(path))
            server.close()
        elif kind == "link-to-fifo":
            os.mkfifo(folder / "pipe")
            os.symlink(folder / "pipe", path)
        elif kind == "dangling-link":
            os.symlink(folder / "nowhere", path)
        elif kind == "link-loop":
            os.symlink(folder / "leaflet.md", path)
        else:  # a link to a device such as /dev/zero
            os.symlink(kind, path)
        return path

    return build


def leaflet(body: str, front: str = "title: Fuzz\n") -> str:
    return f"{front}\n{body}"


def with_bundled(extra: str, where: float = 0.5) -> str:
    """The bundled leaflet with ``extra`` put in between two of its paragraphs."""
    cut = BUNDLED.find("\n\n", int(len(BUNDLED) * where))
    cut = len(BUNDLED) if cut < 0 else cut
    return BUNDLED[:cut] + "\n\n" + extra + "\n\n" + BUNDLED[cut:]


def filled(unit: str, size: int, head: str = "title: Fuzz\n\n## Fuzz\n\n") -> str:
    """``unit`` repeated, then a short last line, so that the file is exactly ``size`` bytes."""
    count = max(0, (size - len(head.encode())) // max(1, len(unit.encode())))
    text = head + unit * count
    return text + "x" * max(0, size - len(text.encode()))


# -- cases that attack each limit ---------------------------------------------------------------


def limit_cases(rng: random.Random) -> list[Case]:  # noqa: C901 - one list of many kinds
    cases: list[Case] = []

    def add(name, build, expect="any", **more) -> None:
        cases.append(Case(name, build, expect, **more))

    # What the reader is given instead of a file.
    for kind, words in [
        ("fifo", "pipe"),
        ("folder", "folder"),
        ("missing", "no such file"),
        ("socket", "socket"),
        ("link-to-fifo", "pipe"),
        ("dangling-link", "no such file"),
        ("link-loop", "cannot be read"),
        ("/dev/zero", "device"),
        ("/dev/urandom", "device"),
        ("/dev/null", "device"),
    ]:
        add(f"path-{kind.strip('/').replace('/', '-')}", special(kind), "error", error_has=words)
    add("empty", text_file(""), "error", error_has="empty")
    add("blank", text_file(" \n\t\n" * 50), "error", error_has="empty")
    add("binary", bytes_file(png(8, 8)), "error", error_has="not a text file")
    add("latin-1", bytes_file("## Caf\u00e9\n".encode("latin-1")), "error", error_has="UTF-8")
    add("utf-16", bytes_file("## Heading\n\nText\n".encode("utf-16")), "error")
    add("bom", bytes_file("\ufeff## Heading\n\nText.\n".encode()), "ok", text_has="Text.")
    add("no-headings", text_file("title: x\n\nJust words.\n"), "error", error_has="no headings")
    add("crlf", text_file(BUNDLED.replace("\n", "\r\n")), "ok", keeps_bundled=True)
    add("cr-only", text_file(BUNDLED.replace("\n", "\r")), "any")
    for tag in ("style", "script"):
        unclosed = with_bundled(f"<{tag}>p {{ color: red }}", 0.2)
        add(f"unclosed-{tag}", text_file(unclosed), "error", error_has="never closed")

    # File size, line length and paragraphs.
    para = "Back pain after kyphoplasty can have many causes, and your doctor looks for them. "
    for size in (L.max_bytes - 200, L.max_bytes + 1, 2 * 1024 * 1024 - 5000, 8 * 1024 * 1024):
        expect = "ok" if size <= L.max_bytes else "error"
        unit = para[:-1] + "\n"
        add(f"file-{size}", text_file(filled(unit, size)), expect, big=expect == "ok")
    for length in (L.max_line_chars, L.max_line_chars + 1, 1024 * 1024):
        expect = "ok" if length <= L.max_line_chars else "error"
        words = ("word " * (length // 5 + 1))[:length]
        add(f"line-{length}", text_file(leaflet("## A\n\n" + words)), expect)
        add(f"line-nospace-{length}", text_file(leaflet("## A\n\n" + "x" * length)), expect)
        add(f"heading-line-{length}", text_file(leaflet("## " + "w " * (length // 2))), "error")
        add(f"title-line-{length}", text_file(f"title: {'t' * length}\n\n## A\n\nx\n"), "error")
    lines = (L.max_line_chars - 1) * ("word " * 1 + "\n")
    add("paragraph-of-many-lines", text_file(filled("word " * 1500 + "\n", L.max_bytes)), "ok")
    add("paragraph-nospace-lines", text_file(filled("x" * 9000 + "\n", L.max_bytes - 100)), "ok")
    add("paragraph-1.99MB", text_file(filled("word " * 1500 + "\n", 2 * 1024 * 1024 - 9000)))
    add("short-lines", text_file(leaflet("## A\n\n" + lines)), "any")
    add(
        "setext-heading-long",
        text_file(leaflet("w\n" * (L.max_heading_chars) + "====\n\nText\n")),
        "error",
        error_has="heading",
    )

    # Headings.
    for count in (L.max_headings, L.max_headings + 1, 5000, 10000, 50000):
        expect = "ok" if count <= L.max_headings else "error"
        units = "".join(f"## Heading {i}\n\n{para}\n\n" for i in range(count))
        if len(units) <= 2 * 1024 * 1024:
            add(f"headings-{count}", text_file(leaflet(units)), expect, big=expect == "ok")
        only = "".join(f"## H{i}\n" for i in range(count))
        add(f"headings-only-{count}", text_file(leaflet(only)), expect, big=expect == "ok")
        cycle = "".join(f"{'#' * (i % 6 + 1)} H{i}\n" for i in range(count))
        add(f"headings-h1-h6-{count}", text_file(leaflet(cycle)), expect, big=expect == "ok")
    long_heading = "## " + "word " * (L.max_heading_chars // 5 - 1) + "\n\ntext\n"
    add("heading-at-limit", text_file(leaflet(long_heading)), "ok")
    add("heading-over", text_file(leaflet("## " + "w" * (L.max_heading_chars + 1))), "error")
    add("heading-1MB", text_file(leaflet("## " + "word " * 200_000)), "error")
    add("toc-markers", text_file(with_bundled("[TOC]\n\n" * 2000)), "ok", keeps_bundled=True)

    # Front matter.
    add("title-at-limit", text_file(f"title: {'T' * L.max_title_chars}\n\n## A\n\nx\n"), "ok")
    add("title-over", text_file(f"title: {'T' * (L.max_title_chars + 1)}\n\n## A\n\nx\n"), "error")
    add("title-1MB", text_file("title: " + "word " * 200_000 + "\n\n## A\n\nx\n"), "error")
    value = "v" * 1000
    continued = "summary: " + "\n    ".join([value] * 3) + "\n"
    add("front-value-continued", text_file(continued + "\n## A\n\nx\n"), "error")
    add("front-value-1MB", text_file("source: " + "s " * 500_000 + "\n\n## A\n\nx\n"), "error")
    keys = "".join(f"key{i}: value {i}\n" for i in range(L.max_meta_keys))
    add("front-keys-at-limit", text_file(keys + "\n## A\n\nx\n"), "ok")
    keys = "".join(f"key{i}: value {i}\n" for i in range(10_000))
    add("front-keys-10000", text_file(keys + "\n## A\n\nx\n"), "error")
    add("front-only", text_file("title: x\nsummary: y\n"), "error")
    add("front-dashes", text_file("---\ntitle: Dashes\n---\n\n## A\n\nx\n"), "ok")

    # Nesting.
    depth_limit = L.max_nesting
    for depth in (depth_limit, depth_limit + 1, 500, 1000):
        expect = "ok" if depth <= depth_limit else "error"
        lists = "".join("    " * i + "- item\n" for i in range(depth))
        add(f"nested-lists-{depth}", text_file(leaflet("## A\n\n" + lists)), expect)
        quotes = "".join(">" * (i + 1) + " quote\n\n" for i in range(depth))
        add(f"nested-quotes-{depth}", text_file(leaflet("## A\n\n" + quotes)), expect)
        mixed = "".join("> " if level % 2 == 0 else "- " for level in range(depth)) + "x\n"
        add(f"nested-quote-lists-{depth}", text_file(leaflet("## A\n\n" + mixed)), expect)
        emphasis = "*a " * depth + "x" + " b*" * depth
        add(f"nested-emphasis-{depth}", text_file(leaflet("## A\n\n" + emphasis)), expect)
        brackets = "[" * depth + "x" + "]" * depth
        add(f"nested-brackets-{depth}", text_file(leaflet("## A\n\n" + brackets)), expect)
        html_kinds = [("div", "div"), ("blockquote", "blockquote"), ("ul><li", "li></ul")]
        for start, end in html_kinds:
            nest = f"<{start}>" * depth + "x" + f"</{end}>" * depth
            add(f"nested-html-{start[:3]}-{depth}", text_file(leaflet("## A\n\n" + nest)), expect)
        inline = "<p>" + "<b>" * depth + "x" + "</b>" * depth + "</p>"
        add(f"nested-inline-{depth}", text_file(leaflet("## A\n\n" + inline)), expect)
    for depth in (L.max_table_nesting, L.max_table_nesting + 1, 200):
        expect = "ok" if depth <= L.max_table_nesting else "error"
        tables = "<table><tr><td>cell " * depth + "x" + "</td></tr></table>" * depth
        add(f"nested-tables-{depth}", text_file(leaflet("## A\n\n" + tables)), expect)
    add("emphasis-20000", text_file(leaflet("## A\n\n" + "*" * 20000 + "x" + "*" * 20000)))
    add("emphasis-run-lines", text_file(leaflet("## A\n\n" + ("*" * 5000 + "\n") * 8)))
    columns = "<table><tr>" + "<td>w</td>" * (L.max_table_columns + 1) + "</tr></table>"
    add("table-columns-over", text_file(with_bundled(columns)), "error", error_has="cells")
    columns = "<table><tr>" + "<td>w</td>" * L.max_table_columns + "</tr></table>"
    add("table-columns-at-limit", text_file(with_bundled(columns)), "ok", keeps_bundled=True)
    add("brackets-20000", text_file(leaflet("## A\n\n" + ("[" * 5000 + "\n") * 4)), "error")
    add("brackets-unclosed", text_file(filled("[a " * 1000 + "\n", L.max_bytes)), "error")
    add("parens-unclosed", text_file(filled("[a](" + "b " * 3000 + "\n", L.max_bytes)))
    add("tags-unclosed", text_file(filled("<a " * 3000 + "\n", L.max_bytes)), "error")
    add("tags-unclosed-quotes", text_file(filled('<a x="' * 2000 + "\n", L.max_bytes)))
    add("comments-unclosed", text_file(filled("<!-- " * 2000 + "\n", L.max_bytes)))
    add("deep-indent", text_file(leaflet("## A\n\n" + " " * 5000 + "x\n")), "error")
    add("tabs-indent", text_file(leaflet("## A\n\n- x\n" + "\t" * 200 + "- y\n")), "error")

    # Blocks (each unit below makes ``per`` blocks, as Qt lays them out).
    kinds = [
        ("list-items", "- x\n", 1),
        ("line-breaks", "a<br>\n", 1),
        ("rules", "***\n\n", 1),
        ("table-cells", "<tr>\n" + "<td>w</td>\n" * 9 + "</tr>\n", 10),
        ("table-rows", "<tr><td>row</td></tr>\n", 2),
        ("code-lines", "    code line\n", 1),
    ]
    for count in (L.max_blocks - 50, L.max_blocks + 1, 30000):
        expect = "ok" if count <= L.max_blocks else "error"
        for kind, unit, per in kinds:
            units = unit * (count // per + (0 if expect == "ok" else 2))
            if kind.startswith("table"):
                units = "<table>\n" + units + "</table>\n"
            build = text_file(leaflet("## A\n\n" + units))
            add(f"{kind}-{count}", build, expect, big=expect == "ok" and kind == "list-items")

    # Pictures and links: only ordinary files inside the leaflet's folder.
    good = png(40, 30)
    outside_picture = [
        ("img-dev-zero", '<img src="/dev/zero">'),
        ("img-file-url", '<img src="file:///dev/zero">'),
        ("img-urandom", "![noise](/dev/urandom)"),
        ("img-etc-passwd", "![passwd](/etc/passwd)"),
        ("img-dotdot", "![up](../leaflet.md)"),
        ("img-dotdot-encoded", "![up](%2e%2e/secret.png)"),
        ("img-backslash", "![win](..\\..\\secret.png)"),
        ("img-unc", "<img src='\\\\server\\share\\a.png'>"),
        ("img-drive", "![drive](C:/Windows/a.png)"),
        ("img-http", "![remote](http://example.org/a.png)"),
        ("img-protocol-relative", '<img src="//example.org/a.png">'),
        ("img-data-url", '<img src="data:image/png;base64,iVBORw0KGgo=">'),
        ("img-qrc", '<img src="qrc:/icons/a.png">'),
        ("img-empty-src", '<img src="">'),
        ("img-no-src", "<img alt='nothing'>"),
        ("img-nul", "![nul](a%00.png)"),
        ("img-long-name", f"![long]({'a' * 5000}.png)"),
    ]
    for name, markup in outside_picture:
        add(name, text_file(with_bundled(markup)), "ok", text_has=NOT_SHOWN, keeps_bundled=True)
    inside: list[tuple[str, str, dict[str, object], bool]] = [
        ("img-good", "![A diagram](diagram.png)", {"diagram.png": good}, True),
        ("img-good-subfolder", "![A diagram](pics/d.png)", {"pics/d.png": good}, True),
        ("img-good-html", '<img src="d.png" width="20" height="15">', {"d.png": good}, True),
        ("img-good-space", "![sp](my%20pic.png)", {"my pic.png": good}, True),
        ("img-fifo", "![pipe](pipe.png)", {"pipe.png": "fifo"}, False),
        ("img-socket", "![sock](s.png)", {"s.png": "socket"}, False),
        ("img-folder", "![dir](dir.png)", {"dir.png": "dir"}, False),
        ("img-missing", "![gone](gone.png)", {}, False),
        ("img-link-dev-zero", "![z](z.png)", {"z.png": ("link", "/dev/zero")}, False),
        ("img-link-outside", "![o](o.png)", {"o.png": ("link", "/etc/hostname")}, False),
        ("img-link-fifo", "![f](f.png)", {"f.png": ("link", "pipe"), "pipe": "fifo"}, False),
        ("img-link-loop", "![l](l.png)", {"l.png": ("link", "l.png")}, False),
        ("img-too-big-file", "![big](big.png)", {"big.png": ("sparse", 5 * 1024 * 1024)}, False),
        ("img-huge-pixels", "![huge](h.png)", {"h.png": png_header(100_000, 100_000)}, False),
        ("img-not-picture", "![text](t.png)", {"t.png": b"just text, not a picture"}, False),
        ("img-truncated", "![cut](c.png)", {"c.png": png(50, 50)[:40]}, True),
        ("img-jpeg-header", "![j](j.jpg)", {"j.jpg": b"\xff\xd8\xff\xc0\x00\x11\x08"}, False),
    ]
    for name, markup, files, shown in inside:
        add(
            name,
            with_files(with_bundled(markup), files),
            "ok",
            text_has="" if shown else NOT_SHOWN,
            keeps_bundled=True,
        )
    many = "".join(f"![p{i}](p{i}.png)\n\n" for i in range(30))
    files = {f"p{i}.png": png(1000, 1000, i) for i in range(30)}
    add("img-many-pixels", with_files(with_bundled(many), files), "ok", text_has=NOT_SHOWN)
    links = [
        ("link-etc", "[passwd](/etc/passwd)"),
        ("link-file-url", "[zero](file:///dev/zero)"),
        ("link-dotdot", "[up](../x.md)"),
        ("link-javascript", "[js](javascript:alert(1))"),
        ("link-http", "[web](https://example.org/)"),
        ("link-mailto", "[mail](mailto:a@example.org)"),
        ("link-fragment", "[top](#what-this-leaflet-is-about)"),
    ]
    for name, markup in links:
        add(name, text_file(with_bundled(markup)), "ok", keeps_bundled=True)
    add("link-fifo", with_files(with_bundled("[p](p.md)"), {"p.md": "fifo"}), "ok")
    add("link-sibling", with_files(with_bundled("[s](s.md)"), {"s.md": b"## S\n"}), "ok")

    # HTML that would make Qt load a file or lay out far too much.
    loaders = [
        ("style-url", '<p style="background-image: url(/dev/zero)">styled</p>'),
        ("style-import", "<style>@import url(/dev/zero);</style>"),
        ("link-stylesheet", '<link rel="stylesheet" href="/dev/zero">'),
        ("body-background", '<body background="/dev/zero">body</body>'),
        ("table-background", '<table background="/dev/zero"><tr><td>t</td></tr></table>'),
        ("td-background", '<table><tr><td background="/dev/zero">t</td></tr></table>'),
        ("attr-list-style", "Styled words\n{: style='background: url(/dev/zero)' }"),
        ("huge-font", '<span style="font-size: 100000pt">huge</span>'),
        ("huge-margin", '<p style="margin-left: 1000000px">far</p>'),
        ("huge-colspan", '<table><tr><td colspan="100000">wide</td></tr></table>'),
        ("huge-rowspan", '<table><tr><td rowspan="2147483647">tall</td></tr></table>'),
        ("huge-ol-start", '<ol start="2147483647"><li>x</li></ol>'),
        ("huge-img-size", '<img src="x.png" width="1000000" height="1000000">'),
        ("huge-table", '<table width="1000000" cellpadding="99999"><tr><td>x</td></tr></table>'),
        ("script", "<script>document.write('x')</script>"),
        ("iframe", '<iframe src="/dev/zero">frame words</iframe>'),
        ("object", '<object data="/dev/zero">object words</object>'),
        ("svg", '<svg><image href="/dev/zero"/></svg>'),
        ("meta-refresh", '<meta http-equiv="refresh" content="0;url=file:///dev/zero">'),
        ("base-href", '<base href="file:///">'),
        ("entity-huge", "&#99999999999; &#x110000; &#0; &#xD800; &bogus; &amp"),
        ("cdata", "<![CDATA[ cdata words ]]>"),
        ("processing", "<?php echo 1; ?>"),
        ("doctype", "<!DOCTYPE html>"),
        ("title-tag", "<title>title words"),
        ("unclosed-b", "<b>" * 3 + "bold"),
        ("stray-end-tags", "</b></i></table></div>\n" * 500),
        ("zalgo", "a" + "\u0301" * 5000),
        ("bidi", "\u202e" * 2000 + "reversed"),
        ("zero-width", "\u200b\u200d\ufeff" * 2000),
        ("controls", "".join(chr(c) for c in range(1, 32) if c not in (10, 13)) * 50),
        ("surrogate-entities", "&#xDFFF;&#xD83D;&#xDE00;" * 100),
        ("emoji-zwj", "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 1000),
    ]
    for name, markup in loaders:
        add(f"html-{name}", text_file(with_bundled(markup)), "ok", keeps_bundled=True)
    rng.shuffle(cases)
    return cases


# -- random mutations of the bundled leaflet ----------------------------------------------------

TOKENS = [
    "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "![", "](", "<", ">", "</", "&", "#",
    "## ", "\n## ", "\n", "\n\n", "    ", "\t", "> ", "- ", "1. ", "{: #x }", "{:", "}", "|",
    "\\", "<br>", "<b>", "</b>", "<div>", "</div>", "<table>", "<td>", "<img src=a.png>",
    "<!--", "-->", "[TOC]", "&#0;", "&nbsp;", "\r", "\u202e", "\u0301", "\u200b", "\ufeff",
    "\U0001f600", "\x0b", "\x0c", "\x1b", "\u2028", "\ufffd", "===\n", "---\n", "title: ",
    "[x]: /dev/zero\n", "[link][x]", "<http://example.org>", "<a@b.c>", "```\n",
]  # fmt: skip


def mutate(text: str, rng: random.Random) -> str:
    """Apply a few random edits to ``text``."""
    for _ in range(rng.randint(1, 8)):
        if not text:
            text = rng.choice(TOKENS)
        where = rng.randrange(len(text) + 1)
        kind = rng.randrange(10)
        if kind < 3:
            text = text[:where] + rng.choice(TOKENS) * rng.choice([1, 1, 2, 5, 50]) + text[where:]
        elif kind == 3:
            text = text[:where] + text[where + rng.randint(1, 300) :]
        elif kind == 4:
            span = text[where : where + rng.randint(1, 400)]
            text = text[:where] + span * rng.choice([2, 3, 10, 100, 1000]) + text[where:]
        elif kind == 5:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind == 6:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            prefix = rng.choice(["    ", "\t", "> ", "- ", "* ", "1. ", "#", "  "])
            lines[i] = prefix * rng.choice([1, 2, 4, 20, 100]) + lines[i]
            text = "\n".join(lines)
        elif kind == 7:
            end = min(len(text), where + rng.randint(1, 200))
            left, right = rng.choice(
                [("*", "*"), ("**", "**"), ("_", "_"), ("`", "`"), ("[", "](#x)"), ("<b>", "</b>"),
                 ("<i>", ""), ("[", ""), ("(", ""), ("<table><tr><td>", "</td></tr></table>")]
            )  # fmt: skip
            text = text[:where] + left + text[where:end] + right + text[end:]
        elif kind == 8:
            odd = chr(rng.choice([rng.randrange(32, 0x2FFF), 0x10FFFF, 0xE000]))
            text = text[:where] + odd + text[where + 1 :]
        elif rng.random() < 0.3:
            text = text[:where]
        else:
            text = text.replace("\n", rng.choice(["\r\n", "\r"]))
    return text


def mutation_cases(rng: random.Random, count: int) -> list[Case]:
    cases = []
    for number in range(count):
        text = mutate(BUNDLED, rng)
        if rng.random() < 0.03:  # a few that are not UTF-8 text
            data = text.encode("utf-8", "surrogatepass")
            where = rng.randrange(len(data) + 1)
            bad = rng.choice([b"\xff", b"\x00", b"\xc3", b"\xed\xa0\x80"])
            data = data[:where] + bad + data[where:]
            cases.append(Case(f"mutation-{number}-bytes", bytes_file(data)))
        else:
            cases.append(Case(f"mutation-{number}", text_file(text)))
    return cases


def fuzz_cases(seed: int, count: int) -> list[Case]:
    """``count`` hostile leaflets (at least every limit case, then random mutations)."""
    rng = random.Random(seed)
    cases = limit_cases(rng)
    return cases + mutation_cases(rng, max(0, count - len(cases)))


# -- the largest leaflets the limits allow ------------------------------------------------------


def _fill(head: str, units, size: int) -> str:
    """``head`` then units from the iterator ``units`` while the text stays within ``size``."""
    parts, total = [head], len(head.encode())
    for unit in units:
        total += len(unit.encode())
        if total > size:
            break
        parts.append(unit)
    return "".join(parts)


def largest_leaflets() -> dict[str, str]:
    """Leaflets at the limits, one of each shape, for the benchmark and the export tests."""
    size = L.max_bytes - 256
    front = f"title: {'T' * L.max_title_chars}\n\n"
    prose = "Back pain after kyphoplasty can have many causes, and your doctor looks for them. "
    line = (prose * (L.max_line_chars // len(prose) + 1))[: L.max_line_chars]
    heading = ("Heading words " * L.max_heading_chars)[: L.max_heading_chars - 4]
    per_section = size // L.max_headings - len(heading) - 12
    item = prose[: size // L.max_blocks - 4]
    nest = "".join("    " * i + f"- item at level {i + 1}\n" for i in range(L.max_nesting))
    quotes = "".join(">" * (i + 1) + " quoted words\n\n" for i in range(L.max_nesting))
    depth = L.max_table_nesting
    table = "<table><tr><td>cell " * depth + "x" + "</td></tr></table>" * depth
    rich = "Some *emphasis*, **strong words**, `code`, [a link](#a) and &amp; more. "

    def copies():
        for number in range(1, 10_000):
            part = f"## Part {number}: "
            yield "\n\n" + BODY.replace("\n## ", "\n" + part).replace("## What", part + "What", 1)

    def forever(unit: str):
        while True:
            yield unit

    return {
        "bundled-copies": _fill(FRONT, copies(), size),
        "long-lines": _fill(front + "## Prose\n\n", forever(line + "\n\n"), size),
        "one-paragraph": _fill(front + "## One paragraph\n\n", forever(line + "\n"), size),
        "no-spaces": _fill(front + "## X\n\n", forever("x" * L.max_line_chars + "\n"), size),
        "most-headings": _fill(
            front,
            (f"## {i:03d} {heading}\n\n{prose[:per_section]}\n\n" for i in range(L.max_headings)),
            size,
        ),
        "most-blocks": _fill(
            front + "## Items\n\n", (f"- {item}\n" for _ in range(L.max_blocks - 5)), size
        ),
        "rich-markup": _fill(front + "## Rich\n\n", forever(rich * 40 + "\n\n"), size),
        "dense-markup": _fill(
            front + "## Dense\n\n", forever("*a* `b` &amp; " * 500 + "\n\n"), size
        ),
        "deep-nesting": _fill(
            front + "## Nested\n\n",
            (nest + "\n" + quotes + table + "\n\n" for _ in range(L.max_blocks // 50)),
            size,
        ),
    }
