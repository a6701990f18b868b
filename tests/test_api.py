"""The HTTP API of `forewarn serve`, endpoint by endpoint, with its errors, on every backend."""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import json
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language
from sqlalchemy import select
from typer.testing import CliRunner

from forewarn.api import Settings, create_app
from forewarn.api.auth import add_user, create_token, revoke_token, verify_token
from forewarn.cli.app import app as cli_app
from forewarn.model import Span
from forewarn.resolve.resolver import context_tokens
from forewarn.store import Store
from forewarn.store.schema_web import DbApiToken
from pg_server import PostgresUnavailable
from test_web_corpus import AnalysedCorpus, analyse_corpus

BACKENDS = ("sqlite", "postgresql")  # as the db_url fixture of conftest.py

with warnings.catch_warnings():  # starlette suggests another HTTP client package; httpx works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> AnalysedCorpus:
    return analyse_corpus(tmp_path_factory.mktemp("webcorpus"), nlp)


@pytest.fixture(scope="module", params=BACKENDS)
def shared_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, corpus: AnalysedCorpus
) -> Iterator[Store]:
    """One store per backend for the tests that only read (as `db_url` would give, made once:
    creating a PostgreSQL database per test costs a second)."""
    server = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        if isinstance(server, PostgresUnavailable):
            pytest.skip(f"PostgreSQL: no server could be started locally ({server})")
        name = server.create_database()
        url = server.url(name)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('shared') / 'forewarn.db'}"
    s = Store(url)
    corpus.save_into(s)
    try:
        yield s
    finally:
        s.close()
        if server is not None:
            server.drop_database(name)


@pytest.fixture
def reader(shared_store: Store) -> TestClient:
    """A client for tests that do not change the store."""
    return make_client(shared_store)


@pytest.fixture
def store(db_url: str, corpus: AnalysedCorpus) -> Iterator[Store]:
    s = Store(db_url)
    corpus.save_into(s)
    try:
        yield s
    finally:
        s.close()


def make_client(store: Store, nlp: Language | None = None, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(db_url=store.url, **settings), store=store, nlp=nlp))


@pytest.fixture
def client(store: Store, nlp: Language) -> TestClient:
    return make_client(store, nlp)


@pytest.fixture
def auth(store: Store) -> dict[str, str]:
    add_user(store, "alice")
    return {"Authorization": f"Bearer {create_token(store, 'alice', 'tests')}"}


def actor_id(client: TestClient, name: str) -> str:
    items = client.get("/api/actors", params={"q": name}).json()["items"]
    return next(a["actor_id"] for a in items if a["name"] == name)


