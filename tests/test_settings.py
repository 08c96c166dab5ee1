"""Production settings: missing secrets stop start-up, and the deploy checklist passes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Hq2-production-like-secret-key-for-the-test-only-9fT3kLm8Zp4Wv6",
    "ALLOWED_HOSTS": "kujdes.example.org",
    "DATABASE_URL": "sqlite:////tmp/kujdes-deploy-check.sqlite3",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_passes_the_deploy_checklist_with_production_settings() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off() -> None:
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = run_manage("check", **env)
    assert result.returncode == 1
    assert "The environment variable SECRET_KEY is required when DEBUG is off." in result.stderr


def test_it_refuses_to_start_without_allowed_hosts_when_debug_is_off() -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != "ALLOWED_HOSTS"}
    result = run_manage("check", **env)
    assert result.returncode == 1
    assert "The environment variable ALLOWED_HOSTS is required when DEBUG is off" in result.stderr


def test_it_refuses_a_debug_value_that_is_not_a_boolean() -> None:
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode == 1
    assert "DEBUG must be true or false, not 'maybe'." in result.stderr


def test_it_refuses_to_start_without_a_database_when_debug_is_off() -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != "DATABASE_URL"}
    result = run_manage("check", **env)
    assert result.returncode == 1
    assert "The environment variable DATABASE_URL is required when DEBUG is off." in result.stderr


# Slow (about 25 s: WhiteNoise compresses every file), so it runs with the browser tests.
@pytest.mark.slow
def test_it_collects_the_static_files_with_the_production_storage(tmp_path: Path) -> None:
    # The manifest storage refuses a file that names a missing one (a source map, a font).
    result = run_manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"vendor/leaflet-1.9.4/leaflet.js": "vendor/leaflet-1.9.4/leaflet.' in manifest
