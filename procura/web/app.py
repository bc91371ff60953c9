"""The routes of ``procura serve``. Each one parses a request, calls the core function the CLI
calls, and renders a template; what the pages show is data, escaped, never a template."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from collections import OrderedDict
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from procura import __version__
from procura.answers import (
    FACT,
    FIELDS,
    AnswerError,
    check_answer,
    check_answers,
    check_facts,
    fact_values,
    parse_number,
)
from procura.award.form import PREFIX as AWARD_PREFIX
from procura.award.form import award_values, check_award
from procura.build import BuildOptions, library_for
from procura.build import build as run_build
from procura.checklists.write import ChecklistOptions, write_checklists
from procura.checks import CheckOptions, check_specification
from procura.checks.document import check_statements
from procura.checks.extract import DOCUMENT_SUFFIXES, read_statements
from procura.checks.report import summary, write_docx
from procura.checks.suggest import Suggester
from procura.correction import compare, message, read_build
from procura.errors import InputError, OutputError, ProcuraError, ValidationErrors
from procura.i18n import number, t
from procura.library import Library, load_library
from procura.library.query import filter_requirements, search
from procura.models import LEVEL_ORDER, Lang
from procura.models.requirement import ID_PATTERN
from procura.profile_edit import JustificationNeeded, load_text, set_entry, update_choice, update_entries
from procura.profiles import write_profile
from procura.render.paths import templates_path
from procura.sizing import load_profile, resolve
from procura.sizing.facts import needed_questions
from procura.sizing.resolve import format_parameter
from procura.web.config import WebConfig
from procura.web.facts import AWARD_RULES, award_view, fact_errors_list, facts_view, needed_by, trial_questions
from procura.web.security import CSRF_FIELD, CsrfError, Guard, action
from procura.web.workspace import OutsideWorkspace, Workspace, safe_upload_name

LANG_COOKIE = "procura_lang"
ID = re.compile(ID_PATTERN)  # a criterion the award form names must look like a requirement ID
KLASSA_LEVELS = (0, 1, 2, 3, 4)
FINDINGS_CACHE = 64  # profiles whose findings are remembered


@dataclass
class State:
    config: WebConfig
    workspace: Workspace
    library: Library
    env: ImmutableSandboxedEnvironment

    findings: OrderedDict = dataclass_field(default_factory=OrderedDict)

    def packs(self):
        from procura.packs.store import PackStore

        return PackStore(self.config.packs_dir)

    def check(self, spec, lock: list) -> list:
        """check_specification(spec), remembered for the profile text and pack versions it was run on
        (the checker is the slowest step of the procurement page; the profile changes far less often
        than the page is shown)."""
        key = hashlib.sha256(json.dumps([spec.profile_text, [e.to_json() for e in lock]]).encode()).hexdigest()
        if key in self.findings:
            self.findings.move_to_end(key)
            return self.findings[key]
        found = check_specification(spec)
        self.findings[key] = found
        while len(self.findings) > FINDINGS_CACHE:
            self.findings.popitem(last=False)
        return found


def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(str(templates_path() / "web")), autoescape=True,
                                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                        auto_reload=False)
    env.filters["number"] = number
    return env


def lang_of(request: Request) -> Lang:
    wanted = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return wanted if wanted in ("sv", "en") else "sv"  # type: ignore[return-value]


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    state: State = request.app.state.procura
    lang = lang_of(request)
    html = state.env.get_template(template).render(
        lang=lang, _=lambda key, **values: t(key, lang, **values), csrf=request.state.csrf, csrf_field=CSRF_FIELD,
        path=request.url.path, version=__version__, htmx=bool(request.headers.get("hx-request")), **context)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in ("sv", "en"):
        response.set_cookie(LANG_COOKIE, lang, samesite="strict", httponly=True)
    return response


def st(request: Request) -> State:
    return request.app.state.procura


# -- home -----------------------------------------------------------------------------------------
async def home(request: Request) -> Response:
    state = st(request)
    procurements = []
    for path in state.workspace.profiles():
        try:
            profile = load_profile(path).profile
            procurements.append({"name": path.stem, "title": profile.title, "organisation": profile.organisation,
                                 "reference": profile.reference, "error": None})
        except ProcuraError as exc:
            procurements.append({"name": path.stem, "title": path.name, "organisation": "", "reference": "", "error": str(exc)})
    return page(request, "home.html.j2", procurements=procurements, workspace=str(state.workspace.root))


# -- new procurement ------------------------------------------------------------------------------
def _new_form(request: Request, values: dict, errors: dict[str, AnswerError], status: int = 200,
              form: FormData | None = None, fact_errors: dict[str, AnswerError] | None = None) -> Response:
    state = st(request)
    lang = lang_of(request)
    products = [{"slug": slug, "name": area.name.get(lang), "description": area.description.get(lang)}
                for slug, area in state.library.products.items()]
    messages = {field: err.message(lang) for field, err in errors.items()}
    facts = _new_facts(state, values, form, fact_errors or {}, lang)
    error_list = [(f"f-{field}", t(f"web.new.{field}", lang), msg) for field, msg in messages.items()]
    error_list += fact_errors_list(facts)
    return page(request, "new.html.j2", status=status, values=values, errors=messages, products=products,
                klassa=KLASSA_LEVELS, facts=facts, error_list=error_list, facts_url="/new/facts")


def _trial_profile(values: dict[str, Any], library: Library) -> dict[str, Any]:
    """The profile the form's answers so far describe, with a stand-in for each answer not yet usable."""
    fallback = {"organisation": "-", "title": "-", "reference": "-", "name": "new", "products": [], "value": 1_000_000,
                "years": 4, "framework": False, "confidentiality": 2, "integrity": 2, "availability": 2,
                "personal_data": "ordinary", "life_critical": False, "users": [], "data_location": "eu_eea", "language": "sv"}
    checked = check_answers(values, library)
    v = {k: checked.values.get(k, fallback[k]) if k not in checked.errors else fallback[k] for k in fallback}
    return {"organisation": v["organisation"], "title": v["title"], "reference": v["reference"], "language": v["language"],
            "products": v["products"], "estimated_value_sek": v["value"],
            "contract": {"years": v["years"], "framework": v["framework"]},
            "classification": {"confidentiality": v["confidentiality"], "integrity": v["integrity"],
                               "availability": v["availability"]},
            "personal_data": v["personal_data"], "life_critical": v["life_critical"], "users": v["users"],
            "hosting": {"data_location": v["data_location"]}}


