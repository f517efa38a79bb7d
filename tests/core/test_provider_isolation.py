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
- the proposal forms (new and edit) offer every provider by name as a co-applicant to choose.
Only the names: a KvK or AGB number, a BSN or a foreign proposal's reference is never allowed.

The demo is loaded once and one client walks everything.
"""

import io
import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from accounting.models import ReportJob, SettlementGroup, SpukBudgetLine
from allocations.bsn import decrypt_bsn, mask_bsn
from allocations.models import BudgetRequest, ClientRegistration, ForecastSubmission
from core.health import heartbeat_beat
from core.models import Municipality, Provider
from core.roles import Role
from core.services import user_create_or_update
from fund.models import Fund, Tranche
from norms.models import Action, Area, InspectionReport
from proposals.models import (
    AgendaItem,
    Award,
    DecisionLetter,
    Meeting,
    PerformanceIndicator,
    Proposal,
)

OWN, OTHER = "jeugdhulp-rijnland", "ggz-leiden-jeugd"
LOGIN_PATHS = ("/accounts/login/", "/beheer/login/")
JOINT_PAGES_LIST_EVERY_PROVIDER = {"proposals:create", "proposals:edit"}  # the co-applicant choice
# The `action` of a URL selects a booking; each view's own actions are tried (an unknown one is a 404 anyway).
ACTIONS = {
    "accounting:book": ["charge", "receipt", "commit", "payment", "refund", "exchange", "reverse", "expense"],
    "accounting:provider_grant_book": ["betaling", "vrijval"],
}


@dataclass(frozen=True)
class Foreign:
    """What the other providers' pages show: text that must not reach 'aanbieder'."""

    names: dict[str, str]  # name -> provider slug
    secrets: dict[str, str]  # KvK, AGB, BSN, foreign proposal reference -> what it is

    def found(self, text: str, allowed_names: set[str]) -> list[str]:
        hits = [what for marker, what in self.secrets.items() if marker in text]
        return hits + [f"naam van {slug}" for name, slug in self.names.items()
                       if name in text and slug not in allowed_names]


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
    for proposal in Proposal.objects.filter(applicants__isnull=False).exclude(applicants=me).distinct():
        secrets[proposal.reference] = f"voorstel {proposal.reference} van een andere aanbieder"
    assert len(names) == 2 and len(secrets) > 10, "the demo changed: the test would prove little"
    return Foreign(names=names, secrets=secrets)


def _pools(me: Provider, job: ReportJob) -> dict[str, list]:
    """Candidate values per URL parameter: records that are not the provider's own."""
    not_mine = list(Proposal.objects.exclude(applicants=me).select_related("fund").order_by("pk"))
    # Every proposal of another provider, and two SPUK projects (filed by regions) for the rest.
    proposals = [p for p in not_mine if p.fund.kind != Fund.Kind.SPUK]
    spuk = [p for p in not_mine if p.fund.kind == Fund.Kind.SPUK]
    proposals += [next(p for p in spuk if p.status == "draft"), next(p for p in spuk if p.awards.exists())]
    ids = {
        *BudgetRequest.objects.exclude(provider=me).values_list("pk", flat=True),
        *ClientRegistration.objects.exclude(provider=me).order_by("pk").values_list("pk", flat=True)[:2],
        *(p.pk for p in proposals),
        *Meeting.objects.values_list("pk", flat=True),
        *AgendaItem.objects.filter(proposal__in=proposals).values_list("pk", flat=True),
        *PerformanceIndicator.objects.filter(goal__proposal__in=proposals).values_list("pk", flat=True),
        *SettlementGroup.objects.values_list("pk", flat=True),
        *Action.objects.exclude(owner_provider=me).values_list("pk", flat=True),  # actions of the norms' plans
        *InspectionReport.objects.values_list("pk", flat=True),
        job.pk,
    }
    other_forecasts = ForecastSubmission.objects.exclude(provider=me).order_by("year", "month")
    years = {f.tranches.order_by("year").values_list("year", flat=True).first() for f in Fund.objects.all()}
    return {
        # A slug names a provider under /budgetten/ (the own one too: others' records under it), else a fund.
        "provider_slug": list(Provider.objects.order_by("pk").values_list("slug", flat=True)),
        "area_slug": list(Area.objects.order_by("pk").values_list("slug", flat=True)),  # the norms' areas
        "fund_slug": list(Fund.objects.order_by("pk").values_list("slug", flat=True)),
        "pk": sorted(ids),
        "year": sorted(years | {f.year for f in other_forecasts[:1]}),
        "fmt": ["pdf", "xlsx", "csv"],
        "month_label": sorted({f"{f.year}-{f.month:02d}" for f in other_forecasts[:1]}),
        "number": list(Award.objects.filter(proposal__in=proposals).values_list("number", flat=True)),
        "version": sorted(set(DecisionLetter.objects.values_list("version", flat=True))),
        "line_pk": list(SpukBudgetLine.objects.order_by("pk").values_list("pk", flat=True)[:2]),
        "attachment_pk": [1],  # the demo has no attachments: any id must be refused
        # The admin refuses a non-staff user as a whole: one record of another provider will do.
        "object_id": [str(Provider.objects.get(slug=OTHER).pk)],
        "content_type_id": ["1"],
        "app_label": [config.label for config in apps.get_app_configs()],
        "url": ["onbekend/"],  # the admin's catch-all
        "uidb64": ["MQ"], "token": ["ongeldig"],  # the invitation link to set a password
    }


