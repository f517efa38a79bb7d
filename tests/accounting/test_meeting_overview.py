"""One fund overview per meeting: made with the meeting from the books (charged, received,
committed, paid, remaining; projects; what changed since the previous meeting), kept unchanged,
and the same on the page, in the PDF and in the XLSX."""

import datetime as dt
import hashlib
from decimal import Decimal
from io import BytesIO

import pytest
from djmoney.money import Money
from openpyxl import load_workbook
from pypdf import PdfReader

from accounting.services.awards import payment_make
from accounting.services.ledger import contribution_receive
from core.roles import Role
from proposals.models import FundOverviewSnapshot
from proposals.services import meetings as meeting_services
from tests.accounting.factories import AwardFactory, committed, funded
from tests.accounting.html import table_rows
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages).split())


def _meeting(fund, two, date, kind="ao_jeugd"):
    return meeting_services.meeting_create(user=two, fund=fund, kind=kind, date=date)


def _year_row(page: str, year: str) -> list[str]:
    return next(row for row in table_rows(page, "table-0") if row[0] == year)


def test_each_meeting_keeps_the_books_of_its_day_and_what_changed_since_the_previous_one(client_as):
    two = make_user("two-mo", Role.TWO)
    fund, _ = funded(amounts={2017: Decimal("300000")}, receive=False)
    first = _meeting(fund, two, dt.date(2017, 3, 9))
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, title="Wijkteams", status="awarded"),
        year=2017,
        amount=Money(Decimal("120000"), "EUR"),
    )
    committed(award)
    for c in fund.tranches.get(year=2017).contributions.all():
        contribution_receive(
            fund=fund, year=2017, municipality=c.municipality, amount=c.amount.amount, user=two
        )
    payment_make(award=award, amount=Decimal("45000"), final=False, user=two)
    second = _meeting(fund, two, dt.date(2017, 9, 14), kind="pho_maatschappij")
    client = client_as(two)

    page = client.get(f"/voorstellen/vergaderingen/{first.pk}/").content.decode()
    # charged, received, exchanged, committed, paid, refunded, remaining as they were on the first day
    assert _year_row(page, "2017")[2:] == [
        "€ 300.000,00",
        "€ 0,00",
        "€ 0,00",
        "€ 0,00",
        "€ 0,00",
        "€ 0,00",
        "€ 300.000,00",
    ]
    assert "Er is nog geen overzicht bij een eerdere vergadering." in page

    page = client.get(f"/voorstellen/vergaderingen/{second.pk}/").content.decode()
    assert _year_row(page, "2017")[2:] == [
        "€ 300.000,00",
        "€ 300.000,00",
        "€ 0,00",
        "€ 120.000,00",
        "€ 45.000,00",
        "€ 0,00",
        "€ 180.000,00",
    ]
    changes = table_rows(page, "table-2")
    assert changes[0] == ["Jaar of project", "Wat", "Was", "Is"]
    assert ["2017", "ontvangen", "€ 0,00", "€ 300.000,00"] in changes
    assert ["2017", "betaald", "€ 0,00", "€ 45.000,00"] in changes
    assert any(row[:2] == [award.proposal.reference, "nieuw project"] for row in changes)
    assert "Wat veranderde sinds AO Jeugd (9-3-2017)" in page
    assert "Nog toe te kennen" in page and "€ 180.000,00" in page

    # the first overview did not change with the later bookings, its PDF neither
    kept = FundOverviewSnapshot.objects.get(meeting=first)
    response = client.get(f"/voorstellen/vergaderingen/{first.pk}/fondsoverzicht.pdf")
    assert hashlib.sha256(response.content).hexdigest() == kept.sha256
    assert "€ 45.000,00" not in pdf_text(response.content)
    assert "€ 45.000,00" in pdf_text(bytes(second.overview.pdf))


