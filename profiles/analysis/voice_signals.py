"""What the voice classifier reads in one post: the poster's own words, their shapes, their n-grams.

Attribution first: words in double quotes ("…", “…”) and a manual retweet ("RT @x: …") are
somebody else's, so they are removed before anything is measured; a quoted author's "I" must
not make a post personal (docs/voice.md "Attribution").

Two kinds of feature come out:
- structural signals (`SIGNALS`), each named in plain words so that a coach can read why a post
  was judged as it was: a headline and a link with no comment, a call to action, a reply to a
  person, first-person stance, emoji...;
- lexical terms: the own words, word pairs and character 3- and 4-grams inside words, hashed
  into 2**HASH_BITS buckets with CRC-32 (the same in every process, unlike `hash()`).

Both are the same functions at training (`profiles.analysis.voice_training`) and at inference
(`profiles.analysis.voice_model`), so the model sees at run time exactly what it learnt from.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from profiles.analysis import lexicons
from profiles.analysis.tokens import Token, tokenize

HASH_BITS = 18
_HASH_MASK = (1 << HASH_BITS) - 1
CHAR_GRAM_SIZES = (3, 4)

# Plain words for each structural signal: what the report prints beside a post.
SIGNALS: dict[str, str] = {
    "headline_and_link": "a headline and a link, no comment of your own",
    "link_with_few_words": "a link with hardly a word of your own",
    "via_source": "a source credited with “via @…”",
    "label_and_colon": "opens with a label and a colon (“New paper: …”)",
    "title_case": "headline capitalisation",
    "call_to_action": "a call to action (“register now”, “find out more”)",
    "announcement": "an announcement (“pleased to announce”, “now available”, “new paper”)",
    "notice": "a notice: a reminder, a time, a closure or a deadline",
    "several_hashtags": "several hashtags",
    "several_mentions": "several @names",
    "reply_to_person": "a reply to another person",
    "addresses_person": "addressed to someone by name",
    "question_to_followers": "a question to your followers",
    "question_in_reply": "a question back in a conversation",
    "first_person": "speaks as “I”",
    "second_person": "talks to “you”",
    "institutional_we": "speaks as an organisation (“we”, “our”)",
    "contraction": "contractions (“it's”, “can't”)",
    "interjection": "an interjection (“wow”, “ha”, “ugh”)",
    "stance_word": "words of opinion or feeling (“think”, “love”, “gutted”)",
    "emoji": "emoji or emoticons",
    "exclamation": "an exclamation mark",
    "lower_case_start": "starts in lower case",
    "stretched_word": "stretched words (“sooo”)",
    "shouted_word": "a word in capitals",
    "figures": "dates, times or figures",
    "quote_post": "a quote of another post",
    "quoted_words": "quotes someone else's words",
    "manual_retweet": "passes on someone else's post (“RT @…”)",
    "few_own_words": "only a few words of your own",
    "long_post": "a long post",
}
SIGNAL_NAMES = tuple(SIGNALS)

_QUOTED = re.compile(r"\"[^\"]{3,}\"|“[^”]{3,}”")
_MANUAL_RETWEET = re.compile(r"\b(?:RT|MT)\s*@\w+:?.*$", re.IGNORECASE | re.DOTALL)
_VIA = re.compile(r"\b(?:via|h/t|ht|by)\s+@\w+", re.IGNORECASE)
_LABEL_COLON = re.compile(r"^\W*(?:[A-Za-z][\w'’\-]*\s+){0,3}[A-Za-z][\w'’\-]*\s*:\s")
_CALL_TO_ACTION = re.compile(
    r"\b(?:register|sign up|signup|find out|learn more|read more|read the|click|download|subscribe|"
    r"check out|check it out|don't miss|do not miss|join us|tune in|watch (?:live|now|the|here)|rsvp|"
    r"apply (?:now|today|here)|get (?:your|tickets)|book (?:now|your)|visit|follow us|share this|"
    r"see more|more info|more details|details (?:here|at)|listen (?:now|here)|vote for|donate)\b"
)
_ANNOUNCEMENT = re.compile(
    r"\b(?:announc\w*|pleased to|proud to (?:announce|present)|introducing|now available|now open|"
    r"launch\w*|we are hiring|we're hiring|hiring|coming soon|save the date|tickets|webinar|"
    r"live now|new (?:paper|post|blog|video|episode|report|article|study|issue|release|version|"
    r"book|podcast|edition)|out now|available now|is out|just published|press release|welcome to)\b"
)
_NOTICE = re.compile(
    r"\b(?:reminder|closed|closure|delays?|disruption|alert|warning|notice|deadline|due (?:by|on)|"
    r"opening hours|today at|tonight at|tomorrow at|this (?:morning|afternoon|evening) at|"
    r"\d{1,2}(?::\d\d)?\s?(?:am|pm)|live at|hearing|town hall|meeting)\b"
)
_STRETCHED = re.compile(r"([a-z])\1\1")
# "we" after these is a question or suggestion among people ("can we…?"), not an institution.
_WE_ASKING = frozenset({"can", "could", "should", "shall", "would", "will", "do", "did", "may", "might", "must", "if"})
# English function words: what is left of a post once they are taken out is its content.
FUNCTION_WORDS = frozenset(
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
        "is", "are", "was", "were", "be", "been", "it", "this", "that", "these", "those", "i", "you",
        "he", "she", "we", "they", "my", "your", "our", "their", "not", "no", "do", "does", "did", "have",
        "has", "had", "will", "would", "can", "could", "should", "if", "so", "as", "all", "just", "up",
        "out", "about", "what", "who", "when", "where", "how", "there", "here", "me", "us", "them",
    }
)  # fmt: skip
_PLACEHOLDERS = {"url": "<url>", "handle": "<user>", "number": "<num>", "hashtag": "<tag>"}


class OwnWords(NamedTuple):
    """The poster's own text, with what attribution took out."""

    text: str
    tokens: list[Token]
    quoted_words: bool
    manual_retweet: bool


