"""Watchlists, alert rules and delivery through the outbox, against real local servers: an
http.server webhook receiver and an aiosmtpd SMTP server, each failing on demand."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from rich.console import Console
from typer.testing import CliRunner

from forewarn.analyse.delivery import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    RetryPolicy,
    deliver_pending,
    verify_signature,
)
from forewarn.analyse.watchlists import WatchError, add_watch, evaluate
from forewarn.cli.app import app
from forewarn.model import ActorRef, DocActor, Document, DocumentAnalysis, Span, Threat
from forewarn.store import Store
from forewarn.store import warning as wstore
from forewarn.store.warning import utcnow
from warning_fixtures import corpus

FAST = RetryPolicy(attempts=3, initial=0.01, maximum=0.05)
JUNE = date(2024, 6, 10)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A store on every backend (rules, the outbox's claims and retries are storage)."""
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store, for tests of the delivery channels themselves."""
    s = Store(f"sqlite:///{tmp_path / 'alerts.db'}")
    yield s
    s.close()


def economic_threat() -> DocumentAnalysis:
    text = 'The finance minister said: "Not one dinar will reach Karami\'s office if the pact passes."'
    quote = "Not one dinar will reach Karami's office if the pact passes."
    start = text.index(quote)
    return DocumentAnalysis(
        document=Document(doc_id="g_money", text=text, published="2024-05-15", source="Gulf Wire"),
        actors=[
            DocActor("A8", "Nabil Aoun", "PERSON", actor_id="A8"),
            DocActor("A2", "Yusuf Karami", "PERSON", actor_id="A2"),
        ],
        threats=[
            Threat(
                speaker=ActorRef("A8"),
                target=ActorRef("A2"),
                evidence=Span.of(text, start, start + len(quote)),
                type="economic",
                form="conditional",
                date="2024-05-14",
            )
        ],
    )


def _by_rule(rows) -> dict[str, list]:  # type: ignore[no-untyped-def]
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(r.rule, []).append(r)
    return out


# ---------------------------------------------------------------------- rules


def test_target_rules_raise_once_per_threat(store: Store) -> None:
    for analysis in corpus()[:1]:  # the first report exists before the watch: an archive
        store.save_analysis(analysis)
    with pytest.raises(WatchError):
        add_watch(store, "target", "Nobody Known")
    store.save_analysis(DocumentAnalysis(Document("seed", "Yusuf Karami.", published="2024-05-01"),
                                         [DocActor("A2", "Yusuf Karami", "PERSON", actor_id="A2")]))  # fmt: skip
    watch = add_watch(store, "target", "Karami")
    assert watch.value == "A2" and watch.label == "Yusuf Karami"
    assert evaluate(store, today=JUNE).raised == []  # nothing new since the watch
    for analysis in corpus()[1:]:
        store.save_analysis(analysis)
    store.save_analysis(economic_threat())
    raised = _by_rule(evaluate(store, today=JUNE).raised)
    # threats of violence: the May threat (one cluster, its first report predates the watch: not
    # new), the June threat and al-Zaidi's; never the economic one
    violent = raised["threat_of_violence"]
    assert sorted(a.payload["threat"]["doc_ids"][0] for a in violent) == ["d_daily", "e_wire"]
    assert all("economic" not in a.title for a in violent)
    # new actors: al-Zaidi and the finance minister had never threatened Karami
    assert sorted(a.payload["threat"]["speaker"] for a in raised["new_actor"]) == ["Kadhim al-Zaidi", "Nabil Aoun"]
    [score] = raised["score_above"]
    assert score.score >= 50 and score.payload["score"]["threats"]
    # evaluating again raises nothing: every alert has a key
    assert evaluate(store, today=JUNE).raised == []
    # re-analysing a document does not raise its threat again
    store.save_analysis(corpus()[3])
    assert evaluate(store, today=JUNE).raised == []
    # a backfill considers what was there before the watch
    backfilled = _by_rule(evaluate(store, today=JUNE, backfill=True).raised)
    assert [a.payload["threat"]["doc_ids"] for a in backfilled["threat_of_violence"]] == [
        ["a_daily", "b_wire", "c_post"]
    ]


def test_speaker_org_and_keyword_rules(store: Store) -> None:
    for analysis in (corpus()[4], corpus()[5]):  # actors must exist before they can be watched
        store.save_analysis(analysis)
    org = add_watch(store, "org", "Liwa al-Thar")
    add_watch(store, "speaker", "Kadhim al-Zaidi")
    add_watch(store, "keyword", "Palace")
    for analysis in corpus():
        store.save_analysis(analysis)
    raised = _by_rule(evaluate(store, today=JUNE).raised)
    by_org = [a for a in raised["threat_by_watched"] if a.watch_id == org.id]
    # al-Rubaie speaks for Liwa al-Thar: the May threat (once), June, and the threat to Saffar
    assert len(by_org) == 3
    by_speaker = [a for a in raised["threat_by_watched"] if a.watch_id != org.id]
    assert [a.payload["threat"]["speaker"] for a in by_speaker] == ["Kadhim al-Zaidi"]
    keyword = raised["keyword"]
    assert {a.payload["threat"]["doc_ids"][0] for a in keyword} == {"a_daily", "e_wire"}


# ---------------------------------------------------------------------- real local servers


@dataclass
class Receiver:
    """A webhook receiver: fails the first `fail_first` requests with `fail_status`."""

    fail_first: int = 0
    fail_status: int = 503
    requests: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    @property
    def accepted(self) -> list[dict]:
        return [json.loads(body) for status, _, body in self.requests if status == 200]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            failing = len(state.requests) < state.fail_first
            status = state.fail_status if failing else 200
            state.requests.append((status, dict(self.headers.items()), body))
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/forewarn"
    yield state
    server.shutdown()
    server.server_close()
    thread.join(5)


@dataclass
class Mailbox:
    fail_first: int = 0
    attempts: int = 0
    messages: list[bytes] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.attempts += 1
        if self.attempts <= self.fail_first:
            return "451 4.3.0 Mailbox busy, try again later"
        self.messages.append(envelope.content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def _one_alert(store: Store) -> None:
    """A watch on Karami and its alerts (three violent threats and more) queued on the channels."""
    store.save_analysis(DocumentAnalysis(Document("seed", "Yusuf Karami.", published="2024-05-01"),
                                         [DocActor("A2", "Yusuf Karami", "PERSON", actor_id="A2")]))  # fmt: skip
    add_watch(store, "target", "A2")
    for analysis in corpus():
        store.save_analysis(analysis)
    assert evaluate(store, today=JUNE).raised


def test_webhook_retries_and_signs(lite: Store, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FW_TEST_HOOK_SECRET", "s3cret")
    wstore.add_channel(lite, "ops-hook", "webhook", {"url": receiver.url, "secret_env": "FW_TEST_HOOK_SECRET"})
    receiver.fail_first = 2  # the first two requests get a 503
    _one_alert(lite)
    n_alerts = len(wstore.alerts(lite))
    report = deliver_pending(lite, retry=FAST)
    assert report.delivered == n_alerts and report.retry_later == 0
    assert [s for s, _, _ in receiver.requests[:3]] == [503, 503, 200]
    assert len(receiver.accepted) == n_alerts
    _, headers, body = receiver.requests[2]
    assert verify_signature("s3cret", headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER])
    assert not verify_signature("wrong", headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER])
    message = json.loads(body)
    assert headers["Idempotency-Key"] == message["idempotency_key"] and message["rule"]
    # delivered is delivered: running the outbox again sends nothing
    before = len(receiver.requests)
    assert deliver_pending(lite, retry=FAST).delivered == 0
    assert len(receiver.requests) == before
    assert all(status == "delivered" for a in wstore.alerts(lite) for _, status, _ in a.deliveries)


def test_webhook_outage_is_retried_later_and_nothing_is_sent_twice(store: Store, receiver: Receiver) -> None:
    wstore.add_channel(store, "ops-hook", "webhook", {"url": receiver.url})
    store.save_analysis(DocumentAnalysis(Document("seed", "Yusuf Karami.", published="2024-05-01"),
                                         [DocActor("A2", "Yusuf Karami", "PERSON", actor_id="A2")]))  # fmt: skip
    add_watch(store, "keyword", "palace")
    for analysis in corpus():
        store.save_analysis(analysis)
    raised = evaluate(store, today=JUNE).raised
    assert len(raised) == 2
    receiver.fail_first = 7  # a long outage
    two_tries = RetryPolicy(attempts=2, initial=0.01, maximum=0.02)
    now = utcnow()
    first = deliver_pending(store, retry=two_tries, now=now)
    assert first.delivered == 0 and first.retry_later == 2
    # not due yet: nothing is attempted
    assert deliver_pending(store, retry=two_tries, now=now).retry_later == 0
    assert len(receiver.requests) == 4
    later = now + timedelta(hours=1)
    second = deliver_pending(store, retry=two_tries, now=later)
    assert second.delivered == 1 and second.retry_later == 1  # requests 5, 6 fail; 7 fails, 8 succeeds
    third = deliver_pending(store, retry=two_tries, now=later + timedelta(hours=1))
    assert third.delivered == 1
    keys = [m["idempotency_key"] for m in receiver.accepted]
    assert sorted(keys) == sorted(f"{a.key}|ops-hook" for a in raised)  # each alert exactly once


def test_webhook_refusal_gives_up_until_retried(lite: Store, receiver: Receiver) -> None:
    wstore.add_channel(lite, "ops-hook", "webhook", {"url": receiver.url})
    receiver.fail_first, receiver.fail_status = 1_000, 400
    _one_alert(lite)
    report = deliver_pending(lite, retry=FAST)
    assert report.delivered == 0 and report.given_up >= 1
    assert len(receiver.requests) == report.given_up  # a 400 is not retried
    assert wstore.delivery_counts(lite) == {"failed": report.given_up}
    receiver.fail_first = 0
    assert wstore.retry_failed(lite) == report.given_up
    assert deliver_pending(lite, retry=FAST).delivered == report.given_up


def test_webhook_down_then_up_loses_nothing(lite: Store) -> None:
    port = _free_port()  # nothing listens here yet
    wstore.add_channel(lite, "ops-hook", "webhook", {"url": f"http://127.0.0.1:{port}/hook"})
    _one_alert(lite)
    n = len(wstore.alerts(lite))
    down = deliver_pending(lite, retry=RetryPolicy(attempts=1, initial=0.01))
    assert down.retry_later == n and "ConnectError" in down.errors[0]
    got: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        up = deliver_pending(lite, now=utcnow() + timedelta(hours=1), retry=FAST)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert up.delivered == n and len(got) == n


def test_email_over_smtp_with_a_transient_failure(lite: Store, smtp: tuple[Mailbox, int]) -> None:
    box, port = smtp
    box.fail_first = 1  # 451 on the first message
    config = {"host": "127.0.0.1", "port": port, "sender": "alerts@forewarn.test", "recipients": ["desk@example.org"]}
    wstore.add_channel(lite, "desk-mail", "email", config)
    _one_alert(lite)
    n = len(wstore.alerts(lite))
    report = deliver_pending(lite, retry=FAST)
    assert report.delivered == n
    assert box.attempts == n + 1 and len(box.messages) == n
    mails = [message_from_bytes(m) for m in box.messages]
    assert all(m["Subject"].startswith("[forewarn] ") for m in mails)
    assert len({m["Message-ID"] for m in mails}) == n  # one id per alert: receivers can drop repeats
    assert any("multiplied" in m.get_payload() or "Karami" in m.get_payload() for m in mails)
    assert deliver_pending(lite, retry=FAST).delivered == 0 and len(box.messages) == n


def test_email_permanent_refusal(lite: Store, smtp: tuple[Mailbox, int]) -> None:
    box, port = smtp

    async def refuse(server, session, envelope):  # type: ignore[no-untyped-def]
        box.attempts += 1
        return "554 5.7.1 Rejected"

    box.handle_DATA = refuse  # type: ignore[method-assign]
    config = {"host": "127.0.0.1", "port": port, "sender": "alerts@forewarn.test", "recipients": ["desk@example.org"]}
    wstore.add_channel(lite, "desk-mail", "email", config)
    _one_alert(lite)
    report = deliver_pending(lite, retry=FAST)
    assert report.given_up == len(wstore.alerts(lite)) and box.attempts == report.given_up


def test_jsonl_and_console_channels(lite: Store, tmp_path: Path) -> None:
    out = tmp_path / "alerts" / "alerts.jsonl"
    wstore.add_channel(lite, "file", "jsonl", {"path": str(out)})
    wstore.add_channel(lite, "screen", "console", {})
    _one_alert(lite)
    console = Console(record=True, width=200, color_system=None)
    report = deliver_pending(lite, console=console, retry=FAST)
    n = len(wstore.alerts(lite))
    assert report.delivered == 2 * n
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == n and all(line["idempotency_key"].endswith("|file") for line in lines)
    assert console.export_text().count("ALERT") == n
    deliver_pending(lite, console=console, retry=FAST)
    assert len(out.read_text(encoding="utf-8").splitlines()) == n


def test_claims_are_exclusive(store: Store, tmp_path: Path) -> None:
    wstore.add_channel(store, "file", "jsonl", {"path": str(tmp_path / "a.jsonl")})
    _one_alert(store)
    now = utcnow()
    first = wstore.claim_deliveries(store, now=now)
    assert first and wstore.claim_deliveries(store, now=now) == []  # another process gets nothing
    # a process that died holding the claim: after the lease the delivery is due again
    again = wstore.claim_deliveries(store, now=now + timedelta(minutes=6))
    assert {d.id for d in again} == {d.id for d in first}


def test_watchlist_and_alert_commands(db_url: str, receiver: Receiver, tmp_path: Path) -> None:
    with Store(db_url) as store:
        store.save_analysis(DocumentAnalysis(Document("seed", "Yusuf Karami.", published="2024-05-01"),
                                             [DocActor("A2", "Yusuf Karami", "PERSON", actor_id="A2")]))  # fmt: skip
    runner = CliRunner()
    added = runner.invoke(app, ["watchlist", "add", "target", "Karami", "--db", db_url, "--threshold", "40"])
    assert added.exit_code == 0 and "Yusuf Karami (A2)" in added.output
    assert runner.invoke(app, ["watchlist", "add", "target", "Nobody", "--db", db_url]).exit_code == 2
    assert runner.invoke(app, ["watchlist", "add", "keyword", "drone", "--db", db_url]).exit_code == 0
    listed = runner.invoke(app, ["watchlist", "list", "--db", db_url])
    assert "Yusuf Karami" in listed.output and "drone" in listed.output
    hook = runner.invoke(app, ["alerts", "channel", "add", "hook", "webhook", "--url", receiver.url, "--db", db_url])
    assert hook.exit_code == 0
    bad = runner.invoke(app, ["alerts", "channel", "add", "x", "webhook", "--url", "ftp://x", "--db", db_url])
    assert bad.exit_code == 2
    with Store(db_url) as store:
        for analysis in corpus():
            store.save_analysis(analysis)
    checked = runner.invoke(app, ["alerts", "check", "--today", "2024-06-10", "--db", db_url])
    assert checked.exit_code == 0, checked.output
    assert "new alert(s)" in checked.output and "delivered" in checked.output
    n = len(receiver.accepted)
    assert n >= 3
    alerts = json.loads(runner.invoke(app, ["alerts", "list", "--format", "json", "--db", db_url]).output)
    assert len(alerts) == n and all(a["deliveries"][0][1] == "delivered" for a in alerts)
    assert runner.invoke(app, ["alerts", "check", "--today", "2024-06-10", "--db", db_url]).output.startswith(
        "0 new alert(s)"
    )
    assert runner.invoke(app, ["watchlist", "remove", "1", "--db", db_url]).exit_code == 0
    assert runner.invoke(app, ["watchlist", "remove", "99", "--db", db_url]).exit_code == 1
