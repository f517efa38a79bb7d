"""Proposals with their matrix and status, meetings with their decisions and tallies, awards with
their decision letters (proposals app).

Who sees what is the site's rule: proposals.selectors.proposals_visible_q for proposals and their
awards, proposals.meeting_selectors.meeting_list (the funds a user sees) for meetings, and the meeting roles
of proposals.permissions (view_meeting_list) for the meeting list. A record outside them is 404.
"""

from fractions import Fraction

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from api.etags import ETAG_PARAMETER, NOT_MODIFIED, ETagMixin
from api.fields import NamedRef, money
from api.filters import FUND, PROVIDER, YEAR, choice_param, int_param, status_parameter, year_param
from api.permissions import has_perm
from core.models import Provider
from proposals.meeting_selectors import meeting_list, vote_result
from proposals.models import (
    AgendaItem,
    Award,
    Decision,
    DecisionLetter,
    Meeting,
    Proposal,
    RequestedAmount,
    Transition,
)
from proposals.rules import MATRIX_COLUMNS, MATRIX_ROWS, matrix_rule_ok
from proposals.selectors import proposals_visible_q, proposals_visible_to


@extend_schema_field(
    {"type": "string", "nullable": True, "example": "2/3", "pattern": r"^\d+/\d+$"}
)
class FractionField(serializers.Field):
    """An exact share as "numerator/denominator" (a vote weight, a quorum); never a float."""

    def to_representation(self, value: Fraction | None):
        return None if value is None else f"{value.numerator}/{value.denominator}"


# -- proposals -----------------------------------------------------------------------------------


class MatrixCellSerializer(serializers.Serializer):
    row = serializers.IntegerField(read_only=True)
    row_label = serializers.SerializerMethodField()
    column = serializers.IntegerField(read_only=True)
    column_label = serializers.SerializerMethodField()

    def get_row_label(self, cell) -> str:
        return MATRIX_ROWS[cell.row]

    def get_column_label(self, cell) -> str:
        return MATRIX_COLUMNS[cell.column]


class MatrixSerializer(serializers.Serializer):
    cells = MatrixCellSerializer(many=True, read_only=True)
    rule_ok = serializers.BooleanField(
        read_only=True,
        help_text="De cellen beslaan minstens twee rijen en twee kolommen (de matrixregel).",
    )


class RequestedAmountSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    amount = money("amount")


class DecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices, read_only=True)
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    rule = serializers.ChoiceField(choices=Decision.Rule.choices, read_only=True)
    rule_display = serializers.CharField(source="get_rule_display", read_only=True)
    date = serializers.DateField(read_only=True, allow_null=True)
    yes_share = FractionField(read_only=True, help_text="Het aandeel voor, van de grondslag.")
    basis = serializers.CharField(read_only=True)
    basis_label = serializers.CharField(read_only=True)
    quorum = FractionField(read_only=True)
    members = serializers.IntegerField(read_only=True, allow_null=True)
    voters = serializers.IntegerField(read_only=True, allow_null=True)
    turnout_share = FractionField(read_only=True)


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    fund = serializers.IntegerField(source="fund_id", read_only=True)
    status = serializers.ChoiceField(choices=Proposal.Status.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    applicants = NamedRef(many=True, read_only=True)
    filing_region = NamedRef(read_only=True, allow_null=True)
    requested_amounts = RequestedAmountSerializer(many=True, read_only=True)
    matrix = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(MatrixSerializer)
    def get_matrix(self, proposal):
        cells = list(proposal.cells.all())
        return MatrixSerializer(
            {"cells": cells, "rule_ok": matrix_rule_ok((c.row, c.column) for c in cells)}
        ).data

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, proposal):
        decision = getattr(proposal, "decision", None)
        return DecisionSerializer(decision).data if decision is not None else None


class TransitionSerializer(serializers.Serializer):
    from_status = serializers.ChoiceField(choices=Proposal.Status.choices, read_only=True)
    to_status = serializers.ChoiceField(choices=Proposal.Status.choices, read_only=True)
    at = serializers.DateTimeField(read_only=True)
    note = serializers.CharField(read_only=True)


class ProposalDetailSerializer(ProposalSerializer):
    summary = serializers.CharField(read_only=True)
    contact = serializers.CharField(read_only=True)
    transitions = TransitionSerializer(many=True, read_only=True)


