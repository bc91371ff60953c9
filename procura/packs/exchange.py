"""Export a pack to ReqIF, Excel or JSON, and import a pack from ReqIF, Excel or CSV.

Every export carries the full procura data of each requirement (JSON in a hidden column or a
ReqIF string attribute) next to the human-readable columns, so a round trip is lossless; an
import of a foreign file without that data maps the usual columns (ID, title, text, ...).
Spreadsheet cells that start with ``= + - @`` (or a tab or carriage return) are written with a
leading apostrophe so that no spreadsheet program runs them as formulas.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from procura.errors import InputError
from procura.models import Requirement
from procura.packs.model import Override, PackMeta
from procura.packs.pack import OVERRIDES_DIR, PACK_FILE, Pack
from procura.yamlio import dump_yaml

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED_STAMP = "2000-01-01T00:00:00Z"  # exports are reproducible: no clock time inside
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class PackData:
    """A pack as plain data, independent of files: what exports write and imports read."""

    meta: PackMeta
    requirements: list[Requirement]
    overrides: list[Override] = field(default_factory=list)

    @classmethod
    def of(cls, pack: Pack) -> PackData:
        overrides = {o.id: o for o in pack.meta.overrides} | pack.overrides
        meta = pack.meta.model_copy(update={"overrides": []})
        return cls(meta, list(pack.requirements.values()), [overrides[k] for k in sorted(overrides)])

    def to_json(self) -> dict:
        return {
            "pack": self.meta.model_dump(mode="json", exclude_none=True),
            "requirements": [_req_json(r) for r in self.requirements],
            "overrides": [o.model_dump(mode="json", exclude_none=True) for o in self.overrides],
        }

    @classmethod
    def from_json(cls, data: Any, where: str) -> PackData:
        try:
            return cls(PackMeta.model_validate(data["pack"]),
                       [Requirement.model_validate(r) for r in data["requirements"]],
                       [Override.model_validate(o) for o in data.get("overrides", [])])
        except (KeyError, TypeError) as exc:
            raise InputError(f"not a procura pack export (missing {exc})", where) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}", where) from None

    def write(self, folder: Path) -> Path:
        """Write the pack as a folder (pack.yaml, <category>/<ID>.yaml, overrides/<ID>.yaml)."""
        if folder.exists() and any(folder.iterdir()):
            raise InputError("folder exists and is not empty", folder, "choose another with --out")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / PACK_FILE).write_text(dump_yaml(self.meta.model_dump(mode="json", exclude_none=True, exclude={"overrides"})), encoding="utf-8")
        for req in self.requirements:
            path = folder / req.category / f"{req.id.split(':')[-1]}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(dump_yaml(_req_json(req)), encoding="utf-8")
        for override in self.overrides:
            path = folder / OVERRIDES_DIR / f"{override.id}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(dump_yaml(override.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
        return folder


def _req_json(req: Requirement) -> dict:
    return req.model_dump(mode="json", by_alias=True, exclude_none=True)


def neutralise(value: Any) -> Any:
    """A cell value no spreadsheet program will run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


