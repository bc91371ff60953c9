"""Evaluating returned answer matrices against the specification the profile resolves to.

Per supplier: mandatory requirements answered No (the tender is to be rejected, HFD 2016 ref. 37),
missing or unreadable answers, requirement texts the supplier changed (the hidden fingerprint or
the text no longer matches), and the points for desirable requirements under the profile's
evaluation model. procura marks a tender *rejected* only for a mandatory requirement answered No;
a missing answer or a changed text needs the officer's review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procura.award import AwardModel, Offer, Scored, Sensitivity, hedge, score, sensitivity
from procura.award.scale import max_points
from procura.award.values import parse_number
from procura.checklists.answers import AnswerMatrix, AnswerRow, Unreadable, read_matrix
from procura.checklists.kinds import ordered
from procura.errors import InputError
from procura.i18n import number, t
from procura.library import Library, load_library
from procura.models import Lang, Obligation
from procura.render.docx import clean, header_footer, labelled, open_template
from procura.render.output import OutputDir
from procura.render.xlsx import fingerprint, normalise
from procura.sizing import LoadedProfile, Specification, load_profile, resolve

PRICE = "price"


def check_weights(loaded: LoadedProfile, spec: Specification) -> AwardModel | None:
    """The profile's award model, checked against the specification: its criteria are bör-krav of
    this specification, and a price–quality model's weights sum to 100 (LOU 16 kap. 6 § asks the
    weighting to be stated in the procurement documents; procura prints it from this model)."""
    model = loaded.profile.evaluation
    if model is None:
        return None
    items = {i.id: i for i in spec.items}
    for key in model.criteria:
        where = loaded.where("evaluation", "criteria", key) if "criteria:" in loaded.text else loaded.where("evaluation", key)
        if key not in items:
            raise InputError(f"evaluation.{key}: not a requirement of this specification", where,
                             "weight only the IDs of desirable (bör) requirements in the specification, or price")
        if items[key].obligation is Obligation.ska or items[key].is_contract_term:
            raise InputError(f"evaluation.{key}: {key} is a mandatory (ska) requirement and cannot be scored", where,
                             f"remove its weight, or make it desirable with choices.{key}.obligation: bor")
    problem = model.sum_problem()
    if problem:
        raise InputError(f"evaluation: {problem}", loaded.where("evaluation"),
                         "adjust the weights (desirable requirements and price) so that they sum to 100")
    return model


@dataclass
class SupplierResult:
    file: Path
    rejected: bool
    unmet_mandatory: list[str]
    missing_answers: list[str]
    tampered: list[str]
    score: float | None  # quality points (weighted) under a price_quality model
    max_score: float | None
    answers: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    grades: dict[str, float] = field(default_factory=dict)  # criterion ID -> points on its scale
    price: float | None = None  # the price form's total, computed from the unit prices
    hedged: list[str] = field(default_factory=list)
    hedges: dict[str, str] = field(default_factory=dict)  # ID -> the hedging phrase
    out_of_bounds: list[str] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)  # ID -> offered value
    unreadable: list[Unreadable] = field(default_factory=list)
    scored: Scored | None = None

    @property
    def name(self) -> str:
        return self.file.stem

    @property
    def rank(self) -> int | None:
        return self.scored.rank if self.scored else None

    def status(self) -> str:
        return "rejected" if self.rejected else "review" if (
            self.missing_answers or self.tampered or self.hedged or self.out_of_bounds or self.unreadable) else "passes"

    def as_json(self) -> dict[str, Any]:
        return {"file": str(self.file), "rejected": self.rejected, "unmet_mandatory": self.unmet_mandatory,
                "missing_answers": self.missing_answers, "tampered": self.tampered, "score": _round(self.score),
                "rank": self.rank, "total": _round(self.scored.total) if self.scored else None,
                "comparison_price": _round(self.scored.comparison_price if self.scored else self.price),
                "points": {k: _round(v) for k, v in (self.scored.points if self.scored else {}).items()},
                "grades": self.grades, "hedged": self.hedged, "out_of_bounds": self.out_of_bounds,
                "unreadable": [u.as_json() for u in self.unreadable]}


def _round(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(value, 4)
    return int(value) if value == int(value) else value


@dataclass
class Evaluation:
    spec: Specification
    lang: Lang
    model: AwardModel | None
    suppliers: list[SupplierResult]
    sensitivity: list[Sensitivity] = field(default_factory=list)
    scales: dict[str, float] = field(default_factory=dict)

    @property
    def weights(self) -> dict[str, float] | None:
        return self.model.weights() if self.model else None

    def as_json(self) -> dict[str, Any]:
        return {"suppliers": [s.as_json() for s in self.suppliers],
                "model": self.model.model_dump(mode="json", exclude_none=True) if self.model else None,
                "sensitivity": {s.criterion: (None if s.change is None else
                                              {"value": s.value, "change": _round(s.change),
                                               "new_value": _round(s.value + s.change), "new_winner": s.new_winner})
                                for s in self.sensitivity}}

    def ranking(self) -> list[SupplierResult]:
        """Ranked tenders first (rank 1 wins), then unranked ones; rejected tenders last."""
        return sorted(self.suppliers, key=lambda s: (s.rejected, s.rank is None, s.rank or 0, -(s.score or 0), s.name))


def grade(row: AnswerRow, scale: int, lang: Lang) -> tuple[float | None, Unreadable | None]:
    """A criterion's points from its answer: Ja/Nej on a yes/no scale, a whole number 0–scale on a graded one."""
    if not row.answer:
        return None, None
    if row.met is not None:
        return (float(scale) if row.met else 0.0), None
    number = parse_number(row.answer)
    if number is not None and 0 <= number <= scale and number == int(number):
        return number, None
    return None, Unreadable("", row.row, "E", row.answer, t("evaluate.unreadable_points", lang, max=scale))


