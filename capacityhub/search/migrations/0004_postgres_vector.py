"""PostgreSQL: the folded text's tsvector, stored (a generated column) and GIN-indexed, so a
search reads the index instead of computing to_tsvector for every row. Nothing on SQLite,
which has its FTS5 table (0002). The column is not a model field: only the PostgreSQL
backend reads it (backends.PostgresBackend), so `makemigrations` never sees it."""

from django.db import migrations

CREATE = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(folded, ''))) STORED",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING GIN (search_vector)",
]
DROP = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facets")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