def _new_facts(state: State, values: dict, form: FormData | None, errors: dict[str, AnswerError], lang: Lang) -> list[dict]:
    trial = _trial_profile(values, state.library)
    if not trial["products"]:
        return []
    fact_form = {k: v for k, v in form.multi_items() if k.startswith(FACT)} if form is not None else {}
    questions, _ = trial_questions(trial, fact_form, state.library)
    return facts_view(questions, trial["products"], state.library, fact_form, errors, lang)


DEFAULTS = {"name": "", "organisation": "", "title": "", "reference": "", "products": [], "value": "", "years": "4",
            "framework": False, "confidentiality": "2", "integrity": "2", "availability": "2", "personal_data": "ordinary",
            "life_critical": False, "users": ["residents", "staff"], "data_location": "eu_eea", "language": "sv"}


async def new_form(request: Request) -> Response:
    return _new_form(request, dict(DEFAULTS, language=lang_of(request)), {})


def _form_values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in FIELDS:
        if field in ("products", "users"):
            values[field] = [v for v in form.getlist(field) if isinstance(v, str)]
        else:
            value = form.get(field)
            values[field] = value if isinstance(value, str) else ""
    return values


@action
async def new_field(request: Request, form: FormData) -> Response:
    """One answer checked as it is given (htmx, on change): the message under the field."""
    field = request.path_params["field"]
    if field not in FIELDS:
        raise HTTPException(404)
    values = _form_values(form)
    lang = lang_of(request)
    message, shown = None, None
    try:
        value = check_answer(field, values[field], st(request).library)
        if field == "name" and st(request).workspace.new_profile(value).exists():
            message = t("web.error.exists", lang, name=value)
        elif field == "value":
            shown = t("web.new.value_read", lang, value=number(value, lang))
    except AnswerError as exc:
        message = exc.message(lang)
    return page(request, "_field_message.html.j2", field=field, message=message, shown=shown)


@action
async def new_facts(request: Request, form: FormData) -> Response:
    """The fact questions for the answers so far (htmx, when an answer that changes them changes)."""
    values = _form_values(form)
    facts = _new_facts(st(request), values, form, {}, lang_of(request))
    return page(request, "_facts.html.j2", facts=facts, facts_url="/new/facts", live=True)


@action
async def new_create(request: Request, form: FormData) -> Response:
    state = st(request)
    values = _form_values(form)
    checked = check_answers(values, state.library)
    errors = dict(checked.errors)
    if "name" not in errors and state.workspace.new_profile(checked.values["name"]).exists():
        errors["name"] = AnswerError("name", "web.error.exists", name=checked.values["name"])
    fact_form = {k: v for k, v in form.multi_items() if k.startswith(FACT)}
    fact_errors: dict[str, AnswerError] = {}
    entries: dict[str, Any] = {}
    trial = _trial_profile(values, state.library)
    if trial["products"]:
        questions, _ = trial_questions(trial, fact_form, state.library)
        facts = check_facts(fact_form, questions, trial["products"], required=True)
        fact_errors, entries = facts.errors, facts.entries
    if errors or fact_errors:
        return _new_form(request, values, errors, status=400, form=form, fact_errors=fact_errors)
    path = state.workspace.new_profile(checked.values["name"])
    answers = checked.profile_answers()
    answers.facts = {k: v for k, v in entries.items() if v is not None} or None
    write_profile(path, answers)
    return RedirectResponse(f"/p/{path.stem}", status_code=303)


