"""The typed environment helpers return typed values and fail loudly on anything else."""
from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from goldseam.web.env import env_bool, env_int, env_list, env_path, env_str


def test_defaults_apply_when_unset(monkeypatch):
    monkeypatch.delenv("GS_T", raising=False)
    assert env_str("GS_T", "d") == "d"
    assert env_bool("GS_T", True) is True
    assert env_int("GS_T", 7) == 7
    assert env_list("GS_T", ["a", "b"]) == ["a", "b"]


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("yes", True), ("ON", True),
                                            ("0", False), ("false", False), ("", False)])
def test_booleans_parse(monkeypatch, raw, value):
    monkeypatch.setenv("GS_T", raw)
    assert env_bool("GS_T") is value


@pytest.mark.parametrize(("helper", "raw"), [(env_bool, "maybe"), (env_int, "twelve"),
                                             (env_int, "3.5")])
def test_unparsable_values_fail_loudly_naming_the_variable(monkeypatch, helper, raw):
    monkeypatch.setenv("GS_T", raw)
    with pytest.raises(ImproperlyConfigured, match="GS_T"):
        helper("GS_T", 1) if helper is env_int else helper("GS_T")


def test_integer_minimum_is_enforced(monkeypatch):
    monkeypatch.setenv("GS_T", "0")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("GS_T", 5, minimum=1)


def test_secret_may_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.delenv("GS_T", raising=False)
    monkeypatch.setenv("GS_T_FILE", str(secret))
    assert env_str("GS_T") == "s3cret"
    monkeypatch.setenv("GS_T_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="GS_T_FILE"):
        env_str("GS_T")


def test_lists_drop_blanks_and_paths_resolve(monkeypatch, tmp_path):
    monkeypatch.setenv("GS_T", " a, ,b ,")
    assert env_list("GS_T", []) == ["a", "b"]
    monkeypatch.setenv("GS_T", str(tmp_path / "x" / ".." / "y"))
    assert env_path("GS_T", tmp_path) == tmp_path / "y"
