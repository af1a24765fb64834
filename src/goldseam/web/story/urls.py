"""URLs of the story app."""
from django.urls import path

from goldseam.web.story import export_views, views

app_name = "story"

urlpatterns = [
    path("", views.home, name="home"),
    path("draft/", views.draft, name="draft"),
    path("edit/", views.edit, name="edit"),
    path("edit/autosave/", views.autosave, name="autosave"),
    path("merge/", views.merge_view, name="merge"),
    path("history/", views.history, name="history"),
    path("versions/<int:number>/", views.version_view, name="version"),
    path("versions/<int:a>/to/<int:b>/", views.diff, name="diff"),
    path("versions/<int:number>/restore/", views.restore, name="restore"),
    path("ours/", views.mark_ours, name="ours"),
    path("export/story.md", export_views.export_markdown, name="export-md"),
    path("export/story.pdf", export_views.export_pdf, name="export-pdf"),
    path("model/", export_views.model_settings, name="model"),
    path("model/polish/", export_views.polish, name="polish"),
    path("model/reframe/", export_views.polish_reframe_view, name="reframe"),
]