# -- the procurement ------------------------------------------------------------------------------
def _specification(state: State, path: Path, with_lock: bool = False):
    loaded = load_profile(path)
    library, lock = library_for(loaded, BuildOptions(out_dir=path.parent, library=state.library, packs_dir=state.config.packs_dir))
    spec = resolve(loaded, library)
    return (spec, lock) if with_lock else spec


def _counts(spec) -> dict[str, int]:
    ska = sum(1 for i in spec.items if i.obligation.value == "ska")
    return {"total": len(spec.items), "ska": ska, "bor": len(spec.items) - ska, "excluded": len(spec.excluded)}


def _finding_view(finding, lang: Lang) -> dict[str, Any]:
    from procura.checks import get_rule

    rule = get_rule(finding.rule)
    return {"rule": finding.rule, "title": rule.title.get(lang), "severity": finding.severity.value,
            "severity_label": t(f"check.severity.{finding.severity.value}", lang), "message": finding.message.get(lang),
            "citation": finding.citation, "url": finding.url,
            "suggestion": finding.suggestion.to_json(lang) if finding.suggestion else None,
            "accepted": finding.accepted}


def _item_view(item, lang: Lang, findings: list) -> dict[str, Any]:
    req = item.requirement
    params = []
    if req is not None:
        for p in req.parameters:
            default = p.defaults.get(item.level, next(iter(p.defaults.values())))
            params.append({"name": p.name, "label": p.label.get(lang), "value": number(item.parameters[p.name], lang),
                           "unit": p.unit or "", "default": format_parameter(p, default, lang),
                           "text": format_parameter(p, item.parameters[p.name], lang)})
    return {
        "id": item.id, "title": item.title(lang), "text": item.text(lang), "included": True, "own": req is None,
        "level": item.level.value, "level_label": t(f"level.{item.level.value}", lang),
        "needed": item.needed_level.value, "needed_label": t(f"level.{item.needed_level.value}", lang),
        "levels": [{"value": lv.value, "label": t(f"level.{lv.value}", lang)} for lv in (req.levels if req else [])],
        "obligation": item.obligation.value, "obligation_label": t(f"obligation.{item.obligation.value}", lang),
        "reasons": [r.get(lang) for r in item.reasons], "stricter": [r.get(lang) for r in item.stricter],
        "justification": item.justification or "", "parameters": params,
        "findings": [_finding_view(f, lang) for f in findings],
        "raised": LEVEL_ORDER.index(item.level) > LEVEL_ORDER.index(item.needed_level),
        "selected_level": item.level.value, "selected_obligation": item.obligation.value,  # what the form shows
    }


def _excluded_view(excluded, spec, lang: Lang) -> dict[str, Any]:
    req = spec.library.requirements[excluded.id].requirement
    choice = spec.profile.choices.get(excluded.id)
    return {"id": excluded.id, "title": req.title.get(lang), "included": False, "reasons": [r.get(lang) for r in excluded.reasons],
            "by_officer": choice is not None and choice.include is False,  # else including it needs a justification
            "findings": [], "justification": ""}


def _scale_findings(spec) -> list:
    """AWD-004 on the bör-krav that can be weighted: a scoring whose points scale is unclear."""
    from procura.checks.library import _scale

    return [f for i in spec.items if i.requirement is not None and i.obligation.value == "bor" and not i.is_contract_term
            for f in _scale(i.requirement, str(spec.profile_path))]


def _procurement_model(state: State, name: str, lang: Lang, facts_form: dict | None = None,
                       fact_errors: dict | None = None, award: dict | None = None) -> dict[str, Any]:
    """The procurement page. ``facts_form``/``fact_errors`` and ``award`` (values, errors, findings,
    total) show what the officer sent when it was refused, instead of what is saved."""
    path = state.workspace.profile(name)
    spec, lock = _specification(state, path, with_lock=True)
    findings = state.check(spec, lock)
    by_req: dict[str, list] = {}
    general = []
    for f in findings:
        if f.rule in AWARD_RULES:
            continue  # shown with the award model
        (by_req.setdefault(f.location.requirement, []) if f.location.requirement else general).append(f)
    chapters = []
    for category, items in spec.by_category():
        cat = spec.library.categories.get(category)
        chapters.append({"slug": category, "name": cat.name.get(lang) if cat else t("doc.own_category", lang),
                         "items": [_item_view(i, lang, by_req.get(i.id, [])) for i in items]})
    profile = spec.profile
    return {"name": name, "file": path.name, "profile": profile, "chapters": chapters, "counts": _counts(spec),
            "excluded": [_excluded_view(e, spec, lang) for e in spec.excluded],
            "general": [_finding_view(f, lang) for f in general], "spec": spec,
            "facts": _facts(profile, state.library, lang),
            "fact_questions": facts_view(needed_questions(spec), list(profile.products), state.library,
                                         fact_values(profile) if facts_form is None else facts_form, fact_errors or {},
                                         lang, needed_by(spec)),
            "missing_count": len({m.field for m in spec.missing}), "facts_url": None,
            "award": _award_model(spec, lang, findings, award)}


