"""Hostile and broken input (issue 12, the reading side): every class ends in a one-line error or a
bounded, correct result — never a traceback, a hang or memory exhaustion.

Hostile files are generated here in tmp_path; the reproducers in ../shared/robustness are used
too when they are present.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from procura.cli import cli
from procura.errors import InputError

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "robustness"
STATEMENT = "Leverantören ska besvara ärenden till supporten inom åtta timmar under kontorstid."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def run_bounded(*args, timeout: float = 60):
    """procura in a child process, killed after ``timeout`` s: a hang fails the test instead of blocking it."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "procura", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env)


def one_line_error(result, *words: str) -> None:
    err = result.stderr
    code = result.returncode if hasattr(result, "returncode") else result.exit_code
    assert code == 2, err
    assert "Traceback" not in err
    assert err.startswith("procura: error: "), err
    for word in words:
        assert word in err, err


def zip_bytes(entries: dict[str, bytes | str], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def corrupt_member(data: bytes, name: str) -> bytes:
    """``data`` (a zip) with the deflate stream of ``name`` overwritten by garbage."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw = bytearray(data)
    raw[start:start + min(40, info.compress_size)] = b"\xff" * min(40, info.compress_size)
    return bytes(raw)


# -- minimal workbooks, written by hand so that hostile parts are easy to make ------------------
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def workbook(sheet_xml: str, strict: bool = False, worksheet: bool = True) -> bytes:
    main, rels = (STRICT_MAIN, STRICT_RELS) if strict else (MAIN, RELS)
    kind = "worksheet" if worksheet else "chartsheet"
    return zip_bytes({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="r1" Type="{rels}/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="Krav" sheetId="1" r:id="s1"/>'
                           f'</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      f'<Relationship Id="s1" Type="{rels}/{kind}" Target="worksheets/sheet1.xml"/>'
                                      f'</Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}">{sheet_xml}</worksheet>',
    })


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


TABLE = (f'<sheetData><row r="1">{cell("A1", "ID")}{cell("B1", "Kravtext")}</row>'
         f'<row r="2">{cell("A2", "K-1")}{cell("B2", STATEMENT)}</row></sheetData>')


# == 1. one guarded reader: regular files only, byte limits =====================================
@pytest.mark.parametrize("suffix, command", [(".txt", "check"), (".yaml", "build"), (".docx", "check"), (".xlsx", "check")])
def test_a_named_pipe_is_refused_at_once(tmp_path, suffix, command):
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    args = [command, fifo] + (["--dry-run"] if command == "build" else [])
    one_line_error(run_bounded(*args, timeout=60), "is a named pipe")


def test_a_named_pipe_in_a_pack_folder_is_refused(tmp_path):
    assert run("pack", "new", "rorpack", "--dir", tmp_path).exit_code == 0
    os.mkfifo(tmp_path / "rorpack" / "LICENSE")
    result = run_bounded("pack", "install", tmp_path / "rorpack", "--packs-dir", tmp_path / "packs")
    one_line_error(result, "LICENSE", "not a regular file")
    assert not (tmp_path / "packs" / "rorpack").exists()


def test_a_device_and_an_oversized_file_are_refused(tmp_path):
    from procura.files import read_bytes

    with pytest.raises(InputError, match="is a device"):
        read_bytes(Path("/dev/zero"), 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2001)
    with pytest.raises(InputError, match="more than the limit of 2000"):
        read_bytes(big, 2000)
    assert read_bytes(big, 2001) == b"x" * 2001


def test_a_zip_that_unpacks_past_its_limit_is_refused(tmp_path):
    from procura.files import open_zip

    data = zip_bytes({"a.xml": b"0" * 2_000_000})
    with pytest.raises(InputError, match="unpacks to 2000000 bytes, more than the limit"):
        open_zip(data, tmp_path / "a.docx", "Word", max_unpacked=1_000_000)


# == 2. xlsx: streaming, declared dimensions ignored, limits ====================================
def test_a_sheet_declaring_a_million_rows_is_read_in_its_real_size(tmp_path):
    from procura.spreadsheets import read_xlsx

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(workbook('<dimension ref="A1:XFD1048576"/>' + TABLE.replace(
        "</sheetData>", '<row r="1048576" spans="16384:16384"><c r="XFD1048576"/></row></sheetData>')))
    sheets = read_xlsx(path)
    assert [(n, row) for n, row in sheets[0].rows] == [(1, ["ID", "Kravtext"]), (2, ["K-1", STATEMENT])]
    result = run_bounded("check", path, timeout=60)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr


def test_a_value_far_outside_the_column_limit_is_an_error_naming_the_cell(tmp_path):
    path = tmp_path / "answers.xlsx"
    path.write_bytes(workbook(TABLE.replace("</sheetData>", f'<row r="1048576">{cell("XFD1048576", "Ja")}</row></sheetData>')))
    result = run("check", path)
    assert result.exit_code == 2
    assert "XFD1048576" in result.stderr and "limit of 500 columns" in result.stderr


def test_strict_ooxml_with_absolute_part_names_is_read(tmp_path):
    from procura.spreadsheets import read_xlsx

    path = tmp_path / "strict.xlsx"
    path.write_bytes(workbook(TABLE, strict=True))
    assert read_xlsx(path)[0].rows[1] == (2, ["K-1", STATEMENT])
    result = run("check", path, "--format", "json")
    assert result.exit_code in (0, 1)
    assert json.loads(result.stdout)["summary"]["targets"] == [str(path)]


def test_a_workbook_without_worksheets_is_an_error_not_a_clean_result(tmp_path):
    path = tmp_path / "charts.xlsx"
    path.write_bytes(workbook(TABLE, worksheet=False))
    for args in (["check", path], ["pack", "import", path, "-o", tmp_path / "out"]):
        result = run(*args)
        assert result.exit_code == 2
        assert "the workbook has no worksheets" in result.stderr


def test_corrupt_sheet_xml_and_corrupt_deflate_are_one_line_errors(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(workbook('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row'))
    result = run("check", broken)
    assert result.exit_code == 2 and "xl/worksheets/sheet1.xml" in result.stderr and "not valid XML" in result.stderr
    deflate = tmp_path / "deflate.xlsx"
    deflate.write_bytes(corrupt_member(workbook(TABLE * 20), "xl/worksheets/sheet1.xml"))
    result = run("check", deflate)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "xl/worksheets/sheet1.xml" in result.stderr and "damaged" in result.stderr


def test_evaluate_reads_an_answer_matrix_with_a_dimension_bomb(tmp_path):
    from procura.checklists.answers import read_matrix
    from procura.render.xlsx import headers

    header = "".join(cell(f"{chr(65 + i)}1", h) for i, h in enumerate(headers("sv")))
    row = cell("A2", "IN-001") + cell("B2", "Text") + cell("C2", "Ska") + cell("E2", "Ja")
    path = tmp_path / "matris.xlsx"
    path.write_bytes(workbook(f'<dimension ref="A1:XFD1048576"/><sheetData><row r="1">{header}</row>'
                              f'<row r="2">{row}</row><row r="1048576"/></sheetData>'))
    matrix = read_matrix(path)
    assert [(r.row, r.id, r.answer) for r in matrix.rows] == [(2, "IN-001", "Ja")]


def test_formulas_in_an_answer_matrix_read_as_their_text(tmp_path):
    from procura.spreadsheets import read_xlsx

    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook('<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row></sheetData>'))
    assert read_xlsx(path, formulas=True)[0].rows == [(1, ["=1+1"])]
    assert read_xlsx(path)[0].rows == [(1, [2])]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared reproducers are not present")
@pytest.mark.parametrize("name", ["foreign_comment03_dimension_bomb.xlsx", "foreign_calamine_issue_174.xlsx",
                                  "foreign_strict_iso_paths.xlsx"])
def test_foreign_workbooks_from_other_test_suites(name):
    from procura.spreadsheets import read_xlsx

    sheets = read_xlsx(SHARED / name)
    assert sheets and sum(len(s.rows) for s in sheets) < 10_000


# == 3. docx: gridSpan bombs, corrupt parts =====================================================
def _docx_with_table(path: Path, span: int) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "K-1", STATEMENT
    table.cell(1, 0).text, table.cell(1, 1).text = "K-2", "Leverantören ska ha en utsedd kontaktperson för avtalet."
    tc_pr = table.cell(0, 1)._tc.get_or_add_tcPr()
    grid = tc_pr.makeelement(qn("w:gridSpan"), {qn("w:val"): str(span)})
    tc_pr.append(grid)
    document.save(str(path))


def test_a_gridspan_bomb_reads_each_cell_once(tmp_path):
    from procura.checks.extract import read_statements

    path = tmp_path / "span.docx"
    _docx_with_table(path, 100_000_000)
    statements = read_statements(path)
    assert [(s.location.requirement, s.text) for s in statements if s.text == STATEMENT] == [("K-1", STATEMENT)]
    assert len(statements) == 2


def test_a_row_with_too_many_cells_is_refused(tmp_path):
    import docx

    path = tmp_path / "wide.docx"
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    tr = table.rows[0]._tr
    for _ in range(1_001):
        tr.append(tr.tc_lst[0].__copy__())
    document.save(str(path))
    result = run("check", path)
    assert result.exit_code == 2 and "more than the limit of 1000" in result.stderr


def test_a_corrupt_part_of_a_docx_is_a_one_line_error(tmp_path):
    path = tmp_path / "ok.docx"
    _docx_with_table(path, 1)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(corrupt_member(path.read_bytes(), "word/document.xml"))
    result = run("check", bad)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "word/document.xml" in result.stderr and "damaged" in result.stderr


# == 4. CSV ======================================================================================
def test_quotes_that_made_csv_sniffer_backtrack_are_read_at_once(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text('"' * 3_400 + "\n", encoding="utf-8")
    result = run_bounded("check", path, timeout=60)
    assert result.returncode in (0, 1, 2) and "Traceback" not in result.stderr


def test_the_delimiter_is_the_one_in_the_header_line():
    from procura.spreadsheets import csv_delimiter

    assert csv_delimiter("id;text\nK-1;Leverantören ska, om möjligt, svara.\n") == ";"
    assert csv_delimiter('"id;x",text,motive\n') == ","
    assert csv_delimiter("id\tkrav\n") == "\t"
    assert csv_delimiter("bara en kolumn\n") == ","


def test_a_field_over_the_csv_limit_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text('id,text\nK-1,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    for args in (["check", path], ["pack", "import", path, "-o", tmp_path / "out"]):
        result = run(*args)
        assert result.exit_code == 2
        assert f"{path}:2: not valid CSV: a field is longer than" in result.stderr


# == 5. plain text: a long document is linear =====================================================
def test_a_repeated_statement_is_reported_once_per_copy_not_once_per_pair(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("\n".join([STATEMENT] * 300) + "\n", encoding="utf-8")
    result = run("check", path, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    duplicates = [f for f in findings if f["rule"] == "CON-001"]
    assert len(duplicates) == 299  # not 300 * 299 / 2
    assert {f["location"]["line"] for f in duplicates} == set(range(2, 301))


def test_repeated_texts_get_the_same_findings_at_their_own_place(tmp_path):
    vague = "Leverantören ska vid behov leverera en lämplig lösning."
    path = tmp_path / "two.txt"
    path.write_text(f"{vague}\n{STATEMENT}\n{vague}\n", encoding="utf-8")
    findings = json.loads(run("check", path, "--format", "json").stdout)["findings"]
    by_line = {line: sorted(f["rule"] for f in findings if f["location"]["line"] == line and f["rule"] != "CON-001")
               for line in (1, 3)}
    assert by_line[1] and by_line[1] == by_line[3]


@pytest.mark.skipif(not (SHARED / "check_20000_lines.txt").is_file(), reason="the shared reproducer is not present")
def test_the_20000_line_document_finishes(tmp_path):
    result = run_bounded("check", SHARED / "check_20000_lines.txt", "--format", "json", timeout=240)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(json.loads(result.stdout)["findings"]) < 200_000


# == 6. YAML aliases ================================================================================
def test_an_alias_bomb_is_refused_and_ordinary_aliases_are_kept():
    from procura.yamlio import parse_yaml

    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
    with pytest.raises(InputError, match="expands to more than 200000 values"):
        parse_yaml(bomb, "bomb.yaml")
    assert parse_yaml("base: &b {x: 1}\ncopy: *b\n", "ok.yaml") == {"base": {"x": 1}, "copy": {"x": 1}}


def test_a_recursive_alias_is_refused():
    from procura.yamlio import parse_yaml

    with pytest.raises(InputError, match="alias refers to the node it is inside"):
        parse_yaml("a: &a [1, *a]\n", "loop.yaml")


def test_an_alias_bomb_in_a_pack_is_a_one_line_error(tmp_path):
    assert run("pack", "new", "bombpack", "--dir", tmp_path).exit_code == 0
    req = tmp_path / "bombpack" / "support" / "SF-001.yaml"
    lines = ["applies_when:", "  all:", "  - &c0 {fact: availability, gte: 3}"]
    lines += [f"  - &c{i} {{any: [{', '.join([f'*c{i - 1}'] * 10)}]}}" for i in range(1, 8)]
    req.write_text(req.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    one_line_error(run_bounded("pack", "validate", tmp_path / "bombpack", timeout=60), "SF-001.yaml", "aliases")


# == 7. pack archives ==============================================================================
@pytest.mark.parametrize("entries, message", [
    ({"support/X-1.yaml": "a", "support/X-1.yaml/inner": "b"}, "is both a file and a folder"),
    ({"support/" + "A" * 300 + ".yaml": "a"}, "longer than a file system allows"),
    ({".git/config": "[core]\n\tfsmonitor = touch /tmp/owned\n", "pack.yaml": "x"}, "hidden file or folder"),
    ({".procura-hook": "x"}, "hidden file or folder"),
])
def test_hostile_archive_entries_are_refused_before_anything_is_written(tmp_path, entries, message):
    archive = tmp_path / "hostile-0.1.0.zip"
    archive.write_bytes(zip_bytes(entries))
    packs = tmp_path / "packs"
    result = run("pack", "install", archive, "--packs-dir", packs)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not [p for p in packs.rglob("*") if p.is_file()] if packs.exists() else True


def test_a_corrupt_deflate_stream_in_an_archive_is_a_one_line_error(tmp_path):
    archive = tmp_path / "broken-0.1.0.zip"
    archive.write_bytes(corrupt_member(zip_bytes({"pack.yaml": "name: x\n" * 200}), "pack.yaml"))
    for args in (["pack", "install", archive, "--packs-dir", tmp_path / "packs"], ["pack", "diff", archive, archive]):
        result = run(*args)
        assert result.exit_code == 2 and "'pack.yaml' is damaged" in result.stderr


# == 8. pack diff ====================================================================================
def test_a_long_text_diff_is_bounded_and_still_exact():
    import time

    from procura.packs.diff import word_diff

    words = " ".join(["ord"] * 20_000)
    old, new = "A " + words + " B", "C " + words.replace("ord ord ord", "ord ORD ord", 3) + " D"
    started = time.perf_counter()
    ops = word_diff(old, new)
    assert time.perf_counter() - started < 30
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == old
    assert "".join(o["text"] for o in ops if o["op"] != "delete") == new


def test_a_short_diff_is_word_by_word():
    from procura.packs.diff import word_diff, word_diff_text

    assert word_diff_text(word_diff("inom åtta timmar", "inom fyra timmar")) == "inom [-åtta-]{+fyra+} timmar"


# == 9. pack import ===================================================================================
@pytest.mark.parametrize("category", ["{outside}", "../../escape", "..", ".hidden", "support/../../x"])
def test_an_untrusted_category_never_becomes_a_path(tmp_path, category):
    outside = tmp_path / "outside"
    source = tmp_path / "trav.csv"
    source.write_text(f"id,text,category\nKRAV-2,{STATEMENT},{category.format(outside=outside)}\n", encoding="utf-8")
    result = run("pack", "import", source, "-o", tmp_path / "a" / "b" / "out", "--name", "trav")
    assert result.exit_code == 2 and "unknown category" in result.stderr
    assert not outside.exists()
    assert not list(tmp_path.rglob("KRAV-2.yaml"))


def test_confined_refuses_names_that_leave_the_folder(tmp_path):
    from procura.packs.exchange import confined

    assert confined(tmp_path, "support", "SF-001.yaml") == tmp_path / "support" / "SF-001.yaml"
    for bad in ("/etc", "..", "a/b", ".git", ""):
        with pytest.raises(InputError):
            confined(tmp_path, bad, "x.yaml")


@pytest.mark.parametrize("name, content, message", [
    ("invalid.json", b"{'pack': 1}", "invalid JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
    ("latin1.json", '{"pack": "Åre"}'.encode("latin-1"), "not UTF-8 text"),
    ("list.json", b"[]", "not a procura pack export"),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("noid.csv", f"id,text\nK-1,{STATEMENT}\n,{STATEMENT}\n".encode(), ":3: the row has no ID"),
    ("dup.csv", f"id,text\nK-1,{STATEMENT}\nK-1,{STATEMENT}\n".encode(), "row 3: ID imp:K-1 is also the ID of row 2"),
    ("semicolon.csv", f"id;text;category\nK-1;{STATEMENT};okänd\n".encode(), "unknown category 'okänd'"),
])
def test_broken_import_files_are_one_line_errors(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    result = run("pack", "import", source, "-o", tmp_path / "out", "--name", "imp")
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("option, message", [(["--name", "Bad Name"], "--name: 'Bad Name' is not a pack name"),
                                             (["--version", "banana"], "--version: 'banana' is not a version")])
def test_bad_import_options_are_one_line_errors(tmp_path, option, message):
    source = tmp_path / "ok.csv"
    source.write_text(f"id,text\nK-1,{STATEMENT}\n", encoding="utf-8")
    result = run("pack", "import", source, "-o", tmp_path / "out", *option)
    assert result.exit_code == 2 and message in result.stderr


def _exported_xlsx(tmp_path: Path) -> Path:
    assert run("pack", "new", "editpack", "--dir", tmp_path).exit_code == 0
    target = tmp_path / "editpack.xlsx"
    assert run("pack", "export", tmp_path / "editpack", "--format", "xlsx", "-o", target).exit_code == 0
    return target


def _edit(path: Path, column: str, value) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["requirements"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index(column) + 1).value = value  # cell(value=None) would keep the old value
    book.save(path)


def test_an_edit_in_a_visible_column_wins_with_a_notice(tmp_path):
    import yaml

    exported = _exported_xlsx(tmp_path)
    edited_text = "Leverantören ska besvara ärenden inom fyra timmar under kontorstid."
    _edit(exported, "text_bas_sv", edited_text)
    _edit(exported, "obligation", "bor")
    result = run("pack", "import", exported, "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert "text_bas_sv" in result.stderr and "obligation" in result.stderr and "edited in the sheet" in result.stderr
    data = yaml.safe_load((tmp_path / "back" / "support" / "SF-001.yaml").read_text(encoding="utf-8"))
    assert data["levels"]["bas"]["text"]["sv"] == edited_text and data["obligation"] == "bor"
    assert data["parameters"][0]["name"] == "hours"  # what only the hidden JSON holds is kept


def test_an_unedited_export_imports_without_notices(tmp_path):
    exported = _exported_xlsx(tmp_path)
    result = run("pack", "import", exported, "-o", tmp_path / "back")
    assert result.exit_code == 0 and "edited" not in result.stderr


def test_a_cleared_visible_text_is_refused_not_guessed(tmp_path):
    exported = _exported_xlsx(tmp_path)
    _edit(exported, "text_bas_sv", None)
    result = run("pack", "import", exported, "-o", tmp_path / "back")
    assert result.exit_code == 2 and f"{exported}:2: text_bas_sv is empty in the sheet" in result.stderr


@pytest.mark.parametrize("value, message", [(42, "procura_json: not a valid requirement (expected a JSON object)"),
                                            ("[" * 5000 + "]" * 5000, "procura_json: JSON nested too deeply"),
                                            ("[1, 2]", "procura_json: not a valid requirement")])
def test_a_broken_hidden_json_cell_is_an_error_naming_the_row(tmp_path, value, message):
    exported = _exported_xlsx(tmp_path)
    _edit(exported, "procura_json", value)
    result = run("pack", "import", exported, "-o", tmp_path / "back")
    assert result.exit_code == 2 and f"{exported}:2: {message}" in result.stderr


@pytest.mark.skipif(not (SHARED / "import").is_dir(), reason="the shared reproducers are not present")
def test_every_shared_import_reproducer_ends_without_a_traceback(tmp_path):
    for source in sorted((SHARED / "import").iterdir()):
        if source.name.startswith("DANGEROUS"):
            continue
        result = run_bounded("pack", "import", source, "-o", tmp_path / source.name, "--name", "imp", timeout=60)
        assert result.returncode in (0, 2), (source.name, result.stderr)
        assert "Traceback" not in result.stderr, source.name


def test_a_pack_sheet_whose_values_are_gone_is_refused_not_ignored(tmp_path):
    source = SHARED / "import" / "pack_sheet_one_column.xlsx"
    if not source.exists():
        pytest.skip("../shared/robustness is not beside the checkout")
    result = run("pack", "import", source, "-o", tmp_path / "out", "--name", "imp")
    assert result.exit_code == 2 and "sheet pack: pack: the row has no value" in result.stderr
    assert not (tmp_path / "out").exists()
