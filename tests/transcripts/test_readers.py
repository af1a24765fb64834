"""Reading chat exports and transcripts: layouts, skipped lines, and bad input."""
from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from goldseam.transcripts import TranscriptError, detect_format, open_transcript, speakers_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts"


def read(path, fmt=None):
    conversations = list(open_transcript(path, fmt))
    assert len(conversations) == 1
    return list(conversations[0].turns), conversations[0].reader


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("android_us_12h.txt", "whatsapp"),
        ("android_eu_24h.txt", "whatsapp"),
        ("ios_24h.txt", "whatsapp"),
        ("ios_12h.txt", "whatsapp"),
        ("plain.txt", "plain"),
        ("transcript.csv", "csv"),
        ("turns.jsonl", "jsonl"),
    ],
)
def test_format_is_detected(name, fmt):
    assert detect_format(FIXTURES / name) == fmt


def test_android_us_export_reads_12_hour_month_first_dates():
    turns, reader = read(FIXTURES / "android_us_12h.txt")
    assert reader.date_order == "mdy"
    assert turns[0].timestamp == datetime(2024, 1, 3, 21, 5)
    assert turns[4].timestamp == datetime(2024, 1, 13, 0, 15)  # 12:15 AM is after midnight


def test_android_export_skips_system_media_and_deleted_lines():
    turns, reader = read(FIXTURES / "android_us_12h.txt")
    assert [t.speaker for t in turns] == ["Jo", "Jo", "Sam", "Jo", "Sam", "Jo"]
    assert dict(reader.skipped) == {"system": 1, "media": 1, "deleted": 1}
    assert all("omitted" not in t.text and "deleted" not in t.text for t in turns)


def test_multi_line_message_stays_one_turn():
    turns, _ = read(FIXTURES / "android_us_12h.txt")
    assert turns[4].text == "I'm not doing this tonight.\nI'm tired.\nGoodnight."


def test_edited_marker_is_removed_but_message_kept():
    turns, _ = read(FIXTURES / "android_us_12h.txt")
    assert turns[-1].text == "You always disappear."


def test_european_24_hour_export_reads_day_first():
    turns, reader = read(FIXTURES / "android_eu_24h.txt")
    assert reader.date_order == "dmy"
    assert turns[0].timestamp == datetime(2023, 12, 31, 21, 5)
    assert reader.skipped["deleted"] == 1  # "You deleted this message"


def test_ios_export_skips_marked_system_and_media_lines():
    turns, reader = read(FIXTURES / "ios_24h.txt")
    assert [t.text for t in turns] == [
        "Who were you texting?", "A colleague.", "At nine at night?\nShow me.",
        "I'm done talking about this."]
    assert reader.skipped == {"system": 2, "media": 1}
    assert turns[0].timestamp == datetime(2024, 3, 5, 21, 5, 9)


def test_ios_12_hour_export_with_narrow_spaces():
    turns, reader = read(FIXTURES / "ios_12h.txt")
    assert reader.layout == "ios" and turns[0].timestamp == datetime(2024, 3, 17, 21, 5, 9)


