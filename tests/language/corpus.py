"""Named example messages shared by the language tests.

Each entry: name -> (text, codes that must be present, codes that must be absent). The codes
follow the contract (shared/spec/language.md), mostly its own examples and hard-case notes.
"""
from __future__ import annotations

CODE_CASES: dict[str, tuple[str, set[str], set[str]]] = {
    # blame
    "plain_accusation": ("You lied to me.", {"blame"}, {"neutral"}),
    "always_generalisation": ("You always put her first.", {"blame"}, set()),
    "never_listen": ("You never listen.", {"blame"}, set()),
    "accusing_why": ("Why would you do that to me?", {"blame"}, set()),
    "feel_like_you_judgement": (
        "I feel like you don't care about me at all.", {"blame"}, {"vulnerable_emotion"}
    ),
    "made_me_feel": ("You made me feel worthless.", {"blame"}, {"vulnerable_emotion"}),
    # contempt
    "insult": ("You're pathetic.", {"contempt"}, set()),
    "sarcasm_polite_words": ("Oh sure, because you're SO honest.", {"contempt"}, set()),
    "mock_praise": ("Nice job, genius.", {"contempt"}, set()),
    "eyeroll_emoji": ("wow great plan 🙄", {"contempt"}, set()),
    # defensiveness
    "counter_complaint": (
        "I only talked to her because you never listen.", {"defensiveness"}, set()
    ),
    "minimising": ("It was nothing, you're overreacting.", {"defensiveness"}, set()),
    "what_about_you": ("What about the time you lied about the car?", {"defensiveness"}, set()),
    "understand_but": (
        "I understand you're upset, but you're blowing this out of proportion.",
        {"defensiveness"}, {"acknowledgment"},
    ),
    # withdrawal
    "whatever": ("Whatever.", {"withdrawal"}, set()),
    "done_talking": ("I'm done talking about this.", {"withdrawal"}, set()),
    "calm_withdrawal": ("I can't deal with you right now.", {"withdrawal"}, set()),
    "get_it_move_on": ("I get it, okay? Can we move on?", {"withdrawal"}, {"acknowledgment"}),
    "leave_me_alone": ("Just leave me alone.", {"withdrawal"}, set()),
    # pursuit
    "interrogation": ("Who were you texting? Show me your phone.", {"pursuit"}, set()),
    "answer_me": ("Answer me!", {"pursuit"}, set()),
    "why_wont_you": ("Why won't you just tell me the truth?", {"pursuit"}, set()),
    "answers_now": ("I need answers right now.", {"pursuit"}, {"need"}),
    "ultimatum": ("Block him tonight or I'm leaving.", {"pursuit"}, {"withdrawal"}),
    # empty apology
    "conditional_apology": ("I'm sorry if you felt hurt.", {"empty_apology"}, {"responsibility"}),
    "shifting_apology": ("I'm sorry you feel that way.", {"empty_apology"}, {"responsibility"}),
    "but_apology": (
        "Sorry, but you're making this a big deal.", {"empty_apology"}, {"responsibility"}
    ),
    "impatient_apology": (
        "I already said sorry, what more do you want?", {"empty_apology"}, {"responsibility"}
    ),
    # vulnerable emotion
    "you_inside_disclosure": (
        "I felt abandoned when you weren't there for me.", {"vulnerable_emotion"}, {"blame"}
    ),
    "scared_again": ("I'm scared you'll hurt me again.", {"vulnerable_emotion"}, set()),
    "alone": ("I feel so alone in this.", {"vulnerable_emotion"}, set()),
    "not_blaming_negation": (
        "I'm not blaming you, I just feel lost and hurt.", {"vulnerable_emotion"}, {"blame"}
    ),
    # need
    "need_person": ("I need to know I'm your person.", {"need"}, set()),
    "gentle_question": ("Could you tell me when she messages you?", {"need"}, {"pursuit"}),
    "timeout_with_return": (
        "I need twenty minutes, then let's talk.", {"need", "commitment"}, {"withdrawal"}
    ),
    # acknowledgment
    "see_how": ("I can see how my actions made you feel unsafe.", {"acknowledgment"}, set()),
    "makes_sense": ("That makes sense.", {"acknowledgment"}, set()),
    "hear_hurt": ("I hear how much that hurt you.", {"acknowledgment"}, set()),
    # responsibility
    "genuine_apology": (
        "I was wrong to share our private struggles with her. I'm sorry.",
        {"responsibility"}, {"empty_apology"},
    ),
    "on_me": ("I broke your trust, and that's on me.", {"responsibility"}, set()),
    "sorry_and_ack": (
        "I'm sorry I lied. I can see how scared you've been.",
        {"responsibility", "acknowledgment"}, set(),
    ),
    # reassurance
    "my_person": ("You ARE my person.", {"reassurance"}, set()),
    "not_going_anywhere": ("I'm not going anywhere.", {"reassurance"}, set()),
    "choose_you": ("I choose you, every day.", {"reassurance"}, set()),
    # commitment
    "from_now_on": (
        "From now on I'll tell you whenever she contacts me.", {"commitment"}, set()
    ),
    "check_in_evening": (
        "I'll check in with you every evening this week.", {"commitment"}, set()
    ),
    "vague_promise": ("I'll try to be better.", set(), {"commitment"}),
    # neutral
    "milk": ("Can you pick up milk on the way home?", {"neutral"}, set()),
    "appointment": ("What time is the counselling appointment?", {"neutral"}, {"pursuit"}),
    "secondary_only": ("I'm so angry right now.", {"neutral"}, {"vulnerable_emotion"}),
    # texting style, capitals, typos
    "texting_shouting_honestly": ("Honestly?? u NEVER listen to me", {"blame"}, set()),
    "texting_blame": ("u always do this rn", {"blame"}, set()),
    "texting_no_punctuation": ("ur lying to me again", {"blame"}, set()),
    "shouting": ("ANSWER THE PHONE", {"pursuit"}, set()),
    "typo_apology": ("im sorry if u got upset", {"empty_apology"}, set()),
    # generalisation frames of issue 2 (written for these tests, not taken from any split)
    "past_act_charge": ("You bet our car on a horse.", {"blame"}, {"pursuit"}),
    "why_would_you_is_blame": ("Why would you give him our address?", {"blame"}, {"pursuit"}),
    "never_listen_to_me": ("You never listen to me.", {"blame"}, set()),
    "we_only_had_coffee": ("We only had coffee, relax.", {"defensiveness"}, set()),
    "cause_moved_to_partner": (
        "I did it because you shut me out for months.", {"defensiveness"}, {"responsibility"}
    ),
    "mock_title": ("Whatever you say, Your Honour.", {"contempt"}, set()),
    "eye_roll_fragment": ("lol ok", {"contempt"}, set()),
    "bond_without_keywords": ("You are not going to lose me.", {"reassurance"}, set()),
    "affirmation_over_anyone": ("i'd pick u over anyone, every time", {"reassurance"}, set()),
    "body_disclosure": (
        "My whole body goes cold when your phone lights up.", {"vulnerable_emotion"}, set()
    ),
    "flippant_apology": ("My bad.", {"empty_apology"}, {"responsibility"}),
    "retreat_right_now": ("I can't talk right now.", {"withdrawal"}, {"pursuit"}),
    "that_night_is_no_goodnight": (
        "I keep thinking about that night.", set(), {"withdrawal"}
    ),
    # A report of the partner's harm is blame, as in the contract's safety examples; the
    # codes models read such messages almost at random until the safety files' coded
    # messages joined their training (fifth session).
    "harm_report_wrist": ("He grabbed my wrist so hard on Saturday that it bruised.", {"blame"},
                          {"neutral"}),
    "harm_report_glass": ("She threw a glass at me last night and it cut my cheek.", {"blame"},
                          {"neutral", "contempt"}),
    "control_report_passport": (
        "He took my passport and says I can't have it back until I behave.", {"blame"},
        {"neutral"},
    ),
}

