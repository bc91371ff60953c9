"""The facts a procurement's requirements need, its award model, and what uploads leave behind:
each as an officer meets it in the web app."""

from __future__ import annotations

import io
import os
import re
import time

import docx
import pytest
from webhelpers import answered_facts, csrf, fact_fields, fill_facts

from procura.award.scale import max_points
from procura.library import load_library
from procura.sizing import load_profile, resolve
from procura.sizing.facts import question_of

HX = {"HX-Request": "true"}
NEW = {"name": "aby-larm", "organisation": "Åby kommun", "title": "Trygghetslarm i Åby", "reference": "SN 2027/9",
       "products": ["trygghetslarm"], "value": "4 000 000", "years": "4", "confidentiality": "3", "integrity": "3",
       "availability": "4", "personal_data": "sensitive", "life_critical": "true", "users": ["residents", "staff"],
       "data_location": "eu_eea", "language": "sv"}


def _questions(fields) -> set[str]:
    """The questions (procura.sizing.facts.QUESTIONS) behind a page's fact fields."""
    out = set()
    for name in fields:
        parts = name.removeprefix("fact.").split(".")
        out.add(parts[0] if parts[0] in ("volumes", "alarms", "trainees", "price_index") else ".".join(parts[:2]))
    return out


def _missing_questions(path) -> set[str]:
    return {question_of(m.fact) for m in resolve(load_profile(path), load_library()).missing} - {None}


# -- the facts ------------------------------------------------------------------------------------
def test_the_form_asks_exactly_the_facts_the_build_would_refuse_without(client, workspace):
    facts = answered_facts(client, NEW)
    assert client.post("/new", data={**NEW, **facts, "csrf_token": csrf(client)}).status_code == 303
    path = workspace / "aby-larm.yaml"
    assert _missing_questions(path) == set()  # every fact a chosen requirement needs was asked
    text = path.read_text(encoding="utf-8")
    asked = _questions(facts)
    assert {"volumes", "alarms", "price_index"} <= asked
    for question in asked:  # and none that no requirement needs: without its answer, the build has a gap
        key = question.split(".")[0]
        line = next(x for x in text.splitlines() if x.startswith(f"{key}:"))
        path.write_text(text.replace(line + "\n", ""), encoding="utf-8")
        assert question in _missing_questions(path), question
    path.write_text(text, encoding="utf-8")


def test_the_questions_follow_the_answers(client):
    alarms = fact_fields(client.post("/new/facts", data={**NEW, "csrf_token": csrf(client)}, headers=HX).text)
    assert "fact.alarms.reception" in alarms and "fact.volumes.trygghetslarm.devices" in alarms
    no_reception = {**NEW, "fact.alarms.stationary": "true", "fact.alarms.mobile": "true", "fact.alarms.reception": "false"}
    without = fact_fields(client.post("/new/facts", data={**no_reception, "csrf_token": csrf(client)}, headers=HX).text)
    with_reception = fact_fields(client.post("/new/facts", headers=HX, data={
        **no_reception, "fact.alarms.reception": "true", "csrf_token": csrf(client)}).text)
    assert "fact.languages" in with_reception and "fact.languages" not in without  # spoken at the alarm reception
    other = next(p for p in load_library().products if p != "trygghetslarm")
    elsewhere = fact_fields(client.post("/new/facts", data={**NEW, "products": [other], "csrf_token": csrf(client)},
                                        headers=HX).text)
    assert not any(n.startswith("fact.alarms.") for n in elsewhere) and f"fact.volumes.{other}.individuals" in elsewhere
    nothing = client.post("/new/facts", data={**NEW, "products": [], "csrf_token": csrf(client)}, headers=HX).text
    assert not fact_fields(nothing) and "Välj ett produktområde" in nothing