def _award_model(spec, lang: Lang, findings: list, award: dict | None) -> dict[str, Any]:
    if award is None:
        model = spec.profile.evaluation
        total = model.total() if model is not None and model.model == "price_quality" else None
        award = {"values": award_values(model, lang), "errors": {}, "findings": findings, "total": total}
    return award_view(spec, award["values"], award["errors"], list(award["findings"]) + _scale_findings(spec), lang,
                      _finding_view, award["total"])


def _facts(profile, library: Library, lang: Lang) -> list[tuple[str, str]]:
    c = profile.classification
    return [
        (t("doc.facts_products", lang), ", ".join(library.products[p].name.get(lang) if p in library.products else p
                                                  for p in profile.products)),
        (t("doc.facts_value", lang), f"{number(profile.estimated_value_sek, lang)} {t('doc.sek', lang)}"),
        (t("doc.facts_contract", lang), f"{number(profile.contract.years, lang)} {t('doc.years', lang)}"
                                        + (f", {t('doc.framework_yes', lang)}" if profile.contract.framework else "")),
        (t("doc.facts_classification", lang), f"K{c.confidentiality} R{c.integrity} T{c.availability}"),
        (t("doc.facts_personal", lang), t(f"value.{profile.personal_data}", lang)),
        (t("doc.facts_life", lang), t(f"value.{str(profile.life_critical).lower()}", lang)),
    ]


async def procurement(request: Request) -> Response:
    model = _procurement_model(st(request), request.path_params["name"], lang_of(request))
    return page(request, "procurement.html.j2", **model)


def _choice_changes(item, form: FormData, op: str) -> dict[str, Any]:
    if op == "exclude":
        return {"include": False}
    if op == "include":
        justification = str(form.get("justification") or "").strip()
        return {"include": True if form.get("applies") == "no" else None, "justification": justification or None}
    if op == "reset":
        return {"include": None, "level": None, "obligation": None, "parameters": None, "justification": None}
    changes: dict[str, Any] = {}
    level = form.get("level")
    if item is not None and item.requirement is not None:
        if level:
            changes["level"] = None if level == item.needed_level.value else level
        params = {}
        for p in item.requirement.parameters:
            raw = form.get(f"param.{p.name}")
            if raw is None or not str(raw).strip():
                continue
            value = parse_number(f"param.{p.name}", str(raw))
            default = p.defaults.get(item.level if not level else _level(level, item), next(iter(p.defaults.values())))
            if value != default:
                params[p.name] = value
        changes["parameters"] = params or None
        obligation = form.get("obligation")
        if obligation in ("ska", "bor"):
            changes["obligation"] = None if obligation == item.requirement.obligation.value else obligation
    justification = str(form.get("justification") or "").strip()
    changes["justification"] = justification or None
    return changes


def _attempt(form: FormData) -> dict[str, str]:
    """What the officer asked for, so a refused change is shown as they left it, not as saved."""
    return {k: str(v) for k, v in form.multi_items() if k in ("level", "obligation") or k.startswith("param.")}


def _keep_attempt(model: dict, req_id: str, attempt: dict[str, str] | None) -> None:
    if not attempt:
        return
    for view in (v for ch in model["chapters"] for v in ch["items"] if v["id"] == req_id):
        view["selected_level"] = attempt.get("level", view["level"])
        view["selected_obligation"] = attempt.get("obligation", view["obligation"])
        for p in view["parameters"]:
            p["value"] = attempt.get(f"param.{p['name']}", p["value"])


def _level(value: str, item):
    return next((lv for lv in item.requirement.levels if lv.value == value), item.level)


