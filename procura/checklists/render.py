"""Word and Markdown renderings of a checklist, on procura's reference template and styles."""

from __future__ import annotations

from pathlib import Path

from procura.checklists.model import Checklist
from procura.render.docx import clean, header_footer, labelled, open_template
from procura.render.jinja import render


def write_markdown(checklist: Checklist, path: Path) -> None:
    path.write_text(render("markdown/checklist.md.j2", **checklist.as_dict()), encoding="utf-8")


def write_docx(checklist: Checklist, path: Path, template: Path | None = None) -> None:
    c = checklist
    label = c.labels
    doc = open_template(template)
    props = doc.core_properties
    props.title = clean(f"{c.title}: {c.subtitle}")
    props.author = clean(c.organisation)
    props.subject = clean(c.reference)
    props.comments = c.generator
    props.language = c.lang
    header_footer(doc, f"{c.title} · {c.subtitle} · {label['reference']} {c.reference}", label["page"], label["of"])

    doc.add_paragraph(clean(c.title), style="Title")
    doc.add_paragraph(clean(c.subtitle), style="Cover Subtitle")
    for key in ("organisation", "reference", "date"):
        labelled(doc, label[key], getattr(c, key), style="Cover Detail")
    doc.add_paragraph(clean(c.intro))
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for fact in c.facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = clean(fact.label), clean(fact.value)

    for section in c.sections:
        doc.add_paragraph(clean(section.heading), style="Heading 1")
        if section.intro:
            doc.add_paragraph(clean(section.intro))
        for entry in section.entries:
            doc.add_paragraph(clean(f"{entry.id} {entry.title}"), style="Heading 2")
            if entry.meta:
                doc.add_paragraph(clean(entry.meta), style="Requirement Meta")
            if entry.text:
                doc.add_paragraph(clean(entry.text), style="Requirement Text")
            for f in entry.fields:
                labelled(doc, f.label, f.value)
            if entry.sources:
                labelled(doc, label["sources"], "; ".join(f"{s.citation} ({s.url})" for s in entry.sources))
            if entry.check:
                doc.add_paragraph(clean(entry.check), style="Requirement Text")
    doc.save(str(path))
