"""Users and API tokens, stored hashed.

A token reads `fw_<key id>_<secret>`: the key id (12 hex digits) finds the token's row, the
secret (32 random bytes, URL-safe base64) is never stored, only its SHA-256. A plain hash
is enough here because the secret is random and long, not a password a person chose (no
dictionary to try, nothing to slow down); it is compared with `hmac.compare_digest`, in
constant time. The token is shown once, when created.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from forewarn.store import Store
from forewarn.store.schema import utcnow
from forewarn.store.schema_web import DbApiToken, DbUser

TOKEN_PREFIX = "fw"
_TOKEN = re.compile(r"fw_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})")
_USER_NAME = re.compile(r"[\w.@+-]{1,200}")
# a hash to compare against when no token row matches, so unknown key ids cost the same
_DUMMY_HASH = hashlib.sha256(b"forewarn: no such token").hexdigest()
_TOUCH_EVERY = timedelta(minutes=5)  # last_used_at is written at most this often


class AuthError(ValueError):
    """A user or token operation that cannot be done; the message says why."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    key_id: str
    user: str
    label: str | None
    created_at: str
    last_used_at: str | None
    revoked: bool


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def add_user(store: Store, name: str) -> None:
    if not _USER_NAME.fullmatch(name):
        raise AuthError("a user name is 1-200 letters, digits or . @ + - _")
    try:
        with store._sessions.begin() as s:
            if s.scalar(select(DbUser.id).where(DbUser.name == name)) is not None:
                raise AuthError(f"user {name!r} exists already")
            s.add(DbUser(name=name, disabled=False))
    except IntegrityError as exc:  # created meanwhile by another process
        raise AuthError(f"user {name!r} exists already") from exc


def list_users(store: Store) -> list[tuple[str, bool, str]]:
    """(name, disabled, created_at) of every user."""
    with store._sessions() as s:
        return [
            (u.name, u.disabled, u.created_at.isoformat(sep=" ", timespec="seconds"))
            for u in s.scalars(select(DbUser).order_by(DbUser.name))
        ]


def set_user_disabled(store: Store, name: str, disabled: bool) -> None:
    with store._sessions.begin() as s:
        user = s.scalar(select(DbUser).where(DbUser.name == name))
        if user is None:
            raise AuthError(f"no user {name!r}")
        user.disabled = disabled


def create_token(store: Store, user: str, label: str | None = None) -> str:
    """A new token for `user`; the only time the full token exists outside its owner."""
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    with store._sessions.begin() as s:
        row = s.scalar(select(DbUser).where(DbUser.name == user))
        if row is None:
            raise AuthError(f"no user {user!r}: add it first (forewarn users add {user})")
        s.add(DbApiToken(user_id=row.id, key_id=key_id, secret_sha256=_hash(secret), label=label))
    return f"{TOKEN_PREFIX}_{key_id}_{secret}"


def revoke_token(store: Store, key_id: str) -> None:
    with store._sessions.begin() as s:
        row = s.scalar(select(DbApiToken).where(DbApiToken.key_id == key_id))
        if row is None:
            raise AuthError(f"no token {key_id!r}")
        if row.revoked_at is None:
            row.revoked_at = utcnow()


def list_tokens(store: Store, user: str | None = None) -> list[TokenInfo]:
    with store._sessions() as s:
        stmt = select(DbApiToken, DbUser.name).join(DbUser, DbUser.id == DbApiToken.user_id)
        if user is not None:
            stmt = stmt.where(DbUser.name == user)
        return [
            TokenInfo(
                key_id=t.key_id,
                user=name,
                label=t.label,
                created_at=t.created_at.isoformat(sep=" ", timespec="seconds"),
                last_used_at=t.last_used_at.isoformat(sep=" ", timespec="seconds") if t.last_used_at else None,
                revoked=t.revoked_at is not None,
            )
            for t, name in s.execute(stmt.order_by(DbApiToken.id))
        ]


def verify_token(store: Store, token: str) -> str | None:
    """The name of the user a valid token belongs to; None for anything else (malformed,
    unknown, wrong secret, revoked, or its user disabled)."""
    match = _TOKEN.fullmatch(token.strip())
    if match is None:
        return None
    key_id, secret = match.groups()
    with store._sessions() as s:
        found = s.execute(
            select(DbApiToken.id, DbApiToken.secret_sha256, DbApiToken.revoked_at, DbApiToken.last_used_at, DbUser)
            .join(DbUser, DbUser.id == DbApiToken.user_id)
            .where(DbApiToken.key_id == key_id)
        ).first()
    expected = found.secret_sha256 if found is not None else _DUMMY_HASH
    if not hmac.compare_digest(_hash(secret), expected) or found is None:
        return None
    token_id, _hash_value, revoked_at, last_used_at, user = found
    if revoked_at is not None or user.disabled:
        return None
    now = utcnow()
    if last_used_at is None or now - last_used_at > _TOUCH_EVERY:
        try:
            with store._sessions.begin() as s:
                row = s.get(DbApiToken, token_id)
                if row is not None:
                    row.last_used_at = now
        except Exception:  # bookkeeping only: a busy database must not refuse a valid token
            pass
    return user.name
