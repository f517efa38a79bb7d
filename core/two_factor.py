"""Two-factor login (django-two-factor-auth on django-otp): a password user confirms the login with a
code from an authenticator app (TOTP) or one of their backup codes. settings.TWO_FACTOR_ENFORCED
decides whether it is asked at all; where it is, SecondFactorMiddleware keeps a password user who
has not confirmed a code in this session away from every page but these. Users who come through
single sign-on (session["login_method"] == "sso") are exempt: their organisation does it."""

import base64
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django_otp import user_has_device
from formtools.wizard.forms import ManagementForm
from two_factor import views as two_factor_views
from two_factor.utils import get_otpauth_url

ISSUER = "Jeugdfonds"  # the name an authenticator app shows beside the codes

# django-otp has no Dutch translation; these are its messages as the user reads them.
OTP_MESSAGES = {
    "token_required": "Vul de code in.",
    "challenge_exception": "De code kon niet worden verstuurd: {0}",
    "not_interactive": "Dit middel verstuurt geen code.",
    "challenge_message": "{0}",
    "invalid_token": "Deze code is niet juist. Controleer de code en probeer het opnieuw.",
    # django-otp waits longer after each wrong code (1, 2, 4... seconds) before it checks another
    "n_failed_attempts": (
        "Er is %(failure_count)d keer een verkeerde code ingevuld. Wacht een paar seconden en "
        "probeer het dan opnieuw."
    ),
    "verification_not_allowed": "Een code controleren kan nu even niet; probeer het straks opnieuw.",
    "device_required": "Kies een middel.",
}
SETUP_INVALID = "Deze code is niet juist. Controleer de tijd op uw telefoon en probeer het opnieuw."

# The pages a password user may open before the second factor (besides static files, which
# WhiteNoise serves before any of this runs). The OpenID Connect views log a user in by another way.
EXEMPT_VIEWS = {
    "login",
    "logout",
    "health",
    "two_factor:setup",
    "two_factor:qr",
    "sso_start",
    "sso_callback",
}
EXEMPT_PREFIXES = ("oidc_",)


def enforced() -> bool:
    return settings.TWO_FACTOR_ENFORCED


def second_factor_due(request) -> bool:
    """Whether this request's user logged in with a password and has not confirmed a code yet,
    where the setting asks for one."""
    user = getattr(request, "user", None)
    return (
        enforced()
        and user is not None
        and user.is_authenticated
        and request.session.get("login_method") != "sso"
        and not user.is_verified()
    )


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware (which tells whether the session confirmed a code): a
    password user without a confirmed code reaches only EXEMPT_VIEWS. Without a device they are
    sent to set one up; with one (a session that began before the setting was on, or a login that
    skipped the code some other way) they log in again, now with the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not second_factor_due(request):
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if view_name in EXEMPT_VIEWS or view_name.startswith(EXEMPT_PREFIXES):
            return None
        if user_has_device(request.user):
            logout(request)
            messages.info(request, "Log opnieuw in, met de code uit uw authenticator-app.")
            return redirect_to_login(request.get_full_path())
        return redirect("two_factor:setup")


class RestartsWhenIncomplete:
    """A post without the wizard's step (an old tab, a form from elsewhere) starts the wizard again
    with a Dutch message, instead of django-formtools' SuspiciousOperation (a bare 400)."""

    def post(self, *args, **kwargs):
        asked_step = self.request.POST.get("wizard_goto_step")
        if not asked_step and not ManagementForm(self.request.POST, prefix=self.prefix).is_valid():
            messages.error(self.request, "Dit formulier was onvolledig of verlopen; begin opnieuw.")
            return redirect(self.request.get_full_path())
        return super().post(*args, **kwargs)


class LoginView(RestartsWhenIncomplete, two_factor_views.LoginView):
    """The login at /accounts/login/: username and password, then (where enforced, for a user
    with a device) the code from the app or a backup code. Where it is not enforced the password
    alone logs in, also for a user who has a device (the demo in development)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def has_token_step(self):
        return enforced() and super().has_token_step()

    def has_backup_step(self):
        return enforced() and super().has_backup_step()

    condition_dict = {
        two_factor_views.LoginView.TOKEN_STEP: has_token_step,
        two_factor_views.LoginView.BACKUP_STEP: has_backup_step,
    }

    def get_context_data(self, form, **kwargs):
        # where to go after the login, also after one through the organisation (_sso_choice.html)
        return {**super().get_context_data(form, **kwargs), "next": self.get_redirect_url()}

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        step = step or self.steps.current
        if step in (self.TOKEN_STEP, self.BACKUP_STEP):
            form.otp_error_messages = OTP_MESSAGES
        if step == self.TOKEN_STEP:
            form.fields["otp_token"].label = "Code uit uw authenticator-app"
        elif step == self.BACKUP_STEP:
            form.fields["otp_token"].label = "Back-upcode"
        return form


def qr_data_uri(otpauth_url: str) -> str:
    """The QR code of the app's setup link, as an SVG in a data: URL (the page's img-src allows
    data:), drawn here: the secret never leaves our server for a QR service."""
    image = qrcode.make(otpauth_url, image_factory=qrcode.image.svg.SvgPathImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


class SetupView(RestartsWhenIncomplete, two_factor_views.SetupView):
    """Set up the authenticator app: a short introduction, then the QR code (and the secret as
    text, for an app that cannot scan) and the first code to confirm it."""

    template_name = "two_factor/core/setup.html"

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        if "token" in form.fields:
            form.fields["token"].label = "Code uit uw authenticator-app"
            form.error_messages = {**form.error_messages, "invalid_token": SETUP_INVALID}
        return form

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if self.steps.current == "generator":
            secret = base64.b32encode(unhexlify(self.get_key("generator"))).decode("ascii")
            url = get_otpauth_url(self.request.user.get_username(), secret, ISSUER)
            context.update(
                qr_data_uri=qr_data_uri(url),
                secret_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)],
            )
        return context


class SetupCompleteView(two_factor_views.SetupCompleteView):
    template_name = "two_factor/core/setup_complete.html"


class BackupTokensView(two_factor_views.BackupTokensView):
    """The user's backup codes (each works once); new ones (ten) replace the old."""

    template_name = "two_factor/core/backup_tokens.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Er zijn tien nieuwe back-upcodes gemaakt.")
        return response
