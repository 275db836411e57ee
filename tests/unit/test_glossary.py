"""The glossary: its file, where its words are found, what it may say, and how it prints."""

from __future__ import annotations

import re
from statistics import mean

import pytest

from kyphoreader.core.text import split_sentences, tokenize
from kyphoreader.glossary.terms import (
    GLOSSARY_FILE,
    WORDS_EXPLAINED_ANCHOR,
    WORDS_EXPLAINED_HEADING,
    Glossary,
    GlossaryError,
    load_glossary,
    load_glossary_for,
    parse_glossary,
    words_explained_html,
    words_explained_text,
)
from kyphoreader.paths import default_leaflet_path
from kyphoreader.search.synonyms import load_synonyms_for

#: The words issue #12 asks the glossary to explain, as a reader might name them.
REQUIRED = [
    "kyphoplasty",
    "vertebra",
    "compression fracture",
    "osteoporosis",
    "bone cement",
    "polymethylmethacrylate",
    "adjacent vertebral fracture",
    "AVF",
    "nonunion",
    "kyphosis",
    "paravertebral muscles",
    "biomechanics",
    "spinal loading",
    "pulmonary embolism",
    "bone mineral density",
    "Hounsfield unit",
    "thoracolumbar junction",
    "manual therapy",
    "physical therapy",
    "multifactorial",
    "over-the-counter",
]

#: Words that advise, predict or reassure, or speak to the reader as a patient. An
#: explanation says what a word means and nothing more, so none of these may appear in one.
ADVICE_WORDS = frozenset(
    """
    should must will would shall ought need needs rare rarely safe safely safer unsafe normal
    normally abnormal common commonly uncommon usually always never best worst recommend
    recommended advise advised try avoid dont worry worried harmless dangerous serious cure
    cures cured guarantee guaranteed risky you your yours
    """.split()
)

#: Highest Flesch-Kincaid grade allowed for one explanation (standards.md: reading age 9-11).
MAX_GRADE = 6.0

#: First places the glossary must mark, checked by hand against leaflet.md.
PROMISED = {
    ("what-this-leaflet-is-about", "kyphoplasty"): "kyphoplasty",
    ("what-this-leaflet-is-about", "compression-fracture"): "compression fractures",
    ("what-this-leaflet-is-about", "osteoporosis"): "osteoporosis",
    (
        "fractures-in-the-bones-next-to-the-treated-one",
        "adjacent-vertebral-fracture-avf",
    ): "adjacent vertebral fractures",
    ("fractures-in-the-bones-next-to-the-treated-one", "vertebra"): "vertebrae",
    (
        "fractures-in-the-bones-next-to-the-treated-one",
        "bone-cement-polymethylmethacrylate",
    ): "polymethylmethacrylate cement",
    ("fractures-in-the-bones-next-to-the-treated-one", "post-kyphoplasty"): "post-kyphoplasty",
    ("other-causes", "vertebral-body"): "vertebral body",
    ("other-causes", "nonunion"): "nonunion",
    ("other-causes", "kyphosis"): "kyphosis",
    ("other-causes", "paravertebral-muscles"): "paravertebral muscles",
    ("other-causes", "biomechanics"): "biomechanics",
    ("other-causes", "spinal-loading"): "spinal loading",
    ("possible-complications", "cement-leakage"): "Cement leakage",
    ("possible-complications", "pulmonary-embolism"): "pulmonary embolism",
    ("treatments-for-continuing-pain", "over-the-counter"): "over-the-counter",
    ("treatments-for-continuing-pain", "manual-therapy"): "manual therapy",
    ("treatments-for-continuing-pain", "physical-therapy"): "physical therapy",
    ("who-is-more-likely-to-have-another-fracture", "bone-mineral-density"): (
        "bone mineral density"
    ),
    ("who-is-more-likely-to-have-another-fracture", "hounsfield-unit"): "Hounsfield unit",
    ("who-is-more-likely-to-have-another-fracture", "thoracolumbar-junction"): (
        "thoracolumbar junction"
    ),
    ("what-a-study-found", "compression-fracture"): "vertebral compression fracture",
    ("how-kyphoplasty-is-done", "kyphoplasty"): "Kyphoplasty",
    ("how-kyphoplasty-is-done", "bone-cement-polymethylmethacrylate"): "cement",
    ("summary", "multifactorial"): "multifactorial",
    ("key-points", "alleviate"): "alleviates",
    ("references", "randomized-controlled-trial"): "randomized, controlled trial",
    ("references", "osteoporosis"): "osteoporotic",
}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary_for(default_leaflet_path())


