"""The web subcommands of ``goldseam``: serve, seed, manage, backup, restore, export,
delete-account, rotate-key and remind. Each parses, calls the web package, prints."""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import sys
from pathlib import Path


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldseam.web.settings")
    import django

    django.setup()


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def run_serve(args) -> int:
    """Migrate, optionally seed the demo couple, and serve on host:port."""
    _django()
    from django.core.management import call_command

    from goldseam.web.core import demo

    _migrate()
    base = f"http://{args.host}:{args.port}"
    if args.demo:
        if not demo.demo_exists():
            demo.seed_demo()
        print(demo.sign_in_details(base), flush=True)
    print(f"Serving Goldseam on {base}/ (Ctrl+C stops it)", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


def run_seed(args) -> int:
    """Seed the demo couple unless it exists; print the sign-in details."""
    _django()
    from goldseam.web.core import demo

    _migrate()
    if demo.demo_exists():
        print("The demo couple is already there.")
    else:
        demo.seed_demo()
    print(demo.sign_in_details())
    return 0


def run_manage(args) -> int:
    """Run a Django management command (``goldseam manage migrate``, ``check --deploy``...)."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["goldseam manage", *args.rest])
    return 0


def run_backup(args) -> int:
    """Write every table to FILE (JSON; gzip when FILE ends in .gz)."""
    _django()
    from goldseam.web.core import backup, crypto

    document = backup.dump(lambda label, n: print(f"  {label}: {n} rows", file=sys.stderr))
    backup.write(Path(args.file), document)
    total = sum(len(rows) for rows in document["tables"].values())
    print(f"Wrote {total} rows from {len(document['tables'])} tables to {args.file}.")
    if crypto.key_file().exists():
        print(f"Keep a copy of the key file {crypto.key_file()} too: without it the text in "
              "this backup cannot be read.")
    return 0


def run_restore(args) -> int:
    """Replace the database's contents with FILE's."""
    _django()
    from goldseam.web.core import backup

    _migrate()
    try:
        document = backup.read(Path(args.file))
        if not args.yes and not _confirm(f"Replace everything in the database with {args.file}?"):
            print("Nothing changed.")
            return 1
        written = backup.restore(document)
    except backup.BackupError as exc:
        print(f"Cannot restore: {exc}", file=sys.stderr)
        return 1
    print(f"Restored {written} rows from {args.file}.")
    return 0


def run_export(args) -> int:
    """Write one person's export (JSON or Markdown) to stdout or FILE."""
    _django()
    from goldseam.web.accounts.export import build_export, to_markdown
    from goldseam.web.accounts.models import User

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"No account is called {args.username!r}.", file=sys.stderr)
        return 1
    data = build_export(user)
    text = to_markdown(data) if args.format == "markdown" else json.dumps(
        data, ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote the export of {args.username} to {args.output}.")
    else:
        sys.stdout.write(text)
    return 0


def run_delete_account(args) -> int:
    """Delete one account and everything it owns, for good."""
    _django()
    from goldseam.web.accounts.deletion import delete_account
    from goldseam.web.accounts.models import User

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"No account is called {args.username!r}.", file=sys.stderr)
        return 1
    if not args.yes and not _confirm(f"Delete {args.username} and all they wrote, for good?"):
        print("Nothing changed.")
        return 1
    delete_account(user)
    print(f"Deleted {args.username} and everything they wrote.")
    return 0


def run_rotate_key(args) -> int:
    """Put a new key first in the key ring and re-encrypt every value under it."""
    _django()
    from django.conf import settings

    from goldseam.web.core import crypto, rotation

    if settings.ENCRYPTION_KEY:
        # The key comes from the environment: the operator puts the new key first there.
        print("GOLDSEAM_ENCRYPTION_KEY is set, so the key ring is not a file. Put a new key "
              f"({crypto.new_key()}) first in it, keep the old ones after it, restart, then run "
              "`goldseam rotate-key --reencrypt-only`.", file=sys.stderr)
        if not args.reencrypt_only:
            return 1
    elif not args.reencrypt_only:
        path = crypto.key_file()
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        kept = [line for line in old.splitlines() if line.strip() and not line.startswith("#")]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Goldseam encryption keys, newest first. Back this up.\n"
                        + "\n".join([crypto.new_key(), *kept]) + "\n", encoding="utf-8")
        path.chmod(0o600)
        crypto.keyring.cache_clear()
        print(f"Added a new key to {path}.")
    changed = rotation.reencrypt_all(lambda label, n: print(f"  {label}: {n} values"))
    print(f"Re-encrypted {changed} values under key {crypto.keyring().current_id}.")
    if args.retire_old and not settings.ENCRYPTION_KEY:
        if rotation.keys_in_use() - {crypto.keyring().current_id}:
            print("Some values still use an old key; old keys kept.", file=sys.stderr)
            return 1
        path = crypto.key_file()
        current = crypto.keyring().keys[0]
        import base64

        path.write_text("# Goldseam encryption keys, newest first. Back this up.\n"
                        f"{base64.b64encode(current).decode('ascii')}\n", encoding="utf-8")
        crypto.keyring.cache_clear()
        print("Removed the old keys from the key file.")
    return 0


def run_remind(args) -> int:
    """Send the reminders that are due (check-ins, commitments)."""
    _django()
    # Only a missing module means "not set up"; an error inside it must surface.
    if importlib.util.find_spec("goldseam.web.reminders") is None:
        print("Reminders are not set up in this version: nothing due.")
        return 0
    reminders = importlib.import_module("goldseam.web.reminders")
    result = reminders.send_due()
    print(result if result is not None else "Sent the reminders that were due.")
    return 0


def _confirm(question: str) -> bool:
    try:
        return input(f"{question} Type yes: ").strip().lower() == "yes"
    except EOFError:
        return False


def register(subparsers) -> None:
    """Add the web subcommands to ``goldseam``'s parser."""
    p = subparsers.add_parser("serve", help="serve the web app (with --demo: seed Sophie and Emma)")
    p.add_argument("--demo", action="store_true", help="seed the demo couple if absent")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=run_serve)

    p = subparsers.add_parser("seed", help="create the demo couple and therapist")
    p.set_defaults(func=run_seed)

    p = subparsers.add_parser("manage", help="run a Django management command")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=run_manage)

    p = subparsers.add_parser("backup", help="write every table to a file")
    p.add_argument("file")
    p.set_defaults(func=run_backup)

    p = subparsers.add_parser("restore", help="replace the database with a backup file")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=run_restore)

    p = subparsers.add_parser("export", help="export one person's data")
    p.add_argument("username")
    p.add_argument("--format", choices=["json", "markdown"], default="json")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.set_defaults(func=run_export)

    p = subparsers.add_parser("delete-account", help="delete one account and all of theirs")
    p.add_argument("username")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=run_delete_account)

    p = subparsers.add_parser("rotate-key", help="add a new encryption key and re-encrypt")
    p.add_argument("--reencrypt-only", action="store_true",
                   help="re-encrypt under the current first key without adding one")
    p.add_argument("--retire-old", action="store_true",
                   help="remove old keys from the key file once nothing uses them")
    p.set_defaults(func=run_rotate_key)

    p = subparsers.add_parser("remind", help="send reminders that are due")
    p.set_defaults(func=run_remind)
