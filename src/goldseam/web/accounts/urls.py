"""URLs of the accounts app."""
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from goldseam.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign-up"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("quick-exit/", views.quick_exit, name="quick-exit"),
    path("", views.account, name="account"),
    path("confirm/", views.reauth, name="reauth"),
    path("two-step/", views.totp_setup, name="totp-setup"),
    path("two-step/off/", views.totp_disable, name="totp-disable"),
    path("two-step/recovery-codes/", views.recovery_new, name="recovery-codes"),
    path("export/", views.export_page, name="export"),
    path("export/goldseam-export.json", views.export_json, name="export-json"),
    path("export/goldseam-export.md", views.export_markdown, name="export-markdown"),
    path("delete/", views.delete, name="delete"),
    path("password/", auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password-change-done")), name="password-change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_change_done.html"), name="password-change-done"),
    path("reset/", auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-sent")), name="password-reset"),
    path("reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_sent.html"), name="password-reset-sent"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete")),
        name="password-reset-confirm"),
    path("reset/complete/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password-reset-complete"),
]
