"""Running bodies at once, each in a thread of its own with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_together(*bodies: Callable[[], None], timeout: float = 30) -> None:
    """Start each body in its own thread, and wait for all of them. Each thread's connection
    is closed when its body ends, as Django's request cycle would."""

    def closing(body: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                body()
            finally:
                connection.close()

        return run

    threads = [threading.Thread(target=closing(body)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
