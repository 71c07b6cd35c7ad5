"""Blocking the network in tests: any connection or name lookup beyond loopback fails the test.

``block_network(monkeypatch)`` patches the socket module of this process (used
by ``tests/engines`` for every test, and by the offline flow test);
``GUARD_SITECUSTOMIZE`` is the same guard as a ``sitecustomize`` module for
subprocesses: put its folder first on ``PYTHONPATH`` and every connection
attempt is refused and recorded in ``$NEWSL10N_NETGUARD_LOG``.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest


def is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        return bool(ipaddress.ip_address(host).is_loopback)
    except ValueError:
        return str(host) == "localhost"


def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        assert self.family == socket.AF_UNIX or is_loopback(address), f"a test tried to reach the network: {address!r}"
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        assert self.family == socket.AF_UNIX or is_loopback(address), f"a test tried to reach the network: {address!r}"
        return real_connect_ex(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        assert is_loopback(address), f"a test tried to reach the network: {address!r}"
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        assert host is None or is_loopback(host), f"a test tried to resolve {host!r}"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


GUARD_SITECUSTOMIZE = '''\
"""Installed by the tests: refuse and record every network connection of this process."""
import ipaddress, os, socket

_LOG = os.environ.get("NEWSL10N_NETGUARD_LOG", "")


def _loopback(address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in (None, "localhost")


def _refuse(what):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(repr(what) + "\\n")
    raise OSError("network access blocked by the test's guard: %r" % (what,))


_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def connect(self, address):
    if self.family != socket.AF_UNIX and not _loopback(address):
        _refuse(address)
    return _connect(self, address)


def connect_ex(self, address):
    if self.family != socket.AF_UNIX and not _loopback(address):
        _refuse(address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not _loopback(host):
        _refuse(host)
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
'''
