"""Sentence embeddings for the semantic stage: WordLlama's `l2_supercat` static token vectors
(256 dimensions, 16 MB) that the `wordllama` wheel ships in its package directory.

A sentence's vector is the mean of its tokens' vectors (the attention mask leaves padding
out), scaled to unit length, so a dot product is the cosine similarity: the same vectors as
`WordLlama.load(...).embed(text, norm=True)` (a test checks they agree).

The files are read from the installed package directory, found with `importlib.util.find_spec`
without importing `wordllama` itself: its `load()` looks for the tokenizer in a folder the wheel
does not have and then downloads it from a model hub, and importing the package configures the
root logger. Here nothing touches the network: a missing file is a `FileNotFoundError` (a test
loads and embeds with sockets blocked). The choice of model is recorded in docs/claims.md.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from annotations.core.claims.normalise import numbers_normalised

MODEL_PACKAGE = "wordllama"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
WEIGHTS_TENSOR = "embedding.weight"

Vectors = npt.NDArray[np.float32]


def model_directory() -> Path:
    """Where the installed `wordllama` package keeps its files (the package is not imported)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {MODEL_PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class Embedder:
    """Static token vectors and their tokenizer: `embed` turns texts into unit vectors."""

    vectors: Vectors
    tokenizer: Tokenizer

    @classmethod
    def from_directory(cls, directory: Path) -> Embedder:
        weights = load_file(str(directory / WEIGHTS_FILE))[WEIGHTS_TENSOR]
        tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        tokenizer.enable_padding()
        tokenizer.no_truncation()
        return cls(np.ascontiguousarray(weights, dtype=np.float32), tokenizer)

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    def embed(self, texts: list[str], *, batch_size: int = 256) -> Vectors:
        """One unit vector per text (a text with no token is the zero vector)."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            batch = texts[start : start + batch_size]
            encoded = self.tokenizer.encode_batch(batch, add_special_tokens=False)
            ids = np.array([e.ids for e in encoded], dtype=np.int64).reshape(len(batch), -1)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            mask = mask.reshape(len(batch), -1)
            np.clip(ids, 0, self.vectors.shape[0] - 1, out=ids)
            summed = np.einsum("btd,bt->bd", self.vectors[ids], mask, dtype=np.float32)
            counts = np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
            pooled = summed / counts
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[start : start + len(batch)] = pooled / np.where(norms == 0, 1.0, norms)
        return out

    def embed_claims(self, texts: list[str]) -> Vectors:
        """Vectors of claim texts as the matcher compares them: numbers in one format."""
        return self.embed([numbers_normalised(text) for text in texts])


@cache
def embedder() -> Embedder:
    """The shipped model, loaded once per process (about 0.2 s and 16 MB)."""
    return Embedder.from_directory(model_directory())
