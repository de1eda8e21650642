"""The search engine for the database in use: SQLite FTS5 or PostgreSQL full-text. Both
implement `backends.SearchBackend` with its shared helpers."""

from django.db import connection

from .backends import SearchBackend
from .postgres_fts import PostgresBackend
from .sqlite_fts import SqliteFtsBackend


def backend() -> SearchBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteFtsBackend()
