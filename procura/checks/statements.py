"""Text rules on one requirement statement, with the context that keeps them quiet when they should be.

:func:`analyse` is a pure function of the text (and of the estimated value, for the turnover cap);
documents, profiles and libraries all feed their statements through it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from procura.checks import lexicon as lx
from procura.checks.findings import Finding, Location, Severity
from procura.checks.rules import RULES

WINDOW = 60  # characters around a match that count as "nearby"


@dataclass(frozen=True)
class Statement:
    text: str
    location: Location
    obligation: str | None = None  # "ska", "bor" or None when the text has no modal verb

    @classmethod
    def of(cls, text: str, location: Location, obligation: str | None = None) -> Statement:
        return cls(text, location, obligation if obligation is not None else obligation_of(text))


@dataclass(frozen=True)
class Context:
    """What the text rules need beyond the text."""

    estimated_value_sek: float | None = None
    framework: bool = False


@functools.lru_cache(maxsize=1 << 16)  # boilerplate repeats in a document, and copied texts across a national corpus
def obligation_of(text: str) -> str | None:
    text = lx.NOT_MANDATORY.sub(" ", text)  # "desirable, but not mandatory" demands nothing
    if lx.SKA.search(text) or lx.SKA_LABEL.search(text):
        return "ska"
    if lx.BOR.search(text):
        return "bor"
    return None


SV_MARKERS = re.compile(r"\b(?:ska|och|att|för|som|är|med|av|på|leverantören|kommunen)\b|[åäö]", re.I)
EN_MARKERS = re.compile(r"\b(?:the|shall|and|of|to|is|with|supplier|must|should)\b", re.I)


def language_of(text: str) -> str:
    sv = len(SV_MARKERS.findall(text))
    en = len(EN_MARKERS.findall(text))
    return "en" if en > sv else "sv"


def _clause_before(text: str, start: int) -> str:
    """The text before ``start`` back to the previous clause boundary."""
    head = text[max(0, start - WINDOW):start]
    cut = max(head.rfind(";"), head.rfind(". "), head.rfind(":"))
    return head[cut + 1:] if cut >= 0 else head


# a full stop that ends a sentence, not the one of an abbreviation ("snabb, dvs. högst 2 sekunder", "i.e. within 2 s")
SENTENCE_STOP = r"(?<!dvs)(?<!d\.v\.s)(?<!i\.e)(?<!t\.ex)(?<!e\.g)(?<!\bca)(?<!\bbl\.a)\.\s"
CLAUSE_AFTER = re.compile(SENTENCE_STOP + r"|\s(?:och|samt|and)\s")  # where the clause after a match ends
CLAUSE_BEFORE = re.compile(r";|" + SENTENCE_STOP + r"|\s(?:och|samt|and)\s")  # ... and the one before it begins
SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")
DIGIT = re.compile(r"\d")
NAMED_AFTER = re.compile(r"\s+(?:för|om|kring|avseende|for|on)\s+[A-ZÅÄÖ]")


def _near(text: str, match: re.Match[str], pattern: re.Pattern[str], before: int = 40, after: int = 80) -> bool:
    """Whether ``pattern`` occurs close to ``match`` without crossing a clause joined by and/och/; — except the
    one clause right after a semicolon, which often states the measure of what precedes it."""
    after_text = CLAUSE_AFTER.split(text[match.end():match.end() + after], maxsplit=1)[0]
    # "enkel att använda; minst 90 % av brukarna ska …": the clause after a semicolon states the measure
    after_text = ";".join(after_text.split(";")[:2])
    before_text = CLAUSE_BEFORE.split(text[max(0, match.start() - before):match.start()])[-1]
    return bool(pattern.search(match.group(0)) or pattern.search(after_text) or pattern.search(before_text))


def _lifted(text: str, match: re.Match[str]) -> bool:
    """A negation that lifts the demand precedes the match ("behöver inte", "inget krav på")."""
    return bool(lx.LIFTING_NEGATION.search(_clause_before(text, match.start()) + match.group(0)))


def _as_example(text: str, match: re.Match[str]) -> bool:
    return bool(lx.EXAMPLE.search(_clause_before(text, match.start())))


def _without_quotes(text: str) -> str:
    return lx.QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _amount(match: re.Match[str]) -> float | None:
    raw, scale = match.group(1), (match.group(2) or "").lower()
    if raw.lower() in lx.SV_NUMBERS:
        value = float(lx.SV_NUMBERS[raw.lower()])
    else:
        digits = raw.replace("\u00a0", "").replace(" ", "")
        if "," in digits or ("." in digits and len(digits.split(".")[-1]) != 3):
            digits = digits.replace(",", ".")
        else:
            digits = digits.replace(".", "")
        try:
            value = float(digits)
        except ValueError:
            return None
    value *= lx.SCALE.get(scale, 1.0)
    return value if math.isfinite(value) else None  # 400 digits are not an amount


def _count(word: str) -> int:
    return int(word) if word.isdigit() else lx.SV_NUMBERS.get(word.lower(), 0)


def sek(value: float) -> str:
    return f"{value:,.0f} kr".replace(",", "\u00a0")


class Features:
    """What the rules read of one statement, computed once and shared: the text, its lower case, the text with
    quotes and fixed legal terms blanked, the language, and whether an equivalent is accepted."""

    def __init__(self, statement: Statement, context: Context) -> None:
        self.statement = statement
        self.context = context
        self.text = statement.text
        self.loc = statement.location
        self.lower = statement.text.lower()

    @cached_property
    def equivalent(self) -> bool:
        return bool(lx.EQUIVALENT.search(self.text)) and not lx.SAME_MAKER.search(self.text)

    @cached_property
    def plain(self) -> str:
        """The text without quotations and fixed legal terms, which the vague rules must not read."""
        return lx.LEGAL_TERMS.sub(lambda m: " " * len(m.group(0)), _without_quotes(self.text))

    @cached_property
    def lang(self) -> str:
        return language_of(self.text)

    @cached_property
    def standard_ref(self) -> bool:
        return bool(lx.STANDARD.search(self.text))

    @cached_property
    def tokens(self) -> list[str]:
        return WORD.findall(self.lower)


WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Family:
    """Rules that share their reading of a statement. ``gates`` are the patterns one of which must match somewhere
    in the statement for the family to find anything (none: it always runs); the prefilter reads them."""

    name: str
    check: Callable[[Features], Iterator[Finding]]
    gates: tuple[re.Pattern[str], ...] = ()
    also: Callable[[Features], bool] | None = None  # what else lets the family in, when no gate's trigger is there
    needs: tuple[tuple[re.Pattern[str], ...], ...] = ()  # further gates, each of which must also be met


def analyse(statement: Statement, context: Context = Context(), *, prefilter: bool = True) -> Iterator[Finding]:
    """Every text-rule finding on one statement.

    With ``prefilter`` (the default) a statement meets only the rule families whose trigger words it contains, found
    in one pass of one combined pattern; without it every family reads every statement. Both give the same findings
    (a test holds them equal on the corpora); the prefilter only saves time."""
    features = Features(statement, context)
    present = PREFILTER.families(features.lower) if prefilter and lx.Guarded.prescan else None
    for family in FAMILIES:
        if present is None or family.name in present or (family.also is not None and family.also(features)):
            yield from family.check(features)


@contextmanager
def straightforward() -> Iterator[None]:
    """Within it, every rule family reads every statement and every pattern runs bare, with no pre-scan: the
    straightforward path, which the tests hold the fast one equal to (it only saves time)."""
    before = lx.Guarded.prescan
    lx.Guarded.prescan = False
    try:
        yield
    finally:
        lx.Guarded.prescan = before


def _turnover(f: Features) -> Iterator[Finding]:
    # OVR-001 turnover cap
    text = f.text
    turnover = lx.TURNOVER.search(text)
    if turnover and not lx.SPECIAL_REASONS.search(text) and not _lifted(text, turnover):
        yield from _turnover_cap(text, f.loc, f.context, turnover)


def _rating(f: Features) -> Iterator[Finding]:
    # OVR-002 credit rating as a gate
    text = f.text
    rating = lx.RATING.search(text) or lx.RATING_UC.search(text) or _credit_rating(text)
    if rating and lx.RATING_LEVEL.search(text) and not lx.RATING_ASSESSMENT.search(text) and not _lifted(text, rating):
        yield RULES["OVR-002"].finding(f.loc, match=rating.group(0))


def _make(f: Features) -> Iterator[Finding]:
    # OVR-003 make, model or trademark
    yield from _brand(f.text, f.loc, f.equivalent)


def _certificate(f: Features) -> Iterator[Finding]:
    # OVR-005 certificate / OVR-004 standard
    text, equivalent = f.text, f.equivalent
    labels = list(lx.LABEL.finditer(text))
    certificate = next((m for m in lx.CERTIFICATE.finditer(text)
                        if not _not_conformity(text, m) and not any(_inside(m, label) for label in labels)), None)
    standard = lx.STANDARD.search(text) or lx.STANDARD_WORD.search(text)
    if (certificate and f.statement.obligation == "ska" and not equivalent and not lx.CERT_CONTEXT_OPTIONAL.search(text)
            and not _lifted(text, certificate)):
        yield RULES["OVR-005"].finding(f.loc, match=(standard.group(0) if standard else certificate.group(0)))
    elif (standard and not equivalent and not _lifted(text, standard) and not _as_example(text, standard)
          and not _as_experience(text, standard)):
        yield RULES["OVR-004"].finding(f.loc, match=standard.group(0))


def _label(f: Features) -> Iterator[Finding]:
    # OVR-012 a label without an equivalent label
    text = f.text
    label = next((m for m in lx.LABEL.finditer(text) if not _lifted(text, m)), None)
    if label and f.statement.obligation == "ska" and not f.equivalent and not lx.LABEL_CRITERIA.search(text):
        yield RULES["OVR-012"].finding(f.loc, match=label.group(0))


def _local(f: Features) -> Iterator[Finding]:
    # OVR-006 local presence (working on site at the buyer's premises is an execution condition)
    text = f.text
    local = (lx.LOCAL_PHRASE.search(text) or lx.LOCAL_RESIDENCE.search(text)
             or (None if lx.BUYER_PREMISES.search(text) else _local_place(text)))
    if local and not lx.LATER_PRESENCE.search(text) and not _lifted(text, local):
        yield RULES["OVR-006"].finding(f.loc, match=local.group(0))


def _restricted(f: Features) -> Iterator[Finding]:
    # OVR-007 restricted references
    text = f.text
    restricted = lx.RESTRICTED_CUSTOMER.search(text)
    if (restricted and lx.REFERENCE_WORD.search(text) and not lx.RESTRICTION_OPEN.search(text)
            and not _lifted(text, restricted) and _after_reference(text, restricted)):
        yield RULES["OVR-007"].finding(f.loc, match=restricted.group(0).strip())
        return
    # experience restricted to a sector ("erfarenhet från offentlig verksamhet", a list item "i en kommunal verksamhet")
    sector = lx.SECTOR.search(text)
    if sector and not lx.SECTOR_OPEN.search(text):
        if lx.SECTOR_KNOWLEDGE.search(text[:sector.start()]) and not lx.PERSONAL_EXPERIENCE.search(text):
            sector = None
        if (sector and not _lifted(text, sector)
                and (lx.REFERENCE_WORD.search(text) or lx.EXPERIENCE_CONTEXT.search(text) or _fragment(f))):
            yield RULES["OVR-007"].finding(f.loc, variant="sector", match=sector.group(0).strip())
            return
    # knowledge of the buyer's own organisation or systems ("kunskap om Botkyrka kommun")
    own = lx.OWN_ORGANISATION.search(text)
    if own and not _lifted(text, own):
        yield RULES["OVR-007"].finding(f.loc, variant="own", match=own.group(0).strip())


def _fragment(f: Features) -> bool:
    """A list item without a modal verb ("Samhällsbyggnadsprocessen i en kommunal verksamhet"): under a heading such
    as "Erfarenhet av:" that the statement does not carry."""
    return f.statement.obligation is None and len(f.tokens) <= 14


def _citizenship(f: Features) -> Iterator[Finding]:
    # OVR-013 citizenship without a security reason
    match = lx.CITIZENSHIP.search(f.text)
    if match and not lx.SECURITY_REASON.search(f.text) and not _lifted(f.text, match):
        yield RULES["OVR-013"].finding(f.loc, match=match.group(0))


def _discretion(f: Features) -> Iterator[Finding]:
    # OVR-014 the buyer's unlimited freedom to judge
    match = lx.DISCRETION.search(f.text)
    if match and not _lifted(f.text, match):
        yield RULES["OVR-014"].finding(f.loc, match=match.group(0))


def _company_size(f: Features) -> Iterator[Finding]:
    # OVR-017 demands that differ by the size of the supplier
    match = lx.COMPANY_SIZE.search(f.text)
    if match and not _lifted(f.text, match):
        yield RULES["OVR-017"].finding(f.loc, match=match.group(0))


def _subcontractors(f: Features) -> Iterator[Finding]:
    # OVR-015 subcontractors banned
    match = lx.NO_SUBCONTRACTORS.search(f.text)
    if match and not lx.SUBCONTRACTOR_APPROVAL.search(f.text):
        yield RULES["OVR-015"].finding(f.loc, match=match.group(0))


def _paid_standard(f: Features) -> Iterator[Finding]:
    # OVR-016 a cited standard that is sold (information: the documents must be free to read)
    match = lx.PAID_STANDARD.search(f.text)
    if match and not _as_example(f.text, match) and not _lifted(f.text, match):
        yield RULES["OVR-016"].finding(f.loc, match=match.group(0))


def _method(f: Features) -> Iterator[Finding]:
    # OVR-003 a named method, tool or partner status without an equivalent
    if f.equivalent or lx.ADMIN_PLATFORM.search(f.text):
        return
    text = f.text
    partner = lx.PARTNER.search(text)
    if partner and not _lifted(text, partner) and not _as_example(text, partner):
        yield RULES["OVR-003"].finding(f.loc, variant="partner", match=partner.group(0).strip())
        return
    method = next((m for m in lx.NAMED_METHOD.finditer(text) if not _as_example(text, m) and not _lifted(text, m)), None)
    if method:
        yield RULES["OVR-003"].finding(f.loc, variant="method", match=method.group(0).strip())


def _references(f: Features) -> Iterator[Finding]:
    # OVR-008 reference count and age
    detail = _reference_detail(f.text)
    if detail:
        yield RULES["OVR-008"].finding(f.loc, match=detail)


def _live(f: Features) -> Iterator[Finding]:
    # OVR-009 live at all customers
    live = lx.LIVE_EVERYWHERE.search(f.text)
    if live and not _lifted(f.text, live):
        yield RULES["OVR-009"].finding(f.loc, match=live.group(0))


def _all_mandatory(f: Features) -> Iterator[Finding]:
    # OVR-010 every requirement declared mandatory at once
    every = lx.ALL_MANDATORY.search(f.text)
    if every and not lx.NOT_MANDATORY.search(every.group(0)) and not lx.ALL_MANDATORY_EXPLAINED.search(every.group(0)):
        yield RULES["OVR-010"].finding(
            f.loc, detail_sv=f"Alla krav förklaras vara ska-krav (\"{every.group(0)}\"); varje missat ska-krav tvingar fram ett "
                             "förkastat anbud. Pröva varje krav för sig och gör önskemål till bör-krav.",
            detail_en=f"Every requirement is declared mandatory (\"{every.group(0)}\"); each one missed forces a rejected "
                      "tender. Weigh each requirement and make wishes desirable requirements.")


def _stated_class(f: Features) -> Iterator[Finding]:
    # OVR-011 a level above the class the text itself states
    yield from _above_stated_class(f.text, f.loc)


def _wish(f: Features) -> Iterator[Finding]:
    # OVR-010 a wish written as a mandatory requirement
    if f.statement.obligation == "ska":
        wish = lx.WISH.search(f.text)
        if wish:
            yield RULES["OVR-010"].finding(
                f.loc, detail_sv=f"Ska-kravet uttrycker ett önskemål (\"{wish.group(0)}\"); gör det till ett bör-krav.",
                detail_en=f"The mandatory requirement expresses a wish (\"{wish.group(0)}\"); make it desirable.")


def _level(f: Features) -> Iterator[Finding]:
    # VAG-007 a level of knowledge or experience with no measure; a language or a certification with no level or name
    plain = f.plain
    for match in lx.UNMEASURED_LEVEL.finditer(plain):
        if _lifted(plain, match) or _near(plain, match, lx.COMPETENCE_MEASURE, before=30, after=40):
            continue
        yield RULES["VAG-007"].finding(f.loc, match=match.group(0).strip())
        return
    language = lx.LANGUAGE_LEVEL.search(plain)
    if language and not lx.LANGUAGE_SCALE.search(plain) and not _lifted(plain, language):
        yield RULES["VAG-007"].finding(f.loc, match=language.group(0).strip())
        return
    certified = lx.CERTIFIED_FIELD.search(plain)
    if certified and not lx.CERTIFIED_NAMED.search(plain):
        yield RULES["VAG-007"].finding(f.loc, match=certified.group(0).strip())


def _trait(f: Features) -> Iterator[Finding]:
    # VAG-008 a personal trait as a requirement
    plain = f.plain
    for match in lx.TRAIT.finditer(plain):
        if _lifted(plain, match) or lx.TRAIT_OF_THING.match(plain, match.start()):
            continue
        yield RULES["VAG-008"].finding(f.loc, match=match.group(0).strip(" ,"))
        return


def _comparison(f: Features) -> Iterator[Finding]:
    # VAG-009 a comparison with nothing to compare against
    plain = f.plain
    for match in lx.UNDEFINED_COMPARISON.finditer(plain):
        after = plain[match.end():match.end() + 40]
        if (match.group(0).lower().startswith("liknande") and plain[max(0, match.start() - 6):match.start()].lower()
                == "eller " and lx.PROHIBITION.search(plain)):
            continue
        if match.group(0).lower().startswith("motsvarande") and lx.EVIDENCE_OF.search(plain[max(0, match.start() - 60):match.start()]):
            continue
        # a size after the comparison defines it ("större än 500 anställda"); a count before it does not ("minst
        # tre liknande uppdrag" says how many, not what is similar)
        if (_lifted(plain, match) or lx.COMPARISON_DEFINED.search(after) or lx.MEASURE.search(match.group(0))
                or lx.MEASURE.search(after) or lx.COMPETENCE_MEASURE.search(after)):
            continue
        yield RULES["VAG-009"].finding(f.loc, match=match.group(0).strip())
        return


def _untimed(f: Features) -> Iterator[Finding]:
    # VAG-010 timing without a time
    plain = f.plain
    for match in lx.UNTIMED.finditer(plain):
        if _lifted(plain, match) or _near(plain, match, lx.FREQUENCY, before=40, after=60):
            continue
        yield RULES["VAG-010"].finding(f.loc, match=match.group(0))
        return


def _placeholder(f: Features) -> Iterator[Finding]:
    for match in lx.PLACEHOLDER.finditer(f.text):
        yield RULES["CON-005"].finding(f.loc, match=match.group(0))
        break


def _brand(text: str, loc: Location, equivalent: bool) -> Iterator[Finding]:
    """A named make or supplier without an equivalent open to other makers, or with one but no written reason. A make
    named as what a person knows or has worked with ("erfarenhet av UiPath") describes the buyer's environment, and a
    procurement platform named for submitting the tender is administration: neither is a demand on the product."""
    if lx.ADMIN_PLATFORM.search(text):
        return
    brands = [m for m in _brands(text) if not _as_example(text, m) and not _lifted(text, m) and not _as_experience(text, m)]
    suppliers = [m for m in lx.SUPPLIER_NAME.finditer(text) if not _as_example(text, m) and not _lifted(text, m)]
    # the make is named to describe what must fit, which is the justification ("Connect" in a product name is not)
    outside = text
    for named in brands + suppliers:
        outside = outside[:named.start()] + " " * (named.end() - named.start()) + outside[named.end():]
    if lx.COMPATIBILITY.search(outside):
        return
    rule = RULES["OVR-003"]
    if suppliers and (not equivalent or _same_maker(text, suppliers)):
        yield rule.finding(loc, variant="supplier", match=suppliers[0].group(1))
    elif brands and (not equivalent or _same_maker(text, brands)):
        yield rule.finding(loc, match=brands[0].group(0).strip())
    elif (brands or suppliers) and not lx.JUSTIFICATION.search(text):
        # "eller likvärdigt" is there, the written justification LOU 9 kap. 6 § also asks for is not: a warning, as
        # the reason may stand elsewhere in the documents
        named = suppliers[0].group(1) if suppliers else brands[0].group(0).strip()
        yield rule.finding(loc, severity=Severity.warning, variant="unjustified", match=named)


def _as_experience(text: str, match: re.Match[str]) -> bool:
    """The match is the object of knowledge or experience: an experience word earlier in the same sentence."""
    head = SENTENCE_END.split(text[max(0, match.start() - 150):match.start()])[-1]
    return bool(lx.EXPERIENCE_CONTEXT.search(head))


def _same_maker(text: str, brands: list[re.Match[str]]) -> bool:
    """The equivalent is limited to the maker already named ("Careium GO eller motsvarande produkt från Careium")."""
    makers = {next((g for g in m.groups() if g), m.group(0)).split()[0].lower() for m in brands}
    return any(m.group(1).lower() in makers or lx.BRANDS.fullmatch(m.group(1))
               for m in lx.EQUIVALENT_FROM.finditer(text))


def _inside(match: re.Match[str], outer: re.Match[str]) -> bool:
    return outer.start() <= match.start() < outer.end()


def _above_stated_class(text: str, loc: Location) -> Iterator[Finding]:
    """A level demanded above the classification the same text states ("klassats som K1 … ska uppfylla nivå 3")."""
    stated: list[tuple[str | None, int, tuple[int, int]]] = []
    for match in lx.STATED_CLASS.finditer(text):
        letter = match.group("letter") or match.group("letter2") or match.group("letter3")
        level = match.group("level") or match.group("level3")
        stated.append((letter.upper() if letter else None, int(level), match.span()))
        # the classes listed right after the first one ("K2, R2 och T1")
        for more in lx.CLASS_TOKEN.finditer(text, match.end(), min(len(text), match.end() + 30)):
            stated.append((more.group("letter"), int(more.group("level")), more.span()))
    obligation = lx.SKA.search(text)
    if not stated or not obligation:
        return
    for match in lx.DEMANDED_LEVEL.finditer(text, obligation.start()):
        if any(a <= match.start() < b for _, _, (a, b) in stated):
            continue  # the stated class itself
        letter = match.group("letter") or match.group("letter2")
        level = int(match.group("level") or match.group("level2"))
        letter = letter.upper() if letter else None
        comparable = [lvl for s_letter, lvl, _ in stated if letter is None or s_letter is None or s_letter == letter]
        if comparable and level > max(comparable):
            yield RULES["OVR-011"].finding(
                loc, detail_sv=f"Texten anger klassningen {_class_name(stated)} men kräver {match.group(0)}; en nivå över "
                               "klassningen behöver en skriftlig motivering.",
                detail_en=f"The text states the classification {_class_name(stated)} but demands {match.group(0)}; a level "
                          "above the classification needs a written motive.")
            return


def _class_name(stated: list[tuple[str | None, int, tuple[int, int]]]) -> str:
    return ", ".join(f"{letter or ''}{level}" for letter, level, _ in stated)


def _turnover_cap(text: str, loc: Location, ctx: Context, turnover: re.Match[str]) -> Iterator[Finding]:
    rule = RULES["OVR-001"]
    multiple = lx.TURNOVER_MULTIPLE.search(text)
    if multiple and _count(multiple.group(1)) > 2:
        yield rule.finding(
            loc, detail_sv=f"Kravet på omsättning ({multiple.group(0)}) är högre än två gånger det uppskattade värdet "
                           "och inga särskilda skäl anges.",
            detail_en=f"The required turnover ({multiple.group(0)}) exceeds twice the estimated value and no special "
                      "reasons are stated.")
        return
    if not ctx.estimated_value_sek:
        return
    amounts = [(a, m) for m in lx.AMOUNT.finditer(text, turnover.start()) if (a := _amount(m)) and a >= 10_000]
    # any written amount counts here, whatever its size: a foreign amount is never compared, only shown
    foreign = [(m, currency) for m in lx.AMOUNT.finditer(text, turnover.start())
               if DIGIT.search(m.group(0)) and (currency := _foreign_currency(text, m))]
    if foreign:
        # no exchange rate is invented: the comparison is left to the reader, as a warning
        match, currency = foreign[0]
        amount, cap = match.group(0).strip(), sek(2 * ctx.estimated_value_sek)
        yield rule.finding(
            loc, severity=Severity.warning,
            detail_sv=f"Kravet på omsättning ({amount}) anges i {currency}, det uppskattade värdet i kronor; procura "
                      f"räknar inte om valuta. Jämför själv med taket {cap} (2 × {sek(ctx.estimated_value_sek)}).",
            detail_en=f"The required turnover ({amount}) is in {currency} and the estimated value in SEK; procura does not "
                      f"convert currencies. Compare it yourself with the cap {cap} (2 × {sek(ctx.estimated_value_sek)}).")
        return
    if amounts:
        required, cap = max(a for a, _ in amounts), 2 * ctx.estimated_value_sek
        if required > cap:
            fw_sv = " (Ramavtal: taket räknat på ramavtalets uppskattade värde.)" if ctx.framework else ""
            fw_en = " (Framework: cap computed on the framework's estimated value.)" if ctx.framework else ""
            value = sek(ctx.estimated_value_sek)
            yield rule.finding(
                loc, detail_sv=f"Kravet på omsättning ({sek(required)}) är högre än två gånger det uppskattade värdet "
                               f"({sek(cap)} = 2 × {value}) och inga särskilda skäl anges.{fw_sv}",
                detail_en=f"The required turnover ({sek(required)}) exceeds twice the estimated value ({sek(cap)} = "
                          f"2 × {value}) and no special reasons are stated.{fw_en}")


def _foreign_currency(text: str, amount: re.Match[str]) -> str | None:
    """The currency written right before or after an amount, when it is not the krona."""
    around = text[max(0, amount.start() - 4):amount.start()] + amount.group(0) + text[amount.end():amount.end() + 12]
    currency = lx.FOREIGN_CURRENCY.search(around)
    return currency.group(0) if currency else None


def _credit_rating(text: str) -> re.Match[str] | None:
    """A bare "rating"/"betyg" counts only in a text about credit or finances (not a CVSS severity rating)."""
    bare = lx.RATING_BARE.search(text)
    return bare if bare and lx.FINANCIAL.search(text) else None


def _not_conformity(text: str, match: re.Match[str]) -> bool:
    """The certificate is a technical one (device, TLS) or an authority's attestation (taxes paid)."""
    return any(m.start() <= match.start() < m.end() for m in lx.CERT_NOT_CONFORMITY.finditer(text))


