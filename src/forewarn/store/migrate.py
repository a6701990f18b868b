"""Engine creation and programmatic Alembic migrations (no alembic.ini at run time)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")


# Full-text indexes (migration 0005_search) are expressions only PostgreSQL understands, so
# they are managed by hand there and not declared on the models; autogenerate and schema
# comparisons leave them alone.
FULL_TEXT_SUFFIX = "_fts"


def include_schema_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic `include_object` hook: everything but the hand-made full-text indexes."""
    return not (type_ == "index" and name is not None and name.endswith(FULL_TEXT_SUFFIX))


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at the packaged migrations.

    Pass `connection` to migrate over an existing connection (what `Store` does), or
    `url` for Alembic to open its own.
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """Every head of the migration graph: features may add independent branches
    (each starting from an earlier revision) until a merge revision joins them."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(connection: Connection) -> frozenset[str]:
    """The revisions the database is at (empty for a fresh one); read directly rather than
    through Alembic's MigrationContext, which logs at INFO level on every call."""
    if not inspect(connection).has_table("alembic_version"):
        return frozenset()
    return frozenset(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


# any constant: PostgreSQL advisory lock taken while migrating, so that several processes
# opening a new team store at once migrate it one after the other
_MIGRATION_LOCK = 0x0F0E_3A4E


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the database to `revision` in one transaction (a no-op when already there)."""
    with engine.begin() as conn:
        if revision in ("head", "heads") and current_revisions(conn) == head_revisions():
            return  # the common case: nothing to do, and no Alembic log lines
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # held to the end of the transaction; whoever waited re-reads the version below
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            if revision in ("head", "heads") and current_revisions(conn) == head_revisions():
                return
        command.upgrade(alembic_config(connection=conn), revision)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")  # answers 'memory' for in-memory DBs: fine
        # with WAL, NORMAL never corrupts and a killed process loses no commit; only a power
        # cut may undo the last commits. Saves an fsync per document on long runs.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
    finally:
        cursor.close()


def _postgres_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """PostgreSQL text cannot hold NUL characters, which scraped text sometimes has: bind
    them as U+FFFD instead. One character for one, so every stored offset stays right."""
    from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

    class NulSafeText(StrDumperUnknown):  # type: ignore[misc]
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", "\ufffd") if "\x00" in obj else obj)

    class NulSafeBinary(StrBinaryDumper):  # type: ignore[misc]
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", "\ufffd") if "\x00" in obj else obj)

    dbapi_connection.adapters.register_dumper(str, NulSafeText)
    dbapi_connection.adapters.register_dumper(str, NulSafeBinary)


def normalise_url(url: str) -> str:
    """The URL SQLAlchemy should open: plain `postgresql://` (and `postgres://`) URLs use
    psycopg 3, the driver forewarn depends on, instead of SQLAlchemy's default psycopg2."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def make_engine(url: str) -> Engine:
    """Create the engine; for SQLite, create the file's directory and turn on WAL and FKs;
    for PostgreSQL, use psycopg 3 and check pooled connections before use."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.driver == "psycopg":
            event.listen(engine, "connect", _postgres_on_connect)
        return engine
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine
