"""A partner's webhook receiver on the loopback interface, served from a thread: it answers each
POST as its plan says (then as its default) and keeps what it received."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from tests.local_site import site_serving

OK = "ok"  # 200
FAIL = "fail"  # 500 with a short body
SLOW = "slow"  # answers after SLOW_SECONDS: past a 1-second timeout
REDIRECT = "redirect"  # 302 elsewhere
SLOW_SECONDS = 2.5


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str = ""
    plan: deque[str] = field(default_factory=deque)
    default: str = OK
    redirect_to: str = "http://127.0.0.1:9/"
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self) -> str:
        with self.lock:
            return self.plan.popleft() if self.plan else self.default

    def bodies(self) -> list[bytes]:
        with self.lock:
            return [r.body for r in self.received]


def _handler(receiver: Receiver) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with receiver.lock:
                receiver.received.append(Received(dict(self.headers.items()), body))
            answer = receiver.next_answer()
            with contextlib.suppress(OSError):  # the desk gave up waiting: nobody listens
                if answer == SLOW:
                    time.sleep(SLOW_SECONDS)
                if answer == REDIRECT:
                    self.send_response(302)
                    self.send_header("Location", receiver.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, text = (500, b"boom: database down") if answer == FAIL else (200, b"ok")
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def receiving(*plan: str, default: str = OK) -> Iterator[Receiver]:
    """A receiver answering `plan` in turn, then `default`; its URL is `receiver.url`."""
    receiver = Receiver(plan=deque(plan), default=default)
    with site_serving(_handler(receiver)) as base:
        receiver.url = f"{base}/hooks/factcheck"
        yield receiver
