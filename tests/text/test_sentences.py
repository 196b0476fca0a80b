from __future__ import annotations

from briefing.text.sentences import split_sentences


def texts(t):
    return [s.text for s in split_sentences(t)]


def test_offsets_index_the_text():
    t = "Syrian jets bombed Douma.  The U.S. condemned it! Why? Nobody knows."
    for s in split_sentences(t):
        assert t[s.start : s.end] == s.text


def test_abbreviations_titles_and_initials_do_not_split():
    t = "Gen. Kenneth McKenzie met Dr. Ali in Jan. 2020 with Ali A. Nabhan of the U.N. mission. It ended."
    assert texts(t) == [
        "Gen. Kenneth McKenzie met Dr. Ali in Jan. 2020 with Ali A. Nabhan of the U.N. mission.",
        "It ended.",
    ]


def test_us_ends_a_sentence_before_an_opener():
    assert texts("The U.S. is sending troops. They went to the U.S. The end.") == [
        "The U.S. is sending troops.",
        "They went to the U.S.",
        "The end.",
    ]


def test_quotes_close_the_sentence():
    assert texts('"We know what we hit," he said. Austin said: "Yes." Then he left.') == [
        '"We know what we hit," he said.',
        'Austin said: "Yes."',
        "Then he left.",
    ]


def test_datelines_are_their_own_sentence():
    for t, line in [
        ("Wed 05 Apr 2017 Syria attack symptoms. Victims died.", "Wed 05 Apr 2017"),
        (
            "Date of publication 7 July 2016 Video More than 33 people.",
            "Date of publication 7 July 2016",
        ),
        (
            "21.05.2017(updated 2139 21.05.2017) Get short URL 0 67 At least 45 people.",
            "21.05.2017(updated 2139 21.05.2017) Get short URL 0 67",
        ),
        ("Published October 3 2016 21 Syrian fighters.", "Published October 3 2016"),
        ("Last updated at Apr 232017 An Israeli attack.", "Last updated at Apr 232017"),
        ("15-02-2016 Dozens of Insurgents Killed.", "15-02-2016"),
    ]:
        first = split_sentences(t)[0]
        assert first.dateline and first.text == line


def test_paragraphs_and_lines():
    ss = split_sentences("One here.\n\nTwo here. Three\nFour")
    assert [s.text for s in ss] == ["One here.", "Two here.", "Three", "Four"]
    assert ss[0].paragraph < ss[1].paragraph == ss[2].paragraph


def test_a_credit_in_brackets_ends_a_caption_run_into_the_story():
    text = (
        "Civil defence workers help an injured woman after warplanes attacked a street in "
        "Aleppo (AP photo) BEIRUT Air strikes on a market in Idlib killed at least 21 "
        "civilians on Sunday. People inspect the damage. (TRT World and Agencies) The monitor "
        "said he had (in a statement) More to say."
    )
    got = [s.text for s in split_sentences(text)]
    assert got[:2] == [
        "Civil defence workers help an injured woman after warplanes attacked a street in "
        "Aleppo (AP photo)",
        "BEIRUT Air strikes on a market in Idlib killed at least 21 civilians on Sunday.",
    ]
    assert "(TRT World and Agencies)" in got
    assert got[-1] == "The monitor said he had (in a statement) More to say."
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_word_before_a_dot_is_the_expressions_word():
    """The backward scan finds the word the expression `_WORD_BEFORE_RE` finds, on
    abbreviations, initials, dotted acronyms, runs of dots and text with no word."""
    import random

    from briefing.text.sentences import _WORD_BEFORE_RE, _word_before

    texts = ["Gen. Ali", "U.S. forces", "Ali A. Nabhan", "...", "x.", ". .", "1.5", "é.", "a..b."]
    rng = random.Random(21)
    texts += [
        "".join(rng.choice("aZ.. x-1\n'é") for _ in range(rng.randint(1, 20))) for _ in range(20000)
    ]
    for t in texts:
        for dot in (i for i, c in enumerate(t) if c == "."):
            m = _WORD_BEFORE_RE.search(t, max(0, dot - 12), dot + 1)
            assert _word_before(t, dot) == (m.group(1) if m else None), (t, dot)
