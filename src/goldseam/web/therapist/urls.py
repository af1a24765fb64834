"""URLs of the therapist app."""
from django.urls import path

from goldseam.web.therapist import views

app_name = "therapist"

urlpatterns = [
    path("", views.home, name="home"),
    path("couples/<int:pk>/", views.couple, name="couple"),
]
