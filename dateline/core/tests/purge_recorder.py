"""A real HTTP server that takes PURGE requests as a caching proxy would, and remembers
their keys: the purge tests' stand-in for Varnish where Varnish itself is not started."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PurgeRecorder:
    def __init__(self) -> None:
        self.purges: list[set[str]] = []
        self.refuse_with = 0  # answer this status instead of 200 while set
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self) -> None:
                if recorder.refuse_with:
                    self.send_response(recorder.refuse_with)
                    self.end_headers()
                    return
                recorder.purges.append(set(self.headers.get("xkey-purge", "").split()))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"purged")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def keys(self) -> set[str]:
        """Every key purged so far."""
        return set().union(*self.purges)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
