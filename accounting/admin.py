"""Settlement groups are data, kept in the admin; the journal is shown read-only."""

from django.contrib import admin

from accounting.models import JournalEntry, JournalLine, SettlementGroup, SettlementGroupMember


class MemberInline(admin.TabularInline):
    model = SettlementGroupMember
    extra = 1


@admin.register(SettlementGroup)
class SettlementGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "fund", "settle_after"]
    list_filter = ["fund"]
    inlines = [MemberInline]


class LineInline(admin.TabularInline):
    model = JournalLine
    can_delete = False
    extra = 0
    readonly_fields = ["account", "amount", "year", "municipality", "award", "budget_line"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    """Read-only: bookings are made by the services and corrected by reversing entries."""

    list_display = ["pk", "fund", "kind", "booked_on", "description"]
    list_filter = ["fund", "kind"]
    inlines = [LineInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
