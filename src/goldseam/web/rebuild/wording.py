"""Hold every word the rebuild pages show (stage 5), in one place a clinician can review.

Sentences about estimates, disagreements, notices and reminders come from goldseam.trust's own
catalogue (``trust/data/wording.json``); these are the words around them. ``register`` joins
this section to the site catalogue as ``W.rebuild``. Tone: principle 3 of the product spec.
"""
from __future__ import annotations

from goldseam.web.core.wording import WORDS

REBUILD: dict[str, str] = {
    "nav": "Rebuilding",
    "title": "Rebuilding, day by day",
    "intro": "Trust comes back through small things done again and again. Here you can see "
             "what you promised each other, how it is going, and how each of you feels.",
    "due_title": "Today",
    "due_none": "Nothing is waiting for you today.",
    "notices_title": "Worth talking about",
    "notice_also": "The same is true of: {areas}.",
    "notices_none": "No change beyond everyday ups and downs since your last check-ins.",
    "charts_title": "How each of you feels, week by week",
    "charts_empty": "Your charts start with your first check-ins.",
    "charts_hint": "Higher is better: 1 means not at all, 7 means completely.",
    "charts_more": "Each part of the check-in",
    "reliability_title": "How reliably commitments are kept",
    "reliability_hint": "Each bar is a likely range, not a score. It narrows as your partner "
                        "confirms more entries, and recent weeks count more than old ones.",
    "overall": "All commitments together: {words}",
    "consistency": "Commitments and rituals together: {words}",
    "rituals_title": "Moments of connection",
    "open_ledger": "Open the commitments",
    "open_checkin": "Do my check-in",
    "open_rituals": "Rituals and prompts",
    "open_settings": "Time zone and check-in rhythm",
    # commitments
    "ledger_title": "Our commitments",
    "ledger_intro": "Concrete, checkable actions. The one who made a commitment marks each "
                    "time kept or missed; the partner's word is the one that counts.",
    "ledger_empty": "No commitments yet. Start with one small, concrete thing.",
    "new": "Make a commitment",
    "new_intro": "Your partner will see this commitment as soon as you make it.",
    "c_text": "What I will do",
    "c_text_hint": "Concrete enough that you both can tell whether it happened, e.g. \"I'll "
                   "tell you the same day when Jules contacts me.\"",
    "c_cadence": "How often",
    "c_cadence_hint": "For example: daily, weekdays, every Monday, twice a week, once, or "
                      "\"whenever she contacts me\".",
    "c_start": "Starting on",
    "c_effective": "In force from",
    "c_note": "What you agreed, and why (optional)",
    "c_made": "Your commitment is made and your partner can see it.",
    "c_renegotiated": "The new version is in force. Earlier versions and entries are kept.",
    "c_retired": "Retired. Its history stays in your ledger.",
    "by": "{name}'s commitment",
    "cadence_is": "How often: {cadence}",
    "retired_badge": "Retired",
    "version": "Version {number}, from {date}",
    "versions_title": "How this commitment changed",
    "renegotiate": "Renegotiate",
    "renegotiate_title": "Renegotiate this commitment",
    "renegotiate_intro": "Agree the change together first. The old version and every entry "
                         "stay in the history.",
    "retire": "Retire this commitment",
    "awaiting": "{count} waiting for your partner's word.",
    "unanswered": "{count} earlier entries nobody has marked yet.",
    "unanswered_one": "1 earlier entry nobody has marked yet.",
    "disagreements_title": "Where you saw it differently",
    # occurrences
    "o_mark_title": "Mark a day",
    "o_kept": "Kept",
    "o_missed": "Missed",
    "o_log_title": "Log a moment",
    "o_log_intro": "Each time it happens, log whether the commitment was kept.",
    "o_confirm_title": "Waiting for your word",
    "o_confirm_intro": "Your partner marked these. How did it feel from your side?",
    "o_agree": "Yes, that's right",
    "o_felt_kept": "It felt kept",
    "o_felt_missed": "It felt missed",
    "o_note": "A note (optional)",
    "o_saved": "Saved.",
    "o_note_kept": "Your note was not saved; here it is, so you can copy it:",
    "o_already": "Someone already answered this one a moment ago; their answer stands. "
                 "If you see it differently, add a note and talk it over.",
    "o_bad_input": "That entry could not be read (the day or the answer was missing). "
                   "Nothing was saved; please try again from this page.",
    "entries_title": "Recent entries",
    "entries_empty": "No entries yet.",
    "entry_waiting": "waiting",
    "word_kept": "kept",
    "word_missed": "missed",
    # check-ins
    "k_title": "Your check-in",
    "k_intro": "About the past week. Your answers are private while you write them; once "
               "saved, your scores and your need show on the couple's dashboard. Your note "
               "stays private unless you choose to share it.",
    "k_need": "What do you need from your partner this coming week?",
    "k_need_hint": "One thing, even a small one.",
    "k_note": "Anything else? (optional)",
    "k_note_shared": "Share this note with my partner",
    "k_saved": "Thank you. Your check-in is saved.",
    "k_submit": "Save my check-in",
    "scale_anchors": "1 = not at all · 4 = somewhat · 7 = completely",
    "needs_title": "What each of you needs now",
    "need_of": "{name}: {need}",
    "note_of": "{name} shared a note:",
    # rituals
    "r_title": "Rituals of connection",
    "r_intro": "Small, repeated moments rebuild trust too. Choose a ritual; each time, "
               "Goldseam offers a prompt you have not had in the last month.",
    "r_empty": "No rituals yet.",
    "r_kind": "Ritual",
    "r_cadence": "How often (optional)",
    "r_cadence_hint": "Leave empty for the ritual's usual rhythm.",
    "r_add": "Add this ritual",
    "r_added": "Added: {name}.",
    "r_prompt": "Today's prompt",
    "r_mark_done": "We did it today",
    "r_done_today": "Done today.",
    "r_done": "Marked as done. Thank you both.",
    "r_stop": "Stop this ritual",
    "r_stopped": "Stopped. The days you did it still count.",
    # settings
    "s_title": "Time zone and check-ins",
    "s_zone": "Your time zone",
    "s_zone_hint": "Days are counted where you are. When you travel, change it: past days "
                   "stay counted where you lived them.",
    "s_every": "How often you both check in",
    "every_weekly": "Every week",
    "every_fortnightly": "Every two weeks",
    "every_monthly": "Every month",
    "s_saved": "Saved.",
    # reminders by e-mail
    "mail_subject": "Goldseam: something for today",
    "mail_intro": "Hello {name},",
    "mail_outro": "Open Goldseam to see it. You can change how often you check in on the "
                  "settings page.",
}

RECORD_KINDS = {
    "commitment": "Commitments and how they are kept",
    "checkin": "Check-in scores (not private notes)",
}


def register() -> None:
    """Join the rebuild words and record kinds to the site's catalogue."""
    WORDS.setdefault("rebuild", REBUILD)
    # The navigation links an app's "<app>:home" only when WORDS["nav"] names it.
    WORDS["nav"].setdefault("rebuild", REBUILD["nav"])
    for kind, label in RECORD_KINDS.items():
        WORDS["record_kinds"].setdefault(kind, label)
