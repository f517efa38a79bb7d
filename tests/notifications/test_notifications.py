"""Notifications: in the app (a count in the header, a page, read/unread) and by e-mail per kind,
after commit, with a plain-text and an HTML part; each user switches e-mail off per kind."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction

from allocations.models import ForecastSubmission
from core.models import Provider, Region
from fund.services import circular_import
from notifications.models import Kind, Notification, Preference
from notifications.services import notify, preferences_save
from proposals.models import AgendaItem, Meeting, Proposal
from proposals.services import letters as letter_services
from proposals.services import screening as screening_services
from worklists.tasks import send_daily_notifications


def _user(username):
    return get_user_model().objects.get(username=username)


def _count(html: str) -> str:
    match = re.search(r'data-testid="notification-count">(.*?)</a>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).split() if match else None


def test_a_submitted_proposal_reaches_two_in_the_app_and_by_mail_after_commit(
    demo, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    mail.outbox.clear()
    proposal = Proposal.objects.get(reference="V-TF-2017-004")
    with django_capture_on_commit_callbacks(execute=True):
        screening_services.proposal_transition(
            user=_user("aanbieder"), proposal=proposal, to_status="submitted"
        )
    [note] = Notification.objects.filter(kind=Kind.PROPOSAL_SUBMITTED)
    assert note.user.username == "two" and note.title == "Voorstel V-TF-2017-004 is ingediend"
    [message] = mail.outbox
    assert message.to == ["two@demo.invalid"] and message.subject == note.title
    assert (
        "V-TF-2017-004" in message.body
        and f"http://127.0.0.1:8000/voorstellen/{proposal.pk}/" in message.body
    )
    [(html, mimetype)] = message.alternatives
    assert (
        mimetype == "text/html"
        and f'<a href="http://127.0.0.1:8000/voorstellen/{proposal.pk}/">' in html
    )


def test_a_rollback_leaves_no_notification_and_sends_nothing(
    demo, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(users=[_user("two")], kind=Kind.PROPOSAL_SUBMITTED, title="t", body="b")
            raise RuntimeError
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_e_mail_can_be_switched_off_per_kind_and_the_app_still_shows_it(
    demo_client, django_capture_on_commit_callbacks
):
    client = demo_client("pho-lisse")
    Notification.objects.all().delete()
    html = client.get("/meldingen/instellingen/").content.decode()
    assert 'value="vote_opened"' in html and "checked" in html
    wanted = [k for k in Kind.values if k != Kind.VOTE_OPENED]
    assert (
        client.post("/meldingen/instellingen/", {}).status_code == 200
    )  # a bare POST changes nothing
    assert not Preference.objects.filter(user__username="pho-lisse").exists()
    response = client.post("/meldingen/instellingen/", {"email": wanted, "saved": "1"}, follow=True)
    assert "Uw e-mailinstellingen zijn opgeslagen." in response.content.decode()
    mail.outbox.clear()
    meeting = Meeting.objects.get(kind=Meeting.Kind.PHO_MAATSCHAPPIJ, date=dt.date(2017, 9, 14))
    proposal = Proposal.objects.get(reference="V-TF-2016-008")
    with django_capture_on_commit_callbacks(execute=True):
        AgendaItem.objects.create(
            meeting=Meeting.objects.create(
                fund=meeting.fund, kind=meeting.kind, date=dt.date(2027, 1, 14)
            ),
            proposal=proposal,
        )
    lisse = Notification.objects.get(user__username="pho-lisse", kind=Kind.VOTE_OPENED)
    assert lisse.title == "Stemming over V-TF-2016-008 in de vergadering van 14-1-2027"
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert "pho-lisse@demo.invalid" not in recipients and "pho-leiden@demo.invalid" in recipients
    assert len(recipients) == 12  # the other twelve portefeuillehouders of Holland Rijnland
    # the count in the header, the page, read and unread
    assert _count(client.get("/").content.decode()) == ["Meldingen", "1", "ongelezen"]
    page = client.get("/meldingen/").content.decode()
    assert lisse.title in page and "Ongelezen" in page
    response = client.post(f"/meldingen/{lisse.pk}/openen/")
    assert response.status_code == 302 and response["Location"] == lisse.url
    assert _count(client.get("/meldingen/").content.decode()) == ["Meldingen"]
    client.post(f"/meldingen/{lisse.pk}/markeren/", {"status": "ongelezen"})
    assert _count(client.get("/meldingen/?ongelezen=1").content.decode()) == [
        "Meldingen",
        "1",
        "ongelezen",
    ]
    client.post("/meldingen/alles-gelezen/")
    assert (
        "U heeft geen ongelezen meldingen."
        in client.get("/meldingen/?ongelezen=1").content.decode()
    )
    # another user's notification is not found
    other = demo_client("pho-leiden")
    assert other.post(f"/meldingen/{lisse.pk}/openen/").status_code == 404
    assert other.post(f"/meldingen/{lisse.pk}/markeren/").status_code == 404


def test_the_header_count_costs_no_query_of_its_own(demo_client, django_assert_num_queries):
    client = demo_client("pho-lisse")
    client.get("/fondsen/")  # warm up
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/fondsen/")
    notify(users=[_user("pho-lisse")] * 1, kind=Kind.VOTE_OPENED, title="x", body="y")
    with django_assert_num_queries(len(before.captured_queries)):
        html = client.get("/fondsen/").content.decode()
    assert _count(html)[1] == str(
        Notification.objects.filter(user__username="pho-lisse", read_at=None).count()
    )


def test_unknown_kinds_are_refused(db, two_user):
    with pytest.raises(ValueError, match="Onbekende soort"):
        preferences_save(user=two_user, email_kinds=["nonsense"])


def test_daily_reminders_votes_closing_and_forecasts_late_reach_each_user_once(
    demo, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    mail.outbox.clear()
    # the open PHO vote of 14-9-2017: on 12-9-2017 every member that has not voted is reminded
    with django_capture_on_commit_callbacks(execute=True):
        made = send_daily_notifications(dt.date(2017, 9, 12))
    closing = Notification.objects.filter(kind=Kind.VOTE_CLOSING)
    item = AgendaItem.objects.get(
        proposal__reference="V-TF-2016-008", meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ
    )
    voted = set(item.votes.values_list("municipality__name", flat=True))
    reminded = {n.user.profile.municipality.name for n in closing}
    assert made["votes"] == len(reminded) > 0 and not (reminded & voted)
    assert len(reminded | voted) == 13
    assert send_daily_notifications(dt.date(2017, 9, 13))["votes"] == 0  # once per user
    # a forecast not delivered by the fifth working day
    lvb = Provider.objects.get(slug="lvb-zorg-bollenstreek")
    ForecastSubmission.objects.filter(provider=lvb, year=2016, month=7).update(is_current=False)
    assert send_daily_notifications(dt.date(2016, 8, 2))["forecasts"] == 1  # due on 5-8: a reminder
    # the 2017 runs above also remind providers of their own (2017) forecasts: look at July 2016 only
    july = Notification.objects.filter(kind=Kind.FORECAST_DUE, title__contains="juli 2016")
    assert july.get().title == "Prognose juli 2016 uiterlijk 5-8-2016"
    assert july.get().user.username == "aanbieder-lvb"
    assert (
        send_daily_notifications(dt.date(2016, 8, 8))["forecasts"] == 2
    )  # late: the provider and TWO
    late = july.filter(title__contains="te laat")
    assert sorted(n.user.username for n in late) == ["aanbieder-lvb", "two"]


def test_a_new_circular_tells_two_which_tranches_wait_for_recalculation(
    demo, django_capture_on_commit_callbacks
):
    # the demo's own 2018/2019 tranches are recalculated and definitive: a provisional tranche on the
    # Meicirculaire 2016 (the fund managed by TWO Holland Rijnland) is what waits for recalculation
    from decimal import Decimal
    from pathlib import Path

    from django.conf import settings

    from fund import services as fund_services
    from fund.models import BudgetCircular, Fund

    region = Region.objects.get(slug="holland-rijnland")
    fund = Fund.objects.create(
        name="Proeffonds Holland Rijnland",
        slug="proeffonds-holland-rijnland",
        kind=Fund.Kind.REGIONAL,
        region=region,
        term_start=dt.date(2018, 1, 1),
        term_end=dt.date(2019, 12, 31),
        managed_by=region.organisations.get(kind="office"),
    )
    fund_services.tranche_create(
        fund=fund,
        year=2018,
        amount=Decimal(2_000_000),
        basis=BudgetCircular.objects.get(slug="meicirculaire-2016"),
    )
    Notification.objects.all().delete()
    content = (Path(settings.BASE_DIR) / "fixtures" / "meicirculaire-2018.csv").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        circular_import(
            name="Meicirculaire 2019",
            slug="meicirculaire-2019",
            published_year=2019,
            region=Region.objects.get(slug="holland-rijnland"),
            content=content,
            filename="mc.csv",
            user=_user("two"),
        )
    notes = Notification.objects.filter(kind=Kind.RECALCULATION_WAITING)
    assert sorted(n.title for n in notes) == [
        "Herberekening Proeffonds Holland Rijnland 2018 wacht"
    ]
    assert [n.user.username for n in notes] == ["two"]


def test_the_provider_hears_of_a_decision_letter(demo, django_capture_on_commit_callbacks):
    from proposals.models import Award

    Notification.objects.all().delete()
    award = Award.objects.get(number="TF-2018-001")
    with django_capture_on_commit_callbacks(execute=True):
        letter_services.letter_issue(
            user=_user("two"), award=award, addressee="Jeugdhulp Rijnland", signatory="TWO"
        )
    users = sorted(
        Notification.objects.filter(kind=Kind.LETTER_ISSUED).values_list(
            "user__username", flat=True
        )
    )
    applicants = sorted(
        get_user_model()
        .objects.filter(profile__provider__in=award.proposal.applicants.all())
        .values_list("username", flat=True)
    )
    assert users == applicants and users
