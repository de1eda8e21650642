"""Facet values as words of the full-text index (search/facet_tokens.py): a `facet_tokens`
column, filled from the existing SearchFacet rows, and on SQLite the FTS5 table rebuilt with it
as a third column (the triggers of 0002 with the new column)."""

from collections import defaultdict

from django.db import migrations, models

from capacityhub.search import facet_tokens

COLUMNS = ("title", "body", "facet_tokens")


def _fts(columns) -> list[str]:
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    # Our own constant column names, no input: S608 does not apply.
    delete = f"INSERT INTO search_fts(search_fts, rowid, {names}) VALUES ('delete', old.id, {old});"  # noqa: S608, E501
    insert = f"INSERT INTO search_fts(rowid, {names}) VALUES (new.id, {new});"  # noqa: S608
    return [
        "DROP TRIGGER IF EXISTS search_fts_au",
        "DROP TRIGGER IF EXISTS search_fts_ad",
        "DROP TRIGGER IF EXISTS search_fts_ai",
        "DROP TABLE IF EXISTS search_fts",
        f"CREATE VIRTUAL TABLE search_fts USING fts5({names}, content='search_searchdocument', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN {insert} END",
        f"CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN {delete} END",
        f"CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN "
        f"{delete} {insert} END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


def _rebuild(columns):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in _fts(columns):
            schema_editor.execute(statement)

    return run


def fill_tokens(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchFacet = apps.get_model("search", "SearchFacet")
    by_document = defaultdict(list)
    for document_id, name, value in SearchFacet.objects.values_list("document_id", "name", "value"):
        by_document[document_id].append((name, value))
    changed = [
        SearchDocument(pk=pk, facet_tokens=facet_tokens.tokens(facets))
        for pk, facets in by_document.items()
    ]
    SearchDocument.objects.bulk_update(changed, ["facet_tokens"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_vector")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facet_tokens",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(migrations.RunPython.noop, _rebuild(("title", "body"))),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.RunPython(_rebuild(COLUMNS), migrations.RunPython.noop),
    ]
