"""Hold every word the journey pages and the live coach show, for review without reading code.

Tone (product spec, principle 3): feedback describes the message and the cycle, never the
person; it invites ("This may land as blame. What were you feeling underneath?") and always
offers a next step. The coaching lines follow the Attachment Injury Resolution Model of
Emotion-Focused Therapy (Johnson, Makinen & Millikin 2001; Johnson, "Hold Me Tight", 2008)
in Goldseam's own words. Placeholders in {braces} are filled by ``say()``.
"""
from __future__ import annotations

#: The journey's entry in the site navigation (WORDS["nav"]["journey"]).
NAV = {"journey": "Our journey"}

#: Kinds of journey records a couple may put into a therapist's scope.
RECORD_KINDS = {
    "injury_statement": "Injury statements",
    "cycle_account": "Accounts of our cycle",
    "chat_timeline": "Imported chat timelines",
    "acknowledgment": "Responses and acknowledgments",
    "heard_answer": "Whether I felt heard",
    "need": "Needs",
    "need_response": "Responses to needs",
}

JOURNEY: dict[str, str] = {
    # --- the journey page -----------------------------------------------------------------
    "title": "Our journey",
    "intro": "Repair happens in steps. You can see where you are, go back to any step, and "
             "work on more than one hurt, each at its own pace.",
    "injuries_title": "What we are working on",
    "no_injuries": "Nothing yet. When one of you is ready, name the hurt you want to work on "
                   "together.",
    "new_injury": "Start working on a hurt",
    "new_injury_title": "Start working on a hurt",
    "new_injury_intro": "Give it a short name you both recognise, like \"The messages with "
                        "Jules\". You will describe it in your own words in the next step.",
    "injury_title": "A short name for it",
    "injury_title_hint": "Both of you will see this name.",
    "who_was_hurt": "Who was hurt by this?",
    "me": "I was",
    "my_partner": "{name} was",
    "injury_created": "Started. Each step below has its own page.",
    "joint_closed": "The journey opens when joint exercises are open.",
    "hurt_partner_is": "{name} was hurt by this.",
    "you_were_hurt": "You were hurt by this.",
    "next_for_me": "Your next step",
    "nothing_for_me": "Nothing is waiting on you right now.",
    "waiting_on": "Waiting on {name}",
    "state_done": "Done",
    "state_in_progress": "In progress",
    "state_not_started": "Not started",
    "state_locked": "Opens after step 1",
    "state_open": "Open",
    "stage_0": "Safety check",
    "stage_0_about": "Each of you answers privately before working together.",
    "stage_1": "Name the hurt",
    "stage_1_about": "{hurt} describes what happened and what it did to them.",
    "stage_2": "See the cycle",
    "stage_2_about": "Each of you describes a recent painful moment; together they show the "
                     "loop you both get caught in.",
    "stage_3": "Hear and acknowledge",
    "stage_3_about": "{other} reads the statement and answers it, until {hurt} feels heard.",
    "stage_4": "Needs and reassurance",
    "stage_4_about": "{hurt} names what they need; {other} answers, and concrete promises "
                     "become commitments.",
    "stage_5": "Rebuild through action",
    "stage_5_about": "Keep commitments and check in over the coming weeks.",
    "stage_6": "Our new story",
    "stage_6_about": "Write the story of the break and the repair together.",
    "events_title": "Milestones",
    "event_statement_shared": "{name} shared what happened and how it felt.",
    "event_first_acknowledgment": "{name} answered the statement for the first time.",
    "event_felt_heard": "{name} felt heard.",
    "event_first_softening": "{name}'s words moved from anger towards the hurt underneath.",
    "back_to_journey": "Back to the journey",
    # next steps, one per situation
    "next_write_statement": "Describe what happened and what it did to you.",
    "next_share_statement": "Your statement is saved privately. Share it when you are ready.",
    "next_write_account": "Describe a recent painful moment from your side.",
    "next_share_account": "Your account is saved privately. Share it when you are ready.",
    "next_write_response": "Read {name}'s statement and answer it.",
    "next_share_response": "Your answer is saved privately. Send it when you are ready.",
    "next_answer_round": "Read {name}'s answer and say whether you felt heard.",
    "next_name_needs": "Name what you need from {name}.",
    "next_respond_need": "Answer what {name} needs.",
    "next_rebuild": "Keep your commitments and check in together.",
    # --- stage 1: the statement ------------------------------------------------------------
    "statement_title": "Name the hurt",
    "statement_intro": "Take your time. Write what happened, then what it did to you. It stays "
                       "private, even while you write, until you choose to share it.",
    "what_happened": "What happened",
    "what_happened_hint": "The specific moment or pattern, as you lived it.",
    "impact": "What it did to me",
    "impact_hint": "The feelings underneath: scared, alone, not important? The picker below "
                   "can help.",
    "save_draft": "Save draft",
    "check_words": "Check my words",
    "draft_saved": "Draft saved. Only you can see it.",
    "saved_shared": "Saved. This is shared, so {name} sees this version.",
    "autosaved_shared": "Saved at {time}; {name} sees this version.",
    "autosaved": "Draft saved at {time}.",
    "autosave_failed": "Could not save just now; your text is still here. We will try again.",
    "share_statement": "Share with {name}",
    "shared_note": "Shared with {name} on {date}.",
    "private_note": "Private: only you can see this.",
    "unshare": "Make private again",
    "now_shared": "Shared. {name} can read it now.",
    "now_private": "It is private again.",
    "share_empty": "Please write both parts before sharing.",
    "only_hurt_writes": "Only {name} writes this statement: it is their hurt to name.",
    "read_statement_title": "{name}'s statement",
    "statement_not_shared": "{name} has not shared a statement yet.",
    # emotion picker and sentence builder
    "picker_title": "Words for what you feel",
    "picker_intro": "Soft feelings first: they are often what lies under the anger.",
    "picker_click": "Click one to add it where your cursor is.",
    "picker_primary": "Underneath",
    "picker_secondary": "On the surface",
    "builder_title": "Build a sentence",
    "builder_intro": "If the box feels empty, start here.",
    "builder_felt": "I felt",
    "builder_when": "when",
    "builder_need": "I need",
    "builder_insert": "Add this sentence",
    "builder_result": "I felt {felt} when {when}. I need {need}.",
    # --- the live coach --------------------------------------------------------------------
    "coach_title": "Coach",
    "coach_intro": "The coach reads your words as you write and suggests. It keeps nothing.",
    "coach_nojs": "Press \"Check my words\" to see what the coach reads.",
    "coach_waiting": "Reading…",
    "coach_empty": "Start writing and the coach will read along.",
    "coach_rate_limited": "The coach needs a short pause. It will read again in a moment.",
    "coach_unavailable": "The coach is unavailable just now. Your text is safe.",
    "coach_too_long": "The coach reads up to {limit} characters at a time.",
    "coach_cannot_read": "The coach cannot read this language well, so it will not guess. "
                         "Your words are kept as they are.",
    "coach_marked": "How it may land",
    "coach_hint_marked": "The coach marked words that may land hard: see the coach below.",
    "coach_hint_clear": "The coach has read this: see below for what already works.",
    "coach_works": "What already works",
    "coach_emotions": "Feelings I hear",
    "coach_suggestions": "Another way to say it",
    "coach_insert": "Use this",
    "coach_safety": "Some of what you wrote sounds like you or someone may not be safe. The "
                    "coach stops here. Please look at the support on the safety page; nothing "
                    "you wrote has been shared.",
    "coach_safety_link": "See support and safety options",
    "kind_primary": "underneath",
    "kind_secondary": "on the surface",
    # what a full acknowledgment holds
    "ack_checklist_title": "What your answer holds so far",
    "ack_feeling": "their feeling, named (\"I can see how alone you felt\")",
    "ack_owned": "the action, owned (\"I went to her instead of to you\")",
    "ack_regret": "regret (\"I am so sorry\")",
    "ack_change": "what will change (\"From now on I will ...\")",
    # --- stage 2: the cycle ----------------------------------------------------------------
    "cycle_title": "See the cycle",
    "cycle_intro": "Think of one recent moment that hurt. Describe your side in a few words "
                   "each. The cycle is the problem, not either of you.",
    "account_did": "What I did",
    "account_did_hint": "Finish the sentence \"I ...\", e.g. \"kept asking who she was "
                        "texting\" or \"went quiet\". You can quote what you said.",
    "account_felt": "What I felt underneath",
    "account_felt_hint": "e.g. \"scared\", \"alone\", \"not good enough\".",
    "account_feared": "What I feared",
    "account_feared_hint": "e.g. \"that I am replaceable\".",
    "account_longed": "What I longed for",
    "account_longed_hint": "e.g. \"to know I matter to you\".",
    "save_account": "Save privately",
    "share_account": "Share with {name}",
    "account_shared": "Your account is shared.",
    "your_account": "Your side",
    "partner_account": "{name}'s side",
    "partner_account_waiting": "{name} has not shared their side yet.",
    "cycle_map_title": "Your cycle",
    "cycle_map_waiting": "The map appears when both of you have shared your side.",
    "cycle_when": "When {a} {a_did}, {b} feels {b_felt} and {b_did}.",
    # Fears and longings are quoted: partners write them in their own first person.
    "cycle_then": "When {b} {b_did}, {a} feels {a_felt}, fears \u201c{a_feared}\u201d, and "
                  "{a_did} again.",
    "cycle_longing": "Underneath, what {a} longs for is \u201c{a_longed}\u201d; what {b} longs "
                     "for is \u201c{b_longed}\u201d.",
    "cycle_enemy": "Neither of you is the problem. The loop is, and you can step out of it "
                   "together.",
    "cycle_svg_label": "A loop: {a} {a_did}; {b} feels {b_felt} and {b_did}; {a} feels "
                       "{a_felt}; and round again.",
    "pattern_pursue-withdraw": "This looks like the pursue-withdraw cycle: one reaches out "
                               "harder, the other steps back to calm things, and each move "
                               "makes the other's more likely.",
    "pattern_attack-attack": "This looks like the attack-attack cycle: both of you protest at "
                             "once, and each looks for who is to blame.",
    "pattern_withdraw-withdraw": "This looks like the withdraw-withdraw cycle: both of you go "
                                 "quiet to stay safe, and the distance grows.",
    "pattern_none": "Your words do not show one of the three common cycles clearly. The map "
                    "above is still your loop, in your words.",
    # chat import
    "import_title": "Import a chat (optional)",
    "import_intro": "Upload a WhatsApp export, a \"Name: message\" transcript, CSV or JSON "
                    "Lines. Only the result of the reading is kept, privately; the chat itself "
                    "is not stored.",
    "import_file": "Chat file",
    "import_button": "Read the chat",
    "import_too_big": "This file is larger than {limit} MB. Please export a shorter period.",
    "import_failed": "This file could not be read: {reason}",
    "import_speakers": "This chat has {count} people in it. Please export a chat between the "
                       "two of you.",
    "import_done": "Read. The timeline is in your private space.",
    "timelines_title": "Chat timelines",
    "timeline_pattern": "Pattern in this chat: {pattern}",
    "timeline_turns": "{count} messages; softer moments at messages {softening}.",
    "timeline_no_softening": "{count} messages.",
    "timeline_chart": "Timeline of who pressed, who pulled back and who softened",
    "timeline_by": "Imported by {name}",
    "share_timeline": "Share this timeline",
    "delete": "Delete",
    "deleted": "Deleted.",
    # --- stage 3: acknowledgment -----------------------------------------------------------
    "ack_title": "Hear and acknowledge",
    "ack_intro_repairing": "Read {name}'s words slowly. Then answer the hurt, not the facts: "
                           "what you hear, what you own, what you regret, what will change.",
    "ack_intro_hurt": "{name} answers your statement here. After each answer you can say "
                      "whether you felt heard, and ask what you still need to know.",
    "ack_needs_statement": "This step opens when {name} has shared their statement.",
    "response": "My answer",
    "response_hint": "Take your time. It stays private until you send it.",
    "send_response": "Send to {name}",
    "response_sent": "Sent. {name} can read it now.",
    "round": "Round {n}",
    "rounds_title": "The rounds so far",
    "no_rounds": "No answers yet.",
    "felt_heard_question": "Did you feel heard?",
    "felt_heard": "I felt heard",
    "not_yet": "Not yet",
    "follow_up": "What would you still like to know or hear? (optional)",
    "answer_saved": "Thank you. {name} can see your answer.",
    "answered_heard": "{name} felt heard.",
    "answered_not_yet": "{name} did not feel heard yet.",
    "you_felt_heard": "You felt heard.",
    "you_not_yet": "You did not feel heard yet.",
    "go_to_needs": "Go on to needs and reassurance",
    "waiting_answer": "Waiting for {name} to read it.",
    "heard_done": "{name} felt heard. You can go on to needs and reassurance, or add more.",
    "only_repairing_writes": "Only {name} writes the answer in this step.",
    "only_hurt_answers": "Only {name} says whether they felt heard.",
    "round_already_answered": "This round already has an answer.",
    "answer_choice_required": "Please choose \"I felt heard\" or \"Not yet\".",
    "wait_for_answer": "{name} has not answered your last round yet. You can still edit your "
                       "draft.",
    # --- stage 4: needs --------------------------------------------------------------------
    "needs_title": "Needs and reassurance",
    "needs_intro_hurt": "Say what you need from {name}, one need at a time. Needs are about "
                        "the future: \"I need to know I'm your person.\"",
    "needs_intro_other": "{name} names what they need. Answer each one: what you can give, "
                         "and how they will be able to see it.",
    "needs_needs_statement": "This step opens when {name} has shared their statement.",
    "need_text": "What I need",
    "need_hint": "One need, in your words. {name} will see it when you press the button.",
    "send_need": "Send to {name}",
    "need_sent": "Sent. {name} can answer it now.",
    "need_suggestions": "Drawn from your statement",
    "need_suggestions_none": "No suggestions from your statement; your own words are best.",
    "use_suggestion": "Use this",
    "needs_list": "Needs named",
    "no_needs": "No needs named yet.",
    "need_response": "My answer",
    "need_response_hint": "What you will do, and when. {name} will see it when you press the "
                          "button.",
    "send_need_response": "Answer",
    "need_response_sent": "Sent. {name} can read your answer.",
    "needs_waiting_response": "Waiting for {name}'s answer.",
    "only_hurt_needs": "Only {name} names needs in this step; you answer them.",
    "only_other_responds": "Only {name} answers this need.",
    "commitments_title": "Promises that can become commitments",
    "commitments_intro": "These sentences are concrete promises. Add the ones you mean to the "
                         "commitments you keep; {name} will be able to confirm them.",
    "cadence": "How often (e.g. \"every evening\", \"whenever she writes\")",
    "add_commitment": "Add as a commitment",
    "commitment_added": "Added to your commitments.",
    "commitment_exists": "This promise is already a commitment.",
    "commitments_list": "Our commitments",
    "commitment_by": "{name}: {text} ({cadence})",
    "not_a_commitment": "That sentence is not among the promises of this answer.",
    # --- errors and order ------------------------------------------------------------------
    "stage_order": "That step is not open yet: {reason}",
    "unknown_stage": "There is no such step.",
}
