"""The analysts' pages end to end: the real server (uvicorn on a free port) over a store of
realistic documents, driven by a real headless Chromium (Debian's, through Playwright).
Every page visited is saved as a screenshot under tests/output/screenshots/."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from spacy.language import Language

from forewarn.api import Settings, create_app
from forewarn.api.auth import add_user, create_token
from forewarn.store import Store
from test_web_corpus import analyse_corpus

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (Debian package chromium)")


class LiveServer:
    def __init__(self, store: Store) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(Settings(db_url=store.url), store=store)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the forewarn server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[tuple[LiveServer, str]]:
    folder = tmp_path_factory.mktemp("web")
    corpus = analyse_corpus(folder / "corpus", nlp)
    store = Store(f"sqlite:///{folder / 'forewarn.db'}")
    corpus.save_into(store)
    add_user(store, "analyst")
    token = create_token(store, "analyst", "browser tests")
    try:
        with LiveServer(store) as server:
            yield server, token
    finally:
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Tab:
    """A browser page that records console errors and failed requests, and takes screenshots."""

    def __init__(self, browser: object, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 950})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: str) -> object:
        self.page.goto(self.base + path)
        return self.page

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        return target

    def sign_in(self, token: str, then: str) -> None:
        self.open(f"/login?next={then}")
        self.page.fill("#token", token)
        self.page.click("#login-form button[type=submit]")
        self.page.wait_for_url(re.compile(re.escape(then) + "$"))

    def close(self) -> None:
        assert not [p for p in self.problems if "Content Security Policy" in p], self.problems
        assert not self.problems, self.problems
        self.context.close()


@pytest.fixture
def tab(browser: object, site: tuple[LiveServer, str]) -> Iterator[Tab]:
    t = Tab(browser, site[0].url)
    yield t
    t.close()


def api(site: tuple[LiveServer, str], path: str, **params: object) -> dict:
    response = httpx.get(site[0].url + path, params=params, timeout=10)
    response.raise_for_status()
    return response.json()


def actor_id(site: tuple[LiveServer, str], name: str) -> str:
    return next(a["actor_id"] for a in api(site, "/api/actors", q=name)["items"] if a["name"] == name)


def test_overview(tab: Tab) -> None:
    page = tab.open("/")
    assert page.title() == "Overview · forewarn"
    counters = page.locator(".counter").all_inner_texts()
    assert any("THREATS" in c.upper() and re.search(r"\d", c) for c in counters)
    latest = page.locator("table.threats tbody tr")
    assert latest.count() >= 5
    assert "we will burn the ministry's offices" in page.locator("table.threats").inner_text()
    targets = page.locator("table.targets tbody tr")
    assert targets.count() >= 3 and page.locator("table.targets svg.spark").count() == targets.count()
    assert "Nadia Karim" in page.locator("table.targets").inner_text()
    assert page.locator("ul.events li").count() >= 2
    tab.shot("overview")


def test_filter_threats(tab: Tab) -> None:
    page = tab.open("/threats")
    everything = page.locator("table.threats tbody tr").count()
    page.fill("input[name=speaker]", "Haidar al-Rubaie")
    page.select_option("select[name=form]", "conditional")
    page.click("#threat-filters button[type=submit]")
    page.wait_for_url(re.compile(r"speaker=Haidar"))
    rows = page.locator("table.threats tbody tr")
    assert rows.count() == 1 < everything
    assert "we will burn the ministry's offices" in rows.first.inner_text()
    assert page.locator("select[name=form]").input_value() == "conditional"
    tab.shot("threats-filtered")
    page.fill("input[name=date_from]", "2024-05-01")
    page.fill("input[name=speaker]", "")
    page.select_option("select[name=form]", "")
    page.click("#threat-filters button[type=submit]")
    page.wait_for_url(re.compile(r"date_from=2024-05-01"))
    dates = page.locator("table.threats tbody tr td:first-child").all_inner_texts()
    assert dates and all(d.strip() >= "2024-05-01" for d in dates)


def test_actor_timeline_and_network(tab: Tab, site: tuple[LiveServer, str]) -> None:
    karim = actor_id(site, "Nadia Karim")
    page = tab.open("/actors")
    page.click(f"a.actor[href='/actors/{karim}']")
    page.wait_for_url(re.compile(f"/actors/{karim}$"))
    assert page.locator("h1").inner_text().startswith("Nadia Karim")
    page.wait_for_selector("#timeline[data-rendered=yes] canvas", timeout=10_000)
    page.wait_for_selector("#network[data-rendered=yes] canvas", timeout=10_000)
    assert "Mustafa al-Tamimi" in page.locator("aside").inner_text()  # who threatens her
    assert "we will hang you from the bridge" in page.locator("table.threats").inner_text()
    tab.shot("actor")
    # the chart's data: threats and an event against her, by month
    timeline = api(site, f"/api/targets/{karim}/timeline")
    assert any(b["threats"] for b in timeline["buckets"]) and any(b["events"] for b in timeline["buckets"])


def test_document_evidence_is_highlighted(tab: Tab, site: tuple[LiveServer, str]) -> None:
    page = tab.open("/documents/basra_militia_warning")
    evidence = page.locator(".doctext mark.mk-threat").all_inner_texts()
    joined = "".join(evidence)
    assert "we will burn the ministry's offices in Basra to the ground" in joined
    assert "al-Rubaie" in " ".join(page.locator(".doctext .mk-speaker").all_inner_texts())
    # the text shown is the document's own text, character for character
    document = api(site, "/api/documents/basra_militia_warning")
    assert page.locator("#doctext").inner_text().replace("\r", "") == document["text"].replace("\r", "")
    tab.shot("document")

    threat_id = document["threats"][0]["threat_id"]
    page.click(f".cards a[href='/threats/{threat_id}']")
    page.wait_for_url(re.compile(f"/threats/{threat_id}$"))
    focus = page.locator(".doctext .mk-focus")
    assert focus.count() >= 1 and "burn the ministry" in "".join(focus.all_inner_texts())
    assert page.locator("#focus").count() == 1
    tab.shot("threat")


def test_review_queue_confirm_persists(tab: Tab, site: tuple[LiveServer, str]) -> None:
    tab.sign_in(site[1], "/review")
    page = tab.page
    items = page.locator("li.qitem")
    assert items.count() >= 3
    assert "selected" in (items.nth(0).get_attribute("class") or "")
    page.keyboard.press("j")
    second = items.nth(1)
    assert "selected" in (second.get_attribute("class") or "")
    confirmed_id = second.get_attribute("data-threat-id")
    page.keyboard.press("c")
    page.wait_for_selector(f"li.qitem[data-threat-id='{confirmed_id}'] .qstatus .status-confirmed")
    # the selection moved on; reject that one with the other key
    rejected_id = items.nth(2).get_attribute("data-threat-id")
    assert "selected" in (items.nth(2).get_attribute("class") or "")
    page.keyboard.press("r")
    page.wait_for_selector(f"li.qitem[data-threat-id='{rejected_id}'] .qstatus .status-rejected")
    tab.shot("review-queue")

    page.reload()
    remaining = page.locator("li.qitem").evaluate_all("els => els.map(e => e.dataset.threatId)")
    assert confirmed_id not in remaining and rejected_id not in remaining  # the queue is of unreviewed threats
    stored = api(site, f"/api/threats/{confirmed_id}")
    assert stored["status"] == "confirmed" and stored["reviewed_by"] == "analyst"
    assert api(site, f"/api/threats/{rejected_id}")["status"] == "rejected"
    tab.open(f"/threats/{confirmed_id}")
    assert "confirmed" in page.locator("#threat-status").inner_text()
    assert "analyst" in page.locator("ol.history").inner_text()


def test_correct_a_target_on_the_threat_page(tab: Tab, site: tuple[LiveServer, str]) -> None:
    threat = next(
        t
        for t in api(site, "/api/threats", limit=200)["items"]
        if "make you pay with your blood" in t["evidence"]["text"]
    )
    # a target the extraction did not give: the governor, or the commander where it already found her
    name = "Nadia Karim" if threat["target_id"] != actor_id(site, "Nadia Karim") else "Haidar al-Rubaie"
    new_target = actor_id(site, name)
    tab.sign_in(site[1], f"/threats/{threat['threat_id']}")
    page = tab.page
    page.fill("#correct-form input[name=target_id]", new_target)
    page.fill("#correct-form input[name=note]", "she is addressed by name")
    with page.expect_navigation():
        page.click("#correct-form button[type=submit]")
    assert name in page.locator("h1").inner_text()
    assert "target_id" in page.locator("ol.history").inner_text()
    assert api(site, f"/api/threats/{threat['threat_id']}")["target_id"] == new_target
    tab.shot("threat-corrected")


def test_a_document_containing_script_shows_as_text(tab: Tab) -> None:
    page = tab.open("/documents/script_payload_post")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == 'Forum post copied from a hostile page <script>alert("owned")</script>'
    assert '<script>document.title="hacked"</script>' in page.locator("#doctext").inner_text()
    assert tab.dialogs == [] and "hacked" not in page.title()
    # the only scripts on the page are the package's own files
    sources = page.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))")
    assert sources and all(s and s.startswith("/static/") for s in sources)
    tab.shot("script-document")
    page = tab.open("/search?q=" + "%3Cscript%3E")
    assert "owned" in page.locator("ul.docs").inner_text() and tab.dialogs == []


def test_pages_send_security_headers(site: tuple[LiveServer, str]) -> None:
    response = httpx.get(site[0].url + "/documents/script_payload_post", timeout=10)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "&lt;script&gt;" in response.text
    # a sign-in form posted from another site is refused (login forgery)
    forged = httpx.post(
        site[0].url + "/login",
        data={"token": site[1], "next": "/"},
        headers={"Origin": "https://evil.example"},
        timeout=10,
    )
    assert forged.status_code == 403 and "set-cookie" not in forged.headers


def test_sign_in_refuses_a_bad_token(tab: Tab) -> None:
    page = tab.open("/login?next=//evil.example/")
    page.fill("#token", "fw_000000000000_" + "x" * 43)
    page.click("#login-form button[type=submit]")
    assert "unknown, revoked or mistyped" in page.locator(".problem").inner_text()
    # the refused sign-in answers 401: that console line is expected
    tab.problems = [p for p in tab.problems if "401" not in p]
    assert page.locator("input[name=next]").input_value() == "/"


@pytest.fixture(scope="module", autouse=True)
def _screenshot_folder() -> None:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
