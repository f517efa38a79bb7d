from django import forms

from notifications.models import Kind


class PreferencesForm(forms.Form):
    email = forms.MultipleChoiceField(
        label="Stuur mij een e-mail bij", choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Meldingen in de app krijgt u altijd; hier zet u de e-mail per soort aan of uit.",
    )
