"""Writing new profiles (``procura init``). Reading them is procura.sizing.load_profile."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from procura.errors import InputError
from procura.library import load_library
from procura.models import Profile
from procura.render.jinja import environment
from procura.render.output import preflight, write_file
from procura.yamlio import parse_yaml, validate


@dataclass
class ProfileAnswers:
    organisation: str
    title: str
    reference: str
    products: list[str]
    value: float
    years: float
    framework: bool
    classification: str
    personal_data: str
    life_critical: bool
    users: list[str]
    data_location: str
    language: str


def parse_classification(text: str) -> tuple[int, int, int]:
    try:
        levels = tuple(int(x) for x in text.replace(" ", "").split(","))
    except ValueError:
        levels = ()
    if len(levels) != 3 or not all(0 <= x <= 4 for x in levels):
        raise InputError(f"--classification: {text!r} is not three KLASSA levels", hint="write K,R,T with each 0-4, e.g. 3,3,4")
    return levels  # type: ignore[return-value]


def render_profile(a: ProfileAnswers, filename: str) -> str:
    library = load_library()
    products = [p.strip() for p in a.products if p.strip()]
    unknown = [p for p in products if p not in library.products]
    if unknown:
        raise InputError(f"--product: unknown product area {', '.join(unknown)}", hint=f"use one of {', '.join(library.products)}")
    k, r, t = parse_classification(a.classification)
    env = environment().overlay()
    env.filters["yaml"] = lambda v: json.dumps(str(v), ensure_ascii=False)  # a JSON string is a valid YAML scalar
    return env.get_template("profile.yaml.j2").render(
        filename=filename, organisation=a.organisation, title=a.title, reference=a.reference, language=a.language,
        products=products, product_help="product areas: " + ", ".join(library.products),
        value=int(a.value) if a.value == int(a.value) else a.value, years=a.years if a.years != int(a.years) else int(a.years),
        framework=str(bool(a.framework)), confidentiality=k, integrity=r, availability=t, personal_data=a.personal_data,
        life_critical=str(bool(a.life_critical)), users=[u.strip() for u in a.users if u.strip()], data_location=a.data_location,
    )


def write_profile(path: Path, a: ProfileAnswers, force: bool = False) -> None:
    hint = "choose another name"
    preflight(path, force, hint=hint)
    text = render_profile(a, path.name)
    validate(parse_yaml(text, path), Profile, text, path)  # what we write must load back
    write_file(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), force, hint=hint)
