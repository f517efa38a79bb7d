from django import forms

from bren.models import BuildingTeam, PlanAssessment
from core.forms import LONG_TEXT_MAX, DateField

SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}


class AssessmentForm(forms.Form):
    building_team = forms.ModelChoiceField(
        label="Bouwteam",
        queryset=BuildingTeam.objects.none(),
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": "Kies het bouwteam.",
            "invalid_choice": "Kies een bouwteam van dit netwerk.",
        },
    )
    assessor_name = forms.CharField(
        label="Beoordelaar",
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": "Vul de naam van de beoordelaar in."},
    )
    capacity = forms.ChoiceField(
        label="Hoedanigheid",
        choices=PlanAssessment.Capacity.choices,
        widget=forms.Select(attrs=SELECT),
    )
    verdict = forms.ChoiceField(
        label="Oordeel", choices=PlanAssessment.Verdict.choices, widget=forms.Select(attrs=SELECT)
    )
    motivation = forms.CharField(
        label="Motivering",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
        error_messages={"required": "Motiveer het oordeel."},
    )
    assessed_on = DateField(
        label="Beoordeeld op",
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}),
        error_messages={"required": "Vul de datum in.", "invalid": "Vul een geldige datum in."},
    )

    def __init__(self, *args, fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_team"].queryset = BuildingTeam.objects.filter(
            theme__analysis__fund=fund
        ).select_related("theme")