def offered_value(row: AnswerRow, item, lang: Lang) -> tuple[float | None, bool, Unreadable | None]:
    """The offered value and whether it is within the requirement's bound (its own value, in its stricter direction)."""
    if item.requirement is None or not item.requirement.parameters or not row.value:
        return None, True, None
    param = item.requirement.parameters[0]
    number = parse_number(row.value)
    if number is None:
        return None, True, Unreadable("", row.row, "I", row.value, t("evaluate.unreadable_value", lang))
    bound = item.parameters[param.name]
    return number, number == bound or param.is_stricter(number, bound), None


def comparison_total(matrix: AnswerMatrix, model: AwardModel | None) -> float | None:
    """The price form's total from the supplier's unit prices and the profile's quantities and periods;
    None when a line has no readable unit price (the supplier's own sums are never read)."""
    if model is None or not model.price_form:
        return None
    prices = {p.id: p.unit_price for p in matrix.prices}
    if any(prices.get(line.id) is None for line in model.price_form):
        return None
    return sum((prices[line.id] or 0.0) * line.quantity * line.periods for line in model.price_form)


def evaluate_matrix(matrix: AnswerMatrix, spec: Specification, model: AwardModel | None) -> SupplierResult:
    from procura.render.xlsx import CONTRACT_TERMS_ID, contract_terms_text

    lang = matrix.lang
    terms = [i.id for i in ordered(spec) if i.is_contract_term]
    items = {i.id: i for i in spec.items if not i.is_contract_term}
    texts = {key: item.text(matrix.lang) for key, item in items.items()}
    if terms:
        texts[CONTRACT_TERMS_ID] = contract_terms_text(terms, matrix.lang)
    seen: dict[str, Any] = {}
    tampered: list[str] = []
    unreadable = list(matrix.unreadable)
    for row in matrix.rows:
        if not row.id and (row.answer or row.description):
            unreadable.append(Unreadable(matrix.sheet, row.row, "A", "", t("evaluate.no_row_id", lang)))
            continue
        if row.id not in texts or row.id in seen:
            tampered.append(row.id or f"row {row.row}")
            continue
        seen[row.id] = row
        expected = fingerprint(row.id, texts[row.id])
        if fingerprint(row.id, row.text) != expected or normalise(row.fingerprint) != expected:
            tampered.append(row.id)
    if not seen:
        raise InputError("no requirement ID of this specification is in the matrix", matrix.path,
                         "is this the answer matrix built from this profile?")
    unmet, missing, hedged, bounds = [], [], [], []
    hedges: dict[str, str] = {}
    values: dict[str, float] = {}
    grades: dict[str, float] = {}
    criteria = model.criteria if model else {}
    expected_rows = [(i.id, i.obligation is Obligation.ska) for i in ordered(spec) if not i.is_contract_term]
    if terms:
        expected_rows.append((CONTRACT_TERMS_ID, True))  # a tender that does not accept the terms cannot be accepted
    for row_id, mandatory in expected_rows:
        row = seen.get(row_id)
        item = items.get(row_id)
        scale = max_points(item.scoring(lang)) if item is not None and not mandatory else 1
        if row is None:
            missing.append(row_id)
            continue
        if scale > 1:
            points, problem = grade(row, scale, lang)
            met = None if points is None else points > 0
        else:
            points, problem = (None, None)
            met = row.met
            if met is None and row.answer:
                problem = Unreadable("", row.row, "E", row.answer, t("evaluate.unreadable_answer", lang))
        if problem:
            unreadable.append(Unreadable(matrix.sheet, problem.row, problem.column, problem.value, problem.hint))
        if met is None and points is None:
            missing.append(row_id)
        elif met is False and mandatory:
            unmet.append(row_id)
        if row_id in criteria and row_id not in tampered:
            grades[row_id] = points if points is not None else (1.0 if met else 0.0)
        phrase = hedge(row.description) if met else None
        if phrase:
            hedged.append(row_id)
            hedges[row_id] = phrase
        if item is not None:
            value, within, problem = offered_value(row, item, lang)
            if problem:
                unreadable.append(Unreadable(matrix.sheet, problem.row, problem.column, problem.value, problem.hint))
            if value is not None:
                values[row_id] = value
                if not within:
                    bounds.append(row_id)
    score = max_score = None
    if model is not None and model.model == "price_quality":
        max_score = 100 - (model.price or 0)
        scales = {k: max_points(items[k].scoring(lang)) if k in items else 1 for k in criteria}
        score = sum((c.weight or 0) * min(1.0, grades.get(k, 0.0) / scales[k]) for k, c in criteria.items())
    return SupplierResult(file=matrix.path, rejected=bool(unmet), unmet_mandatory=unmet, missing_answers=missing,
                          tampered=tampered, score=score, max_score=max_score,
                          answers={k: r.answer for k, r in seen.items()},
                          descriptions={k: r.description for k, r in seen.items()},
                          grades=grades, price=comparison_total(matrix, model), hedged=hedged, hedges=hedges,
                          out_of_bounds=bounds, values=values, unreadable=unreadable)