def _brands(text: str) -> Iterator[re.Match[str]]:
    for match in lx.BRANDS.finditer(text):
        if lx.PLATFORMS.fullmatch(match.group(0).strip()):
            continue
        yield match
    for match in lx.BRAND_MARKERS.finditer(text):
        name = next((g for g in match.groups() if g), None)
        if name and not lx.STANDARD.match(name):
            yield match


def _local_place(text: str) -> re.Match[str] | None:
    for match in lx.LOCAL_PLACE.finditer(text):
        before = _clause_before(text, match.start()) + match.group(0)
        if lx.PRESENCE_VERB.search(before):
            return match
    return None


def _after_reference(text: str, restricted: re.Match[str]) -> bool:
    """The customer restriction qualifies a reference or experience, not something else in the sentence."""
    head = text[max(0, restricted.start() - 120):restricted.start()]
    head = SENTENCE_END.split(head)[-1]  # the same sentence only
    # "Endast referenser från offentliga beställare": the reference may stand inside the restriction, before its kind
    kind = lx.RESTRICTION_KIND.search(restricted.group(0))
    inner = restricted.group(0)[:kind.start()] if kind else ""
    return bool(lx.REFERENCE_WORD.search(head) or lx.REFERENCE_WORD.search(inner))


def _reference_detail(text: str) -> str | None:
    for match in lx.REFERENCE_COUNT.finditer(text):
        if _count(match.group(1)) > 3 and not _lifted(text, match):
            return match.group(0)
    for match in lx.DELIVERY_COUNT.finditer(text):
        if _count(match.group(1)) > 3 and not _lifted(text, match):
            return match.group(0)
    years = lx.YEARS_IN_BUSINESS.search(text)
    if years and lx.PERSONAL_EXPERIENCE.search(years.group(0)) and not lx.COMPANY_SUBJECT.search(text):
        years = None  # "minst 10 års erfarenhet av projektledning": a person's experience, not the company's history
    if years:
        count = next(g for g in years.groups() if g)
        if _count(count) > 3:
            return years.group(0)
    duration = lx.REFERENCE_DURATION.search(text)
    if duration and lx.REFERENCE_WORD.search(text) and _count(duration.group(1)) > 3:
        return duration.group(0)
    band = lx.VALUE_BAND.search(text)
    if band and lx.REFERENCE_WORD.search(text):
        return band.group(0)
    return None