# -- JSON -------------------------------------------------------------------------------------
def export_json(data: PackData) -> bytes:
    return (json.dumps(data.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- spreadsheets -----------------------------------------------------------------------------
LEVELS = ("bas", "avancerad", "spjutspets")
COLUMNS = ["id", "category", "obligation", "role", "title_sv", "title_en",
           *[f"text_{lv}_{lang}" for lv in LEVELS for lang in ("sv", "en")],
           "motive_sv", "motive_en", "verification_sv", "verification_en", "stages", "products", "procura_json"]
# headers a municipality's own spreadsheet may use -> our column
ALIASES = {
    "id": "id", "kravid": "id", "krav-id": "id", "nr": "id", "category": "category", "kategori": "category",
    "obligation": "obligation", "ska/bör": "obligation", "ska/bor": "obligation", "kravtyp": "obligation",
    "title": "title_sv", "rubrik": "title_sv", "titel": "title_sv", "text": "text_bas_sv", "krav": "text_bas_sv",
    "kravtext": "text_bas_sv", "motive": "motive_sv", "motiv": "motive_sv", "verification": "verification_sv",
    "verifiering": "verification_sv", "uppföljning": "verification_sv",
}


# -- text longer than a spreadsheet cell ---------------------------------------------------------
# A cell holds at most 32,767 characters (Excel's limit; openpyxl silently cuts longer text). The
# hidden procura data is therefore split over several cells: a requirement's procura_json over
# the columns procura_json, procura_json_2, procura_json_3, ... of its row, and a value of the
# "pack" sheet over the cells after its key. A part never starts with a character that
# neutralise()/restore() would touch when one is near (the parts are never neutralised or
# restored: they join back to exactly the original text).
CELL_LIMIT = 32_767
PART = 32_000
_UNSAFE_START = (*FORMULA_START, "'")


def split_cell(text: str, size: int = PART) -> list[str]:
    """``text`` in parts of at most ``size`` characters, where possible none starting with = + - @ '."""
    parts, start = [], 0
    while len(text) - start > size:
        end = start + size
        for back in range(min(64, size - 1)):  # a formula-like start, only within a short look-back
            if not text[end - back].startswith(_UNSAFE_START):
                end -= back
                break
        parts.append(text[start:end])
        start = end
    parts.append(text[start:])
    return parts


def json_column(n: int) -> str:
    """The header of the ``n``-th (1-based) part of procura_json."""
    return "procura_json" if n == 1 else f"procura_json_{n}"


def hidden_json(header: list[Any], row: list[Any] | tuple[Any, ...]) -> str | None:
    """A row's procura_json joined from its parts (procura_json, procura_json_2, ...), or None."""
    at = {str(h).strip().lower(): i for i, h in enumerate(header) if isinstance(h, str)}
    parts = []
    for n in range(1, len(header) + 1):
        i = at.get(json_column(n))
        if i is None:
            break
        value = row[i] if i < len(row) else None
        if value in (None, ""):
            break
        parts.append(str(value))
    return "".join(parts) or None


def joined_value(cells: list[Any] | tuple[Any, ...]) -> Any:
    """A value of the "pack" sheet joined from the cells after its key (one cell, or several parts)."""
    texts = [c for c in cells if c not in (None, "")]
    if len(texts) <= 1:
        return restore(texts[0]) if texts else None
    return "".join(str(c) for c in texts)  # parts are written as they are, never neutralised


def _visible_cell(text: str) -> str:
    """A visible cell's text, cut (with …) to what a cell holds; the hidden JSON keeps it whole.

    Cut after neutralise(): its apostrophe would otherwise push the … past the limit, where
    openpyxl cuts it off and the shortened cell would look like an edit."""
    return text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT - 1] + "…"


def _rows(data: PackData) -> list[list[Any]]:
    rows = []
    for req in data.requirements:
        row = {"id": req.id, "category": req.category, "obligation": req.obligation.value, "role": req.role.value,
               "title_sv": req.title.sv, "title_en": req.title.en, "motive_sv": req.motive.sv, "motive_en": req.motive.en,
               "verification_sv": req.verification.method.sv, "verification_en": req.verification.method.en,
               "stages": ", ".join(s.value for s in req.verification.stages), "products": ", ".join(req.products),
               "procura_json": json.dumps(_req_json(req), ensure_ascii=True, sort_keys=True)}
        for level, spec in req.levels.items():
            row[f"text_{level.value}_sv"], row[f"text_{level.value}_en"] = spec.text.sv, spec.text.en
        rows.append([row.get(c) for c in COLUMNS[:-1]] + split_cell(row["procura_json"]))
    return rows


def export_xlsx(data: PackData, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "requirements"
    rows = _rows(data)
    parts = max((len(row) - len(COLUMNS) + 1 for row in rows), default=1)
    sheet.append(COLUMNS + [json_column(n) for n in range(2, parts + 1)])
    visible = len(COLUMNS) - 1
    for row in rows:
        sheet.append([_visible_cell(neutralise(_visible(v))) if isinstance(v, str) else v for v in row[:visible]]
                     + row[visible:])  # the procura_json parts, split so that no part needs neutralising
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n in range(parts):  # procura_json and its parts, the lossless copy
        sheet.column_dimensions[get_column_letter(len(COLUMNS) + n)].hidden = True
    meta = book.create_sheet("pack")
    meta.append(["key", "value"])
    pack_json = data.to_json()
    meta.append(["pack", *split_cell(json.dumps(pack_json["pack"], ensure_ascii=True, sort_keys=True))])
    meta.append(["overrides", *split_cell(json.dumps(pack_json["overrides"], ensure_ascii=True, sort_keys=True))])
    for sheet_ in book.worksheets:
        for row in sheet_.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
    book.properties.creator = "procura"
    book.save(str(target))


def _from_table(header: list[Any], rows: list[list[Any]], meta: PackMeta, where: str) -> list[Requirement]:
    columns = []
    for h in header:
        key = str(h or "").strip().lower()
        columns.append(key if key in COLUMNS else ALIASES.get(key))
    if "id" not in columns:
        raise InputError("no ID column", where, "name a column id (or ID, Krav-ID)")
    reqs = []
    for n, row in enumerate(rows, start=2):
        cells = {c: restore(v) for c, v in zip(columns, row, strict=False) if c and v not in (None, "")}
        if not cells:
            continue
        if cells.get("procura_json"):
            cells["procura_json"] = hidden_json(header, row)  # it may be split over several cells
        if cells.get("procura_json"):
            try:
                reqs.append(Requirement.model_validate(json.loads(cells["procura_json"])))
            except (ValueError, ValidationError) as exc:
                raise InputError(f"procura_json: not a valid requirement ({str(exc).splitlines()[0]})", f"{where}:{n}") from None
            continue
        reqs.append(_foreign_requirement(cells, meta, f"{where}:{n}"))
    return reqs


def _foreign_requirement(cells: dict[str, Any], meta: PackMeta, where: str) -> Requirement:
    """A requirement from a spreadsheet row written without procura."""
    raw_id = re.sub(r"[^A-Z0-9-]", "-", str(cells["id"]).split(":")[-1].upper()).strip("-")
    if not re.match(r"^[A-Z][A-Z0-9]*-[A-Z0-9][A-Z0-9-]*$", raw_id):
        raw_id = f"KRAV-{raw_id or 'X'}"
    todo = {"sv": "Att komplettera.", "en": "To be completed."}
    obligation = str(cells.get("obligation", "ska")).strip().lower().replace("ö", "o")
    data = {
        "id": f"{meta.name}:{raw_id}",
        "title": {"sv": cells.get("title_sv") or raw_id, "en": cells.get("title_en")},
        "category": cells.get("category", "support"),
        "role": cells.get("role", "teknisk_specifikation"),
        "obligation": "bor" if obligation.startswith("b") else "ska",
        "levels": {lv: {"text": {"sv": cells.get(f"text_{lv}_sv"), "en": cells.get(f"text_{lv}_en")}}
                   for lv in LEVELS if cells.get(f"text_{lv}_sv") or cells.get(f"text_{lv}_en")},
        "motive": {"sv": cells.get("motive_sv"), "en": cells.get("motive_en")} if cells.get("motive_sv") or cells.get("motive_en") else todo,
        "verification": {"method": {"sv": cells.get("verification_sv"), "en": cells.get("verification_en")}
                         if cells.get("verification_sv") or cells.get("verification_en") else todo,
                         "stages": [s.strip() for s in str(cells.get("stages", "anbud")).split(",") if s.strip()]},
        "products": [p.strip() for p in str(cells.get("products", "")).split(",") if p.strip()],
    }
    data["title"] = {k: str(v) for k, v in data["title"].items() if v}
    try:
        return Requirement.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}", where, "complete the row") from None


def import_xlsx(path: Path, meta: PackMeta) -> PackData:
    from openpyxl import load_workbook

    try:
        book = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError(f"not a readable .xlsx file ({type(exc).__name__})", path) from None
    sheet = book["requirements"] if "requirements" in book.sheetnames else book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    overrides: list[Override] = []
    if "pack" in book.sheetnames:
        values = {r[0]: joined_value(r[1:]) for r in book["pack"].iter_rows(min_row=2, values_only=True) if r and r[0]}
        if values.get("pack"):
            data = PackData.from_json({"pack": json.loads(values["pack"]), "requirements": [],
                                       "overrides": json.loads(values.get("overrides") or "[]")}, str(path))
            meta, overrides = data.meta, data.overrides
    book.close()
    if not rows:
        raise InputError("the sheet is empty", path)
    return PackData(meta, _from_table(rows[0], rows[1:], meta, str(path)), overrides)


def import_csv(path: Path, meta: PackMeta) -> PackData:
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    dialect = csv.Sniffer().sniff(raw.splitlines()[0] if raw else ",", delimiters=",;\t")
    rows = list(csv.reader(io.StringIO(raw), dialect))
    if not rows:
        raise InputError("the file is empty", path)
    return PackData(meta, _from_table(rows[0], rows[1:], meta, str(path)))


# -- ReqIF ------------------------------------------------------------------------------------
ATTRS = ["ReqIF.ForeignID", "ReqIF.Name", "ReqIF.Text", "ReqIF.ChapterName", "procura.obligation", "procura.motive",
         "procura.verification", "procura.json"]


def _ident(prefix: str, text: str) -> str:
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]}"


