"""The ``goldseam`` command: a thin dispatcher over the packages.

Each package owns its subcommands in its own ``cli`` module, exposing
``register(subparsers)`` which adds parsers whose ``func(args) -> int`` runs them.
Modules are imported only when needed so that ``goldseam analyze`` starts fast.
"""
from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> module that registers it. Kept here so `--help` lists every command
#: without importing Django or scikit-learn.
COMMANDS: dict[str, str] = {
    "analyze": "goldseam.language.cli",
    "reframe": "goldseam.language.cli",
    "coach": "goldseam.language.cli",
    "evaluate": "goldseam.language.cli",
    "train": "goldseam.language.cli",
    "cycle": "goldseam.transcripts.cli",
    "serve": "goldseam.web.cli",
    "seed": "goldseam.web.cli",
    "manage": "goldseam.web.cli",
    "backup": "goldseam.web.cli",
    "restore": "goldseam.web.cli",
    "export": "goldseam.web.cli",
    "delete-account": "goldseam.web.cli",
    "rotate-key": "goldseam.web.cli",
    "remind": "goldseam.web.cli",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser; with ``only``, import just the module owning it."""
    parser = argparse.ArgumentParser(prog="goldseam", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMANDS[only]] if only in COMMANDS else sorted(set(COMMANDS.values()))
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError:
            if only is not None:
                raise
            continue
        module.register(sub)
    return parser


def run(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` and return its exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
