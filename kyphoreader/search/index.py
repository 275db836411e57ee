"""Search a leaflet the way readers type: questions, lay words, typos and sound-alike spellings.

Plain Python, built once per leaflet. A query gives sections ranked best first, each with its
hits; each hit names its section, which occurrence of the matched text it is within that
section, and a snippet. Hits are never identified by a character offset into rendered text,
which would not survive rendering.

How a query is read:
- Question and function words ("why", "I", "will", "still") are not required; they only help
  to rank (a heading such as "Why can back pain continue?" answers a "why" question).
- Every other word must be in a section, in any of its forms ("risk" finds "risks"). When no
  section holds them all, sections are ranked by how many and how rare the words they hold
  are (BM25), and the result says so. A word the leaflet does not have at all, or only words
  found all over the leaflet ("kyphoplasty"), never makes a result on its own: a question
  about driving finds nothing rather than every section that says "kyphoplasty".
- A word the leaflet does not know is corrected to the nearest leaflet word by typing
  mistakes (edit distance) or, failing that, by sound (Metaphone), and the result says so.
- Lay words and phrases are also searched as the leaflet's words (the leaflet's synonyms).
- Headings and the leaflet's own sections rank above the reference list.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA

from kyphoreader.core.leaflet import Leaflet
from kyphoreader.core.text import (
    QUOTES,
    Token,
    base_forms,
    fold,
    is_word_form,
    split_sentences,
    tokenize,
    words_of,
)

#: Only the first this-many characters of a query are searched (a pasted essay stays fast).
MAX_QUERY_CHARS = 200
#: Only the first this-many terms of a query are used.
MAX_TERMS = 8
#: Words shorter than this match only whole words, not as the start of a longer word.
MIN_PREFIX_LENGTH = 3
#: Characters of context on each side of a match in a snippet (a snippet is about 70 long).
SNIPPET_CONTEXT = 30
#: How many terms' matches are remembered between keystrokes.
SPAN_CACHE_SIZE = 64
#: A result line shows at most about this many characters of its sentence.
PLACE_LENGTH = 110

#: Words that give a question its shape rather than its subject: pronouns, articles,
#: auxiliaries, prepositions, conjunctions, question words, everyday adverbs, light verbs
#: ("go", "take") and judging words ("good", "worse"). They are not required to match;
#: found in a heading they help to rank. A query of nothing else searches for them.
FUNCTION_WORDS = frozenset(
    """
    i me my mine myself we us our ours you your yours he him his she her hers it its itself
    they them their theirs this that these those there here someone something anything
    a an the some any all each every no none much many more most few lot lots such own other
    others else
    am is are was were be been being do does did doing have has had having will would shall
    should can could may might must ought cannot cant wont dont doesnt isnt im ive id ill
    about above across after against along among around at before behind below beside
    between beyond by during for from in inside into near of off on onto out outside since
    through to toward towards under until up upon via with within without
    and or but if because so than then as while though although whether nor
    what which who whom whose when where why how
    not very too also just still again ever even only really already yet now soon away
    always never often sometimes usually quite rather please perhaps maybe
    get gets getting got go goes going gone went make makes making made take takes taking
    took put puts come comes coming came happen happens happened happening want wants know
    tell say said show shows showed shown ask let see seen think feel feels find keep keeps
    give gives try matter matters help helps helped helping
    thing things stuff way ways kind sort
    good bad ok okay fine normal better best worse worst right wrong sure true
    """.split()
)

#: Question words: a heading asking the same question, about the same subject, ranks higher.
QUESTION_WORDS = frozenset("what which who whom whose when where why how".split())

#: Question phrases that ask for a kind of answer rather than a subject.
QUANTITY, DURATION = "quantity", "duration"
ANSWER_TYPES = {
    ("how", "many"): QUANTITY,
    ("how", "often"): QUANTITY,
    ("how", "common"): QUANTITY,
    ("what", "percentage"): QUANTITY,
    ("what", "proportion"): QUANTITY,
    ("how", "long"): DURATION,
    ("how", "soon"): DURATION,
}
#: Words that answer "how many" (besides numbers) and "how long".
QUANTITY_WORDS = frozenset(
    "half third thirds quarter fifth fifths tenth percent percentage".split()
)
DURATION_WORDS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "overnight night nights".split()
)

#: Headings of the reference list (folded); matches there rank below the leaflet's own text.
REFERENCE_HEADINGS = frozenset({"references", "reference list", "bibliography", "sources"})

#: How much more a word counts in a heading than in running text.
HEADING_WEIGHT = 3.0
#: How much a word found only through a synonym counts, against the reader's own word.
SYNONYM_WEIGHT = 0.6
#: How much a question word counts in a heading that also holds a subject word of the query.
FUNCTION_WEIGHT = 0.5
#: Bonus for two neighbouring query words found next to each other, against one word.
PHRASE_WEIGHT = 0.5
#: BM25's term-frequency saturation and length normalisation.
BM25_K1, BM25_B = 1.2, 0.75

CONTENT, FUNCTION, ANSWER = "content", "function", "answer"
_BY_HEADING, _BY_ORDER, _BY_SCORE = "heading", "order", "score"
EXACT, FORMS, PREFIX = "exact", "forms", "prefix"


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between a and b, or ``limit + 1`` if it is larger."""
    distance = OSA.distance(a, b, score_cutoff=limit)
    return distance if distance <= limit else limit + 1


