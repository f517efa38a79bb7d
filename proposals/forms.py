from decimal import Decimal

from django import forms
from django.utils import timezone

from core.forms import LONG_TEXT_MAX, NOTE_MAX, AmountField, DateField, ModelMultipleChoiceField
from core.models import Provider, Region
from fund.models import Fund
from proposals.criteria import criteria_for
from proposals.models import (
    AmbassadorAdvice,
    AmbassadorMeeting,
    Decision,
    Meeting,
    ScreeningItem,
    Vote,
)
from proposals.rules import MATRIX_COLUMNS, MATRIX_ROWS

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = {"class": "utrecht-textbox utrecht-textbox--html-input", "type": "date"}

CELL_CHOICES = [
    (f"{r}-{c}", f"{row} × {column}")
    for r, row in MATRIX_ROWS.items()
    for c, column in MATRIX_COLUMNS.items()
]


def fund_years(fund: Fund) -> list[int]:
    return list(range(fund.term_start.year, fund.term_end.year + 1))


class ProposalForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=200, widget=forms.TextInput(attrs=TEXT))
    summary = forms.CharField(
        label="Samenvatting", max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs=AREA)
    )
    contact = forms.CharField(
        label="Contactpersoon", max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    applicants = ModelMultipleChoiceField(
        label="Aanvragende aanbieders",
        queryset=Provider.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs=SELECT),
    )
    filing_region = forms.ModelChoiceField(
        label="Indienende jeugdhulpregio",
        queryset=Region.objects.all(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    work_regions = ModelMultipleChoiceField(
        label="Andere regio's waar het werk loopt",
        queryset=Region.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs=SELECT),
    )
    cells = forms.MultipleChoiceField(
        label="Matrixcellen die het voorstel verbindt",
        choices=CELL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    no_waiting_list_declaration = forms.BooleanField(
        label="Wij verklaren dat het geld geen wachtlijsten financiert", required=False
    )

    MATRIX_COLUMN_LABELS = list(MATRIX_COLUMNS.values())

    def matrix_rows(self):
        """The cell checkboxes as the 3x3 grid in which the matrix is shown: (row label, its three boxes)."""
        if "cells" not in self.fields:
            return []
        boxes = list(self["cells"])
        width = len(MATRIX_COLUMNS)
        return [
            (label, boxes[i * width : (i + 1) * width])
            for i, label in enumerate(MATRIX_ROWS.values())
        ]

    def __init__(
        self,
        *args,
        fund: Fund,
        user_provider=None,
        user_region=None,
        answers_required: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fund = fund
        self.years = fund_years(fund)
        # every criterion of the fund, asked by its question; a draft may leave some open,
        # a submitted proposal (edited by the fund manager) must keep them all answered
        self.criteria = criteria_for(fund.kind)
        for criterion in self.criteria:
            self.fields[f"answer_{criterion.key}"] = forms.CharField(
                label=criterion.question,
                required=answers_required,
                max_length=LONG_TEXT_MAX,
                widget=forms.Textarea(attrs={**AREA, "rows": 3}),
            )
        for year in self.years:
            self.fields[f"amount_{year}"] = AmountField(
                label=f"Gevraagd bedrag {year} (euro)",
                required=False,
                min_value=Decimal("0.01"),
                max_digits=14,
                localize=True,
                decimal_places=2,
                widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
            )
        if fund.kind == Fund.Kind.SPUK:
            del self.fields["applicants"]
            del self.fields["no_waiting_list_declaration"]
            self.fields[
                "cells"
            ].label = "Matrixcellen (ter informatie; de matrixregel geldt niet voor de SPUK)"
            if user_region is not None:
                self.fields["filing_region"].queryset = Region.objects.filter(pk=user_region.pk)
                self.fields["filing_region"].initial = user_region.pk
            self.fields["filing_region"].required = True
            self.fields["work_regions"].queryset = Region.objects.filter(landsdeel=fund.landsdeel)
        else:
            del self.fields["filing_region"]
            del self.fields["work_regions"]
            if user_provider is not None:
                # an aanbieder files for itself, possibly jointly with others
                self.fields["applicants"].help_text = f"{user_provider} is altijd aanvrager."
            else:
                self.fields["applicants"].required = True

    def answer_fields(self):
        """(criterion, bound field) per criterion of the fund, in the order of the list."""
        return [(c, self[f"answer_{c.key}"]) for c in self.criteria]

    def answers(self) -> dict[str, str]:
        return {c.key: self.cleaned_data.get(f"answer_{c.key}", "") for c in self.criteria}

    def amount_fields(self):
        return [self[f"amount_{year}"] for year in self.years]

    def requested(self) -> dict[int, Decimal]:
        return {
            y: self.cleaned_data[f"amount_{y}"]
            for y in self.years
            if self.cleaned_data.get(f"amount_{y}")
        }

    def cell_pairs(self) -> list[tuple[int, int]]:
        return [
            tuple(int(x) for x in value.split("-")) for value in self.cleaned_data.get("cells", [])
        ]


class GoalForm(forms.Form):
    description = forms.CharField(
        label="Doel", max_length=2000, widget=forms.Textarea(attrs={**AREA, "rows": 2})
    )
    indicator = forms.CharField(
        label="Prestatie-indicator", max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    target_value = AmountField(
        label="Streefwaarde",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=TEXT),
    )
    unit = forms.CharField(label="Eenheid", max_length=40, widget=forms.TextInput(attrs=TEXT))
    target_date = DateField(label="Datum", widget=forms.DateInput(attrs=DATE))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Bijlage (PDF, DOCX of XLSX)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
    )


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Toelichting", required=False, max_length=NOTE_MAX, widget=forms.TextInput(attrs=TEXT)
    )


class ScreeningForm(forms.Form):
    # posted on the proposal page (proposals.views.common.post_form)
    page_prefix = "scr"
    permission = "proposals.manage_proposal"
    success_message = "Het oordeel is vastgelegd."
    criterion = forms.ChoiceField(
        label="Criterium",
        choices=ScreeningItem.Criterion.choices,
        widget=forms.Select(attrs=SELECT),
    )
    verdict = forms.ChoiceField(
        label="Oordeel", choices=ScreeningItem.Verdict.choices, widget=forms.Select(attrs=SELECT)
    )
    motivation = forms.CharField(
        label="Motivering",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )
    assessor_name = forms.CharField(
        label="Naam beoordelaar", max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    assessor_capacity = forms.ChoiceField(
        label="Hoedanigheid",
        choices=ScreeningItem.Capacity.choices,
        widget=forms.Select(attrs=SELECT),
    )


class ConsentForm(forms.Form):
    # posted on the proposal page (proposals.views.common.post_form)
    page_prefix = "cons"
    permission = "proposals.manage_proposal"
    success_message = "De instemming van de regio is vastgelegd."
    needs_proposal = True
    region = forms.ModelChoiceField(
        label="Regio", queryset=Region.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    given_by = forms.CharField(
        label="Instemming gegeven door", max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    given_on = DateField(label="Datum instemming", widget=forms.DateInput(attrs=DATE))
    note = forms.CharField(
        label="Toelichting", required=False, max_length=NOTE_MAX, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = proposal.work_regions.all()


class AdviceForm(forms.Form):
    # posted on the proposal page (proposals.views.common.post_form)
    page_prefix = "adv"
    permission = "proposals.manage_proposal"
    success_message = "Het advies van de bestuurlijk ambassadeurs is vastgelegd."
    needs_proposal = True
    meeting = forms.ModelChoiceField(
        label="Bijeenkomst bestuurlijk ambassadeurs",
        queryset=AmbassadorMeeting.objects.none(),
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": "Kies de bijeenkomst waarop de ambassadeurs adviseerden.",
            "invalid_choice": "Kies een bijeenkomst van de ambassadeurs van dit fonds die heeft plaatsgevonden.",
        },
    )
    advice = forms.ChoiceField(
        label="Advies", choices=AmbassadorAdvice.Advice.choices, widget=forms.Select(attrs=SELECT)
    )
    ambassadors = forms.CharField(
        label="Bestuurlijk ambassadeurs", max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    text = forms.CharField(
        label="Toelichting advies",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        # only meetings of this fund's ambassadors that have taken place (seed 004 §5.3)
        self.fields["meeting"].queryset = AmbassadorMeeting.objects.filter(
            fund=proposal.fund_id, date__lte=timezone.localdate()
        )


class SpukDecisionForm(forms.Form):
    # posted on the proposal page (proposals.views.common.post_form)
    page_prefix = "dec"
    permission = "proposals.decide_spuk"
    success_message = "Het besluit is vastgelegd."
    outcome = forms.ChoiceField(
        label="Besluit", choices=Decision.Outcome.choices, widget=forms.Select(attrs=SELECT)
    )
    note = forms.CharField(
        label="Motivering besluit",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )


class LetterForm(forms.Form):
    addressee = forms.CharField(
        label="Geadresseerde", max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    signatory = forms.CharField(
        label="Ondertekenaar", max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    reason = forms.CharField(
        label="Reden van correctie (alleen bij een correctie)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.TextInput(attrs=TEXT),
    )


class RejectionLetterForm(forms.Form):
    reason = forms.CharField(
        label="Reden van de afwijzing",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**AREA, "rows": 3}),
    )
    addressee = forms.CharField(
        label="Geadresseerde", max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    signatory = forms.CharField(
        label="Ondertekenaar", max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    correction_reason = forms.CharField(
        label="Reden van correctie (alleen bij een correctie)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.TextInput(attrs=TEXT),
    )


class MeetingForm(forms.Form):
    fund = forms.ModelChoiceField(
        label="Fonds", queryset=Fund.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    kind = forms.ChoiceField(
        label="Soort", choices=Meeting.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    date = DateField(label="Datum", widget=forms.DateInput(attrs=DATE))
    title = forms.CharField(
        label="Titel", required=False, max_length=200, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds


class AgendaItemForm(forms.Form):
    """By number, not a select: at national scale thousands of proposals may be screened."""

    reference = forms.CharField(
        label="Voorstelnummer",
        max_length=30,
        widget=forms.TextInput(attrs=TEXT),
        help_text="Het nummer van een getoetst voorstel van dit fonds, zoals het in de lijst van getoetste voorstellen staat (V-, fonds, jaar, volgnummer).",
    )

    def __init__(self, *args, proposals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = (
            proposals  # the candidates (selectors.agenda_candidates); only a POST needs them
        )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        proposal = self.proposals.filter(reference=reference).first()
        if proposal is None:
            raise forms.ValidationError(
                f"{reference} is geen getoetst voorstel van dit fonds dat nog niet op deze agenda staat."
            )
        self.cleaned_data["proposal"] = proposal
        return reference


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label="Uw stem",
        choices=Vote.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies uw stem.",
            "invalid_choice": "Kies een van de stemmen op deze pagina.",
        },
    )
