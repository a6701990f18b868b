"""Schemathesis against the OpenAPI document of `forewarn serve`: generated requests (valid
and invalid) to every operation, with a valid token, must never get a server error (5xx).
The app runs in-process over a store of realistic documents; submitted documents go
through the real pipeline."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from spacy.language import Language

from forewarn.api import Settings, create_app
from forewarn.api.auth import add_user, create_token
from forewarn.store import Store
from test_web_corpus import analyse_corpus

EXAMPLES_PER_OPERATION = 15  # a modest count keeps the run short (the whole file in about 20 s)


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[tuple[Any, str]]:
    folder = tmp_path_factory.mktemp("fuzz")
    store = Store(f"sqlite:///{folder / 'forewarn.db'}")
    analyse_corpus(folder / "corpus", nlp).save_into(store)
    add_user(store, "fuzzer")
    token = create_token(store, "fuzzer")
    try:
        yield create_app(Settings(db_url=store.url, max_upload_bytes=200_000), store=store, nlp=nlp), token
    finally:
        store.close()


@pytest.fixture(autouse=True)
def no_name_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated `url`s must not send DNS queries out of the machine: names other than
    localhost fail at once, as they would with no network."""
    real = socket.getaddrinfo

    def offline(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host in ("localhost", "127.0.0.1", "::1") or (isinstance(host, str) and host.replace(".", "").isdigit()):
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "no network in the tests")

    monkeypatch.setattr(socket, "getaddrinfo", offline)


def test_no_server_errors(fuzzed_app: tuple[Any, str]) -> None:
    app, token = fuzzed_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    calls = 0

    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                database=None,
                phases=[Phase.explicit, Phase.generate],
            )
            def call(case: Any) -> None:
                nonlocal calls
                calls += 1
                response = case.call(headers={"Authorization": f"Bearer {token}"})
                if response.status_code >= 500:
                    failures.append(
                        f"{case.method} {case.formatted_path} {case.query or ''} {str(case.body)[:200]} -> "
                        f"{response.status_code}: {response.text[:300]}"
                    )

            try:
                call()
            except Unsatisfiable:
                # an operation with nothing to get wrong (no parameters, no body) has no invalid requests
                if mode is not schemathesis.GenerationMode.NEGATIVE:
                    raise
    assert calls > 10 * len(operations)
    assert not failures, "\n".join(failures)
