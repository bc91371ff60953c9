"""The officer's own chapters: Markdown files the profile names, read as untrusted input.

They hold what procura cannot write — background, scope and current situation, definitions,
delivery and implementation — and survive every rebuild because procura only reads them.
Supported: headings, paragraphs, bullet and numbered lists, **bold**, *italic*, simple tables.
Raw HTML is never rendered (it is shown as text).
"""

from __future__ import annotations

from pathlib import Path

from procura.errors import InputError
from procura.models.profile import SECTION_NAMES, Profile
from procura.yamlio import read_text

MAX_SECTION_BYTES = 256 * 1024


def read_sections(profile: Profile, profile_path: Path) -> dict[str, str]:
    """Section name -> Markdown text, in document order; paths are relative to the profile."""
    out: dict[str, str] = {}
    base = profile_path.parent
    for name in SECTION_NAMES:
        rel = getattr(profile.sections, name)
        if not rel:
            continue
        path = base / rel
        if path.suffix.lower() not in (".md", ".markdown", ".txt"):
            raise InputError(f"sections.{name}: {rel} is not a Markdown file", profile_path,
                             "name a .md file next to the profile")
        try:
            out[name] = read_text(path, MAX_SECTION_BYTES)
        except InputError as exc:
            raise InputError(f"sections.{name}: {exc.what}", path, exc.hint or "check the path in the profile") from None
    return out


def parse(markdown: str) -> list[dict]:
    """Markdown as a list of blocks: {"kind": heading|paragraph|bullet|number|table, ...} with inline runs
    [(text, bold, italic)]. Headings are relative: "#" is the section's first level below its chapter."""
    from markdown_it import MarkdownIt  # only a profile with its own chapters needs the parser (50 ms to import)

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(markdown)
    blocks: list[dict] = []
    lists: list[str] = []
    table: dict | None = None
    row: list | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            blocks.append({"kind": "heading", "level": int(tok.tag[1]), "runs": _runs(tokens[i + 1])})
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("bullet" if kind == "bullet_list_open" else "number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "table_open":
            table = {"kind": "table", "rows": []}
        elif kind == "table_close":
            blocks.append(table)
            table = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None:
            table["rows"].append(row)
            row = None
        elif kind == "inline":
            if row is not None:
                row.append(_runs(tok))
            elif lists:
                blocks.append({"kind": lists[-1], "depth": len(lists), "runs": _runs(tok)})
            else:
                blocks.append({"kind": "paragraph", "runs": _runs(tok)})
        elif kind in ("fence", "code_block", "html_block"):
            blocks.append({"kind": "paragraph", "runs": [(tok.content.rstrip("\n"), False, False)]})
        i += 1
    return blocks


def _runs(inline) -> list[tuple[str, bool, bool]]:
    runs: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for child in inline.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline", "html_inline") and child.content:
            runs.append((child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append((" ", bold, italic))
    return runs


def plain(runs: list[tuple[str, bool, bool]]) -> str:
    return "".join(text for text, _, _ in runs)
