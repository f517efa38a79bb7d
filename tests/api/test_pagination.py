"""A page and the list's count in one query (api.pagination): the count, the pages and the errors a
client sees are those of Django's paginator."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import Paginator as WindowCountPaginator
from fund.models import Contribution

URL = "/api/v1/contributions/"


def test_walking_the_pages_gives_every_row_once_and_the_count(as_user):
    client = as_user("two")
    first = client.get(f"{URL}?page_size=7").json()
    seen, url, pages = [], f"{URL}?page_size=7", 0
    while url:
        body = client.get(url).json()
        assert body["count"] == first["count"]
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert len(seen) == len(set(seen)) == first["count"] > 7
    assert pages == -(-first["count"] // 7)


def test_the_count_comes_with_the_page_not_in_a_query_of_its_own(as_user):
    client = as_user("two")
    client.get(URL)  # the token's last_used is written once, before we count
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{URL}?page_size=5").status_code == 200
    assert not [q for q in queries if q["sql"].startswith('SELECT COUNT(*) AS "__count"')]
    assert any("OVER ()" in q["sql"] for q in queries)


def test_pages_past_the_end_or_not_a_page_are_404_in_dutch(as_user):
    client = as_user("two")
    count = client.get(URL).json()["count"]
    last = -(-count // 50)
    assert client.get(f"{URL}?page={last}").status_code == 200
    for page in (last + 1, 0, -3, "abc", 10**18):
        response = client.get(f"{URL}?page={page}")
        assert response.status_code == 404, page
        assert response.json() == {"detail": "Deze pagina bestaat niet."}


def test_an_empty_list_has_count_zero(as_user):
    body = as_user("two").get(f"{URL}?year=1900").json()
    assert (body["count"], body["results"], body["next"]) == (0, [], None)


def test_distinct_rows_are_counted_as_django_counts_them(demo_world, db):
    funds = Contribution.objects.values("tranche__fund_id").distinct().order_by("tranche__fund_id")
    expected = len(list(funds))
    assert Contribution.objects.count() > expected > 1
    page = WindowCountPaginator(funds, 1).page(1)
    assert (page.paginator.count, len(page.object_list)) == (expected, 1)
    plain = WindowCountPaginator(Contribution.objects.order_by("pk"), 10).page(2)
    assert plain.paginator.count == Contribution.objects.count()
    assert [c.pk for c in plain] == list(
        Contribution.objects.order_by("pk").values_list("pk", flat=True)[10:20]
    )
    assert all(not hasattr(c, "_rows_in_list") for c in plain)


def test_tuples_of_values_list_are_counted_as_django_counts_them(demo_world, db):
    pks = Contribution.objects.order_by("pk").values_list("pk", flat=True)
    page = WindowCountPaginator(pks, 3).page(2)
    assert page.paginator.count == Contribution.objects.count()
    assert list(page) == list(pks[3:6])
    pairs = Contribution.objects.order_by("pk").values_list("pk", "amount")
    assert list(WindowCountPaginator(pairs, 2).page(1)) == list(pairs[:2])
