"""What the browser tests share: Debian's chromium, started so that it stays off the network,
and the demo served by `runserver` on a database of its own (the fixture is in conftest.py)."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_environment(database: Path) -> dict[str, str]:
    # Documents are written inside the request: the test server runs no background worker.
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "TASKS_IMMEDIATE": "true"}


def manage(database: Path, *command: str) -> str:
    """Run a management command on the demo's database; what it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=demo_environment(database),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def demo_serve(database: Path) -> Iterator[str]:
    manage(database, "migrate", "--noinput")
    manage(database, "load_demo")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=demo_environment(database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
