"""Write a synthetic WhatsApp export of a year of chat between two invented people.

Usage: python bench/make_whatsapp_export.py OUT.txt [--messages 100000] [--seed 7]

The text is assembled from small fragment pools so that about four messages in five are
distinct (real chats repeat "ok" and "love you"; this keeps a cache from flattering the
engine), in the Android 24-hour layout, with multi-line
messages, media placeholders, deleted messages and the encryption notice, as real exports
have. It measures speed and memory only; its words carry no labels.
"""
from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta

NAMES = ("Robin", "Alex")
OPENERS = ["", "Hey, ", "So ", "Honestly ", "Ok ", "Look, ", "Babe ", "Listen, "]
BODIES = [
    "can you grab {item} on the way home",
    "I'll be back around {hour}",
    "did you call {person} about {thing}",
    "you said you'd sort {thing} and you didn't",
    "why didn't you answer me at {hour}",
    "I'm not doing this again tonight",
    "whatever, do what you want",
    "I felt really alone when you went quiet about {thing}",
    "I need to know you're with me on {thing}",
    "I'm sorry I snapped about {thing}, that was on me",
    "I hear you, that makes sense after {thing}",
    "from tomorrow I'll text you when I leave {place}",
    "who were you talking to at {place}",
    "it was nothing, you're overreacting about {thing}",
    "the counsellor moved us to {hour} on {day}",
    "love you, see you at {place}",
    "you always make {thing} about you",
    "fine.",
    "ok",
    "I'm scared we're drifting apart",
]
FILL = {
    "item": ["milk", "bread", "the dry cleaning", "oat milk", "coffee", "nappies", "wine"],
    "hour": ["6", "7:30", "8", "half nine", "10", "midnight", "3"],
    "person": ["your mum", "the school", "the plumber", "Sam", "the bank", "the landlord"],
    "thing": ["the rent", "the car", "her messages", "the holiday", "your phone", "dinner",
              "the kids' party", "the budget", "last night", "the trip"],
    "place": ["work", "the gym", "the station", "Jo's", "the pub", "your mum's"],
    "day": ["Monday", "Tuesday", "Thursday", "Friday", "Saturday"],
}
TAILS = ["", "", "", ".", "?", "!", " 🙄", " ❤️", " x", "..."]


def message(rnd: random.Random) -> str:
    """Return one invented message, sometimes over two lines."""
    body = rnd.choice(BODIES).format(**{k: rnd.choice(v) for k, v in FILL.items()})
    text = rnd.choice(OPENERS) + body + rnd.choice(TAILS)
    if rnd.random() < 0.04:
        text += "\n" + rnd.choice(BODIES).format(**{k: rnd.choice(v) for k, v in FILL.items()})
    return text + f" ({rnd.randrange(1000)})" * (rnd.random() < 0.75)


def write_export(path: str, messages: int, seed: int) -> None:
    """Write ``messages`` lines of chat over about a year to ``path``."""
    rnd = random.Random(seed)
    clock = datetime(2023, 1, 1, 8, 0)
    # Waking hours only (08:00-23:00), so the year has nights: the pauses episodes split at.
    step = timedelta(days=365) * (15 / 24) / messages
    with open(path, "w", encoding="utf-8") as out:
        out.write(clock.strftime("%d/%m/%Y, %H:%M") + " - Messages and calls are end-to-end "
                  "encrypted. No one outside of this chat, not even WhatsApp, can read or "
                  "listen to them. Tap to learn more.\n")
        speaker = 0
        for _ in range(messages):
            clock += step * rnd.uniform(0.2, 1.8)
            if clock.hour >= 23:
                clock = (clock + timedelta(days=1)).replace(hour=8, minute=rnd.randrange(60))
            if rnd.random() < 0.55:
                speaker = 1 - speaker
            roll = rnd.random()
            if roll < 0.02:
                text = "<Media omitted>"
            elif roll < 0.025:
                text = "This message was deleted"
            else:
                text = message(rnd)
            out.write(f"{clock:%d/%m/%Y, %H:%M} - {NAMES[speaker]}: {text}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_export(args.out, args.messages, args.seed)


if __name__ == "__main__":
    main()
