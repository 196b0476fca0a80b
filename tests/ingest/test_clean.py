"""Text cleaning: what readers rely on when they skip work."""

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest.clean import _CONTROL, clean_text

# Characters cleaning acts on, mixed with plain ones, so that examples hit its rules.
_TRICKY = st.sampled_from(
    list("ab .,\n\r\t\f\x00\x07\x0b\x1b\x7f\x85\x9f\u00a0\u2000\u200b\u202e\u2066\ufeff")
    + ["e\u0301", "\u212b", "\x1b[31m", "  \n ", "\n\n\n"]
)
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_cleaning_a_clean_text_leaves_it_as_it_is(text):
    # build_article cleans once more only when boilerplate was cut
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_no_control_character_survives_cleaning(text):
    # an ASCII text is checked for controls byte by byte before the regex runs
    assert not _CONTROL.search(clean_text(text))
    assert "\r" not in clean_text(text)