def form_pattern(form: str) -> re.Pattern[str]:
    """The form as a regular expression, written apart from the module's own matching."""
    words = re.findall(r"[\w']+", form)
    return re.compile(
        r"(?<![\w'])"
        + r"[\s,\-\u2010\u2011\u2013\u2014]+".join(map(re.escape, words))
        + r"(?![\w'])",
        re.IGNORECASE,
    )


def test_the_bundled_glossary_explains_every_word_the_issue_lists(glossary):
    assert (default_leaflet_path().parent / GLOSSARY_FILE).is_file()
    missing = [word for word in REQUIRED if glossary.lookup(word) is None]
    assert missing == []
    assert len(glossary) >= 30


def test_terms_are_in_a_to_z_order(glossary):
    names = [term.term.casefold() for term in glossary]
    assert names == sorted(names)
    assert names[0].startswith("adjacent") and names[-1].startswith("vertebra")


def test_every_form_occurs_in_the_leaflet(glossary, bundled_leaflet):
    text = "\n".join(section.text for section in bundled_leaflet.walk())
    absent = [
        (term.term, form)
        for term in glossary
        for form in term.forms
        if not form_pattern(form).search(text)
    ]
    assert absent == []
    # ... and each form is reached by the matcher, not always swallowed by a longer form.
    matched = {
        (found.term.id, " ".join(t.folded for t in tokenize(section.text[found.start : found.end])))
        for section in bundled_leaflet.walk()
        for found in glossary.find_all(section.text, section.id)
    }
    unreached = [
        (term.term, form)
        for term in glossary
        for form in term.forms
        if (term.id, " ".join(t.folded for t in tokenize(form))) not in matched
    ]
    assert unreached == []


def test_the_first_occurrences_the_file_promises_are_found(glossary, bundled_leaflet):
    found = {
        (o.section_id, o.term.id): bundled_leaflet.section(o.section_id).text[o.start : o.end]
        for o in glossary.first_occurrences(bundled_leaflet.walk())
    }
    wrong = {
        key: (text, found.get(key)) for key, text in PROMISED.items() if found.get(key) != text
    }
    assert wrong == {}


def test_every_occurrence_of_a_form_is_found_unless_a_longer_word_holds_it(
    glossary, bundled_leaflet
):
    """Checked against a plain regular expression per form, written apart from the module."""
    first = {
        (o.section_id, o.term.id): o for o in glossary.first_occurrences(bundled_leaflet.walk())
    }
    problems = []
    for section in bundled_leaflet.walk():
        everything = glossary.find_all(section.text, section.id)
        for term in glossary:
            others = [o for o in everything if o.term.id != term.id]
            starts = [
                match.start()
                for form in term.forms
                for match in form_pattern(form).finditer(section.text)
                if not any(o.start <= match.start() and match.end() <= o.end for o in others)
            ]
            if not starts:
                continue
            occurrence = first.get((section.id, term.id))
            if occurrence is None or occurrence.start != min(starts):
                problems.append((section.id, term.term, min(starts), occurrence))
    assert problems == []


def test_each_term_is_marked_once_per_section_at_most(glossary, bundled_leaflet):
    occurrences = glossary.first_occurrences(bundled_leaflet.walk())
    keys = [(o.section_id, o.term.id) for o in occurrences]
    assert len(keys) == len(set(keys))
    assert {o.term.id for o in occurrences} == {term.id for term in glossary}


def test_the_longest_form_wins_and_only_whole_words_match():
    glossary = parse_glossary(
        """
        [[term]]
        term = "adjacent vertebral fracture"
        forms = ["adjacent vertebral fractures"]
        explanation = "A break next to a treated bone."
        sources = ["test"]

        [[term]]
        term = "vertebra"
        forms = ["vertebral", "vertebrae"]
        explanation = "A bone of the spine."
        sources = ["test"]

        [[term]]
        term = "bone mineral density"
        forms = ["bone mineral density"]
        explanation = "How much mineral a bone holds."
        sources = ["test"]
        """
    )
    text = (
        "New ADJACENT VERTEBRAL FRACTURES; vertebralis, paravertebral. Bone. Mineral density,\n"
        "bone\nmineral density, and vertébral bone."
    )
    found = [(o.term.id, text[o.start : o.end]) for o in glossary.find_all(text)]
    assert found == [
        ("adjacent-vertebral-fracture", "ADJACENT VERTEBRAL FRACTURES"),
        ("vertebra", "vertébral"),
    ]


def test_a_section_without_text_has_no_occurrences(glossary, bundled_leaflet):
    parent = bundled_leaflet.section("why-can-back-pain-continue")
    assert parent is not None and parent.text == ""
    assert glossary.first_occurrences([parent]) == []


