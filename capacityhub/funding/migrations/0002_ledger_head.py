"""The chain's head row exists from the start, so the first two posts on PostgreSQL lock the
same row instead of racing to create it (services.chain_append.locked_head still creates it
when a test database was flushed)."""

from django.db import migrations

GENESIS_HASH = "0" * 64


def create_head(apps, schema_editor):
    apps.get_model("funding", "LedgerHead").objects.get_or_create(
        pk=1, defaults={"sequence": 0, "hash": GENESIS_HASH}
    )


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
