from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with the Dutch text that Django's Dutch catalogue lacks for this message."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort. Het moet ten minste {self.min_length} tekens bevatten."

    def get_help_text(self):
        return f"Uw wachtwoord moet ten minste {self.min_length} tekens bevatten."
