"""Engine test fixtures: no network at all, tiny real Argos packages built once per session."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from newsl10n.engines.models import install_file

from .tiny_argos import build_package

BuildPackage = Callable[..., Path]


def _loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    try:
        return bool(ipaddress.ip_address(host).is_loopback)
    except ValueError:
        return str(host) == "localhost"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any connection or name lookup beyond loopback fails the test."""
    real_connect = socket.socket.connect
    real_create = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        assert _loopback(address), f"a test tried to reach the network: {address!r}"
        real_connect(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        assert _loopback(address), f"a test tried to reach the network: {address!r}"
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        assert host is None or _loopback(host), f"a test tried to resolve {host!r}"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield


@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory: pytest.TempPathFactory) -> BuildPackage:
    """``tiny_package(from_code='en', to_code='ru', mode='copy', swaps={...}, version='1.0', name=None)``, cached."""
    root = tmp_path_factory.mktemp("tiny-argos")
    cache: dict[tuple[Any, ...], Path] = {}

    def build(
        from_code: str = "en",
        to_code: str = "ru",
        *,
        mode: str = "copy",
        swaps: Mapping[str, str] | None = None,
        version: str = "1.0",
        name: str | None = None,
    ) -> Path:
        key = (from_code, to_code, mode, tuple(sorted((swaps or {}).items())), version, name)
        if key not in cache:
            workdir = root / f"p{len(cache)}"
            workdir.mkdir()
            cache[key] = build_package(
                workdir, from_code=from_code, to_code=to_code, mode=mode,  # type: ignore[arg-type]
                swaps=swaps, name=name, version=version,
            )
        return cache[key]

    return build


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    return tmp_path / "models"


@pytest.fixture
def install(tiny_package: BuildPackage, models_dir: Path) -> Callable[..., Path]:
    """Install a tiny package into ``models_dir``; returns the package folder."""

    def run(from_code: str = "en", to_code: str = "ru", **options: Any) -> Path:
        return install_file(tiny_package(from_code, to_code, **options), models_dir).path

    return run
