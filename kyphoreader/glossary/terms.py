"""Read a leaflet's glossary, find its words in the text, and write the "Words explained" list.

Qt-free. The glossary is a TOML file beside the leaflet (``glossary.toml``), one ``[[term]]``
table per word: the word, the forms that stand for it in the text, a plain-English explanation
and its sources (the format is in the README). Words are found in each section's plain text
(``Section.text``) as whole words, ignoring case and accents, longest form first, so "adjacent
vertebral fractures" is one word and not "vertebral" plus "fractures". Spans are in that plain
text; ``core.text.map_span`` maps them onto the rendered document. Explanations are plain text:
everything written from them as HTML is escaped.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from kyphoreader.core.files import FileRefusedError, read_regular_file
from kyphoreader.core.leaflet import Section
from kyphoreader.core.text import Token, fold_text, tokenize

#: File name of the glossary inside a leaflet's folder.
GLOSSARY_FILE = "glossary.toml"
#: A glossary is a few pages of text; anything far bigger is not one.
MAX_GLOSSARY_BYTES = 512 * 1024
#: Longest explanation accepted: one to three short sentences fit easily.
MAX_EXPLANATION_CHARS = 600
#: The keys of one ``[[term]]`` table, all required.
TERM_KEYS = ("term", "forms", "explanation", "sources")

#: Heading, anchor and first line of the printed "Words explained" section.
WORDS_EXPLAINED_HEADING = "Words explained"
WORDS_EXPLAINED_ANCHOR = "words-explained"
WORDS_EXPLAINED_INTRO = (
    "Some words in this copy are explained here in everyday words, from A to Z. "
    "These explanations are not part of the article."
)
#: Said under one explanation on screen (the bubble, search results).
NOT_THE_ARTICLE = "This explanation is not part of the article."

#: What may stand between the words of a form in the text: spaces, hyphens, dashes, commas
#: ("over-the-counter", "randomized, controlled trial"); never a line break or a full stop.
_JOINERS = frozenset(" \t\u00a0,-\u2010\u2011\u2012\u2013\u2014")

#: A question about a word ("what does nonunion mean", "what is a kyphoplasty?"): the word is
#: the group ``words``. Matched against the folded query (lower case, no apostrophes).
_QUESTION = re.compile(
    r"^(?:"
    r"(?:what|whats)(?:\s+(?:is|are|does|do))?(?:\s+meant\s+by)?"
    r"|(?:the\s+)?(?:meaning|definition)\s+of"
    r"|define|explain|tell\s+me\s+about"
    r")\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:word|term|phrase)\s+)?"
    r"(?P<words>.+?)"
    r"(?:\s+(?:mean|means|meaning|definition))?$"
)
_TRAILING_WORDS = re.compile(r"^(?P<words>.+?)\s+(?:mean|means|meaning|definition|defined)$")


class GlossaryError(Exception):
    """A glossary file cannot be used; the one-line message names the file and says why."""


@dataclass(frozen=True)
class Term:
    """One explained word.

    Attributes:
        id: stable identifier made from the word ("bone-cement-polymethylmethacrylate").
        term: the word as the "Words explained" list shows it.
        forms: the words or phrases that stand for it in the leaflet, as written in the file.
        explanation: one to three short sentences of plain text.
        sources: where the meaning can be checked, one plain-text line each.
    """

    id: str
    term: str
    forms: tuple[str, ...]
    explanation: str
    sources: tuple[str, ...]

    @property
    def plain_text(self) -> str:
        """The word and its explanation as one line, for a screen reader or a tooltip."""
        return f"{self.term}: {self.explanation}"


@dataclass(frozen=True)
class Occurrence:
    """Where a term stands in a section's plain text (``Section.text[start:end]``)."""

    term: Term
    section_id: str
    start: int
    end: int


def _words(text: str) -> tuple[str, ...]:
    return tuple(token.folded for token in tokenize(text))


def _sort_key(term: Term) -> tuple[str, str]:
    return (fold_text(term.term), term.term)


