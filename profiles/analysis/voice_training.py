"""Training the voice classifier: labelled posts in, a model file's bytes out, the same bytes every time.

A logistic regression (scikit-learn's liblinear solver: deterministic, single-threaded) on the
structural signals and the hashed lexical terms of `profiles.analysis.voice_signals`, personal
against corporate; posts labelled mixed or unknown are not training examples (mixed is decided
from the evidence on both sides, unknown from the amount of text, see `voice_model`). Classes are
weighted to balance, so neither voice wins by being the more common one. The regularisation C is
chosen among `C_GRID` together with the decision rule, by cross-validation grouped by account (no
account in both the fitting and the scoring folds), on the training posts only.

Word meaning: besides the hashed terms, each post gets the mean of its words' vectors
(`WordVectors`, built once by `evaluation.voice.word_vectors`). The logistic weights of those
columns are a direction in the vectors' space; the model file keeps, for every word of the
vocabulary, its vector's projection on that direction (`meaning`), so the engine adds up one
number per word and never reads the vectors.

scikit-learn is imported here only: the engine reads the resulting file without it.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from profiles.analysis.voice_model import CONTEXT_CLIP, CORPORATE, MIXED, PERSONAL, UNKNOWN, DecisionRule
from profiles.analysis.voice_signals import (
    HASH_BITS,
    SIGNAL_NAMES,
    lexical_terms,
    lexical_words,
    own_words,
    shape_of,
    signals_of,
    too_little_to_judge,
)

C_GRID = (1.0, 3.0, 10.0)
# The word-meaning columns' scale against the other features': with one C for all columns, a
# larger scale regularises the meaning direction less (2 did best among 1, 2, 4 in grouped CV).
MEANING_SCALE = 2.0
INNER_FOLDS = 4
WEIGHT_DECIMALS = 5
# The decision rules tried (docs/voice.md "How a label is decided"); 99 log-odds means never mixed,
# a context weight of 0 reads every post alone.
RULE_GRID = tuple(
    DecisionRule(min_content_words=words, mixed_evidence=evidence, mixed_margin=margin, context_weight=context)
    for words in (1, 2)
    for evidence in (0.5, 1.0, 1.5, 99.0)
    for margin in (0.5, 1.0, 2.0)
    for context in (0.0, 0.25, 0.5, 0.75, 1.0)
)


class LabelledPost(NamedTuple):
    post_id: str
    account: str
    text: str
    kind: str  # original, reply (to another person), quote
    label: str  # personal, mixed, corporate, unknown


class VoiceTrainingError(ValueError):
    """Training cannot go ahead (too few examples of a voice); the message says what is missing."""


class WordVectors(NamedTuple):
    """A vocabulary's word vectors: `words[i]` has the row `vectors[i]` (a float array)."""

    words: list[str]
    vectors: Any

    @classmethod
    def load(cls, path: Path) -> WordVectors:
        import numpy as np  # noqa: PLC0415 - training only

        try:
            with np.load(path) as stored:
                words = [str(word) for word in stored["words"]]
                vectors = stored["vectors"].astype(np.float64) * float(stored["scale"])
        except (OSError, KeyError, ValueError) as error:
            raise VoiceTrainingError(f"{path} is not a word-vectors file: {error}.") from None
        return cls(words, vectors)

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])


def feature_matrix(posts: Sequence[LabelledPost], vectors: WordVectors) -> Any:
    """A sparse matrix, one row per post: the structural signals, 2**HASH_BITS lexical buckets, word meaning."""
    import numpy as np  # noqa: PLC0415 - training only
    from scipy.sparse import csr_matrix, hstack  # noqa: PLC0415

    index_of = {name: column for column, name in enumerate(SIGNAL_NAMES)}
    row_of_word = {word: row for row, word in enumerate(vectors.words)}
    offset = len(SIGNAL_NAMES)
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    meaning = np.zeros((len(posts), vectors.dimensions))
    for row, post in enumerate(posts):
        own = own_words(post.text)
        for name in signals_of(own, kind=post.kind, to_person=post.kind == "reply"):
            rows.append(row)
            columns.append(index_of[name])
            values.append(1.0)
        words = lexical_words(own)
        terms = lexical_terms(words)
        if terms:
            scale = 1.0 / math.sqrt(len(terms))
            rows.extend([row] * len(terms))
            columns.extend(offset + term for term in terms)
            values.extend([scale] * len(terms))
        known = [row_of_word[word] for word in words if word in row_of_word]
        if known:
            meaning[row] = vectors.vectors[known].mean(axis=0) * MEANING_SCALE
    # csr_matrix sums repeated (row, column) pairs: a term's value is its count / √n.
    matrix = csr_matrix((values, (rows, columns)), shape=(len(posts), offset + (1 << HASH_BITS)))
    matrix.sum_duplicates()
    return hstack([matrix, csr_matrix(meaning)], format="csr")