@action
async def choice(request: Request, form: FormData) -> Response:
    """Exclude, include, lower or raise a requirement, or set a parameter; the profile file changes."""
    state = st(request)
    name, req_id = request.path_params["name"], request.path_params["req_id"]
    lang = lang_of(request)
    path = state.workspace.profile(name)
    before = _specification(state, path)
    item = next((i for i in before.items if i.id == req_id), None)
    op = str(form.get("op") or "save")
    error = None
    try:
        if op not in ("save", "exclude", "include", "reset"):
            raise InputError(f"unknown action {op}")
        changes = _choice_changes(item, form, op)
        update_choice(path, req_id, changes, before.library)
    except AnswerError as exc:
        error = exc.message(lang)
    except JustificationNeeded as exc:
        error = t("web.proc.needs_justification", lang, reason=exc.stricter[0].get(lang).rstrip("."))
    except ProcuraError as exc:
        error = str(exc)
    attempt = _attempt(form) if error else None
    if not request.headers.get("hx-request"):
        if error:
            model = _procurement_model(state, name, lang)
            _keep_attempt(model, req_id, attempt)
            return page(request, "procurement.html.j2", status=400, error=error, error_id=req_id, **model)
        return RedirectResponse(f"/p/{name}#req-{req_id}", status_code=303)
    model = _procurement_model(state, name, lang)
    view = next((v for ch in model["chapters"] for v in ch["items"] if v["id"] == req_id), None) \
        or next((v for v in model["excluded"] if v["id"] == req_id), None)
    if view is None:
        raise HTTPException(404)
    _keep_attempt(model, req_id, attempt)
    return page(request, "_choice_response.html.j2", name=name, item=view, error=error, counts=model["counts"],
                before=_counts(before), general=model["general"],
                justification=str(form.get("justification") or ""))


@action
async def save_facts(request: Request, form: FormData) -> Response:
    """The facts the chosen requirements need (volumes, systems, alarms …), written to the profile."""
    state = st(request)
    name = request.path_params["name"]
    lang = lang_of(request)
    path = state.workspace.profile(name)
    spec = _specification(state, path)
    values = {k: v for k, v in form.multi_items() if k.startswith(FACT) and isinstance(v, str)}
    checked = check_facts(values, needed_questions(spec), list(spec.profile.products), spec.profile, required=False)
    error = None
    if not checked.errors:
        try:
            update_entries(path, checked.entries, state.library)
            return RedirectResponse(f"/p/{name}#profile-facts", status_code=303)
        except ProcuraError as exc:
            error = str(exc)
    model = _procurement_model(state, name, lang, facts_form=values, fact_errors=checked.errors)
    return page(request, "procurement.html.j2", status=400, facts_error=error or t("web.facts.has_errors", lang,
                count=len(checked.errors)), **model)


def _award_values(form: FormData) -> dict[str, str]:
    return {k: v for k, v in form.multi_items() if k.startswith(AWARD_PREFIX) and isinstance(v, str)}


def _award_trial(state: State, path: Path, form: FormData, lang: Lang) -> tuple[dict, Any]:
    """The award model the form states, checked against the specification as if it were saved."""
    loaded = load_profile(path)
    spec = _specification(state, path)
    offered = [i.id for i in spec.items if i.obligation.value == "bor" and not i.is_contract_term]
    offered += [k for k in (spec.profile.evaluation.criteria if spec.profile.evaluation else {}) if k not in offered]
    offered += [k.removeprefix(AWARD_PREFIX + "c.") for k in form.keys() if k.startswith(AWARD_PREFIX + "c.")
                and k.removeprefix(AWARD_PREFIX + "c.") not in offered and ID.match(k.removeprefix(AWARD_PREFIX + "c."))]
    checked = check_award(form, offered, spec.profile.evaluation, lang)
    findings: list = []
    if not checked.errors:
        from procura.checks.specification import award_findings

        trial = load_text(set_entry(loaded.text, "evaluation", checked.data), path)
        library, _ = library_for(trial, BuildOptions(out_dir=path.parent, library=state.library,
                                                     packs_dir=state.config.packs_dir))
        findings = award_findings(resolve(trial, library))
    return {"values": _award_values(form), "errors": checked.errors, "findings": findings, "total": checked.total}, checked


@action
async def save_award(request: Request, form: FormData) -> Response:
    """The award model (model, price weight, each bör-krav's weight or deduction, the price form),
    written to the profile's ``evaluation:``; ``op=check`` only shows the sum and the findings."""
    state = st(request)
    name = request.path_params["name"]
    lang = lang_of(request)
    path = state.workspace.profile(name)
    try:
        award, checked = _award_trial(state, path, form, lang)
    except ProcuraError as exc:
        award, checked = {"values": _award_values(form), "errors": {}, "findings": [], "total": None}, None
        error = str(exc)
    else:
        error = None
        if not checked.errors and form.get("op") != "check":
            try:
                update_entries(path, {"evaluation": checked.data}, state.library)
                return RedirectResponse(f"/p/{name}#award", status_code=303)
            except ProcuraError as exc:
                error = str(exc)
    status = 400 if error or (checked is not None and checked.errors) else 200
    model = _procurement_model(state, name, lang, award=award)
    return page(request, "procurement.html.j2", status=status, award_error=error, **model)


@action
async def award_check(request: Request, form: FormData) -> Response:
    """The award model as it is being typed (htmx): the sum of the weights and the award findings in
    place; with ``whole`` (the model changed) the whole section, whose fields depend on the model."""
    state = st(request)
    name = request.path_params["name"]
    lang = lang_of(request)
    path = state.workspace.profile(name)
    try:
        award, _ = _award_trial(state, path, form, lang)
        error = None
    except ProcuraError as exc:
        award, error = {"values": _award_values(form), "errors": {}, "findings": [], "total": None}, str(exc)
    spec = _specification(state, path)
    view = _award_model(spec, lang, award["findings"], award)
    template = "_award.html.j2" if form.get("whole") else "_award_status.html.j2"
    return page(request, template, name=name, award=view, award_error=error, oob=True)


