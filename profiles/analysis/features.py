"""What one post shows on its own: the map step, run over chunks of a history in parallel.

Everything here depends on the post alone (and the account it belongs to), so features computed
chunk by chunk are the same as in one pass; the account-level figures are made afterwards from
the whole list (`profiles.analysis.engine.assemble`).
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from profiles.analysis import lexicons
from profiles.analysis.language import is_english
from profiles.analysis.readability import NO_TEXT, TextCounts, text_counts
from profiles.analysis.sentiment import VaderScorer, translate_emoji
from profiles.analysis.thresholds import Thresholds
from profiles.analysis.tokens import plain_text, prose, tokenize
from profiles.analysis.voice_model import VoiceReading, load_voice_model
from profiles.ingest.records import NormalisedPost, PostKind

_ELONGATION = re.compile(r"([a-z])\1\1")
_PASSIVE_PARTICIPLE = re.compile(r"[a-z]{2,}(?:ed|en)$")


class PostFeatures(NamedTuple):
    """Per-post measures. None where a measure does not apply (non-English text, a repost)."""

    english: bool
    sentiment: float | None
    informality: float | None
    informal_markers: int
    formal_markers: int
    # The voice classifier's reading of the post alone (templates are added at assembly).
    voice: VoiceReading | None
    counts: TextCounts
    # CRC-32 hashes of the post's word 3-shingles, sorted and packed as unsigned 32-bit
    # integers (a tenth of the memory of a tuple), for near-duplicate detection; None for posts
    # too short to count as templates.
    shingle_hashes: bytes | None


def post_features(
    post: NormalisedPost, *, scorer: VaderScorer, thresholds: Thresholds, own_account_id: str = ""
) -> PostFeatures:
    """Measure one post. Reposts carry another author's words: only their language is judged.

    Every lexicon sees the text made plain (`plain_text`): `I’m` counts as `I'm`, a word in
    bold mathematical letters as the plain word.
    """
    english = is_english(post.language, post.text)
    if post.kind == PostKind.REPOST or not english:
        return PostFeatures(english, None, None, 0, 0, None, NO_TEXT, None)

    text = plain_text(post.text)
    tokens = tokenize(text)
    sentiment = scorer.compound(translate_emoji(text))
    # Only the number of words is needed here: no lower-cased copy of them is made.
    informal, formal, word_count = _informality_and_words(tokens)
    informality = (informal - formal) / (informal + formal) if informal + formal else 0.0
    to_person = (
        post.kind == PostKind.REPLY
        and not post.is_self_reply
        and (not own_account_id or post.reply_to_account_id != own_account_id)
    )
    # A reply to oneself is a thread: read as an original, as in the labelled corpus.
    kind = "reply" if to_person else ("quote" if post.kind == PostKind.QUOTE else "original")
    voice = load_voice_model().read(text, kind=kind, to_person=to_person, tokens=tokens)
    hashes = template_hashes(tokens, word_count, thresholds)
    return PostFeatures(english, sentiment, informality, informal, formal, voice, text_counts(prose(text)), hashes)


def features_of(
    posts: Iterable[NormalisedPost], *, thresholds: Thresholds, own_account_id: str = "", scorer: VaderScorer | None
) -> list[PostFeatures]:
    """`post_features` for each post, in order: one chunk of the map step."""
    scorer = scorer or VaderScorer()
    return [post_features(post, scorer=scorer, thresholds=thresholds, own_account_id=own_account_id) for post in posts]


def informality_markers(tokens: list[tuple[str, str]]) -> tuple[int, int]:
    """(informal, formal) marker counts; see docs/metrics.md "Informality" for the list."""
    informal, formal, _ = _informality_and_words(tokens)
    return informal, formal


def _informality_and_words(tokens: list[tuple[str, str]]) -> tuple[int, int, int]:
    """(informal, formal, words): the words counted in the same pass, for the template threshold."""
    informal = formal = contractions = words = 0
    addresses_reader = False
    previous_is_be = False
    for kind, text in tokens:
        if kind == "word":
            words += 1
            word_informal, word_formal, is_contraction, is_second_person, is_participle, is_be = _word_markers(text)
            contractions += is_contraction
            addresses_reader = addresses_reader or is_second_person
            informal += word_informal
            formal += word_formal + (previous_is_be and is_participle)
            previous_is_be = is_be
        elif kind in {"emoji", "emoticon"}:
            informal += text not in {"\ufe0f", "\u200d"}
        elif kind == "punctuation":
            informal += ("!" in text) + (len(text) > 1) + ("?" in text and addresses_reader)
    informal += contractions
    if words >= 8 and contractions == 0:
        formal += 1
    return informal, formal, words


@lru_cache(maxsize=100_000)
def _word_markers(text: str) -> tuple[int, int, bool, bool, bool, bool]:
    """(informal, formal, contraction, second person, past participle, form of "be") for one word.

    Cached: a history uses a few thousand distinct words tens of thousands of times.
    """
    word = text.lower()
    second_person = word in lexicons.SECOND_PERSON
    informal = (
        (word in lexicons.FIRST_PERSON_SINGULAR or second_person)
        + (word in lexicons.INTERJECTIONS)
        + bool(_ELONGATION.search(word))
        + (len(text) >= 3 and text.isupper())
    )
    formal = (word in lexicons.THIRD_PERSON) + (len(word) >= 9) + bool(lexicons.NOMINALISATION.match(word))
    participle = word in lexicons.IRREGULAR_PARTICIPLES or bool(_PASSIVE_PARTICIPLE.match(word))
    return (
        informal,
        formal,
        bool(lexicons.CONTRACTION.match(word)),
        second_person,
        participle,
        word in lexicons.BE_VERBS,
    )


def voice_contributions(
    post: NormalisedPost,
    *,
    tokens: list[tuple[str, str]],
    words: list[str],
    lowered: str,
    sentiment: float,
    thresholds: Thresholds,
    own_account_id: str,
) -> tuple[tuple[str, float], ...]:
    """The rule-based voice features the engine used before the classifier, with their weights.

    No longer part of the analysis: kept as the baseline `evaluation/voice/evaluate.py` measures
    the classifier against (see docs/voice.md).
    """
    weights = thresholds.voice_weights
    word_set = set(words)
    kinds = {kind for kind, _ in tokens}
    present: list[str] = []
    if word_set & lexicons.FIRST_PERSON_SINGULAR or " i'm " in f" {lowered} ":
        present.append("first_person_singular")
    if word_set & lexicons.EVERYDAY_LIFE or "day off" in lowered:
        present.append("everyday_life")
    if word_set & lexicons.STANCE:
        present.append("opinion_and_feeling")
    if word_set & lexicons.HUMOUR or any(
        text in lexicons.HUMOUR_MARKS for kind, text in tokens if kind != "word" or text in ("xD", "XD")
    ):
        present.append("humour")
    if abs(sentiment) >= thresholds.emotional_sentiment:
        present.append("emotional_tone")
    talks_to_person = (
        post.kind == PostKind.REPLY
        and not post.is_self_reply
        and (not own_account_id or post.reply_to_account_id != own_account_id)
    )
    if talks_to_person or ("handle" in kinds and "url" not in kinds and post.kind != PostKind.REPLY):
        present.append("conversation")
    if word_set & lexicons.INSTITUTIONAL_WE:
        present.append("institutional_we")
    if word_set & lexicons.PRESS_WORDS or lexicons.PRESS_PHRASE.search(lowered):
        present.append("press_release_wording")
    if "url" in kinds and "hashtag" in kinds and post.kind != PostKind.REPLY:
        present.append("link_and_hashtag_broadcast")
    if _names_organisation(words):
        present.append("organisation_in_third_person")
    client = post.client.lower()
    if client and any(name in client for name in lexicons.SCHEDULING_CLIENTS):
        present.append("scheduling_tool")
    return tuple((name, weights[name]) for name in present)


def _names_organisation(words: list[str]) -> bool:
    if lexicons.ORGANISATION_NOUNS.isdisjoint(words):
        return False
    return any(first in ("the", "our") and second in lexicons.ORGANISATION_NOUNS for first, second in pairwise(words))


_SHINGLE_PLACEHOLDERS = {"url": "<url>", "handle": "<handle>", "number": "<number>"}


def shingles(tokens: list[tuple[str, str]]) -> list[str]:
    """Word 3-shingles of the post in order, with links, handles and numbers reduced to placeholders."""
    normalised = []
    for kind, text in tokens:
        if kind in {"word", "hashtag"}:
            normalised.append(text.lower())
        elif kind in _SHINGLE_PLACEHOLDERS:
            normalised.append(_SHINGLE_PLACEHOLDERS[kind])
    if len(normalised) < 3:
        return [" ".join(normalised)] if normalised else []
    triples = zip(normalised, normalised[1:], normalised[2:], strict=False)  # the last two start no shingle
    return [f"{first} {second} {third}" for first, second, third in triples]


def shingle_hashes(tokens: list[tuple[str, str]]) -> bytes | None:
    """The post's distinct shingles as sorted CRC-32 hashes (the same in every process, unlike hash()), packed."""
    hashed = sorted({zlib.crc32(shingle.encode()) for shingle in shingles(tokens)})
    return array("I", hashed).tobytes() if hashed else None


