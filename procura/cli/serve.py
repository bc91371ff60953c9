"""procura serve — the web app for officers who never open a terminal (needs the `web` extra)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from procura.errors import InputError


@click.command()
@click.option("--workspace", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="Folder of the procurements (profiles); outputs go to WORKSPACE/out/NAME.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on. Any but loopback needs --token or --proxy-user-header.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--token", envvar="PROCURA_TOKEN", default=None, metavar="SECRET",
              help="Access token every browser must present once (also PROCURA_TOKEN).")
@click.option("--proxy-user-header", metavar="HEADER", default=None,
              help="Trust this header (e.g. X-Forwarded-User) set by an authenticating reverse proxy.")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="IP",
              help="Address of that reverse proxy; repeat for several (default: 127.0.0.1 and ::1).")
@click.option("--packs-dir", type=click.Path(path_type=Path), default=None,
              help="Folder of installed packs (default: the per-user data folder).")
@click.option("--open-browser/--no-browser", default=True, help="Open the start page in the default browser.")
def serve(workspace: Path, host: str, port: int, token: str | None, proxy_user_header: str | None,
          trusted_proxies: tuple[str, ...], packs_dir: Path | None, open_browser: bool) -> None:
    """Start the web app on http://HOST:PORT and open the browser.

    The pages (new procurement, the procurement, build and download, check a document, library
    and packs) call the same core as the commands, on the profiles in WORKSPACE.
    """
    missing = [m for m in ("starlette", "uvicorn", "multipart") if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(f"the web app needs {', '.join(missing)}", hint="install the web extra: pip install 'procura[web]'")
    import uvicorn

    from procura.web.app import create_app
    from procura.web.config import WebConfig

    config = WebConfig(workspace=workspace, host=host, port=port, token=token or None, proxy_user_header=proxy_user_header,
                       trusted_proxies=trusted_proxies or ("127.0.0.1", "::1"), packs_dir=packs_dir)
    app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"procura: serving {workspace.resolve()} on http://{shown}:{port}/ — stop with Ctrl+C")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=bool(proxy_user_header),
                forwarded_allow_ips=",".join(config.trusted_proxies) if proxy_user_header else None)
