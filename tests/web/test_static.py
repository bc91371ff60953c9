"""The shipped static files: the recorded htmx, and colours that meet WCAG 2.1 AA contrast."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

STATIC = REPO / "templates" / "web" / "static"


def test_the_shipped_htmx_is_the_version_the_readme_records_with_its_licence():
    version = re.search(r'version:"([\d.]+)"', (STATIC / "htmx.min.js").read_text(encoding="utf-8")).group(1)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"htmx {version}" in readme and "0BSD" in readme
    assert "Zero-Clause BSD" in (STATIC / "htmx.LICENSE.txt").read_text(encoding="utf-8")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


COLOURS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", (STATIC / "procura.css").read_text(encoding="utf-8")))


@pytest.mark.parametrize("text, background", [
    ("ink", "paper"), ("muted", "paper"), ("muted", "tint"), ("brand", "paper"), ("brand", "tint"), ("brand-dark", "paper"),
    ("error", "error-bg"), ("warn", "warn-bg"), ("info", "info-bg"), ("ok", "ok-bg"), ("ink", "mark"), ("ink", "error-bg"),
    ("ink", "warn-bg"), ("error", "paper"), ("ok", "paper"),
])
def test_text_colours_meet_wcag_aa(text, background):
    assert contrast(COLOURS[text], COLOURS[background]) >= 4.5


def test_white_on_the_header_and_buttons_and_the_focus_ring_meet_wcag_aa():
    assert contrast("#ffffff", COLOURS["brand"]) >= 4.5 and contrast("#ffffff", COLOURS["brand-dark"]) >= 4.5
    assert contrast(COLOURS["focus"], COLOURS["paper"]) >= 3  # non-text contrast (1.4.11)
