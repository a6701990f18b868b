"""Configuration of `forewarn serve`: command-line options, else environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

READS_ENV = "FOREWARN_API_READS_NEED_TOKEN"
CORS_ENV = "FOREWARN_API_CORS_ORIGINS"
UPLOAD_ENV = "FOREWARN_API_MAX_UPLOAD_BYTES"
PRIVATE_URLS_ENV = "FOREWARN_ALLOW_PRIVATE_URLS"  # shared with forewarn.ingest.fetch
COOKIE_SECURE_ENV = "FOREWARN_API_SECURE_COOKIE"

DEFAULT_MAX_UPLOAD = 5_000_000  # bytes of request body: a long article is ~50 kB


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    db_url: str
    # reads (GET) need a token too; writes always do
    reads_need_token: bool = False
    # browser origins allowed to call the API cross-site; none by default (CORS closed)
    cors_origins: tuple[str, ...] = ()
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    # POST /api/documents with a `url` may fetch private / loopback addresses (intranet use only)
    allow_private_urls: bool = False
    # mark the sign-in cookie Secure (set it when served over HTTPS, e.g. behind a proxy)
    secure_cookie: bool = False
    spacy_model: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, db_url: str, **overrides: object) -> Settings:
        """Settings from the environment; keyword arguments that are not None win."""
        values: dict[str, object] = {
            "db_url": db_url,
            "reads_need_token": _flag(READS_ENV),
            "cors_origins": tuple(o.strip() for o in os.environ.get(CORS_ENV, "").split(",") if o.strip()),
            "max_upload_bytes": int(os.environ.get(UPLOAD_ENV) or DEFAULT_MAX_UPLOAD),
            "allow_private_urls": _flag(PRIVATE_URLS_ENV),
            "secure_cookie": _flag(COOKIE_SECURE_ENV),
            "spacy_model": os.environ.get("FOREWARN_SPACY_MODEL") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