# -- build and download ---------------------------------------------------------------------------
def _out_files(state: State, name: str) -> list[dict[str, Any]]:
    folder = state.workspace.out_dir(name)
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith(".") and not path.is_symlink():
            files.append({"name": path.name, "size": path.stat().st_size,
                          "when": time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))})
    return files


async def build_page(request: Request) -> Response:
    state = st(request)
    name = request.path_params["name"]
    path = state.workspace.profile(name)
    profile = load_profile(path).profile
    return page(request, "build.html.j2", name=name, profile=profile, files=_out_files(state, name), changes=None,
                built=False, error=None, can_force=False)


def _previous_build(path: Path) -> dict | None:
    try:
        return read_build(path) if path.is_file() else None
    except ProcuraError:
        return None  # an unreadable earlier build: everything counts as new


def _build(state: State, path: Path, out: Path, force: bool, draft: bool):
    """The build and the checklists, and what changed against the previous build (procura diff's comparison)."""
    loaded = load_profile(path)
    previous = _previous_build(out / f"{t('doc.file_base', loaded.profile.language)}.json")
    result = run_build(path, BuildOptions(out_dir=out, force=force, library=state.library, packs_dir=state.config.packs_dir,
                                          draft=draft))
    write_checklists(path, ChecklistOptions(out_dir=out, force=force, library=result.spec.library))
    current = read_build(out / f"{t('doc.file_base', result.lang)}.json")
    return result.files, compare(previous, current) if previous is not None else None


@action
async def build(request: Request, form: FormData) -> Response:
    state = st(request)
    name = request.path_params["name"]
    lang = lang_of(request)
    path = state.workspace.profile(name)
    out = state.workspace.out_dir(name)
    error, changes, first, can_force = None, None, False, False
    try:
        _, found = await run_in_threadpool(_build, state, path, out, form.get("force") == "on", form.get("draft") == "on")
        first = found is None
        if found is not None and found.kind != "none":
            counts = {key: len(getattr(found, key)) for key in ("added", "removed", "tightened", "loosened", "reworded")}
            changes = {"summary": t("correction.summary", lang, **counts), "notice": message(found, lang),
                       "time": t("correction.note_time", lang) if found.added or found.tightened else None}
    except OutputError as exc:
        error, can_force = [str(exc)], True
    except ValidationErrors as exc:
        error = [str(e) for e in exc.errors]
    except ProcuraError as exc:
        error = [str(exc)]
    htmx = bool(request.headers.get("hx-request"))
    template = "_build_result.html.j2" if htmx else "build.html.j2"
    # htmx swaps only 2xx answers: a refused build must still show the officer why
    return page(request, template, status=400 if error and not htmx else 200, name=name, profile=load_profile(path).profile,
                files=_out_files(state, name), changes=changes, built=error is None, first=first, error=error,
                can_force=can_force)


async def download(request: Request) -> Response:
    state = st(request)
    path = state.workspace.output(request.path_params["name"], request.path_params["file"])
    return FileResponse(path, filename=path.name, content_disposition_type="attachment")


# -- check a document -----------------------------------------------------------------------------
def accepted_suffixes() -> tuple[str, ...]:
    return tuple(DOCUMENT_SUFFIXES)  # .pdf appears here once the checker reads PDF


async def check_form(request: Request) -> Response:
    return page(request, "check.html.j2", suffixes=accepted_suffixes(), result=None, error=None)


async def _save_upload(state: State, upload: Any, suffixes: tuple[str, ...], folder: Path) -> Path:
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError("no file chosen", hint="choose a document to upload")
    filename = safe_upload_name(upload.filename, suffixes)
    target = folder / filename
    written = 0
    with target.open("wb") as fh:
        while chunk := await upload.read(1 << 20):
            written += len(chunk)
            if written > state.config.max_upload_bytes:
                fh.close()
                target.unlink()
                raise InputError(f"the file is larger than the limit of {state.config.max_upload_bytes} bytes",
                                 filename, "split it or check it is the right file")
            fh.write(chunk)
    return target


def _check(state: State, path: Path, options: CheckOptions, lang: Lang, report: Path) -> dict[str, Any]:
    statements = read_statements(path)
    findings = list(check_statements(statements, options, Suggester(options.library), file=path.name))
    write_docx(findings, [path.name], lang, report)
    rows, placed = [], set()
    for st_ in statements:
        mine = [f for f in findings if f.location == st_.location]
        placed.update(id(f) for f in mine)
        rows.append({"text": st_.text, "id": st_.location.requirement, "line": st_.location.line,
                     "obligation": st_.obligation, "findings": [_finding_view(f, lang) for f in mine]})
    general = [_finding_view(f, lang) for f in findings if id(f) not in placed]
    return {"file": path.name, "statements": rows, "general": general, "summary": summary(findings, [path.name]),
            "flagged": sum(1 for r in rows if r["findings"])}