def _names_of(term: Term) -> Iterator[str]:
    """Every way a reader may name the term: its forms, its word, and each part of its word.

    A word written as "name (other name)" is also known by each name alone.
    """
    yield from term.forms
    yield term.term
    outside = re.sub(r"\([^)]*\)", " ", term.term)
    if outside.strip() != term.term:
        yield outside
        yield from re.findall(r"\(([^)]*)\)", term.term)


class Glossary:
    """The explained words of one leaflet, in A–Z order, and where they stand in its text.

    An empty glossary (no file beside the leaflet) is valid: it explains nothing.
    """

    def __init__(self, terms: Iterable[Term] = (), source_name: str = "") -> None:
        self.terms: tuple[Term, ...] = tuple(sorted(terms, key=_sort_key))
        self.source_name = source_name
        self._by_id = {term.id: term for term in self.terms}
        # First word of each form -> (all its words, term), longest form first.
        self._forms: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
        self._names: dict[str, Term] = {}
        for term in self.terms:
            for form in term.forms:
                words = _words(form)
                if words:
                    self._forms.setdefault(words[0], []).append((words, term))
            for name in _names_of(term):
                self._names.setdefault(" ".join(_words(name)), term)
        for forms in self._forms.values():
            forms.sort(key=lambda entry: -len(entry[0]))

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def term(self, term_id: str) -> Term | None:
        """Return the term with this id, or None."""
        return self._by_id.get(term_id)

    def find_all(self, text: str, section_id: str = "") -> list[Occurrence]:
        """Every place a term stands in ``text``, in order, none overlapping.

        Whole words only, ignoring case and accents; at each word the longest form that
        matches wins, and the words it covers are not matched again.
        """
        tokens = tokenize(text)
        found: list[Occurrence] = []
        index = 0
        while index < len(tokens):
            for words, term in self._forms.get(tokens[index].folded, ()):
                last = index + len(words) - 1
                if _matches_at(text, tokens, index, words):
                    found.append(
                        Occurrence(term, section_id, tokens[index].start, tokens[last].end)
                    )
                    index = last + 1
                    break
            else:
                index += 1
        return found

    def first_occurrences(self, sections: Iterable[Section]) -> list[Occurrence]:
        """The first place each term stands in each section's own text (not its heading).

        Args:
            sections: the sections to look in, e.g. ``leaflet.walk()``; each section's own
                text only, so pass sub-sections too.

        Returns:
            One occurrence per term per section, in section order and then text order.
        """
        first: list[Occurrence] = []
        for section in sections:
            seen: set[str] = set()
            for occurrence in self.find_all(section.text, section.id):
                if occurrence.term.id not in seen:
                    seen.add(occurrence.term.id)
                    first.append(occurrence)
        return first

    def terms_in(self, sections: Iterable[Section]) -> list[Term]:
        """The terms that stand in these sections, in A–Z order (for "Words explained")."""
        ids = {occurrence.term.id for occurrence in self.first_occurrences(sections)}
        return [term for term in self.terms if term.id in ids]

    def lookup(
        self, query: str, synonyms: Mapping[str, Sequence[str]] | None = None
    ) -> Term | None:
        """The term a search asks about, or None.

        Understands the word itself ("nonunion", "AVFs") and simple questions about it
        ("what does nonunion mean", "what is a kyphoplasty?", "meaning of kyphosis"), and,
        given the leaflet's synonyms, an everyday word for it ("hunchback" -> kyphosis).

        Args:
            query: what the reader typed.
            synonyms: lay word -> leaflet words, as ``search.synonyms.parse_synonyms`` gives.
        """
        phrase = " ".join(_words(query))
        if not phrase:
            return None
        candidates = [phrase, *_asked_about(phrase)]
        for words in candidates:
            term = self._name_lookup(words) or self._synonym_lookup(words, synonyms or {})
            if term is not None:
                return term
        return None

    def _synonym_lookup(self, words: str, synonyms: Mapping[str, Sequence[str]]) -> Term | None:
        for lay, meant in synonyms.items():
            if " ".join(_words(lay)) == words:
                for leaflet_words in meant:
                    term = self._name_lookup(" ".join(_words(leaflet_words)))
                    if term is not None:
                        return term
        return None

    def _name_lookup(self, words: str) -> Term | None:
        term = self._names.get(words)
        if term is None and words.endswith("s"):
            term = self._names.get(words[:-1])
        return term if term is not None else self._names.get(words + "s")


