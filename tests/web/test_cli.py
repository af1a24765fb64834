"""The web subcommands: seed, export, delete-account, rotate-key, remind."""
from __future__ import annotations

import json

import pytest

from goldseam.cli import run
from goldseam.web.accounts.models import User
from goldseam.web.core import crypto, rotation
from goldseam.web.core.demo import DEMO_ACCOUNTS
from goldseam.web.couples.models import TherapistLink
from goldseam.web.notes.models import Note

from .conftest import TEST_KEY


@pytest.fixture
def key_file(settings, tmp_path):
    """Move the test key from the environment setting into a key file."""
    path = tmp_path / "keys.txt"
    path.write_text(f"# test ring\n{TEST_KEY}\n")
    settings.ENCRYPTION_KEY = ""
    settings.ENCRYPTION_KEY_PATH = path
    return path


def test_seed_creates_sophie_emma_and_their_therapist_once(db, capsys):
    assert run(["seed"]) == 0
    out = capsys.readouterr().out
    for name, spec in DEMO_ACCOUNTS.items():
        assert name in out and spec["password"] in out
        assert User.objects.get(username=name).check_password(spec["password"])
    sophie = User.objects.get(username="sophie")
    assert sophie.membership.is_hurt_partner
    assert sophie.membership.couple.joint_work_state() == "open"
    assert TherapistLink.objects.get().is_active
    assert "Jules" in Note.objects.filter(owner=sophie, shared_at__isnull=False).get().body
    assert run(["seed"]) == 0
    assert User.objects.count() == 3


def test_export_command_prints_one_persons_json(cast, capsys):
    assert run(["export", "emma"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["title"] for r in data["records"]} == {"Emma private", "Emma shared"}


def test_export_of_an_unknown_account_fails_with_a_message(db, capsys):
    assert run(["export", "nobody"]) == 1
    assert "No account" in capsys.readouterr().err


def test_delete_account_command(cast):
    assert run(["delete-account", "--yes", "emma"]) == 0
    assert not User.objects.filter(username="emma").exists()


def test_rotate_key_adds_a_key_reencrypts_and_can_retire_the_old(cast, key_file, capsys):
    Note.objects.create(owner=cast.sophie, couple=cast.couple, title="t", body="under the file key")
    old = crypto.keyring().current_id
    assert rotation.keys_in_use() == {old}
    assert run(["rotate-key", "--retire-old"]) == 0
    new = crypto.keyring().current_id
    assert new != old
    assert crypto.keyring().keys == (crypto.keyring().by_id(new),)
    assert rotation.keys_in_use() == {new}
    assert Note.objects.filter(owner=cast.sophie).latest("pk").body == "under the file key"
    assert TEST_KEY not in key_file.read_text()


def test_rotate_key_with_an_environment_key_explains_what_to_do(cast, capsys):
    assert run(["rotate-key"]) == 1
    assert "GOLDSEAM_ENCRYPTION_KEY" in capsys.readouterr().err


def test_remind_runs(db, capsys):
    assert run(["remind"]) == 0
    assert capsys.readouterr().out.strip()
