"""The source article, split the way the fidelity tests need it (test helper, not a test)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ARTICLE_PATH = Path(__file__).resolve().parent / "data" / "source_article.txt"
#: The first key-point line that the leaflet leaves out (and every line after it).
FIRST_OMITTED_KEY_POINT = "mindfulness"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_REFERENCE = re.compile(r"(\[\d+\] .*?)(?=\s\[\d+\] |\Z)")


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: list[str]
    references: list[str]
    key_points: list[str]

    @property
    def kept_key_points(self) -> list[str]:
        index = next(i for i, p in enumerate(self.key_points) if FIRST_OMITTED_KEY_POINT in p)
        return self.key_points[:index]

    @property
    def omitted_key_points(self) -> list[str]:
        return self.key_points[len(self.kept_key_points) :]

    @property
    def sentences(self) -> list[str]:
        return [s for paragraph in self.paragraphs for s in split_sentences(paragraph)]


def split_sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def load_article(path: Path = ARTICLE_PATH) -> Article:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title = lines[0]
    ref_index = next(i for i, line in enumerate(lines) if line.startswith("References:"))
    paragraphs = lines[1:ref_index]
    references = _REFERENCE.findall(lines[ref_index].removeprefix("References:").strip())
    key_points = [line[2:] for line in lines[ref_index + 1 :] if line.startswith("- ")]
    return Article(title, paragraphs, references, key_points)


def normalise(text: str) -> str:
    return " ".join(text.split())


def missing_in_order(needles: list[str], haystack: str) -> list[str]:
    """Return the needles not found in ``haystack`` in the given order (empty: all found)."""
    missing, position = [], 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(needle)
        else:
            position = found + len(needle)
    return missing
