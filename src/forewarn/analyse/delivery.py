"""Delivery of alerts: console, a JSONL file, a webhook and email, through an outbox.

Raising an alert queues one delivery per enabled channel in the same transaction
(`forewarn.store.warning.raise_alert`), so no alert is lost if the process dies before it
is sent. `deliver_pending` claims due deliveries (a lease, so two watchers never send the
same one), sends each, and commits `delivered` only after the channel accepted it. A
failed attempt is retried within the call (exponential backoff, tenacity) and, if it still
fails, is due again later (`next_attempt_at`) until `max_attempts`; a permanent refusal
(HTTP 4xx other than 408/429, SMTP 5xx, a missing secret) gives up at once. Every message
carries its idempotency key (alert key + channel): `Idempotency-Key` and
`X-Forewarn-Delivery` headers, the email `Message-ID`, the JSONL `idempotency_key` field,
so a receiver can drop the one repeat that a crash between sending and committing can
cause.

Webhook requests are signed: `X-Forewarn-Signature: sha256=<hex>` is the HMAC-SHA256, with
the channel's secret, of `<X-Forewarn-Timestamp>.<body>` (as Stripe and GitHub do), so a
receiver can check who sent it and refuse replays.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any, Protocol

import httpx
from rich.console import Console
from tenacity import RetryError, Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from forewarn.store import Store
from forewarn.store import warning as wstore
from forewarn.store.warning import AlertRow, ChannelRow, utcnow

CHANNEL_KINDS: tuple[str, ...] = ("console", "jsonl", "webhook", "email")
SIGNATURE_HEADER = "X-Forewarn-Signature"
TIMESTAMP_HEADER = "X-Forewarn-Timestamp"


class DeliveryError(Exception):
    """A delivery that failed; `permanent` when trying again cannot help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Channel(Protocol):
    def send(self, alert: AlertRow, idempotency_key: str) -> None: ...


def alert_message(alert: AlertRow, idempotency_key: str) -> dict[str, Any]:
    """The JSON document every channel sends."""
    return {"idempotency_key": idempotency_key, **alert.to_json()}


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(secret: str, timestamp: str, body: bytes, header: str, *, tolerance: float | None = 300) -> bool:
    """What a receiver does: the signature matches and (optionally) the timestamp is recent."""
    if tolerance is not None:
        try:
            if abs(time.time() - float(timestamp)) > tolerance:
                return False
        except ValueError:
            return False
    return hmac.compare_digest(sign(secret, timestamp, body), header)


@dataclass
class RetryPolicy:
    attempts: int = 3  # tries within one delivery call
    initial: float = 0.5  # seconds before the second try, doubling
    maximum: float = 8.0


def _retrying(policy: RetryPolicy, transient: Callable[[BaseException], bool]) -> Retrying:
    return Retrying(
        stop=stop_after_attempt(max(1, policy.attempts)),
        wait=wait_exponential(multiplier=policy.initial, max=policy.maximum),
        retry=retry_if_exception(transient),
        reraise=False,
    )


def _transient(exc: BaseException) -> bool:
    return isinstance(exc, DeliveryError) and not exc.permanent


def _run(policy: RetryPolicy, attempt: Callable[[], None]) -> None:
    try:
        for trial in _retrying(policy, _transient):
            with trial:
                attempt()
    except RetryError as exc:
        last = exc.last_attempt.exception()
        raise last if isinstance(last, DeliveryError) else DeliveryError(str(last)) from exc


# ---------------------------------------------------------------------- channels


@dataclass
class ConsoleChannel:
    console: Console

    def send(self, alert: AlertRow, idempotency_key: str) -> None:
        self.console.print(f"[bold red]ALERT[/bold red] [{alert.rule}] {alert.title}", highlight=False)
        summary = alert.payload.get("summary")
        if summary:
            self.console.print(f"  {summary}", style="dim", highlight=False)


@dataclass
class JsonlChannel:
    path: Path

    def send(self, alert: AlertRow, idempotency_key: str) -> None:
        line = json.dumps(alert_message(alert, idempotency_key), ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise DeliveryError(f"cannot write {self.path}: {exc}") from exc


@dataclass
class WebhookChannel:
    """HTTP POST of the alert as JSON, signed, retried on network errors, 5xx, 408 and 429."""

    url: str
    secret: str | None = None
    timeout: float = 10.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    transport: httpx.BaseTransport | None = None
    client: httpx.Client | None = None

    def send(self, alert: AlertRow, idempotency_key: str) -> None:
        body = json.dumps(alert_message(alert, idempotency_key), ensure_ascii=False).encode("utf-8")
        client = self._client()

        def attempt() -> None:
            timestamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "forewarn-alerts/1",
                "Idempotency-Key": idempotency_key,
                "X-Forewarn-Delivery": idempotency_key,
                "X-Forewarn-Event": alert.rule,
                TIMESTAMP_HEADER: timestamp,
            }
            if self.secret:
                headers[SIGNATURE_HEADER] = sign(self.secret, timestamp, body)
            try:
                response = client.post(self.url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
            if response.is_success:
                return
            permanent = 400 <= response.status_code < 500 and response.status_code not in (408, 425, 429)
            raise DeliveryError(f"HTTP {response.status_code} from {self.url}", permanent=permanent)

        _run(self.retry, attempt)

    def _client(self) -> httpx.Client:
        # one client (and TLS context) per channel: building one costs more than a request
        if self.client is None:
            self.client = httpx.Client(timeout=self.timeout, transport=self.transport, follow_redirects=False)
        return self.client

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None


@dataclass
class EmailChannel:
    """An email per alert over SMTP (STARTTLS and login optional)."""

    host: str
    port: int
    sender: str
    recipients: list[str]
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 20.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def message(self, alert: AlertRow, idempotency_key: str) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = f"[forewarn] {alert.title[:180]}"
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.recipients)
        msg["Date"] = formatdate(localtime=False)
        token = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:32]
        msg["Message-ID"] = f"<{token}@forewarn.alerts>"
        msg["X-Forewarn-Delivery"] = idempotency_key
        lines = [alert.title, ""]
        if alert.payload.get("summary"):
            lines += [str(alert.payload["summary"]), ""]
        lines += ["--", json.dumps(alert_message(alert, idempotency_key), ensure_ascii=False, indent=2)]
        msg.set_content("\n".join(lines))
        return msg

    def send(self, alert: AlertRow, idempotency_key: str) -> None:
        msg = self.message(alert, idempotency_key)

        def attempt() -> None:
            try:
                with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                    if self.starttls:
                        smtp.starttls(context=ssl.create_default_context())
                    if self.username and self.password:
                        smtp.login(self.username, self.password)
                    smtp.send_message(msg)
            except smtplib.SMTPResponseException as exc:
                raise DeliveryError(
                    f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=exc.smtp_code >= 500
                ) from exc
            except smtplib.SMTPRecipientsRefused as exc:
                codes = [code for code, _ in exc.recipients.values()]
                raise DeliveryError(f"recipients refused: {exc.recipients}", permanent=min(codes) >= 500) from exc
            except (smtplib.SMTPException, OSError) as exc:  # OSError covers timeouts and refused connections
                raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc

        _run(self.retry, attempt)


