"""A provider sees only its own organisation, also when it edits URLs (it gets a 404 or 403).

Every URL pattern of the project (walked through every include, the admin too) is filled with
the records of the other two demo providers (their slugs, budget requests, clients, forecast
months, proposals, awards, indicators) and with the demo's funds, meetings, agenda items,
settlement groups, SPUK lines and a report job of TWO, then tried as 'aanbieder' (Jeugdhulp
Rijnland) with GET and with an empty POST. The norms' areas, the actions of their plans that do not
name Jeugdhulp Rijnland as owner, and the inspection reports are tried too. Each answer must be 403, 404, 405, a redirect to a
login page, or a page (HTML, PDF, XLSX, SVG, CSV) without anything of the other providers: their
names, KvK and AGB numbers, their clients' BSNs (whole or masked to the last three digits) and
the references of the proposals they file without Jeugdhulp Rijnland. A redirect elsewhere is
judged by the page it leads to. Nothing may be written.

Where another provider may be named (decided from the demo data, see `_allowed_names`):
- a page about a proposal that Jeugdhulp Rijnland files together with that provider (the
  proposal page, its indicators' result pages) names the co-applicants; the demo has six such
  joint proposals (with GGZ Leiden Jeugd or LVB Zorg Bollenstreek);
- the proposal list lists those joint proposals with their co-applicants;
- the decision letter (PDF) of an award of such a joint proposal is addressed to all its applicants
  (reached, for instance, from the provider's own notification that the letter was sent);
- the proposal forms (new and edit) offer every provider by name as a co-applicant to choose.
Only the names: a KvK or AGB number, a BSN or a foreign proposal's reference is never allowed.

The demo is loaded once and one client walks everything. The JSON API (/api/v1/) authenticates with
a token, not the session: the organisation walks and the provider walk between regions walk it too,
each user with a token of its own (tests/core/api_walk.py).
"""

import hashlib
import io
import itertools
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from accounting.models import ReportJob, SettlementGroup, SpukBudgetLine
from accounting.services.awards import budget_grant_make
from allocations.bsn import decrypt_bsn, mask_bsn
from allocations.models import BudgetRequest, ClientRegistration, ForecastSubmission
from api.models import ApiToken
from core.health import heartbeat_beat
from core.models import Municipality, Organisation, Provider
from core.roles import Role
from core.services import user_create_or_update
from fund.models import BudgetCircular, Fund, Tranche
from norms.models import Action, Area, InspectionReport
from notifications.models import Notification
from proposals.models import (
    AgendaItem,
    Attachment,
    Award,
    DecisionLetter,
    Meeting,
    PerformanceIndicator,
    Proposal,
)
from tests.core.api_walk import API, api_pools, api_walk

OWN, OTHER = "jeugdhulp-rijnland", "ggz-leiden-jeugd"
LOGIN_PATHS = ("/accounts/login/", "/beheer/login/")
JOINT_PAGES_LIST_EVERY_PROVIDER = {"proposals:create", "proposals:edit"}  # the co-applicant choice
# The `action` of a URL selects a booking; each view's own actions are tried (an unknown one is a 404 anyway).
ACTIONS = {
    "accounting:book": [
        "charge",
        "receipt",
        "commit",
        "payment",
        "refund",
        "exchange",
        "reverse",
        "expense",
    ],
    "accounting:provider_grant_book": ["betaling", "vrijval"],
}


@dataclass(frozen=True)
class Foreign:
    """What the other providers' pages show: text that must not reach 'aanbieder'."""

    names: dict[str, str]  # name -> provider slug
    secrets: dict[str, str]  # KvK, AGB, BSN, foreign proposal reference -> what it is

    def found(self, text: str, allowed_names: set[str]) -> list[str]:
        hits = [what for marker, what in self.secrets.items() if marker in text]
        return hits + [
            f"naam van {slug}"
            for name, slug in self.names.items()
            if name in text and slug not in allowed_names
        ]


def _foreign(me: Provider) -> Foreign:
    names, secrets = {}, {}
    for provider in Provider.objects.exclude(pk=me.pk):
        names[provider.name.removesuffix(" (demo)")] = provider.slug
        secrets[provider.kvk_number] = f"KvK van {provider.slug}"
        secrets[provider.agb_code] = f"AGB van {provider.slug}"
    for registration in ClientRegistration.objects.exclude(provider=me).exclude(bsn_encrypted=""):
        bsn = decrypt_bsn(registration.bsn_encrypted)
        secrets[bsn] = f"BSN van een cliënt van {registration.provider.slug}"
        secrets[mask_bsn(bsn)] = f"BSN-einde van een cliënt van {registration.provider.slug}"
    for proposal in (
        Proposal.objects.filter(applicants__isnull=False).exclude(applicants=me).distinct()
    ):
        secrets[proposal.reference] = f"voorstel {proposal.reference} van een andere aanbieder"
    assert len(names) == 2 and len(secrets) > 10, "the demo changed: the test would prove little"
    return Foreign(names=names, secrets=secrets)


