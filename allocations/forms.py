import re
from decimal import Decimal

from django import forms

from allocations import xlsx, xlsx_reading
from allocations.bsn import MIN_REASON_CHARS, MIN_REASON_WORDS, reason_is_a_sentence
from allocations.models import Product, ProductCategory, Unit
from core.forms import LONG_TEXT_MAX, AmountField, DateField, IntegerField
from core.models import Region
from core.templatetags.nl import format_number
from fund.models import Fund

TEXT = {"class": "utrecht-textbox"}


def parse_month_label(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(
        r"([0-9]{4})-([0-9]{2})", (text or "").strip()
    )  # ASCII: \d also takes Arabic-Indic digits
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)), int(match.group(2))


class MonthField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Maand (JJJJ-MM)")
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "placeholder": "2016-05"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value and not self.required:
            return None
        parsed = parse_month_label(value)
        if parsed is None:
            raise forms.ValidationError("Vul de maand in als JJJJ-MM, bijvoorbeeld 2016-05.")
        return parsed


MAX_UPLOAD = 5 * 1024 * 1024  # a filled template is well under 1 MB


class FundLabel(forms.ModelChoiceField):
    def label_from_instance(self, fund):
        return f"{fund} ({fund.region})" if fund.region_id else str(fund)


def fund_field(funds, help_text: str, required: bool = True) -> FundLabel:
    """Which budget (fund, region) a forecast or client belongs to (issue 13): a choice only for a
    provider with budgets from more than one fund; with one, that fund is taken."""
    return FundLabel(
        queryset=Fund.objects.filter(pk__in=[f.pk for f in funds])
        .select_related("region")
        .order_by("name"),
        label="Fonds (regio)",
        empty_label="Kies het fonds",
        required=required,
        help_text=help_text,
        error_messages={
            "required": "Kies het fonds (de regio) waarvan het budget geldt.",
            "invalid_choice": "Kies een fonds waaruit u budget hebt.",
        },
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )


