"""Helpers for the web tests."""

from __future__ import annotations

import re


def csrf(client) -> str:
    return client.cookies.get("procura_csrf")


def form_csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