def _proposals(user):
    return (
        proposals_visible_to(user)
        .select_related("filing_region", "decision")
        .prefetch_related(
            Prefetch("applicants", Provider.objects.order_by("name")),
            "cells",
            Prefetch("requested_amounts", RequestedAmount.objects.order_by("year")),
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="Voorstellen met matrix en status",
        parameters=[
            FUND,
            YEAR,
            status_parameter(Proposal.Status.values),
            PROVIDER,
            ETAG_PARAMETER,
        ],
        responses={200: ProposalSerializer(many=True), 304: NOT_MODIFIED},
    ),
    retrieve=extend_schema(
        summary="Een voorstel met zijn statusgeschiedenis",
        responses={200: ProposalDetailSerializer},
    ),
)
class ProposalViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The proposals the token's user sees, as on the site (proposals_visible_q). `year`: a year
    for which an amount is requested; `provider`: an applicant."""

    permission_classes = [has_perm("proposals.view_proposal_list")]

    def get_serializer_class(self):
        return ProposalDetailSerializer if self.action == "retrieve" else ProposalSerializer

    def get_queryset(self):
        proposals = _proposals(self.request.user)
        if self.action == "retrieve":
            return proposals.prefetch_related(
                Prefetch("transitions", Transition.objects.order_by("at", "pk"))
            )
        fund = int_param(self.request, "fund")
        if fund is not None:
            proposals = proposals.filter(fund=fund)
        status = choice_param(self.request, "status", Proposal.Status.values)
        if status is not None:
            proposals = proposals.filter(status=status)
        year = year_param(self.request)
        if year is not None:
            proposals = proposals.filter(
                pk__in=RequestedAmount.objects.filter(year=year).values("proposal")
            )
        provider = int_param(self.request, "provider")
        if provider is not None:
            proposals = proposals.filter(
                pk__in=Proposal.applicants.through.objects.filter(provider=provider).values(
                    "proposal"
                )
            )
        return proposals.order_by("-created_at", "-pk")


# -- meetings ------------------------------------------------------------------------------------


class AgendaItemSerializer(serializers.Serializer):
    position = serializers.IntegerField(read_only=True)
    proposal = serializers.IntegerField(source="proposal_id", read_only=True)
    proposal_reference = serializers.CharField(source="proposal.reference", read_only=True)
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    decision = serializers.SerializerMethodField()

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, item):
        decision = getattr(item, "decision", None)
        return DecisionSerializer(decision).data if decision is not None else None


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fund = serializers.IntegerField(source="fund_id", read_only=True)
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    date = serializers.DateField(read_only=True)
    title = serializers.CharField(read_only=True)
    items = AgendaItemSerializer(many=True, read_only=True)


class VoteSerializer(serializers.Serializer):
    municipality = serializers.IntegerField(source="municipality_id", read_only=True)
    name = serializers.CharField(read_only=True)
    weight = FractionField(read_only=True, help_text="Het stemgewicht: aandeel in het geheel.")
    choice = serializers.CharField(read_only=True, allow_null=True)
    choice_label = serializers.CharField(read_only=True)


class TallySerializer(serializers.Serializer):
    adopted = serializers.BooleanField(read_only=True)
    consensus = serializers.BooleanField(read_only=True)
    rule = serializers.CharField(read_only=True)
    yes_share = FractionField(read_only=True)
    yes_weight = FractionField(read_only=True)
    no_weight = FractionField(read_only=True)
    abstain_weight = FractionField(read_only=True)
    votes_cast = serializers.IntegerField(read_only=True)
    members = serializers.IntegerField(read_only=True)


class AgendaItemWithTallySerializer(AgendaItemSerializer):
    tally = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()

    def _result(self, item):
        if item.meeting.kind != Meeting.Kind.PHO_MAATSCHAPPIJ:
            return None
        if not hasattr(item, "_api_vote_result"):
            item._api_vote_result = vote_result(item)
        return item._api_vote_result

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_tally(self, item):
        result = self._result(item)
        return TallySerializer(result.tally).data if result else None

    @extend_schema_field(VoteSerializer(many=True))
    def get_votes(self, item):
        result = self._result(item)
        return VoteSerializer(result.rows, many=True).data if result else []


class MeetingDetailSerializer(MeetingSerializer):
    items = AgendaItemWithTallySerializer(many=True, read_only=True)


@extend_schema_view(
    list=extend_schema(
        summary="Vergaderingen met hun besluiten",
        parameters=[FUND, YEAR, ETAG_PARAMETER],
        responses={200: MeetingSerializer(many=True), 304: NOT_MODIFIED},
    ),
    retrieve=extend_schema(
        summary="Een vergadering met per agendapunt het besluit, de telling en de stemmen",
        responses={200: MeetingDetailSerializer},
    ),
)
class MeetingViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings of the funds the user sees, for the meeting roles (proposals.view_meeting_list)."""

    permission_classes = [has_perm("proposals.view_meeting_list")]

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_queryset(self):
        year = year_param(self.request) if self.action == "list" else None
        meetings = meeting_list(self.request.user, year=year)
        fund = int_param(self.request, "fund") if self.action == "list" else None
        if fund is not None:
            meetings = meetings.filter(fund=fund)
        items = AgendaItem.objects.select_related("proposal", "decision").order_by("position", "pk")
        return meetings.prefetch_related(Prefetch("items", items))

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        for item in meeting.items.all():
            item.meeting = meeting  # vote_result reads the meeting and its fund
        return Response(self.get_serializer(meeting).data)


