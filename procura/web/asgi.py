"""The app for a production ASGI server, configured from the environment:

    uvicorn --factory procura.web.asgi:from_environment --host 127.0.0.1 --port 8765 --workers 4

PROCURA_WORKSPACE (required), PROCURA_TOKEN, PROCURA_PROXY_USER_HEADER, PROCURA_TRUSTED_PROXIES
(comma-separated), PROCURA_PACKS_DIR, PROCURA_ALLOWED_HOSTS (comma-separated Host names).
The server is treated as reachable from other machines: a token or a proxy header is required.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette

from procura.errors import InputError
from procura.web.app import create_app
from procura.web.config import WebConfig


def _list(name: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in os.environ.get(name, "").split(",") if v.strip())


def from_environment() -> Starlette:
    workspace = os.environ.get("PROCURA_WORKSPACE")
    if not workspace:
        raise InputError("PROCURA_WORKSPACE is not set", hint="set it to the folder of the procurements")
    packs = os.environ.get("PROCURA_PACKS_DIR")
    return create_app(WebConfig(
        workspace=Path(workspace), host="0.0.0.0", token=os.environ.get("PROCURA_TOKEN") or None,  # noqa: S104
        proxy_user_header=os.environ.get("PROCURA_PROXY_USER_HEADER") or None,
        trusted_proxies=_list("PROCURA_TRUSTED_PROXIES") or ("127.0.0.1", "::1"),
        packs_dir=Path(packs) if packs else None, allowed_hosts=_list("PROCURA_ALLOWED_HOSTS")))