#: name -> (text, emotion names that must be reported, names that must not).
EMOTION_CASES: dict[str, tuple[str, set[str], set[str]]] = {
    "terrified_is_scared": ("I was terrified all night.", {"scared"}, set()),
    "didnt_matter": ("I felt like I didn't matter.", {"unimportant"}, set()),
    "two_inches_tall": (
        "I felt about two inches tall when you corrected me.", {"worthless"}, set()
    ),
    "partner_emotion_excluded": ("You must be angry.", set(), {"angry"}),
    "partner_feeling_in_apology": ("I'm sorry if you felt hurt.", set(), {"hurt"}),
    "negated_emotion": ("I'm not angry, I'm hurt.", {"hurt"}, {"angry"}),
    "secondary_kind": ("I'm furious.", {"furious"}, set()),
    "made_me_feel_reported": ("You made me feel worthless.", {"worthless"}, set()),
    "supposed_in_partners_place": ("You're right, I'd be scared too.", set(), {"scared"}),
    "anyone_would": ("Anyone would be furious after that.", set(), {"furious"}),
    "partners_verdict": ("You've decided I'm guilty whatever I say.", set(), {"guilty"}),
    "treated_like": ("You treat me like an idiot.", set(), {"ashamed"}),
    "put_on_for_show": ("He deletes it all and then acts wounded.", set(), {"hurt"}),
    "stop_crying": ("Okay, I'm sorry, stop crying please.", set(), {"sad"}),
    "sorry_it_stung": ("Sorry it stung.", set(), {"hurt"}),
    "regret_your_reaction": ("I regret that you were upset by it.", set(), {"guilty"}),
    "regret_own_act": ("I regret lying to you more than anything.", {"guilty"}, set()),
    "hurt_partner_role": ("Dr Hale says the hurt partner often asks again.", set(), {"hurt"}),
    "never_felt_so": ("I've never felt so alone as that night.", {"alone"}, set()),
    "second_feeling_after_and": ("I'm scared and alone most nights.", {"scared", "alone"}, set()),
    "own_subject_after_and": ("You haven't touched me in weeks and I feel so unwanted.",
                              {"unwanted"}, set()),
    "heart_in_bits": ("My heart's in bits.", {"heartbroken"}, set()),
    "lodger": ("I feel like a lodger in my own house.", {"unwanted"}, set()),
    "where_i_stand": ("I never know where I stand with you.", {"insecure"}, set()),
    "both_sides_of_and": ("I feel confused and lost.", {"confused", "lost"}, set()),
    "both_sides_of_and_2": ("Honestly I'm afraid and lonely here.", {"afraid", "lonely"}, set()),
    "tearful": ("Bit tearful today, the anniversary still gets me.", {"sad"}, set()),
    "onions_not_sad": ("Chopping onions always makes me teary.", set(), {"sad"}),
    "part_of_me_not_safe": ("Part of me still doesn't feel safe with you.", {"unsafe"}, set()),
    "broke_something": ("Reading those messages broke something in me.", {"heartbroken"}, set()),
    "whats_real": ("I honestly can't tell what's real any more.", {"confused"}, set()),
    "made_to_feel_mad": ("You made me feel like I was going mad for asking.", {"confused"}, set()),
    "cold_fingers_not_numb": ("I can't feel anything in my fingers, it's freezing out.", set(),
                              {"numb"}),
    # Sixth session: families from the training split's misses, each with a twin it must not read.
    "awful_about_what_i_did": ("I feel terrible about how I treated you that summer.", {"guilty"},
                               set()),
    "awful_about_partner_not_guilty": ("I feel terrible about what you did.", set(), {"guilty"}),
    "outsider": ("At family dinners I'm like an outsider in my own home.", {"alone"}, set()),
    "knife_in_back": ("Hearing it from Tom felt like a knife in my back.", {"betrayed"}, set()),
    "tired_of_arguing": ("Honestly I'm tired of arguing about the same texts.", {"fed up"}, set()),
    "nobody_would_notice": ("Some nights I think nobody would notice if I disappeared.",
                            {"invisible"}, set()),
    "nobody_notices_biscuits": ("No one would care if I stopped bringing biscuits.", set(),
                                {"invisible"}),
    "dont_recognise_us": ("I don't recognise our marriage any more.", {"lost"}, set()),
    "old_photos_not_lost": ("I don't recognise us in these old photos!", set(), {"lost"}),
    "burden": ("I feel like a burden to everyone lately.", {"worthless"}, set()),
    "kick_in_teeth": ("Reading that felt like a kick in the teeth.", {"hurt"}, set()),
    "price_kick_not_hurt": ("The price rise was a kick in the teeth.", set(), {"hurt"}),
    "which_part_real": ("I don't know which part of our life was real.", {"confused"}, set()),
    "film_not_confused": ("I don't know which part of the film was real.", set(), {"confused"}),
    "miss_so_much": ("I miss how we were so much that it scares me.", {"sad", "scared"}, set()),
    "body_tenses": ("My whole body tenses when your phone buzzes.", {"anxious"}, set()),
    "plank_not_anxious": ("My whole body tenses when I do the plank.", set(), {"anxious"}),
    "sick_with_not_knowing": ("I've been sick with not knowing where you were.", {"anxious"}, set()),
    "dont_trust_myself": ("I don't trust myself alone tonight.", {"unsafe"}, set()),
    "cake_not_unsafe": ("I don't trust myself around chocolate cake.", set(), {"unsafe"}),
}