# -- awards and letters --------------------------------------------------------------------------


class LetterSerializer(serializers.Serializer):
    version = serializers.IntegerField(read_only=True)
    corrects_version = serializers.IntegerField(
        source="corrects.version", read_only=True, allow_null=True
    )
    correction_reason = serializers.CharField(read_only=True)
    addressee = serializers.CharField(read_only=True)
    signatory = serializers.CharField(read_only=True)
    issued_at = serializers.DateTimeField(read_only=True)
    sha256 = serializers.CharField(read_only=True, help_text="De SHA-256 van de PDF.")
    pdf = serializers.SerializerMethodField(
        help_text="De PDF van de brief, zoals de site die levert."
    )

    def get_pdf(self, letter) -> str:
        path = reverse(
            "proposals:letter_pdf",
            args=[letter.award.proposal_id, letter.award.number, letter.version],
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AwardSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    number = serializers.CharField(read_only=True)
    proposal = serializers.IntegerField(source="proposal_id", read_only=True)
    proposal_reference = serializers.CharField(source="proposal.reference", read_only=True)
    fund = serializers.IntegerField(source="proposal.fund_id", read_only=True)
    year = serializers.IntegerField(read_only=True)
    amount = money("amount")
    period_start = serializers.DateField(read_only=True)
    period_end = serializers.DateField(read_only=True)
    advance_percent = serializers.IntegerField(read_only=True, allow_null=True)
    report_due = serializers.DateField(read_only=True, allow_null=True)
    awarded_at = serializers.DateTimeField(read_only=True)
    letters = LetterSerializer(many=True, read_only=True)


@extend_schema_view(
    list=extend_schema(
        summary="Toekenningen met hun beschikkingen",
        parameters=[FUND, YEAR, PROVIDER, ETAG_PARAMETER],
        responses={200: AwardSerializer(many=True), 304: NOT_MODIFIED},
    ),
    retrieve=extend_schema(summary="Een toekenning met haar beschikkingen"),
)
class AwardViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Awards of the proposals the user sees (proposals_visible_q), with every letter issued."""

    permission_classes = [has_perm("proposals.view_proposal_list")]
    serializer_class = AwardSerializer

    def get_queryset(self):
        awards = Award.objects.filter(
            proposal__in=Proposal.objects.filter(proposals_visible_q(self.request.user)).values(
                "pk"
            )
        ).select_related("proposal")
        if self.action == "list":
            fund = int_param(self.request, "fund")
            if fund is not None:
                awards = awards.filter(proposal__fund=fund)
            year = year_param(self.request)
            if year is not None:
                awards = awards.filter(year=year)
            provider = int_param(self.request, "provider")
            if provider is not None:
                awards = awards.filter(
                    proposal__in=Proposal.applicants.through.objects.filter(
                        provider=provider
                    ).values("proposal")
                )
        letters = (
            DecisionLetter.objects.select_related("award", "corrects")
            .defer("pdf", "corrects__pdf", "award__conditions")
            .order_by("version", "pk")
        )
        return awards.prefetch_related(Prefetch("letters", letters)).order_by("number", "pk")
