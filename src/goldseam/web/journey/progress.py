"""Work out where an injury's path stands for one partner: each stage's state and my next step.

Reads records only through ``readable_records`` (what this person may see), so a partner's
private draft never shows up as "done" or "in progress" for the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from goldseam.web.core.access import readable_records
from goldseam.web.core.wording import say
from goldseam.web.journey.models import (
    CycleAccount,
    HeardAnswer,
    Injury,
    JourneyEvent,
    Need,
    NeedResponse,
    Response,
    Statement,
)


@dataclass
class Stage:
    """One stage as a partner sees it."""

    number: int
    name: str
    about: str
    state: str  # "done", "in_progress", "not_started", "locked", "open" (stages 5 and 6)
    url: str | None = None
    waiting_on: str | None = None
    my_step: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return say(f"journey.state_{self.state}")


def readable(user, model, injury: Injury) -> QuerySet:
    """Return the records of ``model`` for ``injury`` that ``user`` may read, unaudited.

    Journey pages are for partners only, so there is no therapist read to audit here.
    """
    return readable_records(user, model.objects.filter(injury=injury), audit=False)


def own_record(user, model, injury: Injury):
    """Return ``user``'s own record of ``model`` for ``injury`` (shared or not), or None."""
    return readable(user, model, injury).filter(owner=user).first()


def statement_shared(injury: Injury) -> bool:
    """Return True when the hurt partner has shared their statement for ``injury``.

    Reads no record's words, only whether one is shared: a fact both partners (and the stage
    gates) need whoever is asking, so it takes no reader.
    """
    return Statement.objects.filter(injury=injury, owner=injury.hurt_partner,
                                    shared_at__isnull=False).exists()


def felt_heard(injury: Injury) -> bool:
    return JourneyEvent.objects.filter(injury=injury, kind="felt_heard").exists()


def _optional_url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def stages_for(user, injury: Injury) -> list[Stage]:
    """Return stages 1 to 4 (and 5, 6 where their apps exist) of ``injury`` as ``user`` sees them."""
    hurt = injury.hurt_partner
    other = injury.other_partner()
    i_am_hurt = injury.is_hurt(user)
    names = {"hurt": hurt.display_name, "other": other.display_name if other else ""}
    stages = [_stage1(user, injury, i_am_hurt, names), _stage2(user, injury, other, names),
              _stage3(user, injury, i_am_hurt, names), _stage4(user, injury, i_am_hurt, names)]
    for number, url_name in ((5, "rebuild:home"), (6, "story:home")):
        url = _optional_url(url_name)
        if url:
            stages.append(Stage(number, say(f"journey.stage_{number}"),
                                say(f"journey.stage_{number}_about"), "open", url))
    if stages[3].state == "done" and len(stages) > 4 and not any(s.my_step for s in stages):
        # With stages 1-4 done, the path goes on in the rebuild app.
        stages[4].my_step = say("journey.next_rebuild")
    return stages


def _about(number: int, names: dict) -> str:
    return say(f"journey.stage_{number}_about", **names) if number != 2 else say(
        "journey.stage_2_about")


def _stage1(user, injury, i_am_hurt, names) -> Stage:
    stage = Stage(1, say("journey.stage_1"), _about(1, names), "not_started",
                  reverse("journey:statement", args=[injury.pk]))
    if statement_shared(injury):
        stage.state = "done"
        return stage
    if i_am_hurt:
        own = own_record(user, Statement, injury)
        if own and own.text.strip():
            stage.state = "in_progress"
            stage.my_step = say("journey.next_share_statement")
        else:
            stage.my_step = say("journey.next_write_statement")
    else:
        stage.waiting_on = say("journey.waiting_on", name=names["hurt"])
    return stage


