"""The web app's settings, passed to create_app (no global state)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from procura.errors import InputError

LOOPBACK_NAMES = ("localhost",)
MAX_UPLOAD_BYTES = 50_000_000  # the checker's own limit for Word and Excel files


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebConfig:
    workspace: Path
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None  # required on every request when set (header, cookie, or ?token= once)
    proxy_user_header: str | None = None  # e.g. X-Forwarded-User, set by a reverse proxy that authenticates
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")  # only these may set proxy_user_header
    packs_dir: Path | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    allowed_hosts: tuple[str, ...] = field(default=())  # Host headers accepted; default: loopback names when bound there

    def checked(self) -> WebConfig:
        """Refuse a set-up that would expose the officer's files: any interface but loopback
        needs an access token or a trusted reverse proxy that authenticates users."""
        if not is_loopback(self.host) and not self.token and not self.proxy_user_header:
            raise InputError(f"--host {self.host}: refusing to serve beyond this machine without access control",
                             hint="pass --token (or set PROCURA_TOKEN), or --proxy-user-header behind an authenticating "
                                  "reverse proxy; or keep the default --host 127.0.0.1")
        if self.token is not None and len(self.token) < 16:
            raise InputError("--token: too short to be safe", hint="use at least 16 random characters, e.g. `openssl rand -hex 16`")
        if not self.workspace.is_dir():
            raise InputError("--workspace: not a folder", self.workspace, "create it or choose another")
        return self

    @property
    def hosts(self) -> tuple[str, ...]:
        if self.allowed_hosts:
            return self.allowed_hosts
        if is_loopback(self.host):
            return ("127.0.0.1", "localhost", "::1", "[::1]")
        return ()  # behind a proxy or token: any Host (the token or the proxy guards access)
