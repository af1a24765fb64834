"""URLs of the rebuild app."""
from django.urls import path

from goldseam.web.rebuild import ledger_views, views

app_name = "rebuild"

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("checkin/", views.checkin, name="checkin"),
    path("settings/", views.settings_view, name="settings"),
    path("rituals/", views.rituals, name="rituals"),
    path("rituals/<int:pk>/done/", views.ritual_done, name="ritual-done"),
    path("rituals/<int:pk>/stop/", views.ritual_stop, name="ritual-stop"),
    path("commitments/", ledger_views.ledger, name="ledger"),
    path("commitments/new/", ledger_views.commitment_new, name="commitment-new"),
    path("commitments/<int:pk>/", ledger_views.commitment, name="commitment"),
    path("commitments/<int:pk>/mark/", ledger_views.mark, name="mark"),
    path("commitments/<int:pk>/confirm/", ledger_views.confirm, name="confirm"),
    path("commitments/<int:pk>/log/", ledger_views.log_moment, name="log"),
    path("commitments/<int:pk>/renegotiate/", ledger_views.renegotiate, name="renegotiate"),
    path("commitments/<int:pk>/retire/", ledger_views.retire, name="retire"),
]