def test_an_unanswered_or_wrong_fact_is_shown_next_to_its_field_and_nothing_is_written(client, workspace):
    facts = answered_facts(client, NEW)
    wrong = {**facts, "fact.volumes.trygghetslarm.individuals": "många", "fact.price_index.base_month": "oktober"}
    del wrong["fact.trainees.super_users"]
    response = client.post("/new", data={**NEW, **wrong, "csrf_token": csrf(client)})
    assert response.status_code == 400 and "Traceback" not in response.text
    html = response.text
    assert re.search(r'id="msg-f-fact-volumes-trygghetslarm-individuals" class="field-msg invalid"[^>]*>”många” är inte ett tal', html)
    assert re.search(r'id="msg-f-fact-price_index-base_month" class="field-msg invalid"[^>]*>Skriv månaden som ÅÅÅÅ-MM', html)
    assert re.search(r'id="msg-f-fact-trainees-super_users" class="field-msg invalid"[^>]*>Fyll i ett svar', html)
    assert 'href="#f-fact-trainees-super_users"' in html and "3 svar behöver rättas" in html
    assert 'value="många"' in html  # the answer stays as given, to be corrected
    assert not (workspace / "aby-larm.yaml").exists()
    english = client.post("/new?lang=en", data={**NEW, **wrong, "csrf_token": csrf(client)}).text
    assert "Write the month as YYYY-MM" in english and "Price adjustment" in english


