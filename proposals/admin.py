"""Read-mostly admin: every change goes through the services (state machine, locks, records)."""

from django.contrib import admin

from proposals.models import Award, DecisionLetter, Meeting, Proposal, Transition, VoteRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "fund", "status", "created_at"]
    list_filter = ["fund", "status"]
    search_fields = ["reference", "title"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["number", "proposal", "year", "amount", "period_start", "period_end"]
    search_fields = ["number"]


@admin.register(DecisionLetter)
class DecisionLetterAdmin(ReadOnlyAdmin):
    list_display = ["award", "version", "addressee", "issued_at", "sha256"]
    exclude = ["pdf"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "fund", "date"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "from_status", "to_status", "user", "at"]


@admin.register(VoteRecord)
class VoteRecordAdmin(ReadOnlyAdmin):
    list_display = ["agenda_item", "municipality", "previous_choice", "choice", "user", "at"]
