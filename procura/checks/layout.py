"""From a document's layout to requirement statements, as a reader would quote them.

A reader (:mod:`procura.checks.pdf`, :mod:`procura.checks.word`) turns a document into
:class:`Block` s: headings with their section number, paragraphs, list items and table rows, each
with its place. :func:`statements` then

- keeps the nearest section number ("3.2.1") as the requirement ID of what stands under it;
- splits paragraphs into sentences and keeps those that demand something (a modal verb);
- keeps list items and table rows under a lead-in that demands ("Konsulten ska ha:",
  "Ska-krav", "Meriterande:"), with the lead-in's obligation when the item has no verb of its own;
- reads form layouts: "Krav: … Svar: Ja/Nej", "Ska-krav: …", and the platforms' question boxes
  ("… ? Ja/Nej. Ja krävs").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from procura.checks import lexicon as lx
from procura.checks.findings import Location
from procura.checks.statements import Statement

MAX_STATEMENT_CHARS = 5_000
# the modal verbs, pre-scanned with their own strings: the layout asks this of every cell and line, most of which
# never become statements, so the shared scan for every rule's strings (lexicon.Triggers) would be wasted on them
MODAL = lx.guarded(lx.MODAL.compiled)
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
SECTION = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,3}){0,5})\.?\s+(?P<title>\S.*)$", re.S)
# an ID a requirement carries itself: "K12", "SK-3", "A.1.2"
OWN_ID = re.compile(r"^(?P<id>[A-ZÅÄÖ]{1,6}[-_.]?\d+(?:[.-]\d+)*[a-z]?)[.:)]?\s+(?P<rest>\S.*)$", re.S)
MARKER = re.compile(r"^(?:[•▪◦●○■□►▶➢➤✓✔\-–—*·\uf000-\uf8ff]\s*|\(?[a-zA-Z0-9]{1,2}[.)]\s+|\d{1,2}\.\d{1,2}\s+)")
# a label that opens a form row: "Krav: …", "Ska-krav: …", "Bör-krav 3: …"
FORM_LABEL = re.compile(
    r"^\s*(?P<label>ska-?\s?krav|skall-?\s?krav|obligatoriskt?\s+krav|bör-?\s?krav|börkrav|utvärderingskrav|"
    r"meriterande|krav|requirement|mandatory requirement|desirable requirement)(?:\s*(?:nr\.?\s*)?\d+(?:\.\d+)*)?\s*[:.–-]\s+",
    re.I)
# the answer part of a form row, or a platform's answer type: not part of the demand
ANSWER_TAIL = lx.guarded(re.compile(r"\s*(?:svar|answer|svarsalternativ)\s*:\s*.*$|\s+(?:ja\s*/\s*nej|yes\s*/\s*no)\.?(?:\s+(?:ja|yes)\s+"
                                    r"(?:krävs|required))?\s*$", re.I))
ANSWER_LINE = re.compile(
    r"^(?:ja\s*/\s*nej|yes\s*/\s*no|nej\s*/\s*ja)\.?(?:\s*(?:ja|nej|yes|no)\s+(?:krävs|required)\.?)?(?:\s+leverantörskommentar\s+\w+)?$|"
    r"^(?:ja|nej)\s+krävs\.?(?:\s+leverantörskommentar\s+\w+)?$|"
    r"^(?:(?:klicka eller tryck här )?för att ange (?:text|ett datum)\.?|ange text\.?|click or tap here to enter text\.?)$|"
    r"^(?:fritext|bifogad fil|bifogade filer|prismatris.*|numeriskt.*|datum|flerval.*|enkelval.*|free text|attached file)$",
    re.I)
# the prompt Word shows in an empty content control, printed into PDFs exported from such forms
WORD_PLACEHOLDER = lx.guarded(re.compile(r"\s*(?:Klicka eller tryck här för att ange (?:text|ett datum)|Click or tap here to enter "
                                         r"(?:text|a date))\.?", re.I))
ANSWER_REQUIRED = re.compile(r"\b(?:ja|yes)\s+(?:krävs|required)\b", re.I)
# "Uppfylls kravet?", "Accepterar leverantören villkoren?": a confirmation of the text above, not a demand
CONFIRMATION = re.compile(r"^(?:uppfylls|uppfyller|accepterar|accepteras|godkänner|godkänns|bekräftar|intygar|"
                          r"do(?:es)? you (?:accept|confirm)|is the requirement)\b[^?]*\b(?:krav\w*|villkor\w*|"
                          r"ovan|requirement\w*|terms|conditions)\b[^?]*\?$", re.I)
SKA_CONTEXT = re.compile(r"^krav\b|\bkrav på\b|\b(?:ska-?\s?krav\w*|skall-?\s?krav\w*|obligatorisk\w*|mandatory|ska|skall|måste|shall|must|"
                         r"krävs|minimikrav\w*|kvalificeringskrav\w*)\b", re.I)
BOR_CONTEXT = re.compile(r"\b(?:bör-?\s?krav\w*|börkrav\w*|bör|meriterande|meriterar|önskvärd\w*|önskemål|mervärde\w*|"
                         r"utvärderingskrav\w*|should|desirable|merit\w*|plus)\b", re.I)
LEAD_WORDS = re.compile(r"\b(?:krav\w*|requirement\w*|meriterande|mervärde\w*|önskvärd\w*|efterfrågar|förväntas|"
                        r"kompetens\w*|erfarenhet\w*|kunskap\w*|egenskaper|förmåg\w*|qualifications?|experience|"
                        r"vikt vid)\b", re.I)
# "Följande uppgifter ska framgå:", "Fakturan ska innehålla:": the items are fields of a form, not demands
CONTENT_LEAD = re.compile(r"\b(?:uppgift\w*|framgå|innehålla|innehåller|information|ange[rs]?|anges|bifoga\w*|följande "
                          r"diskuteras|exempelvis|t\.ex\.|such as|contain|include)\b", re.I)
# the steps of a scoring scale ("Mycket bra – Konsulten visar …"): how answers are graded, not what is demanded
SCALE_STEP = re.compile(r"^(?:mycket bra|bra|mindre bra|godkänd|godkänt|mycket väl godkänd|väl godkänd|utmärkt|"
                        r"tillför inget mervärde|ej godkänd|inte godkänd|godtagbar|acceptabel|\d+\s*poäng)\s*[-–=:]", re.I)
ABBREVIATIONS = ("t.ex", "bl.a", "d.v.s", "dvs", "m.m", "s.k", "inkl", "exkl", "enl", "ca", "resp", "ev", "p.g.a", "pga",
                 "nr", "st", "kl", "jfr", "e.g", "i.e", "fr.o.m", "t.o.m", "kap",
                 "tel", "ang", "avd", "bl a", "vs", "no", "min", "max", "prof", "dr", "mr", "ms", "sek", "kr", "tim",
                 "h", "t", "o", "s", "f", "ff", "§§")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»)]*\s+(?=[\"“«(]?[A-ZÅÄÖ0-9•])")
DOTTED_NUMBER_END = re.compile(r"\d+\.\d+(?:\.\d+)*\.$")


@dataclass
class Block:
    """One heading, paragraph, list item or table row, with the place of its first character."""

    kind: str  # "heading", "para", "item", "row", "label"
    text: str
    location: Location
    cells: list[str] = field(default_factory=list)  # a row's cells, left to right
    cell_locations: list[Location] = field(default_factory=list)
    # where each line of the text begins, for the place of a sentence inside a paragraph: (offset, location)
    starts: list[tuple[int, Location]] = field(default_factory=list)
    number: str | None = None  # a heading's section number
    level: int | None = None  # a Word heading's level: one without a number ends the section above it
    header: bool = False  # a table's first row, naming the columns


@dataclass
class _Context:
    section: str | None = None  # the section number of the heading above
    section_level: int | None = None  # its heading level (the number of parts of a section number)
    title: str = ""
    section_obligation: str | None = None  # from a heading "Ska-krav", "Meriterande"
    lead: str | None = None  # obligation of a lead-in paragraph ("Konsulten ska ha:") for the items after it
    lead_open: bool = False  # items after a lead-in are requirements even without a verb
    text_column: int | None = None  # a table's requirement column, from its header row
    lead_text: str | None = None  # a header row's open sentence that each row ends
    lead_paragraphs: bool = False  # a lead-in's items may be plain paragraphs, until one demands on its own


def statements(blocks: Iterable[Block]) -> list[Statement]:
    result: list[Statement] = []
    ctx = _Context()
    pending_question: Block | None = None
    for block in blocks:
        text = " ".join(block.text.split())
        if pending_question is not None:
            # a platform's question box: the question, then its answer type on the next line
            if block.kind == "para" and _is_answer(text):
                if ANSWER_REQUIRED.search(text) and not CONFIRMATION.match(pending_question.text):
                    result.append(_make(pending_question, pending_question.text, ctx, "ska"))
                pending_question = None
                continue
            result += _paragraph(pending_question, ctx)
            pending_question = None
        if not text:
            continue
        if block.kind == "heading":
            # a numbered heading starts its section; an unnumbered Word heading ends the one above; an unnumbered
            # PDF heading (a bold label inside a section) keeps it
            level = ctx.section_level
            if block.number:
                section, level = block.number, block.level or block.number.count(".") + 1
            elif block.level is not None and (level is None or block.level <= level):
                section, level = None, None
            else:
                section = ctx.section
            ctx = _Context(section=section, title=text, section_level=level)
            ctx.section_obligation = _obligation_of_label(text)
            ctx.lead_open = ctx.section_obligation is not None
            continue
        if _is_answer(text):
            continue
        if block.kind == "para" and text.endswith("?") and len(text) < 400:
            pending_question = block
            continue
        if block.kind in ("para", "label"):
            ctx.text_column, ctx.lead_text = None, None
            result += _paragraph(block, ctx)
        elif block.kind == "item":
            result += _item(block, text, ctx)
        elif block.kind == "row":
            result += _row(block, ctx)
    if pending_question is not None:
        result += _paragraph(pending_question, ctx)
    # a date, a number or a name alone is no demand
    return [s for s in result if _two_words(s.text)]


def _obligation_of_label(text: str) -> str | None:
    if BOR_CONTEXT.search(text):
        return "bor"
    if SKA_CONTEXT.search(text):
        return "ska"
    return None


def _paragraph(block: Block, ctx: _Context) -> list[Statement]:
    text = " ".join(block.text.split())
    form = _form(text)
    if form is not None:
        body, obligation = form
        return [_make(block, body, ctx, obligation)]
    found: list[Statement] = []
    own = OWN_ID.match(text)
    if (ctx.section and not ctx.section[0].isdigit()) or (own and not own.group("id")[0].isdigit()):
        # a requirement with its own ID ("K12", "IS-001") is one statement, however many sentences it has
        return [_make(block, text, ctx, "bor" if MERIT.search(text) else None)] if _is_requirement(text) else []
    for start, sentence in split_sentences(block.text):
        if _is_requirement(sentence):
            found.append(_make(block, sentence, ctx, "bor" if MERIT.search(sentence) else None, start))
    if (not found and ctx.section_obligation and block.kind == "para" and text.endswith(".") and len(text) < 150
            and not CONTENT_LEAD.search(text)):
        # "Svenskt medborgarskap." under "5.4 Krav på konsulten": a demand without a verb
        found.append(_make(block, text, ctx, ctx.section_obligation))
    # a lead-in: "Konsulten ska ha:", "Meriterande:", "Obligatoriska krav (ska):" — the items after it are demands
    if text.endswith(":"):
        last = split_sentences(block.text)[-1][1] if block.text.strip() else text
        obligation = _obligation_of_label(last)
        ctx.lead = obligation or ctx.section_obligation
        ctx.lead_open = bool(obligation or LEAD_WORDS.search(last) or ctx.section_obligation)
        if CONTENT_LEAD.search(last):
            ctx.lead_open = False
        if found and found[-1].text == last and len(last) < 200:
            found.pop()  # the lead-in itself names no demand: its items do
        ctx.lead_paragraphs = ctx.lead_open and not text.startswith(("•", "-"))
    elif (block.kind == "para" and not found and ctx.lead_paragraphs and ctx.lead_open and len(text) < 400
          and not SCALE_STEP.match(text)):
        # the items of a lead-in written as plain paragraphs ("Obligatoriska krav (ska):" then one per paragraph)
        found.append(_make(block, text, ctx, ctx.lead or ctx.section_obligation))
    elif block.kind == "para" and (len(text) > 60 or found):
        ctx.lead, ctx.lead_open = None, ctx.section_obligation is not None
        ctx.lead_paragraphs = False
    return found


def _item(block: Block, text: str, ctx: _Context) -> list[Statement]:
    body = MARKER.sub("", text, count=1).strip()
    form = _form(body)
    if form is not None:
        return [_make(block, form[0], ctx, form[1])]
    if not body or len(body) < 4:
        return []
    if body.endswith(":"):  # "1. För detta uppdrag krävs:" opens the items under it
        ctx.lead = _obligation_of_label(body) or ctx.section_obligation
        ctx.lead_open = bool(ctx.lead or LEAD_WORDS.search(body)) and not CONTENT_LEAD.search(body)
        return []
    if SCALE_STEP.match(body):
        return []
    obligation = ctx.lead or ctx.section_obligation
    if _is_requirement(body) or (ctx.lead_open and len(body) >= 8):
        return [_make(block, body, ctx, None if MODAL.search(body) else obligation)]
    return []


def _row(block: Block, ctx: _Context) -> list[Statement]:
    cells = [" ".join(c.split()) for c in block.cells]
    lead_in = next((c for c in cells if c.endswith(":") and (MODAL.search(c) or LEAD_WORDS.search(c))), None)
    if lead_in:
        # "Erbjuden konsult ska uppfylla nedan ställda krav: | Ange var i CV …": the rows or items after it are demands
        ctx.lead, ctx.lead_open = _obligation_of_label(lead_in) or ctx.section_obligation, True
        ctx.text_column = None
        return []
    if block.header and not any(_is_requirement(c) and re.search(r"[.!?]$", c) for c in cells):
        ctx.text_column = _text_column(cells)
        ctx.lead_text = None
        lead = next((i for i, c in enumerate(cells) if SKA_CONTEXT.search(c) or BOR_CONTEXT.search(c)), None)
        if lead is not None:
            ctx.lead, ctx.lead_open = _obligation_of_label(cells[lead]), True
            if MODAL.search(cells[lead]) and not re.search(r"[.:;!?]$", cells[lead]):
                # "Erbjuden konsult ska ha god och aktuell kompetens inom" | "Lagring": each row ends the sentence
                ctx.lead_text, ctx.text_column = cells[lead], lead
        return []
    found: list[Statement] = []
    # the row's own label ("Ska-krav", "Bör-krav", "K3") in a narrow cell says what the row is
    label_obligation = next((_obligation_of_label(c) for c in cells if len(c) < 30 and FORM_LABEL.match(c + ": x")), None)
    row_id = cells[0] if cells and ROW_ID.match(cells[0]) else None
    columns = [ctx.text_column] if ctx.text_column is not None and ctx.text_column < len(cells) else range(len(cells))
    seen: set[str] = set()
    for index in columns:
        cell = cells[index]
        if not cell or cell in seen or _is_answer(cell) or ID_CELL.match(cell) or SCALE_STEP.match(cell):
            continue
        seen.add(cell)
        location = block.cell_locations[index] if index < len(block.cell_locations) else block.location
        sub = replace(block, text=cell, location=location, starts=[])
        if ctx.lead_text and index == ctx.text_column and not MODAL.search(cell):
            found.append(_make(sub, f"{ctx.lead_text} {cell}", ctx, None, req_id=row_id))
            continue
        form = _form(cell)
        if form is not None:
            found.append(_make(sub, form[0], ctx, form[1], req_id=row_id))
        elif _is_requirement(cell):
            found.append(_make(sub, cell, ctx, None, req_id=row_id))
        elif cell.endswith(":"):
            continue  # a field's label, waiting for the answer
        elif (label_obligation or (ctx.lead_open and ctx.text_column is not None)) and len(cell) >= 8:
            found.append(_make(sub, cell, ctx, label_obligation or ctx.lead or ctx.section_obligation, req_id=row_id))
        elif ctx.lead_open and index == _longest(cells) and len(cell) >= 15:
            found.append(_make(sub, cell, ctx, ctx.lead or ctx.section_obligation, req_id=row_id))
    return found


ROW_ID = re.compile(r"^\s*(?:[A-ZÅÄÖ]{1,6}[-_.]?\d+(?:[.-]\d+)*[a-z]?|\d+(?:\.\d+)+\.?)\s*$")  # "K3", "2.1.4"; not a bare count
ID_CELL = re.compile(r"^\s*(?:[A-ZÅÄÖ]{1,6}[-_.]?\d+(?:[.-]\d+)*[a-z]?|\d+(?:\.\d+)*\.?)\s*$")
TEXT_HEADERS = re.compile(r"^(?:krav|kravtext|kravbeskrivning|beskrivning|requirement|requirement text|description|"
                          r"krav på \w+|ska-?krav|bör-?krav|specifikation|kriterium|kriterier|mervärde.*)$", re.I)


def _text_column(cells: list[str]) -> int | None:
    for index, cell in enumerate(cells):
        if TEXT_HEADERS.match(cell.strip(" :")):
            return index
    return None


def _longest(cells: list[str]) -> int:
    return max(range(len(cells)), key=lambda i: len(cells[i]))


def _form(text: str) -> tuple[str, str | None] | None:
    """A form row's demand and obligation: "Krav: X. Svar: Ja/Nej" -> ("X.", "ska")."""
    label = FORM_LABEL.match(text)
    if not label:
        return None
    body = ANSWER_TAIL.sub("", text[label.end():]).strip()
    if len(body) < 8:
        return None
    name = label.group("label").lower()
    obligation = "bor" if BOR_CONTEXT.search(name) else "ska"
    return body, obligation


