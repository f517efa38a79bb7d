from django import forms
from django.utils.text import slugify

from core.forms import DateField, IntegerField
from core.models import Region
from core.templatetags.nl import format_date
from fund.models import BudgetCircular

MAX_UPLOAD = 5 * 1024 * 1024


class CircularUploadForm(forms.Form):
    name = forms.CharField(
        label="Naam", max_length=120, help_text="Bijvoorbeeld: Meicirculaire 2017"
    )
    published_year = IntegerField(label="Jaar van uitgave", min_value=2000, max_value=2100)
    region = forms.ModelChoiceField(label="Regio", queryset=Region.objects.all())
    file = forms.FileField(
        label="Bestand (XLSX of CSV)",
        help_text="Kolommen: cbs_code, gemeente, jaar, domein, bedrag",
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if (
            BudgetCircular.objects.filter(name=name).exists()
            or BudgetCircular.objects.filter(slug=slugify(name)).exists()
        ):
            raise forms.ValidationError("Er bestaat al een circulaire met deze naam.")
        return name

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Alleen .xlsx- en .csv-bestanden worden geaccepteerd.")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Het bestand is groter dan 5 MB.")
        return upload


class RebaseForm(forms.Form):
    circular = forms.ModelChoiceField(
        label="Nieuwe grondslag", queryset=BudgetCircular.objects.all()
    )


class ConfirmForm(forms.Form):
    circular = forms.ModelChoiceField(
        queryset=BudgetCircular.objects.all(), widget=forms.HiddenInput
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GrantDecisionForm(forms.Form):
    """The ministry's decision (beschikking) on one year of a SPUK: number and date, both or neither."""

    number = forms.CharField(
        label="Beschikkingsnummer",
        max_length=60,
        required=False,
        help_text="Het kenmerk van de beschikking van het Rijk.",
    )
    date = DateField(
        label="Datum beschikking",
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 17-12-2019."},
    )

    def __init__(self, *args, tranche, **kwargs):
        self.tranche = tranche
        kwargs.setdefault(
            "initial",
            {"number": tranche.grant_decision_number, "date": tranche.grant_decision_date},
        )
        super().__init__(*args, prefix=str(tranche.year), **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "utrecht-textbox")

    def clean(self):
        data = super().clean()
        number, date = data.get("number", "").strip(), data.get("date")
        data["number"] = number
        if "date" in self.errors:
            return data
        year = self.tranche.year
        if number and not date:
            self.add_error(
                "date", f"Vul ook de datum van beschikking {number} in, of laat beide leeg."
            )
        elif date and not number:
            self.add_error(
                "number",
                f"Vul ook het nummer van de beschikking van {format_date(date)} in, of laat beide leeg.",
            )
        elif not number and self.tranche.grant_decision_number:
            self.add_error(
                "number",
                f"De beschikking {year} is vastgelegd ({self.tranche.grant_decision_number}) en "
                "wordt hier niet leeggemaakt; verbeter zo nodig het nummer en de datum.",
            )
        return data

    @property
    def changed_decision(self) -> bool:
        """A number and date that differ from what is recorded (call after is_valid)."""
        data = self.cleaned_data
        return bool(data["number"]) and (data["number"], data["date"]) != (
            self.tranche.grant_decision_number,
            self.tranche.grant_decision_date,
        )


def grant_decision_forms_valid(forms_: list[GrantDecisionForm]) -> bool:
    """Every year valid, and no decision number twice in one fund (the database refuses that too)."""
    valid = all([form.is_valid() for form in forms_])  # a list: every form shows its own errors
    seen: dict[str, int] = {}
    for form in forms_:
        number = form.cleaned_data.get("number") if hasattr(form, "cleaned_data") else ""
        if not number:
            continue
        if number in seen:
            form.add_error(
                "number",
                f"Beschikking {number} staat ook bij {seen[number]}; elk jaar heeft een eigen beschikking.",
            )
            valid = False
        else:
            seen[number] = form.tranche.year
    return valid
