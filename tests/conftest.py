from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import demo_serve


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo") / "demo.sqlite3"


@pytest.fixture(scope="session")
def demo_server(demo_database: Path) -> Iterator[str]:
    """The demo, served for the browser tests (`make test-slow`)."""
    yield from demo_serve(demo_database)
