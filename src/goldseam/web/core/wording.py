"""Hold every word the web pages show, in one catalogue a clinician can review without code.

Sections are plain dicts; templates read them as ``{{ W.section.key }}`` or, with
placeholders, ``{% w "section.key" name=... %}``; Python reads them with ``say()``. Later apps
add their own section here (``"journey": {...}``) rather than writing words into templates.
Tone (product spec, principle 3): describe the situation, never judge the person, and always
offer a next step.
"""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "site": {
        "name": "Goldseam",
        "tagline": "Mending trust, with the repair in gold.",
        "skip": "Skip to content",
        "footer": "Goldseam keeps what you write on this server, encrypted. Nothing is sent elsewhere.",
    },
    "quick_exit": {
        "label": "Quick exit",
        "hint": "Leaves Goldseam at once for a weather page. Shortcut: press Esc twice.",
    },
    "nav": {
        "label": "Main",
        "home": "Our space",
        "notes": "Notes",
        "safety": "Safety check",
        "therapist": "Therapist",
        "account": "Account",
        "sign_in": "Sign in",
        "sign_up": "Create an account",
        "sign_out": "Sign out",
        "clients": "Couples",
    },
    "forms": {
        "required": "Please fill this in.",
        "too_long": "Please keep this under {limit} characters (it has {count}). Your text is kept below.",
        "bad_chars": "This contains characters that cannot be stored (control characters). "
                     "Please remove them; the rest of your text is kept.",
        "fix_below": "Please look at the marked fields below. Everything you typed is still here.",
        "save": "Save",
        "cancel": "Cancel",
        "optional": "optional",
    },
    "accounts": {
        "sign_in_title": "Sign in",
        "sign_up_title": "Create your account",
        "sign_up_intro": "Your space is private. Nothing you write reaches your partner or a "
                         "therapist until you choose to share it.",
        "username": "Sign-in name",
        "username_hint": "Letters, digits and @ . + - _ only. Only you see this.",
        "display_name": "Your name as your partner sees it",
        "email": "E-mail (for resetting your password)",
        "password": "Password",
        "password_hint": "At least 10 characters, and not a common password.",
        "password_again": "Password again",
        "passwords_differ": "The two passwords are not the same.",
        "username_taken": "That sign-in name is taken. Please choose another.",
        "role": "I am joining as",
        "role_partner": "A partner",
        "role_therapist": "A therapist invited by a couple",
        "otp_code": "Code from your authenticator app",
        "otp_code_hint": "Only if you turned on a second step. Lost your phone? Type a recovery "
                         "code here instead.",
        "otp_wrong": "That code did not match. Codes change every 30 seconds; try the newest one.",
        "bad_sign_in": "That sign-in name and password do not match. Please try again.",
        "locked_out_title": "Sign-in paused",
        "locked_out": "There were too many attempts to sign in. For your safety, signing in is "
                      "paused for a while. You can reset your password meanwhile.",
        "signed_out": "You are signed out.",
        "account_title": "Your account",
        "password_change": "Change password",
        "password_changed": "Your password is changed. Any API tokens you had are revoked: "
                            "make new ones under API tokens if you still need them.",
        "password_reset": "Forgot your password?",
        "password_reset_title": "Reset your password",
        "password_reset_sent": "If an account has that e-mail, a reset link is on its way.",
        "password_reset_done": "Your password is set. You can sign in now.",
        "new_password": "New password",
        "reauth_title": "Confirm it is you",
        "reauth_intro": "Before this step, please enter your password again.",
        "reauth_wrong": "That password is not right.",
        "totp_title": "Second step at sign-in",
        "totp_intro": "Add Goldseam to an authenticator app with this key, then type the code it "
                      "shows. From then on, signing in asks for a code too.",
        "totp_key": "Key to type into your authenticator app",
        "totp_qr": "QR code to scan with your authenticator app; the same key is written below",
        "totp_on": "The second step is on.",
        "totp_off": "The second step is off.",
        "totp_turn_off": "Turn off the second step",
        "recovery_title": "Your recovery codes",
        "recovery_intro": "If you lose the phone with your authenticator app, type one of these "
                          "in place of the code. Each works once. Keep them somewhere safe that "
                          "only you can open; this is the only time Goldseam shows them.",
        "recovery_done": "I have kept them: back to my account",
        "recovery_new": "Make new recovery codes (the old ones stop working)",
        "recovery_left": "Recovery codes left: {left}.",
        "recovery_used": "You signed in with a recovery code. Codes left: {left}. You can make "
                         "new ones on your account page.",
        "export_title": "Take your data with you",
        "export_intro": "Download everything you wrote here: a JSON file for other programs and "
                        "a readable copy.",
        "export_json": "Download JSON",
        "export_readable": "Download readable copy (Markdown)",
        "delete_title": "Delete my account",
        "delete_intro": "This deletes your account and everything you wrote, for good. Records "
                        "your partner wrote stay with them. This cannot be undone.",
        "delete_confirm": "Type DELETE to confirm",
        "delete_confirm_wrong": "Please type DELETE in capitals to confirm.",
        "delete_button": "Delete my account for good",
        "deleted": "Your account and everything you wrote are deleted.",
    },
    "couples": {
        "home_title": "Our space",
        "start_title": "Start your couple's space",
        "start_intro": "Create a space for the two of you, then invite your partner with a code.",
        "start_button": "Create our space",
        "i_was_hurt": "I am the partner who was hurt",
        "i_was_hurt_hint": "This can change for each thing you work on later.",
        "join_title": "Join your partner",
        "join_intro": "Type the code your partner gave you.",
        "code": "Invitation code",
        "join_button": "Join",
        "invite_title": "Invite your partner",
        "invite_intro": "Give your partner this code, or the link. It works once, for 7 days.",
        "invite_new": "Make a new code",
        "invite_expires": "Works until {date}.",
        "invite_used": "This code was already used. Ask your partner for a new one.",
        "invite_expired": "This code has expired. Ask your partner for a new one.",
        "invite_full": "This couple already has two partners.",
        "invite_unknown": "No invitation has that code. Please check it and try again.",
        "already_in_couple": "You are already part of a couple. Leave it first to join another.",
        "joined": "You joined your partner's space.",
        "waiting_for_partner": "Waiting for your partner to join.",
        "partner_is": "You share this space with {name}.",
        "leave_title": "Leave this couple",
        "leave_intro": "Your own records leave with you and stay private; your partner keeps "
                       "theirs. Nothing stays shared, on either side, and any therapist's "
                       "access ends.",
        "leave_button": "Leave the couple",
        "left": "You left the couple. Your records are in your private space.",
        "audit_title": "Who read what",
        "audit_intro": "Every time a therapist reads your shared records, it is written here.",
        "audit_empty": "No therapist has read anything yet.",
        "audit_read": "read one {kind}",
        "audit_list": "looked at the list of {kind}",
    },
    "joint": {
        "title": "Working together",
        "open": "Joint exercises are open.",
        "need_own_check": "Before working together, please answer a short private safety check.",
        "waiting_partner_check": "Joint exercises open once both of you have answered a short "
                                 "private safety check. Meanwhile your private space is open.",
        "waiting_partner_join": "Joint exercises open once your partner has joined.",
        "paused_neutral": "Joint exercises are paused for now. Your private space stays open, "
                          "and you can keep writing there.",
        "paused_answerer": "Because of what you shared, joint exercises are paused. Your partner "
                           "sees only that they are paused, never your answers or who answered.",
    },
    "safety": {
        "title": "A private safety check",
        "intro": "Only you will ever see these answers. Couples work is not safe when one "
                 "partner is afraid of the other, so we ask before any joint exercise.",
        "yes": "Yes",
        "no": "No",
        "unsure": "Not sure, or I would rather not say",
        "submit": "Save my answers",
        "thanks": "Thank you. Your answers are saved and only you can see them.",
        "resources_title": "Support, if you want it",
        "resources_intro": "What you shared suggests that working together right now may not "
                           "be safe for you. That is not your fault, and you are not alone.",
        "resources_emergency": "If you are in danger now, call your local emergency number "
                               "(112 in Europe, 911 in North America, 999 in the UK).",
        "resources_hotlines": "Confidential help lines: National Domestic Violence Hotline (US) "
                              "1-800-799-7233; National Domestic Abuse Helpline (UK) 0808 2000 "
                              "247; elsewhere, search for your country's domestic abuse line on "
                              "a device your partner does not check.",
        "resources_affair": "If an outside relationship is still going on, repair work tends to "
                            "stall; many therapists first help a couple decide about it.",
        "continue_title": "Ways to continue safely",
        "continue_private": "Keep writing in your private space; nothing is shared.",
        "continue_retake": "If you answered by mistake, answer again.",
        "continue_leave": "Leave the couple quietly: your records leave with you.",
        "continue_exit": "Use Quick exit at the top of any page to leave at once.",
        "retake": "Answer again",
    },
    "safety_questions": {
        # Goldseam's own wording; sources of the constructs are in couples/safety.py.
        "afraid": "Do you sometimes feel afraid of your partner, or of what happens when you "
                  "disagree?",
        "hurt": "In the past year, has your partner pushed, hit, choked or otherwise hurt you "
                "physically?",
        "threats": "Has your partner threatened to hurt you, the children, pets, or themselves, "
                   "or shouted at you in a way that scared you?",
        "control": "Does your partner check your phone, control your money, or decide whom you "
                   "may see or where you may go?",
        "sex": "Has your partner pressured or forced you into sexual acts you did not want?",
        "watched": "Would it be unsafe for you if your partner read what you write here?",
        "ongoing": "Is the outside relationship (the affair) still going on?",
    },
    "therapist": {
        "title": "Your therapist",
        "intro": "You can invite a therapist to see what the two of you choose. Both of you "
                 "must agree, and either of you can end it at any time. Private drafts and "
                 "safety answers are never shown.",
        "scope": "What the therapist may see (shared records only)",
        "invite_button": "Make a therapist code",
        "code_intro": "Give your therapist this code. It works once, for 7 days.",
        "consent_needed": "Waiting for both of you to agree.",
        "consent_button": "I agree to share this with the therapist",
        "consented": "You agreed. The link starts when both of you have agreed.",
        "active": "{name} can see: {scope}.",
        "pending_join": "Waiting for the therapist to enter the code.",
        "revoke_button": "End the therapist's access",
        "revoked": "The therapist's access has ended.",
        "join_title": "Join a couple as their therapist",
        "join_intro": "Type the code the couple gave you. You will see only what both agree to.",
        "joined": "You joined. You will see records once both partners have agreed.",
        "clients_title": "Couples who invited you",
        "clients_empty": "No couple has given you access yet.",
        "scope_nothing": "Please choose at least one kind of record.",
        "not_therapist": "That account is not a therapist account.",
    },
    "notes": {
        "title": "Notes",
        "intro": "Notes are private until you share them.",
        "new": "Write a note",
        "edit": "Edit",
        "note_title": "Title",
        "body": "Note",
        "saved": "Saved.",
        "private": "Private",
        "shared": "Shared with your partner",
        "share": "Share with my partner",
        "unshare": "Make private again",
        "now_shared": "Shared. Your partner can read it now.",
        "now_private": "It is private again.",
        "delete": "Delete",
        "deleted": "Deleted.",
        "empty": "Nothing here yet.",
        "by": "by {name}",
        "therapist_empty": "The couple has not shared notes with you.",
    },
    "record_kinds": {
        # The kinds a couple can put into a therapist's scope. Apps add theirs here.
        "note": "Shared notes",
    },
    "errors": {
        "not_found_title": "Not here",
        "not_found": "This page does not exist, or it is not yours to see.",
        "forbidden_title": "Not for this account",
        "forbidden": "This page is not available to your account.",
        "server_title": "Something went wrong",
        "server": "Something went wrong on our side. What you typed was saved as a draft if it "
                  "could be; please try again.",
        "csrf": "This form was open too long or in another tab. Please go back and send it again.",
        "unavailable_title": "Goldseam is resting for a moment",
        "unavailable": "We cannot reach the place your writing is kept just now, so nothing "
                       "was saved or changed. Please try again in a minute; what you wrote "
                       "earlier is safe.",
    },
}


def say(key: str, **kwargs) -> str:
    """Return the catalogue text at ``"section.name"`` with ``{placeholders}`` filled in.

    Raises KeyError for an unknown key, so a typo fails in tests rather than showing blank.
    """
    section, _, name = key.partition(".")
    text = WORDS[section][name]
    return text.format(**kwargs) if kwargs else text
