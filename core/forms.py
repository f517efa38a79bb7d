from decimal import Decimal

from django import forms

from core.models import Membership
from core.numbers import NumberError, parse_number
from core.templatetags.nl import format_number


class MemberInviteForm(forms.Form):
    username = forms.CharField(label="Gebruikersnaam", max_length=150)
    first_name = forms.CharField(label="Voornaam", max_length=150, required=False)
    last_name = forms.CharField(label="Achternaam", max_length=150, required=False)
    email = forms.EmailField(label="E-mailadres", required=False,
                             help_text="Een nieuwe gebruiker krijgt hierop een link om een wachtwoord in te stellen.")
    role = forms.ChoiceField(label="Rol", choices=Membership.Role.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label="Rol", choices=Membership.Role.choices)


class AmountField(forms.DecimalField):
    """A money or quantity input read with core.numbers.parse_number: `12.500,50` is
    Decimal("12500.50"); `12,500.50`, `1.2.3`, `1_000`, other digits than 0-9 and text are refused
    with a Dutch message. A text box (a browser's number box refuses the Dutch comma), shown back
    the Dutch way (`12.500,50`)."""

    widget = forms.TextInput

    def __init__(self, *, max_digits=14, decimal_places=2, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)  # DecimalField adds number-box attributes (step, min, max)
        for key in ("step", "min", "max"):
            attrs.pop(key, None)
        attrs["inputmode"] = "decimal"
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            # the sign is the field's min_value's business (its validator says the bound)
            return parse_number(value, max_digits=self.max_digits, decimal_places=self.decimal_places, allow_negative=True)
        except NumberError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from exc

    def prepare_value(self, value):
        """The Dutch way, also for what was typed the plain way; text that is no number stays as typed."""
        if value in self.empty_values:
            return value
        try:
            number = parse_number(value, allow_negative=True) if not isinstance(value, Decimal) else value
        except NumberError:
            return value
        places = self.decimal_places if self.decimal_places is not None else 2
        exponent = number.as_tuple().exponent
        shown = min(places, max(-exponent, 0)) if isinstance(exponent, int) else places
        # money with cents shows both (12.500,50); whole numbers stay whole (75.000)
        if 0 < shown < places:
            shown = places
        return format_number(number, shown)

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (Decimal(initial) if initial not in self.empty_values else None)
        except (forms.ValidationError, ArithmeticError, TypeError, ValueError):
            return True
