import pytest

from proposals.models import Proposal
from proposals.rules import SCREENING_CRITERIA, TRANSITIONS, screening_problems, transition_allowed


def test_table_covers_every_status():
    assert set(TRANSITIONS) == set(Proposal.Status.values)
    for targets in TRANSITIONS.values():
        assert targets <= set(Proposal.Status.values)


def test_main_path_is_allowed():
    path = [
        "draft",
        "submitted",
        "screened",
        "on_agenda",
        "adopted",
        "awarded",
        "running",
        "completed",
    ]
    for a, b in zip(path, path[1:], strict=False):
        assert transition_allowed(a, b), (a, b)


def test_shortcuts_and_returns_from_end_states_are_refused():
    assert not transition_allowed("draft", "adopted")
    assert not transition_allowed("submitted", "on_agenda")
    assert not transition_allowed("rejected", "adopted")
    assert not transition_allowed("withdrawn", "draft")
    assert not transition_allowed("completed", "running")
    assert not transition_allowed("adopted", "adopted")


def test_screening_complete_when_all_met_and_consents_given():
    verdicts = dict.fromkeys(SCREENING_CRITERIA, "met")
    assert (
        screening_problems(
            verdicts,
            capacities=["ao_member", "expert_chair"],
            work_regions=["Haaglanden"],
            consented_regions=["Haaglanden"],
        )
        == []
    )


@pytest.mark.parametrize("only", ["ao_member", "expert_chair"])
def test_an_assessment_by_one_kind_of_assessor_only_is_not_complete(only):
    """seed 004 §6.4 step 5: plans are assessed by AO members and expert-team chairs."""
    verdicts = dict.fromkeys(SCREENING_CRITERIA, "met")
    problems = screening_problems(verdicts, capacities=[only] * len(verdicts))
    other = "een voorzitter van een expertteam" if only == "ao_member" else "een lid van het AO"
    assert problems == [
        f"Nog geen oordeel van {other}: de plannen worden beoordeeld door AO-leden én voorzitters "
        "van de expertteams."
    ]


def test_screening_reports_missing_failed_and_consent():
    verdicts = dict.fromkeys(SCREENING_CRITERIA[:-1], "met")
    verdicts["content_2"] = "not_met"
    problems = screening_problems(
        verdicts,
        capacities=["ao_member", "expert_chair"],
        work_regions=["Rijnmond"],
        labels={"lawful_4": "Rechtmatig 4"},
    )
    assert "Nog niet beoordeeld: Rechtmatig 4." in problems
    assert "Voldoet niet: content_2." in problems
    assert any("Instemming van regio Rijnmond ontbreekt" in p for p in problems)
