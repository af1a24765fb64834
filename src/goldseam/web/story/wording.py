"""Hold every word the story pages show, for review without reading code.

The sentences inside a drafted story live in the library's catalogue
(goldseam/story/data/wording.toml); these are the words around it. Tone (product spec,
principle 3): describe, never judge, and always offer a next step. Placeholders in {braces}.
"""
from __future__ import annotations

NAV = {"story": "Our story"}

#: Kinds of story records a couple may put into a therapist's scope.
RECORD_KINDS = {"story_version": "Our story",
                "story_draft": "My unsaved edits of our story (never shared)"}

STORY: dict[str, str] = {
    # --- the story page -------------------------------------------------------------------
    "title": "Our new story",
    "intro": "Rebuilding trust is not erasing what happened. It is writing a new story that "
             "holds the break and the mending. Goldseam can draft one from what you have "
             "shared; then you both make it yours.",
    "none_yet": "There is no story yet. Goldseam can draft a first version from the things you "
                "have both shared: the hurt as it was named, what you learned about your cycle, "
                "what was needed and done, and where trust stands. Nothing private is used.",
    "draft": "Draft our story",
    "redraft": "Draft again from our records",
    "redraft_hint": "A new draft becomes the newest version; every earlier version stays in "
                    "the history and can be restored.",
    "drafted": "Here is a first draft. Read it together, then change anything that is not "
               "quite how it was.",
    "redrafted": "A fresh draft is saved as version {number}. Your earlier versions are in the "
                 "history.",
    "version_by": "Version {number}, saved by {name} on {when}",
    "withdrawn": "Since this story was drafted, something it drew on was made private again or "
                 "deleted. Its words may still be in the story. Read it together and take out "
                 "anything that should no longer be here; earlier versions keep their text, so "
                 "the one who withdrew it may want to ask for a fresh draft.",
    "edit": "Edit the story",
    "history": "All versions",
    "export_md": "Download as Markdown",
    "export_pdf": "Download as PDF",
    "export_hint": "Downloading asks for your password first, because the file leaves "
                   "Goldseam's protection once it is on your device.",
    "model_link": "Language model settings",
    "polish": "Ask the language model for a smoother version",
    "polish_hint": "You will see its suggestion first; nothing changes until one of you saves it.",
    # --- ours -----------------------------------------------------------------------------
    "ours_title": "Is this ours?",
    "ours_explain": "When you both feel this version tells your story, each of you can mark it "
                    "as ours. Any later change asks you both again.",
    "ours_mark": "This is ours",
    "ours_marked_me": "You marked version {number} as ours.",
    "ours_waiting": "{name} has not marked this version yet.",
    "ours_partner_marked": "{name} marked version {number} as ours.",
    "ours_done": "This is your story now. You both marked version {number} as ours.",
    "ours_both": "You have both marked this version as ours. It is your story.",
    "ours_stale": "The story changed after it was marked, so it waits for both of you again.",
    "ours_wrong_version": "The story changed while you were reading it. Please read the newest "
                          "version, then mark it if it still feels like yours.",
    "booster": "From here on, Goldseam suggests a check-in once a month. Gains fade when "
               "people stop tending them; a monthly check-in keeps them. If a new hurt comes "
               "up, you can start a new path for it, and this story stays.",
    "new_path": "Start a new path",
    # --- editing --------------------------------------------------------------------------
    "edit_title": "Edit our story",
    "edit_intro": "Write freely. Lines starting with ## are chapter headings, lines starting "
                  "with > are quotations. If your partner saves while you write, Goldseam "
                  "combines your changes or shows you both versions; nothing is overwritten.",
    "text_label": "The story",
    "saved": "Saved as version {number}.",
    "merged": "Your partner saved while you were writing. Your changes and theirs touched "
              "different parts, so both are kept in version {number}.",
    "unchanged": "Nothing changed, so no new version was saved.",
    "autosaved": "Your changes are kept as a private draft ({time}). Only you see them until "
                 "you save.",
    "autosave_failed": "Your changes could not be kept just now; they are still in the box. "
                       "Please save when you can.",
    "draft_back": "Your unsaved changes from {when} are back. Save them to make a new version, "
                  "or cancel to leave them as they are.",
    "stale_base": "That version of the page is no longer known. Your text is kept below; "
                  "please save again.",
    # --- merging --------------------------------------------------------------------------
    "merge_title": "You both changed the same part",
    "merge_intro": "While you were writing, {name} saved a new version, and you both changed "
                   "the same passages. Nothing has been overwritten. For each passage, choose "
                   "whose words to keep, keep both, or write it anew.",
    "merge_passage": "Passage {number}",
    "merge_mine_heading": "Your words",
    "merge_theirs_heading": "{name}'s words",
    "merge_mine": "Keep my words",
    "merge_theirs": "Keep {name}'s words",
    "merge_both": "Keep both (mine first)",
    "merge_own": "Write it anew",
    "merge_own_label": "New words for this passage",
    "merge_base": "Before either of you changed it",
    "merge_save": "Save the combined story",
    "merge_choose": "Please choose for every passage.",
    "merge_own_empty": "You chose to write passage {number} anew; please write it, or choose "
                       "whose words to keep.",
    "merge_moved_on": "{name} saved again in the meantime; here are the passages that still "
                      "differ.",
    "empty_passage": "(nothing here)",
    # --- history --------------------------------------------------------------------------
    "history_title": "All versions of our story",
    "history_intro": "Every save is kept, with who saved it. You can see what changed and bring "
                     "back any earlier version; bringing one back saves it as the newest.",
    "note_drafted": "drafted from our records",
    "note_edited": "edited",
    "note_merged": "combined two sets of changes",
    "note_restored": "brought back version {number}",
    "note_polished": "smoothed with the language model",
    "view": "Read",
    "changes": "What changed",
    "restore": "Bring this version back",
    "restored": "Version {old} is back, saved as version {number}.",
    "version_title": "Version {number}",
    "diff_title": "What changed from version {a} to version {b}",
    "diff_legend": "Added words are underlined; removed words are struck through.",
    "diff_same": "These two versions are the same.",
    "added_paragraph": "Added",
    "removed_paragraph": "Removed",
    "changed_paragraph": "Changed",
    "back": "Back to our story",
    # --- language model -------------------------------------------------------------------
    "model_title": "The optional language model",
    "model_unconfigured": "This Goldseam has no language model set up, so nothing is ever sent "
                          "anywhere. Everything works without one.",
    "model_what": "If you both turn it on, Goldseam can ask a language model for a smoother "
                  "version of your story, or a gentler wording of a message you are writing. "
                  "When one of you asks, that text (the whole of your newest story version, or "
                  "the one message) is sent to {where} (model \u201c{model}\u201d), which this "
                  "Goldseam's operator chose. Nothing is sent until someone asks, and nothing "
                  "else is sent: no account names, no other drafts, no check-ins.",
    "model_both": "It runs only when both of you have turned it on.",
    "model_status_on": "Both of you have turned it on.",
    "model_status_me": "You have turned it on; {name} has not.",
    "model_status_partner": "{name} has turned it on; you have not.",
    "model_status_off": "Neither of you has turned it on.",
    "model_turn_on": "Turn it on for me",
    "model_turn_off": "Turn it off for me",
    "model_now_on": "You turned the language model on for yourself.",
    "model_now_off": "You turned the language model off. Nothing will be sent.",
    "polish_title": "A smoother version, suggested by the language model",
    "polish_intro": "Read it carefully: a model can change meaning. Nothing is saved until you "
                    "save it here, and you can change it first.",
    "polish_failed": "{reason}",
    "polish_save": "Save as a new version",
    "reframe_bad_text": "Please send a message of 1 to {limit} characters.",
    # --- errors ---------------------------------------------------------------------------
    "no_partner": "The story is written by two. It opens once your partner has joined.",
}
