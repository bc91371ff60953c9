"""Export to ReqIF (validated with the reqif package), Excel and JSON, and import back losslessly."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procura.errors import EXIT_INPUT
from procura.library import load_library
from procura.models import Requirement
from procura.packs.exchange import PackData, export_reqif, export_xlsx, import_file, import_reqif, import_xlsx
from procura.packs.model import PackMeta
from procura.packs.pack import load_pack

LIBRARY = load_library()
META = {"name": "norrbacke-larm", "version": "1.0.0", "publisher": {"organisation": "Norrbäcke kommun"},
        "title": {"sv": "Larm", "en": "Alarms"}, "description": {"sv": "Beskrivning.", "en": "Description."},
        "licence": "CC-BY-4.0"}
DUMMY = PackMeta.model_validate({**META, "name": "other-name", "version": "9.9.9"})

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).map(str.strip).filter(
    lambda s: s and "{{" not in s)
both = st.fixed_dictionaries({"sv": text}, optional={"en": text})


@st.composite
def requirements(draw, number: int) -> dict:
    levels = draw(st.lists(st.sampled_from(["bas", "avancerad", "spjutspets"]), min_size=1, max_size=3, unique=True))
    return {
        "id": f"norrbacke-larm:{draw(st.sampled_from(['IS', 'DS', 'SF']))}-{number:03d}",
        "title": draw(both), "category": draw(st.sampled_from(sorted(LIBRARY.categories))),
        "role": draw(st.sampled_from(["kvalificeringskrav", "teknisk_specifikation", "tilldelningskriterium"])),
        "obligation": draw(st.sampled_from(["ska", "bor"])),
        "products": draw(st.lists(st.sampled_from(sorted(LIBRARY.products)), max_size=2, unique=True)),
        "levels": {lv: {"text": draw(both)} for lv in levels},
        "motive": draw(both), "verification": {"method": draw(both), "stages": ["anbud"]},
        "tags": draw(st.lists(text, max_size=2)),
    }


@st.composite
def packs(draw) -> PackData:
    count = draw(st.integers(min_value=0, max_value=3))
    reqs = [Requirement.model_validate(draw(requirements(i + 1))) for i in range(count)]
    meta = PackMeta.model_validate({**META, "version": f"{draw(st.integers(0, 20))}.{draw(st.integers(0, 9))}.0",
                                    "description": {"sv": draw(text), "en": draw(text)}})
    return PackData(meta, reqs)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=packs())
def test_reqif_round_trip_is_lossless(data: PackData, tmp_path: Path):
    path = tmp_path / "pack.reqif"
    path.write_text(export_reqif(data), encoding="utf-8")
    back = import_reqif(path, DUMMY)
    assert back.to_json() == data.to_json()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=packs())
def test_xlsx_round_trip_is_lossless(data: PackData, tmp_path: Path):
    path = tmp_path / "pack.xlsx"
    export_xlsx(data, path)
    assert import_xlsx(path, DUMMY).to_json() == data.to_json()


def scaffolded(run, tmp_path: Path) -> Path:
    assert run("pack", "new", "norrbacke-larm", "--dir", tmp_path).exit_code == 0
    return tmp_path / "norrbacke-larm"


def test_reqif_export_validates_with_the_reqif_package(run, tmp_path: Path):
    from reqif.cli.cli_arg_parser import ValidateCommandConfig
    from reqif.commands.validate.validate import ValidateCommand

    pack = scaffolded(run, tmp_path)
    target = tmp_path / "pack.reqif"
    result = run("pack", "export", pack, "--format", "reqif", "-o", target)
    assert result.exit_code == 0 and f"wrote {target}" in result.output
    errors = ValidateCommand._validate(ValidateCommandConfig(str(target), use_reqif_schema=True))
    assert not errors.has_any_errors(), [e.get_description() for e in errors.schema_errors]
    assert export_reqif(PackData.of(load_pack(pack))) == target.read_text(encoding="utf-8")  # reproducible
    result = run("pack", "import", target, "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert run("pack", "diff", pack, tmp_path / "back").output.endswith("no changes\n")


def test_xlsx_export_neutralises_formulas(run, tmp_path: Path):
    from openpyxl import load_workbook

    pack = scaffolded(run, tmp_path)
    req = pack / "support" / "SF-001.yaml"
    req.write_text(req.read_text(encoding="utf-8").replace("sv: Svarstid för support", "sv: '=HYPERLINK(\"http://evil\")'"),
                   encoding="utf-8")
    target = tmp_path / "pack.xlsx"
    assert run("pack", "export", pack, "--format", "xlsx", "-o", target).exit_code == 0
    sheet = load_workbook(str(target))["requirements"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("title_sv") + 1)
    assert cell.value == "'=HYPERLINK(\"http://evil\")"
    assert cell.data_type == "s"
    for row in sheet.iter_rows():
        for c in row:
            assert not (isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))), c.coordinate
    back = import_file(target, DUMMY)
    assert back.requirements[0].title.sv == '=HYPERLINK("http://evil")'


def test_import_a_municipality_spreadsheet(run, tmp_path: Path):
    csv_file = tmp_path / "krav.csv"
    csv_file.write_text("Krav-ID;Rubrik;Kravtext;Ska/Bör;Kategori\n"
                        "1;Loggning;Leverantören ska logga alla öppningar.;Ska;informationssakerhet\n"
                        "2;Support;Support bör finnas på svenska.;Bör;support\n", encoding="utf-8")
    result = run("pack", "import", csv_file, "--name", "vasterby-las", "--publisher", "Västerby kommun", "-o", tmp_path / "p")
    assert result.exit_code == 0, result.output
    assert "vasterby-las 0.1.0, 2 requirements" in result.output
    assert run("pack", "validate", tmp_path / "p").exit_code == 0
    pack = load_pack(tmp_path / "p")
    assert sorted(pack.requirements) == ["vasterby-las:KRAV-1", "vasterby-las:KRAV-2"]
    assert pack.requirements["vasterby-las:KRAV-2"].obligation.value == "bor"


def test_json_export_and_unknown_import(run, tmp_path: Path):
    pack = scaffolded(run, tmp_path)
    target = tmp_path / "pack.json"
    assert run("pack", "export", pack, "--format", "json", "-o", target).exit_code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["pack"]["name"] == "norrbacke-larm" and data["requirements"][0]["id"] == "norrbacke-larm:SF-001"
    odd = tmp_path / "krav.docx"
    odd.write_bytes(b"x")
    result = run("pack", "import", odd)
    assert result.exit_code == EXIT_INPUT
    assert "cannot import .docx" in result.output


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=packs())
def test_pack_archive_install_round_trip(data: PackData, tmp_path: Path):
    """pack -> folder -> NAME-VERSION.zip -> installed pack -> the same requirements and metadata."""
    import tempfile

    from procura.packs.store import PackStore
    from procura.packs.validate import build_pack

    work = Path(tempfile.mkdtemp(dir=tmp_path))
    folder = data.write(work / "src" / data.meta.name)
    archive = build_pack(folder, work / "dist", LIBRARY)
    store = PackStore(work / "packs")
    installed = store.install(str(archive))
    back = load_pack(installed.path, LIBRARY)
    assert back.meta == data.meta
    assert back.requirements == {r.id: r for r in data.requirements}
