"""Search a leaflet the way older readers type: forgiving of case, accents, typos and lay words.

Plain Python, built once per leaflet. A query gives ranked hits; each hit names its section,
which occurrence of the matched text it is within that section, and a snippet. Hits are never
identified by a character offset into rendered text, which would not survive rendering.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from kyphoreader.core.leaflet import Leaflet
from kyphoreader.core.text import QUOTES, Token, fold, tokenize, words_of

#: Only the first this-many characters of a query are searched (a pasted essay stays fast).
MAX_QUERY_CHARS = 200
#: Only the first this-many terms of a query are used.
MAX_TERMS = 8
#: Words shorter than this match only whole words, not as the start of a longer word.
MIN_PREFIX_LENGTH = 3
#: Characters of context on each side of a match in a snippet (a snippet is about 70 long).
SNIPPET_CONTEXT = 30
#: Words too common to be worth matching when the query has other words.
STOP_WORDS = frozenset("a an and are as at be by for from in is it of on or the to with".split())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between a and b, or ``limit + 1`` if it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def allowed_typos(word: str) -> int:
    """How many typing mistakes a word may have: 1 for 4 to 7 letters, 2 for longer, else 0."""
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


@dataclass(frozen=True)
class Pattern:
    """One way a term can match: a run of consecutive words, the last maybe as a prefix."""

    words: tuple[str, ...]
    prefix_last: bool = False

    def matches_at(self, tokens: list[Token], index: int) -> bool:
        """True if the pattern matches the tokens starting at ``index`` (on one line)."""
        if index + len(self.words) > len(tokens):
            return False
        line = tokens[index].line
        for offset, word in enumerate(self.words):
            token = tokens[index + offset]
            if token.line != line:
                return False
            is_last = offset == len(self.words) - 1
            if is_last and self.prefix_last:
                if not token.folded.startswith(word):
                    return False
            elif token.folded != word:
                return False
        return True


@dataclass
class Term:
    """One thing the query asks for; any of its patterns may match."""

    text: str
    patterns: list[Pattern]


@dataclass(frozen=True)
class Hit:
    """One match, identified by section and occurrence, never by an offset into rendered text.

    Attributes:
        section_id: the section the match is in.
        section_heading: that section's heading.
        match_text: the matched text exactly as it appears in the section.
        occurrence: 0 for the first appearance of ``match_text`` in the section's searchable
            text (heading, then body), 1 for the second, and so on.
        before, after: the snippet around the match (with "…" where it was cut).
        term: the query term that matched.
    """

    section_id: str
    section_heading: str
    match_text: str
    occurrence: int
    before: str
    after: str
    term: str

    @property
    def snippet(self) -> str:
        """The snippet as plain text."""
        return f"{self.before}{self.match_text}{self.after}"


@dataclass
class SectionHits:
    """The hits in one section, in reading order."""

    section_id: str
    heading: str
    hits: list[Hit]


@dataclass
class SearchResult:
    """What a query found: hits grouped by section, best section first."""

    query: str
    groups: list[SectionHits] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    synonyms_used: dict[str, list[str]] = field(default_factory=dict)

    @property
    def hits(self) -> list[Hit]:
        """Every hit, best section first, each section's hits in reading order."""
        return [hit for group in self.groups for hit in group.hits]

    @property
    def is_empty_query(self) -> bool:
        """True when nothing but spaces was typed."""
        return not self.query.strip()

    @property
    def message(self) -> str:
        """A plain sentence about the result; empty when there is nothing to say."""
        if self.is_empty_query:
            return ""
        if not self.groups:
            shown = " ".join(self.query.split())
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            return (
                f"No matches for “{shown}”. Try another word, "
                "or choose a section from the Contents."
            )
        parts = []
        if self.corrections:
            parts.append("Showing results for " + " ".join(self.corrections.values()) + ".")
        for lay, meant in self.synonyms_used.items():
            parts.append(f"“{lay}” also finds " + ", ".join(f"“{m}”" for m in meant) + ".")
        return " ".join(parts)


@dataclass
class _IndexedSection:
    section_id: str
    heading: str
    text: str
    tokens: list[Token]