def _visible(text: str | None) -> str:
    return _XML_INVALID.sub("", text or "")


def export_reqif(data: PackData) -> str:
    from reqif.models.reqif_core_content import ReqIFCoreContent
    from reqif.models.reqif_data_type import ReqIFDataTypeDefinitionString
    from reqif.models.reqif_namespace_info import ReqIFNamespaceInfo
    from reqif.models.reqif_req_if_content import ReqIFReqIFContent
    from reqif.models.reqif_reqif_header import ReqIFReqIFHeader
    from reqif.models.reqif_spec_hierarchy import ReqIFSpecHierarchy
    from reqif.models.reqif_spec_object import ReqIFSpecObject, SpecObjectAttribute
    from reqif.models.reqif_spec_object_type import ReqIFSpecObjectType, SpecAttributeDefinition
    from reqif.models.reqif_specification import ReqIFSpecification
    from reqif.models.reqif_specification_type import ReqIFSpecificationType
    from reqif.models.reqif_types import SpecObjectAttributeType
    from reqif.object_lookup import ReqIFObjectLookup
    from reqif.reqif_bundle import ReqIFBundle
    from reqif.unparser import ReqIFUnparser

    string = SpecObjectAttributeType.STRING
    datatype = ReqIFDataTypeDefinitionString(identifier="DT-STRING", last_change=FIXED_STAMP, long_name="String",
                                             max_length="1000000")
    definitions = [SpecAttributeDefinition(attribute_type=string, identifier=f"AD-{a.replace('.', '-')}",
                                           datatype_definition="DT-STRING", last_change=FIXED_STAMP, long_name=a)
                   for a in ATTRS]
    object_type = ReqIFSpecObjectType(identifier="SOT-REQUIREMENT", last_change=FIXED_STAMP, long_name="Requirement",
                                      attribute_definitions=definitions)
    pack_def = SpecAttributeDefinition(attribute_type=string, identifier="AD-procura-pack", datatype_definition="DT-STRING",
                                       last_change=FIXED_STAMP, long_name="procura.pack")
    spec_type = ReqIFSpecificationType(identifier="ST-PACK", last_change=FIXED_STAMP, long_name="Requirement pack",
                                       spec_attributes=[pack_def])
    objects, hierarchy = [], []
    for req in data.requirements:
        ident = _ident("SO", req.id)
        lowest = req.levels[req.lowest_level].text
        values = {
            "ReqIF.ForeignID": req.id, "ReqIF.Name": req.title.sv or req.title.en, "ReqIF.Text": lowest.sv or lowest.en,
            "ReqIF.ChapterName": req.category, "procura.obligation": req.obligation.value,
            "procura.motive": req.motive.sv or req.motive.en,
            "procura.verification": req.verification.method.sv or req.verification.method.en,
            "procura.json": json.dumps(_req_json(req), ensure_ascii=True, sort_keys=True),
        }
        attributes = [SpecObjectAttribute(attribute_type=string, definition_ref=f"AD-{a.replace('.', '-')}", value=_visible(values[a]))
                      for a in ATTRS]
        objects.append(ReqIFSpecObject(identifier=ident, attributes=attributes, spec_object_type="SOT-REQUIREMENT",
                                       last_change=FIXED_STAMP))
        hierarchy.append(ReqIFSpecHierarchy(xml_node=None, identifier=_ident("SH", req.id), spec_object=ident, level=1,
                                            last_change=FIXED_STAMP, editable=None, is_table_internal=None))
    pack_json = data.to_json()
    pack_value = json.dumps({"pack": pack_json["pack"], "overrides": pack_json["overrides"]}, ensure_ascii=True, sort_keys=True)
    specification = ReqIFSpecification(
        identifier=_ident("SPEC", data.meta.name), last_change=FIXED_STAMP, long_name=data.meta.name,
        specification_type="ST-PACK", children=hierarchy,
        values=[SpecObjectAttribute(attribute_type=string, definition_ref="AD-procura-pack", value=pack_value)])
    header = ReqIFReqIFHeader(identifier=_ident("HDR", data.meta.name), creation_time=FIXED_STAMP, req_if_tool_id="procura",
                              req_if_version="1.0", source_tool_id="procura", title=data.meta.name,
                              comment=f"{data.meta.name} {data.meta.version}")
    content = ReqIFReqIFContent(data_types=[datatype], spec_types=[object_type, spec_type], spec_objects=objects,
                                spec_relations=[], specifications=[specification])
    bundle = ReqIFBundle(namespace_info=ReqIFNamespaceInfo.create_default(), req_if_header=header,
                         core_content=ReqIFCoreContent(req_if_content=content), tool_extensions_tag_exists=False,
                         lookup=ReqIFObjectLookup.empty(), exceptions=[])
    return ReqIFUnparser.unparse(bundle)


