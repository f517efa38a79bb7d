"""BSN (burgerservicenummer) handling: validation with python-stdnum, Fernet encryption with
key rotation, and masking. A BSN is personal data under the AVG: never log it, never show it
whole except to TWO staff who give a reason (allocations.services.clients.bsn_reveal logs that)."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.views.decorators.debug import sensitive_variables
from stdnum import exceptions as stdnum_exceptions
from stdnum.nl import bsn as stdnum_bsn


@sensitive_variables()
def validate_bsn(value) -> str:
    """The normalised 9-digit BSN, or ValidationError (11-check by python-stdnum)."""
    text = "" if value is None else str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():  # a number cell read from a spreadsheet
        text = text[:-2]
    try:
        return stdnum_bsn.validate(text)
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            "Dit is geen geldig BSN (de elfproef klopt niet).", code="invalid_bsn"
        ) from exc


@sensitive_variables()
def mask_bsn(bsn: str) -> str:
    """Only the last three digits: ******772."""
    return "******" + bsn[-3:]


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in str(settings.BSN_ENCRYPTION_KEYS).split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("BSN_ENCRYPTION_KEYS is leeg.")
    return MultiFernet([Fernet(k.encode()) for k in keys])


@sensitive_variables()
def encrypt_bsn(bsn: str) -> str:
    """Encrypt with the newest key (the first of settings.BSN_ENCRYPTION_KEYS)."""
    return _fernet().encrypt(validate_bsn(bsn).encode()).decode()


@sensitive_variables()
def decrypt_bsn(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Een BSN is niet te ontsleutelen: ontbreekt een oude sleutel in BSN_ENCRYPTION_KEYS?"
        ) from exc


@sensitive_variables()
def rotate_token(token: str) -> str:
    """The same BSN, encrypted again with the newest key."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Een BSN is niet te ontsleutelen: ontbreekt een oude sleutel in BSN_ENCRYPTION_KEYS?"
        ) from exc


# Why someone sees a full BSN is logged; a reason is at least a sentence (issue 12, hole 9).
MIN_REASON_WORDS = 4
MIN_REASON_CHARS = 20


def reason_is_a_sentence(text: str) -> bool:
    text = " ".join((text or "").split())
    return len(text) >= MIN_REASON_CHARS and len(text.split(" ")) >= MIN_REASON_WORDS
