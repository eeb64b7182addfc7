"""The engine's sentiment is NLTK's VADER on the emoji-translated text, exactly, however fast."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from profiles.analysis.nltk_data import VADER_LEXICON_RESOURCE, emoji_descriptions, ensure_nltk_data
from profiles.analysis.sentiment import VaderScorer, translate_emoji

OPENINGS = ["", "Honestly, ", "Well... ", "OMG ", "Not gonna lie: ", "@resident4 ", "#Update: ", "(Sigh) "]
CLAUSES = [
    "I love this town",
    "the service was NOT good",
    "this is kind of bad",
    "what a great day",
    "we are not happy about the delays",
    "never so proud of the team",
    "it was the least helpful call",
    "at least nobody was hurt",
    "the roads are AWFUL tonight",
    "thanks so much for the support",
    "this isn't fine at all",
    "I can't believe how rude people were",
    "sort of okay I guess",
    "the results are extremely disappointing",
    "kind of amazing tbh",
    "no words",
    "yay!!",
    "meh :(",
    "lol :D",
    "that's hilarious, cheers",
]
JOINERS = [", but ", " and ", ". ", " BUT ", "; ", " - "]
ENDINGS = ["", "!", "!!!", "?", "??", "?!?", ".", " :)", " :-(", " <3", " 😂", " 😍😍", "😡", " 🙏🏽", " 👍"]


def varied_posts(count: int, seed: int = 11) -> list[str]:
    generator = random.Random(seed)  # noqa: S311 - reproducible test data
    posts = []
    for _ in range(count):
        clauses = [generator.choice(CLAUSES) for _ in range(generator.randint(1, 3))]
        text = generator.choice(OPENINGS) + clauses[0]
        for clause in clauses[1:]:
            text += generator.choice(JOINERS) + clause
        text += generator.choice(ENDINGS)
        if generator.random() < 0.2:
            text = text.upper()
        if generator.random() < 0.2:
            text += " https://example.org/news/" + str(generator.randint(1, 99))
        posts.append(text)
    return posts


@pytest.fixture(scope="module")
def nltk_vader() -> SentimentIntensityAnalyzer:
    ensure_nltk_data()
    return SentimentIntensityAnalyzer(lexicon_file=VADER_LEXICON_RESOURCE)


@pytest.fixture(scope="module")
def scorer() -> VaderScorer:
    return VaderScorer()


def test_it_scores_every_post_exactly_as_nltk_does(nltk_vader: SentimentIntensityAnalyzer, scorer: VaderScorer) -> None:
    posts = varied_posts(400)
    assert len(set(posts)) > 300
    for text in posts:
        translated = translate_emoji(text)
        assert scorer.polarity_scores(translated) == nltk_vader.polarity_scores(translated), text
        assert scorer.compound(translated) == nltk_vader.polarity_scores(translated)["compound"]


def test_the_sample_covers_the_hard_cases(scorer: VaderScorer) -> None:
    posts = varied_posts(400)
    assert any("but" in p.lower() for p in posts)
    assert any("NOT" in p for p in posts)
    assert any("😂" in p for p in posts)
    assert {scorer.compound(translate_emoji(p)) > 0.05 for p in posts} == {True, False}


WORDS = st.sampled_from(
    ["good", "bad", "not", "very", "GREAT", "but", "kind", "of", "never", "so", "least", "at", "!!", "?", ":)", ":(",
     "(great)", "bad!", "'nice'", "no", "can't", "ok", "the", "a", "😂", "😡", ",", "...", "sort"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=14).map(" ".join))
def test_any_arrangement_of_tricky_words_scores_as_nltk(text: str) -> None:
    ensure_nltk_data()
    reference = SentimentIntensityAnalyzer(lexicon_file=VADER_LEXICON_RESOURCE)
    translated = translate_emoji(text)
    assert VaderScorer().polarity_scores(translated) == reference.polarity_scores(translated)


def _vader_sentiment_translation(text: str) -> str:
    """vaderSentiment's own emoji loop (vaderSentiment.py, polarity_scores), kept as the specification."""
    emojis = emoji_descriptions()
    text_no_emoji = ""
    prev_space = True
    for character in text:
        if character in emojis:
            if not prev_space:
                text_no_emoji += " "
            text_no_emoji += emojis[character]
            prev_space = False
        else:
            text_no_emoji += character
            prev_space = character == " "
    return text_no_emoji.strip()


@pytest.mark.parametrize(
    "text",
    ["Love it😍😍 so much 😂", "😂", "  padded 👍 ", "no emoji at all", "🙏🏽 thanks", "a😡b", "ok 😂😂😂!"],
)
def test_emoji_become_their_descriptions_as_vader_sentiment_does(text: str) -> None:
    assert translate_emoji(text) == _vader_sentiment_translation(text)


def test_emoji_count_towards_sentiment(scorer: VaderScorer) -> None:
    assert scorer.compound(translate_emoji("Finished the shift 😍")) > 0.3
    assert scorer.compound(translate_emoji("Finished the shift 😢")) < -0.3