def _is_answer(text: str) -> bool:
    """An answer box or type: "Ja/Nej", "(Ja / Nej) Ja krävs", "Fritext"."""
    return bool(ANSWER_LINE.match(" ".join(re.sub(r"[():]", " ", text).split())))


MERIT = re.compile(r"\b(?:meriterande|meriterar|önskvärt|önskvärd|önskas|ses som en fördel|är en fördel|desirable)\b", re.I)


def _is_requirement(text: str) -> bool:
    from procura.checks.extract import EXPLANATION_LABEL, MODAL_AS_LABEL

    if EXPLANATION_LABEL.match(text) or MODAL_AS_LABEL.match(text) or _is_answer(text):
        return False
    return bool(MODAL.search(text) or MERIT.search(text)) and len(text) >= 12


def _make(block: Block, text: str, ctx: _Context, obligation: str | None, start: int = 0,
          req_id: str | None = None) -> Statement:
    text = text.replace("\u200b", "").replace("\u00ad", "")  # zero-width spaces and soft hyphens
    text = WORD_PLACEHOLDER.sub(" ", text)
    text = " ".join(ANSWER_TAIL.sub("", text).split())[:MAX_STATEMENT_CHARS] or " ".join(text.split())
    own = OWN_ID.match(text)
    if own and not lx.STANDARD.match(text):
        req_id, text = req_id or own.group("id"), own.group("rest")
    location = block.location
    for offset, place in block.starts:
        if offset <= start:
            location = place
        else:
            break
    location = replace(location, requirement=req_id or ctx.section, text=text)
    if obligation is None:
        return Statement.of(text, location)
    return Statement.of(text, location, obligation if not MODAL.search(text) else None)


def _two_words(text: str) -> bool:
    """At least two words of two letters or more (``len(LETTER_WORD.findall(text)) >= 2``, stopping at the second)."""
    found = LETTER_WORD.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


def split_sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph with the offset where each begins; abbreviations and section numbers
    ("t.ex.", "enl. 2.1.2.", "kl. 7.00") do not end a sentence."""
    result: list[tuple[int, str]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        before = text[start:match.start()].rstrip("\"”»)")
        word = before.rsplit(None, 1)[-1].lower() if before.split() else ""
        if word.rstrip(".").lstrip("(") in ABBREVIATIONS or DOTTED_NUMBER_END.search(word) or len(before) < 3:
            continue
        result.append((start, " ".join(text[start:match.start()].split())))
        start = match.end()
    tail = " ".join(text[start:].split())
    if tail:
        result.append((start, tail))
    return result


