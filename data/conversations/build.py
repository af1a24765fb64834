"""Convert the hand-written conversations in src/*.txt into the contract's JSON Lines.

Run from the repository root: ``python data/conversations/build.py``. Gold softening turns
follow the contract's definition applied to the gold codes and roles: the first turn with a
connecting code by a speaker who holds a role and already made a cycle move, and every
connecting turn after it, by either partner.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
CYCLE = {"blame", "contempt", "defensiveness", "withdrawal", "pursuit", "empty_apology"}
CONNECTING = {"vulnerable_emotion", "need", "acknowledgment", "responsibility",
              "reassurance", "commitment"}
CODES = CYCLE | CONNECTING | {"neutral"}
PATTERN_ROLES = {"pursue-withdraw": ["pursuer", "withdrawer"], "attack-attack": ["pursuer"] * 2,
                 "withdraw-withdraw": ["withdrawer"] * 2, "none": ["none", "none"]}


def softening(turns: list[dict], codes: list[list[str]], roles: dict[str, str]) -> list[int]:
    """Return the contract's softening turns for gold codes and roles."""
    started: set[str] = set()
    for i, (turn, cs) in enumerate(zip(turns, codes)):
        who = turn["speaker"]
        if roles[who] != "none" and who in started and CONNECTING & set(cs):
            return [j for j in range(i, len(turns)) if CONNECTING & set(codes[j])]
        if CYCLE & set(cs):
            started.add(who)
    return []


def parse(path: Path) -> list[dict]:
    """Parse one source file; stop with the line number on any mistake."""
    out: list[dict] = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            ident, pattern, roles = (p.strip() for p in line[2:].split("|"))
            role_map = dict(r.strip().split("=") for r in roles.split(","))
            assert sorted(role_map.values()) == sorted(PATTERN_ROLES[pattern]), (path, no)
            out.append({"id": ident, "turns": [], "pattern": pattern, "roles": role_map,
                        "turn_codes": []})
            continue
        speaker, rest = line.split(":", 1)
        text, codes = rest.rsplit("|", 1)
        codes_l = codes.split()
        assert codes_l and set(codes_l) <= CODES, (path, no, codes_l)
        assert speaker in out[-1]["roles"], (path, no, speaker)
        out[-1]["turns"].append({"speaker": speaker, "text": text.strip()})
        out[-1]["turn_codes"].append(codes_l)
    for conv in out:
        conv["softening_turns"] = softening(conv["turns"], conv["turn_codes"], conv["roles"])
        assert 4 <= len(conv["turns"]) <= 40, conv["id"]
    return out


def main() -> int:
    for name in ("tune", "heldout"):
        src = HERE / "src" / f"{name}.txt"
        if not src.exists():
            continue
        convs = parse(src)
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(conv, ensure_ascii=False) + "\n" for conv in convs)
        print(f"{name}: {len(convs)} conversations", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
