"""Reads of the clients registered above budget (never their BSN: that is shown only through
allocations.services.clients.bsn_reveal, which logs it).
"""

from allocations.models import ClientRegistration
from allocations.selectors.providers import fund_records_q
from core.models import Provider


def registrations_of(*, provider: Provider, year: int, visible_to=None):
    registrations = ClientRegistration.objects.filter(provider=provider, year=year)
    if visible_to is not None:
        registrations = registrations.filter(fund_records_q(visible_to))
    return registrations.select_related("product", "registered_by")
