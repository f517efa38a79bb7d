"""Fair floors for the page benches.

A page costs more than its SQL: the request goes through the middleware (session, user, roles),
the URL routing and a template. A page bench's floor is therefore a minimal view served through
the same stack, for the same logged-in user: it runs the least SQL that gives the page's numbers
(raw queries) and writes them with a bare template: a plain loop writes the rows' values as table
cells (`table_rows`), as the pages' presenters write their long tables. Those views are
routed only by `bench.urls`, the product's URLconf plus `/__bench__/<name>/`, which only the bench
runner and the bench smoke test switch to (`use_bench_urls`); the product never routes them.

The raw queries alone stay as the `<page>_selector` lines: the selector behind the page against
the same SQL without the request.
"""

import json
from collections.abc import Callable, Iterable

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

PREFIX = "/__bench__/"
BARE = engines[
    "django"
].from_string(  # compiled once, as the cached template loader does for the pages
    "<!doctype html><title>{{ name }}</title><table>{{ rows }}</table>"
)
_FLOORS: dict[str, Callable[[HttpRequest], Iterable[tuple]]] = {}
_API_FLOORS: dict[str, Callable[[HttpRequest], object]] = {}


def floor_view(name: str):
    """Register `rows(request)` as the floor page `/__bench__/<name>/`: its rows written by BARE."""

    def register(rows):
        _FLOORS[name] = rows
        return rows

    return register


def dispatch(request: HttpRequest, name: str) -> HttpResponse:
    rows = _FLOORS.get(name)
    if rows is None:
        raise Http404(name)
    return HttpResponse(BARE.render({"name": name, "rows": table_rows(rows(request))}))


def api_floor_view(name: str):
    """Register `body(request)` as the floor of an API bench, `/__bench__/api/<name>/`: the request
    through the same middleware as the API's, its token looked up as the API looks it up (one
    query, `api_token_user`), and `body`'s rows written with json.dumps."""

    def register(body):
        _API_FLOORS[name] = body
        return body

    return register


@login_not_required  # as the API's views: the token, not a session, says who asks
def dispatch_api(request: HttpRequest, name: str) -> HttpResponse:
    body = _API_FLOORS.get(name)
    if body is None:
        raise Http404(name)
    if api_token_user(request) is None:
        return HttpResponse(status=401)
    return HttpResponse(json.dumps(body(request), default=str), content_type="application/json")


def api_token_user(request: HttpRequest) -> int | None:
    """The user id of the request's API token (not revoked), or None."""
    from api.models import hash_key

    parts = request.headers.get("Authorization", "").split()
    if len(parts) != 2:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT user_id FROM api_apitoken WHERE key_hash = %s AND revoked IS NULL",
            [hash_key(parts[1])],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def api_url(name: str) -> str:
    return f"{PREFIX}api/{name}/"


def table_rows(rows: Iterable[tuple]) -> SafeString:
    """A plain loop writing each value, escaped (unless it is HTML we made), as a table cell: what
    the pages' presenters do for their long tables (a Django template loop costs several times
    more per cell)."""
    return SafeString(
        "".join(
            "<tr>" + "".join(f"<td>{conditional_escape(value)}</td>" for value in row) + "</tr>"
            for row in rows
        )
    )


def url(name: str) -> str:
    return f"{PREFIX}{name}/"


def use_bench_urls(settings) -> None:
    """Route the floor pages too (the bench runner's settings, or pytest-django's `settings`)."""
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "bench.urls"
    clear_url_caches()


def get(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content
