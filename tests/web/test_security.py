"""The security measures of the web app, each as a request an attacker or a mistake would make."""

from __future__ import annotations

import os
import re

import pytest
from starlette.routing import Route
from webhelpers import csrf

from procura.errors import InputError
from procura.web.config import WebConfig

TOKEN = "s3cret-token-0123456789"


def test_any_interface_but_loopback_needs_a_token_or_an_authenticating_proxy(workspace):
    with pytest.raises(InputError, match="refusing to serve beyond this machine"):
        WebConfig(workspace=workspace, host="0.0.0.0").checked()
    with pytest.raises(InputError, match="too short"):
        WebConfig(workspace=workspace, host="0.0.0.0", token="short").checked()
    WebConfig(workspace=workspace, host="0.0.0.0", token=TOKEN).checked()
    WebConfig(workspace=workspace, host="10.1.2.3", proxy_user_header="X-Forwarded-User").checked()
    WebConfig(workspace=workspace, host="127.0.0.1").checked()
    WebConfig(workspace=workspace, host="::1").checked()


def test_serve_refuses_a_public_interface_without_a_token_with_one_line_and_exit_2(runner, cli, workspace, monkeypatch):
    monkeypatch.delenv("PROCURA_TOKEN", raising=False)
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--workspace", str(workspace), "--no-browser"])
    assert result.exit_code == 2
    assert "refusing to serve beyond this machine" in result.output and "--token" in result.output
    assert "Traceback" not in result.output


def test_every_state_changing_route_refuses_a_request_without_the_csrf_token(client):
    posts = [r for r in client.app.routes if isinstance(r, Route) and "POST" in (r.methods or ())]
    assert len(posts) >= 11  # new, field, facts; choice, facts, award, award check; build; check; pack preview, install
    for route in posts:
        assert getattr(route.endpoint, "is_action", False), f"{route.path} is not declared with security.action"
        url = route.path.replace("{name}", "larm").replace("{req_id}", "IO-103").replace("{field}", "value")
        assert client.post(url, data={"op": "exclude"}).status_code == 403, url
        assert client.post(url, data={"op": "exclude", "csrf_token": "x" * 43}).status_code == 403, url
        assert client.post(url, data={"op": "exclude"}, headers={"X-CSRF-Token": "forged"}).status_code == 403, url
    before = (client.app.state.procura.workspace.root / "larm.yaml").read_text(encoding="utf-8")
    assert "IO-103: {include: false}" not in before
    ok = client.post("/p/larm/choice/IO-103", data={"op": "exclude", "csrf_token": csrf(client)})
    assert ok.status_code == 303


