"""The proposal list and the vote page read a proposal's matrix in the query of its row
(selectors.cells_mask); the database's number must be the proposal's cells on SQLite and PostgreSQL."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db.models import F
from django.urls import reverse

from core.roles import Role
from proposals import selectors
from proposals.models import MatrixCell, Proposal
from proposals.rules import matrix_cells_of_mask
from proposals.services import meetings as meeting_services
from tests.factories import make_user
from tests.proposals.factories import (
    make_proposal,
    on_pho_agenda,
    regional_fund_with_municipalities,
    screened,
)

pytestmark = pytest.mark.django_db

ALL = [(r, c) for r in (1, 2, 3) for c in (1, 2, 3)]
SUBSETS = [[], [(1, 1)], [(3, 3)], [(1, 3), (2, 1), (3, 2)], [(2, 2), (2, 3)], ALL]


def test_the_database_mask_is_each_proposals_cells():
    fund, _ = regional_fund_with_municipalities()
    made = {}
    for cells in SUBSETS:
        proposal = make_proposal(fund, cells=[(1, 1), (2, 2)])
        MatrixCell.objects.filter(
            proposal=proposal
        ).delete()  # the form asks for cells; data may lack them
        MatrixCell.objects.bulk_create(
            MatrixCell(proposal=proposal, row=r, column=c) for r, c in cells
        )
        made[proposal.pk] = sorted(cells)
    read = dict(
        Proposal.objects.filter(pk__in=made)
        .annotate(mask=selectors.cells_mask())
        .values_list("pk", "mask")
    )
    assert {pk: matrix_cells_of_mask(mask) for pk, mask in read.items()} == made


def test_the_list_shows_the_matrix_rule_of_each_proposal(client_as):
    fund, _ = regional_fund_with_municipalities()
    for title, cells in (("Breed", [(1, 1), (2, 3)]), ("Smal", [(1, 1), (1, 2), (1, 3)])):
        make_proposal(fund, cells=cells, title=title)
    page = (
        client_as(make_user("two-mask", Role.TWO)).get(reverse("proposals:list")).content.decode()
    )
    rows = {
        title: row
        for row in page.split("<tr>")[2:]
        for title in ("Breed", "Smal")
        if f">{title}</a>" in row
    }
    assert "<td>voldoet</td>" in rows["Breed"] and "voldoet niet" not in rows["Breed"]
    assert "voldoet niet" in rows["Smal"]


def test_the_vote_page_marks_exactly_the_proposals_cells(client_as):
    two = make_user("two-mask", Role.TWO)
    fund, _ = regional_fund_with_municipalities()
    proposal = screened(fund, two, cells=[(1, 3), (2, 1), (3, 2)])
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    page = client_as(two).get(reverse("proposals:item", args=[item.pk])).content.decode()
    matrix = page.split('<table class="jf-matrix ')[1].split("</table>")[0]
    assert "(voldoet aan de matrixregel)" in matrix
    body_rows = matrix.split("<tbody>")[1].split("</tr>")[:3]
    marks = [["gedekt" in td for td in re.findall(r"<td.*?</td>", row, re.S)] for row in body_rows]
    assert marks == [[False, False, True], [True, False, False], [False, True, False]]


def test_the_database_total_is_each_proposals_requested_amounts_to_the_cent(client_as):
    fund, _ = regional_fund_with_municipalities()
    asked = {
        "Drie jaren": {2017: Decimal("100000.01"), 2018: Decimal("0.10"), 2019: Decimal("2.99")},
        "Een jaar": {2017: Decimal("12345.67")},
    }
    made = {
        make_proposal(fund, title=title, requested=requested).pk: sum(requested.values())
        for title, requested in asked.items()
    }
    bare = make_proposal(fund, title="Zonder bedrag", requested={})
    read = dict(
        Proposal.objects.filter(pk__in=[*made, bare.pk])
        .annotate(total=selectors.RequestedTotal(F("pk")))
        .values_list("pk", "total")
    )
    assert read == {**made, bare.pk: None}
    assert read[next(iter(made))] == Decimal("100003.10")
    page = (
        client_as(make_user("two-total", Role.TWO)).get(reverse("proposals:list")).content.decode()
    )
    row = next(row for row in page.split("<tr>") if ">Drie jaren</a>" in row)
    assert "100.003,10" in row
