"""What guards every request: access control, Host and Origin checks, body size, CSRF, headers.

One ASGI middleware (:class:`Guard`) wraps the whole app, so no route can be reached around it.
CSRF uses a per-browser token: a random value in a SameSite=Strict, HttpOnly cookie that every
state-changing request must echo in a form field (``csrf_token``) or an ``X-CSRF-Token`` header
(htmx sends it from the ``hx-headers`` attribute of the page body). Routes that change state
are declared with :func:`action`, which parses the form and checks the token before the route
runs; a test walks every POST route and expects 403 without the token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.datastructures import FormData, MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from procura.web.config import WebConfig

CSRF_COOKIE = "procura_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
AUTH_COOKIE = "procura_auth"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_FORM_FIELDS = 400  # the procurement page's choice form has one field per parameter; 400 is generous

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # no-referrer would make browsers send Origin: null on our own forms
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class CsrfError(Exception):
    pass


def auth_cookie_value(token: str) -> str:
    """What the browser keeps instead of the token itself."""
    return hmac.new(token.encode(), b"procura-web-session", hashlib.sha256).hexdigest()


class Guard:
    def __init__(self, app: ASGIApp, config: WebConfig, login_page: Callable[[Request], Response]):
        self.app = app
        self.config = config
        self.login_page = login_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self._refuse(request)
        if response is None and self.config.token and not self._authenticated(request):
            response = self._login(request)
        if response is not None:
            await self._send_with_headers(response, scope, receive, send, request)
            return
        csrf = request.cookies.get(CSRF_COOKIE)
        fresh = not csrf or len(csrf) != 43
        if fresh:
            csrf = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = csrf

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("cache-control", "no-store")
                if fresh:
                    secure = "; Secure" if scope.get("scheme") == "https" else ""
                    headers.append("set-cookie", f"{CSRF_COOKIE}={csrf}; Path=/; HttpOnly; SameSite=Strict{secure}")
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _send_with_headers(self, response: Response, scope: Scope, receive: Receive, send: Send,
                                 request: Request) -> None:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("cache-control", "no-store")
        await response(scope, receive, send)

    def _refuse(self, request: Request) -> Response | None:
        host = (request.headers.get("host") or "").rsplit(":", 1)[0] if "]" not in (request.headers.get("host") or "") \
            else (request.headers.get("host") or "").rsplit("]", 1)[0] + "]"
        if self.config.hosts and host not in self.config.hosts:
            return PlainTextResponse("Host not allowed", status_code=400)  # DNS rebinding against a local server
        if self.config.proxy_user_header:
            client = request.client.host if request.client else ""
            user = request.headers.get(self.config.proxy_user_header, "").strip()
            if client not in self.config.trusted_proxies or not user:
                return PlainTextResponse("Forbidden: sign in through the municipality's portal", status_code=403)
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            # a foreign Origin is refused outright; "null" (privacy settings, sandboxed frames) leaves it to the CSRF token
            if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
                return PlainTextResponse("Forbidden: cross-origin request", status_code=403)
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                return PlainTextResponse("Length Required", status_code=411)
            if length is not None and (not length.isdigit() or int(length) > self.config.max_upload_bytes + 1_000_000):
                return PlainTextResponse(f"Request too large (limit {self.config.max_upload_bytes} bytes)", status_code=413)
        return None

    def _authenticated(self, request: Request) -> bool:
        token = self.config.token or ""
        bearer = request.headers.get("authorization", "")
        if bearer.startswith("Bearer ") and hmac.compare_digest(bearer[7:].encode(), token.encode()):
            return True
        cookie = request.cookies.get(AUTH_COOKIE, "")
        return hmac.compare_digest(cookie.encode(), auth_cookie_value(token).encode())

    def _login(self, request: Request) -> Response:
        token = self.config.token or ""
        given = request.query_params.get("token")
        if request.method == "GET" and given is not None and hmac.compare_digest(given.encode(), token.encode()):
            # the link `procura serve` opens: trade the token for a cookie and drop it from the address bar
            response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(AUTH_COOKIE, auth_cookie_value(token), httponly=True, samesite="strict",
                                secure=request.url.scheme == "https")
            return response
        return self.login_page(request)


def check_csrf(request: Request, form: FormData) -> None:
    expected = request.state.csrf if hasattr(request.state, "csrf") else ""
    given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD) or ""
    if not isinstance(given, str) or not expected or not request.cookies.get(CSRF_COOKIE) \
            or not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfError


def action(route: Callable[[Request, FormData], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """A state-changing route: its form is parsed with limits and its CSRF token checked first."""

    async def endpoint(request: Request) -> Response:
        async with request.form(max_files=2, max_fields=MAX_FORM_FIELDS) as form:
            check_csrf(request, form)
            return await route(request, form)

    endpoint.__name__ = route.__name__
    endpoint.__doc__ = route.__doc__
    endpoint.is_action = True  # type: ignore[attr-defined]
    return endpoint
