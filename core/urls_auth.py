from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, reverse_lazy
from two_factor.views import QRGeneratorView

from core import two_factor
from core.sso_views import LogoutView, SsoCallbackView, SsoStartView

# Setting up the second factor and the backup codes (core.two_factor), under the names the
# django-two-factor-auth views reverse.
two_factor_patterns = [
    path("instellen/", two_factor.SetupView.as_view(), name="setup"),
    path("qr/", QRGeneratorView.as_view(), name="qr"),
    path("ingesteld/", two_factor.SetupCompleteView.as_view(), name="setup_complete"),
    path("back-upcodes/", two_factor.BackupTokensView.as_view(), name="backup_tokens"),
]

urlpatterns = [
    path("login/", two_factor.LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", include((two_factor_patterns, "two_factor"))),
    # a login through the organisation's own OpenID Connect provider (core.sso)
    path("sso/<slug:slug>/", SsoStartView.as_view(), name="sso_start"),
    path("oidc/terug/", SsoCallbackView.as_view(), name="sso_callback"),
    # the link in the invitation a functional administrator sends (core.services.member_invite)
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("password_set_done")
            )
        ),
        name="password_set",
    ),
    path(
        "wachtwoord-ingesteld/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_set_done",
    ),
]