def allowed_typos(word: str) -> int:
    """How many typing mistakes a word may have: 1 for 4 to 7 letters, 2 for longer, else 0."""
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


def allowed_sound_changes(word: str) -> int:
    """How many letters a word spelt by sound may differ by: a third of them."""
    return len(word) // 3


def sounds_like(word: str) -> str:
    """A code for how a folded word sounds (Metaphone): "kifoplasty" and "kyphoplasty" agree."""
    return jellyfish.metaphone(word) if word.isalpha() else ""


@dataclass(frozen=True)
class Pattern:
    """One way a term can match: a run of consecutive words on one line.

    Attributes:
        words: the folded words.
        last: how the last word matches: ``exact``, ``forms`` (any form of it, "risk" ->
            "risks") or ``prefix`` (any word starting with it, while it is being typed).
        weight: how much a match counts (less for a synonym than for the reader's own word).
        own: True for the reader's own word, False for a synonym's.
    """

    words: tuple[str, ...]
    last: str = EXACT
    weight: float = 1.0
    own: bool = True

    def matches_last(self, folded: str) -> bool:
        """True if ``folded`` matches the pattern's last word."""
        word = self.words[-1]
        if self.last == PREFIX:
            return folded.startswith(word)
        if self.last == FORMS:
            return is_word_form(word, folded)
        return folded == word

    def matches_at(self, tokens: list[Token], index: int) -> bool:
        """True if the pattern matches the tokens starting at ``index`` (on one line)."""
        if index + len(self.words) > len(tokens):
            return False
        line = tokens[index].line
        for offset, word in enumerate(self.words):
            token = tokens[index + offset]
            if token.line != line:
                return False
            if offset == len(self.words) - 1:
                return self.matches_last(token.folded)
            if token.folded != word:
                return False
        return True


@dataclass
class Term:
    """One thing the query asks for; any of its patterns may match.

    Attributes:
        text: the term as typed.
        patterns: the ways it can match.
        kind: ``content`` (a subject word: required), ``function`` (helps to rank only) or
            ``answer`` (a question such as "how many", matching the kind of answer).
    """

    text: str
    patterns: list[Pattern]
    kind: str = CONTENT


@dataclass(frozen=True, slots=True)
class Hit:
    """One match, identified by section and occurrence, never by an offset into rendered text.

    Attributes:
        section_id: the section the match is in.
        section_heading: that section's heading.
        match_text: the matched text exactly as it appears in the section.
        occurrence: 0 for the first appearance of ``match_text`` in the section's searchable
            text (heading, then body), 1 for the second, and so on.
        term: the query term that matched.
        before, after: the snippet around the match (with "…" where it was cut).
    """

    section_id: str
    section_heading: str
    match_text: str
    occurrence: int
    term: str
    # The section's text and where the match is in it, for the snippet (made on demand:
    # a search of a long leaflet has thousands of hits, and a list shows a few hundred).
    _text: str = field(repr=False, compare=False)
    _start: int = field(repr=False, compare=False)
    _end: int = field(repr=False, compare=False)

    @property
    def before(self) -> str:
        """The snippet before the match (with "…" where it was cut)."""
        return _snippet_before(self._text, self._start)

    @property
    def after(self) -> str:
        """The snippet after the match (with "…" where it was cut)."""
        return _snippet_after(self._text, self._end)

    @property
    def snippet(self) -> str:
        """The snippet as plain text."""
        return f"{self.before}{self.match_text}{self.after}"


@dataclass(frozen=True)
class Place:
    """One place in a section where the query matched: its heading, or one sentence.

    A result list shows one line per place, with every matched word of it, so a sentence
    holding three of the words is listed once, not three times.

    Attributes:
        hits: indexes into the section's ``SectionHits.hits`` of the matches here (and in
            the places that read the same), in order.
        segments: the snippet as (text, is_match) pieces, every match included.
        words: the matched words as written, each once.
        repeats: how many more places in the section read exactly the same (listed once).
        whole: the whole sentence as (text, is_match) pieces, for when the snippet alone
            reads the same as another place's.
    """

    hits: tuple[int, ...]
    segments: tuple[tuple[str, bool], ...]
    words: tuple[str, ...]
    repeats: int = 0
    whole: tuple[tuple[str, bool], ...] = field(default=(), repr=False, compare=False)

    def widened(self) -> Place:
        """The same place, its snippet the whole sentence."""
        return Place(self.hits, self.whole or self.segments, self.words, self.repeats, self.whole)

    @property
    def snippet(self) -> str:
        """The snippet as plain text."""
        return "".join(text for text, _match in self.segments)


@dataclass
class SectionHits:
    """The hits in one section, in reading order, and the places they are in.

    Attributes:
        is_reference: True for the reference list (shown as "found only in the reference
            list" when nothing else matched).
    """

    section_id: str
    heading: str
    hits: list[Hit]
    is_reference: bool = False
    # Makes the places on first use (a long result is rarely listed in full).
    _make_places: Callable[[], list[Place]] | None = field(default=None, repr=False, compare=False)
    _places: list[Place] | None = field(default=None, repr=False, compare=False)

    @property
    def places(self) -> list[Place]:
        """The places of the hits: one per sentence (or heading) holding any, in order."""
        if self._places is None:
            self._places = self._make_places() if self._make_places else []
        return self._places


