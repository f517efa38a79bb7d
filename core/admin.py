from django import forms
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from core import sso
from core.models import (
    Membership,
    MembershipEvent,
    Municipality,
    Organisation,
    Profile,
    Provider,
    Region,
    SsoIdentity,
    SsoProvider,
)

# django-otp's admin pages show a user's TOTP secret, its QR code and their backup codes: with
# them anyone with access to the admin could pass as that user. They are not in our admin; a user
# who lost their phone gets their devices removed with `manage.py two_factor_reset <username>`.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "landsdeel"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "region"]
    list_filter = ["region"]


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kvk_number", "agb_code", "region"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "provider", "region"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "municipality"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]


@admin.register(MembershipEvent)
class MembershipEventAdmin(admin.ModelAdmin):
    list_display = ["at", "organisation", "member", "action", "role_before", "role_after", "actor"]
    list_filter = ["organisation"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SsoProviderForm(forms.ModelForm):
    """The client secret is typed, never shown back: empty on a change keeps the stored one."""

    issuer = forms.URLField(
        label="issuer",
        max_length=300,
        assume_scheme="https",
        help_text=SsoProvider._meta.get_field("issuer").help_text,
    )
    client_secret = forms.CharField(
        label="client secret",
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Wordt versleuteld bewaard en nooit getoond. Leeg laten bij wijzigen: het "
        "bewaarde secret blijft.",
    )

    class Meta:
        model = SsoProvider
        fields = [
            "organisation",
            "enabled",
            "issuer",
            "client_id",
            "client_secret",
            "scopes",
            "organisation_claim",
            "organisation_claim_value",
            "role_claim",
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("client_secret") and not self.instance.client_secret_encrypted:
            self.add_error("client_secret", "Vul het client secret in.")
        if bool(cleaned.get("organisation_claim")) != bool(cleaned.get("organisation_claim_value")):
            self.add_error(
                "organisation_claim_value",
                "Vul de claim voor de organisatie en haar waarde allebei in, of allebei niet.",
            )
        return cleaned

    def save(self, commit=True):
        if self.cleaned_data.get("client_secret"):
            self.instance.client_secret_encrypted = sso.encrypt_secret(
                self.cleaned_data["client_secret"]
            )
        return super().save(commit)


@admin.register(SsoProvider)
class SsoProviderAdmin(admin.ModelAdmin):
    form = SsoProviderForm
    list_display = ["organisation", "enabled", "issuer", "client_id", "secret"]
    readonly_fields = ["secret"]

    @admin.display(description="client secret (bewaard)")
    def secret(self, obj):
        return sso.masked_secret(obj) if obj.pk else "niet ingesteld"


@admin.register(SsoIdentity)
class SsoIdentityAdmin(admin.ModelAdmin):
    """Who logged in as whom; deleting one lets that subject be matched by e-mail again."""

    list_display = ["user", "provider", "subject", "first_login_at"]
    list_filter = ["provider"]
    readonly_fields = ["provider", "subject", "user", "first_login_at"]

    def has_add_permission(self, request):
        return False


def _superusers_only(request) -> bool:
    """The Django admin shows every organisation's data: it is for the installation's own
    administrators (superusers) only, never a way around the rules for staff (is_staff alone is not enough).
    An organisation's functional administrator manages its users on core:organisation."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