class ForecastUploadForm(forms.Form):
    month = MonthField(
        required=False, help_text="Leeg laten: de maand uit het bestand (cel B3 van het sjabloon)."
    )
    file = forms.FileField(
        label="Ingevuld sjabloon (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, funds=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(funds) > 1:
            # the year is in the file: left empty, the only fund that granted a budget that year is taken
            self.fields["fund"] = fund_field(
                funds,
                "U hebt budget uit meer dan één fonds: de prognose geldt voor het budget "
                "van dit fonds. Leeg laten kan als u in dat jaar budget uit één fonds hebt.",
                required=False,
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Het bestand is groter dan 5 MB.")
        return upload


class TemplateForm(forms.Form):
    month = MonthField()


class BudgetRequestForm(forms.Form):
    """Q per product; P is shown from the tariff list and never entered."""

    motivation = forms.CharField(
        label="Toelichting",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 4}),
        help_text="Wachtlijst, opnamestop en waarom extra budget nodig is.",
    )
    # seed 002 §2.2 rule 6, each required
    scaling_down = forms.CharField(
        label="Bijdrage aan afschaling",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
        error_messages={"required": "Vermeld hoe u heeft bijgedragen aan afschaling."},
    )
    referring_back = forms.CharField(
        label="Bijdrage aan terugverwijzing",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
        error_messages={"required": "Vermeld hoe u heeft bijgedragen aan terugverwijzing."},
    )
    shortening = forms.CharField(
        label="Bijdrage aan verkorting van trajecten",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
        error_messages={
            "required": "Vermeld hoe u heeft bijgedragen aan verkorting van trajecten."
        },
    )
    demand_evidence = forms.CharField(
        label="Wachtlijst door verhoogde vraag",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
        help_text="Toon aan dat de wachtlijst door verhoogde vraag komt (instroom, verwijzingen).",
        error_messages={"required": "Toon aan dat de wachtlijst door verhoogde vraag komt."},
    )

    def __init__(self, *args, products, tariffs, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for product in products:
            tariff = tariffs.get(product.code)
            if tariff is None:
                continue
            name = f"q_{product.pk}"
            self.fields[name] = AmountField(
                label=f"Aantal {product.get_unit_display()} {product.code} {product.name}",
                required=False,
                min_value=Decimal("0"),
                max_digits=14,
                decimal_places=2,
                widget=forms.TextInput(attrs=TEXT),
            )
            self.rows.append((product, tariff, name))

    def quantities(self) -> dict[Product, Decimal]:
        return {
            product: self.cleaned_data[name]
            for product, _tariff, name in self.rows
            if self.cleaned_data.get(name)
        }

    def bound_rows(self):
        return [(product, tariff, self[name]) for product, tariff, name in self.rows]


class DecisionForm(forms.Form):
    note = forms.CharField(
        label="Toelichting bij het besluit",
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields = []
        for line in lines:
            name = f"g_{line.pk}"
            self.fields[name] = AmountField(
                label=f"Toegekend aantal {line.product.code}",
                min_value=Decimal("0"),
                max_value=line.quantity,
                max_digits=14,
                decimal_places=2,
                initial=line.quantity,
                widget=forms.TextInput(attrs=TEXT),
                error_messages={
                    "max_value": f"Ten hoogste het aangevraagde aantal: {format_number(line.quantity, 2)}."
                },
            )
            self.line_fields.append((line, name))

    def granted(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data[name] for line, name in self.line_fields}

    def bound_rows(self):
        return [(line, self[name]) for line, name in self.line_fields]


class TransferForm(forms.Form):
    from_product = forms.ModelChoiceField(queryset=Product.objects.none(), label="Van product")
    to_product = forms.ModelChoiceField(queryset=Product.objects.none(), label="Naar product")
    amount = AmountField(
        label="Bedrag (€)",
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs=TEXT),
    )
    reason = forms.CharField(
        label="Reden (akkoord TWO)",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        products = Product.objects.filter(provider=provider)
        self.fields["from_product"].queryset = products
        self.fields["to_product"].queryset = products


class UnechoedTextInput(forms.TextInput):
    """A BSN is never sent back in a page, also not in a form shown again with errors."""

    def format_value(self, value):
        return None


class ClientRegistrationForm(forms.Form):
    product = forms.ModelChoiceField(queryset=Product.objects.none(), label="Product")
    bsn = forms.CharField(
        label="BSN",
        max_length=11,
        widget=UnechoedTextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    intake_on = DateField(
        label="Opnamedatum", widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )

    def __init__(self, *args, provider, funds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(provider=provider)
        if len(funds) > 1:
            self.fields["fund"] = fund_field(
                funds, "Het budget (de regio) waarboven de cliënt is opgenomen."
            )


# Why TWO staff look at a full BSN (issue 12, hole 9): a choice, plus at least a sentence of their own.
BSN_REASONS = [
    ("declaratie", "Controle van een declaratie of prognose"),
    ("accountant", "Controle door de accountant"),
    ("afrekening", "Afrekening van het fonds"),
    ("client", "Vraag, klacht of bezwaar van de cliënt"),
    ("anders", "Anders"),
]


class ReasonForm(forms.Form):
    category = forms.ChoiceField(
        label="Reden",
        choices=[("", "Kies een reden"), *BSN_REASONS],
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    reason = forms.CharField(
        label="Toelichting (wordt gelogd)",
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
        help_text="Ten minste een zin: waarom u dit BSN nodig hebt.",
    )

    def clean_reason(self):
        text = " ".join(self.cleaned_data["reason"].split())
        if not reason_is_a_sentence(text):
            raise forms.ValidationError(
                f"Schrijf ten minste een zin ({MIN_REASON_WORDS} woorden, {MIN_REASON_CHARS} tekens) "
                "over waarom u het BSN nodig hebt."
            )
        return text

    def logged_reason(self) -> str:
        """The reason as it is logged: the choice and the sentence."""
        return f"{dict(BSN_REASONS)[self.cleaned_data['category']]}: {self.cleaned_data['reason']}"


class ProductForm(forms.Form):
    code = forms.RegexField(
        label="iJw-productcode",
        regex=r"^[0-9A-Z]{5}$",
        max_length=5,
        error_messages={
            "invalid": "Een productcode is vijf tekens: cijfers en hoofdletters, bijv. 45A12."
        },
        widget=forms.TextInput(attrs=TEXT),
    )
    name = forms.CharField(
        label="Naam (functie of hulpvorm)", max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    category = forms.ChoiceField(label="iJw-productcategorie", choices=ProductCategory.choices)
    unit = forms.ChoiceField(label="Eenheid", choices=Unit.choices)


class TariffForm(forms.Form):
    product_code = forms.RegexField(
        label="iJw-productcode",
        regex=r"^[0-9A-Z]{5}$",
        max_length=5,
        error_messages={
            "invalid": "Een productcode is vijf tekens: cijfers en hoofdletters, bijv. 45A12."
        },
        widget=forms.TextInput(attrs=TEXT),
    )
    unit = forms.ChoiceField(label="Eenheid", choices=Unit.choices)
    price = AmountField(
        label="Prijs per eenheid (€)",
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs=TEXT),
    )


class TariffFilterForm(forms.Form):
    regio = forms.ModelChoiceField(
        label="Regio", queryset=Region.objects.all(), to_field_name="slug", empty_label=None
    )
    jaar = IntegerField(
        label="Jaar", min_value=2015, max_value=2100, widget=forms.NumberInput(attrs=TEXT)
    )


class ForecastCellsForm:
    """A month's forecast as typed in the browser: per product the cells of xlsx.INPUTS (named
    "<product code>-<field>") and an explanation, read by the XLSX upload's rules (xlsx_reading.parse_rows).
    Expected units may be left blank: the service then stores the estimate. Unbound, it shows the
    previous forecast's figures (`previous`: product code -> line), an estimated figure blank, so
    it is estimated again. `fund_missing`: the provider has budgets from more than one fund this
    year and did not choose one; the form says so and is not valid."""

    SHEET = "formulier"

    def __init__(
        self,
        data=None,
        *,
        products,
        year: int,
        month: int,
        previous=None,
        explanation: str = "",
        fund_missing: bool = False,
    ):
        self.products, self.year, self.month = list(products), year, month
        self.is_bound = data is not None
        self.values: dict[str, list] = {}
        self.estimates: dict[str, object] = {}
        self.errors: list[
            tuple
        ] = []  # (sheet, row, column, reason), as xlsx_reading.parse_rows gives them
        self.rows: list = []
        if self.is_bound:
            self.explanation = data.get("explanation", "")
            for product in self.products:
                raw = [data.get(f"{product.code}-{c.field}", "") for c in xlsx.INPUTS]
                self.values[product.code] = raw
                self.estimates[product.code] = xlsx_reading.estimate_from_cells(
                    raw, year=year, month=month
                )
            if fund_missing:
                self.add_error(
                    f"U hebt in {year} budget uit meer dan één fonds: kies het fonds (de regio) "
                    "waarvoor deze prognose geldt. Er is niets opgeslagen."
                )
            cells = [
                (index, product.code, self.values[product.code])
                for index, product in enumerate(self.products, start=1)
            ]
            self.rows = xlsx_reading.parse_rows(
                cells,
                sheet=self.SHEET,
                product_codes={p.code for p in self.products},
                errors=self.errors,
                optional=frozenset({"expected_units"}),
            )
        else:
            self.explanation = explanation
            fields = [c.field for c in xlsx.INPUTS]
            for product in self.products:
                old = (previous or {}).get(product.code)
                self.values[product.code] = [
                    (
                        xlsx.TREND_WORD[getattr(old, c.field)]
                        if c.kind == "trend"
                        else getattr(old, c.field)
                    )
                    if old
                    else ""
                    for c in xlsx.INPUTS
                ]
                if (
                    old and old.expected_units_estimated
                ):  # estimated last time: blank, so it is estimated again
                    self.values[product.code][fields.index("expected_units")] = ""

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors

    def add_error(self, message: str) -> None:
        self.errors.append((self.SHEET, None, "", message))

    def shown_errors(self) -> list[tuple[str, str, str]]:
        """(product code, column, reason) per error, in the order they were found."""
        by_row = {index: product for index, product in enumerate(self.products, start=1)}
        return [
            (by_row[row].code if row in by_row else "", column, reason)
            for _sheet, row, column, reason in self.errors
        ]

    def table(self, tariffs) -> list[tuple]:
        """Per product: the product, its tariff, its estimate (after "Schatting berekenen") and its
        cells as (column, input name, value)."""
        return [
            (
                product,
                tariffs.get(product.code),
                self.estimates.get(product.code),
                [
                    (c, f"{product.code}-{c.field}", v)
                    for c, v in zip(xlsx.INPUTS, self.values[product.code], strict=True)
                ],
            )
            for product in self.products
        ]
