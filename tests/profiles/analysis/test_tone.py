"""Sentiment shares, informality and readability over windows, worked out by hand."""

from __future__ import annotations

import textstat

from profiles.analysis import AnalysisContext, analyse
from profiles.analysis.features import informality_markers
from profiles.analysis.nltk_data import ensure_nltk_data
from profiles.analysis.readability import text_counts
from profiles.analysis.tokens import prose, tokenize
from samples.histories import varied_history
from tests.profiles.analysis.factories import make_post
from tests.profiles.analysis.test_sentiment import varied_posts


def test_sentiment_shares_use_vaders_cut_offs() -> None:
    posts = [
        make_post("What a wonderful, happy day", when="2024-01-01 10:00"),
        make_post("Terrible, awful news tonight", when="2024-01-02 10:00"),
        make_post("The meeting is at noon", when="2024-01-03 10:00"),
        make_post("Great work everyone", when="2024-02-01 10:00"),
    ]
    tone = analyse(posts, AnalysisContext(timezone="UTC")).profile.tone
    assert (tone.positive_share, tone.neutral_share, tone.negative_share) == (0.5, 0.25, 0.25)
    assert tone.most_negative == [posts[1].external_id]
    assert [month.month for month in tone.by_month] == ["2024-01", "2024-02"]
    assert tone.by_month[1].positive_share == 1.0


def test_informality_counts_markers_of_each_kind() -> None:
    casual = "lol I can't believe it's Friday already!! 😂 see you there?"
    informal, formal = informality_markers(tokenize(casual))
    # lol (interjection), I (first person), you (second person), can't and it's (contractions),
    # !! (an exclamation and repeated punctuation), 😂 (emoji), ? after "you" (a question to the reader).
    assert informal == 9
    # Nothing formal: no long words, nominalisations, passives or third person, and it has contractions.
    assert formal == 0
    formal_text = "The implementation of the regulations was completed by the department in accordance with guidance"
    informal, formal = informality_markers(tokenize(formal_text))
    assert informal == 0
    # implementation, regulations, department, accordance: long word and nominalisation (2 each = 8);
    # completed: long word; "was completed": passive; guidance: nominalisation; and no contraction
    # in 14 words: 8 + 1 + 1 + 1 + 1.
    assert formal == 12


def test_readability_is_textstats_over_the_whole_window_without_links_or_handles() -> None:
    ensure_nltk_data()
    texts = [
        "Thanks @resident4 for the photo. The park looks lovely today! https://example.org/p #spring",
        "Roadworks continue on the high street. Expect delays until Friday.",
    ]
    for text in texts:
        counts = text_counts(prose(text))
        assert counts.words == textstat.lexicon_count(prose(text))
        assert counts.sentences == textstat.sentence_count(prose(text))
        assert counts.syllables == textstat.syllable_count(prose(text))
    words = sum(text_counts(prose(t)).words for t in texts)
    sentences = sum(text_counts(prose(t)).sentences for t in texts)
    syllables = sum(text_counts(prose(t)).syllables for t in texts)
    expected = 206.835 - 1.015 * words / sentences - 84.6 * syllables / words
    tone = analyse([make_post(t) for t in texts]).profile.tone
    assert tone.flesch_reading_ease == round(expected, 1)


def test_our_counts_equal_textstats_on_varied_posts() -> None:
    ensure_nltk_data()
    texts = [tweet.text for tweet in varied_history(300, seed=4)] + varied_posts(200)
    for text in texts:
        cleaned = prose(text)
        assert text_counts(cleaned) == (
            textstat.lexicon_count(cleaned),
            textstat.sentence_count(cleaned),
            textstat.syllable_count(cleaned),
        ) or not textstat.lexicon_count(cleaned), text
