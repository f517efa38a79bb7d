from django import forms
from django.utils.text import slugify

from core.models import Region
from fund.models import BudgetCircular

MAX_UPLOAD = 5 * 1024 * 1024


class CircularUploadForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=120, help_text="Bijvoorbeeld: Meicirculaire 2017")
    published_year = forms.IntegerField(label="Jaar van uitgave", min_value=2000, max_value=2100)
    region = forms.ModelChoiceField(label="Regio", queryset=Region.objects.all())
    file = forms.FileField(label="Bestand (XLSX of CSV)", help_text="Kolommen: cbs_code, gemeente, jaar, domein, bedrag")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if BudgetCircular.objects.filter(name=name).exists() or BudgetCircular.objects.filter(slug=slugify(name)).exists():
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
    circular = forms.ModelChoiceField(label="Nieuwe grondslag", queryset=BudgetCircular.objects.all())


class ConfirmForm(forms.Form):
    circular = forms.ModelChoiceField(queryset=BudgetCircular.objects.all(), widget=forms.HiddenInput)
    note = forms.CharField(label="Toelichting", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
