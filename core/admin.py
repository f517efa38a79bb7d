from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.models import (
    Membership,
    MembershipEvent,
    Municipality,
    Organisation,
    Profile,
    Provider,
    Region,
)


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


def _superusers_only(request) -> bool:
    """The Django admin shows every organisation's data: it is for the installation's own
    administrators (superusers) only, never a way around the rules for staff (is_staff alone is not enough).
    An organisation's functional administrator manages its users on core:organisation."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
