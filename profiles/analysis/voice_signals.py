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
from profiles.analysis.tokens import Token, plain_text, tokenize
from profiles.analysis.voice_phrases import LABEL_COLON, PHRASES, SIGNED_OFF, VIA

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
    "notice": "a notice: a reminder, a time, a closure, a deadline or an appeal",
    "service_reply": "customer-service phrasing (“DM us”, “thanks for getting in touch”, “call 101”, “- Dani”)",
    "app_share": "an app's ready-made share text (“Just finished the course”, “I'm starting a new position”)",
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


def _may_pass_on(text: str) -> bool:
    """Whether a manual retweet ("RT @x", "MT @x", any case) can be in the text: a quick test first."""
    return "RT" in text or "MT" in text or "rt @" in text or "mt @" in text or "Rt @" in text or "Mt @" in text


class OwnWords(NamedTuple):
    """The poster's own text, with what attribution took out."""

    text: str
    tokens: list[Token]
    quoted_words: bool
    manual_retweet: bool


def own_words(text: str, tokens: list[Token] | None = None) -> OwnWords:
    """The text without quoted words or a manual retweet; `tokens` reused when nothing was cut.

    Without `tokens`, the text is made plain first (`plain_text`); with them, the
    text must already be plain, as the engine's is.
    """
    if tokens is None:
        # The engine passes text it has already normalised, with its tokens.
        text = plain_text(text)
    # Substring guards first: most posts have neither, and a search costs more than `in`.
    retweet = _MANUAL_RETWEET.search(text) if _may_pass_on(text) else None
    own = text[: retweet.start()] if retweet else text
    quoted = '"' in own and _QUOTED.search(own) is not None
    if quoted:
        own = _QUOTED.sub(" ", own)
    if tokens is None or quoted or retweet:
        tokens = tokenize(own)
    return OwnWords(own, tokens, quoted, retweet is not None)


# What a word shows by itself, as bits (computed once per distinct spelling, see `_word_info`).
_FIRST_PERSON, _SECOND_PERSON, _WE, _CONTRACTION = 1, 2, 4, 8
_INTERJECTION, _STANCE, _STRETCHED_WORD, _SHOUTED = 16, 32, 64, 128
_CAPITALISED, _LONG, _CONTENT = 256, 512, 1024
_WORD_INFO: dict[str, tuple[str, int]] = {}
_WORD_INFO_LIMIT = 200_000


def _word_info(text: str) -> tuple[str, int]:
    """(lower case, bits) of one word token; cached, as a history repeats a few thousand words."""
    info = _WORD_INFO.get(text)
    if info is not None:
        return info
    word = text.lower()
    bits = (
        _FIRST_PERSON * (word in lexicons.FIRST_PERSON_SINGULAR)
        | _SECOND_PERSON * (word in lexicons.SECOND_PERSON)
        | _WE * (word in lexicons.INSTITUTIONAL_WE)
        | _CONTRACTION * bool(lexicons.CONTRACTION.match(word))
        | _INTERJECTION * (word in lexicons.INTERJECTIONS)
        | _STANCE * (word in lexicons.STANCE)
        | _STRETCHED_WORD * bool(_STRETCHED.search(word))
        | _SHOUTED * (len(text) >= 3 and text.isupper())
        | _CAPITALISED * (len(text) >= 4 and text[0].isupper())
        | _LONG * (len(text) >= 4)
        | _CONTENT * (word not in FUNCTION_WORDS)
    )
    if len(_WORD_INFO) < _WORD_INFO_LIMIT:
        _WORD_INFO[text] = (word, bits)
    return word, bits


class PostShape(NamedTuple):
    """One pass over the own words: what every signal and the lexical terms are read from."""

    words: list[str]  # lower-case words, in order
    lexical: list[str]  # the same with links, @names, numbers and hashtags as placeholders
    bits: int  # the union of the words' bits
    capitalised: int
    long_words: int
    content_words: int
    handles: int
    hashtags: int
    urls: int
    numbers: int
    emoji: int
    exclamation: bool
    question: bool


def shape_of(own: OwnWords) -> PostShape:
    words: list[str] = []
    lexical: list[str] = []
    bits = capitalised = long_words = content = 0
    handles = hashtags = urls = numbers = emoji = 0
    exclamation = question = False
    known = _WORD_INFO
    for part, text in own.tokens:
        if part == "word":
            word, word_bits = known.get(text) or _word_info(text)
            words.append(word)
            lexical.append(word)
            bits |= word_bits
            capitalised += word_bits & _CAPITALISED and 1
            long_words += word_bits & _LONG and 1
            content += word_bits & _CONTENT and 1
        elif part == "punctuation":
            exclamation = exclamation or "!" in text
            question = question or "?" in text
        elif part in ("emoji", "emoticon"):
            emoji += text not in ("\ufe0f", "\u200d")
        elif part in _PLACEHOLDERS:
            lexical.append(_PLACEHOLDERS[part])
            if part == "url":
                urls += 1
            elif part == "handle":
                handles += 1
            elif part == "hashtag":
                hashtags += 1
            else:
                numbers += 1
    return PostShape(
        words, lexical, bits, capitalised, long_words, content, handles, hashtags, urls, numbers, emoji,
        exclamation, question,
    )  # fmt: skip


