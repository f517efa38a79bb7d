"""The home page's worklists: one per role the user has, in the order of core.roles.Role."""

import datetime as dt

from core.roles import Role, roles_of
from worklists.selectors.common import Worklist
from worklists.selectors.coordinator import coordinator_worklist
from worklists.selectors.portfolio_holder import portfolio_holder_worklist
from worklists.selectors.provider import provider_worklist
from worklists.selectors.region import administrator_worklist, region_worklist
from worklists.selectors.two import two_worklist

WORKLISTS = {
    Role.TWO: two_worklist,
    Role.PORTFOLIO_HOLDER: portfolio_holder_worklist,
    Role.PROVIDER: provider_worklist,
    Role.COORDINATOR: coordinator_worklist,
    Role.REGION: region_worklist,
    Role.ADMINISTRATOR: administrator_worklist,
}


def worklists_for(user, *, today: dt.date | None = None) -> list[Worklist]:
    """The worklist of each role the user has, in the order of core.roles.Role."""
    roles = roles_of(user)
    return [WORKLISTS[role](user, today=today) for role in Role if role.value in roles]