def _subjective(f: Features) -> Iterator[Finding]:
    # VAG-001 a subjective word with no measure nearby
    plain = f.plain
    subjective = list(lx.SUBJECTIVE.finditer(plain))
    if lx.SUBJECTIVE_EN_ONLY.search(plain) and f.lang == "en":
        subjective = sorted(subjective + list(lx.SUBJECTIVE_EN_ONLY.finditer(plain)), key=lambda m: m.start())
    subjective += [m for m in _misspelt_subjective(plain) if not any(m.start() == s.start() for s in subjective)]
    for match in subjective:
        if _lifted(plain, match) or f.standard_ref or _near(plain, match, lx.MEASURE):
            continue
        yield RULES["VAG-001"].finding(f.loc, match=match.group(0))
        break


def _escape(f: Features) -> Iterator[Finding]:
    # VAG-002 an escape clause
    plain = f.plain
    for match in lx.ESCAPE.finditer(plain):
        if lx.ESCAPE_NEED.fullmatch(match.group(0)) and lx.MEASURE.search(plain):
            continue
        yield RULES["VAG-002"].finding(f.loc, match=match.group(0))
        break


def _open_ended(f: Features) -> Iterator[Finding]:
    # VAG-003 an open-ended list
    for match in lx.OPEN_ENDED.finditer(f.plain):
        yield RULES["VAG-003"].finding(f.loc, match=match.group(0))
        break