def normalise_apostrophes(text: str) -> str:
    """Typographic apostrophes as plain ones: `I’m` is `I'm`."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def own_words(text: str, tokens: list[Token] | None = None) -> OwnWords:
    """The text with quoted words and a manual retweet removed; `tokens` reused when nothing was."""
    retweet = _MANUAL_RETWEET.search(text)
    own = text[: retweet.start()] if retweet else text
    quoted = _QUOTED.search(own) is not None
    if quoted:
        own = _QUOTED.sub(" ", own)
    if tokens is None or quoted or retweet:
        tokens = tokenize(own)
    return OwnWords(own, tokens, quoted, retweet is not None)


class _Counts(NamedTuple):
    words: list[str]
    handles: int
    hashtags: int
    urls: int
    numbers: int
    emoji: int
    exclamation: bool
    question: bool


def _counts(own: OwnWords) -> _Counts:
    words: list[str] = []
    handles = hashtags = urls = numbers = emoji = 0
    exclamation = question = False
    for part, text in own.tokens:
        if part == "word":
            words.append(normalise_apostrophes(text.lower()))
        elif part == "handle":
            handles += 1
        elif part == "hashtag":
            hashtags += 1
        elif part == "url":
            urls += 1
        elif part == "number":
            numbers += 1
        elif part in ("emoji", "emoticon"):
            emoji += text not in ("\ufe0f", "\u200d")
        elif part == "punctuation":
            exclamation = exclamation or "!" in text
            question = question or "?" in text
    return _Counts(words, handles, hashtags, urls, numbers, emoji, exclamation, question)


def signals_of(own: OwnWords, *, kind: str, to_person: bool) -> dict[str, float]:
    """The structural signals present in the post (value 1.0 each), by name.

    `kind` is the post's kind (original, reply, quote); `to_person` is True for a reply to
    someone else (a reply to oneself is a thread, read as an original).
    """
    counts = _counts(own)
    word_set = set(counts.words)
    first_person = not word_set.isdisjoint(lexicons.FIRST_PERSON_SINGULAR)
    second_person = not word_set.isdisjoint(lexicons.SECOND_PERSON)
    found = _broadcast_signals(own, counts)
    if counts.urls and not to_person:
        stance = first_person or second_person or counts.exclamation or counts.question or counts.emoji
        if not stance:
            found.append("headline_and_link")
    found.extend(_conversation_signals(own, counts, to_person=to_person))
    if first_person:
        found.append("first_person")
    if second_person:
        found.append("second_person")
    if _institutional_we(counts.words):
        found.append("institutional_we")
    found.extend(_register_signals(own, counts, word_set))
    if kind == "quote":
        found.append("quote_post")
    if own.quoted_words:
        found.append("quoted_words")
    if own.manual_retweet:
        found.append("manual_retweet")
    if len(counts.words) <= 4:
        found.append("few_own_words")
    if len(counts.words) >= 20:
        found.append("long_post")
    return dict.fromkeys(found, 1.0)


def _broadcast_signals(own: OwnWords, counts: _Counts) -> list[str]:
    found = []
    lowered = normalise_apostrophes(own.text.lower())
    if counts.urls and len(counts.words) <= 3:
        found.append("link_with_few_words")
    if _VIA.search(own.text):
        found.append("via_source")
    if _LABEL_COLON.match(own.text):
        found.append("label_and_colon")
    capitalised = [text for part, text in own.tokens if part == "word" and len(text) >= 4]
    if len(capitalised) >= 3 and sum(text[0].isupper() for text in capitalised) >= 0.6 * len(capitalised):
        found.append("title_case")
    for name, pattern in (("call_to_action", _CALL_TO_ACTION), ("announcement", _ANNOUNCEMENT), ("notice", _NOTICE)):
        if pattern.search(lowered):
            found.append(name)
    if counts.hashtags >= 2:
        found.append("several_hashtags")
    if counts.handles >= 3:
        found.append("several_mentions")
    if counts.numbers >= 2:
        found.append("figures")
    return found


def _conversation_signals(own: OwnWords, counts: _Counts, *, to_person: bool) -> list[str]:
    if to_person:
        return ["reply_to_person", "question_in_reply"] if counts.question else ["reply_to_person"]
    found = []
    if own.tokens and own.tokens[0][0] == "handle":
        found.append("addresses_person")
    if counts.question:
        found.append("question_to_followers")
    return found


def _register_signals(own: OwnWords, counts: _Counts, word_set: set[str]) -> list[str]:
    found = []
    if any(lexicons.CONTRACTION.match(word) for word in counts.words):
        found.append("contraction")
    if not word_set.isdisjoint(lexicons.INTERJECTIONS):
        found.append("interjection")
    if not word_set.isdisjoint(lexicons.STANCE):
        found.append("stance_word")
    if counts.emoji:
        found.append("emoji")
    if counts.exclamation:
        found.append("exclamation")
    if own.tokens and own.tokens[0][0] == "word" and own.tokens[0][1][:1].islower():
        found.append("lower_case_start")
    if any(_STRETCHED.search(word) for word in counts.words):
        found.append("stretched_word")
    if any(len(text) >= 3 and text.isupper() for part, text in own.tokens if part == "word"):
        found.append("shouted_word")
    return found


def _institutional_we(words: list[str]) -> bool:
    previous = ""
    for word in words:
        if word in lexicons.INSTITUTIONAL_WE and previous not in _WE_ASKING:
            return True
        previous = word
    return False


def content_words(own: OwnWords) -> int:
    """Own words that carry meaning: not English function words."""
    return sum(
        1 for kind, text in own.tokens if kind == "word" and normalise_apostrophes(text.lower()) not in FUNCTION_WORDS
    )


def shows_voice_alone(own: OwnWords) -> bool:
    """A short post can still carry voice: an emoji, an exclamation, an interjection ("Ha! Love it")."""
    for kind, text in own.tokens:
        if kind in ("emoji", "emoticon") or (kind == "punctuation" and "!" in text):
            return True
        if kind == "word" and text.lower() in lexicons.INTERJECTIONS:
            return True
    return False


def lexical_words(own: OwnWords) -> list[str]:
    """The words the lexical terms are made of: lower case, links, names and numbers as placeholders."""
    return [
        normalise_apostrophes(text.lower()) if kind == "word" else _PLACEHOLDERS[kind]
        for kind, text in own.tokens
        if kind == "word" or kind in _PLACEHOLDERS
    ]


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[int, ...]:
    """Hashed terms of one word: the word itself and its character 3- and 4-grams (cached per word)."""
    terms = [_bucket("w:" + word)]
    if not word.startswith("<"):
        padded = f" {word} "
        for size in CHAR_GRAM_SIZES:
            terms.extend(_bucket("c:" + padded[start : start + size]) for start in range(len(padded) - size + 1))
    return tuple(terms)


def pair_term(first: str, second: str) -> int:
    return _bucket(f"b:{first} {second}")


def lexical_terms(words: list[str]) -> list[int]:
    """Every hashed term of the post, repeats kept (a term's value is its count, scaled by the model)."""
    terms = [term for word in words for term in word_terms(word)]
    terms.extend(pair_term(first, second) for first, second in pairwise(words))
    return terms


def _bucket(term: str) -> int:
    return zlib.crc32(term.encode()) & _HASH_MASK
