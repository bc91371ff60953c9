"""The init questions answered one at a time (the web form): Swedish numbers, product areas, messages in both languages."""

from __future__ import annotations

import importlib.util

import pytest

from procura.answers import AnswerError, check_answer, check_answers, parse_number
from procura.library import load_library


@pytest.mark.parametrize("text, value", [("6 500 000", 6_500_000), ("6\u00a0500\u00a0000 kr", 6_500_000), ("2,5", 2.5),
                                         ("2.5", 2.5), ("4 år", 4), ("1_000", 1000)])
def test_numbers_as_officers_write_them(text, value):
    assert parse_number("value", text) == value


@pytest.mark.parametrize("text", ["sex miljoner", "1,2,3", "", "-5", "1e9", "nan"])
def test_what_is_not_a_number_is_refused_with_a_message_in_both_languages(text):
    with pytest.raises(AnswerError) as error:
        parse_number("value", text)
    assert "inte ett tal" in error.value.message("sv") and "not a number" in error.value.message("en")


def test_each_question_checks_its_answer():
    library = load_library()
    assert check_answer("products", ["trygghetslarm"], library) == ["trygghetslarm"]
    with pytest.raises(AnswerError, match="Unknown product area rymdlarm"):
        check_answer("products", ["rymdlarm"], library)
    with pytest.raises(AnswerError, match="at most 20 years"):
        check_answer("years", "25", library)
    with pytest.raises(AnswerError):
        check_answer("availability", "5", library)
    with pytest.raises(AnswerError):
        check_answer("name", "../etc/passwd", library)
    assert check_answer("life_critical", "true", library) is True and check_answer("framework", "", library) is False


def test_all_answers_give_the_profile_answers_init_writes_from(tmp_path):
    from procura.profiles import write_profile
    from procura.sizing import load_profile

    form = {"name": "larm", "organisation": "Åby kommun", "title": "Larm", "reference": "SN 1", "products": ["trygghetslarm"],
            "value": "1 000 000", "years": "4", "confidentiality": "2", "integrity": "3", "availability": "4",
            "personal_data": "ordinary", "users": ["staff"], "data_location": "sweden", "language": "en"}
    checked = check_answers(form, load_library())
    assert checked.errors == {}
    write_profile(tmp_path / "larm.yaml", checked.profile_answers())
    profile = load_profile(tmp_path / "larm.yaml").profile
    assert (profile.classification.integrity, profile.hosting.data_location, profile.language) == (3, "sweden", "en")
    assert profile.life_critical is False and profile.users == ["staff"]


def test_serve_without_the_web_extra_says_how_to_install_it(runner, cli, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("starlette", "uvicorn", "multipart") else real(name, *a))
    result = runner.invoke(cli, ["serve", "--no-browser"])
    assert result.exit_code == 2
    assert "pip install 'procura[web]'" in result.output and "Traceback" not in result.output
