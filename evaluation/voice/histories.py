"""One held-out account's labelled posts read as the engine reads an uploaded history.

The engine reads each post alone, then in the context of the history (`voice_model.history_lean`
and `in_context`), then reads every post in a cluster of near-identical posts as corporate
(`voice.score_voices`): templated repetition is a property of the history that no post shows
alone. The evaluation reads each account's labelled posts the same three ways, so that its
figures are the product's, not the model's alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from evaluation.voice.measures import Reading
from profiles.analysis.features import template_hashes
from profiles.analysis.templates import history_templates
from profiles.analysis.thresholds import DEFAULT_THRESHOLDS, Thresholds
from profiles.analysis.tokens import plain_text, tokenize
from profiles.analysis.voice_model import CORPORATE, UNKNOWN, VoiceModel, history_lean, in_context
from profiles.analysis.voice_training import LabelledPost


def read_history(
    model: VoiceModel, posts: Sequence[LabelledPost], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> list[Reading]:
    """The readings of one account's posts (in the order given): alone, in context, templates corporate."""
    texts = [plain_text(post.text) for post in posts]
    tokens = [tokenize(text) for text in texts]
    alone = [
        model.read(text, kind=post.kind, to_person=post.kind == "reply", tokens=post_tokens)
        for post, text, post_tokens in zip(posts, texts, tokens, strict=True)
    ]
    lean = history_lean(alone)
    # Which posts take part, and how they cluster, as the engine decides (`features.template_hashes`).
    hashes = [
        template_hashes(post_tokens, sum(1 for kind, _ in post_tokens if kind == "word"), thresholds)
        for post_tokens in tokens
    ]
    templated = {index for cluster in history_templates(hashes, thresholds) for index in cluster}
    readings = []
    for index, (post, reading) in enumerate(zip(posts, alone, strict=True)):
        moved = in_context(reading, lean, model.rule.context_weight)
        label = CORPORATE if index in templated and moved.label != UNKNOWN else moved.label
        probability = None if label == UNKNOWN else moved.personal_probability
        readings.append(Reading(post.label, label, probability, post.account, reading.label, index in templated))
    return readings
