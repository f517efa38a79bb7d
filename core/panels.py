"""Panels that a higher app adds to a page of a lower app, without the lower app importing it.

The floors (STYLE.md) let imports go down only: the meeting page (proposals) must not import the
norms app above it, yet it shows the norms' latest counts. Each installed app may have a
`<app>/panels.py` with PANELS = {"meeting": fn, "proposal": fn, ...}; `fn(request, obj)` returns
rendered HTML (a SafeString) or "" when it has nothing to show or the user may not see it.
The lower app's view calls `render(slot, request, obj)` and its template prints the results."""

from functools import cache
from importlib import import_module

from django.conf import settings


@cache
def _modules() -> tuple:
    """The apps' panels modules, found once per process (as core.context_processors finds the nav
    modules): for an app without one, import_module fails after searching the whole path, and the
    meeting page asked every app on every request (a tenth of the page's time)."""
    modules = []
    for app in settings.INSTALLED_APPS:
        if "." in app:
            continue
        try:
            modules.append(import_module(f"{app}.panels"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.panels":
                raise
    return tuple(modules)


def render(slot: str, request, obj) -> list[str]:
    out = []
    for module in _modules():
        fn = getattr(module, "PANELS", {}).get(slot)
        if fn is not None:
            html = fn(request, obj)
            if html:
                out.append(html)
    return out
