"""Writing new profiles (``procura init``). Reading them is procura.sizing.load_profile."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from procura.errors import InputError, OutputError
from procura.library import load_library
from procura.models import Profile
from procura.render.jinja import environment
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
    facts: dict | None = None  # profile facts (volumes, systems, alarms, ...); None: written as comments to fill in


# Answers as officers type them, in Swedish or English, mapped to the profile's values.
YES = {"ja", "j", "yes", "y", "true", "sant"}
NO = {"nej", "n", "no", "false", "falskt"}
SYNONYMS = {
    "personal_data": {"inga": "none", "ingen": "none", "none": "none", "vanliga": "ordinary", "ordinary": "ordinary",
                      "känsliga": "sensitive", "kansliga": "sensitive", "sensitive": "sensitive"},
    "users": {"invånare": "residents", "invanare": "residents", "brukare": "residents", "residents": "residents",
              "personal": "staff", "staff": "staff", "anhöriga": "relatives", "anhoriga": "relatives", "relatives": "relatives"},
    "data_location": {"valfri": "any", "any": "any", "eu": "eu_eea", "eu/ees": "eu_eea", "eu_eea": "eu_eea", "eea": "eu_eea",
                      "sverige": "sweden", "sweden": "sweden"},
    "language": {"sv": "sv", "svenska": "sv", "swedish": "sv", "en": "en", "engelska": "en", "english": "en"},
}


def parse_number(text: str) -> float:
    """ "2 500 000", "2\u00a0500\u000a", "2,5", "2.5", "2 500 000 kr" -> a number; else InputError."""
    cleaned = str(text).strip().lower().removesuffix("kr").removesuffix("sek").strip()
    cleaned = cleaned.replace("\u00a0", "").replace(" ", "").replace("_", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise InputError(f"{text!r} is not a number", hint="write digits, e.g. 2 500 000 or 2,5") from None


def parse_bool(text: str | bool) -> bool:
    if isinstance(text, bool):
        return text
    word = str(text).strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise InputError(f"{text!r} is not yes or no", hint="answer ja or nej (yes or no)")


def parse_choice(kind: str, text: str) -> str:
    word = str(text).strip().lower()
    if word in SYNONYMS[kind]:
        return SYNONYMS[kind][word]
    choices = sorted(set(SYNONYMS[kind]))
    raise InputError(f"{text!r} is not one of the answers", hint=f"answer one of {', '.join(choices)}")


def parse_list(kind: str, text: str) -> list[str]:
    return [parse_choice(kind, part) for part in str(text).split(",") if part.strip()]


def parse_products(text: str | list[str]) -> list[str]:
    products = [p.strip() for p in (text.split(",") if isinstance(text, str) else text) if p.strip()]
    valid = list(load_library().products)
    unknown = [p for p in products if p not in valid]
    if unknown or not products:
        raise InputError(f"unknown product area {', '.join(unknown) or '(none)'}", hint=f"use one of {', '.join(valid)}")
    return products


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
    facts_yaml = _facts_yaml(a.facts) if a.facts else None
    env.filters["yaml"] = lambda v: json.dumps(str(v), ensure_ascii=False)  # a JSON string is a valid YAML scalar
    return env.get_template("profile.yaml.j2").render(
        filename=filename, organisation=a.organisation, title=a.title, reference=a.reference, language=a.language,
        products=products, product_help="product areas: " + ", ".join(library.products),
        value=int(a.value) if a.value == int(a.value) else a.value, years=a.years if a.years != int(a.years) else int(a.years),
        framework=str(bool(a.framework)), confidentiality=k, integrity=r, availability=t, personal_data=a.personal_data,
        life_critical=str(bool(a.life_critical)), users=[u.strip() for u in a.users if u.strip()], data_location=a.data_location,
        facts_yaml=facts_yaml, alarms="trygghetslarm" in products, products_first=products[0],
    )


def _facts_yaml(facts: dict) -> str:
    """The profile facts as YAML lines (JSON scalars are valid YAML and need no escaping)."""
    lines = []
    for key, value in facts.items():
        if value is None or value == {} or value == []:
            continue
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines)


def write_profile(path: Path, a: ProfileAnswers, force: bool = False) -> None:
    if path.exists() and not force:
        raise OutputError(f"{path}: exists — choose another name, or pass --force to overwrite it")
    text = render_profile(a, path.name)
    validate(parse_yaml(text, path), Profile, text, path)  # what we write must load back
    try:
        fd, tmp = tempfile.mkstemp(prefix=".procura-", dir=path.parent if str(path.parent) else ".")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror}) — check the folder exists and is writable") from None
