"""Shared fixtures: one spaCy pipeline for the whole session (loading it is the slow part), and a
fresh store URL per backend (SQLite, and PostgreSQL on a throwaway server: see pg_server.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from spacy.language import Language

from forewarn.extract import analyse_document
from forewarn.model import Document, DocumentAnalysis
from forewarn.nlp.pipeline import analysis_text, load_nlp
from pg_server import PostgresServer, PostgresUnavailable, start_server


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def analyse(nlp: Language):
    def run(text: str, *, doc_id: str = "doc", published: str | None = "2024-03-09", ignored=None) -> DocumentAnalysis:
        document = Document(doc_id=doc_id, text=text, published=published, ignored=list(ignored or []))
        return analyse_document(document, nlp(analysis_text(document)))

    return run


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | PostgresUnavailable]:
    """One private PostgreSQL server for the whole session, started on first use (or why it could not start)."""
    try:
        server = start_server()
    except PostgresUnavailable as exc:
        yield exc
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer | PostgresUnavailable) -> Iterator[str]:
    """A fresh, empty PostgreSQL database's SQLAlchemy URL (dropped after the test)."""
    if isinstance(postgres_server, PostgresUnavailable):
        pytest.skip(f"PostgreSQL: no server could be started locally ({postgres_server})")
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh, empty store's SQLAlchemy URL, once per backend.

    Storage and API tests take this fixture so that they run on every backend the suite
    can reach: SQLite always; PostgreSQL on a private server started for the session
    (skipped, saying why, only where none can start)."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return f"sqlite:///{tmp_path / 'forewarn.db'}"


@pytest.fixture
def new_db_url(request: pytest.FixtureRequest, db_url: str, tmp_path) -> Iterator[Callable[[], str]]:
    """Make more fresh store URLs on the backend of this test's `db_url` (for tests that
    compare a store with a control store)."""
    made: list[str] = []
    server = request.getfixturevalue("postgres_server") if db_url.startswith("postgresql") else None

    def make() -> str:
        if isinstance(server, PostgresServer):
            name = server.create_database()
            made.append(name)
            return server.url(name)
        made.append(f"store-{len(made)}")
        return f"sqlite:///{tmp_path / (made[-1] + '.db')}"

    yield make
    if isinstance(server, PostgresServer):
        for name in made:
            server.drop_database(name)
