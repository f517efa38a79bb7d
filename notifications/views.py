from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.pagination import Paginator
from notifications import services
from notifications.forms import PreferencesForm
from notifications.models import Notification


def notification_list(request):
    """The user's own notifications, newest first; `?ongelezen=1` shows the unread ones only."""
    only_unread = request.GET.get("ongelezen") == "1"
    notifications = Notification.objects.filter(user=request.user)
    if only_unread:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications.order_by("-created_at", "-pk"), 25).get_page(
        request.GET.get("pagina")
    )
    return render(request, "notifications/list.html", {"page": page, "only_unread": only_unread})


@require_POST
def notification_open(request, pk):
    """Mark it read and go to where it points."""
    notification = Notification.objects.filter(pk=pk, user=request.user).first()
    if notification is None:
        raise Http404("Deze melding bestaat niet.")
    services.notification_read(user=request.user, pk=pk)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
def notification_mark(request, pk):
    if request.POST.get("status") == "ongelezen":
        changed = services.notification_unread(user=request.user, pk=pk)
    else:
        changed = services.notification_read(user=request.user, pk=pk)
    if not changed and not Notification.objects.filter(pk=pk, user=request.user).exists():
        raise Http404("Deze melding bestaat niet.")
    return redirect("notifications:list")


@require_POST
def notifications_read_all(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(
        request,
        f"{count} melding(en) als gelezen gemarkeerd."
        if count
        else "Er waren geen ongelezen meldingen.",
    )
    return redirect("notifications:list")


def preferences(request):
    form = PreferencesForm(
        request.POST or None, initial={"email": sorted(services.email_kinds(request.user))}
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, email_kinds=form.cleaned_data["email"])
        messages.success(request, "Uw e-mailinstellingen zijn opgeslagen.")
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=400 if form.is_bound else 200,
    )
