"""The story library stands alone: it imports no Django and names its public parts."""
from __future__ import annotations

import subprocess
import sys

import goldseam.story


def test_story_library_imports_no_django():
    code = ("import sys, goldseam.story, goldseam.story.llm, goldseam.story.demo; "
            "sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_public_names_exist():
    for name in goldseam.story.__all__:
        assert hasattr(goldseam.story, name), name
