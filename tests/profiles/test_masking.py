"""Masked contact details, as agents see them in the console."""

import pytest

from profiles.masking import mask_email, mask_phone


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("+86 138 0013 8000", "+86 138****8000"),
        ("+86-138-0013-8000", "+86 138****8000"),
        ("+8613800138000", "+86 138****8000"),
        ("13800138000", "138****8000"),
        (" 138 0013 8000 ", "138****8000"),
        ("+1 (415) 555-2671", "+1 ******2671"),
        ("+44 20 7946 0958", "+44 ******0958"),
        # Short numbers: fewer digits shown, never the whole number.
        ("8765 4321", "****4321"),
        ("95555", "***55"),
        ("110", "***"),
        ("+12", "+**"),
        # Nothing usable.
        ("", ""),
        (None, ""),
        ("   ", ""),
        ("ask at the front desk", ""),
    ],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    "raw",
    ["+86 138 0013 8000", "+8613800138000", "13800138000", "+1 (415) 555-2671", "8765 4321"],
)
def test_a_masked_phone_hides_at_least_four_digits(raw):
    masked = mask_phone(raw)
    assert masked.count("*") >= 4
    assert sum(c.isdigit() for c in masked) < sum(c.isdigit() for c in raw)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("alice@example.com", "a***@example.com"),
        ("a@example.com", "a***@example.com"),
        ("  Bob.Smith+shop@Mail.Example.org ", "B***@Mail.Example.org"),
        ("first@second@example.com", "f***@example.com"),
        # Odd or broken addresses give nothing away.
        ("@example.com", "***@example.com"),
        (".hidden@example.com", "***@example.com"),
        ("bob@", "***"),
        ("not an address", "***"),
        ("", ""),
        (None, ""),
        ("   ", ""),
    ],
)
def test_mask_email(raw, masked):
    assert mask_email(raw) == masked


def test_a_masked_email_does_not_reveal_the_length_of_the_name():
    assert mask_email("al@example.com") == mask_email("alexander.the.great@example.com")