def evaluate(profile_path: Path, answer_paths: list[Path], library: Library | None = None,
             lang: Lang | None = None) -> Evaluation:
    loaded = load_profile(profile_path)
    spec = resolve(loaded, library or load_library())
    model = check_weights(loaded, spec)
    if not answer_paths:
        raise InputError("no answer matrix given", hint="pass one or more returned .xlsx answer matrices")
    results = [evaluate_matrix(read_matrix(path), spec, model) for path in answer_paths]
    names = [r.name for r in results]
    if len(set(names)) < len(names):
        raise InputError("two answer matrices have the same file name", hint="name each returned matrix after its supplier")
    evaluation = Evaluation(spec, lang or loaded.profile.language, model, results)
    if model is not None and (model.prices or model.criteria):
        items = {i.id: i for i in spec.items}
        scales = {k: float(max_points(items[k].scoring(evaluation.lang))) if k in items else 1.0 for k in model.criteria}
        offers = [Offer(r.name, r.price, r.grades, rejected=r.rejected) for r in results]
        by_name = {s.name: s for s in score(model, offers, scales)}
        for r in results:
            r.scored = by_name[r.name]
        evaluation.sensitivity = sensitivity(model, offers, scales)
        evaluation.scales = scales
    return evaluation


# -- presenting the result ------------------------------------------------------------------------

def _ids(ids: list[str], lang: Lang) -> str:
    return ", ".join(ids) if ids else t("evaluate.none", lang)


def score_text(result: SupplierResult, lang: Lang) -> str:
    if result.score is None:
        return t("evaluate.no_score", lang)
    return t("evaluate.score_of", lang, score=number(result.score, lang), max=number(result.max_score, lang))


def reasons(result: SupplierResult, spec: Specification, lang: Lang) -> list[str]:
    from procura.render.xlsx import CONTRACT_TERMS_ID

    ska = {i.id for i in spec.items if i.obligation is Obligation.ska and not i.is_contract_term} | {CONTRACT_TERMS_ID}
    out = []
    if result.unmet_mandatory:
        out.append(t("evaluate.reason_unmet", lang, ids=", ".join(result.unmet_mandatory)))
    missing = [i for i in result.missing_answers if i in ska]
    if missing:
        out.append(t("evaluate.reason_missing", lang, ids=", ".join(missing)))
    changed = [i for i in result.tampered if i in ska]
    if changed:
        out.append(t("evaluate.reason_tampered", lang, ids=", ".join(changed)))
    return out


def _money(value: float | None, lang: Lang) -> str:
    return t("evaluate.no_price", lang) if value is None else f"{number(round(value, 2), lang)} {t('doc.sek', lang)}"