def _stage2(user, injury, other, names) -> Stage:
    stage = Stage(2, say("journey.stage_2"), _about(2, names), "not_started",
                  reverse("journey:cycle", args=[injury.pk]))
    partners = [p for p in (injury.hurt_partner, other) if p is not None]
    accounts = readable(user, CycleAccount, injury)
    shared = set(accounts.filter(shared_at__isnull=False).values_list("owner_id", flat=True))
    shared &= {p.pk for p in partners}
    own = own_record(user, CycleAccount, injury)
    if len(shared) == len(partners) == 2:
        stage.state = "done"
        return stage
    if shared or own:
        stage.state = "in_progress"
    if user.pk not in shared:
        stage.my_step = say("journey.next_share_account" if own and own.complete
                            else "journey.next_write_account")
    else:
        partner = next(p for p in partners if p.pk != user.pk) if len(partners) == 2 else None
        if partner:
            stage.waiting_on = say("journey.waiting_on", name=partner.display_name)
    return stage


def _stage3(user, injury, i_am_hurt, names) -> Stage:
    stage = Stage(3, say("journey.stage_3"), _about(3, names), "not_started",
                  reverse("journey:acknowledge", args=[injury.pk]))
    if not statement_shared(injury):
        stage.state = "locked"
        return stage
    if felt_heard(injury):
        stage.state = "done"
        return stage
    sent = list(readable(user, Response, injury).filter(shared_at__isnull=False))
    if sent:
        stage.state = "in_progress"
    last = sent[-1] if sent else None
    unanswered = last is not None and not HeardAnswer.objects.filter(response=last).exists()
    if i_am_hurt:
        if unanswered:
            stage.my_step = say("journey.next_answer_round", name=names["other"])
        else:
            stage.waiting_on = say("journey.waiting_on", name=names["other"])
    elif unanswered:
        stage.waiting_on = say("journey.waiting_on", name=names["hurt"])
    else:
        draft = readable(user, Response, injury).filter(owner=user,
                                                        shared_at__isnull=True).first()
        stage.my_step = say("journey.next_share_response" if draft and draft.text.strip()
                            else "journey.next_write_response", name=names["hurt"])
    return stage


def _stage4(user, injury, i_am_hurt, names) -> Stage:
    stage = Stage(4, say("journey.stage_4"), _about(4, names), "not_started",
                  reverse("journey:needs", args=[injury.pk]))
    if not statement_shared(injury):
        stage.state = "locked"
        return stage
    needs = list(readable(user, Need, injury).filter(shared_at__isnull=False))
    answered = set(readable(user, NeedResponse, injury).filter(shared_at__isnull=False)
                   .values_list("need_id", flat=True))
    open_needs = [n for n in needs if n.pk not in answered]
    if needs and not open_needs:
        stage.state = "done"
    elif needs:
        stage.state = "in_progress"
    if i_am_hurt:
        if not needs:
            stage.my_step = say("journey.next_name_needs", name=names["other"])
        elif open_needs:
            stage.waiting_on = say("journey.waiting_on", name=names["other"])
    elif open_needs:
        stage.my_step = say("journey.next_respond_need", name=names["hurt"])
    elif not needs:
        stage.waiting_on = say("journey.waiting_on", name=names["hurt"])
    return stage


def next_step(stages: list[Stage]) -> Stage | None:
    """Return the first stage holding a step for me, or None."""
    return next((s for s in stages if s.my_step), None)


def events_for(injury: Injury) -> list[dict]:
    """Return the injury's milestones with their wording, oldest first."""
    out = []
    for event in JourneyEvent.objects.filter(injury=injury).select_related("actor"):
        name = event.actor.display_name if event.actor else ""
        out.append({"kind": event.kind, "at": event.created_at,
                    "text": say(f"journey.event_{event.kind}", name=name)})
    return out


def mine_or_shared(user, model, injury: Injury, owner):
    """Return ``owner``'s record of ``model`` for ``injury`` if ``user`` may read it, else None."""
    return readable(user, model, injury).filter(owner=owner).first()
