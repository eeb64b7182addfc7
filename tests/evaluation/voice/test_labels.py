"""Settling the corpus's labels from its readings."""

from __future__ import annotations

import pytest

from evaluation.voice.labels import (
    LABELS,
    LABELS_FIRST,
    LABELS_SECOND,
    LABELS_THIRD,
    ReadingsError,
    read_labels,
    settle,
)


def _reading(*rows: tuple[str, str, str]) -> dict[str, dict[str, str]]:
    return {
        post_id: {"post_id": post_id, "account": account, "label": label, "reason": f"{label} reason"}
        for post_id, account, label in rows
    }


def test_where_two_readers_agree_their_label_stands_and_a_third_reading_settles_the_rest() -> None:
    first = _reading(("1", "ann", "personal"), ("2", "ann", "corporate"), ("3", "bob", "mixed"))
    second = _reading(("1", "ann", "personal"), ("2", "ann", "personal"), ("3", "bob", "mixed"))
    third = _reading(("2", "ann", "corporate"))

    settled = {row["post_id"]: row["label"] for row in settle(first, second, third)}

    assert settled == {"1": "personal", "2": "corporate", "3": "mixed"}


def test_the_third_reading_decides_even_against_both_others() -> None:
    first = _reading(("7", "ann", "personal"))
    second = _reading(("7", "ann", "corporate"))

    [row] = settle(first, second, _reading(("7", "ann", "mixed")))

    assert row["label"] == "mixed"
    assert row["reason"] == "mixed reason"


def test_an_unsettled_disagreement_or_a_missing_second_reading_is_an_error() -> None:
    first = _reading(("1", "ann", "personal"), ("2", "ann", "corporate"))
    with pytest.raises(ReadingsError, match=r"Post 2: the readings differ \(corporate, personal\) and it has no third"):
        settle(first, _reading(("1", "ann", "personal"), ("2", "ann", "personal")), {})
    with pytest.raises(ReadingsError, match="Post 2 has no second reading"):
        settle(first, _reading(("1", "ann", "personal")), {})


def test_the_shipped_labels_are_the_settled_readings() -> None:
    settled = settle(read_labels(LABELS_FIRST), read_labels(LABELS_SECOND), read_labels(LABELS_THIRD))
    assert settled == list(read_labels(LABELS).values())