def _pools(me: Provider, job: ReportJob) -> dict[str, list]:
    """Candidate values per URL parameter: records that are not the provider's own."""
    not_mine = list(Proposal.objects.exclude(applicants=me).select_related("fund").order_by("pk"))
    # Every proposal of another provider, and two SPUK projects (filed by regions) for the rest.
    proposals = [p for p in not_mine if p.fund.kind != Fund.Kind.SPUK]
    spuk = [p for p in not_mine if p.fund.kind == Fund.Kind.SPUK]
    proposals += [
        next(p for p in spuk if p.status == "draft"),
        next(p for p in spuk if p.awards.exists()),
    ]
    ids = {
        *BudgetRequest.objects.exclude(provider=me).values_list("pk", flat=True),
        *ClientRegistration.objects.exclude(provider=me)
        .order_by("pk")
        .values_list("pk", flat=True)[:2],
        *(p.pk for p in proposals),
        *Meeting.objects.values_list("pk", flat=True),
        *AgendaItem.objects.filter(proposal__in=proposals).values_list("pk", flat=True),
        *PerformanceIndicator.objects.filter(goal__proposal__in=proposals).values_list(
            "pk", flat=True
        ),
        *SettlementGroup.objects.values_list("pk", flat=True),
        *Action.objects.exclude(owner_provider=me).values_list(
            "pk", flat=True
        ),  # actions of the norms' plans
        *InspectionReport.objects.values_list("pk", flat=True),
        job.pk,
    }
    other_forecasts = ForecastSubmission.objects.exclude(provider=me).order_by("year", "month")
    years = {
        f.tranches.order_by("year").values_list("year", flat=True).first()
        for f in Fund.objects.all()
    }
    return {
        # A slug names a provider under /budgetten/ (the own one too: others' records under it), else a fund.
        "provider_slug": list(Provider.objects.order_by("pk").values_list("slug", flat=True)),
        "area_slug": list(
            Area.objects.order_by("pk").values_list("slug", flat=True)
        ),  # the norms' areas
        "fund_slug": list(Fund.objects.order_by("pk").values_list("slug", flat=True)),
        "pk": sorted(ids),
        "year": sorted(years | {f.year for f in other_forecasts[:1]}),
        "fmt": ["pdf", "xlsx", "csv"],
        "month_label": sorted({f"{f.year}-{f.month:02d}" for f in other_forecasts[:1]}),
        "number": list(
            Award.objects.filter(proposal__in=proposals).values_list("number", flat=True)
        ),
        "version": sorted(set(DecisionLetter.objects.values_list("version", flat=True))),
        "line_pk": list(SpukBudgetLine.objects.order_by("pk").values_list("pk", flat=True)[:2]),
        "attachment_pk": [1],  # the demo has no attachments: any id must be refused
        # The admin refuses a non-staff user as a whole: one record of another provider will do.
        "object_id": [str(Provider.objects.get(slug=OTHER).pk)],
        "content_type_id": ["1"],
        "app_label": [config.label for config in apps.get_app_configs()],
        "url": ["onbekend/"],  # the admin's catch-all
        "uidb64": ["MQ"],
        "token": ["ongeldig"],  # the invitation link to set a password
    }


def _candidates(pools: dict[str, list], route: str, url_name: str, param: str) -> list:
    if param == "slug":
        if route.startswith("normen/"):
            return pools["area_slug"]
        return pools["provider_slug" if route.startswith("budgetten/") else "fund_slug"]
    if param == "action":
        assert url_name in ACTIONS, (
            f"{route}: which actions does {url_name} take? add them to ACTIONS"
        )
        return ACTIONS[url_name]
    if param == "id":  # the admin's password form of a user
        return pools["object_id"]
    assert param in pools, f"{route}: no candidates for <{param}>; add them to _pools"
    return pools[param]


def _patterns(
    resolver=None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """Every URL pattern of the project: full route, name, pattern; through every include."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner)
        else:
            yield (
                prefix + str(pattern.pattern),
                ":".join(filter(None, [namespace, pattern.name or ""])),
                pattern,
            )


def _site_patterns() -> Iterator[tuple[str, str, URLPattern]]:
    """Every pattern but the JSON API's: its routes authenticate with a token, not the session, and
    are walked with each user's token (tests/core/api_walk.py)."""
    return (p for p in _patterns() if not p[0].startswith(API))


# A route parameter (<int:pk>), a named regex group (admin: (?P<app_label>...)) or an unnamed one.
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\([^)]*\)")


def _urls(route: str, url_name: str, pools: dict[str, list]) -> Iterator[str]:
    """The route filled with every combination of candidates that resolves to this same pattern."""
    parts = _PARAM.split(route)
    texts = [text.replace("^", "").replace("$", "") for text in parts[0::3]]
    params = [
        name or group or "object_id" for name, group in zip(parts[1::3], parts[2::3], strict=True)
    ]
    for values in itertools.product(*(_candidates(pools, route, url_name, p) for p in params)):
        url = "/" + "".join(
            t + str(v) for t, v in itertools.zip_longest(texts, values, fillvalue="")
        )
        try:
            match = resolve(url)
        except Resolver404:
            continue  # e.g. an app label without admin pages
        if match.route.replace("^", "") == route.replace(
            "^", ""
        ):  # not a neighbour that matches too
            yield url


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8", errors="replace")


def _allowed_names(response, url_name: str, me: Provider) -> set[str]:
    """The providers a page may name: the co-applicants of the provider's own proposals it shows."""
    if url_name in JOINT_PAGES_LIST_EVERY_PROVIDER:
        return set(Provider.objects.values_list("slug", flat=True))
    proposals = Proposal.objects.none()
    if url_name == "proposals:list":
        proposals = Proposal.objects.filter(applicants=me)
    elif response.context is not None and isinstance(response.context.get("proposal"), Proposal):
        proposals = Proposal.objects.filter(pk=response.context.get("proposal").pk, applicants=me)
    elif (
        url_name == "proposals:letter_pdf"
    ):  # a PDF has no template context: the proposal is in its URL
        proposals = Proposal.objects.filter(
            pk=resolve(response.wsgi_request.path).kwargs["pk"], applicants=me
        )
    return set(Provider.objects.filter(proposals__in=proposals).values_list("slug", flat=True))


