from decimal import Decimal

import pytest
from django.urls import reverse
from djmoney.money import Money

from core.roles import Role
from proposals.models import MatrixCell, Proposal, RequestedAmount
from tests.factories import FundFactory, ProviderFactory, RegionFactory, make_user
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def rows(page: str) -> list[str]:
    body = page.split('data-testid="proposals"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [r for r in body.split("<tr>")[1:]]


def test_each_row_shows_link_fund_applicants_status_matrix_and_amount(client_as):
    fund = FundFactory(name="Tijdelijk Fonds")
    proposal = ProposalFactory(
        fund=fund, reference="V-TF-2017-001", title="Thuis <b>behandelen</b>", status="screened"
    )
    proposal.applicants.set([ProviderFactory(name="Zorg B"), ProviderFactory(name="Zorg A")])
    MatrixCell.objects.bulk_create(
        [
            MatrixCell(proposal=proposal, row=1, column=1),
            MatrixCell(proposal=proposal, row=2, column=2),
        ]
    )
    RequestedAmount.objects.create(
        proposal=proposal, year=2017, amount=Money(Decimal("1000.50"), "EUR")
    )
    RequestedAmount.objects.create(
        proposal=proposal, year=2018, amount=Money(Decimal("234.00"), "EUR")
    )
    [row] = rows(
        client_as(make_user("two-list", Role.TWO)).get(reverse("proposals:list")).content.decode()
    )
    assert "<td>V-TF-2017-001</td>" in row
    assert (
        f'href="{reverse("proposals:detail", args=[proposal.pk])}">Thuis &lt;b&gt;behandelen&lt;/b&gt;</a>'
        in row
    )
    assert "<td>Tijdelijk Fonds</td>" in row and "<td>Zorg A, Zorg B</td>" in row
    assert '<span class="jf-badge jf-badge--amber">Getoetst</span>' in row
    assert "<td>voldoet</td>" in row
    assert '<td class="jf-num">€ 1.234,50</td>' in row  # requested amounts are shown to the cent
    detail = client_as(make_user("two-detail", Role.TWO)).get(
        reverse("proposals:detail", args=[proposal.pk])
    )
    assert "2017: € 1.000,50; 2018: € 234,00" in detail.content.decode()


def test_matrix_failure_and_spuk_region_are_shown(client_as):
    one_row = ProposalFactory(fund=FundFactory(), status="submitted")
    one_row.applicants.set([ProviderFactory()])
    MatrixCell.objects.bulk_create(
        [
            MatrixCell(proposal=one_row, row=1, column=1),
            MatrixCell(proposal=one_row, row=1, column=2),
        ]
    )
    spuk = ProposalFactory(
        fund=FundFactory(spuk=True), status="adopted", filing_region=RegionFactory(name="Rijnmond")
    )
    page = (
        client_as(make_user("two-list", Role.TWO)).get(reverse("proposals:list")).content.decode()
    )
    by_reference = {
        p.reference: next(r for r in rows(page) if p.reference in r) for p in (one_row, spuk)
    }
    assert (
        '<span class="jf-badge jf-badge--red">voldoet niet</span>'
        in by_reference[one_row.reference]
    )
    assert "<td>Rijnmond</td>" in by_reference[spuk.reference]
    assert "<td>n.v.t.</td>" in by_reference[spuk.reference]
    assert "jf-badge--green" in by_reference[spuk.reference]
    assert '<td class="jf-num"></td>' in by_reference[spuk.reference]  # nothing requested yet


def test_list_is_paginated_newest_first_and_counts_all(client_as):
    fund = FundFactory()
    for _ in range(51):
        ProposalFactory(fund=fund, status="submitted")
    client = client_as(make_user("two-list", Role.TWO))
    first = client.get(reverse("proposals:list"), {"fonds": fund.slug}).content.decode()
    assert "Voorstellen die u mag inzien (51)" in first
    assert len(rows(first)) == 50 and "Pagina 1 van 2" in first
    oldest = Proposal.objects.order_by("created_at", "pk").first()
    second = client.get(
        reverse("proposals:list"), {"fonds": fund.slug, "pagina": 2}
    ).content.decode()
    assert len(rows(second)) == 1 and oldest.reference in rows(second)[0]


def test_provider_sees_only_own_proposals(client_as):
    provider, other = ProviderFactory(), ProviderFactory()
    own, foreign = ProposalFactory(status="submitted"), ProposalFactory(status="submitted")
    own.applicants.set([provider])
    foreign.applicants.set([other])
    page = (
        client_as(make_user("aanbieder-list", Role.PROVIDER, provider=provider))
        .get(reverse("proposals:list"))
        .content.decode()
    )
    assert "Voorstellen die u mag inzien (1)" in page
    assert own.reference in page and foreign.reference not in page