def test_ambiguous_dates_follow_a_later_unambiguous_line(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("03/04/2024, 10:00 - A: hi\n03/04/2024, 10:01 - B: hey\n"
                    "20/04/2024, 09:00 - A: later\n", encoding="utf-8")
    turns, reader = read(path)
    assert reader.date_order == "dmy" and turns[0].timestamp.month == 4


def test_zip_export_is_read_like_its_text(tmp_path):
    archive = tmp_path / "WhatsApp Chat with Sam.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "ios_24h.txt", "_chat.txt")
        z.writestr("00000012-PHOTO-2024-03-05.jpg", b"\xff\xd8\xff")
    assert detect_format(archive) == "whatsapp"
    turns, _ = read(archive)
    assert len(turns) == 4


def test_broken_zip_names_the_file(tmp_path):
    archive = tmp_path / "chat.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "ios_24h.txt", "_chat.txt")
    archive.write_bytes(archive.read_bytes()[:60])
    with pytest.raises(TranscriptError, match="chat.zip.*damaged"):
        read(archive)


def test_zip_without_chat_says_so(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(TranscriptError, match="no chat"):
        read(archive)


def test_line_matching_no_layout_mid_file_names_the_line_and_yields_nothing_half_way():
    with pytest.raises(TranscriptError) as err:
        read(FIXTURES / "broken_middle.txt")
    assert err.value.line == 3 and err.value.path.endswith("broken_middle.txt")


def test_mixed_android_and_ios_layouts_are_refused(tmp_path):
    path = tmp_path / "joined.txt"
    path.write_text("31/12/2023, 21:05 - A: hi\n[31/12/2023, 21:06:00] B: hey\n",
                    encoding="utf-8")
    with pytest.raises(TranscriptError, match="layout") as err:
        read(path)
    assert err.value.line == 2


def test_impossible_date_names_the_line(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("31/12/2023, 21:05 - A: hi\n31/13/2023, 21:06 - B: hey\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as err:
        read(path)
    assert err.value.line == 2


def test_binary_file_is_not_text(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(TranscriptError, match="not a text file"):
        detect_format(path)


def test_non_utf8_text_is_refused_with_advice(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Jo: caf\xe9 cr\xe8me br\xfbl\xe9e\n".encode("latin-1"))
    with pytest.raises(TranscriptError, match="UTF-8"):
        detect_format(path)


def test_unknown_format_asks_for_format():
    with pytest.raises(TranscriptError, match="--format"):
        detect_format(FIXTURES / "unknown.txt")


def test_plain_transcript_joins_indented_continuations():
    turns, _ = read(FIXTURES / "plain.txt")
    assert turns[4].text == "You always do this.\nYou just disappear."
    assert [t.speaker for t in turns] == ["Jo", "Sam"] * 3


def test_plain_line_without_speaker_names_the_line(tmp_path):
    path = tmp_path / "session.txt"
    path.write_text("Jo: hi\nSam: hey\nthen they both paused for a long time\n",
                    encoding="utf-8")
    with pytest.raises(TranscriptError) as err:
        read(path, "plain")
    assert err.value.line == 3


def test_csv_reads_quoted_multi_line_text_and_timestamps():
    turns, _ = read(FIXTURES / "transcript.csv")
    assert turns[2].text == "Then why do you hide the screen?\nShow me."
    assert turns[0].timestamp == datetime(2024, 3, 1, 21, 5)


def test_csv_without_header_takes_speaker_then_text(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Jo,Who is he?\nSam,Nobody.\n", encoding="utf-8")
    turns, _ = read(path)
    assert [(t.speaker, t.text) for t in turns] == [("Jo", "Who is he?"), ("Sam", "Nobody.")]


def test_csv_bad_timestamp_names_the_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("speaker,text,timestamp\nJo,hi,2024-03-01 21:05\nSam,hey,yesterday\n",
                    encoding="utf-8")
    with pytest.raises(TranscriptError, match="ISO 8601") as err:
        read(path)
    assert err.value.line == 3


def test_jsonl_of_conversations_yields_each_with_its_id(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "c1", "turns": [{"speaker": "A", "text": "hi"}]}\n'
                    '{"id": "c2", "turns": [{"speaker": "B", "text": "yo"}]}\n',
                    encoding="utf-8")
    assert [c.id for c in open_transcript(path)] == ["c1", "c2"]


def test_jsonl_broken_line_names_it(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"speaker": "A", "text": "hi"}\n{"speaker": "B"\n', encoding="utf-8")
    with pytest.raises(TranscriptError) as err:
        read(path)
    assert err.value.line == 2


def test_speakers_in_lists_everyone_in_order():
    assert speakers_in(FIXTURES / "three_speakers.txt") == ["Jo", "Sam", "Therapist"]


def test_empty_file_is_an_empty_conversation():
    turns, _ = read(FIXTURES / "empty.txt")
    assert turns == []


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(TranscriptError, match="no such file"):
        detect_format(tmp_path / "nope.txt")


def test_binary_line_after_text_names_its_line(tmp_path):
    path = tmp_path / "chat.txt"
    good = b"Jo: hi\nSam: hey\n" * 1000  # past the first block that is sniffed
    path.write_bytes(good + b"Jo: \x00\x01\x02\n")
    with pytest.raises(TranscriptError, match="binary") as err:
        read(path, "plain")
    assert err.value.line == 2001


def test_zip_without_chat_says_so_plainly(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(TranscriptError) as err:
        read(archive)
    assert "damaged" not in str(err.value)


def test_unsaved_contact_marker_is_dropped_from_names(tmp_path):
    path = tmp_path / "group.txt"
    path.write_text("[05/03/2024, 21:05:09] ~\u202fJo: hi\n[05/03/2024, 21:06:09] Sam: hey\n",
                    encoding="utf-8")
    turns, _ = read(path)
    assert [t.speaker for t in turns] == ["Jo", "Sam"]


@pytest.mark.parametrize(("line", "when"), [
    ("31.12.23, 21:05 - Jo: hi", datetime(2023, 12, 31, 21, 5)),
    ("2023-12-31 21:05 - Jo: hi", datetime(2023, 12, 31, 21, 5)),
    ("[31.12.23, 21:05:09] Jo: hi", datetime(2023, 12, 31, 21, 5, 9)),
    ("31/12/2023, 9:05 p. m. - Jo: hi", datetime(2023, 12, 31, 21, 5)),
    ("12/31/23, 12:05\u202fAM - Jo: hi", datetime(2023, 12, 31, 0, 5)),
])
def test_locale_layouts_are_read(tmp_path, line, when):
    path = tmp_path / "chat.txt"
    path.write_text(line + "\n", encoding="utf-8")
    turns, _ = read(path)
    assert (turns[0].speaker, turns[0].text, turns[0].timestamp) == ("Jo", "hi", when)