def test_the_procurement_page_edits_the_facts_and_keeps_the_officers_lines(client, workspace):
    path = workspace / "larm.yaml"
    html = client.get("/p/larm").text
    # a text fact the example's requirements need (read from the page: the example decides which are asked)
    assert "Alla uppgifter finns" in html and 'value="bilaga 4, Personuppgiftsbiträdesavtal"' in html
    saved = client.post("/p/larm/facts", data={**_page_facts(html), "fact.annexes.dpa": "bilaga 5, PUB-avtal",
                                              "csrf_token": csrf(client)})
    assert saved.status_code == 303 and saved.headers["location"] == "/p/larm#profile-facts"
    profile = load_profile(path).profile
    assert profile.annexes.dpa == "bilaga 5, PUB-avtal" and profile.alarms.reception is True
    assert "# an alarm that does not reach anyone can cost a life" in path.read_text(encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    wrong = client.post("/p/larm/facts", data={**_page_facts(html), "fact.trainees.administrators": "tre",
                                              "csrf_token": csrf(client)})
    assert wrong.status_code == 400
    assert re.search(r'id="msg-f-fact-trainees-administrators" class="field-msg invalid"[^>]*>”tre” är inte ett tal', wrong.text)
    assert path.read_text(encoding="utf-8") == before
    cleared = client.post("/p/larm/facts", data={**_page_facts(html), "fact.annexes.dpa": "", "csrf_token": csrf(client)})
    assert cleared.status_code == 303
    needing = sorted({m.requirement for m in resolve(load_profile(path), load_library()).missing})
    page = client.get("/p/larm").text
    assert needing and f"Saknas – behövs av {', '.join(needing)}" in page and "1 uppgifter saknas" in page
    assert "the profile lacks `annexes.dpa`" in client.post("/p/larm/build", data={"csrf_token": csrf(client)},
                                                                      headers=HX).text


def _page_facts(html: str) -> dict[str, str]:
    """The fact fields of a page as they stand (radio buttons: the checked one)."""
    values = {}
    for tag in re.findall(r"<input [^>]*name=\"fact\.[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag).group(1)
        value = re.search(r'value="([^"]*)"', tag).group(1)
        if 'type="radio"' not in tag or re.search(r"\schecked", tag):
            values[name] = value
    return values


# -- the award model ------------------------------------------------------------------------------
def _desirable(workspace):
    spec = resolve(load_profile(workspace / "larm.yaml"), load_library())
    return spec, [i for i in spec.items if i.obligation.value == "bor" and not i.is_contract_term]


def test_the_page_shows_the_profiles_award_model(client, workspace):
    model = load_profile(workspace / "larm.yaml").profile.evaluation
    if model is None or model.model != "price_quality":
        pytest.skip("the example states no price–quality model")
    html = client.get("/p/larm").text
    section = re.search(r'<section id="award".*?</section>', html, re.S).group(0)
    for key, criterion in model.criteria.items():
        assert re.search(rf'name="award\.c\.{re.escape(key)}" value="{criterion.weight:g}"', section), key
    assert f"Summa av vikterna: {model.total():g} av 100." in section


def test_an_award_model_is_set_with_the_live_sum_and_the_findings_in_place(client, workspace):
    spec, desirable = _desirable(workspace)
    assert len(desirable) >= 3
    weighted = desirable[:3]
    form = {"csrf_token": csrf(client), "award.model": "price_quality", "award.price": "65",
            **{f"award.c.{i.id}": "10" for i in weighted},
            "award.p.0.id": "P1", "award.p.0.item": "Larm per månad", "award.p.0.unit": "larm och månad",
            "award.p.0.quantity": "1 300", "award.p.0.periods": "24"}
    live = client.post("/p/larm/award/check", data=form, headers=HX)
    assert live.status_code == 200 and "Summa av vikterna: 95 av 100." in live.text and "CON-004" in live.text
    unweighted = next((i for i in desirable[3:] if i.scoring("sv")), None)
    if unweighted is not None:  # a scored bör-krav without a weight: AWD-001 in its own row
        row = re.search(rf'<div id="award-f-{unweighted.id}" hx-swap-oob="true">(.*?)</div>', live.text, re.S).group(1)
        assert "AWD-001" in row and f"0–{max_points(unweighted.scoring('sv'))}" in row
    ska = next(i for i in spec.items if i.obligation.value == "ska" and not i.is_contract_term)
    on_ska = client.post("/p/larm/award/check", data={**form, f"award.c.{ska.id}": "5"}, headers=HX).text
    row = re.search(rf'<div id="award-f-{ska.id}" hx-swap-oob="true">(.*?)</div>', on_ska, re.S).group(1)
    assert "AWD-003" in row and "ska-krav" in row
    text = (workspace / "larm.yaml").read_text(encoding="utf-8")
    assert client.post("/p/larm/award", data={**form, "op": "check"}).status_code == 200
    assert (workspace / "larm.yaml").read_text(encoding="utf-8") == text  # checking writes nothing
    saved = client.post("/p/larm/award", data={**form, "award.price": "70", "op": "save"})
    assert saved.status_code == 303 and saved.headers["location"] == "/p/larm#award"
    model = load_profile(workspace / "larm.yaml").profile.evaluation
    assert model.model == "price_quality" and model.price == 70 and model.total() == 100
    assert {k: c.weight for k, c in model.criteria.items()} == {i.id: 10 for i in weighted}
    assert [(p.id, p.label("sv"), p.quantity, p.periods) for p in model.price_form] == [("P1", "Larm per månad", 1300, 24)]
    page = client.get("/p/larm").text
    assert "Summa av vikterna: 100 av 100." in page and "CON-004" not in page
    assert "organisation: Norrbäcke kommun" in (workspace / "larm.yaml").read_text(encoding="utf-8")


def test_a_price_deduction_model_and_wrong_numbers_next_to_their_fields(client, workspace):
    _, desirable = _desirable(workspace)
    first, second = desirable[0].id, desirable[1].id
    whole = client.post("/p/larm/award/check", headers=HX,
                        data={"csrf_token": csrf(client), "award.model": "price_deduction", "whole": "1"}).text
    assert f'name="award.u.{first}"' in whole and 'name="award.price"' not in whole  # the fields follow the model
    form = {"csrf_token": csrf(client), "award.model": "price_deduction", f"award.c.{first}": "50 000",
            f"award.u.{first}": "sek", f"award.c.{second}": "2,5", f"award.u.{second}": "pct", "op": "save"}
    wrong = client.post("/p/larm/award", data={**form, f"award.c.{second}": "120", "award.p.0.id": "P 1",
                                              "award.p.0.item": "Larm", "award.p.0.quantity": "x"})
    assert wrong.status_code == 400 and "Traceback" not in wrong.text
    assert re.search(rf'id="msg-f-award-c-{second}" class="field-msg invalid">Skriv ett tal från 0 till 99,99', wrong.text)
    assert re.search(r'id="msg-f-award-p-0-id" class="field-msg invalid">Skriv ett kort rad-ID', wrong.text)
    assert re.search(r'id="msg-f-award-p-0-quantity" class="field-msg invalid">”x” är inte ett tal', wrong.text)
    assert 'value="120"' in wrong.text
    assert client.post("/p/larm/award", data=form).status_code == 303
    model = load_profile(workspace / "larm.yaml").profile.evaluation
    assert model.model == "price_deduction" and not model.price_form
    assert model.criteria[first].deduction_sek == 50_000 and model.criteria[second].deduction_pct == 2.5
    english = client.post("/p/larm/award?lang=en", data={**form, f"award.c.{first}": "lots"}).text
    assert "“lots” is not a number" in english


def test_the_award_model_can_be_removed(client, workspace):
    saved = client.post("/p/larm/award", data={"csrf_token": csrf(client), "award.model": "", "op": "save"})
    assert saved.status_code == 303
    assert load_profile(workspace / "larm.yaml").profile.evaluation is None
    _, desirable = _desirable(workspace)
    assert ("AWD-002" in client.get("/p/larm").text) == bool(desirable)


# -- uploads leave nothing behind -----------------------------------------------------------------
SECRET = "Leverantören ska ha ett kontor i Åby och vara användarvänlig, hemligt-7f3a.\n"


def _left(workspace) -> list[str]:
    """Every file under the workspace's web folder that holds the uploaded document or its name."""
    found = []
    for path in (workspace / ".procura-web").rglob("*"):
        if path.is_file() and ("kravspec" in path.name or b"hemligt-7f3a" in path.read_bytes()):
            found.append(str(path.relative_to(workspace)))
    return found


def test_a_checked_document_is_removed_once_checked_and_only_its_report_is_kept(client, workspace):
    response = client.post("/check", data={"csrf_token": csrf(client)}, files={"document": ("kravspec.txt", SECRET.encode())})
    assert response.status_code == 200 and "Granskning av kravspec.txt" in response.text
    assert _left(workspace) == []
    assert not any((workspace / ".procura-web" / "tmp").iterdir())
    report = re.search(r'href="(/check/[^"]+/report)"', response.text).group(1)
    download = client.get(report)
    assert download.status_code == 200 and docx.Document(io.BytesIO(download.content)).tables


@pytest.mark.parametrize("name,content", [("kravspec.docx", b"not a zip at all"), ("kravspec.exe", b"MZ"),
                                          ("kravspec.txt", SECRET.encode() * 5000)])
def test_a_document_that_cannot_be_checked_leaves_nothing_behind(make_client, workspace, name, content):
    c = make_client(max_upload_bytes=100_000)
    c.get("/")
    response = c.post("/check", data={"csrf_token": csrf(c)}, files={"document": (name, content)})
    assert response.status_code == 400
    assert not [p for p in workspace.joinpath(".procura-web").rglob("*") if p.is_file()]


def test_old_reports_and_pack_uploads_are_swept(client, workspace, tmp_path):
    first = client.post("/check", data={"csrf_token": csrf(client)}, files={"document": ("a.txt", SECRET.encode())})
    old_report = re.search(r'href="(/check/[^"]+/report)"', first.text).group(1)
    stale = workspace / ".procura-web" / "uploads" / ("x" * 24)
    stale.mkdir(parents=True)
    (stale / "old.zip").write_bytes(b"PK")
    two_hours_ago = time.time() - 7200
    for folder in [stale, *(workspace / ".procura-web" / "reports").iterdir()]:
        os.utime(folder, (two_hours_ago, two_hours_ago))
    client.post("/check", data={"csrf_token": csrf(client)}, files={"document": ("b.txt", SECRET.encode())})
    gone = client.get(old_report)
    assert gone.status_code == 404 and "Granskningsrapporten finns inte längre" in gone.text and not stale.exists()
    assert len(list((workspace / ".procura-web" / "reports").iterdir())) == 1


def test_an_installed_pack_archive_is_removed_from_the_uploads(client, workspace, tmp_path):
    from procura.packs.pack import scaffold
    from procura.packs.validate import build_pack

    archive = build_pack(scaffold("aby-larm", tmp_path / "src"), tmp_path / "dist", load_library())
    preview = client.post("/packs/preview", data={"csrf_token": csrf(client)}, files={"archive": (archive.name, archive.read_bytes())})
    upload_id = re.search(r'name="upload_id" value="([^"]+)"', preview.text).group(1)
    assert list((workspace / ".procura-web" / "uploads" / upload_id).glob("*.zip"))
    installed = client.post("/packs/install", data={"csrf_token": csrf(client), "upload_id": upload_id})
    assert "är installerat" in installed.text
    assert not (workspace / ".procura-web" / "uploads" / upload_id).exists()
    broken = client.post("/packs/preview", data={"csrf_token": csrf(client)}, files={"archive": ("x.zip", b"not a zip")})
    assert broken.status_code == 400 and not any((workspace / ".procura-web" / "uploads").iterdir())


def test_fill_facts_answers_every_field_it_is_given():
    fields = {"fact.volumes.a.individuals": "whole", "fact.volumes.a.devices": "whole", "fact.alarms.mobile": "yesno",
              "fact.price_index.base_month": "month", "fact.systems.care_record": "text"}
    assert fill_facts(fields) == {"fact.volumes.a.individuals": "12", "fact.alarms.mobile": "true",
                                  "fact.price_index.base_month": "2026-10", "fact.systems.care_record": "Svar till systems.care_record"}


def test_the_live_award_findings_are_those_check_reports(workspace):
    from procura.checks import check_specification
    from procura.checks.specification import award_findings
    from procura.web.facts import AWARD_RULES

    path = workspace / "larm.yaml"
    _, desirable = _desirable(workspace)
    text = path.read_text(encoding="utf-8").split("\nevaluation:")[0]
    path.write_text(text + f"\nevaluation: {{price: 50, {desirable[0].id}: 20}}\n", encoding="utf-8")
    spec = resolve(load_profile(path), load_library())

    def key(f):
        return f.rule, f.location.requirement, f.message.get("sv")

    live = sorted(map(key, award_findings(spec)))
    assert any(rule == "CON-004" for rule, _, _ in live)  # 50 + 20 is not 100
    assert live == sorted(key(f) for f in check_specification(spec) if f.rule in AWARD_RULES or
                          (f.rule == "CON-006" and f.location.requirement == desirable[0].id))


def test_every_fact_and_award_field_has_a_label(client):
    pages = [client.post("/new/facts", data={**NEW, "csrf_token": csrf(client)}, headers=HX).text, client.get("/p/larm").text,
             client.post("/p/larm/award/check", headers=HX,
                         data={"csrf_token": csrf(client), "award.model": "price_deduction", "whole": "1"}).text]
    for html in pages:
        labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', html))
        fields = set(re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html))
        assert fields and fields <= labelled, f"fields without a label: {fields - labelled}"


def test_a_criterion_that_is_no_requirement_id_is_ignored(client, workspace):
    _, desirable = _desirable(workspace)
    form = {"csrf_token": csrf(client), "award.model": "price_quality", "award.price": "90",
            f"award.c.{desirable[0].id}": "10", "award.c.<script>": "5", "award.c.../../x": "5", "op": "save"}
    assert client.post("/p/larm/award", data=form).status_code == 303
    assert set(load_profile(workspace / "larm.yaml").profile.evaluation.criteria) == {desirable[0].id}
