import datetime as dt
import logging

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from allocations.bsn import decrypt_bsn
from allocations.exceptions import AllocationError
from allocations.models import BsnAccessLog, ClientRegistration
from allocations.services import clients as client_services
from tests.allocations.factories import submit
from tests.core.logging_helpers import project_logging

BSN = "999991772"


@pytest.fixture
def amber(world):
    provider = world.provider("aanbieder-a")
    submit(provider, 5, expected="520")  # 102%
    return provider


def register(provider, bsn=BSN):
    return client_services.client_register(
        provider=provider,
        product=provider.hours,
        year=2016,
        bsn=bsn,
        intake_on=dt.date(2016, 5, 10),
        user=provider.user,
    )


def raw_column(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bsn_encrypted, bsn_last3 FROM allocations_clientregistration WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def test_bsn_is_encrypted_at_rest(amber):
    registration = register(amber)
    stored, last3 = raw_column(registration.pk)
    assert BSN not in stored
    assert last3 == "772"
    assert decrypt_bsn(stored) == BSN


def test_bsn_is_shown_masked(amber):
    assert register(amber).masked_bsn == "******772"
    assert str(register(amber, "999996708")) == "Cliënt ******708"


def test_bsn_failing_the_11_check_is_refused(amber):
    with pytest.raises(AllocationError, match="elfproef"):
        register(amber, "999991773")
    assert ClientRegistration.objects.count() == 0


def test_no_bsn_collected_within_budget(world):
    provider = world.provider("aanbieder-b")
    submit(provider, 5, expected="400")
    with pytest.raises(AllocationError, match="boven budget"):
        register(provider)


def test_full_view_only_for_two_with_a_reason_and_logged(amber, world):
    registration = register(amber)
    with pytest.raises(AllocationError, match="TWO"):
        client_services.bsn_reveal(
            registration=registration, reason="nieuwsgierig", user=amber.user
        )
    with pytest.raises(AllocationError, match="reden"):
        client_services.bsn_reveal(registration=registration, reason=" ", user=world.two)
    with pytest.raises(AllocationError, match="ten minste een zin"):  # issue 12, hole 9
        client_services.bsn_reveal(registration=registration, reason="Controle", user=world.two)
    assert not BsnAccessLog.objects.filter(event="read").exists()
    assert (
        client_services.bsn_reveal(
            registration=registration, reason="Controle van de declaratie van mei", user=world.two
        )
        == BSN
    )
    entry = BsnAccessLog.objects.filter(event="read").get()
    assert (entry.user, entry.registration, entry.reason, entry.on_behalf_of) == (
        world.two,
        registration,
        "Controle van de declaratie van mei",
        "TWO Jeugdhulp Testregio",
    )  # the organisation (issue 13)
    assert BsnAccessLog.objects.filter(
        event="change", registration=registration, user=amber.user
    ).exists()


def test_export_with_bsns_is_logged_per_record(amber, world):
    first, second = register(amber), register(amber, "999996630")
    content = client_services.bsn_export(
        provider=amber,
        year=2016,
        reason="Verantwoording aan de accountant over 2016",
        user=world.two,
    ).decode("utf-8-sig")
    assert BSN in content and "999996630" in content
    assert set(
        BsnAccessLog.objects.filter(event="export").values_list("registration_id", flat=True)
    ) == {first.pk, second.pk}


def test_purge_for_fund_removes_bsns_and_logs_it(amber, world):
    registration = register(amber)
    assert client_services.bsn_purge_for_fund(fund=world.fund, user=world.two) == 1
    registration.refresh_from_db()
    assert raw_column(registration.pk) == ("", "")
    assert registration.masked_bsn == "(verwijderd)"
    assert BsnAccessLog.objects.filter(event="delete", registration=registration).exists()
    with pytest.raises(AllocationError, match="verwijderd"):
        client_services.bsn_reveal(
            registration=registration, reason="Controle van de declaratie van mei", user=world.two
        )
    assert client_services.bsn_purge_for_fund(fund=world.fund, user=world.two) == 0


def test_rotate_keys_command_reencrypts_with_the_newest_key(amber, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.BSN_ENCRYPTION_KEYS = old
    registration = register(amber)
    before = raw_column(registration.pk)[0]
    settings.BSN_ENCRYPTION_KEYS = f"{new},{old}"
    call_command("rotate_bsn_keys", stdout=open("/dev/null", "w"))
    after = raw_column(registration.pk)[0]
    assert after != before
    settings.BSN_ENCRYPTION_KEYS = new
    assert decrypt_bsn(after) == BSN


def test_bsn_never_reaches_the_application_log(amber, world):
    # the console as settings.LOGGING configures it (tests/core/test_logging_redacts_bsn.py)
    with project_logging() as console:
        logging.getLogger("allocations").setLevel(logging.DEBUG)
        registration = register(amber)
        client_services.bsn_reveal(
            registration=registration, reason="Controle van de declaratie van mei", user=world.two
        )
        client_services.bsn_purge_for_fund(fund=world.fund, user=world.two)
    assert (
        "BSNs removed after settlement of fund knelpunten-zin-2016: 1 records" in console.getvalue()
    )
    assert BSN not in console.getvalue()
