import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured, ValidationError

from allocations.bsn import decrypt_bsn, encrypt_bsn, mask_bsn, rotate_token, validate_bsn

TEST_BSNS = ["999991772", "999996708", "999996630", "999996642", "999995844"]


@pytest.mark.parametrize("bsn", TEST_BSNS)
def test_public_test_numbers_pass_the_11_check(bsn):
    assert validate_bsn(bsn) == bsn


def test_normalises_spaces_dots_and_spreadsheet_floats():
    assert validate_bsn(" 9999.91.772 ") == "999991772"
    assert validate_bsn("999991772.0") == "999991772"
    assert validate_bsn(999991772) == "999991772"


@pytest.mark.parametrize("bad", ["999991773", "12345678a", "", None, "1234567890", "000000000"])
def test_numbers_failing_the_11_check_are_refused(bad):
    with pytest.raises(ValidationError) as info:
        validate_bsn(bad)
    assert "elfproef" in str(info.value)


def test_masking_shows_only_the_last_three_digits():
    assert mask_bsn("999991772") == "******772"


def test_encryption_round_trip_and_no_plain_text(settings):
    token = encrypt_bsn("999991772")
    assert "999991772" not in token
    assert decrypt_bsn(token) == "999991772"
    assert encrypt_bsn("999991772") != token  # Fernet: a fresh IV every time


def test_rotation_needs_only_the_newest_key_afterwards(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.BSN_ENCRYPTION_KEYS = old
    token = encrypt_bsn("999996708")
    settings.BSN_ENCRYPTION_KEYS = f"{new},{old}"
    rotated = rotate_token(token)
    settings.BSN_ENCRYPTION_KEYS = new
    assert decrypt_bsn(rotated) == "999996708"
    with pytest.raises(ImproperlyConfigured):
        decrypt_bsn(token)
