"""NaN and infinity never get into a model; ranges, lock files and own requirements are checked.

Every case is a file a user (or a hostile pack) could write; every one must end in exit 2 with
the file, line and field path — never a traceback from deep inside (i18n.number, semver, ...)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from helpers import PROFILE, profile, write

from procura.errors import EXIT_INPUT, InputError

NON_FINITE = [".nan", ".inf", "-.inf"]


def profile_text(tmp: Path, text: str, name: str = "p.yaml") -> Path:
    base = yaml.safe_dump(PROFILE, allow_unicode=True, sort_keys=False)
    return write(tmp / name, base + text)


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize("command", [["build", "{p}", "--dry-run"], ["build", "{p}", "-o", "{out}"], ["check", "{p}"],
                                     ["checklist", "{p}", "-o", "{out}"]])
def test_non_finite_parameter_choice_is_refused_with_its_path(run, tmp_path, value, command):
    p = profile_text(tmp_path, f"choices:\n  IN-001:\n    parameters:\n      availability_pct: {value}\n"
                               "    justification: x\n")
    out = tmp_path / "out"
    result = run(*[a.format(p=p, out=out) for a in command])
    assert result.exit_code == EXIT_INPUT, result.output
    assert f"{p}:" in result.output and "choices.IN-001.parameters.availability_pct: Input should be a finite number" \
        in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize("field, value, path", [
    ("estimated_value_sek", ".inf", "estimated_value_sek"),
    ("estimated_value_sek", ".nan", "estimated_value_sek"),
    ("contract", "{years: .nan}", "contract.years"),
])
def test_non_finite_profile_numbers(run, tmp_path, field, value, path):
    p = write(tmp_path / "p.yaml", yaml.safe_dump({k: v for k, v in PROFILE.items() if k != field}) + f"{field}: {value}\n")
    result = run("build", p, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT
    assert f"{path}: Input should be a finite number" in result.output


@pytest.mark.parametrize("value", NON_FINITE)
def test_a_non_finite_weight_never_passes_the_sum_to_100(run, tmp_path, value):
    p = profile_text(tmp_path, f"evaluation:\n  price: {value}\n  TG-003: 100\n")
    result = run("evaluate", p, tmp_path / "answers.xlsx")
    assert result.exit_code == EXIT_INPUT
    assert "evaluation.price: Input should be a finite number" in result.output


def test_check_weights_refuses_nan_even_past_the_model(tmp_path):
    """Belt and braces: the sum-to-100 and the negative-weight tests are false for NaN."""
    from procura.checklists.evaluate import check_weights
    from procura.library import load_library
    from procura.sizing import load_profile, resolve

    loaded = load_profile(profile(tmp_path))
    spec = resolve(loaded, load_library())
    from procura.award import AwardModel

    nan_model = AwardModel.model_construct(model="price_quality", price=math.nan, criteria={}, price_form=[])
    loaded.profile = loaded.profile.model_copy(update={"evaluation": nan_model})
    with pytest.raises(InputError, match="sum to nan, not 100"):
        check_weights(loaded, spec)


def test_number_refuses_what_validation_should_have_stopped():
    from procura.i18n import number

    assert number(99.5, "sv") == "99,5"
    with pytest.raises(ValueError, match="non-finite"):
        number(math.inf, "sv")


@pytest.mark.parametrize("where, text, path", [
    ("support/SF-001.yaml", None, "parameters.0.defaults.bas: Input should be a finite number"),
    ("overrides/IN-001.yaml", "id: IN-001\nwhy: {sv: Varför, en: Why}\nparameters:\n  availability_pct: {bas: .nan}\n",
     "parameters.availability_pct.bas: Input should be a finite number"),
])
def test_non_finite_pack_numbers(run, tmp_path, where, text, path):
    from procura.packs.pack import scaffold

    root = scaffold("x-pack", tmp_path)
    target = root / where
    if text is None:
        text = target.read_text(encoding="utf-8").replace("bas: 8", "bas: .inf")
    write(target, text)
    for args in (["pack", "validate", root], ["check", root]):
        result = run(*args)
        assert result.exit_code == EXIT_INPUT, result.output
        assert path in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("args", [["check", "{t}", "--estimated-value", "inf"], ["check", "{t}", "--estimated-value", "nan"],
                                  ["init", "{p}", "--no-interactive", "--value", "nan"],
                                  ["init", "{p}", "--no-interactive", "--years", "1e999"]])
def test_non_finite_options_are_usage_errors(run, tmp_path, args):
    t = write(tmp_path / "t.txt", "Leverantören ska svara inom 8 timmar.\n")
    result = run(*[a.format(t=t, p=tmp_path / "new.yaml") for a in args])
    assert result.exit_code == 2 and "is not a finite number" in result.output
    assert not (tmp_path / "new.yaml").exists()


def test_a_400_digit_amount_in_a_document_is_not_a_number(run, tmp_path):
    doc = write(tmp_path / "d.txt", "Leverantören ska ha en omsättning om minst " + "9" * 400 + " kr.\n")
    result = run("check", doc)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output and "internal error" not in result.output


# -- ranges, locks, own requirements ----------------------------------------------------------
@pytest.mark.parametrize("version", ["^^1", "~>1", ">=banana", "1.2.3.4"])
def test_a_bad_pack_range_in_a_profile_names_its_line(run, tmp_path, version):
    p = profile_text(tmp_path, f"packs:\n- name: x\n  version: '{version}'\n")
    result = run("build", p, "--dry-run")
    assert result.exit_code == EXIT_INPUT
    line = p.read_text(encoding="utf-8").splitlines().index("- name: x") + 2
    assert f"{p}:{line}: packs.0.version" in result.output and "is not a version range like" in result.output


@pytest.mark.parametrize("entry, message", [
    ('{"name": "x", "version": "not-a-version", "publisher": "p", "sha256": "00"}',
     "packs.0.version: 'not-a-version' is not a semantic version"),
    ('{"name": "x", "version": 1, "publisher": "p", "sha256": "00"}', "packs.0.version: not a text"),
])
def test_a_lock_file_with_a_bad_version(run, tmp_path, entry, message):
    lock = write(tmp_path / "procura.lock.json", '{"procura": 1, "packs": [' + entry + "]}")
    result = run("build", profile(tmp_path), "--dry-run", "--locked", lock)
    assert result.exit_code == EXIT_INPUT and message in result.output


def test_own_requirement_without_stages(run, tmp_path):
    p = profile_text(tmp_path, "own_requirements:\n- id: EGEN-1\n  title: T\n  text: Leverantören ska.\n  category: support\n"
                               "  motive: M\n  verification: V\n  stages: []\n")
    result = run("build", p, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT
    assert "own_requirements.0.stages: List should have at least 1 item" in result.output
    assert not (tmp_path / "out").exists()


OWN = "own_requirements:\n- id: {id}\n  title: Egen\n  text: Leverantören ska utse en kontaktperson.\n  category: support\n" \
      "  motive: M.\n  verification: V.\n"


def test_own_requirement_reusing_a_library_id_is_refused_with_its_line(run, tmp_path):
    p = profile_text(tmp_path, OWN.format(id="IN-001"))
    result = run("build", p, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT
    line = p.read_text(encoding="utf-8").splitlines().index("- id: IN-001") + 1
    assert f"{p}:{line}: own_requirements.0.id: IN-001 is already a requirement of the library" in result.output
    assert not (tmp_path / "out").exists()


def test_own_requirement_reusing_a_pack_id_is_refused(run, tmp_path):
    from procura.packs.pack import scaffold

    packs = tmp_path / "packs"
    assert run("pack", "install", scaffold("x-pack", tmp_path), "--packs-dir", packs).exit_code == 0
    p = profile_text(tmp_path, "packs: [{name: x-pack}]\n" + OWN.format(id="x-pack:SF-001"))
    result = run("build", p, "--dry-run", "--packs-dir", packs)
    assert result.exit_code == EXIT_INPUT
    assert "own_requirements.0.id: x-pack:SF-001 is already a requirement of pack x-pack" in result.output