#: Said when no section holds every word of the query.
RELAXED_NOTE = "No section has all your words; these have most of them."
#: Said when the only matches are in the reference list.
REFERENCES_ONLY_NOTE = "Found only in the reference list."


@dataclass
class SearchResult:
    """What a query found: hits grouped by section, best section first.

    Attributes:
        corrections: each misspelt word as typed -> the leaflet word searched instead.
        synonyms_used: each lay word or phrase as typed -> the leaflet words also searched.
        relaxed: True when no section has every word, so sections with most are shown.
        searched_for: the query as searched (corrections made), for "Showing results for".
        not_found: subject words the leaflet does not have, as typed.
    """

    query: str
    groups: list[SectionHits] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    synonyms_used: dict[str, list[str]] = field(default_factory=dict)
    relaxed: bool = False
    searched_for: str = ""
    not_found: list[str] = field(default_factory=list)

    @property
    def hits(self) -> list[Hit]:
        """Every hit, best section first, each section's hits in reading order."""
        return [hit for group in self.groups for hit in group.hits]

    @property
    def is_empty_query(self) -> bool:
        """True when nothing but spaces was typed."""
        return not self.query.strip()

    @property
    def only_references(self) -> bool:
        """True when something was found, but only in the reference list."""
        return bool(self.groups) and all(group.is_reference for group in self.groups)

    @property
    def showing_for(self) -> str:
        """The line "Showing results for …" when the query was corrected or relaxed, else ""."""
        if not self.groups or not (self.corrections or self.relaxed):
            return ""
        line = f"Showing results for {self.searched_for}."
        return f"{line} {RELAXED_NOTE}" if self.relaxed else line

    @property
    def message(self) -> str:
        """A plain sentence about the result; empty when there is nothing to say."""
        if self.is_empty_query:
            return ""
        if not self.groups:
            shown = _shorten(" ".join(self.query.split()), 40)
            missing = ""
            if 0 < len(self.not_found) <= 3:
                words = ", ".join(f"“{_shorten(word, 20)}”" for word in self.not_found)
                missing = f" The leaflet does not mention {words}."
            return (
                f"No matches for “{shown}”.{missing} Try another word, "
                "or choose a section from the Contents."
            )
        parts = [self.showing_for] if self.showing_for else []
        for lay, meant in self.synonyms_used.items():
            parts.append(f"“{lay}” also finds " + ", ".join(f"“{m}”" for m in meant) + ".")
        if self.only_references:
            parts.append(REFERENCES_ONLY_NOTE)
        return " ".join(parts)

    def places(self, limit: int | None = None) -> list[tuple[int, SectionHits, Place]]:
        """The places to list, best section first, never the same snippet twice.

        A snippet that reads the same as one listed before (the same words in another
        section, cut the same way) is shown as its whole sentence.

        Args:
            limit: list at most this many places (a long result is rarely listed in full).

        Returns:
            (index in ``hits`` of the place's first hit, its section's group, the place).
        """
        rows: list[tuple[int, SectionHits, Place]] = []
        seen: set[str] = set()
        start = 0
        for group in self.groups:
            for place in group.places:
                if limit is not None and len(rows) >= limit:
                    return rows
                if place.snippet in seen and place.widened().snippet not in seen:
                    place = place.widened()
                seen.add(place.snippet)
                rows.append((start + place.hits[0], group, place))
            start += len(group.hits)
        return rows


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, without control or invisible format characters."""
    text = "".join(c for c in text if c.isprintable() or c == " ")
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass
class _IndexedSection:
    section_id: str
    heading: str
    text: str
    tokens: list[Token]
    heading_tokens: int
    is_reference: bool
    _sentence_starts: list[int] | None = None
    _sentence_ends: list[int] | None = None

    def sentence_of(self, position: int) -> tuple[int, int]:
        """The (start, end) of the sentence (or heading) holding character ``position``."""
        if self._sentence_starts is None:
            sentences = split_sentences(self.text)
            self._sentence_starts = [s.start for s in sentences]
            self._sentence_ends = [s.end for s in sentences]
        assert self._sentence_ends is not None
        number = bisect_right(self._sentence_starts, position) - 1
        if number < 0:
            return (0, len(self.text))
        return (self._sentence_starts[number], self._sentence_ends[number])


@dataclass
class _Unit:
    """One piece of a query between spaces, before it becomes a term."""

    text: str
    folded: tuple[str, ...]
    typing: bool = False  # the last piece, still being typed

    @property
    def is_function(self) -> bool:
        return all(word in FUNCTION_WORDS for word in self.folded)


#: A match of a term: (first token, last token, weight, counts in the heading).
_Span = tuple[int, int, float, bool]


def _parse_query(query: str) -> tuple[list[tuple[str, bool]], bool]:
    """Split a query into (text, is_quoted_phrase) chunks, quotes of any kind.

    Returns:
        The chunks, and whether the last one is still being typed (no space after it).
    """
    query = query[:MAX_QUERY_CHARS].translate(QUOTES)
    chunks: list[tuple[str, bool]] = []
    for index, part in enumerate(query.split('"')):
        if index % 2 == 1:
            if part.strip():
                chunks.append((part.strip(), True))
        else:
            chunks.extend((word, False) for word in part.split())
    typing = bool(chunks) and not chunks[-1][1] and not query[-1:].isspace()
    return chunks, typing


class SearchIndex:
    """The words of one leaflet, ready to be searched many times (once per keystroke)."""

    def __init__(self, leaflet: Leaflet, synonyms: dict[str, list[str]] | None = None) -> None:
        self._sections = []
        for section in leaflet.walk():
            text = f"{section.heading}\n{section.text}"
            tokens = tokenize(text)
            self._sections.append(
                _IndexedSection(
                    section.id,
                    section.heading,
                    text,
                    tokens,
                    heading_tokens=sum(1 for t in tokens if t.line == 0),
                    is_reference=" ".join(t.folded for t in tokenize(section.heading))
                    in REFERENCE_HEADINGS,
                )
            )
        self._own_sections = sum(1 for s in self._sections if not s.is_reference)
        self._average_length = max(
            1.0, sum(len(s.tokens) for s in self._sections) / max(1, len(self._sections))
        )
        # Where each word occurs: word -> [(section number, token number), ...], so a query
        # looks only at the places its words are, not at every word of the leaflet.
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for number, section in enumerate(self._sections):
            for position, token in enumerate(section.tokens):
                self._postings.setdefault(token.folded, []).append((number, position))
        self.vocabulary = sorted(self._postings)
        self._vocabulary_set = frozenset(self.vocabulary)
        self._title_words = frozenset(t.folded for t in tokenize(leaflet.title))
        self._synonyms: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self._shown_targets: dict[tuple[str, ...], str] = {}  # as written in the synonym file
        for key, targets in (synonyms or {}).items():
            folded_key = tuple(fold(w) for w in words_of(key))
            if folded_key:
                self._synonyms[folded_key] = []
                for target in targets:
                    folded_target = tuple(fold(w) for w in words_of(target))
                    if folded_target:
                        self._synonyms[folded_key].append(folded_target)
                        self._shown_targets.setdefault(folded_target, target)
        self._synonyms.pop((), None)
        # The same phrases without their function words, so "blood clot in my lung" finds
        # the rule for "blood clot in the lung".
        self._content_synonyms: dict[tuple[str, ...], tuple[str, ...]] = {}
        for key in self._synonyms:
            content = tuple(w for w in key if w not in FUNCTION_WORDS)
            if len(content) > 1 and content != key:
                self._content_synonyms.setdefault(content, key)
        self._longest_synonym = max((len(k) for k in self._synonyms), default=0)
        synonym_words = {w for key in self._synonyms for w in key}
        # Words a misspelling may be corrected to: the leaflet's and the synonyms' words.
        self._spelling = sorted(
            w
            for w in self._vocabulary_set | synonym_words
            if len(w) >= 3 and w.isalpha() and w not in FUNCTION_WORDS
        )
        self._sounds: dict[str, list[str]] = {}
        for word in self._spelling:
            for form in (word, *base_forms(word)):
                code = sounds_like(form)
                if code and word not in self._sounds.get(code, []):
                    self._sounds.setdefault(code, []).append(word)
        self._synonym_words = frozenset(synonym_words)
        self._span_cache: dict[tuple[str, tuple[Pattern, ...]], dict[int, list[_Span]]] = {}
        self._answer_words = frozenset(w for key in ANSWER_TYPES for w in key)
        # Where the answers to "how many" (a number such as "21.7", not a citation such as
        # "[1]") and "how long" (a time) are: kind -> section number -> (first, last) tokens.
        self._answers: dict[str, dict[int, list[tuple[int, int]]]] = {QUANTITY: {}, DURATION: {}}
        for number, section in enumerate(self._sections):
            tokens = section.tokens
            for position, token in enumerate(tokens):
                kind = _answer_kind(section.text, token)
                if not kind:
                    continue
                places = self._answers[kind].setdefault(number, [])
                if kind == QUANTITY and places and _is_decimal_part(section.text, tokens, position):
                    places[-1] = (places[-1][0], position)  # "21.7" is one number
                else:
                    places.append((position, position))

    # -- reading the query -------------------------------------------------------------------

    def _words_starting(self, prefix: str) -> list[str]:
        """Every word of the leaflet that starts with ``prefix`` (binary search)."""
        first = bisect_left(self.vocabulary, prefix)
        last = first
        while last < len(self.vocabulary) and self.vocabulary[last].startswith(prefix):
            last += 1
        return self.vocabulary[first:last]

    def _forms(self, word: str) -> list[str]:
        """Every word of the leaflet that is a form of ``word`` ("risk" -> "risk", "risks")."""
        stem = word[:-1] if len(word) >= 4 and word[-1] in "ey" else word
        return [w for w in self._words_starting(stem) if is_word_form(word, w)]

    def _word_patterns(self, word: str, typing: bool) -> list[Pattern]:
        """How one word of the reader's may match: its forms, or as a prefix while typing."""
        if typing and len(word) >= MIN_PREFIX_LENGTH and self._words_starting(word):
            # Any word it starts, and its other forms ("spine" also finds "spinal").
            return [Pattern((word,), PREFIX), Pattern((word,), FORMS)]
        if len(word) < MIN_PREFIX_LENGTH or not word.isalpha():
            return [Pattern((word,))]
        patterns = [Pattern((word,), FORMS)] if self._forms(word) else []
        for base in base_forms(word):
            if base in self._vocabulary_set or (not patterns and self._forms(base)):
                patterns.append(Pattern((base,), FORMS))
        return patterns or [Pattern((word,), FORMS)]

    def _is_known(self, word: str, typing: bool) -> bool:
        if word in FUNCTION_WORDS or word in self._synonym_words or not word.isalpha():
            return True
        if word in self._answer_words:
            return True
        if typing and len(word) >= MIN_PREFIX_LENGTH and self._words_starting(word):
            return True
        if word in self._vocabulary_set:
            return True
        # Forms that only add an ending ("infection" -> "infections"); a changed last letter
        # ("vertebre" -> "vertebral") is more likely a slip, so it goes to spelling first.
        if len(word) >= 3 and any(w.startswith(word) for w in self._forms(word)):
            return True
        return any(self._forms(base) for base in base_forms(word))

    def _correct(self, word: str) -> str:
        """The leaflet word ``word`` was probably meant to be, or "" if there is none.

        First by typing mistakes (keeping the first letter, which people rarely get wrong),
        then by sound: "kifoplasty" sounds like "kyphoplasty" though three letters differ.
        """
        limit = allowed_typos(word)
        if limit:
            found = process.extract(
                word, self._spelling, scorer=OSA.distance, score_cutoff=limit, limit=None
            )
            near = [
                (distance, candidate)
                for candidate, distance, _i in found
                if candidate[0] == word[0] or candidate[:2] == word[1::-1]
            ]
            if near:
                return min(near)[1]
        if len(word) >= 5:
            candidates = self._sounds.get(sounds_like(word), [])
            near = []
            for candidate in candidates:
                # Compare with the singular too: "infecshun" is near "infection(s)".
                forms = [candidate]
                if candidate.endswith("s") and not candidate.endswith("ss"):
                    forms.append(candidate[:-1])
                distance, form = min((OSA.distance(word, f), f) for f in forms)
                if distance <= allowed_sound_changes(word):
                    near.append((distance, form))
            if near:
                return min(near)[1]
        return ""

    def _units(self, chunks: list[tuple[str, bool]], typing: bool) -> list[_Unit]:
        units = []
        for number, (text, quoted) in enumerate(chunks):
            if quoted:
                continue
            folded = tuple(t.folded for t in tokenize(text))
            if folded:
                units.append(_Unit(text, folded, typing and number == len(chunks) - 1))
        if len(units) > 1 and units[-1].typing:
            # A word still being typed that is too short to search ("broken b") is left out
            # until it is longer, so the results do not vanish at every new word.
            last = units[-1].folded
            if (
                len(last) == 1
                and len(last[0]) < MIN_PREFIX_LENGTH
                and not self._is_known(last[0], typing=False)
            ):
                units.pop()
        return units

    def _terms(self, query: str) -> tuple[list[Term], SearchResult]:
        result = SearchResult(query)
        chunks, typing = _parse_query(query)
        terms = [
            Term(text, [Pattern(folded)])
            for text, quoted in chunks
            if quoted and (folded := tuple(t.folded for t in tokenize(text)))
        ]
        units = self._units(chunks, typing)
        shown: dict[int, str] = {}
        for number, unit in enumerate(units):
            if len(unit.folded) == 1 and not self._is_known(unit.folded[0], unit.typing):
                corrected = self._correct(unit.folded[0])
                if corrected:
                    result.corrections[unit.text] = corrected
                    shown[number] = corrected
                    unit.folded = (corrected,)
                    unit.typing = False
        parts = [shown.get(n, unit.text) for n, unit in enumerate(units)]
        quoted = [f"“{text}”" for text, is_quoted in chunks if is_quoted]
        result.searched_for = _shorten(" ".join(quoted + parts), 80)
        index = 0
        while index < len(units):
            consumed = self._synonym_term(units, index, terms, result.synonyms_used)
            if not consumed:
                consumed = self._answer_term(units, index, terms)
            if consumed:
                index += consumed
                continue
            unit = units[index]
            index += 1
            kind = FUNCTION if unit.is_function else CONTENT
            if len(unit.folded) > 1:
                last = PREFIX if unit.typing else FORMS
                terms.append(Term(unit.text, [Pattern(unit.folded, last)], kind))
            elif kind == FUNCTION:
                terms.append(Term(unit.text, [Pattern(unit.folded)], kind))
            else:
                patterns = self._word_patterns(unit.folded[0], unit.typing)
                terms.append(Term(unit.text, patterns, kind))
        if not any(term.kind != FUNCTION for term in terms):
            # Nothing but function words ("of", "how"): search for those.
            for term in terms:
                term.kind = CONTENT
                if len(term.patterns) == 1 and len(term.patterns[0].words) == 1:
                    word = term.patterns[0].words[0]
                    term.patterns = self._word_patterns(word, typing and term is terms[-1])
        content = [t for t in terms if t.kind != FUNCTION][:MAX_TERMS]
        function = [t for t in terms if t.kind == FUNCTION][:MAX_TERMS]
        return content + function, result

    def _synonym_term(
        self, units: list[_Unit], index: int, terms: list[Term], used: dict[str, list[str]]
    ) -> int:
        """Add a term for the longest synonym phrase starting at ``index``; return its length."""
        longest = min(self._longest_synonym + 4, len(units) - index)
        for length in range(longest, 0, -1):
            chunk = units[index : index + length]
            key = tuple(w for unit in chunk for w in unit.folded)
            if key not in self._synonyms and length > 1:
                if chunk[0].is_function or chunk[-1].is_function:
                    continue
                content = tuple(w for w in key if w not in FUNCTION_WORDS)
                key = self._content_synonyms.get(content, key)
            targets = self._synonyms.get(key)
            if targets:
                text = " ".join(unit.text for unit in chunk)
                own = tuple(w for unit in chunk for w in unit.folded)
                patterns = [Pattern(own)] + [
                    Pattern(target, weight=SYNONYM_WEIGHT, own=False) for target in targets
                ]
                terms.append(Term(text, patterns))
                used[text] = [self._shown_targets[target] for target in targets]
                return length
        return 0

    def _answer_term(self, units: list[_Unit], index: int, terms: list[Term]) -> int:
        """Add a term for a question such as "how many" starting at ``index``; return 2 or 0."""
        if index + 1 >= len(units):
            return 0
        key = units[index].folded + units[index + 1].folded
        kind = ANSWER_TYPES.get(key)
        if kind is None:
            return 0
        text = f"{units[index].text} {units[index + 1].text}"
        terms.append(Term(text, [Pattern((kind,), EXACT, own=False)], ANSWER))
        return 2

    # -- matching ----------------------------------------------------------------------------

    def _cached_spans(self, term: Term) -> dict[int, list[_Span]]:
        """``_term_spans``, remembered: typing a question repeats its earlier words."""
        key = (term.kind, tuple(term.patterns))
        spans = self._span_cache.get(key)
        if spans is None:
            if len(self._span_cache) >= SPAN_CACHE_SIZE:
                self._span_cache.pop(next(iter(self._span_cache)))
            spans = self._span_cache[key] = self._term_spans(term)
        return spans

    def _term_spans(self, term: Term) -> dict[int, list[_Span]]:
        """Map section number -> the places ``term`` matches there."""
        if term.kind == ANSWER:
            answers = self._answers[term.patterns[0].words[0]]
            return {
                number: [
                    (f, la, 1.0, f < self._sections[number].heading_tokens) for f, la in places
                ]
                for number, places in answers.items()
            }
        found: dict[int, dict[tuple[int, int], tuple[float, bool]]] = {}
        for pattern in term.patterns:
            first_word = pattern.words[0]
            if len(pattern.words) == 1 and pattern.last == PREFIX:
                candidates = self._words_starting(first_word)
            elif len(pattern.words) == 1 and pattern.last == FORMS:
                candidates = self._forms(first_word)
            else:
                candidates = [first_word] if first_word in self._vocabulary_set else []
            for word in candidates:
                for number, position in self._postings[word]:
                    section = self._sections[number]
                    if pattern.matches_at(section.tokens, position):
                        span = (position, position + len(pattern.words) - 1)
                        spans = found.setdefault(number, {})
                        weight = max(pattern.weight, spans.get(span, (0.0, False))[0])
                        spans[span] = (weight, position < section.heading_tokens)
        return {
            number: sorted((s[0], s[1], w, h) for s, (w, h) in spans.items())
            for number, spans in found.items()
        }

    def _is_topic(self, sections: dict[int, list[_Span]], term: Term) -> bool:
        """True for a word found all over the leaflet (or in its title): it says little."""
        own = [p for p in term.patterns if p.own]
        if own and all(w in self._title_words for p in own for w in p.words):
            return True
        if self._own_sections < 4:
            return False
        in_own = sum(1 for n in sections if not self._sections[n].is_reference)
        return in_own * 2 >= self._own_sections

    def _idf(self, count: int) -> float:
        total = len(self._sections)
        return math.log(1 + (total - count + 0.5) / (count + 0.5))

    # -- searching ---------------------------------------------------------------------------

    def find(self, query: str) -> SearchResult:
        """Return what ``query`` finds; never raises, whatever the query holds."""
        terms, result = self._terms(query)
        subjects = [t for t in terms if t.kind != FUNCTION]
        if not subjects:
            return result
        spans = [self._cached_spans(term) for term in terms]
        topic = [self._is_topic(s, t) for s, t in zip(spans, terms, strict=True)]
        subjects = [i for i, t in enumerate(terms) if t.kind != FUNCTION]
        result.not_found = [terms[i].text for i in subjects if not spans[i]]
        # Words found all over the leaflet ("kyphoplasty", "pain") narrow nothing down: only
        # the telling words must all be in a section. A query of such words alone lists
        # every section holding any of them.
        telling = [i for i in subjects if not topic[i]]
        if telling:
            every = set(spans[telling[0]]).intersection(*(spans[i] for i in telling[1:]))
            chosen = sorted(every) or self._most_words(spans, telling)
        else:
            chosen = sorted(set().union(*(spans[i] for i in subjects)))
        if not chosen:
            return result
        result.relaxed = not any(all(n in spans[i] for i in subjects) for n in chosen)
        if not telling:
            mode = _BY_ORDER
        elif len(terms) == 1 and not result.relaxed:
            mode = _BY_HEADING
        else:
            mode = _BY_SCORE
        ranked = sorted(chosen, key=lambda n: self._rank(n, terms, spans, topic, mode))
        groups = (self._group(number, terms, spans) for number in ranked)
        result.groups = [group for group in groups if group.hits]
        return result

    def _most_words(self, spans: list[dict[int, list[_Span]]], telling: list[int]) -> list[int]:
        """Sections holding most of the query's subject words, when none holds them all.

        A section qualifies when it holds most of the telling words (those not found all over
        the leaflet); a word the leaflet does not have at all is telling. So "can I drive
        after kyphoplasty" finds nothing: "drive" is the only telling word.
        """
        candidates = set().union(*(spans[i] for i in telling))
        return sorted(
            n for n in candidates if sum(1 for i in telling if n in spans[i]) * 2 > len(telling)
        )

    def _rank(
        self,
        number: int,
        terms: list[Term],
        spans: list[dict[int, list[_Span]]],
        topic: list[bool],
        mode: str,
    ) -> tuple[bool, float, float, int]:
        """Sort key: the leaflet's own sections first, then the best, then reading order.

        A single word lists sections in reading order, those with the word in their heading
        first. Words found all over the leaflet say little by how often they occur, so a
        query of only such words lists sections in reading order too, those whose heading
        asks the same question ("why", "how") first, then those holding more of the words.
        Otherwise sections rank by BM25 over the words, a heading counting more, plus the
        question words in the heading and words found next to each other as typed.
        """
        section = self._sections[number]
        if mode == _BY_HEADING:
            in_heading = any(h for *_s, h in spans[0].get(number, []))
            return (section.is_reference, 0.0 if in_heading else 1.0, 0.0, number)
        if mode == _BY_ORDER:
            held = sum(
                1 for t, s in zip(terms, spans, strict=True) if t.kind != FUNCTION and number in s
            )
            question = self._question_lift(number, terms, spans)
            return (section.is_reference, -question, -held, number)
        return (section.is_reference, -self._score(number, terms, spans, topic), 0.0, number)

    def _question_lift(
        self, number: int, terms: list[Term], spans: list[dict[int, list[_Span]]]
    ) -> float:
        """How well the section's heading asks the reader's question ("why", "how", …).

        Each question word of the query in the heading counts by its rarity, in full when
        the heading also holds a subject word of the query, else by half.
        """
        subject_in_heading = any(
            in_heading
            for term, term_spans in zip(terms, spans, strict=True)
            if term.kind == CONTENT
            for *_s, in_heading in term_spans.get(number, [])
        )
        lift = 0.0
        for term, term_spans in zip(terms, spans, strict=True):
            if term.kind != FUNCTION or term.patterns[0].words[-1] not in QUESTION_WORDS:
                continue
            if any(in_heading for *_s, in_heading in term_spans.get(number, [])):
                lift += self._idf(len(term_spans)) * (1.0 if subject_in_heading else 0.5)
        return lift

    def _score(
        self,
        number: int,
        terms: list[Term],
        spans: list[dict[int, list[_Span]]],
        topic: list[bool],
    ) -> float:
        section = self._sections[number]
        norm = BM25_K1 * (1 - BM25_B + BM25_B * len(section.tokens) / self._average_length)
        score = FUNCTION_WEIGHT * self._question_lift(number, terms, spans)
        for term, term_spans, is_topic in zip(terms, spans, topic, strict=True):
            here = term_spans.get(number)
            if not here or term.kind == FUNCTION:
                continue
            idf = self._idf(len(term_spans))
            heading = 1.0 if is_topic else HEADING_WEIGHT
            frequency = sum(w * (heading if h else 1.0) for _f, _l, w, h in here)
            score += idf * frequency * (BM25_K1 + 1) / (frequency + norm)
        subjects = [(t, s) for t, s in zip(terms, spans, strict=True) if t.kind == CONTENT]
        for (_t1, first), (_t2, second) in zip(subjects, subjects[1:], strict=False):
            if _next_to(first.get(number, []), second.get(number, [])):
                score += PHRASE_WEIGHT * (self._idf(len(first)) + self._idf(len(second))) / 2
        return score

    def _group(
        self, number: int, terms: list[Term], spans: list[dict[int, list[_Span]]]
    ) -> SectionHits:
        section = self._sections[number]
        term_of: dict[tuple[int, int], str] = {}
        for term, term_spans in zip(terms, spans, strict=True):
            if term.kind == FUNCTION:
                continue
            for first, last, *_rest in term_spans.get(number, []):
                term_of.setdefault((first, last), term.text)
        text = section.text
        matches = [
            (section.tokens[first].start, section.tokens[last].end)
            for first, last in _drop_overlaps(sorted(term_of))
        ]
        terms_at = [term_of.get(span, "") for span in _drop_overlaps(sorted(term_of))]
        hits = [
            Hit(
                section.section_id,
                section.heading,
                text[start:end],
                _occurrence(text, text[start:end], start),
                term,
                text,
                start,
                end,
            )
            for (start, end), term in zip(matches, terms_at, strict=True)
        ]
        return SectionHits(
            section.section_id,
            section.heading,
            hits,
            section.is_reference,
            lambda: _places(section, matches),
        )


