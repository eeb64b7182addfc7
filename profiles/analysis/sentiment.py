"""Sentiment with NLTK's VADER, emoji included, giving exactly NLTK's scores but several times faster.

NLTK's `SentimentIntensityAnalyzer.polarity_scores` spends most of its time building, for every
post, a dictionary of every word glued to every punctuation mark (`SentiText._words_plus_punc`),
only to strip a leading or trailing mark from each token. `VaderScorer` finds the same tokens
directly and then runs NLTK's own valence rules (`sentiment_valence`, `_but_check`,
`score_valence`), so the scores are NLTK's by construction; `tests/profiles/analysis/
test_sentiment.py` checks them against `polarity_scores` over hundreds of varied posts.

NLTK's port ignores emoji, so each emoji is first replaced by its description from
vaderSentiment's emoji lexicon, the way vaderSentiment itself does it ("love it 😍" scores as
"love it smiling face with heart-eyes").
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from profiles.analysis.nltk_data import VADER_LEXICON_RESOURCE, emoji_descriptions, ensure_nltk_data
from profiles.analysis.nltk_loader import vader

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# NLTK's own pattern (every ASCII punctuation mark), compiled by the standard library's `re`:
# NLTK compiles it with a per-call timeout guard, which made removing punctuation 4x slower.
_ASCII_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")


@lru_cache(maxsize=1)
def _descriptions() -> dict[str, str]:
    # vaderSentiment matches one character at a time, so only one-character keys can ever match.
    return {emoji: description for emoji, description in emoji_descriptions().items() if len(emoji) == 1}


def translate_emoji(text: str) -> str:
    """Replace each emoji by its description, spaced exactly as vaderSentiment does, and strip."""
    if text.isascii():
        return text.strip()
    descriptions = _descriptions()
    pieces: list[str] = []
    done = 0
    for match in _NON_ASCII.finditer(text):
        character = match.group()
        description = descriptions.get(character)
        if description is None:
            continue
        start = match.start()
        pieces.append(text[done:start])
        # vaderSentiment puts a space before a description unless the text so far ends in one.
        if start != 0 and text[start - 1] != " ":
            pieces.append(" ")
        pieces.append(description)
        done = start + 1
    pieces.append(text[done:])
    return "".join(pieces).strip()


class VaderScorer(vader.SentimentIntensityAnalyzer):
    """NLTK's analyser with a fast, equivalent tokenisation and a cache for repeated texts."""

    def __init__(self, cache_size: int = 50_000) -> None:
        ensure_nltk_data()
        super().__init__(lexicon_file=VADER_LEXICON_RESOURCE)
        self._punctuation_marks = frozenset(self.constants.PUNC_LIST)
        self._boosters = self.constants.BOOSTER_DICT
        self.compound = lru_cache(maxsize=cache_size)(self._compound)
        self._valences: dict[tuple[tuple[str, ...], int, bool], float] = {}
        self._valence_cache_size = cache_size

    def _compound(self, text: str) -> float:
        """VADER's compound score in [-1, 1] of a text whose emoji are already translated.

        NLTK's `score_valence` step for step, without the positive, negative and neutral
        proportions nobody reads. A text with no word of the lexicon scores 0.0 there too: every
        rule only scales a lexicon word's valence, and the normalised sum of zeros is 0.
        """
        tokens = self.words_and_emoticons(text)
        lowered = [token.lower() for token in tokens]
        if self.lexicon.keys().isdisjoint(lowered):
            return 0.0
        sentiments = self._sentiments(text, tokens, lowered)
        total = float(sum(sentiments))
        emphasis = self._punctuation_emphasis(total, text)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        return round(self.constants.normalize(total), 4)

    def words_and_emoticons(self, text: str) -> list[str]:
        """The tokens NLTK's `SentiText` makes of `text`, without its per-post dictionary.

        SentiText keeps whitespace-split tokens longer than one character and replaces a token
        that is a punctuation-free word with one PUNC_LIST mark glued before or after it by the
        word alone, where "word" means a token of the text with all ASCII punctuation removed.
        As such words contain no punctuation, a glued mark can only be the whole leading or
        trailing run of punctuation, which is what this looks up.
        """
        words = [token for token in _ASCII_PUNCTUATION.sub("", text).split() if len(token) > 1]
        if not words:
            return [token for token in text.split() if len(token) > 1]
        known = set(words)
        marks = self._punctuation_marks
        tokens = []
        for token in text.split():
            if len(token) <= 1:
                continue
            if token in known:
                tokens.append(token)
                continue
            core = token.rstrip(string.punctuation)
            if core != token and core in known and token[len(core) :] in marks:
                tokens.append(core)
                continue
            core = token.lstrip(string.punctuation)
            if core != token and core in known and token[: len(token) - len(core)] in marks:
                tokens.append(core)
                continue
            tokens.append(token)
        return tokens

    def polarity_scores(self, text: str) -> dict[str, float]:
        """NLTK's `polarity_scores`, step for step, over `words_and_emoticons`."""
        tokens = self.words_and_emoticons(text)
        return self.score_valence(self._sentiments(text, tokens, [token.lower() for token in tokens]), text)

    def _sentiments(self, text: str, tokens: list[str], lowered: list[str]) -> list[float]:
        """Each token's valence after NLTK's rules, "but" included (`lowered`: the tokens in lower case)."""
        sentitext = _SentiTextView(text, tokens)
        lexicon = self.lexicon
        boosters = self._boosters
        first_index: dict[str, int] = {}
        for index, token in enumerate(tokens):
            first_index.setdefault(token, index)
        sentiments: list[float] = []
        last = len(tokens) - 1
        for token, word in zip(tokens, lowered, strict=True):
            # NLTK locates a repeated token at its first occurrence (list.index); so do we.
            index = first_index[token]
            if (
                word in boosters
                or (word == "kind" and index < last and lowered[index + 1] == "of")
                or word not in lexicon
            ):
                sentiments.append(0)
            else:
                sentiments.append(self._valence(sentitext, token, index))
        # NLTK's `_but_check` changes nothing unless "but" is one of the tokens.
        return self._but_check(tokens, sentiments) if "but" in lowered else sentiments

    def _valence(self, sentitext: _SentiTextView, token: str, index: int) -> float:
        """NLTK's `sentiment_valence` of one lexicon word, cached by everything it reads.

        The rules look at most three tokens back and two ahead, at whether the word is near the
        start, and at the text's all-caps mix; the same window always gives the same valence.
        """
        tokens = sentitext.words_and_emoticons
        key = (tuple(tokens[max(0, index - 3) : index + 3]), min(index, 3), sentitext.is_cap_diff)
        valence = self._valences.get(key)
        if valence is None:
            valence = self.sentiment_valence(0, sentitext, token, index, [])[-1]
            if len(self._valences) >= self._valence_cache_size:
                self._valences.clear()
            self._valences[key] = valence
        return valence


class _SentiTextView:
    """The two attributes of NLTK's SentiText that its valence rules read."""

    __slots__ = ("is_cap_diff", "words_and_emoticons")

    def __init__(self, text: str, tokens: list[str]) -> None:
        self.words_and_emoticons = tokens
        capitals = sum(1 for token in tokens if token.isupper())
        self.is_cap_diff = 0 < len(tokens) - capitals < len(tokens)
