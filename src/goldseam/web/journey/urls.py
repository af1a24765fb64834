"""URLs of the journey app, mounted at /journey/."""
from django.urls import path

from goldseam.web.journey.views import acknowledge, coach, cycle, needs, overview, statement

app_name = "journey"

urlpatterns = [
    path("", overview.journey_home, name="home"),
    path("new/", overview.injury_new, name="injury-new"),
    path("coach/", coach.coach_endpoint, name="coach"),
    path("<int:pk>/", overview.injury_detail, name="injury"),
    path("<int:pk>/statement/", statement.statement, name="statement"),
    path("<int:pk>/statement/autosave/", statement.statement_autosave, name="statement-autosave"),
    path("<int:pk>/statement/unshare/", statement.statement_unshare, name="statement-unshare"),
    path("<int:pk>/cycle/", cycle.cycle, name="cycle"),
    path("<int:pk>/cycle/autosave/", cycle.cycle_autosave, name="cycle-autosave"),
    path("<int:pk>/cycle/unshare/", cycle.cycle_unshare, name="cycle-unshare"),
    path("<int:pk>/cycle/import/", cycle.chat_import, name="chat-import"),
    path("<int:pk>/cycle/timeline/<int:timeline>/share/", cycle.timeline_share,
         name="timeline-share"),
    path("<int:pk>/cycle/timeline/<int:timeline>/delete/", cycle.timeline_delete,
         name="timeline-delete"),
    path("<int:pk>/cycle/timeline/<int:timeline>/chart.svg", cycle.timeline_chart,
         name="timeline-chart"),
    path("<int:pk>/acknowledge/", acknowledge.acknowledge, name="acknowledge"),
    path("<int:pk>/acknowledge/autosave/", acknowledge.response_autosave,
         name="response-autosave"),
    path("<int:pk>/acknowledge/<int:response>/answer/", acknowledge.answer_round,
         name="answer-round"),
    path("<int:pk>/needs/", needs.needs, name="needs"),
    path("<int:pk>/needs/<int:need>/respond/", needs.need_respond, name="need-respond"),
    path("<int:pk>/needs/commit/<int:source>/", needs.commit, name="commit"),
]
