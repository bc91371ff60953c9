"""Packaging and catalogue invariants that keep the two README commands true."""

import configparser

from helpers import REPO

from procura.i18n import catalogue


def test_every_package_folder_is_listed_in_setup_cfg():
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg")
    listed = {p.strip() for p in cfg["options"]["packages"].split() if p.strip()}
    found = {".".join(p.relative_to(REPO).parts[:-1]) for p in (REPO / "procura").rglob("__init__.py")}
    assert found <= listed, f"add to setup.cfg packages: {sorted(found - listed)}"


def test_swedish_and_english_catalogues_have_the_same_keys():
    sv, en = catalogue("sv"), catalogue("en")
    assert set(sv) == set(en), f"only sv: {sorted(set(sv) - set(en))}; only en: {sorted(set(en) - set(sv))}"
    assert all(v.strip() for v in [*sv.values(), *en.values()])


def test_placeholders_agree_between_languages():
    import string

    sv, en = catalogue("sv"), catalogue("en")
    for key in sv:
        names = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
        assert names(sv[key]) == names(en[key]), key


def test_reference_template_ships_every_style_the_renderer_uses():
    import docx

    from procura.render.docx import STYLES
    from procura.render.paths import reference_docx

    names = {s.name for s in docx.Document(str(reference_docx())).styles}
    assert set(STYLES) <= names
