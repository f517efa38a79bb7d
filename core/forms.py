from django import forms

from core.models import Membership


class MemberInviteForm(forms.Form):
    username = forms.CharField(label="Gebruikersnaam", max_length=150)
    first_name = forms.CharField(label="Voornaam", max_length=150, required=False)
    last_name = forms.CharField(label="Achternaam", max_length=150, required=False)
    email = forms.EmailField(label="E-mailadres", required=False,
                             help_text="Een nieuwe gebruiker krijgt hierop een link om een wachtwoord in te stellen.")
    role = forms.ChoiceField(label="Rol", choices=Membership.Role.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label="Rol", choices=Membership.Role.choices)
