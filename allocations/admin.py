"""Admin for the product and tariff lists. Everything else changes only through the services
(grants, moves, forecasts) and BSNs never appear here: only the masked form and no log edits."""

from django.contrib import admin

from allocations.models import BsnAccessLog, ClientRegistration, ForecastSubmission, Product, Tariff


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "provider", "category", "unit"]
    list_filter = ["category", "unit", "provider"]
    search_fields = ["code", "name", "provider__name"]


@admin.register(Tariff)
class TariffAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "product_code", "unit", "price"]
    list_filter = ["region", "year"]
    search_fields = ["product_code"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ForecastSubmission)
class ForecastSubmissionAdmin(ReadOnlyAdmin):
    list_display = ["provider", "year", "month", "version", "is_current", "source", "submitted_at"]
    list_filter = ["year", "is_current"]


@admin.register(ClientRegistration)
class ClientRegistrationAdmin(ReadOnlyAdmin):
    list_display = ["masked_bsn", "provider", "product", "intake_on", "purged_at"]
    fields = [
        "provider",
        "product",
        "fund",
        "year",
        "intake_on",
        "masked_bsn",
        "registered_by",
        "registered_at",
        "purged_at",
    ]
    readonly_fields = fields


@admin.register(BsnAccessLog)
class BsnAccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "event", "user", "on_behalf_of", "registration", "reason"]
    list_filter = ["event"]
