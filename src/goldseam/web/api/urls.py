"""URLs of the api app, mounted at /api/: the token page and the JSON API."""
from django.urls import path

from goldseam.web.api import views
from goldseam.web.api.api import api

app_name = "api"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("", api.urls),
]
