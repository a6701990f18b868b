"""A throwaway PostgreSQL server for the tests and benchmarks.

Debian's PostgreSQL binaries (`/usr/lib/postgresql/<version>/bin`, installed by
`.ci/install-system-packages`) run a private cluster in a temporary folder, listening on a
Unix socket only, so nothing on the machine is touched and no port can clash. PostgreSQL
refuses to run as root: when the tests run as root (CI does), initdb and postgres run as
the `postgres` system user, which owns the temporary folder.

Set FOREWARN_TEST_POSTGRES to an admin URL of a server you already run
(`postgresql://user:pw@host/postgres`) to use it instead of starting one.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

ENV_URL = "FOREWARN_TEST_POSTGRES"
# durability is pointless for a server that lives for one test session
_FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be started or reached; the message says why."""


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's binary folder (Debian layout, or pg_config's)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    if pg_config := shutil.which("pg_config"):
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10)
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: `admin_conninfo` reaches its `postgres` database as a superuser."""

    admin_conninfo: str
    url_template: str  # SQLAlchemy URL with "{db}" for the database name
    process: subprocess.Popen[bytes] | None = None
    root: Path | None = None
    databases: list[str] = field(default_factory=list)

    def url(self, database: str) -> str:
        return self.url_template.format(db=database)

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_conninfo, autocommit=True, connect_timeout=10)

    def create_database(self, prefix: str = "fw_test") -> str:
        """A new empty database; returns its name."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self._admin() as conn:
            # C collation: the same byte order for ORDER BY as SQLite, on every machine
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'").format(
                    sql.Identifier(name)
                )
            )
        self.databases.append(name)
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if name in self.databases:
            self.databases.remove(name)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # immediate shutdown: the data is thrown away
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None


def _as_postgres_user() -> dict[str, object]:
    """Popen arguments that drop root to the `postgres` user (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable(
            "running as root and there is no 'postgres' system user to run the server as"
        ) from None
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def start_server(*, timeout: float = 60.0) -> PostgresServer:
    """Start a private PostgreSQL server (or use $FOREWARN_TEST_POSTGRES); PostgresUnavailable if impossible."""
    if url := os.environ.get(ENV_URL, "").strip():
        return _external_server(url)
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            "no PostgreSQL binaries found (/usr/lib/postgresql/*/bin or pg_config); "
            "install Debian's 'postgresql' package (.ci/install-system-packages does)"
        )
    drop = _as_postgres_user()
    root = Path(tempfile.mkdtemp(prefix="forewarn-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if drop:
        for path in (root, sockets):
            os.chown(path, int(drop["user"]), int(drop["group"]))  # type: ignore[call-overload]
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "HOME": str(root)}
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "--locale=C"]
    try:
        init = subprocess.run(
            [*initdb, "--encoding=UTF8"],
            capture_output=True,
            env=env,
            cwd=root,
            timeout=120,
            **drop,  # type: ignore[arg-type]
        )
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"initdb could not run: {exc}") from exc
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"initdb failed: {init.stderr.decode(errors='replace').strip()[-500:]}")
    port = _free_port()
    args = [str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(sockets), "-c", "listen_addresses="]
    for setting in _FAST_SETTINGS:
        args += ["-c", setting]
    log = (root / "server.log").open("wb")
    try:
        process = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root, start_new_session=True, **drop
        )  # type: ignore[call-overload]
    except OSError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"postgres could not start: {exc}") from exc
    finally:
        log.close()
    server = PostgresServer(
        admin_conninfo=f"host={sockets} port={port} user=postgres dbname=postgres",
        url_template=f"postgresql+psycopg://postgres@/{{db}}?host={sockets}&port={port}",
        process=process,
        root=root,
    )
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            text = (root / "server.log").read_text(errors="replace")[-800:]
            server.stop()
            raise PostgresUnavailable(f"postgres exited at start (code {process.returncode}): {text}")
        try:
            with server._admin():
                return server
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                server.stop()
                raise PostgresUnavailable(f"postgres did not accept connections in {timeout:.0f} s: {exc}") from exc
            time.sleep(0.1)


def _external_server(url: str) -> PostgresServer:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, connect_timeout=10):
            pass
    except psycopg.Error as exc:
        raise PostgresUnavailable(f"{ENV_URL} is set but its server cannot be reached: {exc}") from exc
    template = parsed.set(drivername="postgresql+psycopg", database="DBNAME").render_as_string(hide_password=False)
    return PostgresServer(admin_conninfo=conninfo, url_template=template.replace("DBNAME", "{db}", 1))


@contextmanager
def running_server() -> Iterator[PostgresServer]:
    server = start_server()
    try:
        yield server
    finally:
        for name in list(server.databases):
            try:
                server.drop_database(name)
            except psycopg.Error:
                pass
        server.stop()
