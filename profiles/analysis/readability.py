"""Readability with textstat's counts and formulas, over windows of text rather than per post.

A 20-word post has one or two sentences, so a per-post Flesch score swings wildly. We count, per
post, what textstat counts (words, sentences, syllables, on the text with URLs, @handles and
#hashtags removed) and apply textstat's English formulas to the sums of a window (a month, the
whole history). Syllables are looked up once per distinct word and cached; the sum equals
`textstat.syllable_count` of the whole text because textstat also counts word by word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pyphen import Pyphen

from profiles.analysis.nltk_data import CMUDICT_FILE, ensure_nltk_data

# textstat's own word split (textstat.backend.selections.list_words with its defaults): drop
# apostrophes that do not start a contraction ending, then all other punctuation.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION_BUT_APOSTROPHE = re.compile(r"[^\w\s\']")
# textstat's sentences (backend.counts.count_sentences): a run of text up to its end marks.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")

# textstat's English constants (LANG_CONFIGS["en"] and flesch_kincaid_grade).
FRE_BASE, FRE_SENTENCE_LENGTH, FRE_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6
FKG_SENTENCE_LENGTH, FKG_SYLLABLES_PER_WORD, FKG_BASE = 0.39, 11.8, -15.59


class TextCounts(NamedTuple):
    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: object) -> TextCounts:
        if not isinstance(other, TextCounts):
            return NotImplemented
        return TextCounts(self.words + other.words, self.sentences + other.sentences, self.syllables + other.syllables)


def words_of(text: str) -> list[str]:
    """The lower-cased words textstat counts in `text`."""
    return _PUNCTUATION_BUT_APOSTROPHE.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()


def sentence_count(text: str) -> int:
    """textstat's `sentence_count`: the sentences of more than two words, at least 1 (0 for no text).

    The same rule as textstat's, without its four cached layers and per-call pattern look-ups:
    a third less time (`tests/profiles/analysis/test_tone.py` compares the two).
    """
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    short = sum(1 for sentence in sentences if len(words_of(sentence)) <= 2)
    return max(1, len(sentences) - short)


@lru_cache(maxsize=1)
def _pronounced_syllables() -> dict[str, int]:
    """Syllables of each word's first pronunciation in the CMU dictionary, as textstat counts them.

    textstat reads the same file through NLTK's corpus reader (0.8 s); reading it directly takes
    a quarter of that, once per process.
    """
    syllables: dict[str, int] = {}
    with (ensure_nltk_data() / CMUDICT_FILE).open(encoding="utf-8") as lines:
        for line in lines:
            word, _variant, *phones = line.split()
            # The first pronunciation listed is the one textstat uses (cmudict.dict()[word][0]).
            syllables.setdefault(word.lower(), sum(1 for phone in phones if phone[-1].isdigit()))
    return syllables


@lru_cache(maxsize=200_000)
def syllables_in_word(word: str) -> int:
    """textstat's syllable count of one word: CMU dictionary, else Pyphen's hyphenation points + 1."""
    known = _pronounced_syllables().get(word)
    if known is not None:
        return known
    return len(_hyphenator().positions(word)) + 1


@lru_cache(maxsize=1)
def _hyphenator() -> Pyphen:
    # textstat's fallback for words the dictionary lacks, with textstat's default language.
    return Pyphen(lang="en_US")


NO_TEXT = TextCounts()


def text_counts(text: str) -> TextCounts:
    """Words, sentences and syllables of one post's prose, as textstat counts them."""
    words = words_of(text)
    if not words:
        return NO_TEXT
    ensure_nltk_data()
    return _shared_counts(len(words), sentence_count(text), sum(map(syllables_in_word, words)))


# Posts share few distinct counts (1,423 in the 100,000-post bench history): one object each rather
# than one per post (8 MB at 100,000 posts, held until the profile is assembled).
_shared_counts = lru_cache(maxsize=20_000)(TextCounts)


def flesch_reading_ease(counts: TextCounts) -> float | None:
    """206.835 - 1.015 × words/sentence - 84.6 × syllables/word; higher is easier (60–70 is plain English)."""
    if not counts.words or not counts.sentences:
        return None
    return (
        FRE_BASE
        - FRE_SENTENCE_LENGTH * counts.words / counts.sentences
        - FRE_SYLLABLES_PER_WORD * (counts.syllables / counts.words)
    )


def flesch_kincaid_grade(counts: TextCounts) -> float | None:
    """0.39 × words/sentence + 11.8 × syllables/word - 15.59: the US school grade needed to follow."""
    if not counts.words or not counts.sentences:
        return None
    return (
        FKG_SENTENCE_LENGTH * counts.words / counts.sentences
        + FKG_SYLLABLES_PER_WORD * counts.syllables / counts.words
        + FKG_BASE
    )
