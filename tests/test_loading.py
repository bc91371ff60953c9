"""Loading errors name the file, the line and the field, and say what to do."""

import pytest
from helpers import library_copy, profile, requirement, write

from procura.errors import InputError, ValidationErrors
from procura.library import load_library
from procura.sizing import load_profile


def test_shipped_library_loads():
    assert len(load_library()) >= 3


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path / "p.yaml", "organisation: A\ntitle: [unclosed\nreference: x\n")
    with pytest.raises(InputError) as err:
        load_profile(path)
    assert f"{path}:" in str(err.value) and "invalid YAML" in str(err.value)


def test_unknown_field_names_line_and_path(tmp_path):
    path = profile(tmp_path, colour="blue")
    with pytest.raises(InputError) as err:
        load_profile(path)
    line = path.read_text().splitlines().index("colour: blue") + 1
    assert str(err.value).startswith(f"{path}:{line}: colour: unknown field")


def test_wrong_type_names_nested_field(tmp_path):
    path = profile(tmp_path, classification={"confidentiality": 7, "integrity": 2, "availability": 2})
    with pytest.raises(InputError, match=r"classification\.confidentiality: Input should be 0, 1, 2, 3 or 4"):
        load_profile(path)


def test_missing_field_says_to_add_it(tmp_path):
    path = write(tmp_path / "p.yaml", "organisation: A\n")
    with pytest.raises(ValidationErrors) as err:
        load_profile(path)
    assert "title: field required — add it" in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_profile(tmp_path / "nope.yaml")


def test_not_utf8(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes("organisation: Åby\n".encode("cp1252"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_profile(path)


def test_yaml_cannot_construct_python_objects(tmp_path):
    path = write(tmp_path / "p.yaml", "organisation: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(InputError, match="invalid YAML"):
        load_profile(path)


def test_library_errors_are_collected_with_locations(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IS-001", "informationssakerhet", obligation="maybe")
    write(root / "dataskydd" / "DS-002.yaml", "id: DS-003\n")
    with pytest.raises(ValidationErrors) as err:
        load_library(root)
    text = str(err.value)
    assert "IS-001.yaml:" in text and "obligation: Input should be 'ska' or 'bor'" in text
    assert "DS-002.yaml" in text


def test_file_name_must_match_id(tmp_path):
    root = library_copy(tmp_path)
    path = requirement(root, "IS-001", "informationssakerhet")
    path.rename(root / "informationssakerhet" / "IS-002.yaml")
    with pytest.raises(InputError, match="does not match the file name — rename the file to IS-001.yaml"):
        load_library(root)


def test_category_must_match_folder(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IS-001", "informationssakerhet")
    (root / "dataskydd").mkdir()
    (root / "informationssakerhet" / "IS-001.yaml").rename(root / "dataskydd" / "IS-001.yaml")
    with pytest.raises(InputError, match="move it to informationssakerhet/"):
        load_library(root)


def test_unknown_product_area_in_requirement(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IS-101", "informationssakerhet", products=["rymdskepp"])
    with pytest.raises(InputError, match="unknown product area rymdskepp"):
        load_library(root)


def test_oversized_file_is_refused(tmp_path):
    path = write(tmp_path / "p.yaml", "# " + "x" * 1_100_000)
    with pytest.raises(InputError, match="more than the limit"):
        load_profile(path)