def test_explanations_are_readable_at_grade_six(glossary):
    """Flesch-Kincaid grade <= 6 for EVERY explanation, not only on average.

    Each explanation is read on its own, in a bubble or in a list, by someone who cannot ask
    what it means; an average would let one hard explanation hide behind many easy ones. So
    the gate is the maximum, and the mean is reported beside it. Measured with textstat
    (syllables from the CMU dictionary, pyphen for words it lacks). One to three sentences
    make a noisy sample for any formula, so explanations are also kept to three sentences.
    """
    import textstat

    grades = {term.term: textstat.flesch_kincaid_grade(term.explanation) for term in glossary}
    ease = [textstat.flesch_reading_ease(term.explanation) for term in glossary]
    worst = max(grades, key=grades.__getitem__)
    print(
        f"\nglossary readability: {len(grades)} explanations, FK grade mean "
        f"{mean(grades.values()):.1f}, max {grades[worst]:.1f} ({worst}); "
        f"Flesch reading ease mean {mean(ease):.0f}, min {min(ease):.0f}"
    )
    too_hard = {name: grade for name, grade in grades.items() if grade > MAX_GRADE}
    assert too_hard == {}
    assert mean(grades.values()) <= MAX_GRADE


def test_explanations_are_one_to_three_sentences(glossary):
    counts = {term.term: len(split_sentences(term.explanation)) for term in glossary}
    assert {name: n for name, n in counts.items() if not 1 <= n <= 3} == {}


def test_no_explanation_advises_predicts_or_reassures(glossary):
    found = {
        term.term: sorted({t.folded for t in tokenize(term.explanation)} & ADVICE_WORDS)
        for term in glossary
    }
    assert {name: words for name, words in found.items() if words} == {}


def test_the_advice_check_catches_advice():
    text = "This is rare and you should not worry; it will heal and it's normal and safe."
    assert {t.folded for t in tokenize(text)} & ADVICE_WORDS == {
        "rare",
        "you",
        "should",
        "worry",
        "will",
        "normal",
        "safe",
    }


def test_every_term_records_its_sources(glossary):
    for term in glossary:
        assert term.sources, term.term
        for source in term.sources:
            for url in re.findall(r"\S+://\S+", source):
                assert url.startswith("https://"), (term.term, url)
    publishers = ("MedlinePlus", "NCI Dictionary of Cancer Terms")
    public_domain = [t for t in glossary if any(p in s for s in t.sources for p in publishers)]
    assert len(public_domain) >= len(glossary) // 2


@pytest.mark.parametrize(
    "query, expected",
    [
        ("nonunion", "nonunion"),
        ("Nonunion", "nonunion"),
        ("what does nonunion mean", "nonunion"),
        ("What does nonunion mean?", "nonunion"),
        ("what is a kyphoplasty", "kyphoplasty"),
        ("What is an AVF?", "adjacent-vertebral-fracture-avf"),
        ("AVFs", "adjacent-vertebral-fracture-avf"),
        ("what's polymethylmethacrylate", "bone-cement-polymethylmethacrylate"),
        ("meaning of kyphosis", "kyphosis"),
        ("kyphosis meaning", "kyphosis"),
        ("define over the counter", "over-the-counter"),
        ("what are vertebrae", "vertebra"),
        ("what does the word multifactorial mean", "multifactorial"),
        ("hunchback", "kyphosis"),
        ("what is physio", "physical-therapy"),
        ("back pain", None),
        ("what is", None),
        ("", None),
    ],
)
def test_lookup_finds_the_word_a_search_asks_about(glossary, query, expected):
    synonyms = load_synonyms_for(default_leaflet_path())
    term = glossary.lookup(query, synonyms)
    assert (term.id if term else None) == expected


def test_words_explained_lists_the_printed_sections_words_a_to_z(glossary, bundled_leaflet):
    summary = bundled_leaflet.section("summary")
    terms = glossary.terms_in([summary])
    assert [t.term for t in terms] == ["kyphoplasty", "multifactorial", "persistent"]
    html = words_explained_html(terms)
    assert html.startswith(f'<h2 id="{WORDS_EXPLAINED_ANCHOR}">{WORDS_EXPLAINED_HEADING}</h2>')
    assert html.index("<b>kyphoplasty:</b>") < html.index("<b>multifactorial:</b>")
    assert "nonunion" not in html
    for forbidden in ("<i>", "<em>", "<u>", "italic", "underline", "align", "justify", "center"):
        assert forbidden not in html.lower()
    text = words_explained_text(terms)
    assert text.splitlines()[0] == WORDS_EXPLAINED_HEADING
    assert text.splitlines()[-1] == glossary.lookup("persistent").plain_text