def signals_of(own: OwnWords, *, kind: str, to_person: bool, shape: PostShape | None = None) -> dict[str, float]:
    """The structural signals present in the post (value 1.0 each), by name.

    `kind` is the post's kind (original, reply, quote); `to_person` is True for a reply to
    someone else (a reply to oneself is a thread, read as an original).
    """
    shape = shape or shape_of(own)
    bits = shape.bits
    found = _broadcast_signals(own, shape)
    if shape.urls and not to_person:
        stance = bits & (_FIRST_PERSON | _SECOND_PERSON) or shape.exclamation or shape.question or shape.emoji
        if not stance:
            found.append("headline_and_link")
    if to_person:
        found.extend(_reply_signals(own, shape))
    else:
        if own.tokens and own.tokens[0][0] == "handle":
            found.append("addresses_person")
        if shape.question:
            found.append("question_to_followers")
    for bit, name in _WORD_SIGNALS:
        if bits & bit:
            found.append(name)
    if bits & _WE and _institutional_we(shape.words):
        found.append("institutional_we")
    if shape.emoji:
        found.append("emoji")
    if shape.exclamation:
        found.append("exclamation")
    found.extend(_form_signals(own, shape, kind=kind))
    return dict.fromkeys(found, 1.0)


def _reply_signals(own: OwnWords, shape: PostShape) -> list[str]:
    """A reply to another person's signals (one already found by its phrasing is named once, as
    `signals_of` keeps the first of each)."""
    signals = ["reply_to_person"]
    # Signed by whoever answers for an organisation; only in replies, where a name at the end is
    # not a quotation's author.
    if SIGNED_OFF.search(own.text):
        signals.append("service_reply")
    if shape.question:
        signals.append("question_in_reply")
    return signals


def _form_signals(own: OwnWords, shape: PostShape, *, kind: str) -> list[str]:
    found = []
    if own.tokens and own.tokens[0][0] == "word" and own.tokens[0][1][:1].islower():
        found.append("lower_case_start")
    if kind == "quote":
        found.append("quote_post")
    if own.quoted_words:
        found.append("quoted_words")
    if own.manual_retweet:
        found.append("manual_retweet")
    if len(shape.words) <= 4:
        found.append("few_own_words")
    if len(shape.words) >= 20:
        found.append("long_post")
    return found


_WORD_SIGNALS = (
    (_FIRST_PERSON, "first_person"),
    (_SECOND_PERSON, "second_person"),
    (_CONTRACTION, "contraction"),
    (_INTERJECTION, "interjection"),
    (_STANCE, "stance_word"),
    (_STRETCHED_WORD, "stretched_word"),
    (_SHOUTED, "shouted_word"),
)


def _broadcast_signals(own: OwnWords, shape: PostShape) -> list[str]:
    found = []
    lowered = own.text.lower()
    if shape.urls and len(shape.words) <= 3:
        found.append("link_with_few_words")
    if "@" in own.text and VIA.search(own.text):
        found.append("via_source")
    if ":" in own.text and LABEL_COLON.match(own.text):
        found.append("label_and_colon")
    if shape.long_words >= 3 and shape.capitalised >= 0.6 * shape.long_words:
        found.append("title_case")
    # One scan for the five phrase families (a match of one family hides no other in practice).
    found.extend(dict.fromkeys(match.lastgroup for match in PHRASES.finditer(lowered) if match.lastgroup))
    if shape.hashtags >= 2:
        found.append("several_hashtags")
    if shape.handles >= 3:
        found.append("several_mentions")
    if shape.numbers >= 2:
        found.append("figures")
    return found


def _institutional_we(words: list[str]) -> bool:
    previous = ""
    for word in words:
        if word in lexicons.INSTITUTIONAL_WE and previous not in _WE_ASKING:
            return True
        previous = word
    return False


def content_words(own: OwnWords, shape: PostShape | None = None) -> int:
    """Own words that carry meaning: not English function words."""
    return (shape or shape_of(own)).content_words


def shows_voice_alone(own: OwnWords, shape: PostShape | None = None) -> bool:
    """A short post can still carry voice: an emoji, an exclamation, an interjection ("Ha! Love it")."""
    shape = shape or shape_of(own)
    return bool(shape.emoji or shape.exclamation or shape.bits & _INTERJECTION)


def too_little_to_judge(own: OwnWords, shape: PostShape, min_content_words: int) -> bool:
    """The rubric's "unclear": too few content words of one's own and no mark of voice.

    A post that is somebody else's quoted words with little or nothing of one's own is not
    unclear: sharing a quotation without a comment is a broadcast shape the model reads.
    """
    return shape.content_words < min_content_words and not own.quoted_words and not shows_voice_alone(own, shape)


def lexical_words(own: OwnWords) -> list[str]:
    """The words the lexical terms are made of: lower case, links, names and numbers as placeholders."""
    return shape_of(own).lexical


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
