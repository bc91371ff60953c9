"""Property tests: every command's entry point, driven with generated profiles, packs, documents and
answer matrices, keeps procura's promises:

* the exit code is 0, 1 or 2, and no traceback and no "internal error" reaches the user;
* nothing is written outside the command's output folder (the whole test folder is snapshotted);
* no input file changes (hashed before and after).

The default tier is small (a few examples per test, a few seconds each); the ``slow`` tier runs
many more (``PROCURA_PROPERTY_EXAMPLES``, default 25) and CI runs it.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import EXAMPLES, PROFILE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procura.library import load_library

LIBRARY = load_library()
IDS = sorted(LIBRARY.requirements)
# requirements with parameters that apply to the base profile (safety alarms): where numbers matter
PARAM_IDS = [i for i in IDS if LIBRARY.get(i).parameters and (not LIBRARY.get(i).products
                                                               or "trygghetslarm" in LIBRARY.get(i).products)]
numbers = st.one_of(st.sampled_from([float("nan"), float("inf"), float("-inf")]), st.sampled_from([1e308, 0, -1, 99.5]),
                    st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 10**6))
FAST = settings(max_examples=3, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
SLOW = settings(FAST, max_examples=int(os.environ.get("PROCURA_PROPERTY_EXAMPLES", "25")), derandomize=False)

# -- values ------------------------------------------------------------------------------------
words = st.sampled_from(["Leverantören", "ska", "bör", "minst", "högst", "99,5", "%", "timmar", "dygnet runt", "ISO 27001",
                         "eller likvärdigt", "omsättning", "miljoner", "kr", "IN-001", "TG-003", "krav", "Ska-krav",
                         "\u00a0", "\t", "=SUM(A1)", "-", "'", "…", "Ä", "1e400", "9" * 40, "\x00", "\u202e", "", "\n"])
sentences = st.lists(words, min_size=1, max_size=14).map(" ".join)
hostile = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-10**30, max_value=10**30), st.booleans(),
    st.none(), sentences, st.sampled_from(["^^1", "*", "1.0.0", "banana", "../../x", "/tmp/abs", "", "IN-001", "x" * 300]),
    st.lists(st.integers(0, 5), max_size=3), st.dictionaries(st.sampled_from(["a", "sv", "en", "bas"]), st.integers(), max_size=2),
)


def digest_tree(root: Path, skip: Callable[[Path], bool]) -> dict[str, str]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not skip(here / d)]
        for name in filenames:
            path = here / name
            if not skip(path) and path.is_file() and not path.is_symlink():
                found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def drive(root: Path, commands: list[list[str]], outputs: list[Path]) -> None:
    """Run every command and assert the promises; ``outputs`` are the folders commands may write into."""
    from procura.cli import cli

    cache = Path(os.environ["XDG_CACHE_HOME"])  # procura's own library cache may be written there

    def skip(path: Path) -> bool:
        return path == cache or any(path == out or out in path.parents for out in outputs)

    for args in commands:
        before = digest_tree(root, skip)
        result = CliRunner().invoke(cli, args)
        shown = f"procura {' '.join(args)}\n{result.output}"
        assert result.exit_code in (0, 1, 2), shown + repr(result.exception)
        assert "Traceback" not in result.output, shown
        assert "internal error" not in result.output, shown
        after = digest_tree(root, skip)
        assert after == before, f"{shown}\nwritten or changed outside the output folders: " \
                                f"{sorted(set(after.items()) ^ set(before.items()))[:5]}"


@pytest.fixture
def fresh(tmp_path):
    """A new folder per example (hypothesis reuses the test's tmp_path)."""
    made = []

    def make() -> Path:
        made.append(Path(tempfile.mkdtemp(dir=tmp_path)))
        return made[-1]

    yield make
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


# -- profiles ----------------------------------------------------------------------------------
PATHS = [("organisation",), ("title",), ("reference",), ("version",), ("language",), ("products",), ("estimated_value_sek",),
         ("contract", "years"), ("contract", "framework"), ("classification", "availability"), ("personal_data",),
         ("life_critical",), ("users",), ("hosting", "data_location"), ("date",), ("packs",), ("evaluation",),
         ("evaluation", "price"), ("own_requirements",)]


@st.composite
def profiles(draw) -> str:
    """A valid profile with one kind of change (so that a change reaches deep code rather than the
    first validation error): a field, the choices, own requirements or the evaluation model."""
    data = copy.deepcopy(PROFILE)
    kind = draw(st.sampled_from(["field", "choices", "choices", "own", "evaluation", "valid"]))
    if kind == "field":
        for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=2)):
            node = data
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = draw(hostile)
    elif kind == "choices":
        for req_id in draw(st.lists(st.sampled_from(PARAM_IDS) | st.sampled_from(IDS), min_size=1, max_size=3, unique=True)):
            names = [p.name for p in LIBRARY.get(req_id).parameters]
            choice = draw(st.fixed_dictionaries({}, optional={
                "include": st.booleans(), "level": st.sampled_from(["bas", "avancerad", "spjutspets"]),
                "obligation": st.sampled_from(["ska", "bor"]), "justification": sentences,
                "parameters": st.dictionaries(st.sampled_from(names or ["x"]), numbers, min_size=1, max_size=2),
                "accept": st.lists(st.sampled_from(["VAG-001", "OVR-001", "X"]), max_size=2)}))
            data.setdefault("choices", {})[req_id] = choice
    elif kind == "own":
        data["own_requirements"] = draw(st.lists(st.fixed_dictionaries(
            {"id": st.sampled_from(["EGEN-1", "EGEN-2", "IN-001", "bad id", "x:EGEN-3"]), "title": sentences, "text": sentences,
             "category": st.sampled_from(["support", "_own", "okänd"]), "motive": sentences, "verification": sentences},
            optional={"stages": st.lists(st.sampled_from(["anbud", "leverans", "avtalstid", "x"]), max_size=2),
                      "obligation": st.sampled_from(["ska", "bor"]), "justification": sentences}), min_size=1, max_size=2))
    elif kind == "evaluation":
        bor = [i for i in IDS if LIBRARY.get(i).obligation.value == "bor"]
        keys = draw(st.lists(st.sampled_from(["price", *bor[:12]]), min_size=1, max_size=4, unique=True))
        data["evaluation"] = {k: draw(numbers | st.integers(-10, 100)) for k in keys}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _profile_case(fresh, text: str) -> None:
    root = fresh()
    p = root / "profile.yaml"
    p.write_text(text, encoding="utf-8")
    matrix = root / "svar.xlsx"
    shutil.copy(MATRIX, matrix)
    out = root / "out"
    drive(root, [["build", str(p), "--dry-run", "--explain"], ["build", str(p), "-o", str(out)], ["check", str(p)],
                 ["checklist", str(p), "-o", str(out / "cl")], ["evaluate", str(p), str(matrix), "-o", str(out / "ev")],
                 ["build", str(p), "-o", str(out)]], [out])


