"""The command line: exit codes and messages a user sees."""

import json
import re
from pathlib import Path

import pytest
from helpers import EXAMPLES, REPO, profile, write

from procura import __version__
from procura.cli import COMMANDS


def test_version(runner, cli):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def all_commands(group, prefix=()):
    import click

    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


def test_every_command_has_help_and_is_in_the_readme(runner, cli):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = list(all_commands(cli))
    assert len(commands) >= 7
    for path, command in commands:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path
        assert command.help and len(command.help) > 20, f"{' '.join(path)} has no help text"
        assert f"procura {' '.join(path)}" in readme, f"`procura {' '.join(path)}` is not documented in README.md"


def test_build_example_writes_the_three_files(runner, cli, isolated):
    result = runner.invoke(cli, ["build", str(EXAMPLES / "trygghetslarm.yaml"), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert "wrote out/kravspecifikation.docx" in result.output
    assert (isolated / "out" / "kravspecifikation.json").exists()


def test_build_explain_shows_reasons(runner, cli, tmp_path):
    result = runner.invoke(cli, ["build", str(profile(tmp_path, life_critical=True)), "--dry-run", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "life-critical = yes (profile: yes)" in re.sub(r"\s+", " ", result.output)
    assert not Path("out").exists()


@pytest.mark.parametrize("content, message", [
    ("organisation: [\n", "invalid YAML"),
    ("organisation: A\nfoo: 1\n", "foo: unknown field"),
    ("- a\n- b\n", "expected a mapping of fields at the top level"),
    ("", "expected a mapping"),
])
def test_bad_profiles_exit_2_with_a_located_message(runner, cli, tmp_path, content, message):
    path = write(tmp_path / "p.yaml", content)
    result = runner.invoke(cli, ["build", str(path)])
    assert result.exit_code == 2
    assert message in result.output and str(path) in result.output
    assert "Traceback" not in result.output


def test_missing_profile(runner, cli):
    result = runner.invoke(cli, ["build", "nope.yaml"])
    assert result.exit_code == 2 and "nope.yaml: file not found" in result.output


def test_unjustified_stricter_choice_is_refused(runner, cli, tmp_path):
    lib_req = "IN-001"
    path = profile(tmp_path, choices={lib_req: {"level": "avancerad"}})
    result = runner.invoke(cli, ["build", str(path), "-o", "out"])
    assert result.exit_code == 2
    assert f"choices.{lib_req}: stricter than the profile justifies" in result.output
    assert not Path("out/kravspecifikation.docx").exists()


def test_edited_output_needs_force(runner, cli, isolated):
    example = str(EXAMPLES / "trygghetslarm.yaml")
    assert runner.invoke(cli, ["build", example]).exit_code == 0
    (isolated / "out" / "kravspecifikation.md").write_text("edited")
    result = runner.invoke(cli, ["build", example])
    assert result.exit_code == 2 and "pass --force" in result.output
    assert runner.invoke(cli, ["build", example, "--force"]).exit_code == 0


def test_library_list_json_shape(runner, cli):
    result = runner.invoke(cli, ["library", "list", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"id", "title", "category", "products", "levels", "languages"} <= set(data[0])
    assert all(r["languages"] == ["sv", "en"] for r in data)


def test_library_list_filters(runner, cli):
    result = runner.invoke(cli, ["library", "list", "--category", "infrastruktur", "--format", "json"])
    assert {r["category"] for r in json.loads(result.output)} == {"infrastruktur"}
    bad = runner.invoke(cli, ["library", "list", "--product", "rymd"])
    assert bad.exit_code == 2 and "--product: unknown product area 'rymd'" in bad.output


def test_library_show_and_unknown_id(runner, cli):
    result = runner.invoke(cli, ["library", "show", "in-001", "--lang", "en"])
    assert result.exit_code == 0 and "IN-001  Operational availability" in result.output
    bad = runner.invoke(cli, ["library", "show", "XX-1"])
    assert bad.exit_code == 2 and "unknown requirement ID XX-1" in bad.output


def test_library_search_finds_by_meaning_words(runner, cli):
    result = runner.invoke(cli, ["library", "search", "tillgänglighet drift"])
    assert result.exit_code == 0 and "IN-001" in result.output


def test_library_stats(runner, cli):
    result = runner.invoke(cli, ["library", "stats", "--format", "json"])
    data = json.loads(result.output)
    assert data["requirements"] == sum(data["categories"].values())


def test_init_with_flags_writes_a_profile_that_builds(runner, cli):
    result = runner.invoke(cli, ["init", "p.yaml", "--organisation", "Åby kommun", "--title", "Lås", "--reference", "KS 1",
                                 "--product", "digitala_las", "--value", "900000", "--years", "4", "--classification", "2,3,2",
                                 "--personal-data", "ordinary", "--users", "staff", "--no-interactive"])
    assert result.exit_code == 0, result.output
    text = Path("p.yaml").read_text(encoding="utf-8")
    assert 'organisation: "Åby kommun"' in text and "# KLASSA" in text
    # without a terminal the facts the texts need are left for the officer to fill in; build names them
    refused = runner.invoke(cli, ["build", "p.yaml"])
    assert refused.exit_code == 2 and "the profile lacks `volumes`, which IN-005 needs" in refused.output
    assert not Path("out/kravspecifikation.docx").exists()
    assert runner.invoke(cli, ["build", "p.yaml", "--draft"]).exit_code == 0
    again = runner.invoke(cli, ["init", "p.yaml", "--no-interactive"])
    assert again.exit_code == 2 and "exists" in again.output


def test_init_asks_on_a_terminal_checks_each_answer_and_the_profile_builds(runner, cli):
    answers = "\n".join([
        "larm", "trygghetslarm",  # an unknown product area is asked again, listing the valid ones
        "Åby kommun", "Larm", "KS 2", "2 500 000", "4", "nej", "3,3,4", "känsliga", "ja", "invånare, personal",
        "EU/EES", "sv",
        "1200", "1300", "", "40",  # volumes; an empty answer leaves one out
        "Lifecare", "ja", "nej", "ja", "finska, arabiska", "3", "20", "", "2026-13", "2026-10",
        "bilaga 4, Personuppgiftsbiträdesavtal"]) + "\n"
    result = runner.invoke(cli, ["init", "q.yaml", "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "unknown product area larm — use one of trygghetslarm" in result.output
    assert "'2026-13' is not a month" in result.output
    assert "[nej]" in result.output and "[1 000 000]" in result.output and "[False]" not in result.output
    text = Path("q.yaml").read_text(encoding="utf-8")
    assert "life_critical: true" in text and "estimated_value_sek: 2500000" in text and "personal_data: sensitive" in text
    assert '"mobile": false' in text
    built = runner.invoke(cli, ["build", "q.yaml", "-o", "out"])
    assert built.exit_code == 0, built.output
    assert "finska och arabiska" in Path("out/kravspecifikation.md").read_text(encoding="utf-8")


def test_init_re_asks_a_bad_answer_instead_of_losing_the_others(runner, cli):
    answers = "\n".join(["trygghetslarm", "Åby", "Larm", "KS 2", "två miljoner", "2000000"]) + "\n" + "\n" * 40
    result = runner.invoke(cli, ["init", "r.yaml", "--interactive"], input=answers)
    assert "'två miljoner' is not a number" in result.output
    assert result.exit_code == 0, result.output
    assert "estimated_value_sek: 2000000" in Path("r.yaml").read_text(encoding="utf-8")


def test_init_rejects_bad_classification(runner, cli):
    result = runner.invoke(cli, ["init", "p.yaml", "--classification", "5,1", "--no-interactive"])
    assert result.exit_code == 2 and "is not three KLASSA levels" in result.output
    assert not Path("p.yaml").exists()


def test_command_table_matches_modules():
    import importlib.util

    for name, (target, short) in COMMANDS.items():
        assert short.endswith("."), name
        module = target.split(":")[0]
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{name} not built yet")  # removed once every command lands


def test_the_readme_profile_example_builds(runner, cli):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The profile"):]
    block = section[section.index("```yaml") + 7:section.index("```", section.index("```yaml") + 7)]
    write(Path("readme-profile.yaml"), block)
    result = runner.invoke(cli, ["build", "readme-profile.yaml", "-o", "out"])
    assert result.exit_code == 0, result.output
    md = Path("out/kravspecifikation.md").read_text(encoding="utf-8")
    memo = Path("out/internt-beslutsunderlag.md").read_text(encoding="utf-8")
    assert "Larmkedjan är livskritisk" in memo and "EGEN-1 Kontaktperson" in md


@pytest.mark.parametrize("args, message", [
    (["build", "{binary}"], "not UTF-8 text"),
    (["build", "{folder}"], "is a folder, not a file"),
    (["build", "{example}", "-o", "{file}/sub"], "cannot write to the output folder"),
    (["build", "{example}", "--template", "{binary}"], "not a readable Word template"),
    (["build", "{example}", "--locked", "{binary}"], "not a procura lock file"),
    (["check", "{binary_docx}"], "not a valid Word file"),
    (["evaluate", "{example}", "{binary}"], "not a readable .xlsx answer matrix"),
    (["checklist", "{binary}"], "not UTF-8 text"),
    (["pack", "install", "{binary}"], "not a pack folder, .zip archive or git+URL"),
    (["explain", "XYZ-1"], "unknown rule"),
])
def test_bad_input_everywhere_is_exit_2_with_a_message(runner, cli, tmp_path, args, message):
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(bytes(range(256)) * 8)
    (tmp_path / "bin.docx").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    values = {"binary": binary, "binary_docx": tmp_path / "bin.docx", "folder": tmp_path / "folder",
              "file": tmp_path / "file", "example": EXAMPLES / "trygghetslarm.yaml"}
    result = runner.invoke(cli, [a.format(**values) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
