"""The fund's journal lines, the SPUK budget division and the SPUK verantwoording (SiSa) as the JSON
API serves them.

Who sees them is the site's rule: the journal is read by whoever keeps the fund's books
(`accounting.manage_books`: TWO staff of the organisation that manages the fund, and for a SPUK its
coordinating municipality), the SPUK division and verantwoording by whoever manages the SPUK
(`accounting.manage_spuk`). The funds are those the user sees (`fund.selectors.funds_visible_to`),
each asked the same `rules` permission as the page; another organisation's fund is a 404, a list
filtered to it is empty. The figures come from the same selectors as the pages and the exports.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from accounting import rules as division_rules
from accounting.models import Account, EntryKind, JournalLine, SpukBudgetDivision
from accounting.selectors.spuk import spuk_verantwoording
from api.allocations.serializers import DetailSerializer, RefSerializer
from api.etags import ETAG_PARAMETER, NOT_MODIFIED, ETagMixin
from api.filters import FUND, YEAR, choice_param, int_param, year_param
from api.params import money, ref
from fund.models import Fund, Tranche
from fund.selectors import funds_visible_to

ACCOUNT = OpenApiParameter(
    "account", str, enum=Account.Code.values, description="Alleen deze rekening."
)
KIND = OpenApiParameter(
    "kind", str, enum=EntryKind.values, description="Alleen boekingen van deze soort."
)


def fund_ids_with(user, perm: str) -> list[int]:
    """The funds the user sees on which the user has `perm`, asked fund by fund as the pages ask it."""
    return [fund.pk for fund in funds_visible_to(user) if user.has_perm(perm, fund)]


def fund_with(user, perm: str, pk: int) -> Fund:
    fund = Fund.objects.select_related("region", "coordinating_municipality").filter(pk=pk).first()
    if fund is None or not user.has_perm(perm, fund):
        raise Http404("Fonds niet gevonden")
    return fund


# --- journal lines ------------------------------------------------------------------------------


class JournalLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    entry = serializers.IntegerField(help_text="De journaalpost.")
    fund = serializers.IntegerField(help_text="Id van het fonds.")
    booked_on = serializers.DateField()
    kind = serializers.ChoiceField(EntryKind.choices)
    description = serializers.CharField(allow_blank=True)
    reverses = serializers.IntegerField(allow_null=True, help_text="De post die deze tegenboekt.")
    account = serializers.ChoiceField(Account.Code.choices)
    amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="Debet positief, credit negatief."
    )
    year = serializers.IntegerField(help_text="Het begrotingsjaar van het fonds.")
    municipality = serializers.CharField(allow_null=True, help_text="CBS-code van de gemeente.")
    award = serializers.CharField(allow_null=True, help_text="Beschikkingsnummer.")
    budget_request = serializers.IntegerField(allow_null=True, help_text="PxQ-aanvraag.")
    spuk_budget_line = serializers.IntegerField(allow_null=True)

    def to_representation(self, line):
        return {
            "id": line["pk"],
            "entry": line["entry_id"],
            "fund": line["entry__fund_id"],
            "booked_on": line["entry__booked_on"].isoformat(),
            "kind": line["entry__kind"],
            "description": line["entry__description"],
            "reverses": line["entry__reverses_id"],
            "account": line["account__code"],
            "amount": money(line["amount"]),
            "year": line["year"],
            "municipality": line["municipality__cbs_code"],
            "award": line["award__number"],
            "budget_request": line["budget_request_id"],
            "spuk_budget_line": line["budget_line_id"],
        }


@extend_schema(
    summary="Journaalregels van de fondsen waarvan u de boeken bijhoudt",
    parameters=[FUND, YEAR, ACCOUNT, KIND, ETAG_PARAMETER],
    responses={200: JournalLineSerializer(many=True), 304: NOT_MODIFIED},
)
class JournalLineList(ETagMixin, generics.ListAPIView):
    serializer_class = JournalLineSerializer

    def get_queryset(self):
        params = self.request
        lines = JournalLine.objects.filter(
            entry__fund__in=fund_ids_with(self.request.user, "accounting.manage_books")
        )
        if (fund := int_param(params, "fund")) is not None:
            lines = lines.filter(entry__fund=fund)
        if (year := year_param(params)) is not None:
            lines = lines.filter(year=year)
        if (account := choice_param(params, "account", Account.Code.values)) is not None:
            lines = lines.filter(account__code=account)
        if (kind := choice_param(params, "kind", EntryKind.values)) is not None:
            lines = lines.filter(entry__kind=kind)
        return lines.values(
            "pk",
            "entry_id",
            "entry__fund_id",
            "entry__booked_on",
            "entry__kind",
            "entry__description",
            "entry__reverses_id",
            "account__code",
            "amount",
            "year",
            "municipality__cbs_code",
            "award__number",
            "budget_request_id",
            "budget_line_id",
        ).order_by("entry_id", "pk")


# --- SPUK division ------------------------------------------------------------------------------


class DivisionLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    part = serializers.CharField(help_text="Onderdeel (seed 004 §6.4), bijvoorbeeld 1a of 2.")
    part_label = serializers.CharField()
    label = serializers.CharField()
    region = RefSerializer(allow_null=True, help_text="De jeugdhulpregio.")
    project = serializers.CharField(allow_null=True, help_text="Nummer van het project (voorstel).")
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField()
    message = serializers.CharField()
    blocking = serializers.BooleanField(
        help_text="Zonder correctie kan de verdeling niet worden vastgesteld."
    )


class DivisionSerializer(serializers.Serializer):
    fund = RefSerializer()
    year = serializers.IntegerField()
    status = serializers.ChoiceField(SpukBudgetDivision.Status.choices)
    adopted_at = serializers.DateTimeField(allow_null=True)
    grant = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="De uitkering van het jaar."
    )
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    deviation_note = serializers.CharField(allow_blank=True)
    lines = DivisionLineSerializer(many=True)
    findings = FindingSerializer(
        many=True, help_text="De controles van de verdeling (10%-regels, totaal)."
    )

    def to_representation(self, division):
        lines = list(division.lines.all())
        grant = division.grant
        findings = division_rules.division_findings(
            grant=grant, lines=[(line.part, line.amount.amount) for line in lines]
        )
        return {
            "fund": ref(division.fund_id, division.fund.name),
            "year": division.year,
            "status": division.status,
            "adopted_at": (
                division.adopted_at.isoformat().replace("+00:00", "Z")
                if division.adopted_at
                else None
            ),
            "grant": money(grant),
            "total": money(sum((line.amount.amount for line in lines), start=Decimal(0))),
            "deviation_note": division.deviation_note,
            "lines": [
                {
                    "id": line.pk,
                    "part": line.part,
                    "part_label": line.get_part_display(),
                    "label": line.label,
                    "region": ref(line.region_id, line.region.name) if line.region_id else None,
                    "project": line.proposal.reference if line.proposal_id else None,
                    "amount": money(line.amount),
                }
                for line in lines
            ],
            "findings": [
                {"rule": f.rule, "message": f.message, "blocking": f.blocking} for f in findings
            ],
        }


@extend_schema(
    summary="De SPUK-begrotingsverdeling per jaar, met haar controles",
    parameters=[FUND, YEAR, ETAG_PARAMETER],
    responses={200: DivisionSerializer(many=True), 304: NOT_MODIFIED},
)
class SpukDivisionList(ETagMixin, generics.ListAPIView):
    serializer_class = DivisionSerializer

    def get_queryset(self):
        params = self.request
        divisions = SpukBudgetDivision.objects.filter(
            fund__in=fund_ids_with(self.request.user, "accounting.manage_spuk")
        )
        if (fund := int_param(params, "fund")) is not None:
            divisions = divisions.filter(fund=fund)
        if (year := year_param(params)) is not None:
            divisions = divisions.filter(year=year)
        return (
            divisions.select_related("fund")
            .prefetch_related("lines__region", "lines__proposal")
            .order_by("fund__name", "year")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        divisions = list(page if page is not None else self.get_queryset())
        grants = {
            (t.fund_id, t.year): t.amount.amount
            for t in Tranche.objects.filter(fund__in={d.fund_id for d in divisions})
        }
        for division in divisions:
            division.grant = grants.get((division.fund_id, division.year), Decimal(0))
        data = DivisionSerializer(divisions, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


# --- SPUK verantwoording (SiSa) -----------------------------------------------------------------


class SisaRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="De begrotingsregel van de verdeling.")
    awards = serializers.CharField(
        allow_blank=True, help_text="Beschikkingsnummers van het project."
    )
    grant_year = serializers.IntegerField()
    part = serializers.CharField()
    label = serializers.CharField()
    region = serializers.CharField(allow_blank=True)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent_year = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="Besteding (jaar T)."
    )
    cumulative = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="Cumulatieve besteding (t/m jaar T)."
    )
    not_spent = serializers.DecimalField(max_digits=16, decimal_places=2)
    final = serializers.BooleanField(help_text="Eindverantwoording (Ja/Nee).")
    deviates = serializers.BooleanField(help_text="Besteding wijkt meer dan 10% af van het budget.")
    explanation = serializers.CharField(allow_blank=True)


class SisaDecisionSerializer(serializers.Serializer):
    grant_year = serializers.IntegerField()
    number = serializers.CharField(
        allow_blank=True, help_text="Nummer van de beschikking van het Rijk."
    )
    date = serializers.DateField(allow_null=True)
    granted = serializers.DecimalField(max_digits=16, decimal_places=2)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent_year = serializers.DecimalField(max_digits=16, decimal_places=2)
    cumulative = serializers.DecimalField(max_digits=16, decimal_places=2)
    not_spent = serializers.DecimalField(max_digits=16, decimal_places=2)
    final = serializers.BooleanField()
    explanation = serializers.CharField(allow_blank=True)


class VerantwoordingSerializer(serializers.Serializer):
    fund = RefSerializer()
    year = serializers.IntegerField()
    sisa_code = serializers.CharField()
    decisions = SisaDecisionSerializer(
        many=True, help_text="Een regel per beschikking (de SiSa-bijlage)."
    )
    rows = SisaRowSerializer(many=True, help_text="Per beschikking de begrotingsregels.")
    totals = serializers.DictField(child=serializers.DecimalField(max_digits=16, decimal_places=2))

    def to_representation(self, sisa):
        return {
            "fund": ref(sisa.fund.pk, sisa.fund.name),
            "year": sisa.year,
            "sisa_code": sisa.sisa_code,
            "decisions": [
                {
                    "grant_year": d.grant_year,
                    "number": d.number,
                    "date": d.date.isoformat() if d.date else None,
                    "granted": money(d.granted),
                    "budget": money(d.budget),
                    "spent_year": money(d.spent_year),
                    "cumulative": money(d.cumulative),
                    "not_spent": money(d.not_spent),
                    "final": d.final,
                    "explanation": d.explanation,
                }
                for d in sisa.decisions
            ],
            "rows": [
                {
                    "line": r.line_id,
                    "awards": r.awards,
                    "grant_year": r.grant_year,
                    "part": r.part,
                    "label": r.label,
                    "region": r.region,
                    "budget": money(r.budget),
                    "spent_year": money(r.spent_year),
                    "cumulative": money(r.cumulative),
                    "not_spent": money(r.not_spent),
                    "final": r.final,
                    "deviates": r.deviates,
                    "explanation": r.explanation,
                }
                for r in sisa.rows
            ],
            "totals": {name: money(value) for name, value in sisa.totals.items()},
        }


@extend_schema(
    summary="De SPUK-verantwoording (SiSa) van een jaar: per beschikking en per begrotingsregel",
    parameters=[ETAG_PARAMETER],
    responses={200: VerantwoordingSerializer, 304: NOT_MODIFIED, 404: DetailSerializer},
)
class SpukVerantwoording(ETagMixin, generics.RetrieveAPIView):
    serializer_class = VerantwoordingSerializer

    def get_object(self):
        fund = fund_with(self.request.user, "accounting.manage_spuk", self.kwargs["fund"])
        if fund.kind != Fund.Kind.SPUK:
            raise Http404("Geen SPUK")
        return spuk_verantwoording(fund, self.kwargs["year"])
