"""The JSON API under /api/v1/ (Django REST framework): the same object rules as the site, read
through the apps' selectors and written through their services. Top floor: it may import any app."""
