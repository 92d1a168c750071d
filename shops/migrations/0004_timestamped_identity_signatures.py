"""Identity signatures carry a time (issue 17 L8). Shops that exist already keep their old,
untimed signatures working for 30 days while their back end moves to the new form; new shops
only ever accept the new one."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

import core.fields
import shops.models

GRACE = dt.timedelta(days=30)


def grace_for_existing_shops(apps, schema_editor):
    Shop = apps.get_model("shops", "Shop")
    Shop.objects.filter(legacy_signatures_until__isnull=True).update(
        legacy_signatures_until=timezone.now() + GRACE
    )


class Migration(migrations.Migration):
    dependencies = [
        ("shops", "0003_shop_default_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="shop",
            name="legacy_signatures_until",
            field=models.DateTimeField(
                blank=True,
                help_text="Until then the old signature form, hex(HMAC-SHA256(secret, customer_id)) without a time, is still accepted, so the shop can move its back end over. Empty: refused.",
                null=True,
                verbose_name="accept untimed signatures until",
            ),
        ),
        migrations.AlterField(
            model_name="shop",
            name="identity_secret",
            field=core.fields.EncryptedTextField(
                default=shops.models.new_identity_secret,
                help_text="Signs customer ids: signature = TS + '.' + hex(HMAC-SHA256(secret, customer_id + ':' + TS)), TS the current Unix time; valid for 10 minutes.",
                verbose_name="identity secret",
            ),
        ),
        migrations.RunPython(grace_for_existing_shops, migrations.RunPython.noop),
    ]
