"""URL converters with bounds (issue 12, hole 3): a year or an id out of range is a 404, never an
OverflowError from the database (`/boekhouding/prestaties/1/99999999999999999999/` was a 500)."""

from urllib.parse import quote

from django.urls import register_converter, reverse

MAX_ID = 2**63 - 1  # the largest bigint: PostgreSQL's and SQLite's integer columns


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("out of range")  # Django: no match, so a 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(YearConverter, "year")
register_converter(IdConverter, "id")


def id_url_maker(name: str, *args):
    """A function giving the URL `name` with `args` and then an id, for each row of a long list:
    the URL is resolved once (a `reverse` per row costs more than the rest of a row), and the id,
    an `id` converter's last part, is put in its place. Refuses a URL whose id is not its end."""
    marker = MAX_ID  # 19 digits: no slug or year of the other args looks like it at the end
    url = reverse(name, args=[*args, marker])
    head, tail = url.rsplit(str(marker), 1)
    if "/" in tail.rstrip("/"):
        raise ValueError(f"{name}: the id is not the URL's last part")
    return lambda pk: f"{head}{int(pk)}{tail}"


def slug_url_maker(name: str, *args):
    """As id_url_maker, for a route whose first part is a slug and whose other `args` are the
    same for every row (a provider's chart of a year): the slug, quoted, is put in its place."""
    marker = str(MAX_ID)  # a slug converter takes digits too
    url = reverse(name, args=[marker, *args])
    if url.count(marker) != 1:
        raise ValueError(f"{name}: the slug is not one part of the URL")
    head, tail = url.split(marker)
    return lambda slug: f"{head}{quote(str(slug), safe='')}{tail}"
