"""An index the Kirkpatrick matrix reads evidence through: by capacity, then day, covering the
holder (decision 0031). Evidence belongs to community, whose model does not list it, so it is
created here by SQL; it changes no model state. Works on SQLite and PostgreSQL."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS evaluation_evidence_capacity_day "
    "ON community_evidence (capacity_id, occurred_on, profile_id)"
)
DROP = "DROP INDEX IF EXISTS evaluation_evidence_capacity_day"


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("community", "0001_initial"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