@action
async def check(request: Request, form: FormData) -> Response:
    """A document checked: it is kept only while this request runs (a scratch folder, removed
    whatever happens); the review report is kept for a while to be downloaded."""
    state = st(request)
    lang = lang_of(request)
    suffixes = accepted_suffixes()
    state.workspace.sweep()
    try:
        value_text = str(form.get("estimated_value") or "").strip()
        value = parse_number("estimated_value", value_text) if value_text else None
        options = CheckOptions(estimated_value_sek=value or None, framework=form.get("framework") == "on", library=state.library)
        with state.workspace.scratch() as folder:
            path = await _save_upload(state, form.get("document"), suffixes, folder)
            report = folder / f"{t('web.check.report_file', lang)}.docx"
            result = await run_in_threadpool(_check, state, path, options, lang, report)
            report_id, kept = state.workspace.new_report()
            report = Path(shutil.move(report, kept / report.name))
    except AnswerError as exc:
        return page(request, "check.html.j2", status=400, suffixes=suffixes, result=None, error=exc.message(lang))
    except ProcuraError as exc:
        return page(request, "check.html.j2", status=400, suffixes=suffixes, result=None, error=str(exc))
    return page(request, "check.html.j2", suffixes=suffixes, result=result, upload_id=report_id, report=report.name, error=None)


async def check_report(request: Request) -> Response:
    state = st(request)
    try:
        folder = state.workspace.report(request.path_params["upload_id"])
    except OutsideWorkspace:
        raise
    except InputError:  # kept for an hour, then swept
        return page(request, "error.html.j2", status=404, message=t("web.check.report_gone", lang_of(request)))
    reports = sorted(p for p in folder.glob("*.docx") if p.name.startswith(("granskningsrapport", "review-report")))
    if not reports:
        raise HTTPException(404)
    path = state.workspace.inside(reports[0])
    return FileResponse(path, filename=path.name, content_disposition_type="attachment")


# -- library and packs ----------------------------------------------------------------------------
async def library_page(request: Request) -> Response:
    state = st(request)
    lang = lang_of(request)
    q = (request.query_params.get("q") or "").strip()[:200]
    category = request.query_params.get("category") or None
    product = request.query_params.get("product") or None
    error = None
    try:
        reqs = filter_requirements(state.library, category if category in state.library.categories else None,
                                   product if product in state.library.products else None)
        if q:
            wanted = {r.id for r in reqs}
            hits = [(r, score) for r, score in search(state.library, q, limit=100) if r.id in wanted]
        else:
            hits = [(r, None) for r in reqs]
    except ProcuraError as exc:
        hits, error = [], str(exc)
    rows = [{"id": r.id, "title": r.title.get(lang), "category": state.library.categories[r.category].name.get(lang)
             if r.category in state.library.categories else r.category, "obligation": t(f"obligation.{r.obligation.value}", lang),
             "products": ", ".join(state.library.products[p].name.get(lang) for p in r.products if p in state.library.products)
             or t("web.library.all_products", lang),
             "motive": r.motive.get(lang), "score": round(score) if score is not None else None,
             "levels": [{"label": t(f"level.{lv.value}", lang), "text": spec.text.get(lang)} for lv, spec in r.levels.items()],
             "sources": [{"citation": s.citation, "url": s.url} for s in r.sources]}
            for r, score in hits]
    categories = [(slug, c.name.get(lang)) for slug, c in state.library.categories.items()]
    products = [(slug, p.name.get(lang)) for slug, p in state.library.products.items()]
    return page(request, "library.html.j2", rows=rows, q=q, category=category or "", product=product or "",
                categories=categories, products=products, error=error, total=len(state.library))


def _packs_model(state: State) -> dict[str, Any]:
    try:
        installed = [{"name": p.name, "version": p.version, "publisher": p.meta.publisher.organisation,
                      "title": p.meta.title, "requirements": p.requirement_count} for p in state.packs().installed()]
        return {"installed": installed, "packs_dir": str(state.packs().root), "list_error": None}
    except ProcuraError as exc:
        return {"installed": [], "packs_dir": str(state.packs().root), "list_error": str(exc)}


async def packs_page(request: Request) -> Response:
    return page(request, "packs.html.j2", diff=None, error=None, message=None, upload_id=None, **_packs_model(st(request)))


def _preview(state: State, path: Path):
    from procura.packs.diff import diff_packs, open_pack

    new = open_pack(path, state.library)
    installed = state.packs().versions(new.name)
    if not installed:
        return new, None, None
    old = open_pack(installed[-1].path, state.library)
    return new, installed[-1].version, diff_packs(old, new)


