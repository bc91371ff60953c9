"""Findings out: summary, exit code, JSON, readable text grouped by requirement, and a Word report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from procura.checks.findings import Finding, Severity
from procura.errors import EXIT_FINDINGS, EXIT_OK
from procura.i18n import t
from procura.models import Lang

STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    result = {s.value: 0 for s in Severity}
    for f in findings:
        result[f.severity.value] += 1
    return result


def summary(findings: Sequence[Finding], targets: Sequence[str]) -> dict[str, Any]:
    by_category: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for f in findings:
        if f.severity is not Severity.info:
            by_category[f.category] = by_category.get(f.category, 0) + 1
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {**counts(findings), "accepted": sum(1 for f in findings if f.accepted), "by_category": by_category,
            "by_rule": dict(sorted(by_rule.items())), "targets": list(targets)}


def exit_code(findings: Sequence[Finding], fail_on: Severity = Severity.error) -> int:
    """1 when any finding is at or above ``fail_on``; info never counts."""
    failing = any(f.severity is not Severity.info and f.severity.rank >= fail_on.rank for f in findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def to_json(findings: Sequence[Finding], targets: Sequence[str], lang: Lang) -> dict[str, Any]:
    return {"findings": [f.to_json(lang) for f in findings], "summary": summary(findings, targets)}


def groups(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by requirement (or line), in the order they were found."""
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        loc = f.location
        key = " · ".join(x for x in (loc.label() or None, loc.requirement) if x) or "-"
        grouped.setdefault(key, []).append(f)
    return list(grouped.items())


def render_text(findings: Sequence[Finding], targets: Sequence[str], lang: Lang, console) -> None:
    """The findings grouped by requirement. Styled on a terminal; written as plain lines otherwise
    (a pipe, a file, NO_COLOR), because rich's per-line rendering costs about a millisecond a line
    and a long document has hundreds of thousands of lines."""
    from rich.markup import escape

    styled = console.is_terminal and not console.no_color
    out: list[str] = []

    def line(text: str, style: str | None = None, prefix: str = "") -> None:
        """``prefix`` is markup already (the severity's colour); ``text`` is escaped when styled."""
        if not styled:
            out.append(prefix + text)
        elif style:
            out.append(f"{prefix}[{style}]{escape(text)}[/{style}]")
        else:
            out.append(prefix + escape(text))

    for key, items in groups(findings):
        line(key, "bold")
        text = next((f.location.text for f in items if f.location.text), None)
        if text:
            line(f"  {text[:200]}", "dim")
        for f in items:
            sev = t(f"check.severity.{f.severity.value}", lang)
            head = f"  [{STYLE[f.severity]}]{sev}[/] " if styled else f"  {sev} "
            line(f"{f.rule} {f.message.get(lang)}", prefix=head)
            line(f"      {t('check.source', lang)}: {f.citation}{' — ' + f.url if f.url else ''}", "dim")
            if f.accepted:
                line(f"      {t('check.accepted', lang, justification=f.accepted)}")
            if f.suggestion:
                line(f"      {t('check.suggestion', lang, id=f.suggestion.id, title=f.suggestion.title.get(lang))}", "green")
        out.append("")
        if styled:
            console.print("\n".join(out))
            out.clear()
    numbers = summary(findings, targets)
    if not findings:
        out.append(t("check.no_findings", lang))
    out.append(t("check.summary", lang, error=numbers["error"], warning=numbers["warning"], info=numbers["info"],
                 accepted=numbers["accepted"], targets=len(targets)))
    if styled:
        console.print("\n".join(escape(o) for o in out))
    else:
        console.file.write("\n".join(out) + "\n")


def write_docx(findings: Sequence[Finding], targets: Sequence[str], lang: Lang, path: Path) -> None:
    """A review report a reviewer can send on: summary, then one table per requirement."""
    import docx

    document = docx.Document()
    document.add_heading(t("check.report_title", lang), level=0)
    document.add_paragraph(t("check.report_intro", lang))
    numbers = summary(findings, targets)
    document.add_paragraph(t("check.summary", lang, error=numbers["error"], warning=numbers["warning"], info=numbers["info"],
                             accepted=numbers["accepted"], targets=len(targets)))
    document.add_heading(t("check.report_targets", lang), level=1)
    for target in targets:
        document.add_paragraph(str(target), style="List Bullet")
    for key, items in groups(findings):
        document.add_heading(key, level=2)
        text = next((f.location.text for f in items if f.location.text), None)
        if text:
            document.add_paragraph(text, style="Quote")
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, ("col_rule", "col_severity", "col_message", "col_source"), strict=False):
            cell.text = t(f"check.{label}", lang)
        for f in items:
            cells = table.add_row().cells
            cells[0].text = f.rule
            cells[1].text = t(f"check.severity.{f.severity.value}", lang)
            message = f.message.get(lang)
            if f.accepted:
                message += "\n" + t("check.accepted", lang, justification=f.accepted)
            if f.suggestion:
                message += "\n" + t("check.suggestion", lang, id=f.suggestion.id, title=f.suggestion.title.get(lang))
            cells[2].text = message
            cells[3].text = f.citation + (f"\n{f.url}" if f.url else "")
    document.save(str(path))  # through procura.render.output.write_file, which turns OSError into one line