def _catch_all(f: Features) -> Iterator[Finding]:
    # VAG-004 law or standards named by category only
    plain = f.plain
    for match in [*lx.CATCH_ALL.finditer(plain), *lx.CATCH_ALL_MORE.finditer(plain)]:
        if lx.LEGAL_REFERENCE.search(plain) or f.standard_ref or NAMED_AFTER.match(plain, match.end()):
            continue  # "gällande regelverk för Svensk e-legitimation" names the rules
        yield RULES["VAG-004"].finding(f.loc, match=match.group(0))
        break


def _unmeasurable(f: Features) -> Iterator[Finding]:
    # VAG-005 a mandatory requirement with nothing measurable
    plain = f.plain
    unmeasurable = lx.UNMEASURABLE.search(plain)
    if unmeasurable and not lx.MEASURE.search(plain) and not f.standard_ref and not _lifted(plain, unmeasurable):
        yield RULES["VAG-005"].finding(f.loc, match=_short(f.text))


def _quantity(f: Features) -> Iterator[Finding]:
    # VAG-006 a vague quantity
    plain = f.plain
    ok = [m.span() for m in lx.QUANTITY_OK.finditer(plain)]
    for match in lx.QUANTITY.finditer(plain):
        if any(a <= match.start() < b for a, b in ok):
            continue
        if match.group(0).lower() == "några" and lx.NEGATION.search(_clause_before(plain, match.start())):
            continue
        yield RULES["VAG-006"].finding(f.loc, match=match.group(0))
        break


