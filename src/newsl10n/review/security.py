"""The review app's gate: access token, Host header, same-origin state changes.

* Every request needs the token: ``?token=…`` once (the URL printed at
  start), then a ``SameSite=Strict``, ``HttpOnly`` cookie; without it, 403.
* The ``Host`` header must name the address the server listens on
  (``127.0.0.1:PORT`` or ``localhost:PORT``), so a page on another site cannot
  reach the app through a DNS name re-pointed at 127.0.0.1 (400 otherwise).
* A POST must come from our own pages: its ``Origin`` (or, when a browser
  sends none, its ``Referer``) is our origin, and its form carries the CSRF
  value derived from the token (403 otherwise).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

#: Security headers on every answer: nothing from elsewhere, no framing by others, no sniffing.
APP_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Gate:
    token: str
    port: int

    @classmethod
    def new(cls, port: int) -> Gate:
        return cls(secrets.token_urlsafe(32), port)

    @property
    def cookie(self) -> str:
        return f"newsl10n-review-{self.port}"

    @property
    def csrf(self) -> str:
        return hmac.new(self.token.encode(), b"csrf", hashlib.sha256).hexdigest()

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.hosts)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}?{urlencode({'token': self.token})}"

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def same_origin(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin in self.origins
        referer = headers.get("referer")
        return referer is not None and any(referer.startswith(o + "/") for o in self.origins)

    def csrf_ok(self, headers: Headers, value: str | None) -> bool:
        return self.same_origin(headers) and value is not None and hmac.compare_digest(value.encode(), self.csrf.encode())


class GateMiddleware:
    """ASGI middleware: Host check, then the token (query once, cookie after), then the security headers."""

    def __init__(self, app: ASGIApp, *, gate: Gate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets here
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = Headers(scope=scope)
        if headers.get("host") not in self.gate.hosts:
            await _secured(PlainTextResponse("Host not allowed", status_code=400))(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [None])[0]
        if self.gate.token_ok(given) and scope["method"] == "GET":
            rest = {k: v for k, v in query.items() if k != "token"}
            target = scope["path"] + (f"?{urlencode(rest, doseq=True)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.gate.cookie, self.gate.token, httponly=True, samesite="strict", path="/")
            await _secured(response)(scope, receive, send)
            return
        cookies = SimpleCookie(headers.get("cookie", ""))
        morsel = cookies.get(self.gate.cookie)
        if not self.gate.token_ok(morsel.value if morsel is not None else None):
            message = "403: open the URL with the token that 'newsl10n review' printed"
            await _secured(PlainTextResponse(message, status_code=403))(scope, receive, send)
            return

        async def send_secured(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))  # type: ignore[call-overload]
                names = {name.lower() for name, _value in raw}
                for name, value in _HEADERS:
                    if name not in names:
                        raw.append((name, value))
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_secured)  # type: ignore[arg-type]


_HEADERS = (
    (b"content-security-policy", APP_CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"SAMEORIGIN"),
)


def _secured(response: Response) -> Response:
    for name, value in _HEADERS:
        response.headers[name.decode()] = value.decode()
    return response