@pytest.fixture(scope="module", autouse=True)
def answer_matrix(tmp_path_factory):
    """The answer matrix a build of the shipped example writes (the generated matrices start from it)."""
    global MATRIX
    from procura.build import BuildOptions, build

    out = tmp_path_factory.mktemp("example")
    build(EXAMPLES / "trygghetslarm.yaml", BuildOptions(out))
    MATRIX = next(out.glob("*.xlsx"))
    return MATRIX


MATRIX: Path


@given(profiles())
@FAST
def test_generated_profiles(fresh, text):
    _profile_case(fresh, text)


@pytest.mark.slow
@given(profiles())
@SLOW
def test_generated_profiles_many(fresh, text):
    _profile_case(fresh, text)


# -- documents ---------------------------------------------------------------------------------
@st.composite
def documents(draw) -> tuple[str, list[list[str]]]:
    kind = draw(st.sampled_from(["txt", "md", "csv", "docx", "xlsx"]))
    rows = draw(st.lists(st.lists(sentences, min_size=1, max_size=4), min_size=0, max_size=12))
    return kind, rows


def write_document(path: Path, kind: str, rows: list[list[str]]) -> None:
    clean = [[c.replace("\x00", "") for c in row] for row in rows]
    if kind in ("txt", "md"):
        prefix = "- " if kind == "md" else ""
        path.write_text("\n".join(prefix + " ".join(r) for r in rows), encoding="utf-8")
    elif kind == "csv":
        path.write_text("\n".join(";".join(r) for r in rows), encoding="utf-8")
    elif kind == "docx":
        import docx

        from procura.render.docx import clean as xml_clean

        document = docx.Document()
        for row in clean[: len(clean) // 2]:
            document.add_paragraph(xml_clean(" ".join(row)))
        table_rows = clean[len(clean) // 2:]
        if table_rows:
            width = max(len(r) for r in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            for r, row in enumerate(table_rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = xml_clean(value)
        document.save(str(path))
    else:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        book = Workbook()
        for row in clean:
            book.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in row])
        book.save(str(path))


def _document_case(fresh, kind, rows) -> None:
    root = fresh()
    doc = root / f"spec.{kind}"
    write_document(doc, kind, rows)
    out = root / "out"
    drive(root, [["check", str(doc)], ["check", str(doc), "--format", "json", "--lang", "en", "--fail-on", "warning"],
                 ["check", str(doc), "--report", str(out / "report.docx")], ["check", str(doc), "--report", str(doc)],
                 ["check", str(doc), "--report", str(out / "report.docx")]], [out])


@given(documents())
@FAST
def test_generated_documents(fresh, document):
    _document_case(fresh, *document)


@pytest.mark.slow
@given(documents())
@SLOW
def test_generated_documents_many(fresh, document):
    _document_case(fresh, *document)


# -- packs -------------------------------------------------------------------------------------
REQ_PATHS = [("title", "sv"), ("levels", "bas", "text", "sv"), ("parameters", 0, "defaults", "bas"), ("parameters", 0, "proportionate"),
             ("obligation",), ("category",), ("products",), ("verification", "stages"), ("motive",), ("id",), ("tags",)]
META_PATHS = [("version",), ("licence",), ("products",), ("title", "en"), ("dependencies",), ("publisher", "organisation")]


def _set(data, path, value) -> None:
    node = data
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(node, dict) or (isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node)):
        node[path[-1]] = value


NUMBER_PATHS = [("parameters", 0, "defaults", "bas"), ("parameters", 0, "proportionate")]


@st.composite
def pack_changes(draw):
    """One kind of change to a valid pack: its requirement, its pack.yaml, or an override it adds."""
    kind = draw(st.sampled_from(["number", "number", "requirement", "meta", "override", "valid"]))
    req_changes, meta_changes, override = [], [], None
    if kind == "number":
        req_changes = [(draw(st.sampled_from(NUMBER_PATHS)), draw(numbers))]
    elif kind == "requirement":
        req_changes = draw(st.lists(st.tuples(st.sampled_from(REQ_PATHS), hostile | sentences), min_size=1, max_size=2))
    elif kind == "meta":
        meta_changes = [(draw(st.sampled_from(META_PATHS)), draw(hostile))]
    elif kind == "override":
        override = draw(st.fixed_dictionaries({"id": st.sampled_from(PARAM_IDS[:10] + IDS[:10] + ["XX-1"]), "why": st.fixed_dictionaries(
            {"sv": sentences, "en": sentences})}, optional={
            "obligation": st.sampled_from(["ska", "bor"]), "min_level": st.sampled_from(["bas", "avancerad"]),
            "parameters": st.dictionaries(st.sampled_from(["availability_pct", "hours", "x"]),
                                          st.fixed_dictionaries({"bas": numbers}), max_size=1),
            "text": st.fixed_dictionaries({"bas": st.fixed_dictionaries({"sv": sentences})})}))
    return req_changes, meta_changes, override


def _pack_case(fresh, changes) -> None:
    from procura.packs.pack import scaffold

    req_changes, meta_changes, override = changes
    root = fresh()
    pack = scaffold("gen-pack", root / "src")
    req_file = pack / "support" / "SF-001.yaml"
    req = yaml.safe_load(req_file.read_text(encoding="utf-8"))
    for path, value in req_changes:
        _set(req, path, value)
    req_file.write_text(yaml.safe_dump(req, allow_unicode=True), encoding="utf-8")
    meta = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))
    for path, value in meta_changes:
        _set(meta, path, value)
    (pack / "pack.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    if override is not None:
        (pack / "overrides").mkdir()
        (pack / "overrides" / f"{override['id']}.yaml").write_text(yaml.safe_dump(override, allow_unicode=True), encoding="utf-8")
    other = scaffold("gen-pack", root / "other")
    out = root / "out"
    commands = [["pack", "validate", str(pack)], ["check", str(pack)], ["pack", "build", str(pack), "-o", str(out / "dist")],
                ["pack", "install", str(pack), "--packs-dir", str(out / "packs")], ["pack", "diff", str(other), str(pack)],
                ["pack", "list", "--packs-dir", str(out / "packs")]]
    for fmt in ("json", "xlsx", "reqif"):
        commands += [["pack", "export", str(pack), "--format", fmt, "-o", str(out / f"x.{fmt}")],
                     ["pack", "import", str(out / f"x.{fmt}"), "-o", str(out / f"back-{fmt}")]]
    drive(root, commands, [out])
    # an exported valid pack imports again
    from procura.cli import cli

    valid = CliRunner().invoke(cli, ["pack", "validate", str(pack)]).exit_code in (0, 1)
    for fmt in ("json", "xlsx", "reqif"):
        if valid:
            assert (out / f"back-{fmt}" / "pack.yaml").is_file(), f"{fmt}: a valid pack did not import again"


@given(pack_changes())
@FAST
def test_generated_packs(fresh, changes):
    _pack_case(fresh, changes)


@pytest.mark.slow
@given(pack_changes())
@SLOW
def test_generated_packs_many(fresh, changes):
    _pack_case(fresh, changes)


# -- answer matrices ---------------------------------------------------------------------------
@st.composite
def matrix_changes(draw):
    return draw(st.lists(st.tuples(st.integers(1, 80), st.integers(1, 10), hostile | sentences), max_size=8))


def _matrix_case(fresh, changes) -> None:
    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    root = fresh()
    matrix = root / "leverantor.xlsx"
    book = load_workbook(str(MATRIX))
    sheet = book.worksheets[0]
    for row, column, value in changes:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        elif not isinstance(value, (int, float, bool)) and value is not None:
            value = str(value)
        sheet.cell(row=row, column=column).value = value
    book.save(str(matrix))
    profile = root / "profile.yaml"
    shutil.copy(EXAMPLES / "trygghetslarm.yaml", profile)
    out = root / "out"
    drive(root, [["evaluate", str(profile), str(matrix)], ["evaluate", str(profile), str(matrix), str(matrix), "--format", "json"],
                 ["evaluate", str(profile), str(matrix), "-o", str(out)], ["check", str(matrix)]], [out])


@given(matrix_changes())
@FAST
def test_generated_answer_matrices(fresh, changes):
    _matrix_case(fresh, changes)


@pytest.mark.slow
@given(matrix_changes())
@SLOW
def test_generated_answer_matrices_many(fresh, changes):
    _matrix_case(fresh, changes)


# -- the other commands ------------------------------------------------------------------------
@given(st.lists(st.tuples(st.sampled_from(["show", "search", "explain", "init", "schema", "list", "stats"]), sentences | hostile),
                min_size=1, max_size=4))
@FAST
def test_generated_arguments_for_the_other_commands(fresh, calls):
    root = fresh()
    out = root / "out"
    commands = []
    for name, raw in calls:
        value = str(raw).replace("\x00", "")
        commands.append({
            "show": ["library", "show", value or "IN-001"], "search": ["library", "search", value or "larm"],
            "explain": ["explain", value or "VAG-001"], "schema": ["schema", value or "pack"], "list": ["library", "list"],
            "stats": ["library", "stats", "--format", "json"],
            "init": ["init", str(out / "p.yaml"), "--no-interactive", "--organisation", value or "x", "--value", value or "1",
                     "--classification", value or "2,2,2", "--force"],
        }[name])
    drive(root, commands, [out])
