"""A yes/no setting from the environment takes the usual spellings and refuses any other value with
a message naming the variable, instead of reading it as off."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import settings
from config.settings import env_bool

NAME = "JEUGDFONDS_TEST_FLAG"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("True", True),
        ("YES", True),
        ("on", True),
        (" On \n", True),
        ("0", False),
        ("false", False),
        ("FALSE", False),
        ("no", False),
        ("Off", False),
        ("  0 ", False),
    ],
)
def test_the_usual_spellings_are_read(monkeypatch, value, expected):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, "0") is expected
    assert env_bool(NAME, "1") is expected  # a value set wins over the default


@pytest.mark.parametrize("value", ["ja", "2", "nee", "y", "enabled", "1.0", "true!"])
def test_an_unknown_value_is_refused_with_its_name(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_bool(NAME, "0")
    assert str(refused.value) == (
        f"Environment variable {NAME}={value!r} is not a yes/no value: "
        "use 1/0, true/false, yes/no or on/off."
    )


@pytest.mark.parametrize("value", [None, "", "   "])
def test_unset_or_empty_takes_the_default_of_the_environment(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(NAME, raising=False)
    else:
        monkeypatch.setenv(NAME, value)
    monkeypatch.setattr(settings, "DEVELOPMENT", True)
    assert env_bool(NAME, "1", production="0") is True
    assert env_bool(NAME, "0", production="1") is False
    monkeypatch.setattr(
        settings, "DEVELOPMENT", False
    )  # production, staging: the production default
    assert env_bool(NAME, "1", production="0") is False
    assert env_bool(NAME, "0", production="1") is True
    assert env_bool(NAME, "1") is False  # production defaults to off unless it says otherwise


def test_a_bad_default_is_refused_too(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)
    monkeypatch.setattr(settings, "DEVELOPMENT", True)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME, "ja")