def import_reqif(path: Path, meta: PackMeta) -> PackData:
    try:
        from reqif.parser import ReqIFParser
    except ImportError:
        raise InputError("ReqIF needs the reqif package", hint="pip install 'procura[reqif]'") from None
    try:
        bundle = ReqIFParser.parse(str(path))
    except Exception as exc:  # the parser raises assorted types for broken XML
        raise InputError(f"not a readable ReqIF file ({type(exc).__name__}: {str(exc)[:200]})", path) from None
    content = bundle.core_content.req_if_content if bundle.core_content else None
    if content is None:
        raise InputError("the ReqIF file holds no content", path)
    names: dict[str, str] = {}
    for spec_type in content.spec_types or []:
        for d in (getattr(spec_type, "attribute_definitions", None) or getattr(spec_type, "spec_attributes", None) or []):
            names[d.identifier] = d.long_name or d.identifier
    overrides: list[Override] = []
    for spec in content.specifications or []:
        for value in spec.values or []:
            if names.get(value.definition_ref) == "procura.pack":
                data = PackData.from_json({**json.loads(value.value), "requirements": []}, str(path))
                meta, overrides = data.meta, data.overrides
    # keep the document order of the first specification, then any objects outside it
    order: list[str] = []
    for spec in content.specifications or []:
        for node in bundle.iterate_specification_hierarchy(spec):
            order.append(node.spec_object)
    objects = {o.identifier: o for o in content.spec_objects or []}
    order += [i for i in objects if i not in order]
    reqs = []
    for ident in order:
        obj = objects.get(ident)
        if obj is None:
            continue
        cells = {names.get(a.definition_ref, a.definition_ref): a.value for a in obj.attributes}
        if cells.get("procura.json"):
            try:
                reqs.append(Requirement.model_validate(json.loads(cells["procura.json"])))
            except (ValueError, ValidationError) as exc:
                raise InputError(f"{ident}: procura.json is not a valid requirement ({str(exc).splitlines()[0]})", path) from None
            continue
        row = {"id": cells.get("ReqIF.ForeignID") or ident, "title_sv": cells.get("ReqIF.Name"),
               "text_bas_sv": _strip_xhtml(cells.get("ReqIF.Text")), "category": cells.get("ReqIF.ChapterName") or "support",
               "motive_sv": cells.get("procura.motive"), "verification_sv": cells.get("procura.verification"),
               "obligation": cells.get("procura.obligation") or "ska"}
        reqs.append(_foreign_requirement({k: v for k, v in row.items() if v}, meta, f"{path}: {ident}"))
    return PackData(meta, reqs, overrides)


def _strip_xhtml(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else " ".join(value)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip() or None


def import_file(path: Path, meta: PackMeta) -> PackData:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("file not found", path)
    if suffix in (".reqif", ".xml"):
        return import_reqif(path, meta)
    if suffix == ".xlsx":
        return import_xlsx(path, meta)
    if suffix == ".csv":
        return import_csv(path, meta)
    if suffix == ".json":
        return PackData.from_json(json.loads(path.read_text(encoding="utf-8")), str(path))
    raise InputError(f"cannot import {suffix or 'a file without extension'}", path, "give a .reqif, .xlsx, .csv or .json file")
