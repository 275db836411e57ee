"""The question set: plain-word questions land on the right section, unanswerable ones on none.

Reads ``tests/data/search_questions.txt`` (written before the search was tuned) and measures
top-1 precision, recall of any expected section, and hits for questions the leaflet does not
answer. Run with ``-s`` to see the figures and each miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kyphoreader.paths import default_leaflet_path
from kyphoreader.search.index import SearchIndex
from kyphoreader.search.synonyms import load_synonyms_for

QUESTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "search_questions.txt"
KINDS = ("question", "phrase", "misspelling", "word", "unanswerable")
MIN_TOP1 = 0.85
MIN_RECALL = 0.95


@dataclass(frozen=True)
class Question:
    kind: str
    query: str
    expected: tuple[str, ...]


def load_questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    questions = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, query, expected = (part.strip() for part in line.split("|"))
        assert kind in KINDS, f"line {number}: unknown kind {kind!r}"
        ids = tuple(part.strip() for part in expected.split(",") if part.strip())
        assert bool(ids) == (kind != "unanswerable"), f"line {number}: {line}"
        questions.append(Question(kind, query, ids))
    return questions


@dataclass
class Figures:
    answerable: int
    top1: int
    recalled: int
    unanswerable: int
    wrong_hits: int
    misses: list[str]

    @property
    def top1_precision(self) -> float:
        return self.top1 / self.answerable

    @property
    def recall(self) -> float:
        return self.recalled / self.answerable

    def report(self) -> str:
        return (
            f"top-1 precision {self.top1_precision:.1%} ({self.top1}/{self.answerable}), "
            f"recall {self.recall:.1%} ({self.recalled}/{self.answerable}), "
            f"unanswerable with hits {self.wrong_hits}/{self.unanswerable}"
        )


def measure(index: SearchIndex, questions: list[Question]) -> Figures:
    figures = Figures(0, 0, 0, 0, 0, [])
    for question in questions:
        found = [group.section_id for group in index.find(question.query).groups]
        if not question.expected:
            figures.unanswerable += 1
            if found:
                figures.wrong_hits += 1
                figures.misses.append(f"unanswerable {question.query!r} found {found[:3]}")
            continue
        figures.answerable += 1
        recalled = bool(set(found) & set(question.expected))
        figures.recalled += recalled
        if found and found[0] in question.expected:
            figures.top1 += 1
        else:
            figures.misses.append(
                f"{question.kind} {question.query!r} first {found[:1]}, want "
                f"{question.expected[0]}{'' if recalled else ' (not listed at all)'}"
            )
    return figures


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return load_questions()


def test_the_question_set_is_big_and_varied(questions, bundled_leaflet):
    assert len(questions) >= 100
    kinds = [q.kind for q in questions]
    assert all(kinds.count(kind) >= 15 for kind in KINDS), kinds
    known = set(bundled_leaflet.section_ids)
    for question in questions:
        assert set(question.expected) <= known, question


def test_plain_questions_land_on_the_right_section(questions, bundled_leaflet):
    index = SearchIndex(bundled_leaflet, load_synonyms_for(default_leaflet_path()))
    figures = measure(index, questions)
    print("\nsearch question set:", figures.report())
    for miss in figures.misses:
        print("  ", miss)
    assert figures.wrong_hits == 0, figures.report()
    assert figures.top1_precision >= MIN_TOP1, figures.report()
    assert figures.recall >= MIN_RECALL, figures.report()
