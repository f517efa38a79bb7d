"""A library's Dutch catalog must not change how Django's own messages read on our forms.

Apps' catalogs come before Django's own, so Django REST framework's "Dit veld is vereist." would
replace "Dit veld is verplicht." on every form; the project's catalog (LOCALE_PATHS) comes first."""

import gettext
from pathlib import Path

import django
from django.apps import apps
from django.utils import translation


def _catalog(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return {k: v for k, v in gettext.GNUTranslations(handle)._catalog.items() if k}


def test_every_message_django_translates_reads_as_django_says_it_despite_the_libraries():
    django_dir = Path(django.__file__).parent
    own = _catalog(django_dir / "conf/locale/nl/LC_MESSAGES/django.mo")
    for mo in (django_dir / "contrib").glob("*/locale/nl/LC_MESSAGES/django.mo"):
        own.update(_catalog(mo))
    shared = set()
    for config in apps.get_app_configs():
        if config.name.startswith("django."):
            continue
        for mo in Path(config.path).glob("locale/nl/LC_MESSAGES/django.mo"):
            shared |= {k for k, v in _catalog(mo).items() if isinstance(k, str) and k in own}
    assert "This field is required." in shared  # the library that started this is installed
    with translation.override("nl"):
        wrong = {k: translation.gettext(k) for k in shared if translation.gettext(k) != own[k]}
    assert not wrong, f"Add these to locale/nl/LC_MESSAGES/django.po with Django's text: {wrong}"


def test_a_required_field_says_dit_veld_is_verplicht():
    from django import forms

    class Form(forms.Form):
        name = forms.CharField()

    with translation.override("nl"):
        assert Form({}).errors["name"] == ["Dit veld is verplicht."]
