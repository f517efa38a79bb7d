from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from fund.models import BudgetCircular, BudgetDomain, Contribution, Fund, ParticipationRule, Tranche


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "term_start", "term_end"]


@admin.register(Tranche)
class TrancheAdmin(SimpleHistoryAdmin):
    """A definitive tranche is final (issue 12, hole 2): read only, not deletable, and the page says why.
    A provisional one with a history (TrancheEvent, write-once) cannot be deleted either: Django's
    delete page lists the protected events."""

    list_display = ["fund", "year", "amount", "basis", "status"]
    readonly_fields = ["status"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_definitive:
            return [f.name for f in obj._meta.concrete_fields if f.name != "id"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_definitive:
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.is_definitive and request.method == "GET":
            messages.warning(request, obj.final_message())
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Contribution)
class ContributionAdmin(SimpleHistoryAdmin):
    list_display = ["tranche", "municipality", "amount"]

    def has_change_permission(self, request, obj=None):
        return False  # contributions change only through the recalculation service

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.tranche.is_definitive:
            return False  # issue 12, hole 2: the contributions of a definitive tranche are final
        return super().has_delete_permission(request, obj)


admin.site.register(BudgetDomain)
admin.site.register(BudgetCircular)
admin.site.register(ParticipationRule, SimpleHistoryAdmin)
