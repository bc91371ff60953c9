"""Fixtures for the web app: a workspace with the example procurement, and a client that talks
to the app the way a browser on this machine does (Host 127.0.0.1, the CSRF cookie it was given)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO

pytest.importorskip("starlette")
pytest.importorskip("multipart")


@pytest.fixture
def workspace(tmp_path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    shutil.copy(REPO / "examples" / "trygghetslarm.yaml", folder / "larm.yaml")
    return folder


@pytest.fixture
def make_client(workspace, tmp_path):
    from starlette.testclient import TestClient

    from procura.web.app import create_app
    from procura.web.config import WebConfig

    def make(client=("127.0.0.1", 50000), base_url="http://127.0.0.1:8765", **settings):
        settings.setdefault("packs_dir", tmp_path / "packs")
        app = create_app(WebConfig(workspace=workspace, **settings))
        return TestClient(app, base_url=base_url, client=client, follow_redirects=False)

    return make


@pytest.fixture
def client(make_client):
    c = make_client()
    assert c.get("/").status_code == 200  # receives its CSRF cookie
    return c
