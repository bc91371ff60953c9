"""Helpers for the web tests."""

from __future__ import annotations

import re


def csrf(client) -> str:
    return client.cookies.get("procura_csrf")


def form_csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def fact_fields(html: str) -> dict[str, str]:
    """The fact fields a page asks (name -> kind: whole, month, text, yesno)."""
    fields = {}
    for tag in re.findall(r"<input [^>]*name=\"fact\.[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag).group(1)
        fields[name] = ("yesno" if 'type="radio"' in tag else "whole" if 'inputmode="numeric"' in tag
                        else "month" if "pattern=" in tag else "text")
    return fields


def fill_facts(fields: dict[str, str]) -> dict[str, str]:
    """An answer to every fact field as an officer would give it: one volume per product area, yes to
    every alarm question, small counts, a month, a name."""
    answers = {}
    for name, kind in fields.items():
        if ".volumes." in name and not name.endswith(".individuals"):
            continue
        answers[name] = {"yesno": "true", "whole": "12", "month": "2026-10"}.get(kind, f"Svar till {name.split('.', 1)[1]}")
    return answers


def answered_facts(client, answers: dict) -> dict[str, str]:
    """The facts the new-procurement form asks for these answers, all answered (asked again until the
    answers bring no new question, as the form does when an answer changes)."""
    given: dict[str, str] = {}
    for _ in range(4):
        html = client.post("/new/facts", data={**answers, **given, "csrf_token": csrf(client)},
                           headers={"HX-Request": "true"}).text
        now = fill_facts(fact_fields(html))
        if now.keys() == given.keys():
            return now
        given = now
    raise AssertionError("the fact questions keep changing")


# -- a real server and a real browser ------------------------------------------------------------
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workspace: Path, packs: Path) -> tuple[subprocess.Popen, str]:
    """`procura serve` on a free loopback port, as an officer would start it."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "procura", "serve", "--workspace", str(workspace), "--port", str(port),
                             "--no-browser", "--packs-dir", str(packs)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=dict(os.environ))
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if proc.poll() is not None:
            raise RuntimeError(f"procura serve exited: {proc.stdout.read().decode()}")
        try:
            httpx.get(url + "/", timeout=1)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("procura serve did not answer within 30 s")


def chromium(profile_dir: Path, downloads: Path, width: int = 1280, height: int = 900):
    """Debian's chromium driven by chromium-driver, headless, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.add_argument(f"--window-size={width},{height}")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_page_load_timeout(120)
    return driver


def browser_available() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return "Debian's chromium and chromium-driver are not installed (CI installs them)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


def wait_for_file(folder: Path, suffix: str, timeout: float = 60) -> Path:
    end = time.time() + timeout
    while time.time() < end:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {[p.name for p in folder.iterdir()]}")


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
