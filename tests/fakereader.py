"""A stand-in for the reading pane's highlight API, for read-aloud tests."""

from __future__ import annotations

from kyphoreader.core.text import map_span
from kyphoreader.readaloud.controller import SENTENCE_LAYER
from kyphoreader.readaloud.script import FRONT_MATTER, PART_FRONT, PART_HEADING, front_matter_text


class FakeReader:
    """A stand-in for the reading pane: a plain-text "document" and the layers drawn on it."""

    def __init__(self, leaflet):
        self.leaflet = leaflet
        self.parts = {}
        text = front_matter_text(leaflet) + "\n"
        self.parts[(FRONT_MATTER, PART_FRONT)] = (0, text)
        for section in leaflet.walk():
            self.parts[(section.id, PART_HEADING)] = (len(text), section.heading)
            text += section.heading + "\n"
            self.parts[(section.id, "text")] = (len(text), section.text)
            text += section.text + "\n"
        self.text = text
        self.layers = {}
        self.formats = {}
        self.visible = []
        self.top = 0

    def document_span(self, section_id, start, end, heading=False):
        part = PART_FRONT if section_id == FRONT_MATTER else PART_HEADING if heading else "text"
        offset, source = self.parts[(section_id, part)]
        mapped = map_span(source, source, start, end)
        return None if mapped is None else (offset + mapped[0], offset + mapped[1])

    def set_layer(self, name, spans, current=-1):
        self.layers[name] = list(spans)

    def clear_layer(self, name):
        self.layers.pop(name, None)

    def set_layer_format(self, name, text_format):
        self.formats[name] = text_format

    def ensure_visible(self, start, end=None):
        self.visible.append((start, end))

    def top_position(self):
        return self.top

    def marked(self):
        spans = self.layers.get(SENTENCE_LAYER, [])
        return [self.text[start:end] for start, end in spans]
