"""Queries over a loaded library: filtering, similarity search, statistics, display."""

from __future__ import annotations

from collections import Counter
from typing import Any

from procura.errors import InputError
from procura.i18n import t
from procura.library.loader import Library
from procura.models import LANGS, Lang, Requirement


def filter_requirements(lib: Library, category: str | None = None, product: str | None = None) -> list[Requirement]:
    if category is not None and category not in lib.categories:
        raise InputError(f"--category: unknown category {category!r}", hint=f"use one of {', '.join(lib.categories)}")
    if product is not None and product not in lib.products:
        raise InputError(f"--product: unknown product area {product!r}", hint=f"use one of {', '.join(lib.products)}")
    return [r for r in lib
            if (category is None or r.category == category)
            and (product is None or not r.products or product in r.products)]


def summary(req: Requirement, lang: Lang) -> dict[str, Any]:
    return {
        "id": req.id,
        "title": req.title.get(lang),
        "category": req.category,
        "role": req.role.value,
        "obligation": req.obligation.value,
        "products": list(req.products),
        "levels": [lv.value for lv in req.levels],
        "languages": req.languages(),
    }


def search(lib: Library, text: str, limit: int = 10) -> list[tuple[Requirement, float]]:
    """The requirements that best match ``text``, best first, with scores 0–100 (see
    :mod:`procura.library.ranking`); a requirement ID given as the text comes first."""
    from procura.library.ranking import requirement_index

    if not text.strip():
        raise InputError("search text is empty", hint="give a few words, e.g. 'loggning'")
    reqs = {r.id: r for r in lib}
    exact = reqs.get(text.strip().upper())
    hits = [(reqs[key], score) for key, score in requirement_index(reqs.values()).rank(text, limit)
            if exact is None or key != exact.id]
    return ([(exact, 100.0)] + hits)[:limit] if exact else hits


def statistics(lib: Library) -> dict[str, Any]:
    reqs = list(lib)
    by_product: Counter = Counter()
    for r in reqs:
        for p in r.products or ["(all)"]:
            by_product[p] += 1
    return {
        "requirements": len(reqs),
        "obligation": {kind: sum(r.obligation.value == kind for r in reqs) for kind in ("ska", "bor")},
        "categories": {slug: sum(r.category == slug for r in reqs) for slug in lib.categories},
        "products": {"(all)": by_product["(all)"]} | {slug: by_product[slug] for slug in lib.products},
        "levels": {str(n): sum(len(r.levels) == n for r in reqs) for n in (1, 2, 3)},
        "languages": {lang: sum(lang in r.languages() for r in reqs) for lang in LANGS},
        "roles": dict(Counter(r.role.value for r in reqs)),
    }


def describe_requirement(req: Requirement, lib: Library, lang: Lang) -> str:
    """Plain text of a requirement with every level, for `procura library show`."""
    lines = [f"{req.id}  {req.title.get(lang)}",
             f"{t(f'role.{req.role.value}', lang)} · {t(f'obligation_long.{req.obligation.value}', lang)}"
             f" · {lib.categories[req.category].name.get(lang) if req.category in lib.categories else req.category}",
             f"{t('fact.products', lang)}: {', '.join(req.products) or '*'}", ""]
    for level, spec in req.levels.items():
        lines.append(f"[{t(f'level.{level.value}', lang)}]")
        if spec.when is not None:
            from procura.sizing.describe import describe

            lines.append(f"  ({describe(spec.when, lang)})")
        lines.append(f"  {spec.text.get(lang)}")
    for param in req.parameters:
        defaults = ", ".join(f"{lv.value} {v:g}" for lv, v in param.defaults.items())
        bound = f"; {param.proportionate:g}" if param.proportionate is not None else ""
        lines.append(f"  {{{{{param.name}}}}} {param.label.get(lang)} [{param.unit}]: {defaults}{bound}")
    lines += ["", f"{t('doc.motive', lang)}: {req.motive.get(lang)}",
              f"{t('doc.verification', lang)}: {req.verification.method.get(lang)} "
              f"({', '.join(t(f'stage.{s.value}', lang) for s in req.verification.stages)})"]
    if req.scoring:
        lines.append(f"{t('doc.scoring', lang)}: {req.scoring.get(lang)}")
    if req.overreach:
        lines.append(f"{t('doc.overreach', lang)}: {req.overreach.get(lang)}")
    for src in req.sources:
        lines.append(f"{t('doc.sources', lang)}: {src.citation} <{src.url}>")
    return "\n".join(lines)
