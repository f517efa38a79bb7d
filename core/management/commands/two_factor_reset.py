from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and backup codes (a lost phone): at their next login "
        "with a password they set up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Er is geen gebruiker „{username}”.")
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        self.stdout.write(
            f"{username}: {removed} middel(en) voor de tweede stap verwijderd; "
            "bij de volgende login stelt de gebruiker een nieuwe authenticator-app in."
        )
