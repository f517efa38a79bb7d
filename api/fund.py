"""Funds with their tranches and contributions, and the budget circulars (fund app).

Who sees what is the site's rule: fund.selectors.funds_visible_q for funds and all that belongs to
them, fund.manage_fund (TWO staff) for the circulars, which are national data.
"""

from django.db.models import Prefetch
from django.utils.encoding import smart_str
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from api.etags import ETAG_PARAMETER, NOT_MODIFIED, ETagMixin
from api.fields import NamedRef, money
from api.filters import FUND, YEAR, choice_param, int_param, status_parameter, year_param
from api.params import bad_request
from api.params import money as amount_text
from api.permissions import has_perm
from core.models import Region
from fund import services as fund_services
from fund.exceptions import FileRejected, FundError
from fund.models import BudgetCircular, Contribution, Fund, Tranche
from fund.selectors import funds_visible_q, funds_visible_to

# -- serializers ---------------------------------------------------------------------------------


class MunicipalityRef(NamedRef):
    cbs_code = serializers.CharField(read_only=True)


class ContributionInTrancheSerializer(serializers.Serializer):
    municipality = MunicipalityRef(read_only=True)
    counted_budget = money("counted_budget", help_text="Het meetellende budget (grondslag).")
    amount = money("amount", help_text="De bijdrage van de gemeente.")


class TrancheSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    amount = money("amount")
    status = serializers.ChoiceField(choices=Tranche.Status.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    basis = serializers.CharField(
        source="basis.slug",
        read_only=True,
        allow_null=True,
        help_text="De circulaire (slug) waarop de bijdragen rusten.",
    )
    rounding_unit = serializers.CharField(read_only=True)
    grant_decision_number = serializers.CharField(read_only=True)
    grant_decision_date = serializers.DateField(read_only=True, allow_null=True)


class TrancheWithContributionsSerializer(TrancheSerializer):
    contributions = ContributionInTrancheSerializer(many=True, read_only=True)


class FundSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=Fund.Kind.choices, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    region = NamedRef(read_only=True, allow_null=True)
    landsdeel = serializers.CharField(read_only=True)
    coordinating_municipality = MunicipalityRef(read_only=True, allow_null=True)
    managed_by = NamedRef(read_only=True)
    term_start = serializers.DateField(read_only=True)
    term_end = serializers.DateField(read_only=True)
    sisa_code = serializers.CharField(read_only=True)
    tranches = TrancheSerializer(many=True, read_only=True)


class FundDetailSerializer(FundSerializer):
    tranches = TrancheWithContributionsSerializer(many=True, read_only=True)


class ContributionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fund = serializers.IntegerField(source="tranche.fund_id", read_only=True)
    year = serializers.IntegerField(source="tranche.year", read_only=True)
    tranche_status = serializers.ChoiceField(
        source="tranche.status", choices=Tranche.Status.choices, read_only=True
    )
    municipality = MunicipalityRef(read_only=True)
    counted_budget = money("counted_budget")
    amount = money("amount")

    def to_representation(self, row):
        """Written by hand from ContributionViewSet's values (a page has up to 500 rows, and DRF's
        per-field serialising of nested references cost most of the answer's time); the fields
        above stay for the schema, and the answer is the same."""
        return {
            "id": row["pk"],
            "fund": row["tranche__fund_id"],
            "year": row["tranche__year"],
            "tranche_status": row["tranche__status"],
            "municipality": {
                "id": row["municipality_id"],
                "name": row["municipality__name"],
                "cbs_code": row["municipality__cbs_code"],
            },
            "counted_budget": amount_text(row["counted_budget"]),
            "amount": amount_text(row["amount"]),
        }


class CircularSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    published_year = serializers.IntegerField(read_only=True)
    loaded_at = serializers.DateTimeField(read_only=True)
    source_name = serializers.CharField(read_only=True)


MAX_CIRCULAR_ROWS = 20_000  # 342 municipalities x a few years and domains, with room to spare
CIRCULAR_REFUSED = "De circulaire is niet ingelezen; er is niets opgeslagen."


class CircularRowSerializer(serializers.Serializer):
    """One row as in the upload's file: text or numbers, checked by the upload's own rules."""

    # not required here: a missing value is reported by the upload's rules, as for a file
    cbs_code = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="CBS-code van de gemeente, bijvoorbeeld GM0546.",
    )
    jaar = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Het begrotingsjaar, bijvoorbeeld 2017.",
    )
    domein = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Het domein, bijvoorbeeld jeugd.",
    )
    bedrag = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Het bedrag in euro, als '1234.56' of '1.234,56'.",
    )


