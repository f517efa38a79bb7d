"""`manage.py import_forecast --user` submits on behalf of the provider: only its own users and
TWO staff may; anyone else gets a non-zero exit and the reason on stderr, and nothing is read in."""

import pytest
from django.core.management import execute_from_command_line

from allocations.models import ForecastSubmission
from tests.allocations.xlsx_helpers import filled


@pytest.fixture
def run(monkeypatch, capsys):
    # run_from_argv closes the connections afterwards; the test database must stay open
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

    def command(*argv):
        with pytest.raises(SystemExit) as exit_info:
            execute_from_command_line(["manage.py", "import_forecast", *argv])
            raise SystemExit(0)  # returning is the shell's exit status 0
        out = capsys.readouterr()
        return exit_info.value.code, out.out, out.err

    return command


def test_a_user_of_another_provider_is_refused(world, tmp_path, run):
    provider, other = world.provider("aanbieder-a"), world.provider("aanbieder-b")
    path = tmp_path / "prognose.xlsx"
    path.write_bytes(filled(provider))
    code, _out, err = run("aanbieder-a", "2016-05", str(path), "--user", other.user.username)
    assert code == 1
    assert (
        "Gebruiker 'user-aanbieder-b' hoort niet bij Aanbieder A en is geen medewerker van de TWO Jeugdhulp; "
        "er is niets ingelezen."
    ) in err
    assert not ForecastSubmission.objects.exists()


def test_two_staff_may_read_in_for_a_provider(world, tmp_path, run):
    provider = world.provider("aanbieder-a")
    path = tmp_path / "prognose.xlsx"
    path.write_bytes(filled(provider))
    code, out, _err = run("aanbieder-a", "2016-05", str(path), "--user", world.two.username)
    assert code == 0
    assert "Prognose 2016-05 van aanbieder-a ingelezen (versie 1, 2 producten)." in out
    assert ForecastSubmission.objects.get().submitted_by == world.two
