"""A leaflet refers only to files in its own folder; nothing in its HTML makes Qt load a file."""

from __future__ import annotations

import os

import pytest
from pngs import png, png_header

from kyphoreader.core.leaflet import LeafletError, load_leaflet, parse_leaflet
from kyphoreader.core.safehtml import make_safe


def write(folder, markdown: str, **files):
    for name, content in files.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    leaflet = folder / "leaflet.md"
    leaflet.write_text(f"title: Pictures\n\n## Pictures\n\nBefore.\n\n{markdown}\n\nAfter.\n")
    return load_leaflet(leaflet)


def shown_text(leaflet) -> str:
    return " ".join(section.text for section in leaflet.walk())


def test_a_picture_in_the_leaflets_folder_is_shown_embedded(tmp_path):
    leaflet = write(tmp_path, "![A spine](spine.png)", **{"spine.png": png(40, 30)})
    assert '<img src="data:image/png;base64,' in leaflet.html
    assert 'alt="A spine"' in leaflet.html
    assert "Image not shown" not in shown_text(leaflet)
    assert leaflet.local_files == [str(tmp_path / "spine.png")]


def test_a_picture_in_a_subfolder_is_shown(tmp_path):
    leaflet = write(
        tmp_path, "![Spine](pics/spine%20side.png)", **{"pics__spine side.png": png(8, 8)}
    )
    assert "data:image/png;base64," in leaflet.html


@pytest.mark.parametrize(
    ("markup", "why"),
    [
        ('<img src="/dev/zero">', "only pictures in the leaflet's own folder are shown"),
        ("![zero](file:///dev/zero)", "only pictures in the leaflet's own folder are shown"),
        ("![passwd](/etc/passwd)", "only pictures in the leaflet's own folder are shown"),
        ("![up](../outside.png)", "only pictures in the leaflet's own folder are shown"),
        ("![up](pics/../../outside.png)", "only pictures in the leaflet's own folder are shown"),
        ("![web](https://example.org/a.png)", "pictures from the internet are never loaded"),
        ('<img src="//example.org/a.png">', "pictures from the internet are never loaded"),
        ("![inline](data:image/png;base64,AAAA)", "only pictures in the leaflet's own folder"),
        ("![gone](gone.png)", "the picture file is missing"),
    ],
)
def test_a_picture_anywhere_else_is_replaced_by_words_saying_so(tmp_path, markup, why):
    (tmp_path.parent / "outside.png").write_bytes(png(4, 4))
    leaflet = write(tmp_path, markup)
    text = shown_text(leaflet)
    assert "[Image not shown: " in text and why in text
    assert "<img" not in leaflet.html
    assert text.startswith("Before.") and text.endswith("After.")


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: os.mkfifo(p), "this is a pipe"),
        (lambda p: os.symlink("/dev/zero", p), "only pictures in the leaflet's own folder"),
        (lambda p: os.symlink("/etc/hostname", p), "a link to elsewhere"),
        (lambda p: p.mkdir(), "this is a folder"),
        (lambda p: p.write_bytes(b"not a picture at all"), "not a PNG, JPEG or GIF picture"),
        (lambda p: p.write_bytes(png_header(100_000, 10)), "100,000 × 10 pixels"),
        (lambda p: p.write_bytes(png(10, 10) + b"\0" * 1024 * 1024), "too large"),
    ],
    ids=["pipe", "link-to-dev-zero", "link-outside", "folder", "not-picture", "huge", "big-file"],
)
def test_a_picture_file_that_is_not_safe_to_show_is_not_loaded(tmp_path, make, why):
    make(tmp_path / "bad.png")
    text = shown_text(write(tmp_path, "![Bad](bad.png)"))
    assert "[Image not shown: Bad (" in text and why in text