class RegionSlugField(serializers.SlugRelatedField):
    """A region by its slug. A slug with a NUL character is no region: refused before the lookup,
    which PostgreSQL would otherwise answer with an error (a 500) instead of "does not exist"."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=smart_str(data))
        return super().to_internal_value(data)


class CircularInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, help_text="Bijvoorbeeld: Meicirculaire 2017.")
    published_year = serializers.IntegerField(min_value=2000, max_value=2100)
    region = RegionSlugField(
        slug_field="slug", queryset=Region.objects.all(), help_text="De regio (slug)."
    )
    rows = serializers.ListField(
        child=CircularRowSerializer(), allow_empty=False, max_length=MAX_CIRCULAR_ROWS
    )

    def validate_name(self, name: str) -> str:
        name = name.strip()
        if (
            BudgetCircular.objects.filter(name=name).exists()
            or BudgetCircular.objects.filter(slug=slugify(name)).exists()
        ):
            raise serializers.ValidationError("Er bestaat al een circulaire met deze naam.")
        return name


class CircularRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text="Regelnummer in rows, vanaf 1.")
    field = serializers.CharField(allow_blank=True)
    message = serializers.CharField(help_text="De reden, in het Nederlands.")


class CircularRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = CircularRowErrorSerializer(many=True, required=False)
    fields = serializers.DictField(required=False, help_text="Fouten per veld van het verzoek.")


# -- views ---------------------------------------------------------------------------------------


def _tranches():
    return Tranche.objects.select_related("basis").order_by("year")


@extend_schema_view(
    list=extend_schema(
        summary="Fondsen",
        parameters=[YEAR, ETAG_PARAMETER],
        responses={200: FundSerializer(many=True), 304: NOT_MODIFIED},
    ),
    retrieve=extend_schema(
        summary="Een fonds met zijn tranches en de bijdragen per gemeente",
        parameters=[ETAG_PARAMETER],
        responses={200: FundDetailSerializer, 304: NOT_MODIFIED},
    ),
)
class FundViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The funds the token's user sees, as on the site (fund.selectors.funds_visible_q)."""

    permission_classes = [has_perm("fund.view_fund_list")]

    def get_serializer_class(self):
        return FundDetailSerializer if self.action == "retrieve" else FundSerializer

    def get_queryset(self):
        funds = funds_visible_to(self.request.user).select_related("managed_by")
        year = year_param(self.request)
        if year is not None:
            funds = funds.filter(term_start__year__lte=year, term_end__year__gte=year)
        if self.action == "retrieve":
            contributions = Contribution.objects.select_related("municipality").order_by(
                "municipality__name", "municipality__cbs_code"
            )
            tranches = _tranches().prefetch_related(Prefetch("contributions", contributions))
        else:
            tranches = _tranches()
        return funds.prefetch_related(Prefetch("tranches", tranches)).order_by(
            "term_start", "name", "pk"
        )


@extend_schema_view(
    list=extend_schema(
        summary="Bijdragen van gemeenten per tranche",
        parameters=[FUND, YEAR, status_parameter(Tranche.Status.values), ETAG_PARAMETER],
        responses={200: ContributionSerializer(many=True), 304: NOT_MODIFIED},
    ),
)
class ContributionViewSet(ETagMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """What each municipality contributes to each tranche of the funds the user sees."""

    permission_classes = [has_perm("fund.view_fund_list")]
    serializer_class = ContributionSerializer

    def get_queryset(self):
        rows = Contribution.objects.filter(
            tranche__fund__in=Fund.objects.filter(funds_visible_q(self.request.user)).values("pk")
        )
        fund = int_param(self.request, "fund")
        if fund is not None:
            rows = rows.filter(tranche__fund=fund)
        year = year_param(self.request)
        if year is not None:
            rows = rows.filter(tranche__year=year)
        status = choice_param(self.request, "status", Tranche.Status.values)
        if status is not None:
            rows = rows.filter(tranche__status=status)
        return rows.order_by(
            "tranche__fund_id", "tranche__year", "municipality__name", "pk"
        ).values(
            "pk",
            "tranche__fund_id",
            "tranche__year",
            "tranche__status",
            "municipality_id",
            "municipality__name",
            "municipality__cbs_code",
            "counted_budget",
            "amount",
        )


@extend_schema_view(
    list=extend_schema(summary="Circulaires (gemeentefonds)", parameters=[YEAR]),
    retrieve=extend_schema(summary="Een circulaire"),
    create=extend_schema(
        summary="Een nieuwe circulaire vastleggen",
        description=(
            "De bedragen per gemeente, jaar en domein, met dezelfde regels als het uploaden van "
            "een bestand: elke gemeente van de regio heeft een rij voor elk jaar en domein. Bij "
            "een fout wordt niets opgeslagen en noemt het antwoord elke rij en elk veld."
        ),
        request=CircularInputSerializer,
        responses={201: CircularSerializer, 400: CircularRefusedSerializer},
    ),
)
class CircularViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The budget circulars the funds rest on: national data, for TWO staff (fund.manage_fund),
    who may also record a new one as JSON (fund.services.circular_record)."""

    permission_classes = [has_perm("fund.manage_fund")]
    serializer_class = CircularSerializer

    def create(self, request, *args, **kwargs):
        head = CircularInputSerializer(data=request.data)
        if not head.is_valid():
            raise bad_request(CIRCULAR_REFUSED, fields=head.errors)
        data = head.validated_data
        try:
            circular = fund_services.circular_record(
                name=data["name"],
                slug=slugify(data["name"]),
                published_year=data["published_year"],
                region=data["region"],
                records=data["rows"],
                user=request.user,
            )
        except FileRejected as exc:
            errors = [
                {"row": line, "field": column, "message": reason}
                for _, line, column, reason in exc.errors
            ]
            raise bad_request(CIRCULAR_REFUSED, errors=errors) from None
        except FundError as exc:
            raise bad_request(
                CIRCULAR_REFUSED, errors=[{"row": None, "field": "", "message": exc.message}]
            ) from None
        return Response(CircularSerializer(circular).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        circulars = BudgetCircular.objects.order_by("-published_year", "name")
        year = year_param(self.request)
        if year is not None:
            circulars = circulars.filter(published_year=year)
        return circulars