def channel_from_row(row: ChannelRow, *, console: Console | None = None, retry: RetryPolicy | None = None) -> Channel:
    """Build a channel from its stored configuration; secrets come from the environment."""
    config = row.config
    retry = retry or RetryPolicy()
    if row.kind == "console":
        return ConsoleChannel(console or Console(stderr=True))
    if row.kind == "jsonl":
        return JsonlChannel(Path(config["path"]))
    if row.kind == "webhook":
        secret_env = config.get("secret_env")
        secret = os.environ.get(secret_env) if secret_env else None
        if secret_env and not secret:
            raise DeliveryError(f"the webhook secret variable {secret_env} is not set", permanent=True)
        return WebhookChannel(config["url"], secret=secret, timeout=float(config.get("timeout", 10)), retry=retry)
    if row.kind == "email":
        password_env = config.get("password_env")
        return EmailChannel(
            host=config.get("host", "localhost"),
            port=int(config.get("port", 25)),
            sender=config["sender"],
            recipients=list(config["recipients"]),
            starttls=bool(config.get("starttls", False)),
            username=config.get("username"),
            password=os.environ.get(password_env) if password_env else None,
            retry=retry,
        )
    raise DeliveryError(f"unknown channel kind {row.kind!r}", permanent=True)


def check_channel_config(kind: str, config: dict[str, Any]) -> None:
    """Refuse a channel that could never deliver (at `alerts channel add` time)."""
    needed = {"jsonl": ("path",), "webhook": ("url",), "email": ("sender", "recipients"), "console": ()}
    if kind not in needed:
        raise ValueError(f"channel kind must be one of {', '.join(CHANNEL_KINDS)}")
    missing = [k for k in needed[kind] if not config.get(k)]
    if missing:
        raise ValueError(f"a {kind} channel needs {', '.join(missing)}")
    if kind == "webhook" and not str(config["url"]).startswith(("http://", "https://")):
        raise ValueError("a webhook URL starts with http:// or https://")


# ---------------------------------------------------------------------- the outbox


@dataclass
class DeliveryReport:
    delivered: int = 0
    retry_later: int = 0
    given_up: int = 0
    errors: list[str] = field(default_factory=list)


def retry_delay(attempts: int, *, base: float = 30.0, cap: float = 3600.0) -> timedelta:
    """When a failed delivery is due again: 30 s, 1 min, 2 min, ... at most an hour."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def deliver_pending(
    store: Store,
    *,
    console: Console | None = None,
    now: datetime | None = None,
    max_attempts: int = 8,
    retry: RetryPolicy | None = None,
    channels: dict[int, Channel] | None = None,
) -> DeliveryReport:
    """Send every due delivery of the outbox once; see the module docstring."""
    report = DeliveryReport()
    now = now or utcnow()
    built: dict[int, Channel | DeliveryError] = dict(channels or {})
    for d in wstore.claim_deliveries(store, now=now):
        channel = built.get(d.channel.id)
        if channel is None:
            try:
                channel = channel_from_row(d.channel, console=console, retry=retry)
            except (DeliveryError, KeyError, ValueError) as exc:
                channel = exc if isinstance(exc, DeliveryError) else DeliveryError(str(exc), permanent=True)
            built[d.channel.id] = channel
        try:
            if isinstance(channel, DeliveryError):
                raise channel
            channel.send(d.alert, d.idempotency_key)
        except DeliveryError as exc:
            attempts = d.attempts + 1
            permanent = exc.permanent or attempts >= max_attempts
            wstore.mark_failed(
                store,
                d.id,
                str(exc),
                retry_at=None if permanent else now + retry_delay(attempts),
                permanent=permanent,
            )
            report.errors.append(f"{d.channel.name}: {exc}")
            if permanent:
                report.given_up += 1
            else:
                report.retry_later += 1
            continue
        wstore.mark_delivered(store, d.id)
        report.delivered += 1
    for channel_id, channel in built.items():
        if isinstance(channel, WebhookChannel) and channel_id not in (channels or {}):
            channel.close()
    return report
