"""URLs of the notes app."""
from django.urls import path

from goldseam.web.notes import views

app_name = "notes"

urlpatterns = [
    path("", views.note_list, name="list"),
    path("new/", views.note_new, name="new"),
    path("<int:pk>/", views.note_detail, name="detail"),
    path("<int:pk>/edit/", views.note_edit, name="edit"),
    path("<int:pk>/share/", views.note_share, name="share"),
    path("<int:pk>/unshare/", views.note_unshare, name="unshare"),
    path("<int:pk>/delete/", views.note_delete, name="delete"),
]
