"""The journey page (every injury and where it stands) and starting work on a new injury."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from goldseam.web.core.access import require_couple, require_joint_work_allowed
from goldseam.web.core.wording import say
from goldseam.web.journey import progress
from goldseam.web.journey.forms import InjuryForm
from goldseam.web.journey.models import Injury


@require_couple
@require_GET
def journey_home(request):
    """Show each injury's stages, what is done, who is waiting on whom, and my next step."""
    state = request.couple.joint_work_state()
    paths = []
    if state == "open":
        for injury in Injury.objects.filter(couple=request.couple, hurt_partner__isnull=False
                                            ).select_related("hurt_partner"):
            stages = progress.stages_for(request.user, injury)
            paths.append({"injury": injury, "stages": stages,
                          "next": progress.next_step(stages),
                          "events": progress.events_for(injury)})
    return render(request, "journey/home.html", {"paths": paths, "joint_state": state})


@require_joint_work_allowed
@require_http_methods(["GET", "POST"])
def injury_new(request):
    """Start working on a new injury, naming it and who was hurt."""
    partner = request.couple.other_partner(request.user)
    form = InjuryForm(request.POST or None, partner_name=partner.display_name)
    if request.method == "POST" and form.is_valid():
        hurt = request.user if form.cleaned_data["who"] == "me" else partner
        injury = Injury.objects.create(couple=request.couple, hurt_partner=hurt,
                                       created_by=request.user, title=form.cleaned_data["title"])
        messages.success(request, say("journey.injury_created"))
        return redirect("journey:injury", pk=injury.pk)
    return render(request, "journey/injury_new.html", {"form": form}, status=(
        400 if request.method == "POST" else 200))


@require_joint_work_allowed
@require_GET
def injury_detail(request, pk: int):
    """Show one injury's path."""
    from goldseam.web.journey.views.common import injury_for

    injury = injury_for(request, pk)
    stages = progress.stages_for(request.user, injury)
    return render(request, "journey/injury.html", {
        "injury": injury, "stages": stages, "next": progress.next_step(stages),
        "events": progress.events_for(injury),
        "hurt_name": injury.hurt_partner.display_name,
    })