def _parse_query(query: str) -> list[tuple[str, bool]]:
    """Split a query into (text, is_quoted_phrase) chunks, quotes of any kind."""
    query = query[:MAX_QUERY_CHARS].translate(QUOTES)
    chunks: list[tuple[str, bool]] = []
    for index, part in enumerate(query.split('"')):
        if index % 2 == 1:
            if part.strip():
                chunks.append((part.strip(), True))
        else:
            chunks.extend((word, False) for word in part.split())
    return chunks


class SearchIndex:
    """The words of one leaflet, ready to be searched many times (once per keystroke)."""

    def __init__(self, leaflet: Leaflet, synonyms: dict[str, list[str]] | None = None) -> None:
        self._sections = [
            _IndexedSection(s.id, s.heading, text := f"{s.heading}\n{s.text}", tokenize(text))
            for s in leaflet.walk()
        ]
        self._order = {s.section_id: i for i, s in enumerate(self._sections)}
        # Where each word occurs: word -> [(section number, token number), ...], so a query
        # looks only at the places its words are, not at every word of the leaflet.
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for number, section in enumerate(self._sections):
            for position, token in enumerate(section.tokens):
                self._postings.setdefault(token.folded, []).append((number, position))
        self.vocabulary = sorted(self._postings)
        self._vocabulary_set = frozenset(self.vocabulary)
        self._synonyms = {
            tuple(fold(w) for w in words_of(key)): [
                tuple(fold(w) for w in words_of(target)) for target in targets
            ]
            for key, targets in (synonyms or {}).items()
        }
        self._synonyms.pop((), None)
        self._longest_synonym = max((len(k) for k in self._synonyms), default=0)

    # -- building terms ----------------------------------------------------------------------

    def _words_starting(self, prefix: str) -> list[str]:
        """Every word of the leaflet that starts with ``prefix`` (binary search)."""
        first = bisect_left(self.vocabulary, prefix)
        last = first
        while last < len(self.vocabulary) and self.vocabulary[last].startswith(prefix):
            last += 1
        return self.vocabulary[first:last]

    def _word_known(self, word: str, prefix: bool) -> bool:
        if word in self._vocabulary_set:
            return True
        return prefix and bool(self._words_starting(word))

    def _near_spellings(self, word: str) -> list[str]:
        limit = allowed_typos(word)
        if not limit:
            return []
        best, found = limit + 1, []
        for candidate in self.vocabulary:
            distance = edit_distance(word, candidate, min(limit, best))
            if distance < best:
                best, found = distance, [candidate]
            elif distance == best and distance <= limit:
                found.append(candidate)
        return found if best <= limit else []

    def _terms(self, query: str) -> tuple[list[Term], dict[str, str], dict[str, list[str]]]:
        terms: list[Term] = []
        corrections: dict[str, str] = {}
        synonyms_used: dict[str, list[str]] = {}
        words: list[tuple[str, tuple[str, ...]]] = []  # (shown text, folded words) per chunk
        for text, quoted in _parse_query(query):
            folded = tuple(t.folded for t in tokenize(text))
            if not folded:
                continue
            if quoted:
                terms.append(Term(text, [Pattern(folded)]))
            else:
                words.append((text, folded))
        index = 0
        while index < len(words):
            consumed = self._synonym_term(words, index, terms, synonyms_used)
            if consumed:
                index += consumed
                continue
            text, folded = words[index]
            index += 1
            prefix = len(folded[-1]) >= MIN_PREFIX_LENGTH
            if len(folded) > 1 or self._word_known(folded[-1], prefix):
                terms.append(Term(text, [Pattern(folded, prefix_last=prefix)]))
                continue
            near = self._near_spellings(folded[0])
            if near:
                corrections[text] = near[0]
                terms.append(Term(text, [Pattern((n,)) for n in near]))
            else:
                terms.append(Term(text, [Pattern(folded, prefix_last=prefix)]))
        meaningful = [t for t in terms if fold(t.text) not in STOP_WORDS]
        if meaningful:
            terms = meaningful
        return terms[:MAX_TERMS], corrections, synonyms_used

    def _synonym_term(
        self,
        words: list[tuple[str, tuple[str, ...]]],
        index: int,
        terms: list[Term],
        used: dict[str, list[str]],
    ) -> int:
        """Add a term for the longest synonym phrase starting at ``index``; return its length."""
        for length in range(min(self._longest_synonym, len(words) - index), 0, -1):
            chunk = words[index : index + length]
            key = tuple(w for _text, folded in chunk for w in folded)
            targets = self._synonyms.get(key)
            if targets:
                text = " ".join(t for t, _f in chunk)
                patterns = [Pattern(key)] + [Pattern(target) for target in targets]
                terms.append(Term(text, patterns))
                used[text] = [" ".join(t) for t in targets]
                return length
        return 0

    # -- searching ---------------------------------------------------------------------------

    def find(self, query: str) -> SearchResult:
        """Return what ``query`` finds; never raises, whatever the query holds."""
        result = SearchResult(query)
        terms, result.corrections, result.synonyms_used = self._terms(query)
        if not terms:
            return result
        per_term = [self._term_spans(term) for term in terms]
        common = set(per_term[0]).intersection(*per_term[1:])
        scored = []
        for number in common:
            section = self._sections[number]
            spans_per_term = [spans[number] for spans in per_term]
            closeness = _closeness(spans_per_term)
            spans = sorted({span for spans in spans_per_term for span in spans})
            hits = self._hits(section, _drop_overlaps(spans), terms, spans_per_term)
            scored.append((closeness, number, section, hits))
        # Sections whose words stand closest together first, then in reading order.
        scored.sort(key=lambda row: row[:2])
        result.groups = [
            SectionHits(section.section_id, section.heading, hits)
            for *_score, section, hits in scored
        ]
        return result

    def _term_spans(self, term: Term) -> dict[int, list[tuple[int, int]]]:
        """Map section number -> (first, last) token of each place ``term`` matches there."""
        found: dict[int, set[tuple[int, int]]] = {}
        for pattern in term.patterns:
            first_word = pattern.words[0]
            if len(pattern.words) == 1 and pattern.prefix_last:
                candidates = self._words_starting(first_word)
            else:
                candidates = [first_word] if first_word in self._vocabulary_set else []
            for word in candidates:
                for number, position in self._postings[word]:
                    if pattern.matches_at(self._sections[number].tokens, position):
                        span = (position, position + len(pattern.words) - 1)
                        found.setdefault(number, set()).add(span)
        return {number: sorted(spans) for number, spans in found.items()}

    def _hits(
        self,
        section: _IndexedSection,
        spans: list[tuple[int, int]],
        terms: list[Term],
        spans_per_term: list[list[tuple[int, int]]],
    ) -> list[Hit]:
        term_of = {span: terms[i].text for i, spans in enumerate(spans_per_term) for span in spans}
        hits = []
        text = section.text
        for first, last in spans:
            start, end = section.tokens[first].start, section.tokens[last].end
            match_text = text[start:end]
            occurrence = _occurrence(text, match_text, start)
            hits.append(
                Hit(
                    section_id=section.section_id,
                    section_heading=section.heading,
                    match_text=match_text,
                    occurrence=occurrence,
                    before=_snippet_before(text, start),
                    after=_snippet_after(text, end),
                    term=term_of.get((first, last), ""),
                )
            )
        return hits


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


def _closeness(spans_per_term: list[list[tuple[int, int]]]) -> int:
    """Smallest number of words spanned by one match of every term (0 for a single term)."""
    if len(spans_per_term) == 1:
        return 0
    events = sorted(
        (span[0], span[1], term) for term, spans in enumerate(spans_per_term) for span in spans
    )
    need = len(spans_per_term)
    best = None
    counts: dict[int, int] = {}
    left = 0
    for right, (_start, _end, term) in enumerate(events):
        counts[term] = counts.get(term, 0) + 1
        while len(counts) == need:
            width = max(e[1] for e in events[left : right + 1]) - events[left][0]
            best = width if best is None else min(best, width)
            left_term = events[left][2]
            counts[left_term] -= 1
            if not counts[left_term]:
                del counts[left_term]
            left += 1
    return best if best is not None else 1_000_000


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
