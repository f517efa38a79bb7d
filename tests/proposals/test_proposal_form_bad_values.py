"""The proposal form refuses what no page offers with a Dutch message on the form (issue 12, found by
tests/corpus/test_bad_forms_proposals_fund.py): an applicant id larger than the database's ids was a
500 (an OverflowError from the `pk__in` query), and a matrix cell that is no cell was refused without
a word on the page."""

import html

import pytest
from django.urls import reverse

from core.roles import Role
from proposals.models import Proposal
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import regional_fund_with_municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(client_as):
    fund, _ = regional_fund_with_municipalities(2)
    provider = ProviderFactory()
    client = client_as(make_user("aanbieder-form", Role.PROVIDER, provider=provider))
    client.raise_request_exception = False
    values = {
        "title": "Voorstel",
        "summary": "Kort.",
        "contact": "A. Bakker",
        "cells": ["1-1", "2-2"],
    }
    return client, reverse("proposals:create", args=[fund.slug]), values, provider


@pytest.mark.parametrize(
    "applicant", ["99999999999999999999", "9" * 100_000, "-1", "1.5", "١٢", "=1+1"]
)
def test_an_applicant_that_is_no_id_is_refused_in_dutch(form, applicant):
    client, url, values, _ = form
    response = client.post(url, {**values, "applicants": [applicant]})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "is geen geldige waarde" in page
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("cell", ["9-9", "0-0", "abc", ""])
def test_a_matrix_cell_that_is_no_cell_is_refused_on_the_page(form, cell):
    client, url, values, _ = form
    response = client.post(url, {**values, "cells": ["1-1", cell]})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f"Selecteer een geldige keuze. {cell} is geen beschikbare keuze." in page
    assert not Proposal.objects.exists()


def test_the_own_provider_and_a_real_applicant_are_accepted(form):
    client, url, values, provider = form
    other = ProviderFactory()
    assert client.post(url, {**values, "applicants": [str(other.pk)]}).status_code == 302
    assert set(Proposal.objects.get().applicants.all()) == {provider, other}
