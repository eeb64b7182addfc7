"""How well the voice classifier reproduces the labelled corpus, on accounts it has not seen.

    python -m evaluation.voice.evaluate            # print the figures
    python -m evaluation.voice.evaluate --write    # and rewrite their section of docs/voice.md

Cross-validation grouped by account: the accounts are split into FOLDS folds; each fold's posts
are read by a model trained (C and decision rule chosen inside, by `choose_settings`, on the other
folds' accounts only) without any of that fold's accounts. The rule-based reading the engine used
before the model (features.voice_contributions, voice thresholds) is the baseline, read on the
same posts. Every figure printed here is computed by this file from posts.csv, the settled labels
(labels.csv) and the readings they were settled from (labels_first/second/third.csv).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from evaluation.voice.histories import read_history
from evaluation.voice.labels import LABELS, LABELS_FIRST, LABELS_SECOND, LABELS_THIRD, POSTS, read_labels
from evaluation.voice.measures import LABEL_ORDER, UNJUDGED, Reading, calibration, figures, kappa
from evaluation.voice.word_vectors import VECTORS
from profiles.analysis.features import voice_contributions
from profiles.analysis.language import is_english
from profiles.analysis.sentiment import VaderScorer, translate_emoji
from profiles.analysis.thresholds import DEFAULT_THRESHOLDS
from profiles.analysis.tokens import plain_text, tokenize
from profiles.analysis.voice_model import CORPORATE, MIXED, PERSONAL, UNKNOWN, VoiceModel
from profiles.analysis.voice_training import LabelledPost, WordVectors, read_labelled_corpus, train_voice_model
from profiles.ingest.records import NormalisedPost, Platform, PostKind

FOLDS = 5
DOC = Path(__file__).resolve().parents[2] / "docs" / "voice.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def model_readings(posts: Sequence[LabelledPost], folds_count: int = FOLDS) -> list[Reading]:
    """Each post read by a model trained without its account (grouped folds), each account's posts
    read together as one history (`histories.read_history`)."""
    from sklearn.model_selection import GroupKFold  # noqa: PLC0415 - evaluation only

    readings: list[Reading | None] = [None] * len(posts)
    vectors = WordVectors.load(VECTORS)
    folds = GroupKFold(n_splits=folds_count).split(posts, groups=[post.account for post in posts])
    for train_rows, test_rows in folds:
        model = VoiceModel.from_dict(
            train_voice_model([posts[row] for row in train_rows], version="cv", vectors=vectors)
        )
        # Each account's posts are read as one history, as the engine reads an uploaded one.
        by_account: dict[str, list[int]] = {}
        for row in test_rows:
            by_account.setdefault(posts[row].account, []).append(row)
        for rows in by_account.values():
            for row, reading in zip(rows, read_history(model, [posts[row] for row in rows]), strict=True):
                readings[row] = reading
    return [reading for reading in readings if reading is not None]


def baseline_readings(posts: Sequence[LabelledPost]) -> list[Reading]:
    """The rules the engine used before the model: summed feature weights, cut at the voice thresholds."""
    scorer = VaderScorer()
    thresholds = DEFAULT_THRESHOLDS
    readings = []
    for post in posts:
        normalised = NormalisedPost(
            platform=Platform.TWITTER,
            external_id=post.post_id,
            created_at=datetime(2020, 1, 1, tzinfo=UTC),
            text=post.text,
            kind=PostKind(post.kind),
            reply_to_account_id="other" if post.kind == "reply" else "",
        )
        if not is_english(normalised.language, normalised.text):
            readings.append(Reading(post.label, UNKNOWN, None, post.account))
            continue
        text = plain_text(post.text)
        tokens = tokenize(text)
        contributions = voice_contributions(
            normalised,
            tokens=tokens,
            words=[token.lower() for kind, token in tokens if kind == "word"],
            lowered=text.lower(),
            sentiment=scorer.compound(translate_emoji(text)),
            thresholds=thresholds,
            own_account_id="self",
        )
        score = max(-1.0, min(1.0, sum(weight for _, weight in contributions)))
        if score >= thresholds.voice_personal:
            label = PERSONAL
        elif score <= thresholds.voice_corporate:
            label = CORPORATE
        else:
            label = MIXED
        readings.append(Reading(post.label, label, None, post.account))
    return readings


def account_shares(readings: Sequence[Reading], *, gold: bool, label: str = CORPORATE) -> dict[str, float]:
    """Each account's share of `label` among its judged posts, by the corpus's labels or by the model."""
    by_account: dict[str, list[str]] = {}
    for r in readings:
        by_account.setdefault(r.account, []).append(r.gold if gold else r.label)
    shares = {}
    for account, labels in by_account.items():
        judged = [given for given in labels if given != UNKNOWN]
        shares[account] = sum(given == label for given in judged) / len(judged) if judged else 0.0
    return shares


def account_kinds(posts_path: Path = POSTS) -> dict[str, str]:
    """Each account's kind (who the account is, from posts.csv)."""
    with posts_path.open(newline="", encoding="utf-8") as handle:
        return {row["account"]: row["account_kind"] for row in csv.DictReader(handle)}


