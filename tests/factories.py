import datetime as dt
from decimal import Decimal

import factory
from djmoney.money import Money

from core.models import Membership, Municipality, Organisation, Provider, Region
from core.roles import Role
from core.services import membership_set, user_create_or_update
from fund.models import BudgetAmount, BudgetCircular, BudgetDomain, Fund, Tranche


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")
    landsdeel = "Zuid-West"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    region = factory.SubFactory(RegionFactory)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Aanbieder {n}")
    slug = factory.Sequence(lambda n: f"aanbieder-{n}")
    region = factory.SubFactory(RegionFactory)


class BudgetDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetDomain
        django_get_or_create = ["code"]

    code = "regionaal"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class BudgetCircularFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetCircular

    name = factory.Sequence(lambda n: f"Meicirculaire {2016 + n}")
    slug = factory.Sequence(lambda n: f"meicirculaire-{2016 + n}")
    published_year = 2016


class BudgetAmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetAmount

    circular = factory.SubFactory(BudgetCircularFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    budget_year = 2016
    domain = factory.SubFactory(BudgetDomainFactory)
    amount = Money(Decimal("1000000"), "EUR")


def default_organisation() -> Organisation:
    """The office that manages the funds the factories make unless a test says otherwise; the
    TWO users that make_user makes work for it (tests of one organisation need not name it)."""
    organisation, _ = Organisation.objects.get_or_create(
        slug="two-testregio",
        defaults={"name": "TWO Jeugdhulp Testregio", "kind": Organisation.Kind.OFFICE},
    )
    return organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"TWO Jeugdhulp Regio {n}")
    slug = factory.Sequence(lambda n: f"two-regio-{n}")
    kind = Organisation.Kind.OFFICE


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    name = factory.Sequence(lambda n: f"Fonds {n}")
    slug = factory.Sequence(lambda n: f"fonds-{n}")
    kind = Fund.Kind.REGIONAL
    region = factory.SubFactory(RegionFactory)
    term_start = dt.date(2016, 7, 1)
    term_end = dt.date(2019, 12, 31)
    letterhead_name = "Regio Testland, TWO Jeugdhulp"
    deciding_body = "het dagelijks bestuur van Regio Testland"
    letterhead_address = "Postbus 1\n1000 AA Testdorp"
    legal_ground = "Regeling Testfonds Jeugdhulp, artikel 4"
    managed_by = factory.LazyFunction(default_organisation)

    class Params:
        spuk = factory.Trait(
            kind=Fund.Kind.SPUK,
            region=None,
            landsdeel="Zuid-West",
            coordinating_municipality=factory.SubFactory(MunicipalityFactory),
            term_start=dt.date(2020, 1, 1),
            term_end=dt.date(2022, 12, 31),
        )


class TrancheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tranche

    fund = factory.SubFactory(FundFactory)
    year = 2016
    amount = Money(Decimal("1000000"), "EUR")


def make_user(username: str, role: Role, *, organisations=None, **links):
    """A user in `role`; TWO staff work for `organisations` (default: the factories' office)."""
    user = user_create_or_update(username=username, role=role, password="pw-" + username, **links)
    if role == Role.TWO:
        for organisation in (
            organisations if organisations is not None else [default_organisation()]
        ):
            membership_set(organisation=organisation, member=user, role=Membership.Role.STAFF)
    return user
