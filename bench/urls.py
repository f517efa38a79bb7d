"""The bench's URLconf: the product's routes plus the page floors (bench.pages). Only the bench
runner and the bench smoke test use it; config.urls never includes it."""

from django.urls import path

from bench import pages
from config.urls import urlpatterns as product

urlpatterns = [
    path(pages.PREFIX.strip("/") + "/api/<slug:name>/", pages.dispatch_api),
    path(pages.PREFIX.strip("/") + "/<slug:name>/", pages.dispatch),
    *product,
]