def test_the_whole_leaflet_prints_every_word(glossary, bundled_leaflet):
    html = words_explained_html(glossary.terms_in(bundled_leaflet.walk()))
    assert html.count("<p><b>") == len(glossary)


def test_words_explained_escapes_the_files_text():
    glossary = parse_glossary(
        '[[term]]\nterm = "a<b>"\nforms = ["ab"]\n'
        'explanation = "Less than < and & more."\nsources = ["x"]\n'
    )
    html = words_explained_html(glossary)
    assert "<b>a&lt;b&gt;:</b> Less than &lt; and &amp; more." in html
    assert words_explained_html([]) == "" and words_explained_text([]) == ""


def test_a_leaflet_without_a_glossary_has_no_terms(tmp_path, bundled_leaflet):
    (tmp_path / "leaflet.md").write_text("## Heading\n\nText.\n", encoding="utf-8")
    glossary = load_glossary_for(tmp_path / "leaflet.md")
    assert len(glossary) == 0 and not glossary
    assert glossary.first_occurrences(bundled_leaflet.walk()) == []
    assert glossary.lookup("kyphoplasty") is None


GOOD_TERM = 'term = "x"\nforms = ["x"]\nexplanation = "An x."\nsources = ["s"]\n'


@pytest.mark.parametrize(
    "text, says",
    [
        ("[[term]\n", "not a valid glossary file"),
        ('title = "x"\n', "unknown key 'title'"),
        ('term = "x"\n', "'term' must be [[term]] tables"),
        ("term = [1]\n", "each term must be a [[term]] table"),
        ('[[term]]\nterm = "x"\nexplanation = "An x."\nsources = ["s"]\n', "missing 'forms'"),
        ("[[term]]\n" + GOOD_TERM + 'explaination = "typo"\n', "unknown key 'explaination'"),
        ("[[term]]\n" + GOOD_TERM.replace('term = "x"', 'term = ""'), "'term' must be"),
        ("[[term]]\n" + GOOD_TERM.replace('["x"]', "[]"), "'forms' must be a list"),
        ("[[term]]\n" + GOOD_TERM.replace('["x"]', '"x"'), "'forms' must be a list"),
        ("[[term]]\n" + GOOD_TERM.replace('["x"]', '["x", 3]'), "every entry of 'forms'"),
        ("[[term]]\n" + GOOD_TERM.replace('["x"]', '["--"]'), "the form '--' has no words"),
        ("[[term]]\n" + GOOD_TERM.replace('"An x."', '"  "'), "'explanation' must be"),
        ("[[term]]\n" + GOOD_TERM.replace('"An x."', '"' + "long " * 200 + '"'), "at most 600"),
        ("[[term]]\n" + GOOD_TERM.replace('["s"]', "[]"), "'sources' must be a list"),
        ("[[term]]\n" + GOOD_TERM + "[[term]]\n" + GOOD_TERM, "given twice"),
        (
            "[[term]]\n" + GOOD_TERM + "[[term]]\n" + GOOD_TERM.replace('term = "x"', 'term = "y"'),
            "'x' is already used by 'x'",
        ),
    ],
)
def test_a_malformed_glossary_gives_one_clear_line(tmp_path, text, says):
    path = tmp_path / GLOSSARY_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert says in message


def test_an_unreadable_glossary_file_gives_one_clear_line(tmp_path):
    cases = {
        "missing": (tmp_path / "nothing" / GLOSSARY_FILE, "no such file"),
        "folder": (tmp_path, "this is a folder"),
    }
    binary = tmp_path / "latin1.toml"
    binary.write_bytes('[[term]]\nterm = "caf\u00e9"\n'.encode("latin-1"))
    cases["not utf-8"] = (binary, "not UTF-8 text")
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (600 * 1024), encoding="utf-8")
    cases["too large"] = (big, "too large")
    for path, says in cases.values():
        with pytest.raises(GlossaryError) as caught:
            load_glossary(path)
        assert "\n" not in str(caught.value) and says in str(caught.value)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: __import__("os").mkfifo(p), "pipe"),
        (lambda p: p.symlink_to("/dev/zero"), "device"),
    ],
    ids=["pipe", "dev-zero"],
)
def test_a_pipe_or_device_as_the_glossary_is_refused_at_once(tmp_path, make, says):
    path = tmp_path / GLOSSARY_FILE
    make(path)
    with pytest.raises(GlossaryError, match=says):
        load_glossary_for(tmp_path / "leaflet.md")


def test_a_broken_glossary_beside_a_leaflet_is_reported_not_ignored(tmp_path):
    (tmp_path / GLOSSARY_FILE).write_text("not toml at all", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not a valid glossary file"):
        load_glossary_for(tmp_path / "leaflet.md")