def _misspelt_subjective(text: str) -> Iterator[re.Match[str]]:
    """Long words one edit away from a subjective word of the list ("Användarvänlgt")."""
    for word in lx.FUZZY_TOKEN.finditer(text):
        if _misspelt(word.group(0).lower()):
            yield word


LONG_TOKEN = re.compile(r"[\w-]{" + str(lx.FUZZY_MIN_LENGTH - 1) + ",}")  # a greedy run from a word's start: its whole word


def _has_misspelt(f: Features) -> bool:
    return any(_misspelt(token) for token in LONG_TOKEN.findall(f.lower))


_FUZZY_LONG = tuple(term for term in lx.FUZZY_SUBJECTIVE if len(term) >= lx.FUZZY_MIN_LENGTH)


@lru_cache(maxsize=65536)
def _misspelt(token: str) -> bool:
    """One edit away from a long subjective word, and not that word itself (the word list reads it); cached, as a
    document repeats its vocabulary, and compared in C (rapidfuzz) with a cut-off of one edit."""
    if token in lx.FUZZY_SUBJECTIVE:
        return False
    return process.extractOne(token, _FUZZY_LONG, scorer=OSA.distance, score_cutoff=1) is not None


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- the prefilter ------------------------------------------------------------------------------------------------
# Each family is gated by the patterns it cannot do without. From each gate pattern the literal strings one of which
# every match must contain are read off the pattern itself (so no hand-kept trigger list can fall out of step with
# the rules); all of them, lower-cased, go into one Aho–Corasick automaton that finds, in one pass, every family whose
# trigger the statement contains.

