"""The HTTP API under concurrent reads and writes (issue 7.3): a live `uvicorn` server over one
store, several clients at once (httpx, one per thread) submitting and re-submitting documents
through the real pipeline, an analyst reviewing a threat while its document is re-analysed,
and readers listing threats the whole time. No request fails, no update is lost, and every
evidence span a reader gets is the document's text at its offsets.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from spacy.language import Language

from forewarn.api import Settings, create_app
from forewarn.api.auth import add_user, create_token
from forewarn.store import Store

SPEAKERS = ["Karl Hessler", "Dorin Vasko", "Ilan Brek", "Tomas Ferreira"]
TARGETS = ["Maria Lindqvist", "Elena Marsh", "Samuel Reyes", "Nadia Karim"]
WATCHED_TEXT = (
    "Militia chief threatens governor\n\n"
    '"We will kill Governor Elena Marsh if she signs the policing budget," Dorin Vasko, commander '
    "of the Northern Shield, told supporters in Kavala on Friday.\n\n"
    "Police said they were investigating the remarks.\n"
)


def _article(n: int) -> str:
    speaker, target = SPEAKERS[n % len(SPEAKERS)], TARGETS[(n + 1) % len(TARGETS)]
    return (
        f"Report {n}: threat against {target.split()[-1]}\n\n"
        f'"We will kill {target} if the vote goes ahead," {speaker} told a rally on Monday.\n\n'
        "Officials condemned the remarks.\n"
    )


def _serve(app: Any) -> tuple[str, Callable[[], None]]:
    """Serve `app` with uvicorn on a free port of 127.0.0.1; returns its URL and a stop function."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)

    def stop() -> None:
        uv.should_exit = True
        thread.join(30)
        sock.close()

    return f"http://127.0.0.1:{port}", stop


@pytest.fixture
def servers(db_url: str, nlp: Language) -> Iterator[tuple[list[str], dict[str, str]]]:
    """Two live servers over one store (as behind a load balancer, or `uvicorn --workers 2`: each
    has its own connections and analyses on its own), and a writer's Authorization header."""
    stores = [Store(db_url), Store(db_url)]
    add_user(stores[0], "analyst")
    headers = {"Authorization": f"Bearer {create_token(stores[0], 'analyst', 'concurrency test')}"}
    running = [_serve(create_app(Settings(db_url=db_url), store=store, nlp=nlp)) for store in stores]
    try:
        yield [url for url, _ in running], headers
    finally:
        for _, stop in running:
            stop()
        for store in stores:
            store.close()


def _run_at_once(workers: list[Callable[[], None]]) -> list[BaseException]:
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(work: Callable[[], None]) -> None:
        try:
            barrier.wait(timeout=30)
            work()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(240)
    assert not any(t.is_alive() for t in threads), "a client hung"
    return errors


def _check_spans(document: dict[str, Any]) -> None:
    text = document["text"]
    for threat in document["threats"]:
        for span in [threat["evidence"], *threat.get("spans", [])]:
            assert text[span["start"] : span["end"]] == span["text"], span


def test_api_concurrent_reads_and_writes_lose_nothing(servers: tuple[list[str], dict[str, str]]) -> None:
    bases, auth = servers
    with httpx.Client(base_url=bases[0], timeout=120) as client:
        first = client.post("/api/documents", json={"doc_id": "watched", "text": WATCHED_TEXT}, headers=auth)
        assert first.status_code == 201, first.text
        assert first.json()["threats"], "the watched document has a threat to review"

    statuses: list[int] = []
    reviews: list[str] = []
    submitted: list[str] = []

    def client(n: int) -> httpx.Client:
        return httpx.Client(base_url=bases[n % len(bases)], timeout=120)

    def submitter(w: int) -> Callable[[], None]:
        def work() -> None:
            with client(w) as http:
                for n in range(3):
                    doc_id = f"api-{w}-{n}"
                    r = http.post("/api/documents", json={"doc_id": doc_id, "text": _article(4 * w + n)}, headers=auth)
                    statuses.append(r.status_code)
                    assert r.status_code == 201, r.text
                    submitted.append(doc_id)
                    # the same document again: a re-analysis, while the analyst reviews it
                    r = http.post("/api/documents", json={"doc_id": "watched", "text": WATCHED_TEXT}, headers=auth)
                    statuses.append(r.status_code)
                    assert r.status_code == 201, r.text

        return work

    def reviewer() -> None:
        with client(1) as http:
            for n in range(8):
                status = ("confirmed", "rejected")[n % 2]
                for _attempt in range(20):  # re-analysis gives the threat a new id: look it up again
                    items = http.get("/api/threats", params={"doc_id": "watched"}).json()["items"]
                    r = http.patch(f"/api/threats/{items[0]['threat_id']}", json={"status": status}, headers=auth)
                    statuses.append(r.status_code)
                    if r.status_code == 200:
                        assert r.json()["status"] == status
                        reviews.append(status)
                        break
                    assert r.status_code == 404, r.text

    def reader(n: int) -> Callable[[], None]:
        return lambda: read(n)

    def read(n: int) -> None:
        with client(n) as http:
            for _ in range(10):
                r = http.get("/api/threats", params={"limit": 200})
                statuses.append(r.status_code)
                assert r.status_code == 200, r.text
                for threat in r.json()["items"]:
                    assert threat["evidence"]["text"], threat
                r = http.get("/api/documents/watched")
                statuses.append(r.status_code)
                assert r.status_code == 200, r.text
                _check_spans(r.json())

    errors = _run_at_once([submitter(0), submitter(1), reviewer, reader(0), reader(1)])
    assert errors == []
    assert not [s for s in statuses if s >= 500]
    assert reviews, "the analyst never got a review in"

    people_of_actor: dict[str, set[str]] = {}
    with httpx.Client(base_url=bases[0], timeout=60) as http:
        for doc_id in submitted:
            r = http.get(f"/api/documents/{doc_id}")
            assert r.status_code == 200 and r.json()["threats"], doc_id
            for mention in r.json()["mentions"]:
                person = next((p for p in SPEAKERS + TARGETS if mention["text"] in p), None)
                if person and mention["type"] == "PERSON":
                    people_of_actor.setdefault(mention["actor_id"], set()).add(person)
        (watched,) = http.get("/api/threats", params={"doc_id": "watched"}).json()["items"]
        # the last review the analyst was told succeeded is the one the store keeps
        assert watched["status"] == reviews[-1]
    # two servers creating actors at once never gave two people one actor id
    assert people_of_actor and all(len(people) == 1 for people in people_of_actor.values()), people_of_actor
