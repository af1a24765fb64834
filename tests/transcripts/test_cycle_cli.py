"""`goldseam cycle`: the readable report, the JSON Lines contract, charts and bad input."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from goldseam.cli import run
from goldseam.transcripts.cli import run_jsonl

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts"


def test_report_names_pattern_roles_and_evidence(fake_engine, capsys):
    assert run(["cycle", str(FIXTURES / "plain.txt")]) == 0
    out = capsys.readouterr().out
    assert "Pursue and withdraw" in out
    assert "presses (pursuer)" in out and "steps back (withdrawer)" in out
    assert "I'm not doing this again tonight." in out


def test_report_says_what_was_left_out_of_a_whatsapp_export(fake_engine, capsys):
    assert run(["cycle", str(FIXTURES / "android_us_12h.txt")]) == 0
    assert "left out: deleted 1, media 1, system 1" in capsys.readouterr().out


def test_json_flag_prints_contract_object(fake_engine, capsys):
    assert run(["cycle", str(FIXTURES / "plain.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == "plain" and out["roles"] == {"Jo": "pursuer", "Sam": "withdrawer"}


def test_three_speakers_are_listed_and_the_couple_asked_for(fake_engine, capsys):
    assert run(["cycle", str(FIXTURES / "three_speakers.txt")]) == 1
    err = capsys.readouterr().err
    assert "Jo, Sam, Therapist" in err and "--speakers" in err


def test_speakers_option_chooses_the_couple(fake_engine, capsys):
    path = str(FIXTURES / "three_speakers.txt")
    assert run(["cycle", path, "--speakers", "Jo,Sam", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)["roles"]) == {"Jo", "Sam"}


def test_speakers_option_naming_a_stranger_is_refused(fake_engine, capsys):
    path = str(FIXTURES / "three_speakers.txt")
    assert run(["cycle", path, "--speakers", "Jo,Kim"]) == 1
    assert "Kim" in capsys.readouterr().err


def test_broken_line_prints_file_and_line_and_no_report(fake_engine, capsys):
    assert run(["cycle", str(FIXTURES / "broken_middle.txt")]) == 1
    captured = capsys.readouterr()
    assert "broken_middle.txt, line 3" in captured.err.replace("\n", " ")
    assert captured.out == ""


@pytest.mark.parametrize(("name", "says"), [
    ("empty.txt", "no turns"),
    ("one_speaker.txt", "Only Jo speaks"),
])
def test_empty_and_one_speaker_files_get_a_clear_result(fake_engine, capsys, name, says):
    assert run(["cycle", str(FIXTURES / name)]) == 0
    assert says in capsys.readouterr().out.replace("\n", " ")


def test_chart_is_written(fake_engine, tmp_path, capsys):
    target = tmp_path / "dance.svg"
    assert run(["cycle", str(FIXTURES / "plain.txt"), "--chart", str(target)]) == 0
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "Feeds the cycle" in svg


def test_chart_with_unknown_suffix_is_refused(fake_engine, capsys):
    assert run(["cycle", str(FIXTURES / "plain.txt"), "--chart", "out.pdf"]) == 2


def test_jsonl_answers_each_line_in_order_with_errors_as_objects(fake_engine):
    lines = [
        json.dumps({"id": "a", "turns": [{"speaker": "Jo", "text": "Who is he? Show me."},
                                         {"speaker": "Sam", "text": "..."}], "extra": 1}),
        "not json",
        json.dumps({"id": "c", "turns": "nope"}),
        json.dumps({"id": "d", "turns": [{"speaker": "A", "text": "x"},
                                         {"speaker": "B", "text": "y"},
                                         {"speaker": "C", "text": "z"}]}),
        json.dumps({"id": "e", "turns": []}),
    ]
    out = io.StringIO()
    status = run_jsonl(io.StringIO("\n".join(lines) + "\n"), out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status == 1
    assert [r.get("id") for r in results] == ["a", None, "c", "d", "e"]
    assert results[0]["turns"][0]["codes"] == ["pursuit"] and "pattern" in results[0]
    assert all("error" in r for r in results[1:4])
    assert "line 2" in results[1]["error"]
    assert "--speakers" in results[3]["error"]
    assert results[4]["pattern"] == "none"


def test_jsonl_all_good_exits_zero(fake_engine):
    line = json.dumps({"id": "x", "turns": [{"speaker": "A", "text": "hi"},
                                            {"speaker": "B", "text": "hey"}]})
    out = io.StringIO()
    assert run_jsonl(io.StringIO(line + "\n"), out) == 0
    assert json.loads(out.getvalue())["id"] == "x"


def test_unknown_engine_is_named_before_any_work(capsys):
    assert run(["cycle", str(FIXTURES / "plain.txt"), "--engine", "crystal-ball"]) == 2
    assert "crystal-ball" in capsys.readouterr().err


def test_report_says_how_many_messages_the_engine_could_not_read(monkeypatch, capsys, tmp_path):
    from types import SimpleNamespace

    from goldseam.language import conversation

    def analyzer(texts):
        return [SimpleNamespace(codes=["neutral"], error=None,
                                warnings=["not English: the engine reads English only"]
                                if "¿" in t else []) for t in texts]

    monkeypatch.setattr(conversation, "_default_analyzer", lambda engine: analyzer)
    path = tmp_path / "chat.txt"
    path.write_text("Jo: ¿Dónde estabas?\nSam: At work.\n", encoding="utf-8")
    assert run(["cycle", str(path)]) == 0
    out = capsys.readouterr().out.replace("\n", " ")
    assert "could not fully read 1 of these messages" in out and "not English" in out
