from django.shortcuts import render

from core.roles import Role, roles_of
from worklists.selectors.home import worklists_for


def home(request):
    """The page at `/` after login: the worklist of each role the user has."""
    roles = [Role(r).label for r in roles_of(request.user) if r in Role.values]
    return render(
        request, "worklists/home.html", {"roles": roles, "worklists": worklists_for(request.user)}
    )
