"""Export a pack to ReqIF, Excel or JSON, and import a pack from ReqIF, Excel or CSV.

Every export carries the full procura data of each requirement (JSON in a hidden column or a
ReqIF string attribute) next to the human-readable columns, so a round trip is lossless; an
import of a foreign file without that data maps the usual columns (ID, title, text, ...).
Spreadsheet cells that start with ``= + - @`` (or a tab or carriage return) are written with a
leading apostrophe so that no spreadsheet program runs them as formulas.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from procura.errors import InputError
from procura.files import check_file, decode_text, read_bytes
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
    notices: list[str] = field(default_factory=list)  # what an import did that the user should know (edits used)

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
        hint = "give a file written by `procura pack export --format json`"
        if not isinstance(data, dict) or not isinstance(data.get("pack"), dict):
            raise InputError("not a procura pack export (expected an object with \"pack\" and \"requirements\")", where, hint)
        requirements, overrides = data.get("requirements"), data.get("overrides", [])
        if not isinstance(requirements, list) or not isinstance(overrides, list):
            raise InputError("not a procura pack export (\"requirements\" and \"overrides\" must be lists)", where, hint)
        meta = _validated(PackMeta, data["pack"], "pack", where)
        reqs = [_validated(Requirement, r, f"requirements[{i}]", where) for i, r in enumerate(requirements)]
        _unique([(r.id, f"requirements[{i}]") for i, r in enumerate(reqs)], where)
        return cls(meta, reqs, [_validated(Override, o, f"overrides[{i}]", where) for i, o in enumerate(overrides)])

    def write(self, folder: Path) -> Path:
        """Write the pack as a folder (pack.yaml, <category>/<ID>.yaml, overrides/<ID>.yaml)."""
        if folder.exists() and any(folder.iterdir()):
            raise InputError("folder exists and is not empty", folder, "choose another with --out")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / PACK_FILE).write_text(dump_yaml(self.meta.model_dump(mode="json", exclude_none=True, exclude={"overrides"})), encoding="utf-8")
        for req in self.requirements:
            path = confined(folder, req.category, f"{req.id.split(':')[-1]}.yaml")
            path.parent.mkdir(exist_ok=True)
            path.write_text(dump_yaml(_req_json(req)), encoding="utf-8")
        for override in self.overrides:
            path = folder / OVERRIDES_DIR / f"{override.id}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(dump_yaml(override.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
        return folder


def confined(folder: Path, *names: str) -> Path:
    """``folder/name/...`` for plain names only: never a separator, ``..``, a dotfile or an absolute path."""
    for name in names:
        if (not name or name in (".", "..") or name.startswith(".") or "/" in name or "\\" in name or "\x00" in name
                or ":" in name or len(name.encode("utf-8")) > 200):
            raise InputError(f"{name!r} cannot be a file or folder name inside the pack", folder,
                             "use a category of the library and an ID like ABC-001")
    return folder.joinpath(*names)


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


# -- reading untrusted data -------------------------------------------------------------------
MAX_IMPORT_BYTES = 50_000_000


def parse_json(text: Any, where: str, what: str = "JSON") -> Any:
    """``text`` parsed as JSON, or an InputError saying where it is broken (never a RecursionError)."""
    if not isinstance(text, str):
        raise InputError(f"{what}: expected JSON text, found {type(text).__name__} {str(text)[:40]!r}", where,
                         "restore the cell from the exported file, or remove it to import the visible columns")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{what}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})", where,
                         "restore it from the exported file") from None
    except RecursionError:
        raise InputError(f"{what}: JSON nested too deeply", where, "restore it from the exported file") from None


def _validated(model: type, data: Any, label: str, where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(map(str, (label, *first["loc"]))) if label else ".".join(map(str, first["loc"]))
        raise InputError(f"{loc}: {first['msg']}", where) from None
    except RecursionError:
        raise InputError(f"{label}: nested too deeply", where) from None


def _unique(ids: list[tuple[str, str]], where: str) -> None:
    """Refuse two requirements with one ID: an import never keeps one and drops the other silently."""
    first: dict[str, str] = {}
    for req_id, place in ids:
        if req_id in first:
            raise InputError(f"{place}: ID {req_id} is also the ID of {first[req_id]}", where,
                             "give each requirement its own ID, or delete one of the two")
        first[req_id] = place


def _decode(path: Path, data: bytes) -> str:
    return decode_text(path, data)


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


# visible column -> where its value lives in the procura data of a requirement
VISIBLE_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",), "category": ("category",), "obligation": ("obligation",), "role": ("role",),
    "title_sv": ("title", "sv"), "title_en": ("title", "en"),
    **{f"text_{lv}_{lang}": ("levels", lv, "text", lang) for lv in LEVELS for lang in ("sv", "en")},
    "motive_sv": ("motive", "sv"), "motive_en": ("motive", "en"),
    "verification_sv": ("verification", "method", "sv"), "verification_en": ("verification", "method", "en"),
}


def _from_table(header: list[Any], rows: list[list[Any]], meta: PackMeta, where: str,
                numbers: list[int] | None = None, notices: list[str] | None = None) -> list[Requirement]:
    """Requirements from a table's rows (``numbers``: each row's own number in the sheet or file)."""
    columns = []
    for h in header:
        key = str(h or "").strip().lower()
        columns.append(key if key in COLUMNS else ALIASES.get(key))
    if "id" not in columns:
        raise InputError("no ID column", where, "name a column id (or ID, Krav-ID)")
    reqs = []
    places = []
    for n, row in zip(numbers or range(2, len(rows) + 2), rows, strict=False):
        cells = {c: restore(v) for c, v in zip(columns, row, strict=False) if c and v not in (None, "")}
        if not cells:
            continue
        place = f"{where}:{n}"
        if cells.get("procura_json"):
            cells["procura_json"] = hidden_json(header, row) or cells["procura_json"]  # it may be split over several cells
            data = parse_json(cells["procura_json"], place, "procura_json")
            if not isinstance(data, dict):
                raise InputError("procura_json: not a valid requirement (expected a JSON object)", place,
                                 "restore the cell from the exported file, or clear it to import the visible columns")
            edited = _visible_edits(cells, {c for c in columns if c}, data, place)
            try:
                req = Requirement.model_validate(data)
            except ValidationError as exc:
                first = exc.errors()[0]
                raise InputError(f"procura_json: not a valid requirement ({'.'.join(map(str, first['loc']))}: {first['msg']})",
                                 place) from None
            except RecursionError:
                raise InputError("procura_json: nested too deeply", place) from None
            if edited and notices is not None:
                notices.append(f"{place}: {', '.join(edited)} edited in the sheet — the edited value is imported")
        else:
            if not str(cells.get("id", "")).strip():
                raise InputError("the row has no ID", place, "fill in the ID column (e.g. KRAV-12)")
            req = _foreign_requirement(cells, meta, place)
        reqs.append(req)
        places.append((req.id, f"row {n}"))
    _unique(places, where)
    return reqs


def _visible_edits(cells: dict[str, Any], present: set[str], data: dict, where: str) -> list[str]:
    """Apply edits made in the visible columns to the hidden procura data; the edited columns.

    An officer who changes a text in Excel means that text: the visible value wins over the hidden
    copy. A visible cell that only differs because the export had to shorten or clean it (over
    32,767 characters, control characters) is not an edit. A cleared cell is refused rather than
    guessed at (clear the text of a level in the pack folder instead).
    """
    edited = []
    for column, path in VISIBLE_FIELDS.items():
        if column not in present:
            continue
        hidden = _get(data, path)
        visible = cells.get(column)
        visible = None if visible is None else str(visible)
        if hidden is not None and not isinstance(hidden, str):
            continue
        shown = restore(neutralise(_visible(hidden))) if hidden is not None else None  # the cell as exported
        if visible is None:
            if shown:
                raise InputError(f"{column} is empty in the sheet but the requirement has one", where,
                                 "write the text back, or remove the requirement's level in the pack folder")
            continue
        if visible == shown or (visible.endswith("…") and (shown or "").startswith(visible[:-1])):
            continue
        if column == "id" and hidden and visible.split(":")[-1] == hidden.split(":")[-1]:
            continue
        if path[0] == "levels" and path[1] not in (data.get("levels") or {}):
            raise InputError(f"{column}: the requirement has no level {path[1]}", where,
                             "add the level in the pack folder (it needs its own conditions), then export again")
        _set(data, path, visible)
        edited.append(column)
    for column, path in (("stages", ("verification", "stages")), ("products", ("products",))):
        hidden = _get(data, path)
        if column not in present or not isinstance(hidden, list):
            continue
        visible = [part.strip() for part in str(cells.get(column) or "").split(",") if part.strip()]
        if visible != [str(v) for v in hidden]:
            _set(data, path, visible)  # type: ignore[arg-type]
            edited.append(column)
    return edited


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _set(data: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        child = data.get(key)
        if not isinstance(child, dict):
            child = data[key] = {}
        data = child
    data[path[-1]] = value


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
    from procura.spreadsheets import read_xlsx

    sheets = {sheet.name: sheet for sheet in read_xlsx(path)}
    sheet = sheets.get("requirements") or next(iter(sheets.values()))
    overrides: list[Override] = []
    if "pack" in sheets:
        where = f"{path}: sheet pack"
        values = {r[0]: joined_value(r[1:]) for r in sheets["pack"].values()[1:] if r and r[0]}
        empty = sorted(key for key in ("pack", "overrides") if key in values and values[key] in (None, ""))
        if empty:  # the key is there but its value is not: a damaged sheet, not a pack without metadata
            raise InputError(f"{', '.join(empty)}: the row has no value", where,
                             "restore the sheet pack from the exported file, or delete the sheet to import the requirements alone")
        if values.get("pack"):
            data = PackData.from_json({"pack": parse_json(values["pack"], where, "pack"), "requirements": [],
                                       "overrides": parse_json(values.get("overrides") or "[]", where, "overrides")}, where)
            meta, overrides = data.meta, data.overrides
    if not sheet.rows:
        raise InputError(f"the sheet {sheet.name!r} is empty", path)
    rows = sheet.values()
    notices: list[str] = []
    reqs = _from_table(rows[0], rows[1:], meta, str(path), [n for n, _ in sheet.rows[1:]], notices)
    return PackData(meta, reqs, overrides, notices)


def import_csv(path: Path, meta: PackMeta) -> PackData:
    from procura.spreadsheets import read_csv

    rows = read_csv(path, _decode(path, read_bytes(path, MAX_IMPORT_BYTES, "CSV file")))
    if not rows:
        raise InputError("the file is empty", path)
    notices: list[str] = []
    return PackData(meta, _from_table(rows[0], rows[1:], meta, str(path), notices=notices), notices=notices)


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
    text = _decode(path, read_bytes(path, MAX_IMPORT_BYTES, "ReqIF file"))
    try:
        bundle = ReqIFParser.parse_from_string(text)
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
                packed = parse_json(value.value, f"{path}: {spec.identifier}", "procura.pack")
                if not isinstance(packed, dict):
                    raise InputError("procura.pack: expected a JSON object with \"pack\" and \"overrides\"", f"{path}: {spec.identifier}")
                data = PackData.from_json({**packed, "requirements": []}, f"{path}: {spec.identifier}")
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
            data = parse_json(cells["procura.json"], f"{path}: {ident}", "procura.json")
            reqs.append(_validated(Requirement, data, "procura.json", f"{path}: {ident}"))
            continue
        row = {"id": cells.get("ReqIF.ForeignID") or ident, "title_sv": cells.get("ReqIF.Name"),
               "text_bas_sv": _strip_xhtml(cells.get("ReqIF.Text")), "category": cells.get("ReqIF.ChapterName") or "support",
               "motive_sv": cells.get("procura.motive"), "verification_sv": cells.get("procura.verification"),
               "obligation": cells.get("procura.obligation") or "ska"}
        reqs.append(_foreign_requirement({k: v for k, v in row.items() if v}, meta, f"{path}: {ident}"))
    _unique([(r.id, f"spec object {i + 1}") for i, r in enumerate(reqs)], str(path))
    return PackData(meta, reqs, overrides)


def _strip_xhtml(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else " ".join(value)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip() or None


def import_meta(name: str, version: str, publisher: str, file_name: str) -> PackMeta:
    """The pack data an import uses when the file carries none, from the command's options."""
    from procura.packs.model import NAME_PATTERN, VERSION_PATTERN

    if not re.match(NAME_PATTERN, name):
        raise InputError(f"--name: {name!r} is not a pack name", hint="a pack name is lowercase letters, digits and hyphens, e.g. norrbacke-larm")
    if not re.match(VERSION_PATTERN, version):
        raise InputError(f"--version: {version!r} is not a version", hint="write it as MAJOR.MINOR.PATCH, e.g. 0.1.0")
    return _validated(PackMeta, {
        "name": name, "version": version, "publisher": {"organisation": publisher},
        "title": {"sv": f"Importerat från {file_name}", "en": f"Imported from {file_name}"},
        "description": {"sv": f"Importerat från {file_name}.", "en": f"Imported from {file_name}."},
        "licence": "LicenseRef-proprietary"}, "", "pack import")


def import_file(path: Path, meta: PackMeta, categories: list[str] | None = None) -> PackData:
    """A pack read from ``path``; every requirement's category is one of ``categories`` (default: the
    shipped library's) before anything can become a folder name."""
    suffix = path.suffix.lower()
    check_file(path, MAX_IMPORT_BYTES, "file to import")
    if suffix in (".reqif", ".xml"):
        data = import_reqif(path, meta)
    elif suffix == ".xlsx":
        data = import_xlsx(path, meta)
    elif suffix == ".csv":
        data = import_csv(path, meta)
    elif suffix == ".json":
        raw = read_bytes(path, MAX_IMPORT_BYTES, "JSON file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text (byte {exc.start})", path, "save the file as UTF-8") from None
        data = PackData.from_json(parse_json(text, str(path)), str(path))
    else:
        raise InputError(f"cannot import {suffix or 'a file without extension'}", path, "give a .reqif, .xlsx, .csv or .json file")
    if categories is None:
        from procura.library import load_library

        categories = list(load_library().categories)
    for req in data.requirements:
        if req.category not in categories:
            raise InputError(f"{req.id}: category: unknown category {req.category!r}", path, f"use one of {', '.join(categories)}")
    return data
