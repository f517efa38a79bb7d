from django.shortcuts import render

from core.roles import Role, roles_of


def home(request):
    return render(request, "core/home.html", {"roles": [Role(r).label for r in roles_of(request.user) if r in Role.values]})
