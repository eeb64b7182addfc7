"""Is a post English? The export's language code when it names a language, else the text.

A post judged not English leaves tone, informality and voice, and the report says so; an English
writer told that thousands of their posts "were not in English" stops trusting everything else.
So the judgement leans English wherever the evidence is weak, and measures its errors on real
short posts (`bench/language.py`, evaluation/language/posts.csv, docs/performance.md):

1. The export's code wins when it is a real language ("en", "de", "pt-BR"); the codes X uses
   for "cannot tell" (`und`, `qme`, …) and an empty code leave the decision to the text.
2. Links, @handles, check-in places ("(@ Café Sol in Lisboa)", "@ Kota Denpasar" before a
   link, Swarm's "(with Ana at Warung Senja)"), the `#` of hashtags, emoji, digits and symbols
   are set aside: they are not language, and emoji bytes and foreign place names otherwise pull
   short English posts to other languages. Letters repeated for emphasis are cut to two ("sooo" → "soo").
3. A text written mostly in a script English does not use (CJK, Cyrillic, Arabic, …) is not
   English; one with too few letters to judge (a link, an emoji, "lol") is English.
4. A post with only ASCII letters, an English word no other candidate language uses every day
   ("the", "you", "with") and no everyday word of another ("und", "het", "que") is English:
   most English posts stop here, at a few microseconds, without the model.
5. Otherwise py3langid's naive Bayes model (Lui & Baldwin's langid.py; model shipped in the
   wheel) compares English with a set of languages a professional's archive plausibly holds,
   and the post is English unless another language beats English by a clear margin.

The margin and the shortcut's parameters were chosen on one half of the evaluation set and are
reported on the other (`bench/language.py --tune`, docs/performance.md).

The model is loaded once per process, on the first post that needs it: archives whose posts all
carry a language code (most X archives) never load it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import numpy as np

from profiles.analysis.tokens import plain_text

# Language codes the export uses for "cannot tell" (X: und, qst = very short, qht = hashtags
# only, qam = mentions only, qme = media only, zxx = no linguistic content): judged by the text.
UNDETERMINED_CODES = frozenset({"", "und", "qst", "qht", "qam", "qme", "zxx", "art", "qct"})
ENGLISH_CODE = "en"
# Fewer letters than this (after links, handles and hashtag marks are set aside) cannot be told
# apart reliably by any candidate measured: "Bed", "lol ok", "#tbt 😂".
MIN_LETTERS = 12
# Share of letters in a non-Latin script above which a post is not English.
FOREIGN_SCRIPT_SHARE = 0.5
# Latin-script languages English is compared with. Restricting the model to languages a
# professional's archive plausibly holds stops short English posts being read as Latin, Maltese
# or Volapük; non-Latin scripts are settled before the model is asked.
CANDIDATE_LANGUAGES = (
    "en", "de", "es", "fr", "nl", "it", "pt", "ca", "sv", "da", "nb", "fi", "pl", "cs", "sk", "hu",
    "ro", "hr", "sl", "tr", "id", "ms", "tl", "ga", "cy", "eu", "gl", "et", "lv", "lt", "sw", "af",
)  # fmt: skip
# Log-probability by which another language must beat English before a post is taken as not
# English (e^12, about 160,000 times likelier): a weak guess on a short, slangy post keeps it
# English. The smallest of 6, 8, 10, 12, 14 that keeps 99% of the English posts of the tuning
# half of evaluation/language/posts.csv (6: 98.5%, 10: 98.9%, 12: 99.0%); on the held-out
# half it keeps 99.5% and lets 0.6-2.7% of German, Spanish and Dutch posts through
# (docs/performance.md, "Language identification").
ENGLISH_MARGIN = 12.0
# Words English posts use all the time and posts in the other candidate languages do not: a
# post with CLEARLY_ENGLISH_MARKERS of them (counted with repeats), no word of OTHER_MARKERS
# and only ASCII letters is English without asking the model, which most English posts then
# skip. Left out on purpose, as everyday words of German, Dutch, French, Spanish, Tagalog,
# Scandinavian or Slavic posts: in, a, an, i, is, was, of, on, to, at, by, me, my, so, no, do,
# go, he, her, had, will, for, can, or, die, son.
ENGLISH_MARKERS = frozenset(
    {
        "the", "and", "you", "your", "you're", "with", "this", "that", "that's", "have", "are", "but",
        "not", "just", "what", "when", "they", "she", "their", "them", "there", "from", "about",
        "would", "should", "could", "been", "were", "has", "get", "got", "i'm", "i've", "don't",
        "it's", "can't", "didn't", "out", "how", "who", "why", "him", "his", "does", "did", "if",
        "want", "need", "know", "think", "going", "some", "never", "still", "really", "after",
        "much", "ever", "everyone", "only", "while", "through", "tonight", "today",
    }
)  # fmt: skip
# Everyday words of the other languages the evaluation holds (German, Dutch, French, Spanish,
# Portuguese, Italian, Indonesian, Tagalog): one of them sends the post to the model however
# many English markers it has ("Das ist the best day ever").
OTHER_MARKERS = frozenset(
    {
        "de", "en", "und", "der", "das", "ist", "nicht", "ich", "sie", "wir", "auf", "mit", "den",
        "dem", "ein", "eine", "zu", "im", "auch", "het", "een", "niet", "van", "ik", "op", "voor",
        "dat", "zijn", "ook", "maar", "naar", "que", "el", "la", "los", "las", "por", "con", "para",
        "es", "una", "del", "pero", "muy", "como", "se", "le", "les", "des", "est", "et", "pas", "je",
        "une", "du", "au", "dans", "pour", "sur", "avec", "mais", "il", "qui", "ne", "sa", "di",
        "che", "non", "della", "per", "sono", "os", "da", "em", "um", "ang", "mga", "ng", "yang",
        "dan", "ini", "itu", "untuk", "dengan", "tidak", "ada", "aku", "kamu",
    }
)  # fmt: skip
# The fewest markers for which the shortcut calls no post of another language English on the
# tuning half (with the Swarm check-ins set aside, one is enough): 74% of English posts then
# skip the model, against 53% with two (bench/language.py --tune).
CLEARLY_ENGLISH_MARKERS = 1

_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@[\w.]+")
_HASH_MARK = re.compile(r"(?<!\w)#(?=\w)")
# Foursquare's "(@ Place in City)", Instagram's "@ Place" before the link or the end, and
# Swarm's "(at Place)" / "(with Ana, Budi and 3 others at Place)" before its "[pic] — link":
# the app writes these in English whatever the post's language.
_CHECK_IN = re.compile(
    r"\(@ [^)]*\)|(?<!\S)@ [^\n@#]*?(?=https?://|$|\n)"
    r"|\((?:at|with) [^()]*\)(?=\s*(?:\[pic\]\s*)?(?:—\s*)?(?:https?://|$))"
)
_NOT_WORDS = re.compile(r"[^\w\s'.,!?-]|[\d_]")
_ELONGATION = re.compile(r"(\w)\1{2,}")
_NOT_ASCII_LETTERS = re.compile(r"[^A-Za-z]+")
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def is_english(language_code: str, text: str) -> bool:
    """True when the post is English: its export code if real, else its text (see the module)."""
    code = language_code.strip().lower().replace("_", "-").split("-")[0]
    if code not in UNDETERMINED_CODES:
        return code == ENGLISH_CODE
    return text_is_english(text)


@lru_cache(maxsize=50_000)
def text_is_english(text: str) -> bool:
    """Judge a post by its words alone; cached, as archives repeat texts (templates, greetings)."""
    words = language_text(text)
    if words.isascii():  # most posts: count letters without looking at each one's script
        latin, other = len(_NOT_ASCII_LETTERS.sub("", words)), 0
    else:
        latin = other = 0
        for character in words:
            if character.isalpha():
                if _is_latin(character):
                    latin += 1
                else:
                    other += 1
    if other > FOREIGN_SCRIPT_SHARE * (latin + other):
        return False
    if latin < MIN_LETTERS:
        return True
    if clearly_english(words):
        return True
    return english_margin(words) > -ENGLISH_MARGIN


def clearly_english(words: str) -> bool:
    """English without the model: every letter ASCII, enough English markers, no other's.

    A cheap, one-sided test: False means "ask the model", never "not English". Takes the
    running words of `language_text`.
    """
    if not words.isascii():  # é, ü, ñ, ß: evidence of another language the model must weigh
        return False
    english = 0
    for word in _ASCII_WORD.findall(words.lower()):
        if word in OTHER_MARKERS:
            return False
        english += word in ENGLISH_MARKERS
    return english >= CLEARLY_ENGLISH_MARKERS


def language_text(text: str) -> str:
    """The post's running words, as the identifier sees them (step 2 of the module's list)."""
    # Each pattern runs only when the character it needs is there: the searches cost 2-5 µs
    # each, most of this function's time on a post without handles or hashtags.
    text = plain_text(text)
    if "@" in text or "(" in text:
        text = _CHECK_IN.sub(" ", text)
    if "/" in text or ("." in text and "ww" in text.lower()):  # a path, a scheme or "www."
        text = _LINK.sub(" ", text)
    if "@" in text:
        text = _HANDLE.sub(" ", text)
    if "#" in text:
        text = _HASH_MARK.sub("", text)
    return _ELONGATION.sub(r"\1\1", _NOT_WORDS.sub(" ", text))


def english_margin(text: str) -> float:
    """log P(text | English) minus the best log P(text | another candidate language)."""
    model = _model()
    features = model.features(text)
    if not features:
        return 0.0
    indexes = np.fromiter(features.keys(), dtype=np.intp, count=len(features))
    counts = np.fromiter(features.values(), dtype=np.float64, count=len(features))
    scores = counts @ model.feature_weights[indexes] + model.priors
    english = scores[model.english_index]
    scores[model.english_index] = -np.inf
    return float(english - scores.max())


@lru_cache(maxsize=512)
def _is_latin(character: str) -> bool:
    return "LATIN" in unicodedata.name(character, "")


class _Model:
    """py3langid's byte n-gram naive Bayes model, restricted to CANDIDATE_LANGUAGES.

    Scores only the features a post has (a handful of the model's 7,480) instead of py3langid's
    dense product over all of them, which is most of its time on a short post.
    """

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415 - loaded on first use

        identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE)
        identifier.set_languages(list(CANDIDATE_LANGUAGES))
        self.languages: list[str] = list(identifier.nb_classes)
        self.english_index = self.languages.index(ENGLISH_CODE)
        self.feature_weights = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float64)
        self.priors = np.asarray(identifier.nb_pc, dtype=np.float64)
        self._next_state = identifier.tk_nextmove
        self._outputs = identifier.tk_output

    def features(self, text: str) -> Counter[int]:
        """Counts of the model's byte n-gram features in the text (langid.py's automaton)."""
        state = 0
        found: list[int] = []
        next_state, outputs = self._next_state, self._outputs
        for byte in text.encode("utf-8", errors="surrogatepass"):
            state = next_state[(state << 8) + byte]
            produced = outputs.get(state)
            if produced:
                found.extend(produced)
        return Counter(found)


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()


def load_language_model() -> None:
    """Load the model now (before forking workers, so that they share it)."""
    _model()
