"""An SFTP server on loopback for tests, made with paramiko's server side: one user with a
password, files kept in a folder of the test's."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import paramiko


class _Handle(paramiko.SFTPHandle):
    pass


class _Folder(paramiko.SFTPServerInterface):
    """The SFTP operations an upload uses, on `root` (nothing outside it)."""

    root: Path

    def _path(self, path: str) -> Path:
        resolved = (self.root / path.lstrip("/")).resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise PermissionError(path)
        return resolved

    def canonicalize(self, path: str) -> str:
        return "/" + str(self._path(path).relative_to(self.root.resolve())).lstrip(".")

    def open(self, path: str, flags: int, attr: paramiko.SFTPAttributes) -> object:
        try:
            target = self._path(path)
            mode = "wb" if flags & (os.O_WRONLY | os.O_RDWR) else "rb"
            handle = _Handle(flags)
            handle.filename = str(target)
            opened = target.open(mode)
            handle.readfile = opened if mode == "rb" else None
            handle.writefile = opened if mode == "wb" else None
            return handle
        except OSError as error:
            return paramiko.SFTPServer.convert_errno(error.errno or 1)

    def stat(self, path: str) -> object:
        try:
            return paramiko.SFTPAttributes.from_stat(self._path(path).stat())
        except OSError as error:
            return paramiko.SFTPServer.convert_errno(error.errno or 1)

    lstat = stat

    def posix_rename(self, oldpath: str, newpath: str) -> int:
        try:
            self._path(oldpath).replace(self._path(newpath))
        except OSError as error:
            return paramiko.SFTPServer.convert_errno(error.errno or 1)
        return paramiko.SFTP_OK

    rename = posix_rename

    def list_folder(self, path: str) -> object:
        return [
            paramiko.SFTPAttributes.from_stat(entry.stat(), entry.name)
            for entry in self._path(path).iterdir()
        ]


class _Server(paramiko.ServerInterface):
    def __init__(self, username: str, password: str) -> None:
        self.username, self.password = username, password

    def check_auth_password(self, username: str, password: str) -> int:
        ok = (username, password) == (self.username, self.password)
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def get_allowed_auths(self, username: str) -> str:
        return "password"

    def check_channel_request(self, kind: str, chanid: int) -> int:
        return (
            paramiko.OPEN_SUCCEEDED
            if kind == "session"
            else paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED
        )


class SftpServer:
    """Listens on a free loopback port until `close()`; `host_key` is its known_hosts line."""

    def __init__(self, root: Path, *, username: str = "client", password: str = "pw") -> None:  # noqa: S107 - a test server
        self.root, self.username, self.password = root, username, password
        self.key = paramiko.RSAKey.generate(2048)
        self.host_key = f"{self.key.get_name()} {self.key.get_base64()}"
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"sftp://{username}@127.0.0.1:{self.port}/incoming"
        (root / "incoming").mkdir(parents=True, exist_ok=True)
        self._stopped = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        folder = type("Folder", (_Folder,), {"root": self.root})
        while not self._stopped:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            transport = paramiko.Transport(connection)
            transport.add_server_key(self.key)
            transport.set_subsystem_handler("sftp", paramiko.SFTPServer, folder)
            try:
                transport.start_server(server=_Server(self.username, self.password))
            except (OSError, paramiko.SSHException):  # a client that left (one refusing our key)
                transport.close()

    def files(self) -> dict[str, bytes]:
        return {
            path.name: path.read_bytes()
            for path in (self.root / "incoming").iterdir()
            if not path.name.startswith(".")
        }

    def close(self) -> None:
        self._stopped = True
        self.sock.close()
