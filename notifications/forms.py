from django import forms

from notifications.models import Kind


class PreferencesForm(forms.Form):
    # unchecking every box sends no "email" at all: this field tells that apart from a bare POST
    saved = forms.CharField(widget=forms.HiddenInput, initial="1")
    email = forms.MultipleChoiceField(
        label="Stuur mij een e-mail bij",
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Meldingen in de app krijgt u altijd; hier zet u de e-mail per soort aan of uit.",
    )
