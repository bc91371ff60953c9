"""Regenerate templates/reference.docx, the Word template that defines every style procura uses.

Run from the repository root: ``python scripts/make_reference_docx.py``. A municipality can
instead pass its own template (based on this one) with ``procura build --template``.
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
DARK = RGBColor(0x1F, 0x3A, 0x5F)


def main() -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.3))
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 28), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = "Calibri", Pt(size), DARK
    styles["Heading 1"].paragraph_format.page_break_before = False

    def add(name: str, kind=WD_STYLE_TYPE.PARAGRAPH, base: str = "Normal"):
        style = styles.add_style(name, kind)
        style.base_style = styles[base]
        return style

    subtitle = add("Cover Subtitle")
    subtitle.font.size, subtitle.font.color.rgb = Pt(18), DARK
    add("Cover Detail").paragraph_format.space_after = Pt(2)
    text = add("Requirement Text")
    text.font.size = Pt(11)
    text.paragraph_format.left_indent = Cm(0.5)
    text.paragraph_format.space_after = Pt(6)
    meta = add("Requirement Meta")
    meta.font.size, meta.font.italic, meta.font.color.rgb = Pt(9), True, RGBColor(0x55, 0x55, 0x55)
    field = add("Requirement Field")
    field.font.size = Pt(10)
    field.paragraph_format.left_indent = Cm(0.5)
    field.paragraph_format.space_after = Pt(2)
    label = add("Field Label", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    label.font.bold = True
    add("Header Text").font.size = Pt(8)
    add("Footer Text").font.size = Pt(8)
    add("Appendix Item").paragraph_format.space_after = Pt(4)
    # Word's built-in names for table-of-contents entries, so Word's own refresh uses them too
    toc1 = add("toc 1")
    toc1.paragraph_format.space_after = Pt(2)
    toc2 = add("toc 2")
    toc2.paragraph_format.left_indent = Cm(0.6)
    toc2.paragraph_format.space_after = Pt(0)
    # the body stays empty: procura writes the content
    for paragraph in list(doc.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    doc.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
