"""The norms as data (seeds 001 ch. 8 and 003 ch. 4), used by migration 0002 and `norms_ensure`
(a test flush of the database removes a migration's rows)."""

NORMS = [
    # code, name, short name, term, unit, the event the term runs from, monitored (due each period), order
    (
        "jeugdbeschermer-5-werkdagen",
        "Tijdig een vaste jeugdbeschermer",
        "Vaste jeugdbeschermer",
        5,
        "working_days",
        "de GI in kennis is gesteld van de maatregel",
        True,
        1,
    ),
    (
        "gedragen-koers-6-weken",
        "Tijdig een gedragen koers",
        "Gedragen koers",
        6,
        "weeks",
        "het uitspreken van de maatregel",
        True,
        2,
    ),
    (
        "passende-hulp-3-maanden",
        "Tijdig passende hulp",
        "Passende hulp",
        3,
        "months",
        "het uitspreken van de maatregel",
        True,
        3,
    ),
    (
        "langer-dan-3-maanden-gewacht",
        "Langer dan drie maanden gewacht op passende hulp",
        "Langer dan 3 maanden gewacht",
        3,
        "months",
        "het uitspreken van de maatregel",
        False,
        4,
    ),
]
NORM_CODES = [n[0] for n in NORMS]
MONITORED_CODES = [n[0] for n in NORMS if n[6]]


def norm_defaults(row) -> dict:
    code, name, short, term, unit, start, monitored, order = row
    return {
        "name": name,
        "short_name": short,
        "term": term,
        "unit": unit,
        "start_event": start,
        "monitored": monitored,
        "order": order,
    }
