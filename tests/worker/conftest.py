"""Real Celery worker processes against the test database and a real Redis.

These tests run on the PostgreSQL + Redis pass (`make test` with DATABASE_URL and REDIS_URL);
without a broker they are deselected by the Makefile, and collected here they fail loudly
rather than skip.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from factcheck.celery import app as celery_app

PROJECT = Path(__file__).resolve().parents[2]
LOG_DIRECTORY = PROJECT / "test-artifacts"


def database_url() -> str:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("worker tests need PostgreSQL: set DATABASE_URL (see .ci/run)")
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@dataclass
class WorkerProcess:
    process: subprocess.Popen[bytes]
    log: Path

    def kill_hard(self) -> None:
        """kill -9 the worker and its pool children, as a crashed machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill_hard()


@pytest.fixture
def worker_queue() -> str:
    """The tests' own queue (pyproject's pytest_env names it), emptied of any leftovers."""
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    assert queue.startswith("factcheck-test"), queue
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)
    return queue


@pytest.fixture
def start_worker(
    django_db_setup: None, worker_queue: str, tmp_path: Path
) -> Iterator[Callable[..., WorkerProcess]]:
    """start_worker(broker=None, queue=None, beat=False, **env) -> a running worker on the test
    database. Each test gets its own workers, stopped when it ends."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("worker tests need a broker: set REDIS_URL (see .ci/run)")
    LOG_DIRECTORY.mkdir(exist_ok=True)
    started: list[WorkerProcess] = []

    def start(
        broker: str | None = None, queue: str | None = None, beat: bool = False, **extra_env: str
    ) -> WorkerProcess:
        log = LOG_DIRECTORY / f"worker-{uuid.uuid4().hex[:8]}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            **({"CELERY_BROKER_URL": broker} if broker else {}),
            **extra_env,
        }
        with log.open("wb") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "factcheck",
                    "worker",
                    "--queues",
                    queue or worker_queue,
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--hostname",
                    f"test-{len(started)}-{uuid.uuid4().hex[:6]}@%h",
                    *(["--beat", "--schedule", str(tmp_path / "beat-schedule")] if beat else []),
                ],
                cwd=PROJECT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = WorkerProcess(process=process, log=log)
        started.append(worker)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"the worker exited at start:\n{log.read_text()[-3000:]}")
            if b" ready." in log.read_bytes():
                return worker
            time.sleep(0.2)
        pytest.fail(f"the worker did not become ready:\n{log.read_text()[-3000:]}")

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def worker(start_worker: Callable[..., WorkerProcess]) -> WorkerProcess:
    """A worker for tests that only need tasks to run."""
    return start_worker()


def wait_until(condition: Callable[[], bool], *, timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for {what or condition}")


@contextmanager
def publishing_to(broker: str) -> Iterator[None]:
    """Send this process's tasks (e.g. the API's enqueues after commit) to `broker`."""
    conf = celery_app.conf
    previous = conf.broker_url

    def switch(url: str) -> None:
        conf.broker_url = url
        # The app caches its connection and producer pools: drop them so the next send dials.
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    switch(broker)
    try:
        yield
    finally:
        switch(previous)
