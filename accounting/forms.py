import datetime as dt
from decimal import Decimal

from django import forms

from accounting.models import BudgetPart
from core.forms import LONG_TEXT_MAX, AmountField, DateField, IntegerField

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0.01")}


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "utrecht-select" if isinstance(field.widget, forms.Select) else "utrecht-textbox"
            if isinstance(field.widget, forms.Textarea):
                css = "utrecht-textarea"
            field.widget.attrs.setdefault("class", css)


class ChargeForm(_Styled):
    year = forms.TypedChoiceField(label="Tranche (jaar)", coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


class ReceiptForm(_Styled):
    municipality = forms.ModelChoiceField(
        label="Gemeente",
        queryset=None,
        required=False,
        help_text="Leeg voor de uitkering van het Rijk (SPUK).",
    )
    year = IntegerField(label="Jaar", min_value=2000, max_value=2100)
    amount = AmountField(label="Ontvangen bedrag (€)", **MONEY)
    booked_on = DateField(
        label="Datum ontvangst", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class AwardForm(_Styled):
    award = forms.ModelChoiceField(label="Beschikking", queryset=None)

    def __init__(self, *args, awards=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = awards


class AwardMakeForm(_Styled):
    """An award of an adopted proposal (accounting.services.awards.award_make)."""

    year = IntegerField(label="Begrotingsjaar", min_value=2000, max_value=2100)
    amount = AmountField(label="Bedrag (€)", **MONEY)
    period_start = DateField(
        label="Periode van", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = DateField(
        label="Periode tot en met",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    advance_percent = IntegerField(
        label="Voorschot (%)",
        min_value=0,
        max_value=100,
        initial=80,
        help_text="Na de beschikking betaald; de rest na de verantwoording (de beschikking noemt beide bedragen).",
    )
    conditions = forms.CharField(
        label="Voorwaarden",
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    report_due = DateField(
        label="Uiterste datum verantwoording",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leeg: 1 maart na afloop van de periode.",
    )


class PaymentForm(AwardForm):
    kind = forms.ChoiceField(
        label="Soort betaling", choices=[("advance", "Voorschot"), ("final", "Eindbetaling")]
    )
    amount = AmountField(label="Bedrag (€)", **MONEY)
    booked_on = DateField(
        label="Betaaldatum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label="Omschrijving", required=False, max_length=120)


class GrantPaymentForm(_Styled):
    """A payment to a provider against its granted PxQ budget."""

    kind = forms.ChoiceField(
        label="Soort betaling",
        choices=[("advance", "Voorschot"), ("final", "Eindbetaling")],
        help_text="Na de eindbetaling valt wat van het budget over is vrij.",
    )
    amount = AmountField(label="Bedrag (€)", **MONEY)
    booked_on = DateField(
        label="Betaaldatum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label="Omschrijving", required=False, max_length=120)


class GrantReleaseForm(_Styled):
    """Release the part of a provider's granted budget it will not use."""

    amount = AmountField(label="Vrij te vallen bedrag (€)", **MONEY)
    booked_on = DateField(
        label="Boekdatum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(
        label="Reden",
        max_length=160,
        help_text="Bijvoorbeeld: niet benut in het jaar volgens de laatste prognose.",
    )


class RefundForm(AwardForm):
    amount = AmountField(label="Terugontvangen bedrag (€)", **MONEY)
    reason = forms.CharField(label="Reden", max_length=160)


class ExchangeForm(_Styled):
    from_year = IntegerField(label="Van jaar", min_value=2000, max_value=2100)
    to_year = IntegerField(label="Naar jaar", min_value=2000, max_value=2100)
    amount = AmountField(label="Bedrag (€)", **MONEY)
    note = forms.CharField(label="Toelichting", max_length=160, required=False)


class ReverseForm(_Styled):
    entry = IntegerField(label="Boekingsnummer", min_value=1)
    reason = forms.CharField(label="Reden van de tegenboeking", max_length=160)


class DirectExpenseForm(_Styled):
    budget_line = forms.ModelChoiceField(label="Begrotingsregel", queryset=None)
    amount = AmountField(label="Bedrag (€)", **MONEY)
    booked_on = DateField(
        label="Betaaldatum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    description = forms.CharField(label="Omschrijving", max_length=160)

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = lines


class DivisionLineForm(_Styled):
    part = forms.ChoiceField(label="Onderdeel", choices=BudgetPart.choices)
    label = forms.CharField(label="Omschrijving", max_length=255)
    amount = AmountField(label="Budget (€)", max_digits=14, decimal_places=2, min_value=0)
    region = forms.ModelChoiceField(label="Jeugdhulpregio", queryset=None, required=False)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class _DivisionLines(forms.BaseFormSet):
    def clean(self):
        """A division's lines go away by their delete box, never by a form count that was changed: fewer
        forms than the division has lines would save it without them (issue 12, the corpus)."""
        super().clean()
        if self.total_form_count() < len(self.initial or []):
            raise forms.ValidationError(
                "Het formulier kwam niet volledig aan: er ontbreken regels. Er is niets "
                "opgeslagen; laad de pagina opnieuw."
            )


DivisionFormSet = forms.formset_factory(
    DivisionLineForm, formset=_DivisionLines, extra=2, can_delete=True
)


class AdoptForm(_Styled):
    deviation_note = forms.CharField(
        label="Toelichting op afwijking van de 10%-regels",
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExplanationForm(_Styled):
    line = IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="Toelichting", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class RegionReportForm(_Styled):
    results = forms.CharField(
        label="Behaalde resultaten",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    conditions = forms.CharField(
        label="Hoe aan de rechtmatigheidsvoorwaarden is voldaan",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PeildatumForm(_Styled):
    """The day as of which the region reports are shown: due, late or received on that day."""

    FIRST, LAST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)

    peildatum = DateField(
        label="Peildatum",
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(
            attrs={"type": "date", "min": "2000-01-01", "max": "2100-12-31"}, format="%Y-%m-%d"
        ),
        help_text="De stand van de verslagen op deze dag; leeg is vandaag.",
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 01-02-2022."},
    )

    def clean_peildatum(self):
        day = self.cleaned_data.get("peildatum")
        if day is not None and not self.FIRST <= day <= self.LAST:
            raise forms.ValidationError("Kies een peildatum tussen 2000 en 2100.")
        return day


class IndicatorResultForm(_Styled):
    # like the indicator's target value (proposals.forms.GoalForm): a count or amount reached, never below zero
    delivered_value = AmountField(
        label="Geleverde waarde", max_digits=14, decimal_places=2, min_value=0
    )
    assessment = forms.CharField(
        label="Korte beoordeling",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
