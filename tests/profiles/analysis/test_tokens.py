"""Tokens: plain quotes and letters before every lexicon, and links with or without a scheme."""

from __future__ import annotations

import pytest

from profiles.analysis.features import PostFeatures, informality_markers, post_features
from profiles.analysis.sentiment import VaderScorer
from profiles.analysis.thresholds import Thresholds
from profiles.analysis.tokens import plain_text, prose, tokenize
from profiles.analysis.voice_signals import own_words, signals_of
from tests.profiles.analysis.factories import bold, make_post


def _features(text: str) -> PostFeatures:
    return post_features(make_post(text), scorer=VaderScorer(), thresholds=Thresholds())


@pytest.mark.parametrize("apostrophe", ["\u2019", "\u2018", "\u02bc", "\u2032"])
def test_it_reads_typographic_apostrophes_as_plain_ones(apostrophe: str) -> None:
    assert ("word", "I'm") in tokenize(f"I{apostrophe}m here")
    assert ("word", "don't") in tokenize(f"don{apostrophe}t")


def test_it_makes_typographic_double_quotes_plain() -> None:
    assert plain_text("\u201cQuoted\u201d and \u00abcit\u00e9\u00bb") == '"Quoted" and "cit\u00e9"'


def test_styled_letters_and_digits_are_read_as_plain_ones() -> None:
    styled = bold("New preprint is out in 2025!") + " \uff28\uff45\uff4c\uff4c\uff4f"  # and full-width "Hello"
    assert styled != "New preprint is out in 2025! Hello"
    assert plain_text(styled) == "New preprint is out in 2025! Hello"
    assert len(plain_text(styled)) == len(styled)
    words = [text for kind, text in tokenize(styled) if kind == "word"]
    assert words == ["New", "preprint", "is", "out", "in", "Hello"]


def test_symbols_that_only_look_like_letters_stay_as_they_are() -> None:
    # The information emoji, a trademark and a degree sign have no single plain letter.
    assert plain_text("\u2139\ufe0f details \u2122 \u2103") == "\u2139\ufe0f details \u2122 \u2103"


def test_a_post_in_bold_letters_scores_like_the_same_post_in_plain_ones() -> None:
    plain = _features("Honestly I love this new preprint, so proud of the team")
    styled = _features(bold("Honestly") + " I love this new preprint, so " + bold("proud") + " of the team")
    assert styled.sentiment == plain.sentiment != 0
    assert styled.voice == plain.voice


def test_a_curly_apostrophe_scores_like_a_straight_one_in_every_lexicon() -> None:
    straight = _features("I'm not happy, I don't like how it's gone today")
    curly = _features("I\u2019m not happy, I don\u2019t like how it\u2019s gone today")
    # Sentiment (VADER's negation "don't"), informality (contractions) and voice ("i'm").
    assert curly.sentiment == straight.sentiment
    assert (curly.informal_markers, curly.formal_markers) == (straight.informal_markers, straight.formal_markers)
    assert curly.voice == straight.voice
    assert "first_person" in signals_of(own_words(curly_text := "I\u2019m here"), kind="original", to_person=False)
    assert own_words(curly_text).tokens == own_words("I'm here").tokens


def test_curly_contractions_count_as_contractions() -> None:
    text = "it\u2019s grand, we\u2019re off"
    informal, _ = informality_markers(tokenize(text))
    assert informal == 2  # two contractions, nothing else informal


@pytest.mark.parametrize(
    "link",
    ["about.me/talks", "www.x.org/y", "bit.ly/abc", "example.com", "gov.uk/report-a-crime", "https://t.co/abc"],
)
def test_it_reads_links_with_or_without_a_scheme_as_one_url_token(link: str) -> None:
    assert tokenize(f"See {link} today") == [("word", "See"), ("url", link), ("word", "today")]
    assert link not in prose(f"See {link} today")


def test_a_scheme_less_link_is_not_read_as_words() -> None:
    words = [token for kind, token in tokenize("My talks: about.me/talks") if kind == "word"]
    assert words == ["My", "talks"]  # not "about", "me", "talks"
    assert "first_person" not in signals_of(own_words("Slides at about.me/talks"), kind="original", to_person=False)


def test_trailing_punctuation_is_not_part_of_a_scheme_less_link() -> None:
    assert tokenize("Read bit.ly/abc, then reply.")[1] == ("url", "bit.ly/abc")


@pytest.mark.parametrize("text", ["done.Next", "e.g. this", "U.S. policy", "1.5/10", "bob@example.com"])
def test_words_joined_by_a_full_stop_are_not_links(text: str) -> None:
    assert all(kind != "url" for kind, _ in tokenize(text))
