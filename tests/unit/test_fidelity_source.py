"""The leaflet file keeps the article's words: checked on the Markdown source, without Qt.

The same check on the text the reader widget shows is in tests/gui/test_reader_text.py.
"""

from __future__ import annotations

import re

from article import load_article, missing_in_order, normalise

from kyphoreader.paths import resource_path


def test_article_copy_has_ten_paragraphs_nine_references_and_key_points():
    article = load_article()
    assert article.title == "Kyphoplasty-induced Back Pain: Origins and Remedies"
    assert len(article.paragraphs) == 10
    assert len(article.references) == 9
    assert len(article.key_points) == 30
    assert len(article.kept_key_points) == 20
    assert article.omitted_key_points[0].startswith("In the realm of mental health, mindfulness")


def test_every_kept_sentence_is_in_the_leaflet_plain_text(bundled_leaflet):
    article = load_article()
    text = normalise("\n".join(s.text for s in bundled_leaflet.walk()))
    assert missing_in_order(article.sentences, text) == []
    assert missing_in_order(article.kept_key_points, text) == []
    assert missing_in_order(article.references, text) == []


def test_no_omitted_key_point_is_in_the_leaflet(bundled_leaflet):
    text = normalise("\n".join(s.text for s in bundled_leaflet.walk()))
    for line in load_article().omitted_key_points:
        assert line not in text


def test_every_omitted_line_is_in_the_editorial_record_word_for_word():
    record = resource_path("leaflets/kyphoplasty/EDITORIAL.md").read_text(encoding="utf-8")
    omitted_in_record = {
        normalise(line) for line, _reason in re.findall(r"^\| (.+?) \| (.+?) \|$", record, re.M)
    }
    for line in load_article().omitted_key_points:
        assert line in omitted_in_record, line


def test_every_citation_links_to_its_reference(bundled_leaflet):
    body = bundled_leaflet.html
    cited = re.findall(r'<a href="#ref-(\d+)">\[(\d+)\]</a>', body)
    assert cited, "citations must be links"
    assert all(target == shown for target, shown in cited)
    assert {int(n) for n, _ in cited} == set(range(1, 10))
    for number in range(1, 10):
        assert f'<p id="ref-{number}">[{number}] ' in body