def rank_text(result: SupplierResult, lang: Lang) -> str:
    return str(result.rank) if result.rank is not None else t("evaluate.not_ranked", lang)


def points_text(result: SupplierResult, lang: Lang) -> str:
    points = result.scored.points if result.scored else {}
    return ", ".join(f"{t('doc.award_price', lang) if k == PRICE else k} {number(round(v, 2), lang)}" for k, v in points.items())


def review_lines(result: SupplierResult, lang: Lang) -> list[str]:
    """What the evaluator must look at: hedged answers, values beyond their bound, unreadable cells."""
    out = []
    if result.hedged:
        out.append(f"{t('evaluate.hedged', lang)}: " + "; ".join(
            t("evaluate.hedged_item", lang, id=i, phrase=result.hedges[i]) for i in result.hedged))
    if result.out_of_bounds:
        out.append(f"{t('evaluate.out_of_bounds', lang)}: " + ", ".join(
            f"{i} ({number(result.values[i], lang)})" for i in result.out_of_bounds))
    for u in result.unreadable:
        out.append(f"{t('evaluate.unreadable', lang)}: {u}")
    return out


def sensitivity_rows(evaluation: Evaluation) -> list[tuple[str, str, str, str]]:
    lang = evaluation.lang
    rows = []
    for s in evaluation.sensitivity:
        name = t("doc.award_price", lang) if s.criterion == PRICE else s.criterion
        if s.change is None:
            rows.append((name, number(s.value, lang), t("evaluate.sensitivity_none", lang), "–"))
        else:
            sign = "+" if s.change > 0 else "−"
            rows.append((name, number(s.value, lang), f"{sign}{number(round(abs(s.change), 2), lang)} "
                         f"(→ {number(round(s.value + s.change, 2), lang)})", s.new_winner or "–"))
    return rows


def text_report(evaluation: Evaluation) -> str:
    lang = evaluation.lang
    lines = []
    if evaluation.model is not None:
        lines.append(t("evaluate.model_line", lang, model=t(f"evaluate.model_{evaluation.model.model}", lang)))
    for r in evaluation.ranking():
        head = f"{rank_text(r, lang)}. {r.name}: {t(f'evaluate.{r.status()}', lang)}"
        if r.scored and r.scored.total is not None:
            head += f" · {t('evaluate.total', lang)} {number(round(r.scored.total, 2), lang)}"
        if evaluation.model is not None and evaluation.model.prices:
            head += f" · {t('evaluate.comparison_price', lang)} {_money(r.scored.comparison_price if r.scored else r.price, lang)}"
        head += f" · {t('evaluate.score', lang)} {score_text(r, lang)}"
        lines.append(head)
        if r.scored and r.scored.points:
            lines.append(f"   {t('evaluate.points', lang)}: {points_text(r, lang)}")
        lines.append(f"   {t('evaluate.unmet', lang)}: {_ids(r.unmet_mandatory, lang)}")
        lines.append(f"   {t('evaluate.missing', lang)}: {_ids(r.missing_answers, lang)}")
        lines.append(f"   {t('evaluate.tampered', lang)}: {_ids(r.tampered, lang)}")
        for reason in reasons(r, evaluation.spec, lang) + review_lines(r, lang):
            lines.append(f"   {reason}")
    if evaluation.sensitivity:
        lines.append(f"{t('evaluate.sensitivity', lang)}: {t('evaluate.sensitivity_intro', lang)}")
        for name, value, change, winner in sensitivity_rows(evaluation):
            lines.append(f"   {name}: {value} · {t('evaluate.sensitivity_change', lang)} {change} · "
                         f"{t('evaluate.sensitivity_new_winner', lang)} {winner}")
    return "\n".join(lines)


