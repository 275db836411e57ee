"""Plain-text handling shared by search, read aloud and the glossary: fold, tokenise, split.

Qt-free. Text is handled as the leaflet model gives it (each section's plain text); a span of
that text is mapped to the rendered document by ``map_span``, which matches the two strings
character by character while ignoring differences in white space (the rendered document puts
bullets, line breaks and paragraph separators where the plain text has its own).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from dataclasses import dataclass

_WORD = re.compile(r"[\w'\u2018\u2019\u02bc]+")
_APOSTROPHES = str.maketrans("", "", "'\u2018\u2019\u02bc`")
#: Curly and angled quotation marks, folded to the plain double quote.
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
#: Hyphens and dashes of every kind, folded to a space so "post-kyphoplasty" is two words.
_DASHES = str.maketrans({c: " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})

#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset("e.g i.e etc vs al dr mr mrs ms prof st no fig approx ca cf".split())
#: A sentence ends at . ! or ? (and any closing quotes or brackets), then space.
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?:\s*\[\d+(?:[,\u2013-]\s*\d+)*\])*(?=\s|$)"
)


def fold(word: str) -> str:
    """Fold a word for matching: no case, accents or apostrophes ("Café's" -> "cafes")."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def fold_text(text: str) -> str:
    """Fold running text: words folded, hyphens and dashes made spaces, quotes made plain."""
    return " ".join(fold(w) for w in text.translate(QUOTES).translate(_DASHES).split())


def words_of(text: str) -> list[str]:
    """The words of ``text`` as written (apostrophes kept inside words)."""
    return _WORD.findall(text)


#: English endings that make another form of a word ("fracture" -> "fractures", "leak" ->
#: "leakage", "spine" -> "spinal"), longest first so that the most is taken off.
WORD_ENDINGS = tuple(
    sorted(
        "s es ed d ing er ers est ly al age ion ions ment ments ness ful ity ive".split(),
        key=len,
        reverse=True,
    )
)


def is_word_form(base: str, word: str) -> bool:
    """True if folded ``word`` is folded ``base`` or a form of it made with an English ending.

    Besides plain endings ("risk" -> "risks", "leak" -> "leakage") this allows a doubled last
    letter ("swim" -> "swimming"), a dropped final e ("exercise" -> "exercising", "spine" ->
    "spinal") and y turned into ies or ied ("study" -> "studies"). It does not allow any
    other continuation, so "common" is not a form of "communication".
    """
    if word == base:
        return True
    if len(base) < 3:
        return False
    if word.startswith(base):
        rest = word[len(base) :]
        return rest in WORD_ENDINGS or (rest[0] == base[-1] and rest[1:] in WORD_ENDINGS)
    if len(base) >= 4 and base[-1] in "ey" and word.startswith(base[:-1]):
        rest = word[len(base) - 1 :]
        if base[-1] == "e":
            return rest in WORD_ENDINGS and rest[0] not in "s"
        return rest in ("ies", "ied")
    return False


def base_forms(word: str) -> list[str]:
    """Words that folded ``word`` may be a form of, by taking one English ending off.

    "exercising" gives "exercis" and "exercise", "swimming" gives "swimm" and "swim", "studies"
    gives "study". Each base is at least three letters; ``word`` itself is not included.
    """
    bases: list[str] = []
    for ending in WORD_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        base = word[: -len(ending)]
        candidates = [base] if base.endswith("e") else [base, base + "e"]
        if len(base) >= 4 and base[-1] == base[-2]:
            candidates.append(base[:-1])
        if ending in ("es", "ed") and base.endswith("i"):
            candidates.append(base[:-1] + "y")
        for candidate in candidates:
            if candidate not in bases and candidate != word and is_word_form(candidate, word):
                bases.append(candidate)
    return bases


@dataclass(frozen=True)
class Token:
    """A word of a text: its folded form, where it is, and which line it is on."""

    folded: str
    start: int
    end: int
    line: int


def tokenize(text: str) -> list[Token]:
    """Split text into words; hyphens, dashes and punctuation separate words."""
    tokens = []
    line = 0
    last = 0
    for match in _WORD.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        folded = fold(match.group())
        if folded:
            tokens.append(Token(folded, match.start(), match.end(), line))
    return tokens


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: where it starts and ends, and its words as written."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split plain text into sentences, keeping each sentence's exact place in ``text``.

    A sentence ends at a full stop, question or exclamation mark followed by space (with any
    closing quote, bracket or citation such as "[1]" kept in it), or at a line break, since
    list items and headings end without punctuation. Abbreviations such as "e.g." and decimal
    numbers do not end a sentence.
    """
    sentences: list[Sentence] = []
    for line_start, line in _lines(text):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            end = match.end()
            if _is_abbreviation(line, match.start()):
                continue
            _add_sentence(sentences, text, line_start + start, line_start + end)
            start = end
        _add_sentence(sentences, text, line_start + start, line_start + len(line))
    return sentences


def _lines(text: str) -> list[tuple[int, str]]:
    lines = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    return lines


def _is_abbreviation(line: str, stop: int) -> bool:
    word = re.search(r"([\w.]+)$", line[:stop])
    if word is None:
        return False
    before = word.group(1).lower().rstrip(".")
    return before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha())


def _add_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(c.isalnum() for c in text[start:end]):
        sentences.append(Sentence(start, end, text[start:end]))


def map_span(source: str, target: str, start: int, end: int) -> tuple[int, int] | None:
    """Map ``source[start:end]`` to the same characters in ``target``, ignoring white space.

    ``target`` is the same text as ``source`` laid out differently (the rendered document's
    plain text of a section, say): non-space characters must appear in the same order, apart
    from characters the target adds (bullets, object-replacement characters), which are
    skipped. Returns the (start, end) in ``target``, or None if the span cannot be found.
    """
    if not 0 <= start < end <= len(source):
        return None
    positions, matched = _match(source, target)
    if matched < end:
        return None  # a character before ``end`` has no place in the target
    inside = [i for i in range(start, end) if positions[i] >= 0]
    if not inside:
        return None
    return positions[inside[0]], positions[inside[-1]] + 1


@functools.lru_cache(maxsize=128)
def _match(source: str, target: str) -> tuple[array, int]:
    """Where each character of ``source`` stands in ``target`` (-1 for white space).

    Walks both strings once from their starts, as every span of the pair would; spans of the
    same section (a glossary marks dozens) then cost a look-up instead of a walk each. Also
    returns how far the walk got: every character before it has a place in ``target``. (An
    array of machine integers: kept for every section, Python integers would take megabytes.)
    """
    positions = array("q", [-1]) * len(source)
    ti = 0
    for si, char in enumerate(source):
        if char.isspace():
            continue
        while ti < len(target) and (target[ti].isspace() or target[ti] != char):
            if not target[ti].isspace() and not _is_layout_character(target[ti]):
                return positions, si
            ti += 1
        if ti >= len(target):
            return positions, si
        positions[si] = ti
        ti += 1
    return positions, len(source)


def _is_layout_character(char: str) -> bool:
    """Characters a rendered document adds that the plain text does not hold."""
    return char in "\u2022\ufffc\u2029\u2028\u00a0\u200b" or unicodedata.category(char) == "Cf"