def _needs_name(family: str, number: int) -> str:
    return f"{family}&{number}"


class Prefilter:
    """Every family's trigger strings in one automaton (:class:`procura.checks.lexicon.Triggers`): one pass over the
    lower-cased text finds every trigger it holds, and with them the families that can find something."""

    def __init__(self, families: Iterable[Family]) -> None:
        self.always: set[str] = set()
        self.needs: dict[str, list[str]] = {}
        owners: dict[str, set[str]] = {}
        for family in families:
            groups = [(family.name, family.gates)] + [(_needs_name(family.name, n), group)
                                                      for n, group in enumerate(family.needs)]
            self.needs[family.name] = [name for name, _ in groups[1:]]
            for name, gates in groups:
                literals: set[str] = set()
                for gate in gates:
                    needed = lx.required_literals(gate)
                    if needed is None:
                        literals = set()
                        break
                    literals |= needed
                if not gates or not literals:
                    self.always.add(name)
                    continue
                for literal in literals:
                    owners.setdefault(literal, set()).add(name)
        self.owners = {literal: frozenset(names) for literal, names in owners.items()}
        self.triggers = lx.Triggers(owners)

    def families(self, lower: str) -> set[str]:
        """The families whose every gate has a trigger in the (lower-cased) text."""
        present = set(self.always)
        for trigger in self.triggers.found(lower):
            present |= self.owners[trigger]
        return {name for name in present if name in self.needs and all(n in present for n in self.needs[name])}


