"""One search for every list: PostgreSQL full-text search, a plain `icontains` elsewhere (SQLite).

search(queryset, "leiden 2016", FIELDS) keeps the rows in which every word of the query occurs in
one of the fields (as a word prefix on PostgreSQL: "jeugd" finds "jeugdhulp", "2016" finds
"V-TF-2016-008"). Related fields may be many-valued (applicants__name): the result stays one row per
record, because the search runs in a subquery of primary keys.
"""

import re
from collections.abc import Sequence
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8  # a pasted paragraph is not a search


def terms_of(query: str) -> list[str]:
    return WORD.findall((query or "").lower())[:MAX_TERMS]


def search(queryset: QuerySet, query: str, fields: Sequence[str]) -> QuerySet:
    terms = terms_of(query)
    if not terms:
        return queryset
    model = queryset.model
    if connection.vendor == "postgresql":
        # "simple": no stemming and no stop words, so codes and names are found as typed. The
        # parser reads "2016-008" as the word "2016" and the signed number "-008", so a term also
        # matches as a plain part of a field: "008" still finds V-TF-2016-008.
        vector = SearchVector(*fields, config="simple")
        matches = model._base_manager.annotate(_search=vector).filter(
            reduce(
                and_,
                (
                    Q(_search=SearchQuery(f"{term}:*", search_type="raw", config="simple"))
                    | _contains(fields, term)
                    for term in terms
                ),
            )
        )
    else:
        matches = model._base_manager.filter(
            reduce(and_, (_contains(fields, term) for term in terms))
        )
    return queryset.filter(pk__in=matches.values("pk"))


def _contains(fields: Sequence[str], term: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields))