def training_examples(posts: Sequence[LabelledPost]) -> list[LabelledPost]:
    return [post for post in posts if post.label in (PERSONAL, CORPORATE)]


def fit_weights(posts: Sequence[LabelledPost], c: float, vectors: WordVectors) -> tuple[float, list[float]]:
    """(intercept, coefficients) of the logistic model fitted to these posts' personal/corporate labels."""
    examples = training_examples(posts)
    labels = [post.label == PERSONAL for post in examples]
    if sum(labels) < 10 or len(labels) - sum(labels) < 10:
        raise VoiceTrainingError(
            f"Training needs at least 10 personal and 10 corporate posts; got {sum(labels)} and "
            f"{len(labels) - sum(labels)}."
        )
    estimator = _estimator(c).fit(feature_matrix(examples, vectors), labels)
    return float(estimator.intercept_[0]), [float(weight) for weight in estimator.coef_[0]]


class Settings(NamedTuple):
    c: float
    rule: DecisionRule


def choose_settings(posts: Sequence[LabelledPost], vectors: WordVectors) -> Settings:
    """C and the decision rule, chosen together on readings of held-out accounts within `posts` only.

    The posts are split into INNER_FOLDS folds grouped by account. For each C of `C_GRID`, every
    post is read by a model fitted on the other folds. Each pair of C and a rule of `RULE_GRID` is
    scored by how well its four labels agree (Cohen's kappa) with the posts' labels, mixed and
    unknown included: the figure the model is judged by. The best pair wins (ties: the smaller C,
    then the first rule in the grid). The rule includes how far a history's lean moves its posts
    (`context_weight`); the folds are grouped by account, so each account's held-out readings form
    its history.
    """
    import numpy as np  # noqa: PLC0415 - training only
    from sklearn.model_selection import GroupKFold  # noqa: PLC0415

    matrix = feature_matrix(posts, vectors)
    labels = [post.label for post in posts]
    trainable = np.array([label in (PERSONAL, CORPORATE) for label in labels])
    personal = np.array([label == PERSONAL for label in labels])
    folds = list(GroupKFold(n_splits=INNER_FOLDS).split(matrix, labels, [post.account for post in posts]))
    structural_count = len(SIGNAL_NAMES)
    shapes = [(own, shape_of(own)) for own in (own_words(post.text) for post in posts)]
    accounts = np.array([post.account for post in posts])
    unknown_by_words = {
        words: np.array([too_little_to_judge(own, shape, words) for own, shape in shapes])
        for words in {rule.min_content_words for rule in RULE_GRID}
    }
    best: tuple[float, Settings] | None = None
    for c in C_GRID:
        logits = np.zeros(len(posts))
        personal_evidence = np.zeros(len(posts))
        corporate_evidence = np.zeros(len(posts))
        for fold_rows, score_rows in folds:
            fit_rows = fold_rows[trainable[fold_rows]]
            estimator = _estimator(c).fit(matrix[fit_rows], personal[fit_rows])
            coefficients = estimator.coef_[0]
            logits[score_rows] = estimator.decision_function(matrix[score_rows])
            signals = matrix[score_rows][:, :structural_count]
            personal_evidence[score_rows] = signals @ np.clip(coefficients[:structural_count], 0, None)
            corporate_evidence[score_rows] = -(signals @ np.clip(coefficients[:structural_count], None, 0))
        held_out = HeldOutReadings(logits, personal_evidence, corporate_evidence)
        for rule in RULE_GRID:
            score = _rule_agreement(rule, held_out, labels=labels, unknown_by_words=unknown_by_words, accounts=accounts)
            if best is None or score > best[0]:
                best = (score, Settings(c, rule))
    assert best is not None  # noqa: S101 - C_GRID and RULE_GRID are not empty
    return best[1]


class HeldOutReadings(NamedTuple):
    """Every post read by a model fitted without its account: log-odds and the named signals' evidence."""

    logits: Any
    personal_evidence: Any
    corporate_evidence: Any


