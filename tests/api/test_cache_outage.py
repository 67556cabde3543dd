"""With CACHE_URL on Redis, the API keeps answering while that Redis is down (throttling fails
open, logged). The test's own redis-server plays the cache: only the binary is needed."""

from __future__ import annotations

import logging
import time

import pytest
import redis

from factcheck.settings import redis_cache_settings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CLAIM = "Critics say unemployment has doubled since 2020."


@pytest.fixture
def redis_cache(settings, redis_server):
    """The cache as production configures it for CACHE_URL, on the test's own Redis."""
    settings.CACHES = {"default": redis_cache_settings(redis_server.url)}
    return redis_server


def annotation_post(client, article):
    start = article.text.index(CLAIM)
    return client.post(
        "/api/v1/annotations/",
        {
            "article": article.pk,
            "target": {"exact": CLAIM, "start": start, "end": start + len(CLAIM)},
            "verdict": "false",
        },
        format="json",
    )


def test_the_throttle_counts_live_in_the_redis_cache(api_as, alice, redis_cache):
    assert api_as(alice).get("/api/v1/articles/").status_code == 200

    keys = redis.Redis.from_url(redis_cache.url).keys("*throttle*")
    assert keys, "the throttle should have stored its count in the cache's Redis"


def test_reads_and_writes_answer_2xx_while_the_cache_is_down(api_as, alice, redis_cache, caplog):
    article = ArticleFactory()
    client = api_as(alice)
    assert client.get("/api/v1/articles/").status_code == 200
    redis_cache.kill_hard()

    with caplog.at_level(logging.WARNING):
        started = time.monotonic()
        read = client.get("/api/v1/articles/")
        anonymous = api_as(None).get("/api/v1/verdicts/")
        written = annotation_post(client, article)
        elapsed = time.monotonic() - started

    assert (read.status_code, anonymous.status_code) == (200, 200)
    assert written.status_code == 201, written.content
    assert elapsed < 5, elapsed
    assert any(
        record.name == "factcheck.cache" and record.levelno >= logging.WARNING
        for record in caplog.records
    ), caplog.text