def template_hashes(tokens: list[tuple[str, str]], word_count: int, thresholds: Thresholds) -> bytes | None:
    """The post's shingle hashes for template detection, or None for a post too short to take part
    (fewer than `template_min_words` words: short posts repeat by chance)."""
    return shingle_hashes(tokens) if word_count >= thresholds.template_min_words else None


def unpack_hashes(packed: bytes) -> array[int]:
    return array("I", packed)


def features_to_rows(features: Iterable[PostFeatures]) -> list[list[object]]:
    """Features as JSON-ready lists (for a Celery result): `features_from_rows` restores them exactly."""
    return [
        [
            item.english,
            item.sentiment,
            item.informality,
            item.informal_markers,
            item.formal_markers,
            None if item.voice is None else [*item.voice[:2], list(item.voice.reasons), item.voice.corporate_reasons],
            list(item.counts),
            None if item.shingle_hashes is None else unpack_hashes(item.shingle_hashes).tolist(),
        ]
        for item in features
    ]


def features_from_rows(rows: Iterable[list[object]]) -> list[PostFeatures]:
    return [
        PostFeatures(
            english=bool(english),
            sentiment=sentiment,
            informality=informality,
            informal_markers=int(informal),
            formal_markers=int(formal),
            voice=None if voice is None else _voice_from_row(voice),
            counts=TextCounts(*counts),
            shingle_hashes=None if hashes is None else array("I", hashes).tobytes(),
        )
        for english, sentiment, informality, informal, formal, voice, counts, hashes in rows
    ]


def _voice_from_row(row: list) -> VoiceReading:
    label, personal_probability, reasons, corporate_reasons = row
    return VoiceReading(str(label), float(personal_probability), tuple(map(str, reasons)), int(corporate_reasons))
