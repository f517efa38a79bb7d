"""Filters of the books' own pages ({% load accounting %}); report cells are reports' ({% load reports %})."""

from html import escape as html_escape

from django import template
from django.utils.safestring import mark_safe

from core.templatetags.nl import format_euro

register = template.Library()


@register.filter
def credit(value):
    """A credit line (negative) shown as a positive amount in the credit column."""
    return format_euro(-getattr(value, "amount", value))


@register.filter
def explanation_items(to_explain):
    """The <li> items of the SiSa lines that deviate more than 10%: a link to each line's
    explanation and whether it is given. Built in Python, as `table_body` is: a large SPUK has
    hundreds of such lines, and a template loop over them cost more than the rest of the page."""
    missing = '<span class="jf-badge jf-badge--red">toelichting ontbreekt</span>'
    return mark_safe(  # noqa: S308 - the label is escaped, the URL is ours (id_url_maker)
        "\n".join(
            f'<li><a class="utrecht-link" href="{html_escape(url)}">'
            f"{html_escape(row.label)} ({int(row.grant_year)})</a>: "
            f"{'toelichting gegeven' if row.explanation else missing}</li>"
            for url, row in to_explain
        )
    )