def _candidates(pools: dict[str, list], route: str, url_name: str, param: str) -> list:
    if param == "slug":
        if route.startswith("normen/"):
            return pools["area_slug"]
        return pools["provider_slug" if route.startswith("budgetten/") else "fund_slug"]
    if param == "action":
        assert url_name in ACTIONS, f"{route}: which actions does {url_name} take? add them to ACTIONS"
        return ACTIONS[url_name]
    if param == "id":  # the admin's password form of a user
        return pools["object_id"]
    assert param in pools, f"{route}: no candidates for <{param}>; add them to _pools"
    return pools[param]


def _patterns(resolver=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    """Every URL pattern of the project: full route, name, pattern; through every include."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), ":".join(filter(None, [namespace, pattern.name or ""])), pattern


# A route parameter (<int:pk>), a named regex group (admin: (?P<app_label>...)) or an unnamed one.
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\([^)]*\)")


def _urls(route: str, url_name: str, pools: dict[str, list]) -> Iterator[str]:
    """The route filled with every combination of candidates that resolves to this same pattern."""
    parts = _PARAM.split(route)
    texts = [text.replace("^", "").replace("$", "") for text in parts[0::3]]
    params = [name or group or "object_id" for name, group in zip(parts[1::3], parts[2::3], strict=True)]
    for values in itertools.product(*(_candidates(pools, route, url_name, p) for p in params)):
        url = "/" + "".join(t + str(v) for t, v in itertools.zip_longest(texts, values, fillvalue=""))
        try:
            match = resolve(url)
        except Resolver404:
            continue  # e.g. an app label without admin pages
        if match.route.replace("^", "") == route.replace("^", ""):  # not a neighbour that matches too
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
        return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
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
    return set(Provider.objects.filter(proposals__in=proposals).values_list("slug", flat=True))


def _judge(client, method: str, url: str, foreign: Foreign, me: Provider | None, hops: int = 0) -> str | None:
    """None when the answer shows nothing of another provider, else what it shows."""
    response = getattr(client, method)(url)
    status = response.status_code
    if status in (403, 404, 405):
        return None
    if status in (301, 302):
        target = urlsplit(response["Location"])
        if target.path in LOGIN_PATHS:
            return None
        if hops > 1 or target.netloc:  # a refusal, or a page of the user's own judged below (two hops at most)
            return f"{status} naar {response['Location']}"
        return _judge(client, "get", target.path + (f"?{target.query}" if target.query else ""), foreign, me, hops + 1)
    if status != 200:
        return f"status {status}"
    allowed = _allowed_names(response, resolve(urlsplit(url).path).view_name, me) if me is not None else set()
    return ", ".join(foreign.found(_text(response), allowed)) or None


def _row_counts() -> dict[str, int]:
    skip = {"sessions", "axes", "django_q", "admin"}  # logins and the admin's own log are not our data
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label not in skip}


@pytest.mark.django_db
def test_a_provider_sees_nothing_of_another_provider_at_any_url(demo, client, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")  # thousands of expected 403/404s
    users = get_user_model().objects
    me, aanbieder = Provider.objects.get(slug=OWN), users.get(username="aanbieder")
    job = ReportJob.objects.create(kind="fund_overview", params={"fund": Fund.objects.first().slug, "format": "pdf"},
                                   created_by=users.get(username="two"))
    foreign, pools = _foreign(me), _pools(me, job)

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    # The markers are real: the other provider's own pages (HTML, PDF, XLSX) show them.
    login(users.get(username="aanbieder-ggz"))
    for url in (f"/budgetten/aanbieder/{OTHER}/", f"/budgetten/aanbieder/{OTHER}/prognoserapportage-2016.pdf",
                f"/budgetten/aanbieder/{OTHER}/prognose/export.xlsx"):
        assert "naam van ggz-leiden-jeugd" in foreign.found(_text(client.get(url)), set()), url
    assert "BSN-einde van een cliënt van ggz-leiden-jeugd" in foreign.found(
        _text(client.get(f"/budgetten/aanbieder/{OTHER}/")), set())

    login(aanbieder)
    heartbeat_beat(host="worker")  # a worker is up: /health/ answers 200 and its body is judged too
    before = _row_counts()
    leaks, tried = [], set()
    for route, url_name, _pattern in _patterns():
        for url in _urls(route, url_name, pools):
            tried.add(route)
            for method in ("get", "post"):
                problem = _judge(client, method, url, foreign, me)
                if problem:
                    leaks.append(f"{method.upper()} {url}: {problem}")
                if "_auth_user_id" not in client.session:  # a logout URL
                    login(aanbieder)

    assert leaks == []
    assert {route for route, _name, _pattern in _patterns()} - tried == set()  # every pattern was tried
    assert _row_counts() == before  # and nothing was written


# -- every role against another organisation (issue 13) --------------------------------------------
# The same walk, as one user of each role, filled with the records of an organisation the user does
# not work for. The markers are what those records show (fund names, proposal references and titles,
# contribution amounts, BSNs, municipality names in a vote); none may reach the user.

TF, KNELPUNTEN, SPUK = "tijdelijk-fonds-holland-rijnland", "knelpunten-zin-2016", "spuk-bren-zuid-west"
MIDDEN_HOLLAND = "transformatiefonds-midden-holland-demo"


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
    for registration in ClientRegistration.objects.filter(fund__slug__in=slugs).exclude(bsn_encrypted=""):
        bsn = decrypt_bsn(registration.bsn_encrypted)
        markers[bsn] = f"BSN van een cliënt in {registration.fund.slug}"
        markers[mask_bsn(bsn)] = f"BSN-einde van een cliënt in {registration.fund.slug}"
    return markers


def _org_pools(funds: list[str], proposals, job: ReportJob | None) -> dict[str, list]:
    """Candidate values: the other organisation's records, a few of each kind."""
    funds_qs = Fund.objects.filter(slug__in=funds)
    proposals = list(proposals.order_by("pk")[:8])
    ids = {
        *(p.pk for p in proposals),
        *BudgetRequest.objects.filter(fund__in=funds_qs).order_by("pk").values_list("pk", flat=True)[:3],
        *ClientRegistration.objects.filter(fund__in=funds_qs).order_by("pk").values_list("pk", flat=True)[:2],
        *Meeting.objects.filter(fund__in=funds_qs).order_by("pk").values_list("pk", flat=True)[:3],
        *AgendaItem.objects.filter(proposal__in=proposals).order_by("pk").values_list("pk", flat=True)[:4],
        *PerformanceIndicator.objects.filter(goal__proposal__in=proposals).order_by("pk").values_list("pk", flat=True)[:2],
        *SettlementGroup.objects.filter(fund__in=funds_qs).values_list("pk", flat=True),
        *([job.pk] if job else []),
    }
    forecasts = ForecastSubmission.objects.order_by("year", "month")
    years = set(Tranche.objects.filter(fund__in=funds_qs).values_list("year", flat=True))
    return {
        "provider_slug": list(Provider.objects.order_by("pk").values_list("slug", flat=True)),
        "fund_slug": funds,
        "pk": sorted(ids),
        "year": sorted(years)[:2] + [2017],
        "fmt": ["pdf", "xlsx", "csv"],
        "month_label": sorted({f"{f.year}-{f.month:02d}" for f in forecasts[:1]}),
        "number": list(Award.objects.filter(proposal__in=proposals).values_list("number", flat=True)[:3]) or ["TF-2016-999"],
        "version": sorted(set(DecisionLetter.objects.values_list("version", flat=True))),
        "line_pk": list(SpukBudgetLine.objects.filter(division__fund__in=funds_qs).order_by("pk")
                        .values_list("pk", flat=True)[:2]) or [1],
        "attachment_pk": [1],
        "object_id": [str(Fund.objects.get(slug=funds[0]).pk)],
        "content_type_id": ["1"],
        "app_label": [config.label for config in apps.get_app_configs()],
        "url": ["onbekend/"],
        "uidb64": ["MQ"], "token": ["ongeldig"],
    }


def _walk(client, user, markers: dict[str, str], pools: dict[str, list]) -> tuple[int, list[str]]:
    """Every URL pattern, GET and empty POST, as `user`: (number of requests, leaks)."""
    foreign = Foreign(names={}, secrets=markers)

    def login():
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    login()
    requests, leaks, tried = 0, [], set()
    for route, url_name, _pattern in _patterns():
        for url in _urls(route, url_name, pools):
            tried.add(route)
            for method in ("get", "post"):
                requests += 1
                problem = _judge(client, method, url, foreign, None)
                if problem:
                    leaks.append(f"{user.username} {method.upper()} {url}: {problem}")
                if "_auth_user_id" not in client.session:
                    login()
    untried = {route for route, _name, _pattern in _patterns()} - tried
    assert untried == set(), f"{user.username}: not every pattern was tried: {untried}"
    return requests, leaks


def _shows(client, user, url: str, markers: dict[str, str]) -> bool:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return bool(Foreign(names={}, secrets=markers).found(_text(client.get(url, follow=True)), set()))


def _organisation_scenarios(client) -> list[tuple]:
    """(user, markers they must not see, records to try) per role; checks that the markers are real."""
    users = get_user_model().objects
    two, two_mh = users.get(username="two"), users.get(username="two-midden-holland")
    rotterdam, region_mh = users.get(username="rotterdam"), users.get(username="regio-midden-holland")
    pho_hr = users.get(username="pho-leiden")
    # A portefeuillehouder of Midden-Holland (the demo has none: its fund has no PHO meeting yet).
    pho_mh = user_create_or_update(username="pho-gouda", role=Role.PORTFOLIO_HOLDER, password="x",
                                   municipality=Municipality.objects.get(cbs_code="GM0513"))
    hr_proposals = Proposal.objects.filter(fund__slug__in=[TF, KNELPUNTEN])
    mh_proposals = Proposal.objects.filter(fund__slug=MIDDEN_HOLLAND)
    other_regions = Proposal.objects.filter(fund__slug=SPUK).exclude(filing_region__slug="midden-holland")
    job_hr = ReportJob.objects.create(kind="fund_overview", params={"fund": TF, "format": "pdf"}, created_by=two)
    job_mh = ReportJob.objects.create(kind="fund_overview", params={"fund": MIDDEN_HOLLAND, "format": "pdf"},
                                      created_by=two_mh)
    mh_amounts = {f"{c.amount.amount:,.0f}".replace(",", "."): f"bijdrage van {c.municipality.name} aan Midden-Holland"
                  for c in Fund.objects.get(slug=MIDDEN_HOLLAND).tranches.get().contributions.select_related("municipality")}
    hr_votes = {name: f"stem van {name}" for name in ("Kaag en Braassem", "Hillegom", "Zoeterwoude", "Teylingen")}
    hr_markers = {**_fund_markers(TF, KNELPUNTEN), **_bsn_markers(KNELPUNTEN),
                  "GGZ Leiden Jeugd": "aanbieder die alleen in Holland Rijnland werkt",
                  "LVB Zorg Bollenstreek": "aanbieder die alleen in Holland Rijnland werkt"}
    mh_markers = {**_fund_markers(MIDDEN_HOLLAND), **mh_amounts,
                  "Gezinshuizen in Midden-Holland": "PxQ-aanvraag in Midden-Holland"}
    spuk_markers = _fund_markers(SPUK)
    other_reports = {p.reference: f"project {p.reference} van {p.filing_region}" for p in other_regions}

    # The markers are real: the owners see them.
    assert _shows(client, two_mh, "/fondsen/", _fund_markers(MIDDEN_HOLLAND))
    assert _shows(client, two_mh, f"/fondsen/{MIDDEN_HOLLAND}/", mh_amounts)
    assert _shows(client, two, "/budgetten/aanbieder/ggz-leiden-jeugd/", _bsn_markers(KNELPUNTEN))
    assert _shows(client, two, "/fondsen/", _fund_markers(TF))
    assert _shows(client, pho_hr, f"/voorstellen/agendapunten/{AgendaItem.objects.filter(meeting__fund__slug=TF, votes__isnull=False).first().pk}/", hr_votes)
    assert _shows(client, rotterdam, "/voorstellen/", spuk_markers)
    assert _shows(client, rotterdam, "/boekhouding/verslagen/", other_reports)
    assert len(hr_markers) > 20 and len(mh_markers) > 5 and len(other_reports) > 3

    return [
        # who, what they must not see, the records tried
        (two, {**mh_markers, **spuk_markers}, _org_pools([MIDDEN_HOLLAND, SPUK], mh_proposals | Proposal.objects.filter(fund__slug=SPUK), job_mh)),
        (two_mh, {**hr_markers, **spuk_markers}, _org_pools([TF, KNELPUNTEN, SPUK], hr_proposals, job_hr)),
        (pho_mh, {**hr_markers, **hr_votes}, _org_pools([TF, KNELPUNTEN], hr_proposals, job_hr)),
        (pho_hr, mh_markers, _org_pools([MIDDEN_HOLLAND], mh_proposals, job_mh)),
        (region_mh, {**other_reports, **_fund_markers(TF)},
         _org_pools([SPUK, TF, MIDDEN_HOLLAND], other_regions, job_hr)),
        (rotterdam, {**hr_markers, **mh_markers}, _org_pools([TF, KNELPUNTEN, MIDDEN_HOLLAND], hr_proposals | mh_proposals, job_hr)),
    ]