#: name -> (text, flags that must be raised).
SAFETY_CASES: dict[str, tuple[str, set[str]]] = {
    "do_something_to_myself": ("When you go quiet for days I'm scared I'll do something to myself.",
                               {"self_harm"}),
    "memory_then_intent": (
        "I keep thinking about that night and how easy it would be to not wake up.",
        {"self_harm"},
    ),
    "point_in_living": ("If you leave I don't see the point in living.", {"self_harm"}),
    "ending_it": ("I've been thinking about ending it.", {"self_harm"}),
    "better_off": ("Everyone would be better off without me.", {"self_harm"}),
    "not_around": (
        "Sometimes I think you'd all manage fine if I just wasn't around any more.",
        {"self_harm"},
    ),
    "shoved": ("He shoved me into the door last night.", {"violence"}),
    "threat": ("Say that again and see what happens to you.", {"violence"}),
    "grabbed_wrist": ("He grabbed my wrist so hard on Saturday that it bruised.", {"violence"}),
    "afraid_of_her": (
        "I'm scared of what she'll do if she finds out I told you.", {"coercion"}
    ),
    "bank_card": ("He keeps my bank card so I can't leave.", {"coercion"}),
    "delete_before_home": ("I have to delete this before he gets home.", {"coercion"}),
    "take_kids": (
        (
            "She tracks my location every hour and says she'll take the kids if I stay at my "
            "sister's."
        ),
        {"coercion"},
    ),
    "slipped_into_drink": ("He slipped something into my drink at the party.", {"violence"}),
}

#: Messages that must raise no safety flag: figures of speech and relationship ultimatums.
NO_SAFETY_CASES: dict[str, str] = {
    "traffic": "This traffic is killing me.",
    "murder_coffee": "I could murder a coffee.",
    "work_killing": "Honestly this week at work is killing me.",
    "ultimatum": "Do it or I'm leaving.",
    "block_or_mums": "Block him tonight or I'm going to stay at my mum's for a while.",
    "hit_gym": "I'm going to hit the gym after work.",
    "dying_to": "I'm dying to see the new film.",
    "took_kids_out": "I'm taking the kids to Mum's for the day.",
    "a_bit_of": "I'm not cheating, I just like having a bit of my own life.",
    "hospital_visit": "I'm at the hospital with Dad, nothing serious, home by 9.",
    "end_it_with_her": "I ended it with her last night, it's over.",
    "rumination": "I keep thinking about that night.",
    "replaying_texts": "i cant stop thinking about the texts you sent her",
    "slipped_on_ice": "I slipped on the ice and hurt my wrist, it's only a sprain.",
}
