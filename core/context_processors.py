from functools import cache
from importlib import import_module

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from core.roles import roles_of


@cache
def _nav_modules() -> tuple:
    """The apps' nav modules, found once per process: an app without one costs a failed import,
    a search of the whole path, and every page asked for them (issue 17: the pages' ratios)."""
    modules = []
    for app in settings.INSTALLED_APPS:
        if "." in app:
            continue
        try:
            modules.append(import_module(f"{app}.nav"))
        except ModuleNotFoundError:
            continue
    return tuple(modules)


@cache
def _nav_url(url_name: str, prefix: str, urlconf) -> str | None:
    """A menu item's URL, reversed once per process for each script prefix and URLconf (a menu has
    a dozen items; reversing them on every page cost half of the layout's time)."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def navigation(request):
    """Menu items that each app offers in `<app>/nav.py` as NAV = [(label, url_name, roles)]."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    roles = roles_of(user)
    items = []
    for module in _nav_modules():
        for label, url_name, allowed in getattr(module, "NAV", []):
            if allowed and not (roles & set(allowed)) and not user.is_superuser:
                continue
            url = _nav_url(url_name, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
            if url is None:
                continue
            items.append({"label": label, "url": url, "active": False})
    # Only the most specific menu item that the current path falls under is marked active.
    matches = [
        item for item in items if request.path.startswith(item["url"]) and item["url"] != "/"
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return {"nav_items": items}
