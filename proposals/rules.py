"""Pure domain rules of proposals: no ORM, no request (seed 002 §3.2-3.3, seed 004 §6.4)."""

from collections.abc import Iterable, Mapping

from proposals.criteria import SPUK_CRITERIA
from proposals.models import Proposal  # its Status choices only: no ORM here

MATRIX_ROWS = {
    1: "Jeugd- en opvoedhulp / gedragsproblematiek",
    2: "GGZ / psychiatrie",
    3: "LVG/VB / licht verstandelijke beperking",
}
MATRIX_COLUMNS = {1: "Ambulant", 2: "Residentieel", 3: "Veiligheid"}


def matrix_words(cells: Iterable[tuple[int, int]]) -> str:
    """The covered cells in words: "GGZ / psychiatrie × Ambulant; ..." ("geen cellen" when none)."""
    return (
        "; ".join(f"{MATRIX_ROWS[r]} × {MATRIX_COLUMNS[c]}" for r, c in sorted(set(cells)))
        or "geen cellen"
    )


def matrix_cell_bit(row: int, column: int) -> int:
    """The cell's bit in a matrix mask: bit 0 is row 1 x column 1, bit 8 is row 3 x column 3. The
    database computes the same number (proposals.selectors.cells_mask), so a list can read a
    proposal's cells in the query of its row."""
    return 1 << ((row - 1) * len(MATRIX_COLUMNS) + (column - 1))


def matrix_cells_of_mask(mask: int | None) -> list[tuple[int, int]]:
    """The (row, column) cells of a matrix mask, in row then column order (None: no cells)."""
    mask = mask or 0
    return [(r, c) for r in MATRIX_ROWS for c in MATRIX_COLUMNS if mask & matrix_cell_bit(r, c)]


def matrix_rule_ok(cells: Iterable[tuple[int, int]]) -> bool:
    """seed 002 §3.3: the cells span at least 2 distinct rows and at least 2 distinct columns."""
    cells = list(cells)
    return len({row for row, _ in cells}) >= 2 and len({column for _, column in cells}) >= 2


def matrix_rule_problem(cells: Iterable[tuple[int, int]]) -> str | None:
    """Why the matrix rule fails, in words a person can act on; None when it holds."""
    cells = list(cells)
    rows = {row for row, _ in cells}
    columns = {column for _, column in cells}
    if len(rows) >= 2 and len(columns) >= 2:
        return None
    return (
        "Het voorstel voldoet niet aan de matrixregel: het moet ten minste 2 rijen (doelgroepen) met ten "
        f"minste 2 kolommen (zorgvormen) verbinden; nu {len(rows)} rij(en) en {len(columns)} kolom(men)."
    )


# State machine: from -> allowed targets. "decided" is adopted or rejected.
S = Proposal.Status
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.SCREENED, S.DRAFT, S.WITHDRAWN}),
    S.SCREENED: frozenset({S.ON_AGENDA, S.WITHDRAWN}),
    S.ON_AGENDA: frozenset({S.ADOPTED, S.REJECTED, S.SCREENED, S.WITHDRAWN}),
    S.ADOPTED: frozenset({S.AWARDED}),
    S.REJECTED: frozenset(),
    S.AWARDED: frozenset({S.RUNNING}),
    S.RUNNING: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


def transition_allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


SCREENING_CRITERIA = tuple(c.key for c in SPUK_CRITERIA)


ASSESSOR_KINDS = {
    "ao_member": "een lid van het AO",
    "expert_chair": "een voorzitter van een expertteam",
}


def screening_problems(
    verdicts: Mapping[str, str],
    *,
    capacities: Iterable[str],
    work_regions: Iterable[str] = (),
    consented_regions: Iterable[str] = (),
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """seed 004 §6.4: what still blocks a SPUK proposal after screening; empty when complete.

    `verdicts` maps a criterion code to "met" / "not_met"; `capacities` are the capacities in which
    the verdicts were given: the plans are assessed by AO members and expert-team chairs (step 5),
    so an assessment is complete only when both kinds gave a verdict. `work_regions` are the names
    of the other Zuid-West regions the work runs in, each of which must have consented.
    """
    labels = labels or {}
    problems = []
    given = set(capacities)
    if verdicts:
        for kind, who in ASSESSOR_KINDS.items():
            if kind not in given:
                problems.append(
                    f"Nog geen oordeel van {who}: de plannen worden beoordeeld door AO-leden én "
                    "voorzitters van de expertteams."
                )
    for criterion in SCREENING_CRITERIA:
        label = labels.get(criterion, criterion)
        verdict = verdicts.get(criterion)
        if verdict is None:
            problems.append(f"Nog niet beoordeeld: {label}.")
        elif verdict != "met":
            problems.append(f"Voldoet niet: {label}.")
    consented = set(consented_regions)
    for region in sorted(set(work_regions) - consented):
        problems.append(
            f"Instemming van regio {region} ontbreekt (werk in een andere regio van Zuid-West)."
        )
    return problems
