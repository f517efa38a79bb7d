"""`manage.py api_token <username> [--name NAME]`: make an API token for a user and print its key
(once; only its hash is stored)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.services import issue_token


class Command(BaseCommand):
    help = "Maakt een API-token voor een gebruiker en toont de sleutel (eenmalig)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="De gebruikersnaam.")
        parser.add_argument("--name", default="Aangemaakt met manage.py api_token")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker: {username}. Er is geen token gemaakt.")
        if not user.is_active:
            raise CommandError(f"De gebruiker {username} is niet actief. Er is geen token gemaakt.")
        _, key = issue_token(user, name)
        self.stdout.write(key)
