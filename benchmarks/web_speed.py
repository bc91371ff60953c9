"""Median answer time of each page of `procura serve` on the example procurement.

Starts a real uvicorn on a free 127.0.0.1 port with a temporary workspace holding the
safety-alarm example, requests every page several times over one keep-alive connection (httpx),
and prints the median, min and max per page. Target (issue 14): each page within 200 ms.
Actions (a choice, an answer check, a document check — the first real .docx tender in
../shared/real-documents when present — and a build) are timed too and printed
separately; they are not pages and have no target.

Run: python benchmarks/web_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 200
TENDER = ("K1 Leverantören ska ha en årlig omsättning om minst 40 000 000 kr.\n"
          "K2 Systemet ska vara användarvänligt och intuitivt.\n"
          "K3 Leverantören ska ha ett kontor i kommunen.\n"
          "K4 Tjänsten bör ha en tillgänglighet om minst 99,5 % per månad.\n")
PAGES = ["/", "/new", "/p/larm", "/p/larm/build", "/check", "/library", "/library?q=loggning%20av%20%C3%A5tkomst",
         "/library?product=trygghetslarm", "/packs"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(workspace: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "procura", "serve", "--workspace", str(workspace), "--port", str(port),
                             "--no-browser", "--packs-dir", str(workspace / ".packs")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit(f"server did not start: {proc.stdout.read().decode()}")


def timed(call, runs: int) -> list[float]:
    call()  # warm: first use of a page loads templates
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - t0) * 1000)
        if response.status_code >= 400:
            raise SystemExit(f"{response.request.url}: HTTP {response.status_code}")
    return times


def line(name: str, times: list[float], target: float | None) -> bool:
    median = statistics.median(times)
    ok = target is None or median <= target
    verdict = "" if target is None else ("  ok" if ok else f"  SLOWER than {target} ms")
    print(f"{name:45s} median {median:6.1f} ms  (min {min(times):6.1f}, max {max(times):6.1f}){verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="procura-web-bench-"))
    shutil.copy(REPO / "examples" / "trygghetslarm.yaml", workspace / "larm.yaml")
    port = free_port()
    proc = start(workspace, port)
    ok = True
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            client.get("/")
            token = client.cookies["procura_csrf"]
            print(f"pages ({args.runs} runs each, target {TARGET_MS} ms):")
            for url in PAGES:
                ok &= line(f"GET {url}", timed(lambda u=url: client.get(u), args.runs), TARGET_MS)
            print("actions:")
            hx = {"HX-Request": "true", "X-CSRF-Token": token}
            line("POST /new/field/value (answer checked)",
                 timed(lambda: client.post("/new/field/value", data={"value": "6 500 000"}, headers=hx), args.runs), None)
            ops = iter(["exclude", "include"] * (args.runs + 1))
            line("POST /p/larm/choice/KV-002 (exclude/include)",
                 timed(lambda: client.post("/p/larm/choice/KV-002", data={"op": next(ops)}, headers=hx), args.runs), None)
            real = sorted((REPO.parent / "shared" / "real-documents").glob("*.docx"))[:1]
            name, data = (real[0].name, real[0].read_bytes()) if real else ("k.txt", TENDER.encode())
            line(f"POST /check ({name[:30]})",
                 timed(lambda: client.post("/check", data={"csrf_token": token}, files={"document": (name, data)}),
                       max(3, args.runs // 3)), None)
            line("POST /p/larm/build (documents and checklists)",
                 timed(lambda: client.post("/p/larm/build", data={"csrf_token": token, "force": "on"}, headers=hx),
                       max(3, args.runs // 5)), None)
            found = re.findall(r"ska-krav", client.get("/p/larm").text)
            assert found
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(workspace, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
