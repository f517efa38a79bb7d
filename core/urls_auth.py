from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from core.sso_views import LogoutView, SsoCallbackView, SsoStartView

urlpatterns = [
    path(
        "login/",
        login_not_required(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("logout/", LogoutView.as_view(), name="logout"),
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
