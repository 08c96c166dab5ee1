"""The load side of bench_directory: gunicorn as in production, clients in separate
processes, the CPU the server spent, and the percentiles."""

import concurrent.futures
import gzip
import http.client
import multiprocessing
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
from django.db import connections

from bench.directory_data import ROOT

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
WARM_UP_SECONDS = min(3.0, SECONDS)
# Single-client timings (c): this many queries of the mix, each once through each path.
SINGLE_QUERIES = int(os.environ.get("BENCH_SINGLE_QUERIES", "300"))
# Sync workers: the app is CPU-bound (templates, forms, ORM), and behind nginx, which buffers
# slow clients, sync workers are gunicorn's documented fit. 2 × cores + 1 is gunicorn's rule
# of thumb; on a 2-core machine that is 5.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
CONN_MAX_AGE = "60"
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "sq", "User-Agent": "kujdes-bench"}


# ── The server ───────────────────────────────────────────────────────────────────────────────


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment() -> dict[str, str]:
    return os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "DATABASE_CONN_MAX_AGE": CONN_MAX_AGE,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def static_collect(environment: dict[str, str]) -> None:
    """`collectstatic` as on a release, with the production storage."""
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(command, cwd=ROOT, env=environment, check=True)


def server_start(port: int, log: Path) -> subprocess.Popen[bytes]:
    environment = server_environment()
    static_collect(environment)
    command = [sys.executable, "-m", "gunicorn", "kujdes.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    command += ["--worker-class", WORKER_CLASS, "--threads", str(THREADS)]
    command += ["--log-level", "warning", "--error-logfile", str(log)]
    server = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up:\n{log.read_text()}")
        try:
            status, _size, _body = fetch(http.client.HTTPConnection("127.0.0.1", port), "/")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server_stop(server)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{log.read_text()}")


def server_stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def fetch(
    client: http.client.HTTPConnection, path: str, *, decompress: bool = True
) -> tuple[int, int, bytes]:
    """Status, bytes on the wire and the body of one GET (decompressed unless told not to)."""
    client.request("GET", path, headers=HEADERS)
    response = client.getresponse()
    body = response.read()
    size = len(body)
    if decompress and response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, size, body


# ── The load ─────────────────────────────────────────────────────────────────────────────────


def _client(port: int, paths: list[str], seed: int, start: float, seconds: float) -> list[Any]:
    """One client in its own process: requests back to back from `start` (wall clock) for
    `seconds`; (seconds taken, status, bytes) per request, status 0 for a failed connection."""
    random_numbers = random.Random(seed)
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    samples = []
    while time.time() < start:
        time.sleep(0.001)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        path = random_numbers.choice(paths)
        began = time.perf_counter()
        try:
            status, size, _body = fetch(client, path, decompress=False)
        except (OSError, http.client.HTTPException):
            status, size = 0, 0
            client.close()
        samples.append((time.perf_counter() - began, status, size))
    client.close()
    return samples


def load(
    port: int, paths: list[str], seconds: float, seed: int, server: int, dsn: str
) -> dict[str, Any]:
    """CLIENTS processes for `seconds`, started together; with the CPU time the server's
    processes (gunicorn master `server` and workers, their PostgreSQL backends) spent."""
    connections.close_all()  # nothing of Django's crosses the fork
    context = multiprocessing.get_context("fork")
    before = cpu_snapshot(server, dsn)
    with concurrent.futures.ProcessPoolExecutor(CLIENTS, mp_context=context) as pool:
        start = time.time() + 0.5
        futures = [
            pool.submit(_client, port, paths, seed + number, start, seconds)
            for number in range(CLIENTS)
        ]
        samples = [sample for future in futures for sample in future.result()]
        elapsed = time.time() - start
    after = cpu_snapshot(server, dsn)
    figures = summary(samples, elapsed)
    for side in ("app", "database"):
        used = sum(cpu - before[side].get(pid, 0.0) for pid, cpu in after[side].items())
        figures[f"{side}_cpu_ms_per_request"] = round(used * 1000 / max(1, len(samples)), 1)
    return figures


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int | str) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name: state, ppid, …"""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_snapshot(server: int, dsn: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of gunicorn's processes and of the database's client backends. A
    backend that closes between two snapshots (after DATABASE_CONN_MAX_AGE) is missed."""
    app = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int(_stat(entry.name)[1]) == server:
                app.append(int(entry.name))
        except OSError:
            continue
    with psycopg.connect(dsn) as database:
        rows = database.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
    snapshot: dict[str, dict[int, float]] = {"app": {}, "database": {}}
    for side, pids in (("app", [server, *app]), ("database", [row[0] for row in rows])):
        for pid in pids:
            try:
                fields = _stat(pid)
            except OSError:
                continue
            snapshot[side][pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return snapshot


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))]


def summary(samples: list[Any], elapsed: float) -> dict[str, Any]:
    times = [sample[0] * 1000 for sample in samples]
    ok = [sample for sample in samples if sample[1] == 200]
    statuses: dict[str, int] = {}
    for sample in samples:
        if sample[1] != 200:
            statuses[str(sample[1])] = statuses.get(str(sample[1]), 0) + 1
    return {
        "requests": len(samples),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(ok) / elapsed, 1),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "max_ms": round(max(times), 1),
        "errors": len(samples) - len(ok),
        "error_statuses": statuses,
        "mean_bytes": round(statistics.fmean(s[2] for s in ok)) if ok else 0,
    }
