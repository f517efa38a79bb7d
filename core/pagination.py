"""A paginator that reads a page of a queryset and the number of rows of the whole list in one query,
for the site's lists (`?pagina=N`) and the API's (api.pagination).

The page's rows carry COUNT(*) OVER (), the number of rows the query finds before LIMIT. Django's
paginator asks a separate COUNT(*) first, which repeats the list's joins and visibility filters (on
the API's forecast list at national scale that was a quarter of the request's SQL). Only a page far
past the end, a DISTINCT or a combined query, which a window count would count wrongly, still asks
COUNT(*). A page's object_list is a list of its rows, as for a list that is not a queryset.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable, ValuesIterable

TOTAL = "_rows_in_list"  # the window count's name on a row; taken off before the row is used
# A page further than this is past the end of any list: counted first, as Django does (an OFFSET
# of ?page=10**18 overflows SQLite's integers).
MAX_OFFSET = 2**31


def _counts_by_window(queryset) -> bool:
    """A queryset of models or of values() dicts, which can carry the count (tuples of
    values_list() cannot), and whose rows the window counts as COUNT(*) does."""
    if not isinstance(queryset, QuerySet):
        return False
    query = queryset.query
    return (
        queryset._iterable_class in (ModelIterable, ValuesIterable)
        and not query.distinct
        and not query.combinator
        and not query.is_sliced
    )


def _take_total(rows: list):
    """The window count of the first row, taken off every row (a dict of values() or a model)."""
    total = None
    for row in rows:
        if isinstance(row, dict):
            total = row.pop(TOTAL)
        else:
            total = getattr(row, TOTAL)
            delattr(row, TOTAL)
    return total


class Paginator(DjangoPaginator):
    def page(self, number):
        if not _counts_by_window(self.object_list) or self.orphans or "count" in self.__dict__:
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        if bottom > MAX_OFFSET:
            return super().page(number)
        counted = self.object_list.annotate(**{TOTAL: Window(Count("*"))})
        rows = list(counted[bottom : bottom + self.per_page])
        if rows:
            self.__dict__["count"] = _take_total(rows)
        elif number == 1:
            self.__dict__["count"] = 0  # an empty first page: the list has no rows
        self.validate_number(number)  # past the end: counts, and raises EmptyPage
        return self._get_page(rows, number, self)