def all_threats(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    return client.get("/api/threats", params={"limit": 200, **params}).json()["items"]


def threat_by_evidence(client: TestClient, words: str) -> dict[str, Any]:
    return next(t for t in all_threats(client) if words in t["evidence"]["text"])


# ---------------------------------------------------------------------- threats


def test_threats_newest_first_and_cursor_pages_cover_all(reader: TestClient, corpus: AnalysedCorpus) -> None:
    everything = all_threats(reader)
    assert len(everything) == sum(len(a.threats) for a in corpus.analyses)
    dates = [t["date"] or t["doc_published"] for t in everything]
    assert dates == sorted(dates, reverse=True)
    seen: list[int] = []
    cursor = None
    while True:
        response = reader.get("/api/threats", params={"limit": 1, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200
        page = response.json()
        assert len(page["items"]) <= 1
        seen += [t["threat_id"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [t["threat_id"] for t in everything]


def test_threat_filters(reader: TestClient) -> None:
    rubaie = actor_id(reader, "Haidar al-Rubaie")
    by_speaker = all_threats(reader, speaker=rubaie)
    assert len(by_speaker) == 2 and {t["speaker_id"] for t in by_speaker} == {rubaie}
    assert [t["threat_id"] for t in all_threats(reader, speaker="Rubaie")] == [t["threat_id"] for t in by_speaker]

    saleh = all_threats(reader, target="Omar Saleh")
    assert len(saleh) == 1 and "kill you and your family" in saleh[0]["evidence"]["text"]
    assert all_threats(reader, target=saleh[0]["target_id"]) == saleh

    conditional = all_threats(reader, form="conditional")
    assert conditional and {t["form"] for t in conditional} == {"conditional"}
    assert {t["type"] for t in all_threats(reader, type="violence")} == {"violence"}
    assert all_threats(reader, type="economic") == []

    spring = all_threats(reader, date_from="2024-04-01", date_to="2024-05-31")
    assert spring and all("2024-04-01" <= t["date"] <= "2024-05-31" for t in spring)
    assert len(spring) < len(all_threats(reader))

    burn = all_threats(reader, q="BURN the ministry")
    assert len(burn) == 1 and burn[0]["doc_id"] == "basra_militia_warning"
    assert all_threats(reader, q="100%_") == []  # LIKE wildcards are literal
    assert {t["doc_id"] for t in all_threats(reader, doc_id="reporter_threatened")} == {"reporter_threatened"}
    assert {t["status"] for t in all_threats(reader, status="unreviewed")} == {"unreviewed"}
    assert all_threats(reader, status="confirmed") == []
    assert all_threats(reader, organisation="Nobody Of That Name") == []
    # filters are bound parameters, not SQL
    assert reader.get("/api/threats", params={"target": "' OR 1=1 --"}).json()["items"] == []
    assert reader.get("/api/threats", params={"q": "'; DROP TABLE threats; --"}).json()["items"] == []
    assert len(all_threats(reader)) == len(all_threats(reader, q=""))


BAD_THREAT_FILTERS: list[dict[str, Any]] = [
    {"type": "rumour"},
    {"form": "shouted"},
    {"status": "maybe"},
    {"date_from": "March 2024"},
    {"date_from": "2024-02-30"},
    {"date_from": "2024-06-01", "date_to": "2024-01-01"},
    {"limit": 0},
    {"limit": 10_000},
    {"cursor": "not-a-cursor"},
    {"cursor": "WyJhbiIsIngiLCJBMSJd"},  # an actor-list cursor
    {"target": "x" * 500},
]


def test_threat_list_rejects_bad_filters(reader: TestClient) -> None:
    for params in BAD_THREAT_FILTERS:
        response = reader.get("/api/threats", params=params)
        assert response.status_code == 422, (params, response.text)
        assert "detail" in response.json()


def test_threat_detail(reader: TestClient, corpus: AnalysedCorpus) -> None:
    listed = threat_by_evidence(reader, "we will burn the ministry")
    response = reader.get(f"/api/threats/{listed['threat_id']}")
    assert response.status_code == 200
    threat = response.json()
    text = corpus.document(threat["doc_id"]).text
    for span in threat["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert threat["speaker"] == "Haidar al-Rubaie" and threat["target"] == "Ministry of Oil"
    assert threat["review"] is None and threat["history"] == []
    assert reader.get("/api/threats/987654").status_code == 404
    assert reader.get("/api/threats/abc").status_code == 422
    assert reader.get("/api/threats/0").status_code == 422


# ---------------------------------------------------------------------- review


def test_review_needs_a_token(client: TestClient, store: Store, auth: dict[str, str]) -> None:
    threat = threat_by_evidence(client, "kill you and your family")
    url = f"/api/threats/{threat['threat_id']}"
    assert client.patch(url, json={"status": "confirmed"}).status_code == 401
    assert client.patch(url, json={"status": "confirmed"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    wrong_secret = auth["Authorization"][:-4] + ("AAAA" if not auth["Authorization"].endswith("AAAA") else "BBBB")
    assert client.patch(url, json={"status": "confirmed"}, headers={"Authorization": wrong_secret}).status_code == 401
    key_id = auth["Authorization"].split("_")[1]
    revoke_token(store, key_id)
    assert client.patch(url, json={"status": "confirmed"}, headers=auth).status_code == 401
    assert client.get(url).json()["status"] == "unreviewed"


def test_review_errors(client: TestClient, auth: dict[str, str]) -> None:
    threat = threat_by_evidence(client, "kill you and your family")
    url = f"/api/threats/{threat['threat_id']}"
    assert client.patch("/api/threats/987654", json={"status": "confirmed"}, headers=auth).status_code == 404
    for body in (
        {"status": "probably"},
        {"type": "rumour"},
        {"form": "loud"},
        {},
        {"speaker_id": "Bob"},
        {"target_id": "A99999"},  # well-formed, but no such actor
        {"status": "confirmed", "analyst": "mallory"},  # unknown field
    ):
        response = client.patch(url, json=body, headers=auth)
        assert response.status_code == 422, (body, response.text)
    assert client.get(url).json()["status"] == "unreviewed"


def test_confirm_and_correct_survive_reanalysis_and_show_in_exports(
    client: TestClient, store: Store, auth: dict[str, str], corpus: AnalysedCorpus
) -> None:
    threat = threat_by_evidence(client, "we will make you pay with your blood")
    # the analyst names a target the extraction did not give: the governor addressed by name, or, where the
    # extraction already found her, the commander (an analyst's mistake is corrected the same way)
    name = "Nadia Karim" if threat["target_id"] != actor_id(client, "Nadia Karim") else "Haidar al-Rubaie"
    new_target = actor_id(client, name)
    url = f"/api/threats/{threat['threat_id']}"

    response = client.patch(
        url, json={"status": "confirmed", "target_id": new_target, "note": "addressed by name"}, headers=auth
    )
    assert response.status_code == 200, response.text
    reviewed = response.json()
    assert reviewed["status"] == "confirmed" and reviewed["target_id"] == new_target and reviewed["target"] == name
    assert reviewed["reviewed_by"] == "alice" and reviewed["reviewed_at"]
    assert reviewed["corrected"] == ["target_id"]
    assert reviewed["history"][0]["user"] == "alice"
    assert reviewed["history"][0]["changes"] == {
        "status": ["unreviewed", "confirmed"],
        "target_id": [threat["target_id"], new_target],
    }
    # the corrected target is marked at the document's mention of her nearest the evidence
    text = corpus.document("zubair_convoy_bombing").text
    span = reviewed["target_span"]
    assert span is not None and text[span["start"] : span["end"]] == span["text"] and span["text"].split()[-1] in name
    assert threat["threat_id"] in [t["threat_id"] for t in all_threats(client, target=new_target)]

    # a second review changes the form only; both are in the history
    second = client.patch(url, json={"form": "conditional"}, headers=auth).json()
    assert second["form"] == "conditional" and second["target_id"] == new_target
    assert [list(h["changes"]) for h in second["history"]] == [["status", "target_id"], ["form"]]

    # re-analysing the document (the same text again through the API) replaces its threat rows ...
    document = corpus.document("zubair_convoy_bombing")
    again = client.post(
        "/api/documents",
        json={"text": document.text, "doc_id": document.doc_id, "published": document.published},
        headers=auth,
    )
    assert again.status_code == 201, again.text
    # ... and the review is found again and applied to the new row
    after = next(t for t in again.json()["threats"] if "make you pay with your blood" in t["evidence"]["text"])
    assert after["status"] == "confirmed" and after["target_id"] == new_target and after["form"] == "conditional"
    assert after["reviewed_by"] == "alice" and sorted(after["corrected"]) == ["form", "target_id"]
    detail = client.get(f"/api/threats/{after['threat_id']}").json()
    assert len(detail["history"]) == 2 and detail["review"]["note"] == "addressed by name"

    # the exports of the command line carry the correction
    runner = CliRunner()
    exported = runner.invoke(cli_app, ["threats", "--format", "json", "--db", store.url])
    assert exported.exit_code == 0, exported.output
    rows = [r for r in json.loads(exported.stdout) if "make you pay with your blood" in r["evidence"]["text"]]
    assert (
        rows
        and rows[0]["target_id"] == new_target
        and rows[0]["status"] == "confirmed"
        and rows[0]["form"] == "conditional"
    )
    csv_out = runner.invoke(cli_app, ["threats", "--format", "csv", "--target", name, "--db", store.url])
    assert csv_out.exit_code == 0 and "make you pay with your blood" in csv_out.stdout and "confirmed" in csv_out.stdout


def test_a_review_follows_its_threat_when_a_new_analysis_moves_the_evidence(
    client: TestClient, store: Store, auth: dict[str, str], corpus: AnalysedCorpus
) -> None:
    threat = threat_by_evidence(client, "kill you and your family")
    client.patch(f"/api/threats/{threat['threat_id']}", json={"status": "rejected", "type": "other"}, headers=auth)
    # a later extraction takes a longer evidence span for the same threat (the whole sentence)
    analysis = next(a for a in corpus.analyses if a.document.doc_id == "reporter_threatened")
    text = analysis.document.text
    old = next(t for t in analysis.threats if "kill you and your family" in t.evidence.text)
    start = text.rindex("read:", 0, old.evidence.start)
    moved = dataclasses.replace(old, evidence=Span.of(text, start, old.evidence.end), evidence_spans=[])
    store.save_analysis(
        dataclasses.replace(analysis, threats=[moved if t is old else t for t in analysis.threats]),
        contexts={a.local_id: context_tokens(analysis, a) for a in analysis.actors},
    )
    after = next(t for t in all_threats(client, doc_id="reporter_threatened") if "your family" in t["evidence"]["text"])
    assert after["evidence"]["start"] == start and after["evidence"]["text"].startswith("read:")  # the new span
    assert after["status"] == "rejected" and after["type"] == "other" and after["reviewed_by"] == "alice"


def test_rejecting_keeps_the_threat_listed_as_rejected(client: TestClient, auth: dict[str, str]) -> None:
    threat = threat_by_evidence(client, "kill you if you open the new checkpoint")
    response = client.patch(f"/api/threats/{threat['threat_id']}", json={"status": "rejected"}, headers=auth)
    assert response.status_code == 200
    assert [t["threat_id"] for t in all_threats(client, status="rejected")] == [threat["threat_id"]]
    assert threat["threat_id"] not in [t["threat_id"] for t in all_threats(client, status="unreviewed")]


# ---------------------------------------------------------------------- actors, events, timeline, network


def test_actor_list_pages_and_sorts(reader: TestClient) -> None:
    names: list[str] = []
    cursor = None
    while True:
        page = reader.get("/api/actors", params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        names += [a["name"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert names == sorted(names, key=str.lower) and len(names) == len(set(names)) > 5
    threatened = reader.get("/api/actors", params={"sort": "threatened", "limit": 50}).json()["items"]
    received = [a["threats_received"] for a in threatened]
    assert received == sorted(received, reverse=True) and received[0] >= 1
    persons = reader.get("/api/actors", params={"type": "PERSON"}).json()["items"]
    assert persons and {a["type"] for a in persons} == {"PERSON"}
    assert reader.get("/api/actors", params={"sort": "size"}).status_code == 422
    assert reader.get("/api/actors", params={"type": "ALIEN"}).status_code == 422
    assert reader.get("/api/actors", params={"cursor": "%%%"}).status_code == 422


def test_actor_detail_with_merge_history(client: TestClient, store: Store) -> None:
    rubaie = actor_id(client, "Haidar al-Rubaie")
    response = client.get(f"/api/actors/{rubaie}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["actor"]["name"] == "Haidar al-Rubaie" and "al-Rubaie" in detail["actor"]["aliases"]
    assert len(detail["threats_made"]["items"]) == 2 and detail["actor"]["threats_made"] == 2
    assert all(t["speaker_id"] == rubaie for t in detail["threats_made"]["items"])

    karim = actor_id(client, "Nadia Karim")
    governor = client.get(f"/api/actors/{karim}").json()
    assert governor["actor"]["type"] == "PERSON"

    # an analyst merges the militia's spokesman into its commander (wrongly, but on record)
    jaber = actor_id(client, "Kadhim Jaber")
    store.merge_actors(rubaie, jaber, "alice", "test merge")
    merged = client.get(f"/api/actors/{jaber}").json()  # the old id still answers, for the survivor
    assert merged["actor"]["actor_id"] == rubaie and merged["requested_id"] == jaber
    assert jaber in merged["merged_ids"]
    assert any(h["kind"] == "merge" and h["actor_ids"] == [rubaie, jaber] for h in merged["history"])
    assert client.get("/api/actors/A999999").status_code == 404


def test_events_list(reader: TestClient) -> None:
    events = reader.get("/api/events").json()["items"]
    assert any(e["type"] == "bombing" and e["doc_id"] == "zubair_convoy_bombing" for e in events)
    bombings = reader.get("/api/events", params={"type": "bombing"}).json()["items"]
    assert bombings and {e["type"] for e in bombings} == {"bombing"}
    first = reader.get("/api/events", params={"limit": 1}).json()
    second = reader.get("/api/events", params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert first["items"][0]["event_id"] != second["items"][0]["event_id"]
    assert reader.get("/api/events", params={"type": "picnic"}).status_code == 422


def test_target_timeline(reader: TestClient) -> None:
    oil = actor_id(reader, "Ministry of Oil")
    response = reader.get(f"/api/targets/{oil}/timeline")
    assert response.status_code == 200
    timeline = response.json()
    assert timeline["name"] == "Ministry of Oil" and timeline["granularity"] == "month"
    assert sum(b["threats"] for b in timeline["buckets"]) == 1
    assert all(len(b["period"]) == 7 for b in timeline["buckets"])
    yearly = reader.get(f"/api/targets/{oil}/timeline", params={"granularity": "year"}).json()
    assert [b["period"] for b in yearly["buckets"]] == ["2024"] and yearly["buckets"][0]["threats_by_type"] == {
        "violence": 1
    }
    assert reader.get(f"/api/targets/{oil}/timeline", params={"granularity": "hour"}).status_code == 422
    assert reader.get("/api/targets/A999999/timeline").status_code == 404


def test_actor_network(reader: TestClient) -> None:
    rubaie = actor_id(reader, "Haidar al-Rubaie")
    network = reader.get(f"/api/actors/{rubaie}/network").json()
    focus = [n for n in network["nodes"] if n["focus"]]
    assert [n["actor_id"] for n in focus] == [rubaie]
    assert network["edges"] and all(e["source"] == rubaie for e in network["edges"])
    assert {n["name"] for n in network["nodes"]} >= {"Haidar al-Rubaie", "Ministry of Oil"}
    assert reader.get("/api/actors/A999999/network").status_code == 404
    assert reader.get(f"/api/actors/{rubaie}/network", params={"size": 0}).status_code == 422


# ---------------------------------------------------------------------- documents


def test_document_with_every_span(reader: TestClient, corpus: AnalysedCorpus) -> None:
    response = reader.get("/api/documents/reporter_threatened")
    assert response.status_code == 200
    doc = response.json()
    text = corpus.document("reporter_threatened").text
    assert doc["text"] == text and doc["title"].startswith("Reporter receives death threats")
    assert doc["published"] == "2024-05-20" and doc["content_hash"] == hashlib.sha256(text.encode()).hexdigest()
    assert doc["threats"] and doc["mentions"]
    spans = [s for t in doc["threats"] for s in t["spans"]] + [s for e in doc["events"] for s in e["spans"]]
    spans += [m for m in doc["mentions"]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    assert any(m["name"] == "Omar Saleh" for m in doc["mentions"])
    assert reader.get("/api/documents/no-such-document").status_code == 404
    # the JSON carries the text as it is: escaping is the job of whoever renders it
    hostile = reader.get("/api/documents/script_payload_post").json()
    assert '<script>alert("owned")</script>' in hostile["text"]
    assert reader.get("/api/documents/script_payload_post").headers["content-type"] == "application/json"


def test_submit_document_runs_the_pipeline(client: TestClient, auth: dict[str, str]) -> None:
    text = (
        "Tribal leader threatens provincial council\n\n"
        "NASIRIYAH, July 8, 2024 — Sheikh Mahdi al-Zubaidi told a gathering of his tribe on Sunday: "
        '"If the council seizes our land, we will kill every member who votes for it."\n\n'
        "Council chairman Jamal Hassan said the vote would go ahead."
    )
    assert client.post("/api/documents", json={"text": text}).status_code == 401
    response = client.post("/api/documents", json={"text": text, "source": "Test Wire"}, headers=auth)
    assert response.status_code == 201, response.text
    doc = response.json()
    assert doc["doc_id"].startswith("api-") and response.headers["location"] == f"/api/documents/{doc['doc_id']}"
    assert doc["published"] == "2024-07-08" and doc["source"] == "Test Wire"
    assert doc["metadata"]["submitted_by"] == "alice"
    threat = next(t for t in doc["threats"] if "we will kill every member" in t["evidence"]["text"])
    assert threat["speaker"] == "Mahdi al-Zubaidi"
    assert text[threat["evidence"]["start"] : threat["evidence"]["end"]] == threat["evidence"]["text"]
    assert client.get(f"/api/documents/{doc['doc_id']}").json()["threats"][0]["threat_id"] == threat["threat_id"]

    html = (
        "<html><head><title>Warning to the port</title></head><body><article><h1>Warning to the port</h1>"
        "<p>UMM QASR, August 3, 2024 — Militia leader Qais Hamdan said in a speech on Saturday: "
        "&quot;We will blow up the port authority's headquarters if the foreign ships keep coming.&quot;</p>"
        "<p>The port authority said it had asked the army for protection. Officials said the threat was "
        "being taken seriously by the government in Baghdad and by the shipping companies.</p>"
        "</article></body></html>"
    )
    from_html = client.post("/api/documents", json={"html": html, "doc_id": "port-warning"}, headers=auth)
    assert from_html.status_code == 201, from_html.text
    port = from_html.json()
    assert "<p>" not in port["text"] and "We will blow up the port authority" in port["text"]
    assert any("blow up the port authority" in t["evidence"]["text"] for t in port["threats"])


def test_a_second_report_of_a_threat_corroborates_it(client: TestClient, auth: dict[str, str]) -> None:
    original = threat_by_evidence(client, "we will burn the ministry's offices")
    assert client.get(f"/api/threats/{original['threat_id']}").json()["reports"]["report_count"] == 1
    text = (
        "Oil Ministry on alert after militia threat\n\n"
        "BAGHDAD, March 5, 2024 — Security was tightened at Ministry of Oil buildings on Tuesday, a day after "
        'Northern Shield commander Haidar al-Rubaie said in a video: "If our brothers are not freed by Sunday, we '
        "will burn the ministry's offices in Basra to the ground.\"\n\n"
        "A ministry spokesman said work continued as normal."
    )
    response = client.post("/api/documents", json={"text": text, "doc_id": "oil-ministry-alert"}, headers=auth)
    assert response.status_code == 201, response.text
    reports = client.get(f"/api/threats/{original['threat_id']}").json()["reports"]
    assert reports["report_count"] == 2
    assert set(reports["doc_ids"]) == {"basra_militia_warning", "oil-ministry-alert"}
    listed = next(t for t in all_threats(client) if t["threat_id"] == original["threat_id"])
    assert listed["reports"]["report_count"] == 2


BAD_SUBMISSIONS: list[dict[str, Any]] = [
    {},
    {"text": ""},
    {"text": "a", "html": "<p>a</p>"},
    {"text": "fine", "doc_id": "../../etc/passwd"},
    {"text": "fine", "colour": "red"},
    {"html": "<html><body></body></html>"},  # no article text to extract
    {"text": "fine", "metadata": ["not", "an", "object"]},
]


def test_submit_document_rejects_bad_input(client: TestClient, auth: dict[str, str]) -> None:
    for body in BAD_SUBMISSIONS:
        response = client.post("/api/documents", json=body, headers=auth)
        assert response.status_code == 422, (body, response.text)
    assert client.post("/api/documents", content=b"{not json", headers=auth).status_code == 422


def test_submit_document_size_limit(store: Store, auth: dict[str, str]) -> None:
    client = make_client(store, max_upload_bytes=10_000)
    response = client.post("/api/documents", json={"text": "word " * 5_000}, headers=auth)
    assert response.status_code == 413
    # a streamed body without a length is counted too
    chunks = (b'{"text": "' + b"x" * 4_000 + b'"}' if i == 0 else b" " * 4_000 for i in range(4))
    response = client.post("/api/documents", content=chunks, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 413


class _Page(http.server.BaseHTTPRequestHandler):
    body = (
        b"<html><head><title>Intranet note</title></head><body><article><p>MOSUL, September 9, 2024 - "
        b"Commander Yasir Talib said on the radio: &quot;We will attack the governor's palace "
        b"if the curfew is not lifted tonight.&quot;</p><p>The governor's office said the curfew stays in place "
        b"until the army finishes its search of the old city, and called on residents to stay calm.</p>"
        b"</article></body></html>"
    )

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_page() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/note.html"
    finally:
        server.shutdown()
        server.server_close()


def test_submit_url_refuses_private_addresses_unless_allowed(
    store: Store, nlp: Language, auth: dict[str, str], local_page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOREWARN_ALLOW_PRIVATE_URLS", raising=False)
    closed = make_client(store, nlp)
    for url in (local_page, "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "file:///etc/passwd"):
        response = closed.post("/api/documents", json={"url": url}, headers=auth)
        assert response.status_code == 422, (url, response.text)
    assert "url" in closed.post("/api/documents", json={"url": local_page}, headers=auth).json()["detail"]

    intranet = make_client(store, nlp, allow_private_urls=True)
    response = intranet.post("/api/documents", json={"url": local_page}, headers=auth)
    assert response.status_code == 201, response.text
    doc = response.json()
    assert doc["url"] == local_page and doc["metadata"]["fetched_url"] == local_page
    assert any("attack the governor's palace" in t["evidence"]["text"] for t in doc["threats"])


# ---------------------------------------------------------------------- search, sessions, reads, security


def test_search_documents_quotes_and_actors(reader: TestClient) -> None:
    result = reader.get("/api/search", params={"q": "Karim"}).json()
    assert {d["doc_id"] for d in result["documents"]["items"]} == {
        "basra_militia_warning",
        "zubair_convoy_bombing",
        "karim_office_attack",
    }
    assert all("Karim" in d["snippet"] for d in result["documents"]["items"])
    assert [a["name"] for a in result["actors"]["items"]] == ["Nadia Karim"]
    quotes = reader.get("/api/search", params={"q": "your family"}).json()["threats"]["items"]
    assert len(quotes) == 1 and quotes[0]["doc_id"] == "reporter_threatened"
    assert reader.get("/api/search").status_code == 422
    assert reader.get("/api/search", params={"q": "x" * 500}).status_code == 422


def test_reads_may_need_a_token_and_the_browser_signs_in_by_cookie(store: Store, auth: dict[str, str]) -> None:
    client = make_client(store, reads_need_token=True)
    for url in ("/api/threats", "/api/actors", "/api/documents/reporter_threatened", "/api/search?q=x"):
        response = client.get(url)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        assert client.get(url, headers=auth).status_code == 200
    assert client.get("/api/session").json() == {"user": None, "reads_need_token": True}

    assert client.post("/api/session", json={"token": "fw_000000000000_" + "A" * 43}).status_code == 401
    token = auth["Authorization"].removeprefix("Bearer ")
    signed_in = client.post("/api/session", json={"token": token})
    assert signed_in.status_code == 200 and signed_in.json()["user"] == "alice"
    cookie = signed_in.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/api/threats").status_code == 200  # the cookie now
    threat = client.get("/api/threats").json()["items"][0]
    url = f"/api/threats/{threat['threat_id']}"
    # a write carried by the cookie alone could be forged by another site: it needs the header
    assert client.patch(url, json={"status": "confirmed"}).status_code == 403
    foreign = {"X-Forewarn-Request": "1", "Origin": "https://evil.example"}
    assert client.patch(url, json={"status": "confirmed"}, headers=foreign).status_code == 403
    assert client.patch(url, json={"status": "confirmed"}, headers={"X-Forewarn-Request": "1"}).status_code == 200
    assert client.delete("/api/session").status_code == 204
    client.cookies.clear()
    assert client.get("/api/threats").status_code == 401


def test_tokens_are_stored_hashed(store: Store) -> None:
    add_user(store, "bob")
    token = create_token(store, "bob")
    _, key_id, secret = token.split("_", 2)
    with store._sessions() as s:
        row = s.scalar(select(DbApiToken).where(DbApiToken.key_id == key_id))
        assert row is not None
        assert row.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
        stored = json.dumps([str(v) for v in vars(row).values()])
    assert secret not in stored
    assert verify_token(store, token) == "bob"
    assert verify_token(store, token + "x") is None
    assert verify_token(store, f"fw_{key_id}_{'A' * len(secret)}") is None


def test_security_headers_and_closed_cors(reader: TestClient, shared_store: Store) -> None:
    response = reader.get("/api/threats", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "same-origin"
    preflight = reader.options(
        "/api/threats/1",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "PATCH"},
    )
    assert "access-control-allow-origin" not in preflight.headers

    opened = make_client(shared_store, cors_origins=("https://partner.example",))
    allowed = opened.get("/api/threats", headers={"Origin": "https://partner.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://partner.example"
    other = opened.get("/api/threats", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_openapi_document_lists_every_endpoint(reader: TestClient) -> None:
    spec = reader.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in (
        ("/api/threats", "get"),
        ("/api/threats/{threat_id}", "get"),
        ("/api/threats/{threat_id}", "patch"),
        ("/api/actors", "get"),
        ("/api/actors/{actor_id}", "get"),
        ("/api/documents/{doc_id}", "get"),
        ("/api/documents", "post"),
        ("/api/targets/{actor_id}/timeline", "get"),
        ("/api/events", "get"),
        ("/api/search", "get"),
    ):
        assert method in paths[path], (path, method)
    assert reader.get("/docs").status_code == 404  # no page that would load scripts from a CDN


def test_users_and_tokens_commands(store: Store) -> None:
    runner = CliRunner()
    assert runner.invoke(cli_app, ["users", "add", "carol", "--db", store.url]).exit_code == 0
    assert runner.invoke(cli_app, ["users", "add", "carol", "--db", store.url]).exit_code == 2
    assert runner.invoke(cli_app, ["tokens", "create", "nobody", "--db", store.url]).exit_code == 2
    created = runner.invoke(cli_app, ["tokens", "create", "carol", "--label", "laptop", "--db", store.url])
    assert created.exit_code == 0
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("fw_") and verify_token(store, token) == "carol"
    listed = runner.invoke(cli_app, ["tokens", "list", "--db", store.url])
    key_id = token.split("_")[1]
    assert key_id in listed.stdout and token.split("_", 2)[2] not in listed.stdout
    assert runner.invoke(cli_app, ["tokens", "revoke", key_id, "--db", store.url]).exit_code == 0
    assert verify_token(store, token) is None
    assert runner.invoke(cli_app, ["users", "disable", "carol", "--db", store.url]).exit_code == 0


def test_serve_command_starts_the_app(monkeypatch: pytest.MonkeyPatch, store: Store) -> None:
    started: dict[str, Any] = {}

    def fake_run(application: Any, **kwargs: Any) -> None:
        started.update(kwargs, app=application)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(
        cli_app,
        ["serve", "--db", store.url, "--port", "8765", "--reads-need-token", "--cors-origin", "https://a.example"],
    )
    assert result.exit_code == 0, result.output
    assert started["port"] == 8765 and started["host"] == "127.0.0.1"
    settings = started["app"].state.settings
    assert settings.reads_need_token and settings.cors_origins == ("https://a.example",)
    started["app"].state.store.close()
