from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from fund.models import BudgetCircular, BudgetDomain, Contribution, Fund, ParticipationRule, Tranche


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "term_start", "term_end"]


@admin.register(Tranche)
class TrancheAdmin(SimpleHistoryAdmin):
    list_display = ["fund", "year", "amount", "basis", "status"]
    readonly_fields = ["status"]


@admin.register(Contribution)
class ContributionAdmin(SimpleHistoryAdmin):
    list_display = ["tranche", "municipality", "amount"]

    def has_change_permission(self, request, obj=None):
        return False  # contributions change only through the recalculation service

    def has_add_permission(self, request):
        return False


admin.site.register(BudgetDomain)
admin.site.register(BudgetCircular)
admin.site.register(ParticipationRule, SimpleHistoryAdmin)
