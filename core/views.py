from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import selectors, services
from core.exceptions import DomainError
from core.forms import MemberInviteForm, MemberRoleForm
from core.models import Organisation


def organisation_list(request):
    """The organisations whose users and roles this user manages (functioneel beheerder)."""
    organisations = list(selectors.organisations_administered_by(request.user))
    if not organisations:
        raise PermissionDenied
    if len(organisations) == 1:
        return redirect("core:organisation", slug=organisations[0].slug)
    return render(request, "core/organisation_list.html", {"organisations": organisations})


def _administered(request, slug) -> Organisation:
    organisation = selectors.organisations_administered_by(request.user).filter(slug=slug).first()
    if organisation is None:  # another organisation's page: as if it did not exist
        raise Http404("Organisatie niet gevonden")
    return organisation


def organisation_detail(request, slug):
    organisation = _administered(request, slug)
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_invite(
                organisation=organisation, user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                f"{member.get_full_name() or member.username} werkt nu voor {organisation}.",
            )
            return redirect("core:organisation", slug=slug)
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "form": form,
            "members": selectors.organisation_members(organisation),
            "events": selectors.membership_events(organisation),
        },
    )


def _member(organisation, pk):
    return get_object_or_404(get_user_model(), pk=pk, memberships__organisation=organisation)


@require_POST
def member_role(request, slug, pk):
    organisation = _administered(request, slug)
    member = _member(organisation, pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Kies een rol: medewerker of functioneel beheerder. Er is niets gewijzigd."
        )
        return redirect("core:organisation", slug=slug)
    try:
        services.membership_set(
            organisation=organisation,
            member=member,
            role=form.cleaned_data["role"],
            user=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"De rol van {member.username} is opgeslagen.")
    return redirect("core:organisation", slug=slug)


@require_POST
def member_remove(request, slug, pk):
    organisation = _administered(request, slug)
    member = _member(organisation, pk)
    try:
        services.membership_remove(organisation=organisation, member=member, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"{member.username} werkt niet meer voor {organisation} en ziet haar fondsen niet meer.",
        )
    return redirect("core:organisation", slug=slug)
