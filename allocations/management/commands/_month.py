import re

from django.core.management.base import CommandError

from core.models import Provider


def parse_month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CommandError(f"Maand '{text}' is niet in de vorm JJJJ-MM.")
    return int(match.group(1)), int(match.group(2))


def provider_by_slug(slug: str) -> Provider:
    try:
        return Provider.objects.get(slug=slug)
    except Provider.DoesNotExist as exc:
        raise CommandError(f"Aanbieder '{slug}' bestaat niet.") from exc
