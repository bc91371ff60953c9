"""Findings out: summary, exit code, JSON, readable text grouped by requirement, and a Word report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from procura.checks.findings import Finding, Severity
from procura.errors import EXIT_FINDINGS, EXIT_OK, OutputError
from procura.i18n import plural, t
from procura.models import Lang

STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    result = {s.value: 0 for s in Severity}
    for f in findings:
        result[f.severity.value] += 1
    return result


def summary(findings: Sequence[Finding], targets: Sequence[str], statements: dict[str, int] | None = None) -> dict[str, Any]:
    by_category: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for f in findings:
        if f.severity is not Severity.info:
            by_category[f.category] = by_category.get(f.category, 0) + 1
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {**counts(findings), "accepted": sum(1 for f in findings if f.accepted), "by_category": by_category,
            "by_rule": dict(sorted(by_rule.items())), "targets": list(targets),
            "statements": {str(t): (statements or {}).get(str(t)) for t in targets}}


def summary_line(numbers: dict[str, Any], lang: Lang) -> str:
    """"2 fel, 1 varning, 0 info (0 godtagna) i 1 granskad fil." with each count in its own number."""
    return t("check.summary", lang, errors=plural("check.count.error", numbers["error"], lang),
             warnings=plural("check.count.warning", numbers["warning"], lang),
             info=plural("check.count.info", numbers["info"], lang),
             accepted=plural("check.count.accepted", numbers["accepted"], lang),
             files=plural("check.count.files", len(numbers["targets"]), lang))


def exit_code(findings: Sequence[Finding], fail_on: Severity = Severity.error) -> int:
    """1 when any finding is at or above ``fail_on``; info never counts."""
    failing = any(f.severity is not Severity.info and f.severity.rank >= fail_on.rank for f in findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def to_json(findings: Sequence[Finding], targets: Sequence[str], lang: Lang,
            statements: dict[str, int] | None = None) -> dict[str, Any]:
    return {"findings": [f.to_json(lang) for f in findings], "summary": summary(findings, targets, statements)}


def groups(findings: Sequence[Finding], lang: Lang | None = None) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by requirement (or line, page, table cell), in the order they were found."""
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        loc = f.location
        key = " · ".join(x for x in (loc.label(lang) or None, loc.requirement) if x) or "-"
        grouped.setdefault(key, []).append(f)
    return list(grouped.items())


def render_text(findings: Sequence[Finding], targets: Sequence[str], lang: Lang, console,
                statements: dict[str, int] | None = None) -> None:
    from rich.markup import escape

    for key, items in groups(findings, lang):
        console.print(f"[bold]{escape(key)}[/bold]")
        text = next((f.location.text for f in items if f.location.text), None)
        if text:
            console.print(f"  [dim]{escape(text[:200])}[/dim]")
        for f in items:
            sev = t(f"check.severity.{f.severity.value}", lang)
            console.print(f"  [{STYLE[f.severity]}]{sev}[/] {f.rule} {escape(f.message.get(lang))}")
            console.print(f"      [dim]{t('check.source', lang)}: {escape(f.citation)}{' — ' + f.url if f.url else ''}[/dim]")
            if f.accepted:
                console.print(f"      {escape(t('check.accepted', lang, justification=f.accepted))}")
            if f.suggestion:
                console.print(f"      [green]{escape(t('check.suggestion', lang, id=f.suggestion.id, title=f.suggestion.title.get(lang)))}[/green]")
        console.print()
    numbers = summary(findings, targets, statements)
    if not findings:
        console.print(t("check.no_findings", lang))
    for target, count in numbers["statements"].items():
        if count is not None:
            console.print(escape(plural("check.count.statements", count, lang, target=target)))
    console.print(summary_line(numbers, lang))


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
    try:
        document.save(str(path))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the report ({exc.strerror})") from None
