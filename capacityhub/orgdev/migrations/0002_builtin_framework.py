"""The built-in framework, version 1 (its texts are product strings in orgdev/framework.py)."""

from django.db import migrations

V1 = [
    "governance-decisions", "governance-accountability", "strategy-plan", "strategy-priorities",
    "finance-budget", "finance-sources", "programmes-design", "programmes-reach",
    "partnerships-scope", "partnerships-depth", "people-volunteers", "people-leadership",
    "communications-community", "communications-public", "evaluation-measure",
    "evaluation-learning", "technology-tools", "technology-security",
]  # fmt: skip


def create(apps, schema_editor):
    FrameworkVersion = apps.get_model("orgdev", "FrameworkVersion")
    FrameworkVersion.objects.get_or_create(number=1, defaults={"questions": V1, "mapping": {}})


class Migration(migrations.Migration):
    dependencies = [("orgdev", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
