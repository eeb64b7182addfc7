"""The voice classifier at run time: a logistic model read from a small JSON file, in plain Python.

    model = load_voice_model()
    reading = model.read("@sam ha, yes, see you there!", kind="reply", to_person=True)
    reading.label, reading.probability, [describe(code) for code in reading.reasons]

The model (trained by `manage.py voice_train`, see docs/voice.md) gives each post
P(personal) = 1 / (1 + exp(-z)), z = intercept + Σ structural weights + Σ lexical weights / √n
(n: the post's lexical terms) + the mean meaning weight of its words found in the model's
vocabulary (a word's meaning weight stands for its word vector, see `voice_training`). Labels:
- `unknown` when the post has too little of its own to judge: fewer than `min_content_words`
  content words, no voice mark (emoji, "!", an interjection) and no quotation shared — the
  rubric's "unclear" (`voice_signals.too_little_to_judge`);
- `mixed` when both voices carry weight: the structural signals leaning personal and those
  leaning corporate each add up to at least `mixed_evidence` (log-odds), and |z| is at most
  `mixed_margin`;
- otherwise `personal` when P(personal) >= 0.5, else `corporate`.
A whole history is then read in context (`in_context`): a personal or corporate post's log-odds
move by `context_weight` × the history's lean (`history_lean`, the mean of every judged post's
log-odds, each clipped to ±CONTEXT_CLIP), so a post its own words leave close to even takes the
voice of the author's other posts, and a clear post keeps its own.
Each reading names the two or three contributions that decided it (`reasons`), in the order of
their weight; `describe` turns a code into plain words.

Loaded once per process (`load_voice_model` is cached); nothing here needs scikit-learn.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from profiles.analysis.tokens import Token
from profiles.analysis.voice_signals import (
    FUNCTION_WORDS,
    SIGNALS,
    own_words,
    pair_term,
    shape_of,
    signals_of,
    too_little_to_judge,
    word_terms,
)

PERSONAL, MIXED, CORPORATE, UNKNOWN = "personal", "mixed", "corporate", "unknown"
MODEL_DIR = Path(__file__).resolve().parent / "voice_models"
_VERSION_FILE = re.compile(r"^voice-v(\d+)\.json$")
REASONS_SHOWN = 3
# Contributions smaller than this (in log-odds) are too slight to name as a reason.
MIN_REASON_WEIGHT = 0.05
# One post's say in its history's lean is capped: a single emphatic post cannot set an author's voice.
CONTEXT_CLIP = 4.0
# The reason a post read in context gives when its history, not its own words, decided its label.
HISTORY_REASONS = {PERSONAL: "history_personal", CORPORATE: "history_corporate"}
_SMALLEST_PROBABILITY = 1e-13  # 1 / (1 + e^30): the model reads log-odds within ±30
_HISTORY_DESCRIPTIONS = {
    "templated_repetition": "one of several near-identical posts (a template)",
    "history_personal": "most of your posts read personal; its own words lean only a little the other way",
    "history_corporate": "most of your posts read corporate; its own words lean only a little the other way",
}
_PLACEHOLDER_WORDS = {"<url>": "a link", "<user>": "an @name", "<num>": "a number", "<tag>": "a hashtag"}


class VoiceReading(NamedTuple):
    """One post's voice: label, P(personal), and the codes of the contributions that decided it.

    Only the codes are kept, strongest first (a history holds one reading per post, and the
    weights are not shown): those leaning personal, then the last `corporate_reasons` of them,
    which lean corporate.
    """

    label: str
    personal_probability: float
    reasons: tuple[str, ...]
    corporate_reasons: int = 0

    @property
    def probability(self) -> float:
        """The probability of the label: 1 - |P(personal) - P(corporate)| for a mixed post."""
        personal = self.personal_probability
        if self.label == PERSONAL:
            return personal
        if self.label == CORPORATE:
            return 1 - personal
        if self.label == MIXED:
            return 1 - abs(2 * personal - 1)
        return 1.0

    @property
    def leaning_corporate(self) -> tuple[str, ...]:
        return self.reasons[len(self.reasons) - self.corporate_reasons :]

    @property
    def score(self) -> float:
        """voice_score = P(personal) - P(corporate), in [-1, 1]."""
        return 2 * self.personal_probability - 1


@dataclass(frozen=True, slots=True)
class DecisionRule:
    """How the probability and the evidence become a label (documented in docs/voice.md)."""

    min_content_words: int = 2
    mixed_evidence: float = 1.0
    mixed_margin: float = 1.0
    # How far the history's lean moves each post (`in_context`); models before it have none.
    context_weight: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "min_content_words": self.min_content_words,
            "mixed_evidence": self.mixed_evidence,
            "mixed_margin": self.mixed_margin,
            "context_weight": self.context_weight,
        }


def history_lean(readings: Iterable[VoiceReading | None]) -> float | None:
    """The voice a history leans to: the mean log-odds of its judged posts, each within ±CONTEXT_CLIP.

    Positive leans personal, negative corporate; None when no post was judged. Posts left
    unknown carry no evidence and are not counted. Rounded to 4 decimals, as a profile stores it,
    so that a post read again later (for a coach's correction) is moved exactly as it was.
    """
    # Within ±CONTEXT_CLIP log-odds is within these probabilities: only posts outside them are clipped.
    low, high = 1 / (1 + math.exp(CONTEXT_CLIP)), 1 / (1 + math.exp(-CONTEXT_CLIP))
    log = math.log
    total = 0.0
    judged = 0
    for reading in readings:
        if reading is not None and reading.label != UNKNOWN:
            personal = reading.personal_probability
            if personal <= low:
                total -= CONTEXT_CLIP
            elif personal >= high:
                total += CONTEXT_CLIP
            else:
                total += log(personal / (1 - personal))
            judged += 1
    return round(total / judged, 4) if judged else None


def in_context(reading: VoiceReading, lean: float | None, weight: float) -> VoiceReading:
    """The post's reading within its history: a personal or corporate post's log-odds moved by
    `weight` × `lean` (see `history_lean`).

    A writer's voice is consistent, so the rest of the history is evidence about a post its own
    words leave close to even. Unknown and mixed posts are read from their own words alone. A
    post whose label the move changes names its history as the reason, since its own words
    pointed the other way.
    """
    label = reading.label
    if not weight or lean is None or (label != PERSONAL and label != CORPORATE):  # noqa: PLR1714 - faster than `in`
        return reading
    # The post's own log-odds, within ±30 as the model reads them (P(personal) of exactly 0 or 1 has none).
    personal = reading.personal_probability
    if personal < _SMALLEST_PROBABILITY:
        personal = _SMALLEST_PROBABILITY
    elif personal > 1 - _SMALLEST_PROBABILITY:
        personal = 1 - _SMALLEST_PROBABILITY
    logit = math.log(personal / (1 - personal)) + weight * lean
    # Within ±30, as the model reads a post alone.
    personal = 1.0 / (1.0 + math.exp(-(30.0 if logit > 30.0 else -30.0 if logit < -30.0 else logit)))
    moved = PERSONAL if personal >= 0.5 else CORPORATE
    if moved == label:
        return VoiceReading(label, personal, reading.reasons, reading.corporate_reasons)
    reasons = (HISTORY_REASONS[moved],)
    return VoiceReading(moved, personal, reasons, len(reasons) if moved == CORPORATE else 0)


class VoiceModelError(ValueError):
    """The model file is missing or not a voice model; the message names the file."""


class VoiceModel:
    def __init__(
        self,
        *,
        version: str,
        intercept: float,
        structural: dict[str, float],
        lexical: dict[int, float],
        rule: DecisionRule,
        meaning: dict[str, float] | None = None,
    ) -> None:
        self.version = version
        self.intercept = intercept
        self.structural = structural
        self.lexical = lexical
        self.meaning = meaning or {}
        self.rule = rule
        self._word_weights: dict[str, tuple[float, int]] = {}
        self._pair_weights: dict[tuple[str, str], float] = {}
        self._codes: dict[str | tuple[str, str], str] = {}

    @classmethod
    def from_dict(cls, model: dict) -> VoiceModel:
        unknown_signals = set(model["structural"]) - set(SIGNALS)
        if unknown_signals:
            raise VoiceModelError(f"The model names signals this code does not know: {sorted(unknown_signals)}.")
        return cls(
            version=str(model["version"]),
            intercept=float(model["intercept"]),
            structural={name: float(weight) for name, weight in model["structural"].items()},
            lexical={int(index): float(weight) for index, weight in model["lexical"]},
            rule=DecisionRule(**model["rule"]),
            # Models before word meaning have none: their words count by their terms alone.
            meaning={str(word): float(weight) for word, weight in model.get("meaning", {}).items()},
        )

    def read(self, text: str, *, kind: str, to_person: bool, tokens: list[Token] | None = None) -> VoiceReading:
        """The post's voice. `tokens` (from `tokens.tokenize(text)`) are reused when given."""
        own = own_words(text, tokens)
        shape = shape_of(own)
        if too_little_to_judge(own, shape, self.rule.min_content_words):
            return VoiceReading(UNKNOWN, 0.5, ("too_little_text",))
        structural = self.structural
        signals = [
            (name, structural.get(name, 0.0)) for name in signals_of(own, kind=kind, to_person=to_person, shape=shape)
        ]
        word_weights, pair_weights = self._lexical_contributions(shape.lexical)
        logit = (
            self.intercept
            + sum(weight for _, weight in signals)
            + sum(word_weights.values())
            + sum(pair_weights.values())
        )
        personal = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
        # Mixed is read from the named signals only: a personal one and a broadcast one, both
        # weighty, with neither side clearly ahead overall.
        personal_evidence = sum(weight for _, weight in signals if weight > 0)
        corporate_evidence = -sum(weight for _, weight in signals if weight < 0)
        mixed = (
            min(personal_evidence, corporate_evidence) >= self.rule.mixed_evidence
            and abs(logit) <= self.rule.mixed_margin
        )
        # Named signals first, then words, then pairs: ties in weight are named in this order.
        contributions = [*signals, *word_weights.items(), *pair_weights.items()]
        if mixed:
            personal_side = self._strongest(contributions, len(signals), leaning=1, count=2)
            corporate_side = self._strongest(contributions, len(signals), leaning=-1, count=1)
            return VoiceReading(MIXED, personal, (*personal_side, *corporate_side), len(corporate_side))
        if personal >= 0.5:
            return VoiceReading(PERSONAL, personal, self._strongest(contributions, len(signals), leaning=1))
        reasons = self._strongest(contributions, len(signals), leaning=-1)
        return VoiceReading(CORPORATE, personal, reasons, len(reasons))

    def _strongest(
        self, contributions: list[tuple], signals: int, *, leaning: int, count: int = REASONS_SHOWN
    ) -> tuple[str, ...]:
        """Codes of the `count` contributions that lean furthest the `leaning` way (1 personal, -1 corporate).

        `contributions` are (key, weight): the first `signals` keyed by the signal's name, then
        words and word pairs. Contributions under MIN_REASON_WEIGHT are too slight to name, and
        only the few chosen get a code: a post has dozens of words and pairs. Function words ("the
        word “a”", "the words “of the”") count in the reading but explain nothing to a reader, so
        they are never named.
        """
        ranked = sorted(
            (-weight * leaning, order, key)
            for order, (key, weight) in enumerate(contributions)
            if weight * leaning >= MIN_REASON_WEIGHT and (order < signals or _says_something(key))
        )
        return tuple(key if order < signals else self._code(key) for _, order, key in ranked[:count])

    def _code(self, key: str | tuple[str, str]) -> str:
        """A word's or a word pair's reason code: one string each, shared by every post that names it."""
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = f"word:{key}" if isinstance(key, str) else f"phrase:{key[0]} {key[1]}"
        return code

    def _lexical_contributions(self, words: list[str]) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
        """Each word's weight (itself and its character n-grams, scaled by 1/√n, plus its share of the
        post's mean meaning weight) and each word pair's weight, scaled by 1/√n.

        A word's summed weight and term count, and a pair's weight, are cached: a history
        repeats its words and phrases, and the hashing is the costly part.
        """
        if not words:
            return {}, {}
        lexical = self.lexical
        word_cache = self._word_weights
        pair_cache = self._pair_weights
        words_total: dict[str, float] = {}
        pairs_total: dict[tuple[str, str], float] = {}
        terms = len(words) - 1  # one term per pair
        for word in words:
            cached = word_cache.get(word)
            if cached is None:
                word_terms_ = word_terms(word)
                cached = word_cache[word] = (sum(lexical.get(term, 0.0) for term in word_terms_), len(word_terms_))
            terms += cached[1]
            words_total[word] = words_total.get(word, 0.0) + cached[0]
        for pair in pairwise(words):
            weight = pair_cache.get(pair)
            if weight is None:
                weight = pair_cache[pair] = lexical.get(pair_term(*pair), 0.0)
            if weight:
                pairs_total[pair] = pairs_total.get(pair, 0.0) + weight
        scale = 1.0 / math.sqrt(terms)
        scaled = {word: weight * scale for word, weight in words_total.items()}
        meaning = self.meaning
        known = [word for word in words if word in meaning]
        if known:
            share = 1.0 / len(known)
            for word in known:
                scaled[word] += meaning[word] * share
        return scaled, {pair: weight * scale for pair, weight in pairs_total.items()}


def _says_something(key: str | tuple[str, str]) -> bool:
    """Whether a word or word pair is worth naming as a reason: not only English function words."""
    if isinstance(key, str):
        return key not in FUNCTION_WORDS
    return key[0] not in FUNCTION_WORDS or key[1] not in FUNCTION_WORDS


def describe(code: str) -> str:
    """A reason code in plain words: a structural signal's description, or the word or phrase itself."""
    if code in SIGNALS:
        return SIGNALS[code]
    if code == "too_little_text":
        return "too few words of your own to judge"
    if code in _HISTORY_DESCRIPTIONS:
        return _HISTORY_DESCRIPTIONS[code]
    if code.startswith("word:"):
        word = code[5:]
        return _PLACEHOLDER_WORDS.get(word, f"the word “{word}”")
    if code.startswith("phrase:"):
        phrase = " ".join(_PLACEHOLDER_WORDS.get(word, word) for word in code[7:].split(" "))
        return f"the words “{phrase}”"
    raise VoiceModelError(f"Not a voice reason: {code!r}.")


def model_path(version: str | None = None, directory: Path = MODEL_DIR) -> Path:
    """The file of a model version ("voice-v5"), or the newest one in `directory`."""
    if version:
        return directory / f"{version}.json"
    numbered = [
        (int(match.group(1)), path)
        for path in directory.glob("voice-v*.json")
        if (match := _VERSION_FILE.match(path.name))
    ]
    if not numbered:
        raise VoiceModelError(f"No voice model (voice-vN.json) in {directory}: run `manage.py voice_train`.")
    return max(numbered)[1]


@lru_cache(maxsize=4)
def load_voice_model(path: Path | None = None) -> VoiceModel:
    """The model in `path` (default: the newest version shipped), read once per process."""
    path = path or model_path()
    try:
        return VoiceModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise VoiceModelError(f"No voice model at {path}.") from None
    except (KeyError, TypeError, ValueError) as error:
        raise VoiceModelError(f"{path} is not a voice model: {error}.") from None
