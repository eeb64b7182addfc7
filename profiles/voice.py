"""Voice model services: training a model version from the corpus and coaches' corrections, and
reading one post as the analysis does (the label a correction replaces).

A coach writes a correction through `coaching.services.post_voice_correct` (the review page).

The classifier itself is `profiles.analysis.voice_model` (inference) and
`profiles.analysis.voice_training` (fitting); docs/voice.md describes both.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.conf import settings

from profiles import selectors
from profiles.analysis import DEFAULT_THRESHOLDS
from profiles.analysis.features import post_features
from profiles.analysis.sentiment import VaderScorer
from profiles.analysis.voice_model import MODEL_DIR, in_context, load_voice_model, model_path
from profiles.analysis.voice_training import (
    LabelledPost,
    WordVectors,
    model_bytes,
    read_labelled_corpus,
    train_voice_model,
)
from profiles.models import Post, VoiceCorrection

CORPUS_DIR = Path(settings.BASE_DIR) / "evaluation" / "voice"
BASE_VERSION = "voice-v5"
_VERSION = re.compile(r"^voice-v(\d+)$")


class VoiceCorrectionError(ValueError):
    """Corrections that cannot be trained with; the message says why."""


def corrections_as_examples() -> list[LabelledPost]:
    """Every correction of an authored post as a training example; a history's posts share an
    account (for grouped folds). A repost's correction stays in the report but is not trained on:
    its words are someone else's, and the corpus labels none."""
    examples = []
    corrections = (
        VoiceCorrection.objects.select_related("post")
        .exclude(post__kind=Post.Kind.REPOST)
        .order_by("post__history_id", "post_id")
    )
    for correction in corrections:
        post = correction.post
        if post.kind == Post.Kind.REPLY and not post.is_self_reply:
            kind = "reply"
        elif post.kind == Post.Kind.QUOTE:
            kind = "quote"
        else:
            kind = "original"
        examples.append(
            LabelledPost(f"post-{post.pk}", f"history-{post.history_id}", post.text, kind, correction.label)
        )
    return examples


def next_version(directory: Path) -> str:
    """The version after the newest model in `directory` ("voice-v6" after "voice-v5")."""
    newest = model_path(directory=directory).stem
    match = _VERSION.match(newest)
    if match is None:  # pragma: no cover - model_path only returns voice-vN files
        raise VoiceCorrectionError(f"Unexpected model file name {newest}.")
    return f"voice-v{int(match.group(1)) + 1}"


def voice_model_train(
    *, output_dir: Path = MODEL_DIR, with_corrections: bool = False, corpus_dir: Path = CORPUS_DIR
) -> tuple[Path, dict]:
    """Train a model version and write it to `output_dir`; returns (file, model).

    Without corrections this rebuilds the base version, byte for byte, from the corpus; with them
    it writes the next version, trained on the corpus and every correction.
    """
    posts = read_labelled_corpus(corpus_dir / "posts.csv", corpus_dir / "labels.csv")
    version = BASE_VERSION
    if with_corrections:
        corrections = corrections_as_examples()
        if not corrections:
            raise VoiceCorrectionError("There are no voice corrections to train with.")
        posts = posts + corrections
        version = next_version(output_dir if any(output_dir.glob("voice-v*.json")) else MODEL_DIR)
    model = train_voice_model(posts, version=version, vectors=WordVectors.load(corpus_dir / "word_vectors.npz"))
    if with_corrections:
        model["trained_on"]["corrections"] = len(corrections)
    target = output_dir / f"{version}.json"
    output_dir.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed: a process loading the model never reads half a file.
    with tempfile.NamedTemporaryFile(dir=output_dir, suffix=".tmp", delete=False) as handle:
        handle.write(model_bytes(model))
    temporary = Path(handle.name)
    temporary.chmod(0o644)  # a temporary file is private; the model is read by every worker
    temporary.replace(target)
    return target, model


def post_voice_reading(post: Post, history_lean: float | None = None) -> tuple[str, str]:
    """The analysis's reading of one post, as (label, voice model version); the label is empty
    for a post the analysis does not read (a repost, a post not in English).

    The post is read in the context of its history as the analysis read it, given the history's
    lean that the profile records (`voice.history_lean`). The analysis also reads a post in a
    cluster of near-identical posts as corporate, which only the whole history shows; the caller
    checks the clusters the profile names.
    """
    read = post_features(
        selectors.normalised_post(post),
        scorer=VaderScorer(),
        thresholds=DEFAULT_THRESHOLDS,
        own_account_id=post.history.account_id,
    )
    model = load_voice_model()
    if read.voice is None:
        return "", model.version
    return in_context(read.voice, history_lean, model.rule.context_weight).label, model.version
