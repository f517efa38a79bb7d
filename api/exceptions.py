"""Every API error answers with a Dutch `detail` (and field errors as DRF gives them)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    exceptions.NotAuthenticated: (
        "U bent niet aangemeld: stuur een geldige token mee (Authorization: Token <sleutel>)."
    ),
    exceptions.PermissionDenied: "U hebt geen toegang tot dit onderdeel.",
    exceptions.NotFound: "Niet gevonden.",
    exceptions.ParseError: "Ongeldige JSON in het verzoek.",
    exceptions.UnsupportedMediaType: "Dit soort inhoud wordt niet ondersteund; stuur JSON.",
    exceptions.NotAcceptable: "Dit antwoordformaat kunnen we niet leveren; vraag om JSON.",
}


def exception_handler(exc, context):
    auth_header = getattr(exc, "auth_header", None)
    exc = _dutch(exc, context)
    if auth_header:
        exc.auth_header = auth_header  # WWW-Authenticate: Token, with the 401
    return drf_exception_handler(exc, context)


def _dutch(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(MESSAGES[exceptions.NotFound])
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(MESSAGES[exceptions.PermissionDenied])
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(MESSAGES[exceptions.ParseError])
    elif isinstance(exc, exceptions.Throttled):
        wait = f" Probeer het over {int(exc.wait) + 1} seconden opnieuw." if exc.wait else ""
        exc = exceptions.Throttled(wait=exc.wait, detail=f"Te veel verzoeken.{wait}")
    elif isinstance(exc, exceptions.MethodNotAllowed):
        method = context["request"].method if context.get("request") else ""
        exc = exceptions.MethodNotAllowed(
            method, detail=f"De methode {method} is hier niet toegestaan."
        )
    else:
        for kind, message in MESSAGES.items():
            # our own texts replace DRF's defaults; a message a view chose itself stays
            if type(exc) is kind and str(exc.detail) == str(kind.default_detail):
                return kind(message)
    return exc
