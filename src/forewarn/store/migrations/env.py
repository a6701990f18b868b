"""Alembic environment of the forewarn store.

`forewarn.store.Store` runs `upgrade head` itself on open, handing over its own
connection through `config.attributes["connection"]`; no alembic.ini is needed.

To write a new revision after changing `forewarn/store/schema.py`::

    from alembic import command
    from forewarn.store.migrate import alembic_config
    command.revision(alembic_config("sqlite:///scratch.db"), message="...", autogenerate=True)

(run it against a database already at head; then edit the generated file by hand).
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import Connection

from forewarn.store.migrate import include_schema_object, normalise_url
from forewarn.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("FOREWARN_DB")
    if not url:
        raise RuntimeError("no database: set sqlalchemy.url on the Alembic config or FOREWARN_DB")
    return normalise_url(url)


def _configure(**kwargs: object) -> None:
    # render_as_batch: SQLite cannot ALTER most things, batch mode copies the table instead
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_schema_object,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
