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
    return t("check.summary", lang, error=numbers["error"], warning=numbers["warning"], info=numbers["info"],
             accepted=numbers["accepted"], targets=len(numbers["targets"]))


def statements_line(target: str, count: int, lang: Lang) -> str:
    """"kravspec.pdf: 42 krav lästa" / "kravspec.pdf: 1 krav läst"."""
    return t("check.statements", lang, target=target, count=count)


def exit_code(findings: Sequence[Finding], fail_on: Severity = Severity.error) -> int:
    """1 when any finding is at or above ``fail_on``; info never counts."""
    failing = any(f.severity is not Severity.info and f.severity.rank >= fail_on.rank for f in findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def to_json(findings: Sequence[Finding], targets: Sequence[str], lang: Lang,
            statements: dict[str, int] | None = None) -> dict[str, Any]:
    return {"findings": [f.to_json(lang) for f in findings], "summary": summary(findings, targets, statements)}


def groups(findings: Sequence[Finding], lang: Lang | None = None, short: bool = False) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by requirement (or line, page, table cell), in the order they were found."""
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        loc = f.location
        key = " · ".join(x for x in (loc.label(lang, short) or None, loc.requirement) if x) or "-"
        grouped.setdefault(key, []).append(f)
    return list(grouped.items())


def render_text(findings: Sequence[Finding], targets: Sequence[str], lang: Lang, console,
                statements: dict[str, int] | None = None) -> None:
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

    for key, items in groups(findings, lang):
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
    numbers = summary(findings, targets, statements)
    if not findings:
        out.append(t("check.no_findings", lang))
    for target, count in numbers["statements"].items():
        if count is not None:
            out.append(statements_line(target, count, lang))
    out.append(summary_line(numbers, lang))
    if styled:
        console.print("\n".join(escape(o) for o in out))
    else:
        console.file.write("\n".join(out) + "\n")


# column widths of the findings table, in centimetres: the page of templates/reference.docx leaves 16.4 cm
# between its margins; the rule ID ("OVR-002") and the severity ("varning") must fit without breaking
REPORT_COLUMNS = (("col_rule", 2.0), ("col_severity", 1.8), ("col_message", 7.0), ("col_source", 5.6))
REPORT_FONT_PT = 9.5


def write_docx(findings: Sequence[Finding], targets: Sequence[str], lang: Lang, path: Path,
               statements: dict[str, int] | None = None) -> None:
    """A review report a reviewer can send on, on procura's reference template: summary, the files and
    statements read, then one table per requirement with fixed column widths."""
    from procura.render.docx import clean, header_footer, open_template

    document = open_template(None)
    document.core_properties.title = clean(t("check.report_title", lang))
    document.core_properties.language = lang
    header_footer(document, t("check.report_title", lang), t("doc.page", lang), t("doc.of", lang))
    document.add_paragraph(clean(t("check.report_title", lang)), style="Title")
    document.add_paragraph(clean(t("check.report_intro", lang)))
    numbers = summary(findings, targets, statements)
    document.add_paragraph(clean(summary_line(numbers, lang)))
    document.add_heading(clean(t("check.report_targets", lang)), level=1)
    for target, count in numbers["statements"].items():
        line = statements_line(target, count, lang) if count is not None else target
        document.add_paragraph(clean(line), style="List Bullet")
    for key, items in groups(findings, lang, short=True):
        document.add_heading(clean(key), level=2)
        text = next((f.location.text for f in items if f.location.text), None)
        if text:
            document.add_paragraph(clean(text), style="Quote")
        table = _findings_table(document, lang)
        for f in items:
            message = f.message.get(lang)
            if f.accepted:
                message += "\n" + t("check.accepted", lang, justification=f.accepted)
            if f.suggestion:
                message += "\n" + t("check.suggestion", lang, id=f.suggestion.id, title=f.suggestion.title.get(lang))
            cells = table.add_row().cells
            for cell, value in zip(cells[:3], (f.rule, t(f"check.severity.{f.severity.value}", lang), message), strict=True):
                _cell_text(cell, value)
            _cell_text(cells[3], f.citation)
            if f.url:
                _hyperlink(document, cells[3].add_paragraph(), f.url)
        _fix_widths(table)
    document.save(str(path))  # through procura.render.output.write_file, which turns OSError into one line


def _findings_table(document, lang: Lang):
    table = document.add_table(rows=1, cols=len(REPORT_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, (label, _) in zip(table.rows[0].cells, REPORT_COLUMNS, strict=True):
        _cell_text(cell, t(f"check.{label}", lang), bold=True)
    return table


def _cell_text(cell, text: str, bold: bool = False) -> None:
    from docx.shared import Pt

    from procura.render.docx import clean

    paragraph = cell.paragraphs[0]
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size = Pt(REPORT_FONT_PT)
        run.bold = bold or None


def _fix_widths(table) -> None:
    """Fixed layout with the widths of REPORT_COLUMNS on the grid and every cell (Word reads the cells,
    LibreOffice the grid)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, (_, width) in zip(table.columns, REPORT_COLUMNS, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, (_, width) in zip(row.cells, REPORT_COLUMNS, strict=True):
            cell.width = Cm(width)


def _hyperlink(document, paragraph, url: str) -> None:
    """A link whose visible text is the site's name ("lagen.nu"), so a long address does not break into
    fragments across a narrow column."""
    from urllib.parse import urlparse

    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    rel = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(urlparse(url).netloc.removeprefix("www.") or url)
    run.font.size = Pt(REPORT_FONT_PT)
    run.font.underline = True
    run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x99)
    link.append(run._r)
    paragraph._p.append(link)
