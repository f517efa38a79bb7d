"""Pages of the API's lists: ?page=N&page_size=M (at most max_page_size), each with the list's count
read in the page's own query (core.pagination)."""

from rest_framework.pagination import PageNumberPagination

from core.pagination import Paginator


class Pagination(PageNumberPagination):
    django_paginator_class = Paginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = "Deze pagina bestaat niet."