FAMILIES: tuple[Family, ...] = (
    Family("turnover", _turnover, (lx.TURNOVER,)),
    Family("rating", _rating, (lx.RATING, lx.RATING_UC, lx.RATING_BARE)),
    Family("make", _make, (lx.BRANDS, lx.BRAND_MARKERS, lx.SUPPLIER_NAME)),
    Family("certificate", _certificate, (lx.CERTIFICATE, lx.STANDARD_GATE, lx.STANDARD_WORD)),
    Family("label", _label, (lx.LABEL,)),
    Family("local", _local, (lx.LOCAL_PHRASE, lx.LOCAL_RESIDENCE, lx.LOCAL_PLACE)),
    Family("restricted", _restricted, (lx.RESTRICTED_CUSTOMER, lx.SECTOR, lx.OWN_ORGANISATION)),
    Family("references", _references, (lx.REFERENCE_COUNT, lx.DELIVERY_COUNT, lx.YEARS_IN_BUSINESS, lx.REFERENCE_DURATION,
                                       lx.VALUE_BAND),
           needs=((lx.COUNT_GATE,),)),
    Family("live", _live, (lx.LIVE_EVERYWHERE,), needs=((lx.LIVE_GATE,), (lx.ALL_GATE,))),
    Family("all-mandatory", _all_mandatory, (lx.ALL_MANDATORY,)),
    Family("stated-class", _stated_class, (lx.STATED_CLASS,)),
    Family("wish", _wish, (lx.WISH,)),
    Family("citizenship", _citizenship, (lx.CITIZENSHIP,)),
    Family("discretion", _discretion, (lx.DISCRETION,)),
    Family("subcontractors", _subcontractors, (lx.NO_SUBCONTRACTORS,)),
    Family("company-size", _company_size, (lx.COMPANY_SIZE,)),
    Family("method", _method, (lx.PARTNER, lx.NAMED_METHOD)),
    Family("paid-standard", _paid_standard, (lx.PAID_STANDARD,)),
    Family("subjective", _subjective, (lx.SUBJECTIVE, lx.SUBJECTIVE_EN_ONLY), also=_has_misspelt),
    Family("escape", _escape, (lx.ESCAPE,)),
    Family("open-ended", _open_ended, (lx.OPEN_ENDED,)),
    Family("catch-all", _catch_all, (lx.CATCH_ALL, lx.CATCH_ALL_MORE)),
    Family("unmeasurable", _unmeasurable, (lx.UNMEASURABLE,)),
    Family("quantity", _quantity, (lx.QUANTITY,)),
    Family("level", _level, (lx.UNMEASURED_LEVEL, lx.LANGUAGE_LEVEL, lx.CERTIFIED_FIELD)),
    Family("trait", _trait, (lx.TRAIT,)),
    Family("comparison", _comparison, (lx.UNDEFINED_COMPARISON,)),
    Family("untimed", _untimed, (lx.UNTIMED,)),
    Family("placeholder", _placeholder, (lx.PLACEHOLDER,)),
)
PREFILTER = Prefilter(FAMILIES)
