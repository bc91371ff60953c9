"""Each page does what an officer expects, through the same core as the CLI."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from webhelpers import answered_facts, csrf

from procura.sizing import load_profile

HX = {"HX-Request": "true"}

NEW = {"name": "larm-2027", "organisation": "Åby kommun", "title": "Trygghetslarm", "reference": "SN 2027/1",
       "products": ["trygghetslarm"], "value": "2 500 000 kr", "years": "2,5", "confidentiality": "3", "integrity": "3",
       "availability": "4", "personal_data": "sensitive", "life_critical": "true", "users": ["residents", "staff"],
       "data_location": "eu_eea", "language": "sv"}


def test_each_answer_is_checked_as_it_is_given_in_the_officers_language(client):
    bad = client.post("/new/field/value", data={"csrf_token": csrf(client), "value": "sex miljoner"}, headers=HX)
    assert "inte ett tal" in bad.text and "invalid" in bad.text
    good = client.post("/new/field/value", data={"csrf_token": csrf(client), "value": "6 500 000"}, headers=HX)
    assert "Uppfattat som 6\u00a0500\u00a0000 kr" in good.text and "invalid" not in good.text
    taken = client.post("/new/field/name", data={"csrf_token": csrf(client), "name": "larm"}, headers=HX)
    assert "Det finns redan en upphandling som heter larm" in taken.text
    unknown = client.post("/new/field/products", data={"csrf_token": csrf(client), "products": ["rymdlarm"]}, headers=HX)
    assert "Okänt produktområde rymdlarm" in unknown.text
    english = client.post("/new/field/years?lang=en", data={"csrf_token": csrf(client), "years": "25"}, headers=HX)
    assert "at most 20 years" in english.text
    assert "at most 20 years" in client.post("/new/field/years", data={"csrf_token": csrf(client), "years": "25"}, headers=HX).text


def test_the_form_offers_the_product_areas_and_explains_klassa(client):
    html = client.get("/new").text
    assert 'value="trygghetslarm"' in html and 'value="digitala_las"' in html or 'value="digitala-las"' in html
    assert "synnerligen allvarlig skada" in html
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    fields = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    assert fields <= labelled, f"fields without a label: {fields - labelled}"


def test_a_new_procurement_is_saved_as_a_commented_profile_the_cli_reads(client, workspace, runner, cli):
    response = client.post("/new", data={**NEW, **answered_facts(client, NEW), "csrf_token": csrf(client)})
    assert response.status_code == 303 and response.headers["location"] == "/p/larm-2027"
    path = workspace / "larm-2027.yaml"
    profile = load_profile(path).profile
    assert profile.estimated_value_sek == 2_500_000 and profile.contract.years == 2.5
    assert profile.classification.availability == 4 and profile.life_critical is True and profile.personal_data == "sensitive"
    assert "# KLASSA" in path.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "-o", str(workspace / "cli-out"), "--no-page-numbers"])
    assert result.exit_code == 0, result.output  # the facts the form asked for: no gap, no draft
    built = client.post("/p/larm-2027/build", data={"csrf_token": csrf(client)}, headers=HX)
    assert built.status_code == 200 and "the profile lacks" not in built.text and "kravspecifikation.docx" in built.text
    again = client.post("/new", data={**NEW, "csrf_token": csrf(client)})
    assert again.status_code == 400 and "Det finns redan" in again.text


def test_a_profile_without_the_facts_builds_only_a_marked_draft(client, workspace, runner, cli):
    made = runner.invoke(cli, ["init", str(workspace / "utan.yaml"), "--no-interactive", "--product", "trygghetslarm"])
    assert made.exit_code == 0, made.output
    refused = client.post("/p/utan/build", data={"csrf_token": csrf(client)}, headers=HX)
    assert refused.status_code == 200 and "the profile lacks" in refused.text and 'name="draft" value="on"' in refused.text
    draft = client.post("/p/utan/build", data={"csrf_token": csrf(client), "draft": "on"}, headers=HX)
    assert draft.status_code == 200 and "kravspecifikation.docx" in draft.text


def test_wrong_answers_are_listed_and_nothing_is_written(client, workspace):
    response = client.post("/new", data={**NEW, "value": "mycket", "products": [], "csrf_token": csrf(client)})
    assert response.status_code == 400
    assert "2 svar behöver rättas" in response.text  # the facts cannot be worked out before the product area
    assert not (workspace / "larm-2027.yaml").exists()


def test_the_procurement_groups_requirements_by_chapter_with_level_reason_and_findings(client):
    html = client.get("/p/larm").text
    assert "Informationssäkerhet" in html or "Information" in html
    assert 'id="req-IN-001"' in html and "Varför detta krav och denna nivå" in html
    assert re.search(r"<strong>(\d+)</strong> ska-krav", html)
    assert 'class="finding error' not in html  # the shipped example has no error (its notes may show)


def test_findings_of_check_appear_next_to_the_requirement_they_concern(client, workspace):
    from procura.library import load_library
    from procura.sizing import resolve

    spec = resolve(load_profile(workspace / "larm.yaml"), load_library())
    item = next(i for i in spec.items if i.requirement and i.needed_level != list(i.requirement.levels)[-1])
    top = list(item.requirement.levels)[-1].value
    client.post(f"/p/larm/choice/{item.id}", data={"csrf_token": csrf(client), "op": "save", "level": top,
                                                   "justification": "Vi vill ha det."})
    html = client.get("/p/larm").text
    card = re.search(rf'<article class="req[^"]*" id="req-{item.id}".*?</article>', html, re.S).group(0)
    assert 'class="finding' in card and "OVR-" in card
    others = html.replace(card, "")
    assert f"req-{item.id}" not in others.split('id="ch-excluded"')[0].replace(f'href="#req-{item.id}"', "")


def _ska(html: str) -> int:
    return int(re.search(r"<strong>(\d+)</strong> (?:ska-krav|mandatory)", html).group(1))


def test_excluding_a_mandatory_requirement_lowers_the_count_and_writes_the_profile(client, workspace):
    page = client.get("/p/larm").text
    before = _ska(page)
    ska_id = re.search(r'id="req-([A-Z]+-\d+)"[^>]*>\s*<h3[^>]*>.*?</h3>\s*<p class="badges">\s*<span class="badge ska">',
                       page, re.S).group(1)
    response = client.post(f"/p/larm/choice/{ska_id}", data={"csrf_token": csrf(client), "op": "exclude"}, headers=HX)
    assert response.status_code == 200
    assert 'hx-swap-oob="true"' in response.text and f"Antal ska-krav: {before} → {before - 1}" in response.text
    assert load_profile(workspace / "larm.yaml").profile.choices[ska_id].include is False
    assert "# an alarm that does not reach anyone can cost a life" in (workspace / "larm.yaml").read_text(encoding="utf-8")
    assert _ska(client.get("/p/larm").text) == before - 1
    client.post(f"/p/larm/choice/{ska_id}", data={"csrf_token": csrf(client), "op": "include"}, headers=HX)
    assert _ska(client.get("/p/larm").text) == before


def test_a_stricter_choice_asks_for_its_justification_as_the_cli_does(client, workspace):
    from procura.library import load_library
    from procura.sizing import resolve

    spec = resolve(load_profile(workspace / "larm.yaml"), load_library())
    item = next(i for i in spec.items if i.requirement and i.needed_level != list(i.requirement.levels)[-1])
    top = list(item.requirement.levels)[-1].value
    text = (workspace / "larm.yaml").read_text(encoding="utf-8")
    refused = client.post(f"/p/larm/choice/{item.id}", data={"csrf_token": csrf(client), "op": "save", "level": top}, headers=HX)
    assert "strängare än profilen motiverar" in refused.text and f"value=\"{top}\" selected" in refused.text and 'aria-invalid="true"' in refused.text and "autofocus" in refused.text
    assert "Sänkt under behovet" not in refused.text and "Höjd över behovet" not in refused.text  # badges: what is saved
    assert (workspace / "larm.yaml").read_text(encoding="utf-8") == text
    saved = client.post(f"/p/larm/choice/{item.id}", headers=HX,
                        data={"csrf_token": csrf(client), "op": "save", "level": top, "justification": "Livskritiskt larm."})
    assert "Höjd över behovet" in saved.text
    choice = load_profile(workspace / "larm.yaml").profile.choices[item.id]
    assert choice.level.value == top and choice.justification == "Livskritiskt larm."


def test_a_parameter_is_set_in_swedish_number_format(client, workspace):
    from procura.library import load_library
    from procura.sizing import resolve

    spec = resolve(load_profile(workspace / "larm.yaml"), load_library())
    item, param = next((i, p) for i in spec.items if i.requirement for p in i.requirement.parameters)
    default = item.parameters[param.name]
    looser = default * 2 if param.is_stricter(default / 2, default) else default / 2
    text = f"{looser:g}".replace(".", ",")
    response = client.post(f"/p/larm/choice/{item.id}", headers=HX,
                           data={"csrf_token": csrf(client), "op": "save", f"param.{param.name}": text})
    assert response.status_code == 200 and 'role="alert"' not in response.text, response.text
    assert load_profile(workspace / "larm.yaml").profile.choices[item.id].parameters[param.name] == looser


def test_build_writes_the_documents_lists_them_and_what_changed(client, workspace):
    first = client.post("/p/larm/build", data={"csrf_token": csrf(client)}, headers=HX)
    assert first.status_code == 200, first.text
    assert "Det här är det första bygget" in first.text
    names = re.findall(r'/p/larm/files/([^"]+)"', first.text)
    assert {"kravspecifikation.docx", "kravmatris.xlsx"} <= set(names)
    assert any(n.startswith(("processchecklista", "process")) for n in names) or len(names) > 6
    download = client.get("/p/larm/files/kravspecifikation.docx")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    document = docx.Document(io.BytesIO(download.content))
    assert any("Digitala trygghetslarm" in p.text for p in document.paragraphs)
    model = load_profile(workspace / "larm.yaml").profile.evaluation
    weighted = set(model.criteria) if model else set()  # excluding a weighted bör-krav would break the award model
    gone = next(i for i in re.findall(r'id="req-([A-Z]+-\d+)"', client.get("/p/larm").text) if i not in weighted)
    client.post(f"/p/larm/choice/{gone}", data={"csrf_token": csrf(client), "op": "exclude"})
    second = client.post("/p/larm/build", data={"csrf_token": csrf(client)}, headers=HX)
    assert second.status_code == 200, second.text
    assert "Ändrat sedan förra bygget" in second.text
    assert "0 nya, 1 borttagna" in second.text and "Borttagna krav:" in second.text
    assert re.search(rf"- {gone} ", second.text)


def test_build_never_replaces_an_edited_output_unless_asked(client, workspace):
    client.post("/p/larm/build", data={"csrf_token": csrf(client)}, headers=HX)
    edited = workspace / "out" / "larm" / "kravspecifikation.md"
    edited.write_text("my edits", encoding="utf-8")
    plain = client.post("/p/larm/build", data={"csrf_token": csrf(client)})  # without JavaScript: a full page, 400
    assert plain.status_code == 400 and "<html" in plain.text and "--force" in plain.text
    refused = client.post("/p/larm/build", data={"csrf_token": csrf(client)}, headers=HX)
    assert refused.status_code == 200 and "--force" in refused.text and 'name="force"' in refused.text
    assert edited.read_text(encoding="utf-8") == "my edits"
    forced = client.post("/p/larm/build", data={"csrf_token": csrf(client), "force": "on"}, headers=HX)
    assert forced.status_code == 200 and edited.read_text(encoding="utf-8") != "my edits"


def test_check_shows_statements_with_findings_in_place_and_a_report(client):
    text = ("K-1 Leverantören ska ha en årlig omsättning om minst 50 000 000 kr.\n"
            "K-2 Systemet ska vara användarvänligt.\n"
            "K-3 Leverantören ska leverera larm enligt SCAIP.\n")
    response = client.post("/check", data={"csrf_token": csrf(client), "estimated_value": "2 000 000"},
                           files={"document": ("kravspec.txt", text.encode())})
    assert response.status_code == 200
    html = response.text
    assert "OVR-001" in html and "LOU 14 kap. 4 §" in html
    assert re.search(r'<li class="statement flagged">\s*<p><span class="rid">K-1</span> <mark>', html)
    assert re.search(r'<li class="statement flagged">\s*<p><span class="rid">K-2</span> <mark>', html)
    report = re.search(r'href="(/check/[^"]+/report)"', html).group(1)
    download = client.get(report)
    assert download.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(download.content)).testzip() is None
    assert any("OVR-001" in cell.text for t in docx.Document(io.BytesIO(download.content)).tables
               for row in t.rows for cell in row.cells)


def test_library_search_and_filters(client):
    everything = client.get("/library").text
    total = int(re.search(r"(\d+) krav visas", everything).group(1))
    found = client.get("/library?q=loggning").text
    assert 0 < int(re.search(r"(\d+) krav visas", found).group(1)) < total
    alarms = client.get("/library?product=trygghetslarm&category=informationssakerhet").text
    assert 0 < int(re.search(r"(\d+) krav visas", alarms).group(1)) < total
    english = client.get("/library?lang=en").text
    assert "requirements shown" in english and '<html lang="en">' in english


def test_a_pack_is_previewed_against_the_installed_version_then_installed(client, tmp_path):
    from procura.library import load_library
    from procura.packs.pack import scaffold
    from procura.packs.validate import build_pack

    library = load_library()
    folder = scaffold("aby-larm", tmp_path / "src")
    v1 = build_pack(folder, tmp_path / "dist", library)
    preview = client.post("/packs/preview", data={"csrf_token": csrf(client)},
                          files={"archive": (v1.name, v1.read_bytes())})
    assert preview.status_code == 200 and "inte installerat sedan tidigare" in preview.text
    upload_id = re.search(r'name="upload_id" value="([^"]+)"', preview.text).group(1)
    installed = client.post("/packs/install", data={"csrf_token": csrf(client), "upload_id": upload_id})
    assert "aby-larm 0.1.0 är installerat" in installed.text
    meta = folder / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("version: 0.1.0", "version: 0.2.0"), encoding="utf-8")
    req = next(p for p in folder.rglob("*.yaml") if p.name != "pack.yaml")
    req.write_text(req.read_text(encoding="utf-8").replace("inom {{hours}} timmar", "inom {{hours}} timmar alla dagar", 1), encoding="utf-8")
    v2 = build_pack(folder, tmp_path / "dist", library)
    diff = client.post("/packs/preview", data={"csrf_token": csrf(client)}, files={"archive": (v2.name, v2.read_bytes())})
    assert "Jämfört med installerad version 0.1.0" in diff.text and "Ändrade krav" in diff.text and "<ins>" in diff.text


def test_including_a_requirement_that_does_not_apply_needs_a_justification(client, workspace):
    from procura.library import load_library
    from procura.sizing import resolve

    spec = resolve(load_profile(workspace / "larm.yaml"), load_library())
    outside = spec.excluded[0].id
    html = client.get("/p/larm").text
    card = re.search(rf'<article class="req excluded" id="req-{outside}".*?</article>', html, re.S).group(0)
    assert 'name="applies" value="no"' in card and 'name="justification"' in card
    refused = client.post(f"/p/larm/choice/{outside}", headers=HX,
                          data={"csrf_token": csrf(client), "op": "include", "applies": "no"})
    assert "strängare än profilen motiverar" in refused.text
    assert outside not in load_profile(workspace / "larm.yaml").profile.choices
    included = client.post(f"/p/larm/choice/{outside}", headers=HX,
                           data={"csrf_token": csrf(client), "op": "include", "applies": "no", "justification": "Behövs här."})
    assert 'class="req excluded"' not in included.text and "Behövs här." in included.text
    assert load_profile(workspace / "larm.yaml").profile.choices[outside].include is True