def write_report_docx(evaluation: Evaluation, path: Path, template: Path | None = None, today: dt.date | None = None) -> None:
    lang = evaluation.lang
    p = evaluation.spec.profile
    doc = open_template(template)
    title = t("evaluate.title", lang)
    props = doc.core_properties
    props.title, props.author, props.subject, props.language = clean(f"{title}: {p.title}"), clean(p.organisation), clean(p.reference), lang
    header_footer(doc, f"{title} · {p.title} · {t('doc.reference', lang)} {p.reference}", t("doc.page", lang), t("doc.of", lang))
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph(clean(p.title), style="Cover Subtitle")
    labelled(doc, t("doc.organisation", lang), p.organisation, style="Cover Detail")
    labelled(doc, t("doc.reference", lang), p.reference, style="Cover Detail")
    labelled(doc, t("doc.date", lang), (today or dt.date.today()).isoformat(), style="Cover Detail")
    doc.add_paragraph(t("evaluate.intro", lang))

    doc.add_paragraph(t("evaluate.comparison", lang), style="Heading 1")
    if evaluation.model is not None:
        doc.add_paragraph(t("evaluate.model_line", lang, model=t(f"evaluate.model_{evaluation.model.model}", lang)))
    heads = ("rank", "supplier", "status", "comparison_price", "total", "unmet", "missing", "tampered", "score")
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    for cell, key in zip(table.rows[0].cells, heads, strict=True):
        cell.text = t(f"evaluate.{key}", lang)
    for r in evaluation.ranking():
        total = r.scored.total if r.scored else None
        values = (rank_text(r, lang), r.name, t(f"evaluate.{r.status()}", lang),
                  _money(r.scored.comparison_price if r.scored else r.price, lang),
                  "–" if total is None else number(round(total, 2), lang), _ids(r.unmet_mandatory, lang),
                  _ids(r.missing_answers, lang), _ids(r.tampered, lang), score_text(r, lang))
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = clean(value)
    model = evaluation.model
    criteria = ([PRICE] if model and model.model == "price_quality" and model.price else []) + list(model.criteria if model else [])
    if criteria:
        doc.add_paragraph(t("evaluate.points", lang), style="Heading 2")
        ranked = evaluation.ranking()
        grid = doc.add_table(rows=1, cols=len(ranked) + 1)
        grid.style = doc.styles["Table Grid"]
        grid.rows[0].cells[0].text = t("evaluate.sensitivity_criterion", lang)
        for cell, r in zip(grid.rows[0].cells[1:], ranked, strict=True):
            cell.text = clean(r.name)
        for key in criteria:
            cells = grid.add_row().cells
            cells[0].text = t("doc.award_price", lang) if key == PRICE else key
            for cell, r in zip(cells[1:], ranked, strict=True):
                value = r.scored.points.get(key) if r.scored else None
                cell.text = "–" if value is None else number(round(value, 2), lang)
    if evaluation.sensitivity:
        doc.add_paragraph(t("evaluate.sensitivity", lang), style="Heading 2")
        doc.add_paragraph(t("evaluate.sensitivity_intro", lang))
        sens = doc.add_table(rows=1, cols=4)
        sens.style = doc.styles["Table Grid"]
        for cell, key in zip(sens.rows[0].cells, ("sensitivity_criterion", "sensitivity_value", "sensitivity_change",
                                                  "sensitivity_new_winner"), strict=True):
            cell.text = t(f"evaluate.{key}", lang)
        for values in sensitivity_rows(evaluation):
            for cell, value in zip(sens.add_row().cells, values, strict=True):
                cell.text = clean(value)

    for r in evaluation.suppliers:
        doc.add_paragraph(clean(r.name), style="Heading 1")
        labelled(doc, t("evaluate.file_label", lang), r.file.name)
        labelled(doc, t("evaluate.status", lang), t(f"evaluate.{r.status()}", lang))
        for reason in reasons(r, evaluation.spec, lang) + review_lines(r, lang):
            doc.add_paragraph(clean(reason), style="List Bullet")
        labelled(doc, t("evaluate.unmet", lang), _ids(r.unmet_mandatory, lang))
        labelled(doc, t("evaluate.missing", lang), _ids(r.missing_answers, lang))
        labelled(doc, t("evaluate.tampered", lang), _ids(r.tampered, lang))
        labelled(doc, t("evaluate.score", lang), score_text(r, lang))
        answers = doc.add_table(rows=1, cols=3)
        answers.style = doc.styles["Table Grid"]
        for cell, key in zip(answers.rows[0].cells, ("col_id", "col_answer", "col_description"), strict=True):
            cell.text = t(f"matrix.{key}", lang)
        for item in ordered(evaluation.spec):
            values = (item.id, r.answers.get(item.id, ""), r.descriptions.get(item.id, ""))
            for cell, value in zip(answers.add_row().cells, values, strict=True):
                cell.text = clean(value)
    doc.save(str(path))


def write_report(evaluation: Evaluation, out_dir: Path, force: bool = False, template: Path | None = None) -> list[Path]:
    name = f"{t('evaluate.file', evaluation.lang)}.docx"
    inputs = [evaluation.spec.profile_path, template, *(s.file for s in evaluation.suppliers)]
    with OutputDir(out_dir, force, inputs=inputs) as out:
        out.check([name])
        write_report_docx(evaluation, out.stage(name), template)
        return out.commit()
