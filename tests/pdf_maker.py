"""Small PDFs made by hand for the reader's tests: text pages in Helvetica (WinAnsi, so å, ä, ö work),
empty pages as a scan without a text layer would be, and broken files."""

from __future__ import annotations

from pathlib import Path

A4 = (595, 842)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_stream(lines: list[tuple[float, float, float, str]]) -> bytes:
    """Content of one page: (x, y from the top, font size, text) per line."""
    parts = []
    for x, y, size, text in lines:
        parts.append(b"BT /F1 %.1f Tf %.1f %.1f Td (" % (size, x, A4[1] - y) + _escape(text) + b") Tj ET")
    return b"\n".join(parts)


def make_pdf(path: Path, pages: list[list[tuple[float, float, float, str]]]) -> Path:
    """A PDF with one page per list of lines (an empty list: a page without text)."""
    objects: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    font = 3 + 2 * n
    for i, lines in enumerate(pages):
        content = 4 + 2 * i
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] /Resources << /Font << /F1 {font} 0 R >> >> "
                       f"/Contents {content} 0 R >>".encode())
        stream = page_stream(lines)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def tender_pages(count: int) -> list[list[tuple[float, float, float, str]]]:
    """Pages of a tender as a platform exports it: a running header, a numbered section, a sentence that
    wraps across lines with a hyphenated word, a footer "Sida n av N"."""
    pages = []
    for i in range(count):
        lines = [(72, 40, 9, "Upphandling 2025/123 Trygghetslarm"), (270, 810, 9, f"Sida {i + 1} av {count}")]
        lines += [(72, 100, 13, f"{i + 1}.1 Krav på leverantören"),
                  (72, 125, 10, "Leverantören ska ha ett ledningssystem för informations-"),
                  (72, 137, 10, f"säkerhet som omfattar tjänsten nummer {i + 1}."),
                  (72, 160, 10, "Meriterande:"),
                  (83, 180, 10, f"• Erfarenhet av IT-drift i {i + 2} kommuner.")]
        pages.append(lines)
    return pages
