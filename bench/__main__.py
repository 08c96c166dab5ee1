"""Run every `bench/bench_*.py` module on a fresh PostgreSQL database and write
bench/RESULTS.md and bench/results.json.

Each module has `run() -> dict` (its figures) and `markdown(result) -> str` (its section).
The database is created before and dropped after, so a run leaves nothing behind but the
results and the generated data files in bench/data/ (not committed).

BENCH_ONLY=directory,import runs only those modules (names without `bench_`: assessment,
directory, import, monitoring, social_plan); such a partial run writes its RESULTS.md and
results.json into bench/data/, never over the committed ones. The modules share the database
and run in that order; bench_assessment and bench_monitoring remove their data sets when done,
since the others count observations and services.
"""

import importlib
import json
import os
import pkgutil
import platform
import sys
import time
from pathlib import Path
from typing import Any

import psycopg

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "kujdes_bench"
HERE = Path(__file__).resolve().parent


def database_recreate(*, drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")]
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    with psycopg.connect(f"{SERVER}/postgres") as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return {
        "cpu": models[0] if models else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(total_kb / 1024 / 1024, 1),
        "postgresql": row[0] if row else "",
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def only() -> set[str]:
    return {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}


def modules() -> list[Any]:
    wanted = only()
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(HERE)])
        if info.name.startswith("bench_")
        and (not wanted or info.name.removeprefix("bench_") in wanted)
    )
    return [importlib.import_module(f"bench.{name}") for name in names]


def main() -> int:
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kujdes.settings")
    database_recreate()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    results: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": machine(),
        "benchmarks": {},
    }
    sections = []
    try:
        call_command("migrate", verbosity=0)
        for module in modules():
            name = module.__name__.removeprefix("bench.")
            print(f"running {name} …", file=sys.stderr, flush=True)
            result = module.run()
            results["benchmarks"][name] = result
            sections.append(module.markdown(result))
    finally:
        connections.close_all()
        database_recreate(drop_only=True)
    output = HERE / "data" if only() else HERE
    output.mkdir(exist_ok=True)
    (output / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (output / "RESULTS.md").write_text(results_markdown(results, sections))
    print((output / "RESULTS.md").read_text())
    return 0


def results_markdown(results: dict[str, Any], sections: list[str]) -> str:
    machine = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {results['started']}. Figures from one run. The machine",
        "is a shared virtual machine: absolute times of runs an hour apart have differed by more",
        "than 2 × with the same code (the directory search used 48 ms of CPU a request in one",
        "run and 112 ms in another; the import of 1,000,000 rows took 23 s and 45 s); ratios,",
        "whose baseline is measured in the same run, move much less.",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {machine['cpu']} |",
        f"| cores | {machine['cores']} |",
        f"| memory | {machine['memory_gb']} GB |",
        f"| PostgreSQL | {machine['postgresql']} (local, default settings) |",
        f"| Python | {machine['python']} |",
        "",
    ]
    return "\n".join(lines) + "\n" + "\n\n".join(sections) + "\n"


if __name__ == "__main__":
    sys.exit(main())
