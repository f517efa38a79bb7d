from django import template

from core.sso import enabled_providers

register = template.Library()


@register.simple_tag
def sso_organisations():
    """The organisations whose staff log in with their own account (the login page offers them)."""
    return [provider.organisation for provider in enabled_providers()]
