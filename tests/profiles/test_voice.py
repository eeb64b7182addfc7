"""The voice model file, its training command, and coaches' corrections folded into a new version."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from profiles.analysis.voice_model import MODEL_DIR, VoiceModel, describe, load_voice_model, model_path
from profiles.analysis.voice_signals import FUNCTION_WORDS, SIGNALS, lexical_words, own_words, signals_of
from profiles.analysis.voice_training import read_labelled_corpus
from profiles.models import Post, PostHistory, VoiceCorrection
from profiles.voice import CORPUS_DIR, post_voice_reading

SHIPPED = MODEL_DIR / "voice-v5.json"


def test_it_ships_a_small_model_that_loads_once() -> None:
    assert SHIPPED.stat().st_size < 5 * 1024 * 1024
    assert model_path() == SHIPPED
    model = load_voice_model()
    assert model is load_voice_model()
    assert model.version == "voice-v5"
    assert set(model.structural) == set(SIGNALS)


def test_voice_train_rebuilds_the_shipped_model_byte_for_byte(tmp_path: Path) -> None:
    call_command("voice_train", "--output-dir", str(tmp_path))
    assert (tmp_path / "voice-v5.json").read_bytes() == SHIPPED.read_bytes()


def test_every_explanation_names_a_feature_of_the_post_itself() -> None:
    model = load_voice_model()
    corpus = read_labelled_corpus(CORPUS_DIR / "posts.csv", CORPUS_DIR / "labels.csv")
    for post in corpus[::10]:
        reading = model.read(post.text, kind=post.kind, to_person=post.kind == "reply")
        own = own_words(post.text)
        signals = signals_of(own, kind=post.kind, to_person=post.kind == "reply")
        words = lexical_words(own)
        pairs = {f"{first} {second}" for first, second in pairwise(words)}
        assert reading.reasons, post.text
        for code in reading.reasons:
            assert describe(code)
            if code.startswith("word:"):
                assert code[5:] in words, (code, post.text)
                assert code[5:] not in FUNCTION_WORDS, (code, post.text)  # "the word “a”" explains nothing
            elif code.startswith("phrase:"):
                assert code[7:] in pairs, (code, post.text)
                assert not set(code[7:].split()) <= FUNCTION_WORDS, (code, post.text)
            elif code != "too_little_text":
                assert code in signals, (code, post.text)
                # A signal's weight is the model's own: it must sit on the side its sign says.
                assert (model.structural[code] < 0) == (code in reading.leaning_corporate), (code, post.text)
        # Reasons point the way the label went: personal up, corporate down.
        if reading.label == "personal":
            assert not reading.leaning_corporate
        elif reading.label == "corporate":
            assert reading.leaning_corporate == reading.reasons


def test_a_model_file_naming_unknown_signals_is_refused() -> None:
    model = json.loads(SHIPPED.read_text())
    model["structural"]["mystery_signal"] = 1.0
    with pytest.raises(ValueError, match="mystery_signal"):
        VoiceModel.from_dict(model)


def _history_with_posts(texts: list[str]) -> list[Post]:
    history = PostHistory.objects.create(upload="histories/x.zip", original_name="x.zip", size_bytes=1)
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    return [
        Post.objects.create(
            history=history,
            platform="twitter",
            external_id=str(n),
            created_at=start + timedelta(hours=n),
            text=text,
            kind=Post.Kind.ORIGINAL,
        )
        for n, text in enumerate(texts)
    ]


@pytest.mark.django_db
def test_voice_train_with_corrections_writes_the_next_version(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no voice corrections"):
        call_command("voice_train", "--with-corrections", "--output-dir", str(tmp_path))
    shutil.copy(SHIPPED, tmp_path / SHIPPED.name)
    texts = [f"Gritters out on route {n} tonight, drive to the conditions" for n in range(12)]
    for post in _history_with_posts(texts):
        VoiceCorrection.objects.create(post=post, label="corporate", corrected_at=datetime.now(tz=UTC))

    call_command("voice_train", "--with-corrections", "--output-dir", str(tmp_path))

    model = json.loads((tmp_path / "voice-v6.json").read_text())
    assert model["version"] == "voice-v6"
    assert model["trained_on"]["corrections"] == 12
    assert model["trained_on"]["corporate"] == json.loads(SHIPPED.read_text())["trained_on"]["corporate"] + 12
    assert model_path(directory=tmp_path) == tmp_path / "voice-v6.json"
    assert (tmp_path / "voice-v5.json").read_bytes() == SHIPPED.read_bytes()


def test_words_the_corpus_never_used_still_lean_by_their_meaning() -> None:
    model = load_voice_model()
    corpus = read_labelled_corpus(CORPUS_DIR / "posts.csv", CORPUS_DIR / "labels.csv")
    corpus_words = {word for post in corpus for word in lexical_words(own_words(post.text))}
    feelings, office_words = ("heartbroken", "grumpy", "delighted"), ("enquiries", "eligibility")
    assert not corpus_words & {*feelings, *office_words}
    assert all(model.meaning[word] > 0 for word in feelings)
    assert all(model.meaning[word] < 0 for word in office_words)
    # Two posts alike but for one unseen word: the word of feeling reads more personal.
    moody, formal = (
        model.read(f"{word} about the new parking rules in the town centre", kind="original", to_person=False)
        for word in ("Grumpy", "Enquiries")
    )
    assert moody.personal_probability > formal.personal_probability


@pytest.mark.django_db
def test_a_post_read_again_for_a_correction_is_read_in_its_historys_context() -> None:
    (post,) = _history_with_posts(["New figures on housing out today"])
    version = load_voice_model().version

    assert post_voice_reading(post) == ("corporate", version)
    # The lean a profile of mostly personal posts records: the analysis read this post personal.
    assert post_voice_reading(post, history_lean=4.0) == ("personal", version)
    assert post_voice_reading(post, history_lean=-4.0) == ("corporate", version)