def _is_decimal_part(text: str, tokens: list[Token], position: int) -> bool:
    """True if the token at ``position`` is the part after the point of a number ("7" of "21.7")."""
    if position == 0 or not tokens[position].folded.isdigit():
        return False
    previous = tokens[position - 1]
    return previous.folded.isdigit() and text[previous.end : tokens[position].start] == "."


def _answer_kind(text: str, token: Token) -> str:
    """``quantity`` for a number (not a citation such as "[1]"), ``duration`` for a time."""
    if token.folded.isdigit():
        before = text[token.start - 1 : token.start]
        return "" if before == "[" else QUANTITY
    if token.folded in QUANTITY_WORDS:
        return QUANTITY
    if token.folded in DURATION_WORDS:
        return DURATION
    return ""


def _next_to(first: list[_Span], second: list[_Span]) -> bool:
    """True if a match of ``second`` starts within two words after a match of ``first``."""
    starts = sorted(s[0] for s in second)
    for _f, last, *_rest in first:
        position = bisect_right(starts, last)
        if position < len(starts) and starts[position] - last <= 3:
            return True
    return False


def _places(section: _IndexedSection, matches: list[tuple[int, int]]) -> list[Place]:
    """Group a section's matches (character spans, in order) by the sentence they are in."""
    grouped: list[tuple[tuple[int, int], list[int]]] = []
    for number, (start, _end) in enumerate(matches):
        sentence = section.sentence_of(start)
        if grouped and grouped[-1][0] == sentence:
            grouped[-1][1].append(number)
        else:
            grouped.append((sentence, [number]))
    places: list[Place] = []
    seen: dict[str, int] = {}
    for (start, end), numbers in grouped:
        spans = [matches[n] for n in numbers]
        words: list[str] = []
        for match_start, match_end in spans:
            word = section.text[match_start:match_end]
            if word.casefold() not in (w.casefold() for w in words):
                words.append(word)
        whole = _segments(section.text, start, end, spans, whole=True)
        place = Place(
            tuple(numbers), _segments(section.text, start, end, spans), tuple(words), 0, whole
        )
        if place.snippet in seen and "".join(t for t, _m in whole) not in seen:
            place = place.widened()  # reads like an earlier snippet: show the whole sentence
        if place.snippet in seen:  # the same sentence again (a repeated reference): once
            earlier = places[seen[place.snippet]]
            places[seen[place.snippet]] = Place(
                earlier.hits + place.hits,
                earlier.segments,
                earlier.words,
                earlier.repeats + 1,
                earlier.whole,
            )
            continue
        seen[place.snippet] = len(places)
        places.append(place)
    return places


