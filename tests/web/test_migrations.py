"""The models and their migrations agree (a model change without a migration fails here)."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(f"makemigrations found changes without a migration:\n{out.getvalue()}"
                    f" (exit {exc.code})")