def _asked_about(phrase: str) -> list[str]:
    """The words a folded question may ask the meaning of, most likely first."""
    found = []
    for pattern in (_QUESTION, _TRAILING_WORDS):
        match = pattern.match(phrase)
        if match:
            found.append(match.group("words"))
    return found


def question_subject(query: str) -> str:
    """The words a question asks the meaning of, folded; '' if it is not such a question.

    "What does nonunion mean?" gives "nonunion", "define AVF" gives "avf"; "nonunion" alone
    and "why does my back hurt" give ''.
    """
    asked = _asked_about(" ".join(_words(query)))
    return asked[0] if asked else ""


def _matches_at(text: str, tokens: Sequence[Token], index: int, words: tuple[str, ...]) -> bool:
    """True if ``words`` stand in ``text`` from ``tokens[index]`` on, as one phrase."""
    if index + len(words) > len(tokens):
        return False
    for offset, word in enumerate(words):
        token = tokens[index + offset]
        if token.folded != word:
            return False
        if offset and not all(
            c in _JOINERS for c in text[tokens[index + offset - 1].end : token.start]
        ):
            return False
    return True


# -- reading the file -------------------------------------------------------------------------


def _clean(value: str) -> str:
    """One line of plain text: white space collapsed, control characters dropped."""
    return " ".join("".join(c for c in value if c.isprintable() or c.isspace()).split())


def _slug(text: str) -> str:
    return "-".join(_words(text))


def _string(value: Any, where: str, key: str) -> str:
    text = _clean(value) if isinstance(value, str) else ""
    if not text:
        raise GlossaryError(f"{where}: '{key}' must be some text in quotes")
    return text


def _strings(value: Any, where: str, key: str, example: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise GlossaryError(f"{where}: '{key}' must be a list in brackets, e.g. {key} = {example}")
    items = tuple(_clean(item) if isinstance(item, str) else "" for item in value)
    if not all(items):
        raise GlossaryError(f"{where}: every entry of '{key}' must be some text in quotes")
    return items


def _term_from(raw: Any, where: str) -> Term:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{where}: each term must be a [[term]] table")
    unknown = sorted(set(raw) - set(TERM_KEYS))
    if unknown:
        raise GlossaryError(
            f"{where}: unknown key '{unknown[0]}' (a term has {', '.join(TERM_KEYS)})"
        )
    missing = [key for key in TERM_KEYS if key not in raw]
    if missing:
        raise GlossaryError(f"{where}: missing '{missing[0]}'")
    word = _string(raw["term"], where, "term")
    where = f"{where} ('{word}')"
    forms = _strings(raw["forms"], where, "forms", '["vertebrae", "vertebral"]')
    for form in forms:
        if not _words(form):
            raise GlossaryError(f"{where}: the form '{form}' has no words")
    explanation = _string(raw["explanation"], where, "explanation")
    if len(explanation) > MAX_EXPLANATION_CHARS:
        raise GlossaryError(
            f"{where}: the explanation is {len(explanation)} characters long; "
            f"keep it to one to three short sentences (at most {MAX_EXPLANATION_CHARS})"
        )
    sources = _strings(raw["sources"], where, "sources", '["MedlinePlus: Osteoporosis"]')
    if not _slug(word):
        raise GlossaryError(f"{where}: 'term' has no words")
    return Term(_slug(word), word, forms, explanation, sources)


def parse_glossary(text: str, source_name: str = "<glossary>") -> Glossary:
    """Turn glossary TOML into a Glossary.

    Args:
        text: the whole file.
        source_name: shown in error messages (usually the file path).

    Raises:
        GlossaryError: one line naming the file and the problem: not TOML, a key that is not
            known or is missing, a value of the wrong kind, or a word or form given twice.
    """
    # Imported here: the reader shows its text before it reads a glossary (start-up time).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GlossaryError(
            f"{source_name}: not a valid glossary file ({' '.join(str(error).split())})"
        ) from None
    unknown = sorted(set(data) - {"term"})
    if unknown:
        raise GlossaryError(
            f"{source_name}: unknown key '{unknown[0]}' (a glossary holds only [[term]] tables)"
        )
    raw_terms = data.get("term", [])
    if not isinstance(raw_terms, list):
        raise GlossaryError(f"{source_name}: 'term' must be [[term]] tables")
    terms: list[Term] = []
    owners: dict[str, Term] = {}
    for number, raw in enumerate(raw_terms, start=1):
        term = _term_from(raw, f"{source_name}, term {number}")
        where = f"{source_name}, term {number} ('{term.term}')"
        if any(other.id == term.id for other in terms):
            raise GlossaryError(f"{where}: this term is given twice")
        for name in {term.term, *term.forms}:
            owner = owners.setdefault(" ".join(_words(name)), term)
            if owner is not term:
                raise GlossaryError(f"{where}: '{name}' is already used by '{owner.term}'")
        terms.append(term)
    return Glossary(terms, source_name=source_name)


