from django import forms

from allocations.models import BudgetRequest
from core.forms import DateField, IntegerField, cap_texts
from fund.selectors import funds_visible_to
from norms.models import REACTION_MAX, Action, Institution, Norm
from proposals.models import Award, Proposal


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeildatumForm(forms.Form):
    per = DateField(
        label="Stand per",
        required=False,
        widget=DateInput(attrs={"class": "utrecht-textbox"}),
        help_text="Het stoplicht zoals het op deze datum stond.",
    )


class CountsForm(forms.Form):
    """The counts of one area and reference date: one field per norm (empty = not counted)."""

    reference_date = DateField(
        label="Peildatum",
        widget=DateInput(attrs={"class": "utrecht-textbox"}),
        help_text="De dag waarop is geteld, bijvoorbeeld de 15e van de maand.",
    )
    institution = forms.ModelChoiceField(
        label="GI",
        queryset=Institution.objects.none(),
        required=False,
        empty_label="Hele gebied (alle GI's samen)",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args, norms: list[Norm], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.all()
        self.norms = norms
        for norm in norms:
            self.fields[f"norm_{norm.code}"] = IntegerField(
                label=f"{norm.name} (binnen {norm.term_text})" if norm.monitored else norm.name,
                min_value=0,
                max_value=100_000,
                required=False,
                widget=forms.NumberInput(
                    attrs={"class": "utrecht-textbox", "inputmode": "numeric"}
                ),
                help_text="Aantal kinderen bij wie de norm niet gehaald is."
                if norm.monitored
                else "Aantal kinderen dat langer dan drie maanden wachtte op passende hulp.",
            )

    def norm_fields(self):
        return [self[f"norm_{n.code}"] for n in self.norms]

    def counts(self) -> dict[str, int | None]:
        return {n.code: self.cleaned_data.get(f"norm_{n.code}") for n in self.norms}

    def clean(self):
        data = super().clean()
        if (
            self.norms
            and all(data.get(f"norm_{n.code}") is None for n in self.norms)
            and not self.errors
        ):
            raise forms.ValidationError("Vul ten minste één aantal in.")
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Ingevuld sjabloon (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "solution_line",
            "number",
            "owner",
            "owner_provider",
            "activity",
            "result",
            "planned_date",
            "status_notes",
            "result_reached_on",
            "at_risk",
            "proposal",
            "award",
            "budget_request",
        ]
        field_classes = {"planned_date": DateField, "result_reached_on": DateField}
        widgets = {
            "planned_date": DateInput(),
            "result_reached_on": DateInput(),
            "activity": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 2}),
            "status_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        cap_texts(self, "activity", "result", "status_notes")
        _limit_money_choices(self, user)


class ActionStatusForm(forms.ModelForm):
    """What the owner reports: status notes, result reached, at risk."""

    class Meta:
        model = Action
        fields = ["status_notes", "result_reached_on", "at_risk"]
        field_classes = {"result_reached_on": DateField}
        widgets = {
            "result_reached_on": DateInput(),
            "status_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap_texts(self, "status_notes")


class ReactionField(forms.CharField):
    """A reaction's text, its line breaks counted as one character each, as the browser's counter
    (maxlength) counts them: a browser sends a line break as two (CR LF), so 600 characters with
    line breaks in them would otherwise be refused after the form let them be typed."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class ReactionForm(forms.Form):
    proud = ReactionField(
        label="Op deze punten uit het rapport zijn we trots",
        required=False,
        max_length=REACTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REACTION_MAX}),
    )
    actions = ReactionField(
        label="Met deze punten uit het rapport gaan we aan de slag",
        required=False,
        max_length=REACTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REACTION_MAX}),
    )
    noticeable = ReactionField(
        label="Wat gaan jeugdigen en ouders hiervan merken?",
        required=False,
        max_length=REACTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REACTION_MAX}),
    )


def _limit_money_choices(form, user):
    """Only the money of funds the user may see (fund.selectors.funds_visible_to) is offered."""
    funds = funds_visible_to(user).values("pk") if user is not None else []
    form.fields["proposal"].queryset = Proposal.objects.filter(fund__in=funds).order_by("reference")
    form.fields["award"].queryset = Award.objects.filter(proposal__fund__in=funds).order_by(
        "number"
    )
    form.fields["budget_request"].queryset = (
        BudgetRequest.objects.filter(fund__in=funds).select_related("provider").order_by("-pk")
    )
    form.fields["proposal"].label_from_instance = lambda p: f"{p.reference} {p.title}"