def _segments(
    text: str, start: int, end: int, matches: list[tuple[int, int]], whole: bool = False
) -> tuple[tuple[str, bool], ...]:
    """The snippet of ``text[start:end]`` around ``matches``: every match, cut with "…".

    With ``whole`` the snippet is all of ``text[start:end]``, however long.
    """
    if whole or end - start <= PLACE_LENGTH:
        windows = [(start, end)]
    else:
        windows = []
        for match_start, match_end in matches:
            left = max(start, match_start - SNIPPET_CONTEXT)
            right = min(end, match_end + SNIPPET_CONTEXT)
            if windows and left <= windows[-1][1] + 10:
                windows[-1] = (windows[-1][0], right)
            else:
                windows.append((left, right))
    segments: list[tuple[str, bool]] = []
    for number, (left, right) in enumerate(windows):
        left, right = _word_bounds(text, left, right, start, end, matches)
        if left > start or number:
            segments.append(("…", False))
        position = left
        for match_start, match_end in matches:
            if left <= match_start and match_end <= right:
                if match_start > position:
                    segments.append((text[position:match_start], False))
                segments.append((text[match_start:match_end], True))
                position = match_end
        if right > position:
            segments.append((text[position:right], False))
        if number == len(windows) - 1 and right < end:
            segments.append(("…", False))
    return tuple(segments)