def _judge(
    client, method: str, url: str, foreign: Foreign, me: Provider | None, hops: int = 0
) -> str | None:
    """None when the answer shows nothing of another provider, else what it shows."""
    response = getattr(client, method)(url)
    status = response.status_code
    if status in (403, 404, 405):
        return None
    if status == 401 and urlsplit(url).path.startswith("/api/"):
        return None  # the API takes tokens only, not the session (its token walk: tests/api)
    if status in (301, 302):
        target = urlsplit(response["Location"])
        if target.path in LOGIN_PATHS:
            return None
        if (
            hops > 1 or target.netloc
        ):  # a refusal, or a page of the user's own judged below (two hops at most)
            return f"{status} naar {response['Location']}"
        return _judge(
            client,
            "get",
            target.path + (f"?{target.query}" if target.query else ""),
            foreign,
            me,
            hops + 1,
        )
    if status != 200:
        return f"status {status}"
    allowed = (
        _allowed_names(response, resolve(urlsplit(url).path).view_name, me)
        if me is not None
        else set()
    )
    return ", ".join(foreign.found(_text(response), allowed)) or None


def _row_counts() -> dict[str, int]:
    skip = {
        "sessions",
        "axes",
        "django_q",
        "admin",
    }  # logins and the admin's own log are not our data
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in skip
    }


