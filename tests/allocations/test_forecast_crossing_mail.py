"""The e-mail to TWO when a forecast crosses 100% or 105% says where the forecast is now."""

import pytest
from django.core import mail

from tests.allocations.factories import submit

# expected hours to 31-12 beside 500 delivered, at € 100 on a budget of € 100.000
EXPECTED = {"green": "400", "amber": "520", "red": "560"}  # 90%, 102%, 106%


@pytest.mark.parametrize(
    ("before", "after", "subject", "body"),
    [
        (
            "green",
            "amber",
            "nu boven 100% (BSN verplicht)",
            "102,0% van het toegekende budget: tussen 100% en 105% (BSN verplicht).",
        ),
        (
            "amber",
            "red",
            "nu boven 105% (algehele opnamestop)",
            "Er geldt nu een algehele opnamestop.",
        ),
        (
            "green",
            "red",
            "nu boven 105% (algehele opnamestop)",
            "Er geldt nu een algehele opnamestop.",
        ),
        (
            "red",
            "amber",
            "nu tussen 100% en 105% (opnamestop opgeheven, BSN verplicht)",
            "De algehele opnamestop is opgeheven.",
        ),
        (
            "amber",
            "green",
            "nu binnen budget (tot en met 100%)",
            "90,0% van het toegekende budget: binnen budget (tot en met 100%).",
        ),
        (
            "red",
            "green",
            "nu binnen budget (tot en met 100%)",
            "De algehele opnamestop is opgeheven.",
        ),
    ],
)
def test_the_mail_names_the_side_of_the_limit_the_forecast_is_on_now(
    world, django_capture_on_commit_callbacks, before, after, subject, body
):
    provider = world.provider("aanbieder-a")
    submit(provider, 1, expected=EXPECTED[before])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(provider, 2, expected=EXPECTED[after])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Prognose Aanbieder A 2016: {subject}"
    assert body in message.body
    assert "onder 105%" not in message.subject
