"""URLs of the couples app."""
from django.urls import path

from goldseam.web.couples import views

app_name = "couples"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("invite/", views.invite, name="invite"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join, name="join-code"),
    path("leave/", views.leave, name="leave"),
    path("safety/", views.safety_check, name="safety"),
    path("safety/result/", views.safety_result, name="safety-result"),
    path("together/", views.joint_status, name="joint-status"),
    path("therapist/", views.therapist, name="therapist"),
    path("therapist/invite/", views.therapist_invite, name="therapist-invite"),
    path("therapist/<int:pk>/consent/", views.therapist_consent, name="therapist-consent"),
    path("therapist/<int:pk>/revoke/", views.therapist_revoke, name="therapist-revoke"),
    path("audit/", views.audit, name="audit"),
    path("clients/", views.therapist_clients, name="therapist-clients"),
    path("clients/join/", views.therapist_join, name="therapist-join"),
]