def test_a_cross_origin_post_is_refused_even_with_the_token(client):
    response = client.post("/p/larm/choice/IO-103", data={"op": "exclude", "csrf_token": csrf(client)},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_a_foreign_host_header_is_refused_on_loopback(client):
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_security_headers_and_no_inline_script_or_style_on_any_page(client):
    for url in ("/", "/new", "/p/larm", "/p/larm/build", "/check", "/library", "/packs", "/nowhere"):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        html = response.text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert " style=" not in html and "<style" not in html, url


def test_a_token_is_asked_for_and_traded_for_a_cookie(make_client):
    c = make_client(token=TOKEN)
    page = c.get("/")
    assert page.status_code == 401 and 'name="token"' in page.text
    assert c.get("/?token=wrong-token-000000000").status_code == 401
    assert c.get("/packs", headers={"Authorization": "Bearer " + TOKEN}).status_code == 200
    login = c.get("/p/larm?token=" + TOKEN)
    assert login.status_code == 303 and login.headers["location"] == "/p/larm"
    assert TOKEN not in login.headers["set-cookie"]
    assert c.get("/p/larm").status_code == 200


def test_behind_a_proxy_only_the_proxy_may_vouch_for_a_user(make_client):
    settings = {"host": "10.0.0.2", "proxy_user_header": "X-Forwarded-User", "trusted_proxies": ("10.0.0.1",)}
    from_proxy = make_client(client=("10.0.0.1", 4000), base_url="http://procura.example", **settings)
    assert from_proxy.get("/", headers={"X-Forwarded-User": "anna"}).status_code == 200
    assert from_proxy.get("/").status_code == 403
    around_proxy = make_client(client=("10.0.0.9", 4000), base_url="http://procura.example", **settings)
    assert around_proxy.get("/", headers={"X-Forwarded-User": "anna"}).status_code == 403


@pytest.mark.parametrize("url", ["/p/..%2F..%2Fetc/build", "/p/%2Fetc%2Fpasswd", "/p/larm/files/..%2Flarm.yaml",
                                 "/p/larm/files/%2Fetc%2Fpasswd", "/p/larm/files/..%2F..%2F..%2Flarm.yaml", "/check/..%2F..%2F..%2Fetc/report",
                                 "/static/../larm.yaml", "/static/..%2F..%2F..%2Fi18n%2Fsv.yaml"])
def test_no_path_from_a_request_leaves_the_workspace(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text and "organisation:" not in response.text


def test_symlinks_out_of_the_workspace_are_not_followed(client, workspace, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text((workspace / "larm.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(secret, workspace / "linked.yaml")
    assert "linked" not in client.get("/").text
    assert client.get("/p/linked").status_code == 404
    out = workspace / "out" / "larm"
    out.mkdir(parents=True)
    (tmp_path / "passwd").write_text("root:x:0:0", encoding="utf-8")
    os.symlink(tmp_path / "passwd", out / "passwd.txt")
    assert client.get("/p/larm/files/passwd.txt").status_code == 404
    os.symlink(tmp_path, workspace / "out" / "elsewhere")
    assert client.get("/p/elsewhere/files/passwd").status_code == 404


def test_an_upload_is_stored_under_a_safe_name_inside_the_workspace(client, workspace):
    response = client.post("/check", data={"csrf_token": csrf(client)},
                           files={"document": ("../../../evil name.txt", "Leverantören ska vara användarvänlig.\n".encode())})
    assert response.status_code == 200
    assert "Granskning av evil_name.txt" in response.text  # the name it was checked under
    assert not list(workspace.rglob("*.txt"))  # and removed once checked (tests/web/test_facts_award.py)
    assert not (workspace.parent.parent / "evil name.txt").exists()


def test_uploads_have_size_limits(make_client, workspace):
    c = make_client(max_upload_bytes=1000)
    c.get("/")
    big = c.post("/check", data={"csrf_token": csrf(c)}, files={"document": ("big.txt", b"Leverantoren ska ha kontor.\n" * 200_000)})
    assert big.status_code == 413
    c2 = make_client(max_upload_bytes=100_000)
    c2.get("/")
    over = c2.post("/check", data={"csrf_token": csrf(c2)}, files={"document": ("big.txt", b"Leverantoren ska ha kontor.\n" * 20_000)})
    assert over.status_code == 400 and "larger than the limit" in over.text
    assert not list((workspace / ".procura-web" / "uploads").rglob("big.txt"))


def test_an_upload_the_checker_cannot_read_gets_the_checkers_message(client):
    response = client.post("/check", data={"csrf_token": csrf(client)}, files={"document": ("x.docx", b"not a zip at all")})
    assert response.status_code == 400
    assert "x.docx" in response.text and "Traceback" not in response.text
    wrong = client.post("/check", data={"csrf_token": csrf(client)}, files={"document": ("x.exe", b"MZ")})
    assert wrong.status_code == 400 and "cannot check files of type .exe" in wrong.text


def test_git_installs_from_the_web_are_https_only(client):
    response = client.post("/packs/install", data={"csrf_token": csrf(client), "git": "git+file:///etc"})
    assert response.status_code == 400 and "only git+https://" in response.text


def test_what_the_app_shows_is_escaped_data_never_a_template(client, workspace):
    profile = workspace / "larm.yaml"
    text = profile.read_text(encoding="utf-8").replace("title: Digitala trygghetslarm med larmmottagning",
                                                       'title: "<script>alert(1)</script> {{ 7*7 }}"')
    profile.write_text(text, encoding="utf-8")
    for url in ("/", "/p/larm", "/p/larm/build"):
        html = client.get(url).text
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    upload = client.post("/check", data={"csrf_token": csrf(client)},
                         files={"document": ("k.txt", "Leverantören ska <img src=x onerror=alert(1)> {{ 7*7 }} vid behov.\n".encode())})
    assert "<img src=x" not in upload.text and "&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}" in upload.text
