"""The command-line contract: JSON Lines in and out, error objects, exit status."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import time

import pytest

from goldseam.cli import run


def _run_jsonl(monkeypatch, capsys, command: str, payload: bytes) -> tuple[int, list[dict]]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload), encoding="utf-8"))
    status = run([command, "--jsonl"])
    out = capsys.readouterr().out
    return status, [json.loads(line) for line in out.splitlines()]


def test_analyze_jsonl_echoes_ids_in_order(monkeypatch, capsys):
    lines = [{"id": f"m{i}", "text": t, "extra": 1} for i, t in enumerate(
        ["You lied to me.", "Can you pick up milk?", "I feel so alone in this."]
    )]
    payload = "".join(json.dumps(line) + "\n" for line in lines).encode()
    status, out = _run_jsonl(monkeypatch, capsys, "analyze", payload)
    assert status == 0
    assert [o["id"] for o in out] == ["m0", "m1", "m2"]
    assert out[0]["codes"] == ["blame"]
    assert set(out[0]) >= {"id", "codes", "emotions", "spans", "safety"}
    assert out[1]["codes"] == ["neutral"]
    assert out[2]["emotions"] == [{"emotion": "alone", "kind": "primary"}]


BAD_LINES = [
    ("not_json", b"{nope\n", "not valid JSON"),
    ("no_text", b'{"id": "x"}\n', "missing 'text'"),
    ("text_not_string", b'{"id": "x", "text": 5}\n', "must be a string"),
    ("empty", b'{"id": "x", "text": "   "}\n', "empty"),
    ("too_long", json.dumps({"id": "x", "text": "a" * 20_001}).encode() + b"\n", "at most"),
    ("control_chars", b'{"id": "x", "text": "hi\\u0007 there"}\n', "control characters"),
    ("invalid_utf8", b'{"id": "x", "text": "\xff\xfe"}\n', "UTF-8"),
]


@pytest.mark.parametrize("name,line,message", BAD_LINES, ids=[b[0] for b in BAD_LINES])
def test_bad_line_gets_error_object_and_batch_goes_on(monkeypatch, capsys, name, line, message):
    payload = line + b'{"id": "after", "text": "You lied to me."}\n'
    status, out = _run_jsonl(monkeypatch, capsys, "analyze", payload)
    assert status == 1
    assert len(out) == 2
    assert message in out[0]["error"]
    assert out[1] == {**out[1], "id": "after", "codes": ["blame"]}


@pytest.mark.parametrize("text,warning", [
    ("😢😢😢", "emoji only"),
    ("No sé por qué me haces esto otra vez", "not English"),
])
def test_unreadable_language_is_warned_not_guessed(monkeypatch, capsys, text, warning):
    payload = json.dumps({"id": "w", "text": text}).encode() + b"\n"
    status, out = _run_jsonl(monkeypatch, capsys, "analyze", payload)
    assert status == 0
    assert out[0]["codes"] == ["neutral"]
    assert any(warning in w for w in out[0]["warnings"])


def test_reframe_jsonl(monkeypatch, capsys):
    payload = (
        b'{"id": 1, "text": "You were texting her again."}\n'
        b'{"id": 2, "text": "Can you pick up milk?"}\n'
    )
    status, out = _run_jsonl(monkeypatch, capsys, "reframe", payload)
    assert status == 0
    assert out[0]["id"] == 1 and out[0]["suggestions"]
    assert out[1] == {"id": 2, "suggestions": []}


def test_single_text_report(capsys):
    assert run(["analyze", "You never listen to me"]) == 0
    out = capsys.readouterr().out
    assert "codes: blame" in out


def test_single_text_error_exit(capsys):
    assert run(["analyze", "   "]) == 1
    assert "empty" in capsys.readouterr().err


def test_coach_command(capsys):
    assert run(["coach", "I'm sorry you feel that way.", "--role", "repairing", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["role"] == "repairing" and data["concerns"]


def test_evaluate_json_on_a_small_set(tmp_path, capsys):
    path = tmp_path / "set.jsonl"
    rows = [
        {"id": "1", "text": "You lied to me.", "codes": ["blame"], "emotions": []},
        {"id": "2", "text": "I feel so alone in this.", "codes": ["vulnerable_emotion"],
         "emotions": ["alone"]},
        {"id": "3", "text": "He shoved me.", "codes": ["blame"], "safety": ["violence"]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert run(["evaluate", str(path), "--json", "--engine", "rules"]) == 0
    report = json.loads(capsys.readouterr().out)["rules"]
    assert report["messages"] == 3
    assert report["codes"]["per_code"]["blame"]["support"] == 2
    assert report["emotions"]["f1"] == 1.0
    assert report["safety"]["recall"]["violence"] == 1.0
    assert 0.0 <= report["reframe"]["pass_rate"] <= 1.0


def test_unknown_engine_is_refused(capsys):
    assert run(["analyze", "hello there", "--engine", "nonesuch"]) == 2
    assert "unknown engine" in capsys.readouterr().err


def test_subprocess_contract_and_cold_start():
    payload = b'{"id": "a", "text": "Answer me!"}\nnot json\n'
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "goldseam.cli", "analyze", "--jsonl"],
        input=payload, capture_output=True, timeout=60, check=False,
    )
    elapsed = time.perf_counter() - started
    lines = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert done.returncode == 1
    assert lines[0]["id"] == "a" and "pursuit" in lines[0]["codes"]
    assert "error" in lines[1]
    assert elapsed < 10  # generous: the 1 s target is measured by bench/bench_language.py


def test_evaluate_conversations_uses_the_engine_it_is_given(monkeypatch, capsys):
    from goldseam.language import conversation

    seen = []

    def fake(path, engine=None, analyzer=None):
        seen.append(engine)
        return {"conversations": 0}

    monkeypatch.setattr(conversation, "evaluate_conversations", fake)
    assert run(["evaluate", "--conversations", "x.jsonl", "--engine", "rules", "--json"]) == 0
    assert seen == ["rules"]
