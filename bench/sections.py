"""What the benches share: the name of the database they ran on, creating the PostgreSQL one
when it is missing, and the standalone benches' (search_bench, map_bench) own marked section of
docs/performance.md, which bench/run.py keeps when it rewrites the rest of the file
(bench.run.kept_sections)."""

import urllib.parse
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def write_section(name: str, text: str) -> None:
    """Replace the section between `name`'s markers in docs/performance.md (append it if missing)."""
    begin, end = markers(name)
    current = DOC.read_text() if DOC.exists() else "# Performance\n"
    block = f"{begin}\n{text}{end}\n"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        current = head + block + ("\n" + tail if tail else "")
    else:
        current = current.rstrip("\n") + "\n\n" + block
    DOC.write_text(current)


def database_name(connection: Any) -> str:
    """ "PostgreSQL 15.19" or "SQLite 3.40.1": what the numbers were measured on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("select version()")
            return cursor.fetchone()[0].split(" on ")[0]
        cursor.execute("select sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def ensure_postgres_database(url: str | None) -> None:
    """Create the bench database on the server when it is missing (a PostgreSQL URL; nothing
    for SQLite or None)."""
    if not url or not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
