"""The table of the shared cache (settings.CACHE_TABLE, decision 0018), created with the schema so
that no deployment can start without it. createcachetable skips tables that exist and caches that
are not database caches (Redis, the tests' local memory)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_notification")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
