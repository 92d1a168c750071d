import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from core.crypto import DecryptionError
from core.fields import blind_lookup
from profiles.models import Customer
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw_columns(customer: Customer) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT display_name, phone, email, address, phone_index FROM profiles_customer "
            "WHERE id = %s",
            [customer.pk],
        )
        names = ["display_name", "phone", "email", "address", "phone_index"]
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_personal_fields_round_trip_and_the_column_holds_no_plaintext():
    customer = Customer.objects.create(
        shop=make_shop(),
        display_name="王小明",
        phone="+86 138 0013 8000",
        email="Ming@Example.com",
        address="上海市浦东新区世纪大道 100 号",
    )
    again = Customer.objects.get(pk=customer.pk)
    assert (again.display_name, again.phone, again.email, again.address) == (
        "王小明",
        "+86 138 0013 8000",
        "Ming@Example.com",
        "上海市浦东新区世纪大道 100 号",
    )
    stored = raw_columns(customer)
    for plaintext in ("王小明", "138", "8000", "Ming", "example", "上海", "100"):
        assert all(plaintext.lower() not in value.lower() for value in stored.values())


def test_equal_plaintexts_encrypt_to_different_ciphertexts():
    first = Customer.objects.create(shop=make_shop(), phone="13800138000")
    second = Customer.objects.create(shop=make_shop(), phone="13800138000")
    assert raw_columns(first)["phone"] != raw_columns(second)["phone"]


def test_blind_index_finds_a_customer_by_phone_or_email_in_any_formatting():
    wanted = Customer.objects.create(
        shop=make_shop(), phone="+86 138-0013-8000", email="Ming@Example.com"
    )
    Customer.objects.create(shop=make_shop(), phone="+86 139 0000 0000", email="other@example.com")
    by_phone = Customer.objects.filter(
        phone_index=blind_lookup(Customer, "phone", "+8613800138000")
    )
    by_email = Customer.objects.filter(
        email_index=blind_lookup(Customer, "email", "  ming@example.COM ")
    )
    assert list(by_phone) == [wanted]
    assert list(by_email) == [wanted]


def test_blind_index_follows_an_edit():
    customer = Customer.objects.create(shop=make_shop(), phone="13800138000")
    customer.phone = "13900139000"
    customer.save()
    assert not Customer.objects.filter(phone_index=blind_lookup(Customer, "phone", "13800138000"))
    assert Customer.objects.filter(phone_index=blind_lookup(Customer, "phone", "13900139000"))


def test_equality_filter_on_an_encrypted_field_is_refused_rather_than_silently_empty():
    with pytest.raises(FieldError):
        list(Customer.objects.filter(phone="13800138000"))


def test_key_rotation_keeps_every_row_readable_under_the_new_key_alone():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        customers = [
            Customer.objects.create(
                shop=make_shop(), display_name=f"客户{i}", phone=f"1380000{i:04d}", email=""
            )
            for i in range(25)
        ]
        before = {c.pk: raw_columns(c)["phone"] for c in customers}
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_encryption_keys", "--batch-size", "7", "--no-progress")
        # A second run has nothing left to do.
        call_command("rotate_encryption_keys", "--no-progress")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        for i, customer in enumerate(customers):
            again = Customer.objects.get(pk=customer.pk)
            assert again.display_name == f"客户{i}"
            assert again.phone == f"1380000{i:04d}"
            assert raw_columns(customer)["phone"] != before[customer.pk]
        # The blind index does not depend on the encryption keys, so look-ups still work.
        assert Customer.objects.filter(phone_index=blind_lookup(Customer, "phone", "13800000003"))


def test_a_value_under_an_unknown_key_fails_loudly():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        customer = Customer.objects.create(shop=make_shop(), phone="13800138000")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(DecryptionError):
        Customer.objects.get(pk=customer.pk)
