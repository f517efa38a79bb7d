import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from core.dates import FIRST_DATE, LAST_DATE
from core.models import Membership
from core.numbers import NumberError, parse_number
from core.templatetags.nl import format_date, format_number

# the longest free text a form takes (issue 12): a long text (a summary, a motivation, a letter's reason)
# and a one-line note; Django's own Dutch message refuses one character more
LONG_TEXT_MAX = 5000
NOTE_MAX = 500


def cap_texts(form: forms.BaseForm, *names: str, limit: int = LONG_TEXT_MAX) -> None:
    """Give the named text fields of `form` (a ModelForm's fields of a TextField, which have none) a length limit."""
    for name in names:
        field = form.fields[name]
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)


class MemberInviteForm(forms.Form):
    username = forms.CharField(label="Gebruikersnaam", max_length=150)
    first_name = forms.CharField(label="Voornaam", max_length=150, required=False)
    last_name = forms.CharField(label="Achternaam", max_length=150, required=False)
    email = forms.EmailField(
        label="E-mailadres",
        required=False,
        help_text="Een nieuwe gebruiker krijgt hierop een link om een wachtwoord in te stellen.",
    )
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
        # Django's bound messages write the bound the English way ("minstens 0.01"): say it in Dutch
        self.validators = [_dutch_bound(validator) for validator in self.validators]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(
            widget
        )  # DecimalField adds number-box attributes (step, min, max)
        for key in ("step", "min", "max"):
            attrs.pop(key, None)
        attrs["inputmode"] = "decimal"
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            # the sign is the field's min_value's business (its validator says the bound)
            return parse_number(
                value,
                max_digits=self.max_digits,
                decimal_places=self.decimal_places,
                allow_negative=True,
            )
        except NumberError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from exc

    def prepare_value(self, value):
        """The Dutch way, also for what was typed the plain way; text that is no number stays as typed."""
        if value in self.empty_values:
            return value
        try:
            number = (
                parse_number(value, allow_negative=True)
                if not isinstance(value, Decimal)
                else value
            )
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
            return self.to_python(data) != (
                Decimal(initial) if initial not in self.empty_values else None
            )
        except (forms.ValidationError, ArithmeticError, TypeError, ValueError):
            return True


_BOUND_WORDS = {MinValueValidator: "minstens", MaxValueValidator: "hoogstens"}


def _dutch_bound(validator):
    words = _BOUND_WORDS.get(type(validator))
    if words is None or callable(validator.limit_value):
        return validator
    limit = Decimal(validator.limit_value)
    # whole bounds stay whole (0, 75.000), others show their cents (0,01; 12.500,50)
    shown = format_number(
        limit, 0 if limit == limit.to_integral_value() else max(2, -limit.as_tuple().exponent)
    )
    return type(validator)(limit, message=f"Zorg ervoor dat deze waarde {words} {shown} is.")


class DateField(forms.DateField):
    """Every date a user types (issue 12): a real day between FIRST_DATE and LAST_DATE, with a Dutch
    message; 0001-01-01, 9999-12-31 and 30 February are refused, never stored. A service may narrow
    it further (a booking date to its fund's term: accounting.services.ledger._check_booking_date)."""

    def __init__(self, *, first: dt.date = FIRST_DATE, last: dt.date = LAST_DATE, **kwargs):
        self.first, self.last = first, last
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        messages = {"invalid": "Vul een geldige datum in, bijvoorbeeld 01-02-2022."}
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.DateInput):
            attrs.update(min=self.first.isoformat(), max=self.last.isoformat())
        return attrs

    def to_python(self, value):
        if (
            isinstance(value, str) and len(value) > 40
        ):  # a huge text is no date; do not try every format on it
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.first <= value <= self.last:
            raise forms.ValidationError(
                f"Vul een datum in tussen {format_date(self.first)} en {format_date(self.last)}.",
                code="out_of_range",
            )


class IntegerField(forms.IntegerField):
    """A whole number typed with the digits 0-9 only (issue 12, hole 6): Python's int() also takes
    `1_000` and Arabic-Indic digits, which no one means on a Dutch form. A text box, as AmountField."""

    default_error_messages = {"invalid": "Vul een geheel getal in, met de cijfers 0 tot en met 9."}

    def to_python(self, value):
        if (
            isinstance(value, str)
            and value.strip()
            and not re.fullmatch(r"-?[0-9]{1,18}", value.strip())
        ):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but a value that is no id of the database's size (`99999999999999999999`) is an
    invalid choice with a Dutch message, not an OverflowError from the `pk__in` query (issue 12:
    the proposal form's applicants gave a 500). Django's own field bounds only the `exact` lookup."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk" and isinstance(
            self.queryset.model._meta.pk,
            models.AutoField | models.BigAutoField | models.IntegerField,
        ):
            for item in value if isinstance(value, list | tuple) else [value]:
                text = str(item).strip()
                if not re.fullmatch(r"[0-9]{1,19}", text) or int(text) > 2**63 - 1:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": text[:40]},
                    )
        return super()._check_values(value)
