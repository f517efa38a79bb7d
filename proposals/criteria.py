"""The criteria a proposal must meet, one definition per fund kind: pure data, no ORM.

The applicant answers each criterion of its fund on the proposal form (CriterionAnswer); for the
SPUK the same list is what the assessors screen (ScreeningItem.Criterion is built from it), so the
assessor sees the answer and the verdict side by side. The regional fund's waiting-list
declaration (seed 002 §3.3) is a field of its own (Proposal.no_waiting_list_declaration) and the
matrix cells are MatrixCell rows; neither is repeated here.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fund.models import Fund  # its Kind choices only: no ORM here


@dataclass(frozen=True)
class Criterion:
    key: str  # stored in CriterionAnswer.criterion (and ScreeningItem.criterion for the SPUK)
    label: str  # the criterion as assessors and pages name it
    question: str  # what the applicant is asked on the proposal form


# seed 002 §3.3 "Inhoud van de voorstellen"
REGIONAL_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "innovation",
        "Innovatie: het fonds financiert innovatieve projecten",
        "Wat is innovatief aan het project? Beschrijf wat het vernieuwt ten opzichte van de "
        "huidige hulp en samenwerking.",
    ),
    Criterion(
        "transformation_goals",
        "Transformatiedoelen: draagt concreet bij aan de transformatiedoelen van Holland Rijnland",
        "Hoe draagt het project concreet bij aan de transformatiedoelen van Holland Rijnland "
        "(beleidsnota 'Hart voor de Jeugd' en de aanscherping van beleid voor de inkoop "
        "2017-2019)?",
    ),
    Criterion(
        "integrated_care",
        "Integrale samenwerking: verbindt doelgroepen en zorgvormen van de matrix tot integrale "
        "hulp en ketenaanpak",
        "Hoe verbindt het project de doelgroepen (rijen) en zorgvormen (kolommen) die u in de "
        "matrix aankruist? Beschrijf de samenwerking en de ketenaanpak.",
    ),
)

# seed 004 §6.4: content criteria 1-3 and lawfulness conditions 1-4 (DOMAIN.md §3)
SPUK_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "content_1",
        "Inhoudelijk 1: draagt bij aan duurzame transformatie (de vijf doelen van de Jeugdwet)",
        "Hoe draagt het voorstel bij aan een duurzame transformatie van de jeugdhulp, aan de "
        "transformatiedoelen van de Jeugdwet (eigen kracht, minder medicalisering, eerder hulp op "
        "maat, één gezin één plan één regisseur, meer ruimte voor professionals)?",
    ),
    Criterion(
        "content_2",
        "Inhoudelijk 2: thema dat in heel Zuid-West speelt en nog geen passende oplossing kent",
        "Welk thema pakt het voorstel aan? Laat zien dat het in heel Zuid-West speelt en dat er "
        "nog geen passende oplossing voor is.",
    ),
    Criterion(
        "content_3",
        "Inhoudelijk 3: past bij de drie functies (consultatie en advies, organiseren van hulp, "
        "kennis bundelen en leren)",
        "Hoe past het voorstel bij de drie functies van het expertisenetwerk: consultatie en "
        "advies aan behandelaren, het organiseren van hulp met aanvullende expertise, en het "
        "bundelen van kennis en leren van complexe casussen?",
    ),
    Criterion(
        "lawful_1",
        "Rechtmatig 1: ondersteunt bestaande infrastructuur; geen verbreding van eigen aanbod; "
        "innovatief; binnen de bestedingsperiode",
        "Bij welke bestaande regionale infrastructuur sluit het voorstel aan? Laat zien dat het "
        "bestaande zorgaanbod in de eigen regio niet wordt verbreed, wat het vernieuwend maakt, "
        "en dat een meerjarenplan binnen de bestedingsperiode past. Loopt het werk ook in een "
        "andere regio van Zuid-West, noem dan de instemming van die regio.",
    ),
    Criterion(
        "lawful_2",
        "Rechtmatig 2: heldere doelen en resultaten, logische relatie tussen doelen, activiteiten "
        "en middelen",
        "Welke doelen en resultaten heeft het voorstel, met welke activiteiten worden ze bereikt "
        "en welke inzet (mensen of geld) is daarvoor nodig?",
    ),
    Criterion(
        "lawful_3",
        "Rechtmatig 3: verantwoording: de regio monitort en rapporteert uiterlijk 1 maart van het "
        "volgende jaar",
        "Hoe stuurt en monitort de jeugdhulpregio op de besteding door de opdrachtnemers, en "
        "wanneer levert zij het verantwoordingsverslag (na afloop van het project en uiterlijk "
        "vóór 1 maart van het volgende jaar)?",
    ),
    Criterion(
        "lawful_4",
        "Rechtmatig 4: rechtmatige besteding: aanbestedingsrecht en inkoopbeleid, met "
        "inkoopdeskundige",
        "Hoe borgt u de rechtmatige besteding (aanbestedingsrecht en het inkoopbeleid van de "
        "eigen jeugdhulpregio), en welke inkoopdeskundige denkt mee?",
    ),
)

ALL_CRITERIA: tuple[Criterion, ...] = REGIONAL_CRITERIA + SPUK_CRITERIA


def criteria_for(fund_kind: str) -> tuple[Criterion, ...]:
    """The criteria of a fund kind: the SPUK list for a SPUK; the regional list otherwise, as the
    regional rules (matrix, waiting-list declaration) apply to every fund that is not a SPUK."""
    return SPUK_CRITERIA if fund_kind == Fund.Kind.SPUK else REGIONAL_CRITERIA


def choices(criteria: Iterable[Criterion]) -> list[tuple[str, str]]:
    return [(c.key, c.label) for c in criteria]


def missing_answers(fund_kind: str, answers: Mapping[str, str]) -> list[Criterion]:
    """The criteria of the fund kind without a (non-blank) answer, in the order of the list."""
    return [c for c in criteria_for(fund_kind) if not (answers.get(c.key) or "").strip()]


def missing_answers_problem(fund_kind: str, answers: Mapping[str, str]) -> str | None:
    """Why the answers are not complete, naming every criterion still open; None when complete."""
    missing = missing_answers(fund_kind, answers)
    if not missing:
        return None
    return (
        "Beantwoord alle criteria van het fonds; nog geen antwoord op: "
        + "; ".join(c.label for c in missing)
        + "."
    )
