"""SQLite only: the FTS5 table again, with prefix indexes (a prefix query such as "sykk*" reads
one index entry instead of every word that starts so) and `rank` set to the ranking the
selector uses (bm25, title five times the text), so `ORDER BY rank` is FTS5's own fast path.
PostgreSQL is unchanged."""

from django.db import migrations

COLUMNS = "title, body, content='search_searchdocument', content_rowid='id'"
TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"


def _recreate(prefix: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        options = f"{COLUMNS}, {TOKENIZE}" + (f", prefix='{prefix}'" if prefix else "")
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5({options})")
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        if prefix:
            schema_editor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_recreate("2 3 4"), _recreate(""))]
