"""Shared test fixtures. The cast (tests/personas.py) is created once in the test database;
every test runs in a transaction that is rolled back, so each starts from the same cast."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings

from tests.personas import Cast, cast_create, cast_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        cast_create()
    yield


@pytest.fixture(scope="session", autouse=True)
def _jobs_inline_and_media_apart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Background jobs run inside the request, and generated files go to a temporary folder."""
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate, MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def cast(db: None) -> Cast:
    return cast_load()