@pytest.mark.django_db
def test_a_provider_sees_nothing_of_another_provider_at_any_url(demo, client, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")  # thousands of expected 403/404s
    users = get_user_model().objects
    me, aanbieder = Provider.objects.get(slug=OWN), users.get(username="aanbieder")
    job = ReportJob.objects.create(
        kind="fund_overview",
        params={"fund": Fund.objects.first().slug, "format": "pdf"},
        created_by=users.get(username="two"),
    )
    foreign, pools = _foreign(me), _pools(me, job)

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    # The markers are real: the other provider's own pages (HTML, PDF, XLSX) show them.
    login(users.get(username="aanbieder-ggz"))
    for url in (
        f"/budgetten/aanbieder/{OTHER}/",
        f"/budgetten/aanbieder/{OTHER}/prognoserapportage-2016.pdf",
        f"/budgetten/aanbieder/{OTHER}/prognose/export.xlsx",
    ):
        assert "naam van ggz-leiden-jeugd" in foreign.found(_text(client.get(url)), set()), url
    assert "BSN-einde van een cliënt van ggz-leiden-jeugd" in foreign.found(
        _text(client.get(f"/budgetten/aanbieder/{OTHER}/")), set()
    )

    login(aanbieder)
    heartbeat_beat(host="worker")  # a worker is up: /health/ answers 200 and its body is judged too
    before = _row_counts()
    leaks, tried = [], set()
    for route, url_name, _pattern in _site_patterns():
        for url in _urls(route, url_name, pools):
            tried.add(route)
            for method in ("get", "post"):
                problem = _judge(client, method, url, foreign, me)
                if problem:
                    leaks.append(f"{method.upper()} {url}: {problem}")
                if "_auth_user_id" not in client.session:  # a logout URL
                    login(aanbieder)

    assert leaks == []
    assert {
        route for route, _name, _pattern in _site_patterns()
    } - tried == set()  # every pattern was tried
    assert _row_counts() == before  # and nothing was written


# -- every role against another organisation (issue 13) --------------------------------------------
# The same walk, as one user of each role, filled with the records of an organisation the user does
# not work for. The markers are what those records show (fund names, proposal references and titles,
# contribution amounts, BSNs, municipality names in a vote); none may reach the user.

TF, KNELPUNTEN, SPUK = (
    "tijdelijk-fonds-holland-rijnland",
    "knelpunten-zin-2016",
    "spuk-bren-zuid-west",
)
MIDDEN_HOLLAND = "transformatiefonds-midden-holland-demo"
# The norms' other supra-regional area; Rotterdam coordinates Zuid-West and sees its regions' areas.
NH = "noord-holland-amsterdam"


def _fund_markers(*slugs: str) -> dict[str, str]:
    markers = {}
    for fund in Fund.objects.filter(slug__in=slugs):
        markers[fund.name] = f"naam van {fund.slug}"
        for proposal in fund.proposals.all():
            markers[proposal.reference] = f"voorstel {proposal.reference} van {fund.slug}"
            markers[proposal.title] = f"titel van {proposal.reference} ({fund.slug})"
    return markers


def _bsn_markers(*slugs: str) -> dict[str, str]:
    markers = {}
    for registration in ClientRegistration.objects.filter(fund__slug__in=slugs).exclude(
        bsn_encrypted=""
    ):
        bsn = decrypt_bsn(registration.bsn_encrypted)
        markers[bsn] = f"BSN van een cliënt in {registration.fund.slug}"
        markers[mask_bsn(bsn)] = f"BSN-einde van een cliënt in {registration.fund.slug}"
    return markers


# Which record each `pk` of a URL names, by URL name: a pool holds the other organisation's records
# of that one kind only, so that an empty POST can never reach one of the user's own records (a
# shared pool once closed a vote of the user's own meeting). A new URL with a pk must be added here.
PK_KINDS = {
    "core:member_role": "member",
    "core:member_remove": "member",
    **{
        f"proposals:{name}": "proposal"
        for name in (
            "detail",
            "edit",
            "transition",
            "goal_add",
            "attachment_add",
            "attachment",
            "screening",
            "consent",
            "advice",
            "decide",
            "letter_issue",
            "letter_pdf",
            "rejection_letter_issue",
            "rejection_letter_pdf",
        )
    },
    "proposals:meeting": "meeting",
    "proposals:meeting_overview_pdf": "meeting",
    "proposals:meeting_overview_xlsx": "meeting",
    "proposals:item": "agenda_item",
    "proposals:item_close": "agenda_item",
    "allocations:bsn_reveal": "client",
    "allocations:request": "budget_request",
    "accounting:region_report": "proposal",
    "accounting:award_make": "proposal",
    "accounting:indicator_result": "indicator",
    "accounting:job": "job",
    "accounting:job_status": "job",
    "accounting:job_download": "job",
    "accounting:provider_grant": "budget_request",
    "accounting:provider_grant_book": "budget_request",
    "accounting:settlement": "settlement",
    "accounting:settlement_download": "settlement",
    "accounting:settlement_confirm": "settlement",
    "norms:action": "action",
    "norms:inspection": "inspection",
    "notifications:open": "notification",
    "notifications:mark": "notification",
    "api_token_revoke": "api_token",
    "api:fund-detail": "fund_pk",
    "api:circular-detail": "circular",
    "api:proposal-detail": "proposal",
    "api:meeting-detail": "meeting",
    "api:award-detail": "award",
}
SLUG_KINDS = {
    "budgetten/": "provider",
    "normen/": "area",
    "organisaties/": "organisation",
    "accounts/sso/": "organisation",  # the login through an organisation's own provider
}  # else a fund
PER_PATTERN = (
    3  # URLs tried per pattern: a sample of the other organisation's records, not every combination
)


def _kind(route: str, url_name: str, param: str) -> str:
    if param == "slug":
        return next(
            (kind for prefix, kind in SLUG_KINDS.items() if route.startswith(prefix)), "fund"
        )
    if param == "fund_slug":
        return "fund"
    if param == "pk":
        assert url_name in PK_KINDS, (
            f"{route}: which record does <pk> of {url_name} name? add it to PK_KINDS"
        )
        return PK_KINDS[url_name]
    if param == "id":  # the admin's password form of a user
        return "object_id"
    if param == "action":
        assert url_name in ACTIONS, (
            f"{route}: which actions does {url_name} take? add them to ACTIONS"
        )
        return url_name
    return param


@dataclass
class Other:
    """Another organisation's records, as the URL parameters name them."""

    funds: list[str]  # fund slugs
    proposals: list  # Proposal records (of those funds, or other regions' SPUK projects)
    areas: list[
        str
    ]  # norms areas (a region's, or a supra-regional area the user does not coordinate)
    organisations: list[str]  # organisation slugs: the member pages
    users: list[str]  # usernames: their memberships, notifications and report jobs


def _pick(queryset, n: int = PER_PATTERN) -> list:
    return list(queryset[:n])


def _typed_pools(other: Other) -> dict[str, list]:
    """Candidates per kind of record: the other organisation's only, a few of each (awarded proposals
    first, so that a proposal and its award number go together in the sample)."""
    funds = Fund.objects.filter(slug__in=other.funds)
    proposals = sorted(other.proposals, key=lambda p: (not p.awards.exists(), p.pk))
    proposal_ids = [p.pk for p in proposals]
    users = get_user_model().objects.filter(username__in=other.users)
    jobs = ReportJob.objects.filter(created_by__in=users).order_by("pk")
    areas = Area.objects.filter(slug__in=other.areas).order_by("pk")
    budget_requests = BudgetRequest.objects.filter(fund__in=funds).order_by("pk")
    forecasts = ForecastSubmission.objects.filter(
        provider__in=budget_requests.values("provider")
    ).order_by("year", "month")
    years = sorted(set(Tranche.objects.filter(fund__in=funds).values_list("year", flat=True)))
    pools = {
        "fund": other.funds,
        "fund_pk": _pick(funds.order_by("pk").values_list("pk", flat=True)),
        "circular": _pick(BudgetCircular.objects.order_by("-pk").values_list("pk", flat=True)),
        "award": _pick(
            Award.objects.filter(proposal__in=proposal_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "api_token": _pick(
            ApiToken.objects.filter(user__in=users).order_by("pk").values_list("pk", flat=True)
        ),
        "proposal": [p.pk for p in proposals[:PER_PATTERN]],
        "meeting": _pick(
            Meeting.objects.filter(fund__in=funds).order_by("-pk").values_list("pk", flat=True)
        ),
        "agenda_item": _pick(
            AgendaItem.objects.filter(proposal__in=proposal_ids)
            .order_by("-pk")
            .values_list("pk", flat=True)
        ),
        "indicator": _pick(
            PerformanceIndicator.objects.filter(goal__proposal__in=proposal_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "budget_request": _pick(budget_requests.values_list("pk", flat=True)),
        "client": _pick(
            ClientRegistration.objects.filter(fund__in=funds)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "settlement": _pick(
            SettlementGroup.objects.filter(fund__in=funds)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "job": _pick(jobs.values_list("pk", flat=True)),
        "member": _pick(
            users.filter(memberships__organisation__slug__in=other.organisations)
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        ),
        "organisation": other.organisations,
        "notification": _pick(
            Notification.objects.filter(user__in=users).order_by("pk").values_list("pk", flat=True)
        ),
        "area": list(areas.values_list("slug", flat=True)),
        "action": _pick(
            Action.objects.filter(plan__area__in=areas).order_by("pk").values_list("pk", flat=True)
        ),
        "inspection": _pick(
            InspectionReport.objects.filter(area__in=areas)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        # A provider that has requests in the other organisation's funds (it may work in the user's region too).
        "provider": list(
            Provider.objects.filter(pk__in=budget_requests.values("provider"))
            .order_by("pk")
            .values_list("slug", flat=True)
        ),
        "year": years[:2] + [year for year in (2017,) if year not in years[:2]],
        "fmt": ["pdf", "xlsx", "csv"],
        "month_label": [f"{f.year}-{f.month:02d}" for f in forecasts[:1]],
        "number": [a.number for p in proposals[:PER_PATTERN] for a in p.awards.order_by("pk")[:1]],
        "version": [1, 2],
        "line_pk": _pick(
            SpukBudgetLine.objects.filter(division__fund__in=funds)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "attachment_pk": _pick(
            Attachment.objects.filter(proposal__in=proposal_ids).values_list("pk", flat=True)
        ),
        "object_id": [str(funds.order_by("pk").first().pk)],
        "content_type_id": ["1"],
        "app_label": [config.label for config in apps.get_app_configs()],
        "url": ["onbekend/"],
        "uidb64": ["MQ"],
        "token": ["ongeldig"],
        **ACTIONS,
    }
    # A kind without records of the other organisation is tried with an id that names nothing (it must be refused).
    return {kind: values or [999_999] for kind, values in pools.items()}


def _sample(route: str, url_name: str, pools: dict[str, list]) -> list[str]:
    """At most PER_PATTERN URLs of one pattern: the i-th candidate of every parameter together (so
    every parameter's first candidates are tried), and when none of those resolves to this pattern
    (the admin's app labels), the first combination that does."""
    parts = _PARAM.split(route)
    texts = [text.replace("^", "").replace("$", "") for text in parts[0::3]]
    params = [
        name or group or "object_id" for name, group in zip(parts[1::3], parts[2::3], strict=True)
    ]
    lists = [pools[_kind(route, url_name, param)] for param in params]

    def url_of(values) -> str | None:
        url = "/" + "".join(
            t + str(v) for t, v in itertools.zip_longest(texts, values, fillvalue="")
        )
        try:
            match = resolve(url)
        except Resolver404:
            return None
        return url if match.route.replace("^", "") == route.replace("^", "") else None

    rows = [
        tuple(values[i % len(values)] for values in lists)
        for i in range(max(map(len, lists), default=1))
    ]
    urls = list(dict.fromkeys(filter(None, map(url_of, rows))))
    if not urls:
        urls = list(itertools.islice(filter(None, map(url_of, itertools.product(*lists))), 1))
    return urls[
        : 1 if route.startswith("beheer/") else PER_PATTERN
    ]  # the admin refuses a non-superuser as a whole


# A user's own notifications and e-mail settings: "alles gelezen" and the settings form change them
# with an empty POST, and they name no other organisation's record; the API walk's own tokens (made
# for the walk, their last use noted). Every other row must stay as it was.
OWN_STATE = {"notifications.Notification", "notifications.Preference", "api.ApiToken"}


def _fingerprint() -> dict[str, dict]:
    """Per table, per row: a checksum of its values, so that an update shows as well as a new row.
    Logins change a user's last_login, the sessions and the lock-out's log; those are not our data."""
    skip = {"sessions", "axes", "django_q", "admin"}
    result = {}
    for model in apps.get_models():
        if model._meta.app_label in skip or model._meta.label == "core.WorkerHeartbeat":
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        owner = "user_id" if model._meta.label in OWN_STATE else None
        result[model._meta.label] = {
            row[0]: (
                row[fields.index(owner)] if owner else None,
                hashlib.sha1(repr(row).encode()).hexdigest(),
            )
            for row in model._default_manager.order_by().values_list(*fields)
        }
    return result


def _written(before: dict, after: dict, walkers: set[int]) -> list[str]:
    """What changed: table and row ids, leaving out the walking users' own notification state."""
    changes = []
    for label, rows in before.items():
        new = after[label]
        changed = {pk for pk in rows.keys() | new.keys() if rows.get(pk) != new.get(pk)}
        changed = {pk for pk in changed if (rows.get(pk) or new.get(pk))[0] not in walkers}
        if changed:
            changes.append(
                f"{label}: rij(en) {sorted(changed)[:10]} gewijzigd of nieuw ({len(changed)})"
            )
    return changes


def _walk(
    client,
    user,
    markers: dict[str, str],
    pools: dict[str, list],
    allowed: dict[str, set[str]] | None = None,
) -> tuple[int, list[str]]:
    """Every URL pattern, GET and empty POST, as `user`: (number of requests, leaks). `allowed`: per
    URL name, the markers (by what they are) that page may show."""
    foreign = Foreign(names={}, secrets=markers)

    def login():
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    login()
    requests, leaks, tried = 0, [], set()
    for route, url_name, _pattern in _site_patterns():
        for url in _sample(route, url_name, pools):
            tried.add(route)
            for method in ("get", "post"):
                requests += 1
                problem = _judge(client, method, url, foreign, None)
                if problem and allowed:
                    ok = allowed.get(resolve(urlsplit(url).path).view_name, set())
                    problem = ", ".join(hit for hit in problem.split(", ") if hit not in ok)
                if problem:
                    leaks.append(f"{user.username} {method.upper()} {url}: {problem}")
                if "_auth_user_id" not in client.session:
                    login()
    untried = {route for route, _name, _pattern in _site_patterns()} - tried
    assert untried == set(), f"{user.username}: not every pattern was tried: {untried}"
    return requests, leaks


def _shows(client, user, url: str, markers: dict[str, str]) -> bool:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return bool(
        Foreign(names={}, secrets=markers).found(_text(client.get(url, follow=True)), set())
    )


def _organisation_scenarios(client) -> list[tuple]:
    """(user, markers they must not see, the other organisation's records) per role; checks that the
    markers are real (their owners see them)."""
    users = get_user_model().objects
    two, two_mh = users.get(username="two"), users.get(username="two-midden-holland")
    beheer_hr = users.get(username="beheer-holland-rijnland")
    rotterdam, region_mh = (
        users.get(username="rotterdam"),
        users.get(username="regio-midden-holland"),
    )
    pho_hr = users.get(username="pho-leiden")
    # A portefeuillehouder of Midden-Holland (the demo has none: its fund has no PHO meeting yet).
    pho_mh = user_create_or_update(
        username="pho-gouda",
        role=Role.PORTFOLIO_HOLDER,
        password="x",
        municipality=Municipality.objects.get(cbs_code="GM0513"),
    )
    hr_proposals = list(Proposal.objects.filter(fund__slug__in=[TF, KNELPUNTEN]))
    mh_proposals = list(Proposal.objects.filter(fund__slug=MIDDEN_HOLLAND))
    spuk_proposals = list(Proposal.objects.filter(fund__slug=SPUK))
    other_regions = [
        p
        for p in spuk_proposals
        if p.filing_region is None or p.filing_region.slug != "midden-holland"
    ]
    for owner, fund in (
        (two, TF),
        (two_mh, MIDDEN_HOLLAND),
        (rotterdam, SPUK),
    ):  # a report job of each organisation
        ReportJob.objects.create(
            kind="fund_overview", params={"fund": fund, "format": "pdf"}, created_by=owner
        )
    hr_office, mh_office = (
        Organisation.objects.get(kind="office", region__slug=s)
        for s in ("holland-rijnland", "midden-holland")
    )
    rotterdam_org = Organisation.objects.get(kind="municipality", municipality__cbs_code="GM0599")

    mh_amounts = {
        f"{c.amount.amount:,.0f}".replace(
            ",", "."
        ): f"bijdrage van {c.municipality.name} aan Midden-Holland"
        for c in Fund.objects.get(slug=MIDDEN_HOLLAND)
        .tranches.get()
        .contributions.select_related("municipality")
    }
    hr_votes = {
        name: f"stem van {name}"
        for name in ("Kaag en Braassem", "Hillegom", "Zoeterwoude", "Teylingen")
    }
    hr_markers = {
        **_fund_markers(TF, KNELPUNTEN),
        **_bsn_markers(KNELPUNTEN),
        "GGZ Leiden Jeugd": "aanbieder die alleen in Holland Rijnland werkt",
        "LVB Zorg Bollenstreek": "aanbieder die alleen in Holland Rijnland werkt",
    }
    mh_markers = {
        **_fund_markers(MIDDEN_HOLLAND),
        **mh_amounts,
        "Gezinshuizen in Midden-Holland": "PxQ-aanvraag in Midden-Holland",
    }
    mh_members = {
        "two-midden-holland": "gebruiker van TWO Midden-Holland",
        "Goudriaan": "naam van een medewerker in Midden-Holland",
    }
    spuk_markers = _fund_markers(SPUK)
    other_reports = {
        p.reference: f"project {p.reference} van {p.filing_region}" for p in other_regions
    }

    # The markers are real: the owners see them.
    assert _shows(client, two_mh, "/fondsen/", _fund_markers(MIDDEN_HOLLAND))
    assert _shows(client, two_mh, f"/fondsen/{MIDDEN_HOLLAND}/", mh_amounts)
    mh_request = BudgetRequest.objects.get(fund__slug=MIDDEN_HOLLAND)
    assert _shows(
        client,
        two_mh,
        f"/budgetten/aanbieder/{mh_request.provider.slug}/aanvragen/{mh_request.pk}/",
        {"Gezinshuizen in Midden-Holland": "PxQ"},
    )
    assert _shows(client, two, "/budgetten/aanbieder/ggz-leiden-jeugd/", _bsn_markers(KNELPUNTEN))
    assert _shows(client, two, "/fondsen/", _fund_markers(TF))
    assert _shows(
        client,
        pho_hr,
        f"/voorstellen/agendapunten/{AgendaItem.objects.filter(meeting__fund__slug=TF, votes__isnull=False).first().pk}/",
        hr_votes,
    )
    assert _shows(client, rotterdam, "/voorstellen/", spuk_markers)
    assert _shows(client, rotterdam, "/boekhouding/verslagen/", other_reports)
    assert len(hr_markers) > 20 and len(mh_markers) > 5 and len(other_reports) > 3

    not_hr = Other(
        funds=[MIDDEN_HOLLAND, SPUK],
        proposals=mh_proposals + spuk_proposals,
        areas=["midden-holland", NH],
        organisations=[mh_office.slug, rotterdam_org.slug],
        users=["two-midden-holland", "rotterdam"],
    )
    not_mh = Other(
        funds=[TF, KNELPUNTEN, SPUK],
        proposals=hr_proposals + spuk_proposals,
        areas=["holland-rijnland", NH],
        organisations=[hr_office.slug, rotterdam_org.slug],
        users=["two", "beheer-holland-rijnland", "rotterdam", "pho-leiden"],
    )
    return [
        # who, what they must not see, the other organisation's records
        (two, {**mh_markers, **spuk_markers}, not_hr),
        (beheer_hr, {**mh_markers, **spuk_markers, **mh_members}, not_hr),
        (two_mh, {**hr_markers, **spuk_markers}, not_mh),
        (
            pho_mh,
            {**hr_markers, **hr_votes},
            Other(
                funds=[TF, KNELPUNTEN],
                proposals=hr_proposals,
                areas=["holland-rijnland", NH],
                organisations=[hr_office.slug],
                users=["two", "pho-leiden"],
            ),
        ),
        (
            pho_hr,
            mh_markers,
            Other(
                funds=[MIDDEN_HOLLAND],
                proposals=mh_proposals,
                areas=["midden-holland", NH],
                organisations=[mh_office.slug],
                users=["two-midden-holland"],
            ),
        ),
        (
            region_mh,
            {**other_reports, **_fund_markers(TF)},
            Other(
                funds=[SPUK, TF],
                proposals=other_regions,
                areas=["holland-rijnland", NH],
                organisations=[hr_office.slug, rotterdam_org.slug],
                users=["two", "regio-holland-rijnland"],
            ),
        ),
        (
            rotterdam,
            {**hr_markers, **mh_markers},
            Other(
                funds=[TF, KNELPUNTEN, MIDDEN_HOLLAND],
                proposals=hr_proposals + mh_proposals,
                areas=[NH],
                organisations=[hr_office.slug, mh_office.slug],
                users=["two", "two-midden-holland", "pho-leiden"],
            ),
        ),
    ]


@pytest.mark.django_db
def test_no_user_of_any_role_sees_or_changes_anything_of_another_organisation_at_any_url(
    demo, client, caplog
):
    caplog.set_level(logging.ERROR, logger="django.request")  # thousands of expected 403/404s
    started = time.monotonic()
    others = _organisation_scenarios(client)
    scenarios = [(user, markers, _typed_pools(other)) for user, markers, other in others]
    before = _fingerprint()
    total, leaks, lines = 0, [], []
    for (user, markers, pools), (_user, _markers, other) in zip(scenarios, others, strict=True):
        heartbeat_beat(
            host="worker"
        )  # a worker is up: /health/ answers 200 and its body is judged too
        requests, found = _walk(client, user, markers, pools)
        lines.append(f"{user.username}: {requests} requests, {len(found)} leaks")
        total += requests
        leaks += found
        # the JSON API, with the user's own token (issue 16)
        requests, found = api_walk(
            user, markers, api_pools(other.funds, other.proposals, pools["provider"]), _patterns()
        )
        lines.append(f"{user.username} (API-token): {requests} requests, {len(found)} leaks")
        total += requests
        leaks += found
    written = _written(
        before, _fingerprint(), walkers={user.pk for user, _markers, _pools in scenarios}
    )
    summary = (
        f"isolation between organisations: {total} requests, {len(leaks)} leaks, {len(written)} tables written, "
        f"{time.monotonic() - started:.0f} s"
    )
    print(summary, *lines, sep="\n  ")
    assert (leaks, written) == ([], []), "\n".join([summary, *lines, *leaks, *written])
    assert total > 3000, summary  # every pattern, as seven users


# -- a provider of one region against the other region's records (issue 13) -----------------------
# The demo's providers all work in Holland Rijnland. A provider that works only in Midden-Holland
# (made here, as the portefeuillehouder of Gouda above: the demo story has none) asks Midden-Holland's
# fund for a budget, gets it and forecasts it; its user walks every URL with Holland Rijnland's
# records, and a provider that works only in Holland Rijnland (GGZ Leiden Jeugd) walks them with
# Midden-Holland's. Neither may see the other region's providers, budgets, forecasts, BSNs or proposals.

MH_PROVIDER = {
    "slug": "jeugdzorg-gouwe-test",
    "name": "Jeugdzorg Gouwe",
    "kvk_number": "90000091",
    "agb_code": "98000091",
}
MH_REQUEST = "Wachtlijst ambulante begeleiding in Gouda en Waddinxveen (test)."
MH_FORECAST = "Prognose Gouwe: de wachtlijst in Gouda groeit door meer aanmeldingen (test)."


def _midden_holland_provider():
    """Jeugdzorg Gouwe, its user, a granted budget of 2016 from Midden-Holland's fund and a forecast of
    it above 105% (its intake stops); what it shows."""
    import datetime as dt
    from decimal import Decimal

    from allocations.models import Product, ProductCategory, Unit
    from allocations.services import budget_requests as request_services
    from allocations.services import forecasts as forecast_services
    from allocations.services import products as product_services
    from core.models import Region

    region = Region.objects.get(slug="midden-holland")
    provider = Provider.objects.create(region=region, **MH_PROVIDER)
    user = user_create_or_update(
        username="aanbieder-gouwe", role=Role.PROVIDER, password="x", provider=provider
    )
    staff = get_user_model().objects.get(username="two-midden-holland")
    fund = Fund.objects.get(slug=MIDDEN_HOLLAND)
    product = Product.objects.create(
        provider=provider,
        code="45A01",
        name="Ambulante begeleiding Gouwe",
        category=ProductCategory.AMBULATORY,
        unit=Unit.HOUR,
    )
    product_services.tariff_set(
        region=region,
        year=2016,
        product_code="45A01",
        unit=Unit.HOUR,
        price=Decimal("70"),
        user=staff,
    )
    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={product: Decimal("300")},
        fund=fund,
        user=user,
        motivation=MH_REQUEST,
        scaling_down="Afgeschaald naar het sociaal team (test).",
        referring_back="Terugverwezen naar de huisarts (test).",
        shortening="Evaluatie na acht weken (test).",
        demand_evidence="Meer aanmeldingen dan in 2015 (test).",
    )
    budget_grant_make(
        request=request, granted={request.lines.get().pk: Decimal("300")}, note="", user=staff
    )
    row = forecast_services.ForecastRow(
        product_code="45A01",
        units_delivered=Decimal("300"),
        clients_in_care=14,
        average_duration_weeks=Decimal("16"),
        expected_outflow=2,
        expected_units=Decimal("33"),
        waiting_list=9,
        waiting_weeks=Decimal("7"),
        trend="rising",
        regional_use_percent=Decimal("100"),
    )
    forecast_services.forecast_submit(
        provider=provider,
        year=2016,
        month=11,
        rows=[row],
        explanation=MH_FORECAST,
        source="web",
        user=user,
        today=dt.date(2016, 12, 5),
    )
    markers = {
        MH_PROVIDER["name"]: "aanbieder die alleen in Midden-Holland werkt",
        MH_PROVIDER["kvk_number"]: "KvK van de aanbieder in Midden-Holland",
        MH_PROVIDER["agb_code"]: "AGB van de aanbieder in Midden-Holland",
        MH_REQUEST: "PxQ-aanvraag van de aanbieder in Midden-Holland",
        MH_FORECAST: "prognose van de aanbieder in Midden-Holland",
        "Gezinshuizen in Midden-Holland": "PxQ-aanvraag in Midden-Holland",
    }
    return provider, user, markers


def _hr_provider_markers(me: Provider) -> dict[str, str]:
    """What Holland Rijnland's providers other than `me` show: names, KvK, AGB, BSNs, forecast texts."""
    from demo.budgets import EXPLANATION

    markers = {**_bsn_markers(KNELPUNTEN)}
    for provider in Provider.objects.filter(region__slug="holland-rijnland").exclude(pk=me.pk):
        markers[provider.name.removesuffix(" (demo)")] = f"naam van {provider.slug}"
        markers[provider.kvk_number] = f"KvK van {provider.slug}"
        markers[provider.agb_code] = f"AGB van {provider.slug}"
        if provider.slug in EXPLANATION:
            markers[EXPLANATION[provider.slug][:60]] = f"prognosetoelichting van {provider.slug}"
    return markers


@pytest.mark.django_db
def test_a_provider_of_one_region_sees_nothing_of_the_other_region_at_any_url(demo, client, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")  # thousands of expected 403/404s
    started = time.monotonic()
    users = get_user_model().objects
    gouwe, gouwe_user, mh_markers = _midden_holland_provider()
    ggz_user = users.get(username="aanbieder-ggz")
    ggz = Provider.objects.get(slug=OTHER)
    hr_office, mh_office = (
        Organisation.objects.get(kind="office", region__slug=s)
        for s in ("holland-rijnland", "midden-holland")
    )
    hr_markers = {**_hr_provider_markers(gouwe), **_fund_markers(TF, KNELPUNTEN)}

    # The markers are real: their owners see them.
    assert (
        _shows(
            client,
            gouwe_user,
            f"/budgetten/aanbieder/{gouwe.slug}/?jaar=2016",
            {k: v for k, v in mh_markers.items() if k != "Gezinshuizen in Midden-Holland"},
        )
        is True
    )
    two_mh = users.get(username="two-midden-holland")
    assert _shows(
        client, two_mh, f"/budgetten/aanbieder/{gouwe.slug}/?jaar=2016", {MH_FORECAST: "prognose"}
    )
    assert _shows(
        client, ggz_user, f"/budgetten/aanbieder/{OTHER}/?jaar=2016", _bsn_markers(KNELPUNTEN)
    )
    assert _shows(
        client,
        users.get(username="two"),
        "/budgetten/regio/?jaar=2016",
        {k: v for k, v in hr_markers.items() if "naam van" in v},
    )

    not_mh = Other(
        funds=[TF, KNELPUNTEN],
        proposals=list(Proposal.objects.filter(fund__slug__in=[TF, KNELPUNTEN])),
        areas=["holland-rijnland"],
        organisations=[hr_office.slug],
        users=["two", "aanbieder-ggz", "pho-leiden"],
    )
    not_hr = Other(
        funds=[MIDDEN_HOLLAND],
        proposals=list(Proposal.objects.filter(fund__slug=MIDDEN_HOLLAND)),
        areas=["midden-holland"],
        organisations=[mh_office.slug],
        users=["two-midden-holland", "aanbieder-gouwe"],
    )
    scenarios = [
        (gouwe_user, hr_markers, _typed_pools(not_mh)),
        (ggz_user, {**mh_markers, **_fund_markers(MIDDEN_HOLLAND)}, _typed_pools(not_hr)),
    ]
    assert gouwe.slug in scenarios[1][2]["provider"] and OTHER in scenarios[0][2]["provider"]
    assert ggz.pk != gouwe.pk
    # Any party may file a proposal with any fund (seed 002 §3.2): the proposal list offers every fund
    # open for proposals, and the form of a new proposal names that fund and offers every provider as a
    # co-applicant (JOINT_PAGES_LIST_EVERY_PROVIDER). Only names: never a budget, forecast, BSN or proposal.
    funds = {f"naam van {slug}" for slug in (TF, KNELPUNTEN, MIDDEN_HOLLAND)}
    providers = {
        what
        for what in {**hr_markers, **mh_markers}.values()
        if what.startswith("naam van ") or what == "aanbieder die alleen in Midden-Holland werkt"
    }
    allowed = {
        "proposals:list": funds,
        "proposals:create": funds | providers,
        "proposals:edit": funds | providers,
    }
    before = _fingerprint()
    total, leaks, lines = 0, [], []
    for (user, markers, pools), other in zip(scenarios, (not_mh, not_hr), strict=True):
        heartbeat_beat(host="worker")
        requests, found = _walk(client, user, markers, pools, allowed)
        lines.append(f"{user.username}: {requests} requests, {len(found)} leaks")
        total += requests
        leaks += found
        requests, found = api_walk(
            user, markers, api_pools(other.funds, other.proposals, pools["provider"]), _patterns()
        )
        lines.append(f"{user.username} (API-token): {requests} requests, {len(found)} leaks")
        total += requests
        leaks += found
    written = _written(
        before, _fingerprint(), walkers={user.pk for user, _markers, _pools in scenarios}
    )
    summary = (
        f"isolation of providers between regions: {total} requests, {len(leaks)} leaks, {len(written)} tables "
        f"written, {time.monotonic() - started:.0f} s"
    )
    print(summary, *lines, sep="\n  ")
    assert (leaks, written) == ([], []), "\n".join([summary, *lines, *leaks, *written])
    assert total > 800, summary  # every pattern, as two users
