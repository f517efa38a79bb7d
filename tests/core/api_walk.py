"""The isolation walk of the JSON API (issue 16): every route under /api/v1/ (found in the URL
resolver, so a new endpoint is walked without being listed), as a user with that user's own token,
filled with another organisation's records: GET of every route, a list filtered to the other
organisation's fund, provider and year, and POSTs (empty, and naming the other organisation's
records). Each answer must be a refusal (400, 403, 404, 405; never 401: a valid token is sent) or show nothing of theirs; the
caller checks that nothing was written (tests/core/test_provider_isolation._fingerprint).

A route whose `<pk>` names a kind of record not in API_PK_KINDS fails the walk until it is added:
the walk then fills it with the other organisation's records of that kind.
"""

import itertools
import json
import re

from django.core.cache import cache
from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404

from allocations.models import ClientRegistration, ForecastSubmission
from api.services import issue_token
from core.models import Provider
from fund.models import BudgetCircular, Fund, Tranche
from proposals.models import Award, DecisionLetter, Meeting

API = "api/v1/"
# What the <pk> (or other id) of each API route names; a new route with an id must be added here.
API_PK_KINDS = {
    "api:fund-detail": "fund",
    "api:circular-detail": "circular",
    "api:proposal-detail": "proposal",
    "api:meeting-detail": "meeting",
    "api:award-detail": "award",
    "api:letter-detail": "letter",
    "api:letter-pdf": "letter",
    "api:forecast-detail": "forecast",
    "api:client-detail": "client",
    "api:spuk-verantwoording": "fund",
}
PER_ROUTE = 3
REFUSALS = {400, 403, 404, 405}  # never 401: the walk sends a valid token
# A route parameter (<int:pk>), a named regex group (the router's (?P<pk>...)) or an unnamed one.
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\([^)]*\)")


def api_routes(patterns) -> list[tuple[str, str]]:
    """(route, url name) of every API pattern, from the project's resolver walk."""
    return [(route, name) for route, name, _pattern in patterns if route.startswith(API)]


def api_pools(funds: list[str], proposals: list, providers: list[str]) -> dict[str, list]:
    """The other organisation's records by kind, as ids (the API names records by id)."""
    fund_ids = list(Fund.objects.filter(slug__in=funds).order_by("pk").values_list("pk", flat=True))
    proposal_ids = [p.pk for p in proposals][:PER_ROUTE]
    provider_ids = list(
        Provider.objects.filter(slug__in=providers).order_by("pk").values_list("pk", flat=True)
    )
    letters = DecisionLetter.objects.filter(award__proposal__in=proposal_ids).order_by("pk")
    pools = {
        "fund": fund_ids,
        "provider": provider_ids,
        "proposal": proposal_ids,
        "meeting": list(
            Meeting.objects.filter(fund__in=fund_ids).order_by("-pk").values_list("pk", flat=True)
        )[:PER_ROUTE],
        "award": list(
            Award.objects.filter(proposal__in=proposal_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )[:PER_ROUTE],
        "letter": list(letters.values_list("pk", flat=True))[:PER_ROUTE],
        "forecast": list(
            ForecastSubmission.objects.filter(fund__in=fund_ids, provider__in=provider_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )[:PER_ROUTE],
        "client": list(
            ClientRegistration.objects.filter(fund__in=fund_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )[:PER_ROUTE],
        # national data: any circular (TWO staff of every organisation read them, as on the site)
        "circular": list(BudgetCircular.objects.order_by("pk").values_list("pk", flat=True)[:1]),
        "year": sorted(
            set(Tranche.objects.filter(fund__in=fund_ids).values_list("year", flat=True))
        )[:2]
        or [2016],
        "version": [1],
    }
    # a kind without records of the other organisation is tried with an id that names nothing
    return {kind: values or [999_999] for kind, values in pools.items()}


def _kind(route: str, url_name: str, param: str) -> str:
    if param in ("pk", "id"):
        assert url_name in API_PK_KINDS, (
            f"{route}: which record does <{param}> of {url_name} name? add it to API_PK_KINDS"
        )
        return API_PK_KINDS[url_name]
    if param == "fund":
        return "fund"
    return param


def _urls(route: str, url_name: str, pools: dict[str, list]) -> list[str]:
    """At most PER_ROUTE URLs of one route: the i-th candidate of every parameter together."""
    parts = _PARAM.split(route)
    texts = [text.replace("^", "").replace("$", "") for text in parts[0::3]]
    params = [name or group or "pk" for name, group in zip(parts[1::3], parts[2::3], strict=True)]
    for param in params:
        assert _kind(route, url_name, param) in pools, f"{route}: no candidates for <{param}>"
    lists = [pools[_kind(route, url_name, p)] for p in params]
    urls = []
    for i in range(max(map(len, lists), default=1)):
        values = [values[i % len(values)] for values in lists]
        url = "/" + "".join(
            t + str(v) for t, v in itertools.zip_longest(texts, values, fillvalue="")
        )
        try:
            match = resolve(url)
        except Resolver404:
            continue
        if match.route.replace("^", "") == route.replace("^", ""):
            urls.append(url)
    return list(dict.fromkeys(urls))[:PER_ROUTE]


def _text(response) -> str:
    """The answer's text: every string and number of a JSON body (escapes undone), else the body."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "json" not in response.get("Content-Type", ""):
        return content.decode("utf-8", errors="replace")
    values = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                values.append(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            values.append(str(value))

    walk(json.loads(content or b"null"))
    return "\n".join(values)


def _judge(response, markers: dict[str, str]) -> str | None:
    status = response.status_code
    if status not in REFUSALS and status != 200:
        return f"status {status}"
    if status in (403, 404, 405) and not response.content:
        return None
    text = _text(response)
    found = [what for marker, what in markers.items() if marker in text]
    return ", ".join(found) or None


def api_walk(
    user, markers: dict[str, str], pools: dict[str, list], patterns
) -> tuple[int, list[str]]:
    """Every API route as `user` with a token of its own: GET (and a list filtered to the other
    organisation's fund, provider and year), an empty POST and a POST naming their records.
    Returns (requests, leaks)."""
    _, key = issue_token(user, "isolation walk")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    requests, leaks, tried = 0, [], set()
    naming = {
        "fund": pools["fund"][0],
        "provider": pools["provider"][0],
        "proposal": pools["proposal"][0],
        "year": pools["year"][0],
        "month": 12,
        "lines": [],
    }
    for route, url_name in api_routes(patterns):
        cache.clear()  # the throttle's counters (schema and docs: per address): the walk is no flood
        for url in _urls(route, url_name, pools):
            tried.add(route)
            tries = [("get", url, None)]
            if "<" not in route:  # a list: filtered to the other organisation's records too
                tries += [
                    ("get", f"{url}?fund={pools['fund'][0]}", None),
                    ("get", f"{url}?provider={pools['provider'][0]}", None),
                    ("get", f"{url}?year={pools['year'][0]}", None),
                ]
            tries += [("post", url, {}), ("post", url, naming)]
            for method, target, body in tries:
                requests += 1
                if method == "get":
                    response = client.get(target)
                else:
                    response = client.post(target, body, content_type="application/json")
                problem = _judge(response, markers)
                if problem:
                    leaks.append(f"{user.username} (token) {method.upper()} {target}: {problem}")
    untried = {route for route, _name in api_routes(patterns)} - tried
    assert untried == set(), f"{user.username}: not every API route was tried: {untried}"
    return requests, leaks
