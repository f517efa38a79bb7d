"""Who may use the API at all. Which records a user sees is decided per view by the apps' own
selectors and predicates (fund.selectors.funds_visible_q, proposals.selectors.proposals_visible_q,
...), exactly as on the site; a record outside them is 404, as on the site."""

import rules
from rest_framework.permissions import BasePermission


class HasToken(BasePermission):
    """A valid token of an active user."""

    message = "U bent niet aangemeld: stuur een geldige token mee (Authorization: Token <sleutel>)."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)


def has_perm(perm: str):
    """A permission class for one `rules` permission without an object (a list, a new record)."""

    class RulePermission(HasToken):
        message = "U hebt geen toegang tot dit onderdeel."

        def has_permission(self, request, view):
            return super().has_permission(request, view) and rules.has_perm(perm, request.user)

    RulePermission.__name__ = f"RulePermission[{perm}]"
    return RulePermission