def _word_bounds(
    text: str, left: int, right: int, start: int, end: int, matches: list[tuple[int, int]]
) -> tuple[int, int]:
    """Move a snippet window's edges out of the middle of words (never into a match)."""
    if left > start:
        space = text.find(" ", left, right)
        first_match = min((m[0] for m in matches if m[0] >= left), default=right)
        if 0 <= space < first_match:
            left = space + 1
    if right < end:
        space = text.rfind(" ", left, right)
        last_match = max((m[1] for m in matches if m[1] <= right), default=left)
        if space >= last_match:
            right = space
    return left, right


def _occurrence(text: str, match_text: str, start: int) -> int:
    """Count earlier literal appearances of ``match_text`` before ``start`` in ``text``."""
    count, position = 0, text.find(match_text)
    while 0 <= position < start:
        count += 1
        position = text.find(match_text, position + 1)
    return count


def _drop_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for span in spans:
        if kept and span[0] <= kept[-1][1]:
            if span[1] > kept[-1][1]:
                kept[-1] = (kept[-1][0], span[1])
            continue
        kept.append(span)
    return kept


def _snippet_before(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    cut = max(line_start, start - SNIPPET_CONTEXT)
    piece = text[cut:start]
    if cut > line_start and " " in piece:
        piece = "…" + piece[piece.index(" ") + 1 :]
    return piece


def _snippet_after(text: str, end: int) -> str:
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    cut = min(line_end, end + SNIPPET_CONTEXT)
    piece = text[end:cut]
    if cut < line_end and " " in piece:
        piece = piece[: piece.rindex(" ")] + "…"
    return piece