@pytest.mark.parametrize(
    ("size", "markup", "shown"),
    [
        ((300, 200), "![p](p.png)", (300, 200)),
        ((2000, 1000), "![p](p.png)", (560, 280)),
        ((1000, 3000), "![p](p.png)", (213, 640)),
        ((400, 200), '<img src="p.png" width="100">', (100, 50)),
        ((400, 200), '<img src="p.png" width="4000" height="4000">', (560, 560)),
    ],
)
def test_a_picture_is_shown_no_larger_than_a_printed_page_holds(tmp_path, size, markup, shown):
    leaflet = write(tmp_path, markup, **{"p.png": png(*size)})
    assert f'width="{shown[0]}" height="{shown[1]}"' in leaflet.html


def test_pictures_together_are_limited(tmp_path):
    pictures = {f"p{i}.png": png(3000, 3000, i) for i in range(2)}
    text = shown_text(write(tmp_path, "![One](p0.png) ![Two](p1.png)", **pictures))
    assert "Image not shown: One" not in text
    assert "[Image not shown: Two (the leaflet's pictures together would be more than" in text


def test_text_that_is_not_from_a_file_uses_no_file(tmp_path):
    leaflet = parse_leaflet("## A\n\n![x](x.png) [y](y.md)\n")
    assert "the leaflet's folder is not known" in leaflet.sections[0].text
    assert "href" not in leaflet.html


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("#pictures", True),
        ("https://example.org/", True),
        ("mailto:clinic@example.org", True),
        ("other.md", True),
        ("missing.md", False),
        ("/etc/passwd", False),
        ("file:///etc/passwd", False),
        ("../other.md", False),
        ("javascript:alert(1)", False),
        ("pipe.md", False),
    ],
)
def test_links_go_only_to_the_leaflet_its_folder_or_the_web(tmp_path, link, kept):
    (tmp_path / "other.md").write_text("## Other\n")
    os.mkfifo(tmp_path / "pipe.md")
    leaflet = write(tmp_path, f"[the words]({link})")
    assert (f'href="{link}"' in leaflet.html) is kept
    assert "the words" in shown_text(leaflet)


@pytest.mark.parametrize(
    "markup",
    [
        '<p style="background-image: url(/dev/zero)">words</p>',
        '<link rel="stylesheet" href="/dev/zero">words',
        "<style>@import url(/dev/zero);</style>words",
        '<table background="/dev/zero"><tr><td background="/dev/zero">words</td></tr></table>',
        '<body background="/dev/zero">words</body>',
        'Words\n{: style="background: url(/dev/zero)" }',
        '<span style="font-size: 100000pt">words</span>',
        '<table><tr><td colspan="100000" rowspan="2147483647">words</td></tr></table>',
        '<script>document.write("x")</script>words',
    ],
)
def test_nothing_else_in_the_html_can_load_a_file_or_blow_up_the_layout(tmp_path, markup):
    leaflet = write(tmp_path, markup)
    for word in ("url(", "style", "background", "<link", "<script", "100000", "2147483647"):
        assert word not in leaflet.html.lower()
    assert "words" in shown_text(leaflet).lower()


def test_words_inside_elements_qt_does_not_know_are_kept():
    safe = make_safe("<p><title>Title words</title> <iframe>frame words</iframe></p>", None)
    assert safe.html == "<p>Title words frame words</p>"


def test_an_unclosed_style_that_would_hide_the_rest_is_refused():
    with pytest.raises(LeafletError, match="a <style> is never closed"):
        parse_leaflet("## A\n\n<style>p { color: red }\n\n## B\n\nThe rest.\n")


def test_the_bundled_leaflet_is_unchanged_by_the_rewriting(bundled_leaflet):
    import markdown
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.meta import MetaExtension
    from markdown.extensions.toc import TocExtension

    from kyphoreader.paths import default_leaflet_path

    converter = markdown.Markdown(
        extensions=[MetaExtension(), TocExtension(permalink=False), AttrListExtension()]
    )
    plain = converter.convert(default_leaflet_path().read_text(encoding="utf-8"))
    assert bundled_leaflet.html == plain
