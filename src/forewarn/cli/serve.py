"""`forewarn serve` (the web dashboard and HTTP API) and its users and API tokens."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from forewarn.cli.app import DbOption, _store, app, console, err_console

users_app = typer.Typer(help="Users who may write through the API (review threats, submit documents).")
tokens_app = typer.Typer(help="API tokens: stored hashed, shown once when created.")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    reads_need_token: Annotated[
        bool | None,
        typer.Option(
            "--reads-need-token/--open-reads",
            help="reads need an API token too (default: $FOREWARN_API_READS_NEED_TOKEN, else open)",
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(help="a browser origin allowed to call the API (repeatable; default: none, CORS closed)"),
    ] = None,
    max_upload_bytes: Annotated[
        int | None, typer.Option(help="largest request body accepted (default 5,000,000)")
    ] = None,
    allow_private_urls: Annotated[
        bool | None,
        typer.Option(
            "--allow-private-urls/--no-private-urls",
            help="let POST /api/documents fetch private and loopback addresses (intranet only)",
        ),
    ] = None,
    secure_cookie: Annotated[
        bool | None, typer.Option("--secure-cookie/--no-secure-cookie", help="sign-in cookie only over HTTPS")
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the web dashboard, the HTTP API and its OpenAPI document (/openapi.json)."""
    import uvicorn

    from forewarn.api import Settings, create_app
    from forewarn.store import Store

    settings = Settings.from_env(
        db or Store.default_url(),
        reads_need_token=reads_need_token,
        cors_origins=tuple(cors_origin) if cors_origin else None,
        max_upload_bytes=max_upload_bytes,
        allow_private_urls=allow_private_urls,
        secure_cookie=secure_cookie,
    )
    application = create_app(settings)
    console.print(
        f"[bold]forewarn[/bold] on http://{host}:{port}/ (API: /api, OpenAPI: /openapi.json); "
        f"reads {'need a token' if settings.reads_need_token else 'open'}, writes need a token"
    )
    uvicorn.run(application, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False)


@users_app.command("add")
def users_add(name: Annotated[str, typer.Argument(help="user name")], db: DbOption = None) -> None:
    """Add a user (then give it a token: forewarn tokens create NAME)."""
    from forewarn.api.auth import AuthError, add_user

    store = _store(db)
    try:
        add_user(store, name)
    except AuthError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    console.print(f"user {name} added")


@users_app.command("list")
def users_list(db: DbOption = None) -> None:
    """List users."""
    from forewarn.api.auth import list_users

    store = _store(db)
    try:
        table = Table("user", "state", "created")
        for name, disabled, created in list_users(store):
            table.add_row(name, "disabled" if disabled else "active", created)
        console.print(table)
    finally:
        store.close()


@users_app.command("disable")
def users_disable(name: str, db: DbOption = None) -> None:
    """Disable a user: its tokens stop working."""
    from forewarn.api.auth import AuthError, set_user_disabled

    store = _store(db)
    try:
        set_user_disabled(store, name, True)
    except AuthError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    console.print(f"user {name} disabled")


@tokens_app.command("create")
def tokens_create(
    name: Annotated[str, typer.Argument(help="the user the token belongs to")],
    label: Annotated[str | None, typer.Option(help="what the token is for")] = None,
    db: DbOption = None,
) -> None:
    """Create an API token for a user and print it (once: only its hash is stored)."""
    from forewarn.api.auth import AuthError, create_token

    store = _store(db)
    try:
        token = create_token(store, name, label)
    except AuthError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    err_console.print("the token (shown only now; keep it secret):")
    console.out(token, highlight=False)


@tokens_app.command("list")
def tokens_list(user: Annotated[str | None, typer.Argument()] = None, db: DbOption = None) -> None:
    """List tokens (key ids only; secrets are never stored)."""
    from forewarn.api.auth import list_tokens

    store = _store(db)
    try:
        table = Table("key id", "user", "label", "created", "last used", "state")
        for t in list_tokens(store, user):
            table.add_row(
                t.key_id,
                t.user,
                t.label or "",
                t.created_at,
                t.last_used_at or "",
                "revoked" if t.revoked else "active",
            )
        console.print(table)
    finally:
        store.close()


@tokens_app.command("revoke")
def tokens_revoke(
    key_id: Annotated[str, typer.Argument(help="the key id (see tokens list)")], db: DbOption = None
) -> None:
    """Revoke a token."""
    from forewarn.api.auth import AuthError, revoke_token

    store = _store(db)
    try:
        revoke_token(store, key_id)
    except AuthError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    console.print(f"token {key_id} revoked")
