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

from procura.checklists.answers import AnswerMatrix, read_matrix
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


def check_weights(loaded: LoadedProfile, spec: Specification) -> dict[str, float] | None:
    """The profile's award weights, validated: bör-krav IDs of this specification or 'price', summing to 100."""
    weights = loaded.profile.evaluation
    if weights is None:
        return None
    items = {i.id: i for i in spec.items}
    for key, weight in weights.items():
        where = loaded.where("evaluation", key)
        if weight < 0:
            raise InputError(f"evaluation.{key}: weight {weight:g} is negative", where, "give weights of 0 or more")
        if key == PRICE:
            continue
        if key not in items:
            raise InputError(f"evaluation.{key}: not a requirement of this specification", where,
                             "weight only the IDs of desirable (bör) requirements in the specification, or price")
        if items[key].obligation is Obligation.ska:
            raise InputError(f"evaluation.{key}: {key} is a mandatory (ska) requirement and cannot be scored", where,
                             f"remove its weight, or make it desirable with choices.{key}.obligation: bor")
    total = sum(weights.values())
    if abs(total - 100) > 1e-6:
        raise InputError(f"evaluation: the weights sum to {total:g}, not 100", loaded.where("evaluation"),
                         "adjust the weights (desirable requirements and price) so that they sum to 100")
    return dict(weights)


@dataclass
class SupplierResult:
    file: Path
    rejected: bool
    unmet_mandatory: list[str]
    missing_answers: list[str]
    tampered: list[str]
    score: float | None
    max_score: float | None
    answers: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.file.stem

    def status(self) -> str:
        return "rejected" if self.rejected else "review" if (self.missing_answers or self.tampered) else "passes"

    def as_json(self) -> dict[str, Any]:
        return {"file": str(self.file), "rejected": self.rejected, "unmet_mandatory": self.unmet_mandatory,
                "missing_answers": self.missing_answers, "tampered": self.tampered, "score": self.score}


@dataclass
class Evaluation:
    spec: Specification
    lang: Lang
    weights: dict[str, float] | None
    suppliers: list[SupplierResult]

    def as_json(self) -> dict[str, Any]:
        return {"suppliers": [s.as_json() for s in self.suppliers]}

    def ranking(self) -> list[SupplierResult]:
        """Tenders not rejected, best score first (then by file name); rejected tenders last."""
        return sorted(self.suppliers, key=lambda s: (s.rejected, -(s.score or 0), s.name))


def evaluate_matrix(matrix: AnswerMatrix, spec: Specification, weights: dict[str, float] | None) -> SupplierResult:
    from procura.render.xlsx import CONTRACT_TERMS_ID, contract_terms_text

    terms = [i.id for i in ordered(spec) if i.is_contract_term]
    items = {i.id: i for i in spec.items if not i.is_contract_term}
    texts = {key: item.text(matrix.lang) for key, item in items.items()}
    if terms:
        texts[CONTRACT_TERMS_ID] = contract_terms_text(terms, matrix.lang)
    seen: dict[str, Any] = {}
    tampered: list[str] = []
    for row in matrix.rows:
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
    unmet, missing = [], []
    expected_rows = [(i.id, i.obligation is Obligation.ska) for i in ordered(spec) if not i.is_contract_term]
    if terms:
        expected_rows.append((CONTRACT_TERMS_ID, True))  # a tender that does not accept the terms cannot be accepted
    for row_id, mandatory in expected_rows:
        row = seen.get(row_id)
        met = row.met if row is not None else None
        if met is None:
            missing.append(row_id)
        elif met is False and mandatory:
            unmet.append(row_id)
    score = max_score = None
    if weights is not None:
        max_score = 100 - weights.get(PRICE, 0)
        score = sum(w for key, w in weights.items()
                    if key != PRICE and key in seen and seen[key].met is True and key not in tampered)
    return SupplierResult(file=matrix.path, rejected=bool(unmet), unmet_mandatory=unmet, missing_answers=missing,
                          tampered=tampered, score=score, max_score=max_score,
                          answers={k: r.answer for k, r in seen.items()},
                          descriptions={k: r.description for k, r in seen.items()})


def evaluate(profile_path: Path, answer_paths: list[Path], library: Library | None = None,
             lang: Lang | None = None) -> Evaluation:
    loaded = load_profile(profile_path)
    spec = resolve(loaded, library or load_library())
    weights = check_weights(loaded, spec)
    if not answer_paths:
        raise InputError("no answer matrix given", hint="pass one or more returned .xlsx answer matrices")
    results = [evaluate_matrix(read_matrix(path), spec, weights) for path in answer_paths]
    return Evaluation(spec, lang or loaded.profile.language, weights, results)


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


def text_report(evaluation: Evaluation) -> str:
    lang = evaluation.lang
    lines = []
    for n, r in enumerate(evaluation.ranking(), 1):
        lines.append(f"{n}. {r.name}: {t(f'evaluate.{r.status()}', lang)} · {t('evaluate.score', lang)} {score_text(r, lang)}")
        lines.append(f"   {t('evaluate.unmet', lang)}: {_ids(r.unmet_mandatory, lang)}")
        lines.append(f"   {t('evaluate.missing', lang)}: {_ids(r.missing_answers, lang)}")
        lines.append(f"   {t('evaluate.tampered', lang)}: {_ids(r.tampered, lang)}")
        for reason in reasons(r, evaluation.spec, lang):
            lines.append(f"   {reason}")
    if evaluation.weights and evaluation.weights.get(PRICE):
        lines.append(t("evaluate.price_note", lang, price=number(evaluation.weights[PRICE], lang)))
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
    heads = ("rank", "supplier", "status", "unmet", "missing", "tampered", "score")
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    for cell, key in zip(table.rows[0].cells, heads, strict=True):
        cell.text = t(f"evaluate.{key}", lang)
    for n, r in enumerate(evaluation.ranking(), 1):
        values = (str(n), r.name, t(f"evaluate.{r.status()}", lang), _ids(r.unmet_mandatory, lang),
                  _ids(r.missing_answers, lang), _ids(r.tampered, lang), score_text(r, lang))
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = clean(value)
    if evaluation.weights and evaluation.weights.get(PRICE):
        doc.add_paragraph(t("evaluate.price_note", lang, price=number(evaluation.weights[PRICE], lang)))

    for r in evaluation.suppliers:
        doc.add_paragraph(clean(r.name), style="Heading 1")
        labelled(doc, t("evaluate.file_label", lang), r.file.name)
        labelled(doc, t("evaluate.status", lang), t(f"evaluate.{r.status()}", lang))
        for reason in reasons(r, evaluation.spec, lang):
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
    with OutputDir(out_dir, force) as out:
        out.check([name])
        write_report_docx(evaluation, out.stage(name), template)
        return out.commit()
