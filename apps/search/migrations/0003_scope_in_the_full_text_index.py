"""Who may find a document, and where, inside the full-text index itself: its hub, its kind, both
together, and whether it is public or whose it is are written into the index as tokens a query
can never produce (see apps/search/selectors.py, "Scope tokens"). A search then filters by hub, kind and
visibility inside the index, without reading a document row per match: at city scale a common
word in one hub is tens of thousands of index entries, and reading their rows was most of the
time a query took.

PostgreSQL: the tokens join the tsvector (`array_to_tsvector`, no positions, so they never
weigh in `ts_rank`), and the trigger also runs when the hub, kind, visibility or owner change.
A second tsvector, `prefixes`, GIN-indexed, holds the words without their positions, every
word's first three to six letters, the same in the document's hub, and the scope tokens: a word
being typed ("sykk") is one index entry, in one hub one short one, not a range of every word
that starts so, and a query is one GIN scan (FTS5's prefix index, migration 0002, does the same on SQLite).
SQLite: the FTS5 table gains a `tags` column; its content comes from a view over the documents,
so the table can still be rebuilt from them. Existing documents are re-indexed here."""

import django.contrib.postgres.search
from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION search_document_vector() RETURNS trigger AS $$
DECLARE
    cfg regconfig;
    words tsvector;
    scope text[];
BEGIN
    cfg := CASE NEW.language
        WHEN 'nb' THEN 'norwegian' WHEN 'nn' THEN 'norwegian' WHEN 'no' THEN 'norwegian'
        WHEN 'sv' THEN 'swedish' WHEN 'en' THEN 'english' ELSE 'simple' END;
    words := setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector(cfg, coalesce(NEW.body, '')), 'B');
    scope := array_remove(ARRAY[
        '#h' || NEW.hub_id,
        '#k' || NEW.kind,
        '#h' || NEW.hub_id || 'k' || NEW.kind,
        CASE WHEN NOT NEW.public THEN '#priv' END,
        CASE WHEN NEW.owner_id IS NOT NULL THEN '#o' || NEW.owner_id END
    ], NULL);
    NEW.vector := words || array_to_tsvector(scope);
    -- The words without positions, every word's first 3, 4, 5 and 6 letters ('#psykk' for
    -- "sykkelverksted"), the same in the document's hub ('#h7psykk'), and the scope.
    NEW.prefixes := strip(words) || array_to_tsvector(scope || ARRAY(
        SELECT DISTINCT pre || left(lexeme, n)
        FROM unnest(tsvector_to_array(words)) AS lexeme, generate_series(3, 6) AS n,
            unnest(ARRAY['#p', '#h' || NEW.hub_id || 'p']) AS pre
        WHERE length(lexeme) >= n
    ));
    RETURN NEW;
END $$ LANGUAGE plpgsql
"""
# Re-indexing every document may take longer than the web's statement timeout
# (DATABASE_STATEMENT_TIMEOUT_MS); it is lifted for this migration's transaction only.
NO_TIMEOUT = "SET LOCAL statement_timeout = 0"
PG_FORWARD = [
    NO_TIMEOUT,
    PG_FUNCTION,
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    """
    CREATE TRIGGER search_document_vector
    BEFORE INSERT OR UPDATE OF title, body, language, hub_id, kind, public, owner_id
    ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_vector()
    """,
    "UPDATE search_searchdocument SET title = title",
    "CREATE INDEX search_document_prefixes_gin ON search_searchdocument USING gin (prefixes)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_prefixes_gin",
    NO_TIMEOUT,
    """
    CREATE OR REPLACE FUNCTION search_document_vector() RETURNS trigger AS $$
    DECLARE cfg regconfig;
    BEGIN
        cfg := CASE NEW.language
            WHEN 'nb' THEN 'norwegian' WHEN 'nn' THEN 'norwegian' WHEN 'no' THEN 'norwegian'
            WHEN 'sv' THEN 'swedish' WHEN 'en' THEN 'english' ELSE 'simple' END;
        NEW.vector := setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector(cfg, coalesce(NEW.body, '')), 'B');
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    """
    CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE OF title, body, language
    ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_vector()
    """,
    "UPDATE search_searchdocument SET title = title",
]

# The tokens as SQLite text: "h7 kidea h7kidea priv o12" (the FTS5 column `tags` is only ever
# searched with a column filter, and the words a person types only in title and body).
SQLITE_TAGS = (
    "'h' || {t}.hub_id || ' k' || {t}.kind || ' h' || {t}.hub_id || 'k' || {t}.kind"
    " || CASE WHEN {t}.public THEN '' ELSE ' priv' END"
    " || CASE WHEN {t}.owner_id IS NOT NULL THEN ' o' || {t}.owner_id ELSE '' END"
)
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
    "DROP VIEW IF EXISTS search_fts_source",
]
SQLITE_FORWARD = [
    *SQLITE_DROP,
    "CREATE VIEW search_fts_source AS SELECT id, title, body, "
    + SQLITE_TAGS.format(t="search_searchdocument")
    + " AS tags FROM search_searchdocument",
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, tags, content='search_fts_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6'
    )
    """,
    f"""
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, body, tags)
        VALUES (new.id, new.title, new.body, {SQLITE_TAGS.format(t="new")});
    END
    """,
    f"""
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, tags)
        VALUES ('delete', old.id, old.title, old.body, {SQLITE_TAGS.format(t="old")});
    END
    """,
    f"""
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, tags)
        VALUES ('delete', old.id, old.title, old.body, {SQLITE_TAGS.format(t="old")});
        INSERT INTO search_fts(rowid, title, body, tags)
        VALUES (new.id, new.title, new.body, {SQLITE_TAGS.format(t="new")});
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    # bm25 over title, body, tags: the title weighs five times the text, the tokens nothing.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0, 0.0)')",
]
SQLITE_BACKWARD = [
    *SQLITE_DROP,
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
    )
    """,
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fts_prefix_index_and_rank")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="prefixes",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