@action
async def packs_preview(request: Request, form: FormData) -> Response:
    """A pack archive uploaded: what it would add or change against the installed version."""
    state = st(request)
    state.workspace.sweep()
    upload_id, folder = state.workspace.new_upload()
    try:
        path = await _save_upload(state, form.get("archive"), (".zip",), folder)
        new, old_version, diff = await run_in_threadpool(_preview, state, path)
    except ProcuraError as exc:
        state.workspace.remove_upload(upload_id)
        return page(request, "packs.html.j2", status=400, diff=None, error=str(exc), message=None, upload_id=None,
                    **_packs_model(state))
    preview = {"name": new.name, "version": new.version, "old_version": old_version, "requirements": len(new.requirements),
               "diff": diff.to_json() if diff else None, "empty": diff.empty if diff else False}
    return page(request, "packs.html.j2", diff=preview, error=None, message=None, upload_id=upload_id, **_packs_model(state))


@action
async def packs_install(request: Request, form: FormData) -> Response:
    state = st(request)
    lang = lang_of(request)
    upload_id = str(form.get("upload_id") or "")
    git = str(form.get("git") or "").strip()
    try:
        if upload_id:
            folder = state.workspace.upload(upload_id)
            archives = sorted(folder.glob("*.zip"))
            if not archives:
                raise InputError("the uploaded archive is gone", hint="upload it again")
            source = str(state.workspace.inside(archives[0]))
        elif git:
            if not git.startswith("git+https://"):
                raise InputError("only git+https:// sources can be installed from the web app", git,
                                 "write it as git+https://host/pack.git@v1.0.0, or install from the command line")
            source = git
        else:
            raise InputError("no pack given", hint="upload an archive or give a git+https:// URL")
        pack = await run_in_threadpool(state.packs().install, source, False, state.library)
        if upload_id:
            state.workspace.remove_upload(upload_id)  # installed: the pack store keeps its own copy
    except ProcuraError as exc:
        return page(request, "packs.html.j2", status=400, diff=None, error=str(exc), message=None, upload_id=None,
                    **_packs_model(state))
    return page(request, "packs.html.j2", diff=None, error=None, upload_id=None,
                message=t("web.packs.installed", lang, name=pack.name, version=pack.version), **_packs_model(state))


# -- the app --------------------------------------------------------------------------------------
def login_page(request: Request) -> Response:
    lang = lang_of(request)
    state: State = request.app.state.procura if hasattr(request, "app") else None
    env = state.env if state else environment()
    html = env.get_template("login.html.j2").render(lang=lang, _=lambda key, **v: t(key, lang, **v), version=__version__)
    return HTMLResponse(html, status_code=401)


async def on_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, CsrfError):
        return page(request, "error.html.j2", status=403, message=t("web.error.csrf", lang_of(request)))
    if isinstance(exc, OutsideWorkspace):
        return page(request, "error.html.j2", status=404, message=t("web.error.not_found", lang_of(request)))
    if isinstance(exc, HTTPException):
        key = "web.error.not_found" if exc.status_code == 404 else "web.error.bad_request"
        return page(request, "error.html.j2", status=exc.status_code, message=t(key, lang_of(request)))
    return page(request, "error.html.j2", status=400, message=str(exc))


def create_app(config: WebConfig) -> Starlette:
    config = config.checked()
    routes = [
        Route("/", home),
        Route("/new", new_form),
        Route("/new", new_create, methods=["POST"]),
        Route("/new/field/{field}", new_field, methods=["POST"]),
        Route("/new/facts", new_facts, methods=["POST"]),
        Route("/p/{name}", procurement),
        Route("/p/{name}/choice/{req_id}", choice, methods=["POST"]),
        Route("/p/{name}/facts", save_facts, methods=["POST"]),
        Route("/p/{name}/award", save_award, methods=["POST"]),
        Route("/p/{name}/award/check", award_check, methods=["POST"]),
        Route("/p/{name}/build", build_page),
        Route("/p/{name}/build", build, methods=["POST"]),
        Route("/p/{name}/files/{file}", download),
        Route("/check", check_form),
        Route("/check", check, methods=["POST"]),
        Route("/check/{upload_id}/report", check_report),
        Route("/library", library_page),
        Route("/packs", packs_page),
        Route("/packs/preview", packs_preview, methods=["POST"]),
        Route("/packs/install", packs_install, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(templates_path() / "web" / "static")), name="static"),
    ]
    handlers = {ProcuraError: on_error, CsrfError: on_error, HTTPException: on_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.procura = State(config, Workspace(config.workspace), load_library(), environment())
    app.state.procura.workspace.sweep()  # what a stopped server left behind
    app.add_middleware(Guard, config=config, login_page=login_page)
    return app