def _rule_agreement(
    rule: DecisionRule, held_out: HeldOutReadings, *, labels: list[str], unknown_by_words: dict[int, Any], accounts: Any
) -> float:
    """Cohen's kappa of the rule's four labels on held-out readings against the posts' labels."""
    import numpy as np  # noqa: PLC0415 - training only
    from sklearn.metrics import cohen_kappa_score  # noqa: PLC0415

    logits, personal_evidence, corporate_evidence = held_out
    unknown = unknown_by_words[rule.min_content_words]
    mixed = (
        (np.minimum(personal_evidence, corporate_evidence) >= rule.mixed_evidence)
        & (np.abs(logits) <= rule.mixed_margin)
        & ~unknown
    )
    # Each held-out account read as one history (voice_model.history_lean and in_context).
    moved = logits + rule.context_weight * _history_leans(logits, accounts, ~unknown)
    predicted = np.where(unknown, UNKNOWN, np.where(mixed, MIXED, np.where(moved >= 0, PERSONAL, CORPORATE)))
    return round(float(cohen_kappa_score(labels, predicted)), 6)


def _history_leans(logits: Any, accounts: Any, judged: Any) -> Any:
    """Each post's history lean: the mean of its account's judged log-odds, each within ±CONTEXT_CLIP."""
    import numpy as np  # noqa: PLC0415 - training only

    clipped = np.clip(logits, -CONTEXT_CLIP, CONTEXT_CLIP)
    leans = np.zeros(len(logits))
    for account in np.unique(accounts):
        rows = accounts == account
        if (rows & judged).any():
            leans[rows] = clipped[rows & judged].mean()
    return leans


def _estimator(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - training only

    return LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=1000, random_state=0, tol=1e-6)


def model_dict(
    intercept: float,
    weights: Sequence[float],
    *,
    version: str,
    c: float,
    rule: DecisionRule,
    trained_on: dict[str, int],
    vectors: WordVectors,
) -> dict[str, Any]:
    """The model as JSON-ready data: named structural weights, non-zero lexical buckets in order,
    and each vocabulary word's meaning weight (its vector's projection on the learnt direction)."""
    import numpy as np  # noqa: PLC0415 - training only

    structural_count = len(SIGNAL_NAMES)
    meaning_start = structural_count + (1 << HASH_BITS)
    lexical = [
        [index, round(weight, WEIGHT_DECIMALS)]
        for index, weight in enumerate(weights[structural_count:meaning_start])
        if round(weight, WEIGHT_DECIMALS) != 0
    ]
    direction = np.array(weights[meaning_start:]) * MEANING_SCALE
    meaning = {
        word: rounded
        for word, score in zip(vectors.words, (vectors.vectors @ direction).tolist(), strict=True)
        if (rounded := round(score, WEIGHT_DECIMALS)) != 0
    }
    return {
        "version": version,
        "kind": "logistic regression, personal against corporate",
        "c": c,
        "hash_bits": HASH_BITS,
        "intercept": round(intercept, WEIGHT_DECIMALS),
        "structural": {
            name: round(weight, WEIGHT_DECIMALS)
            for name, weight in zip(SIGNAL_NAMES, weights[:structural_count], strict=True)
        },
        "lexical": lexical,
        "meaning": meaning,
        "rule": rule.as_dict(),
        "trained_on": trained_on,
    }


def train_voice_model(
    posts: Sequence[LabelledPost], *, version: str, vectors: WordVectors, settings: Settings | None = None
) -> dict[str, Any]:
    """Choose C and the rule (unless given), fit on every personal and corporate post, describe the model."""
    c, rule = settings or choose_settings(posts, vectors)
    intercept, weights = fit_weights(posts, c, vectors)
    examples = training_examples(posts)
    trained_on = {
        "posts": len(examples),
        "accounts": len({post.account for post in examples}),
        "personal": sum(1 for post in examples if post.label == PERSONAL),
        "corporate": sum(1 for post in examples if post.label == CORPORATE),
    }
    return model_dict(intercept, weights, version=version, c=c, rule=rule, trained_on=trained_on, vectors=vectors)


def model_bytes(model: dict[str, Any]) -> bytes:
    """Stable serialisation: sorted keys, no spaces, one trailing newline."""
    return (json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n").encode()


def read_labelled_corpus(posts_csv: Path, labels_csv: Path) -> list[LabelledPost]:
    """The labelled posts: posts.csv joined with labels.csv on post id, in labels.csv's order."""
    with posts_csv.open(newline="", encoding="utf-8") as handle:
        posts = {row["post_id"]: row for row in csv.DictReader(handle)}
    labelled = []
    with labels_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            post = posts.get(row["post_id"])
            if post is None:
                raise VoiceTrainingError(f"{labels_csv.name}: post {row['post_id']} is not in {posts_csv.name}.")
            labelled.append(LabelledPost(row["post_id"], row["account"], post["text"], post["kind"], row["label"]))
    return labelled