def load_glossary(path: str | Path) -> Glossary:
    """Read and parse a glossary file.

    Raises:
        GlossaryError: one line naming the file and the problem (missing, a folder, a pipe
            or device, unreadable, too large, not UTF-8 text, or not a valid glossary).
    """
    path = Path(path)
    name = str(path)
    try:
        # Only an ordinary file, never a pipe (which would make the reader wait) or a device.
        data = read_regular_file(path, MAX_GLOSSARY_BYTES)
    except FileNotFoundError:
        raise GlossaryError(f"{name}: no such file") from None
    except FileRefusedError as error:
        raise GlossaryError(f"{name}: {error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryError(
            f"{name}: the file is not UTF-8 text (bad byte at position {error.start}); "
            "save it as UTF-8 and try again"
        ) from None
    return parse_glossary(text, source_name=name)


def load_glossary_for(leaflet_path: str | Path) -> Glossary:
    """Load the glossary kept beside a leaflet file; a leaflet without one has no terms.

    Raises:
        GlossaryError: if the file exists but cannot be read or is not a valid glossary.
    """
    path = Path(leaflet_path).with_name(GLOSSARY_FILE)
    if not path.exists():
        return Glossary()
    return load_glossary(path)


# -- "Words explained" ------------------------------------------------------------------------


def _in_order(terms: Iterable[Term]) -> list[Term]:
    unique = {term.id: term for term in terms}
    return sorted(unique.values(), key=_sort_key)


def words_explained_html(terms: Iterable[Term]) -> str:
    """The printed "Words explained" section for these terms, A–Z; "" when there are none.

    Follows the large-print rules: a level-2 heading, left aligned (no alignment set), each
    word in bold, no italics and no underline. All text is escaped.
    """
    ordered = _in_order(terms)
    if not ordered:
        return ""
    parts = [
        f'<h2 id="{WORDS_EXPLAINED_ANCHOR}">{escape(WORDS_EXPLAINED_HEADING)}</h2>',
        f"<p>{escape(WORDS_EXPLAINED_INTRO)}</p>",
    ]
    parts.extend(
        f"<p><b>{escape(term.term)}:</b> {escape(term.explanation)}</p>" for term in ordered
    )
    return "\n".join(parts)


def words_explained_text(terms: Iterable[Term]) -> str:
    """The same section as plain text, one line per word (for screen readers and tests)."""
    ordered = _in_order(terms)
    if not ordered:
        return ""
    lines = [WORDS_EXPLAINED_HEADING, WORDS_EXPLAINED_INTRO]
    lines.extend(term.plain_text for term in ordered)
    return "\n".join(lines)