def by_kind_table(readings: Sequence[Reading], kinds: dict[str, str]) -> list[str]:
    """Per kind of account: the labels, and how well the cross-validated model reproduces them."""
    groups: dict[str, list[Reading]] = {}
    for reading in readings:
        groups.setdefault(kinds.get(reading.account, "?"), []).append(reading)
    header = (
        "| Kind of account | Accounts | Posts | personal | mixed | corporate | unknown | Model: accuracy, judged"
        " | Model: kappa, every post |"
    )
    lines = [
        header,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        gold = Counter(r.gold for r in members)
        judged = [r for r in members if UNKNOWN not in (r.gold, r.label)]
        accuracy = sum(r.gold == r.label for r in judged) / len(judged) if judged else float("nan")
        product = kappa([r.gold for r in members], [UNJUDGED if r.label == UNKNOWN else r.label for r in members])
        lines.append(
            f"| {kind} | {len({r.account for r in members})} | {len(members)} | "
            + " | ".join(str(gold[label]) for label in LABEL_ORDER)
            + f" | {_shown(accuracy)} | {_shown(product)} |"
        )
    return lines


# Kinds of account that are organisations, not people: the accounts a "press office" finding
# should find an account resembling.
INSTITUTION_KINDS = frozenset(
    {
        "company", "government agency", "health website", "magazine", "news outlet", "non-profit organisation",
        "politician's office", "professional association",
    }
)  # fmt: skip


def threshold_separation(readings: Sequence[Reading], kinds: dict[str, str]) -> list[str]:
    """How the voice findings' thresholds split the labelled accounts: organisations against people."""
    thresholds = DEFAULT_THRESHOLDS
    corporate = account_shares(readings, gold=True, label=CORPORATE)
    personal = account_shares(readings, gold=True, label=PERSONAL)
    institutions = [account for account in corporate if kinds.get(account) in INSTITUTION_KINDS]
    people = [account for account in corporate if kinds.get(account) not in INSTITUTION_KINDS]
    # Both ranges are one-sided: a ceiling on the corporate share, a floor under the personal one.
    high, low = thresholds.corporate_share.high or 1.0, thresholds.personal_share.low or 0.0
    above = [sum(corporate[a] > high for a in group) for group in (institutions, people)]
    below = [sum(personal[a] < low for a in group) for group in (institutions, people)]
    sentence = (
        f"By the labels, {above[0]} of the {len(institutions)} organisations' accounts and {above[1]} of the "
        f"{len(people)} people's are more than {high:.0%} corporate; {below[0]} organisations and {below[1]} "
        f"people are less than {low:.0%} personal."
    )
    return [sentence]


def _labels_by_post(path: Path) -> dict[str, str]:
    return {post_id: row["label"] for post_id, row in read_labels(path).items()}


def second_reading_agreement(
    first_path: Path = LABELS_FIRST, second_path: Path = LABELS_SECOND
) -> tuple[int, float, Counter]:
    """How far the two independent readings agree: (posts read by both, kappa, label pairs)."""
    first, second = _labels_by_post(first_path), _labels_by_post(second_path)
    common = sorted(set(first) & set(second))
    pairs = Counter((first[post_id], second[post_id]) for post_id in common)
    return len(common), kappa([first[i] for i in common], [second[i] for i in common]), pairs


def report(
    posts: Sequence[LabelledPost], model: Sequence[Reading], baseline: Sequence[Reading], folds_count: int = FOLDS
) -> str:
    """The figures as the Markdown section of docs/voice.md."""
    lines = []
    labels = Counter(post.label for post in posts)
    lines += [
        f"Corpus: {len(posts)} posts from {len({post.account for post in posts})} accounts; labels "
        + ", ".join(f"{label} {labels[label]}" for label in LABEL_ORDER)
        + ".",
        "",
        f"| Cross-validated by account ({folds_count} folds) | Model | Rules (baseline) | Target |",
        "| --- | ---: | ---: | ---: |",
    ]
    model_figures, baseline_figures = figures(model), figures(baseline)
    rows = [
        ("kappa, personal/mixed/corporate, posts judged", "kappa_judged", (0.70, "≥ 0.70")),
        ("kappa, personal against corporate", "kappa_binary", None),
        ("kappa, every post, unknown counted as a miss", "kappa_product", (0.60, "≥ 0.60")),
        ("accuracy, posts judged", "accuracy_judged", None),
        ("share of posts judged", "judged_share", (0.90, "≥ 90%")),
    ]
    for title, name, target in rows:
        value = getattr(model_figures, name)
        lines.append(f"| {title} | {value:.3f} | {getattr(baseline_figures, name):.3f} | {_target(value, target)} |")
    for label in LABEL_ORDER:
        target = (0.75, "≥ 0.75") if label in (PERSONAL, CORPORATE) else None
        for index, measure in ((1, "recall"), (0, "precision")):
            value = model_figures.per_label[label][index]
            lines.append(
                f"| {label} {measure} | {_shown(value)} | {_shown(baseline_figures.per_label[label][index])} | "
                f"{_target(value, target if index == 1 else None)} |"
            )
    lines += [
        "",
        "By kind of account (who the account is, not how it sounds). Kappa within one kind is low where",
        "nearly every post has one label (a news desk's headlines): there is little left to agree on by",
        "more than chance.",
        "",
    ]
    lines += by_kind_table(model, account_kinds())
    lines += ["", "Model's labels (columns) against the corpus's (rows), all posts:", ""]
    lines += _confusion_table(model_figures.confusion)
    lines += ["", "The rules' labels against the corpus's:", ""]
    lines += _confusion_table(baseline_figures.confusion)
    lines += [
        "",
        "Calibration (posts judged, labelled personal or corporate): the model's P(personal) against how",
        "often such posts are labelled personal.",
        "",
        "| P(personal) | Posts | Mean P(personal) | Labelled personal |",
        "| --- | ---: | ---: | ---: |",
    ]
    calibration_rows = calibration(model)
    total = sum(count for _, count, _, _ in calibration_rows)
    gap = sum(count * abs(predicted - observed) for _, count, predicted, observed in calibration_rows) / total
    lines += [
        f"| {name} | {count} | {predicted:.2f} | {observed:.2f} |"
        for name, count, predicted, observed in calibration_rows
    ]
    lines += ["", f"Expected calibration error (posts-weighted mean gap): {gap:.3f}."]
    gold_shares, model_shares = account_shares(model, gold=True), account_shares(model, gold=False)
    baseline_shares = account_shares(baseline, gold=False)
    model_error = sum(abs(model_shares[a] - gold_shares[a]) for a in gold_shares) / len(gold_shares)
    baseline_error = sum(abs(baseline_shares[a] - gold_shares[a]) for a in gold_shares) / len(gold_shares)
    lines += [
        "",
        "Account level: each account's corporate share of judged posts, by the labels and by the",
        f"cross-validated model: mean absolute difference {model_error:.3f} (rules: {baseline_error:.3f}).",
    ]
    quantiles = (("min", 0), ("lower quartile", 0.25), ("median", 0.5), ("upper quartile", 0.75), ("max", 1))
    for label in (CORPORATE, PERSONAL):
        ordered = sorted(account_shares(model, gold=True, label=label).values())
        lines.append(
            f"The labelled accounts' {label} shares: "
            + ", ".join(f"{name} {_quantile(ordered, q):.2f}" for name, q in quantiles)
            + "."
        )
    lines += threshold_separation(model, account_kinds())
    count, second_kappa, pairs = second_reading_agreement()
    agreement = sum(n for (first, second), n in pairs.items() if first == second) / count
    third = read_labels(LABELS_THIRD)
    differ = count - sum(n for (first, second), n in pairs.items() if first == second)
    summary = (
        f"Two independent readings of {count} posts: kappa {second_kappa:.3f} (agreement {agreement:.3f}); "
        f"the {differ} posts they differ on were settled by a third reading ({len(third)} posts read)."
    )
    lines += ["", summary, ""]
    lines += _confusion_table(pairs, rows_title="first reading", columns_title="second")
    lines += ["", *single_reading_lines(posts, model), "", *context_lines(model)]
    return "\n".join(lines)


def context_lines(model: Sequence[Reading]) -> list[str]:
    """What reading each account's posts as one history changed, against the words alone."""
    moved = [r for r in model if r.label != r.alone and not r.templated]
    templated = [r for r in model if r.templated and r.label != UNKNOWN]
    alone = figures([r._replace(label=r.alone) for r in model])
    judged = sum(1 for r in model if r.label != UNKNOWN)
    labelled = Counter(r.gold for r in templated)
    return [
        f"Read in context: {len(moved)} of the {judged} posts judged ({len(moved) / judged:.1%}) took their",
        "history's voice against their own words; the labels side with the history on",
        f"{sum(r.gold == r.label for r in moved)} of them and with the words alone on",
        f"{sum(r.gold == r.alone for r in moved)}. Templates: {len(templated)} posts fell in clusters of",
        "near-identical posts among their account's labelled posts and were read corporate, as the engine",
        f"reads templates ({sum(r.alone != CORPORATE for r in templated)} of them against their own words);",
        "the labels call them "
        + (", ".join(f"{label} {labelled[label]}" for label in LABEL_ORDER if labelled[label]) or "nothing")
        + ".",
        f"The same readings from each post's words alone: kappa {alone.kappa_judged:.3f} on posts judged,",
        f"{alone.kappa_product:.3f} on every post, {alone.kappa_binary:.3f} personal against corporate.",
    ]


def single_reading_lines(posts: Sequence[LabelledPost], model: Sequence[Reading]) -> list[str]:
    """The model's agreement with each reading alone (same cross-validated readings)."""
    lines = ["The same cross-validated model readings against one reader's labels alone:", ""]
    lines += ["| Labels | kappa, posts judged | kappa, every post |", "| --- | ---: | ---: |"]
    for title, path in (("first reading", LABELS_FIRST), ("second reading", LABELS_SECOND)):
        labels = _labels_by_post(path)
        against = [reading._replace(gold=labels[post.post_id]) for post, reading in zip(posts, model, strict=True)]
        single = figures(against)
        lines.append(f"| {title} | {single.kappa_judged:.3f} | {single.kappa_product:.3f} |")
    return lines


def _target(value: float, target: tuple[float, str] | None) -> str:
    """The target and whether the unrounded figure meets it: 0.6999 shows as 0.700 but is short of 0.70."""
    if target is None:
        return ""
    threshold, shown = target
    return f"{shown}: {'met' if value >= threshold else f'**not met** ({value:.4f})'}"


def _shown(value: float) -> str:
    """Three decimals; a dash where a figure has nothing to count (a label never given)."""
    return "—" if math.isnan(value) else f"{value:.3f}"


def _quantile(ordered: Sequence[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _confusion_table(pairs: Counter | dict, rows_title: str = "labelled", columns_title: str = "read") -> list[str]:
    header = f"| {rows_title} \\ {columns_title} | " + " | ".join(LABEL_ORDER) + " |"
    lines = [header, "| --- |" + " ---: |" * len(LABEL_ORDER)]
    for gold in LABEL_ORDER:
        lines.append(f"| {gold} | " + " | ".join(str(pairs.get((gold, label), 0)) for label in LABEL_ORDER) + " |")
    return lines


def write_section(section: str, doc: Path = DOC) -> None:
    text = doc.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{doc} has no {START} … {END} section to fill.")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{section}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the figures section of docs/voice.md")
    parser.add_argument("--folds", type=int, default=FOLDS, help=f"folds of accounts (default {FOLDS})")
    parser.add_argument(
        "--accounts", type=int, default=0, help="only the first N accounts by name (a quick check; never --write)"
    )
    arguments = parser.parse_args(argv)
    posts = read_labelled_corpus(POSTS, LABELS)
    if arguments.accounts:
        if arguments.write:
            parser.error("--accounts gives partial figures: they are never written to docs/voice.md")
        kept = set(sorted({post.account for post in posts}, key=str.lower)[: arguments.accounts])
        posts = [post for post in posts if post.account in kept]
    section = report(posts, model_readings(posts, arguments.folds), baseline_readings(posts), arguments.folds)
    print(section)
    if arguments.write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