def test_the_kept_overview_as_xlsx_holds_the_numbers_of_the_page_as_numbers(client_as):
    two = make_user("two-mx", Role.TWO)
    fund, _ = funded()
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=2016,
        amount=Money(Decimal("80000"), "EUR"),
    )
    committed(award)
    payment_make(award=award, amount=Decimal("12345.67"), final=False, user=two)
    meeting = _meeting(fund, two, dt.date(2016, 10, 6))
    client = client_as(two)
    page = client.get(f"/voorstellen/vergaderingen/{meeting.pk}/").content.decode()
    response = client.get(f"/voorstellen/vergaderingen/{meeting.pk}/fondsoverzicht.xlsx")
    assert response.status_code == 200 and response.streaming
    sheet = load_workbook(BytesIO(response.getvalue()))["Per jaar"]
    rows = {
        r[0]: r
        for r in sheet.iter_rows(values_only=True)
        if r and r[0] in ("2016", "2017", "Totaal")
    }
    assert isinstance(rows["2016"][6], float) and rows["2016"][6] == pytest.approx(
        12345.67
    )  # a number, not text
    assert _year_row(page, "2016")[6] == "€ 12.345,67"
    pdf = pdf_text(
        client.get(f"/voorstellen/vergaderingen/{meeting.pk}/fondsoverzicht.pdf").content
    )
    assert "€ 12.345,67" in pdf and "€ 4.000.000,00" in pdf


def test_the_live_overview_compares_with_the_overview_of_the_last_meeting(client_as):
    two = make_user("two-lv", Role.TWO)
    fund, _ = funded()
    _meeting(fund, two, dt.date(2017, 3, 23), kind="pho_maatschappij")
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, title="Nieuw project", status="awarded"),
        year=2017,
        amount=Money(Decimal("5000"), "EUR"),
    )
    committed(award)
    page = client_as(two).get(f"/boekhouding/{fund.slug}/overzicht/").content.decode()
    assert "Wat veranderde sinds PHO Maatschappij (23-3-2017)" in page
    assert ["2017", "verplicht", "€ 0,00", "€ 5.000,00"] in table_rows(page, "table-2")
    assert "Momentopname" not in page  # kept with every meeting by itself: nothing to do by hand


def test_someone_who_may_not_see_the_meeting_gets_404_for_its_overview(client_as):
    two = make_user("two-nf", Role.TWO)
    fund, _ = funded()
    meeting = _meeting(fund, two, dt.date(2017, 3, 9))
    provider = make_user("aanbieder-nf", Role.PROVIDER, provider=ProviderFactory())
    for suffix in ("", "fondsoverzicht.pdf", "fondsoverzicht.xlsx"):
        assert client_as(provider).get(
            f"/voorstellen/vergaderingen/{meeting.pk}/{suffix}"
        ).status_code in (403, 404)


def test_every_meeting_of_the_demo_keeps_the_books_as_they_were_on_the_day_it_was_planned(demo):
    """The demo replays the books and the meetings in one timeline (demo.timeline.later): each kept
    overview shows exactly what the journal held when the meeting was planned, not the books of
    the demo's end and not an empty journal."""
    from django.db.models import Sum

    from accounting.models import Account, EntryKind, JournalLine

    kept = list(FundOverviewSnapshot.objects.select_related("meeting__fund").order_by("made_at"))
    assert len(kept) >= 5
    with_money = 0
    for snapshot in kept:
        lines = JournalLine.objects.filter(
            entry__fund=snapshot.meeting.fund, entry__created_at__lte=snapshot.made_at
        )
        charged = -(
            lines.filter(
                account__code=Account.Code.INCOME, entry__kind=EntryKind.CONTRIBUTION_CHARGED
            ).aggregate(s=Sum("amount"))["s"]
            or Decimal(0)
        )
        paid = -(
            lines.filter(
                account__code=Account.Code.BANK,
                entry__kind__in=[EntryKind.PAYMENT_ADVANCE, EntryKind.PAYMENT_FINAL],
            ).aggregate(s=Sum("amount"))["s"]
            or Decimal(0)
        )
        years = snapshot.data["figures"]["years"].values()
        assert sum(Decimal(y["charged"]) for y in years) == charged, snapshot.meeting
        assert sum(Decimal(y["paid"]) for y in years) == paid, snapshot.meeting
        with_money += paid > 0
    assert with_money >= 2  # the story pays projects before later meetings
