"""Agreement measures for the voice evaluation: a post's reading, Cohen's kappa, the figures
over a set of readings, and calibration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from profiles.analysis.voice_model import CORPORATE, MIXED, PERSONAL, UNKNOWN

LABEL_ORDER = (PERSONAL, MIXED, CORPORATE, UNKNOWN)
UNJUDGED = "unjudged"
CALIBRATION_BINS = 10


class Reading(NamedTuple):
    gold: str
    label: str
    personal_probability: float | None
    account: str
    alone: str = ""  # the label from the post's own words, before its history's lean moved it
    templated: bool = False  # one of several near-identical posts in its account's: read corporate


def kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa: (observed agreement - chance agreement) / (1 - chance agreement)."""
    total = len(first)
    if not total:
        return float("nan")
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    first_counts, second_counts = Counter(first), Counter(second)
    chance = sum(first_counts[label] * second_counts[label] for label in first_counts) / total**2
    return (observed - chance) / (1 - chance) if chance < 1 else 1.0


class Figures(NamedTuple):
    posts: int
    judged_share: float
    kappa_judged: float
    kappa_product: float
    kappa_binary: float
    accuracy_judged: float
    per_label: dict[str, tuple[float, float, int]]  # precision, recall, gold count
    confusion: dict[tuple[str, str], int]


def figures(readings: Sequence[Reading]) -> Figures:
    judged = [r for r in readings if UNKNOWN not in (r.label, r.gold)]
    # The product figure: every post, a post left unknown counted as a miss whatever its label.
    product = [UNJUDGED if r.label == UNKNOWN else r.label for r in readings]
    binary = [r for r in readings if r.gold in (PERSONAL, CORPORATE) and r.label in (PERSONAL, CORPORATE)]
    per_label = {}
    for label in LABEL_ORDER:
        predicted = sum(1 for r in readings if r.label == label)
        actual = sum(1 for r in readings if r.gold == label)
        hits = sum(1 for r in readings if r.label == label and r.gold == label)
        per_label[label] = (hits / predicted if predicted else float("nan"), hits / actual if actual else 0.0, actual)
    return Figures(
        posts=len(readings),
        judged_share=sum(1 for r in readings if r.label != UNKNOWN) / len(readings),
        kappa_judged=kappa([r.gold for r in judged], [r.label for r in judged]),
        kappa_product=kappa([r.gold for r in readings], product),
        kappa_binary=kappa([r.gold for r in binary], [r.label for r in binary]),
        accuracy_judged=sum(r.gold == r.label for r in judged) / len(judged),
        per_label=per_label,
        confusion=Counter((r.gold, r.label) for r in readings),
    )


def calibration(readings: Sequence[Reading]) -> list[tuple[str, int, float, float]]:
    """(P(personal) bin, posts, mean predicted, share labelled personal) over judged personal/corporate posts."""
    rows = []
    scored = [r for r in readings if r.personal_probability is not None and r.gold in (PERSONAL, CORPORATE)]
    for index in range(CALIBRATION_BINS):
        low, high = index / CALIBRATION_BINS, (index + 1) / CALIBRATION_BINS
        members = [
            r
            for r in scored
            if low <= r.personal_probability < high or (index == CALIBRATION_BINS - 1 and r.personal_probability == 1)
        ]
        if members:
            predicted = sum(r.personal_probability for r in members) / len(members)
            observed = sum(r.gold == PERSONAL for r in members) / len(members)
            rows.append((f"{low:.1f}–{high:.1f}", len(members), predicted, observed))
    return rows
