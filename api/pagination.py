"""Pages of lists: ?page=N&page_size=M (at most MAX_PAGE_SIZE)."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = "Deze pagina bestaat niet."
