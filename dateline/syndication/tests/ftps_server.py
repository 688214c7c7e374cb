"""An FTPS server on loopback for tests, made with pyftpdlib: one user with a password, TLS
required on commands and data, files kept in a folder of the test's."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_FTPHandler
from pyftpdlib.servers import FTPServer

logging.getLogger("pyftpdlib").setLevel(logging.WARNING)


class FtpsServer:
    def __init__(self, root: Path, *, certificate: str, key: str) -> None:
        self.root = root
        (root / "incoming").mkdir(parents=True)
        authorizer = DummyAuthorizer()
        authorizer.add_user("feed", "pw", str(root), perm="elradfmw")
        handler = type("Handler", (TLS_FTPHandler,), {})
        handler.authorizer = authorizer
        handler.certfile, handler.keyfile = certificate, key
        handler.tls_control_required = handler.tls_data_required = True
        self._server = FTPServer(("127.0.0.1", 0), handler)
        self.port = self._server.address[1]
        self.url = f"ftps://feed@127.0.0.1:{self.port}/incoming"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"timeout": 0.05, "handle_exit": False},
            daemon=True,
        )
        self._thread.start()

    def files(self) -> dict[str, str]:
        """What arrived whole (names not starting with a dot)."""
        folder = self.root / "incoming"
        return {p.name: p.read_text() for p in folder.iterdir() if not p.name.startswith(".")}

    def close(self) -> None:
        self._server.close_all()
        self._thread.join(timeout=5)
