from __future__ import annotations

import pytest

from briefing.feeds.fetch import Policy
from tests.feeds.server import LoopbackServer


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


@pytest.fixture
def policy() -> Policy:
    """Fast and impatient: a test never waits long for a server that stalls."""
    return Policy(
        timeout=0.5,
        deadline=1.0,
        max_bytes=1024 * 1024,
        retries=0,
        backoff=0.01,
        host_delay=0.0,
        per_host=4,
    )
