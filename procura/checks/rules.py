"""Every check rule as data: stable ID, category, severity, bilingual message and its source.

Sources and addresses are those stated in the shared domain notes (law.md, guidance.md,
quality.md); a rule cites nothing those notes do not state. Messages are ``str.format``
templates filled with the values a check found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from procura.checks.findings import Finding, Location, Severity, Suggestion
from procura.errors import InputError
from procura.models import Text

CATEGORIES = ("overreach", "vague", "consistency", "completeness")

UHM_PROPORTIONALITY = "https://www.upphandlingsmyndigheten.se/frageportalen/1761985/krav-pa-sprak/"
UHM_OWN_REQUIREMENTS = "https://www.upphandlingsmyndigheten.se/om-hallbar-upphandling/stall-hallbarhetskrav/utforma-egna-hallbarhetskrav/"
SKR_REQUIREMENTS = (
    "https://skr.se/skr/demokratiledningstyrning/upphandlinginkop/upphandlingsprocessenupphandlingsdokument/"
    "upphandlingsdokumentkrav.10279.html"
)
SMELLA = "https://ar5iv.labs.arxiv.org/html/1611.08847"
UHM_CAPACITY = "https://www.upphandlingsmyndigheten.se/frageportalen/2729428/krav-pa-teknisk-och-yrkesmassig-kapacitet/"


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: Severity
    title: Text
    message: Text  # template; fields are filled from the check's values
    explanation: Text
    citation: str
    url: str | None
    variants: dict[str, Text] = field(default_factory=dict, hash=False)  # other message templates of the same rule, by name

    def finding(self, location: Location | None = None, suggestion: Suggestion | None = None,
                severity: Severity | None = None, variant: str | None = None, **values: object) -> Finding:
        template = self.variants[variant] if variant else self.message
        message = Text(sv=template.sv.format(**values), en=template.en.format(**values))
        return Finding(self.id, self.category, severity or self.severity, message, self.citation, self.url,
                       location or Location(), suggestion)


def _rule(id: str, category: str, severity: str, title: tuple[str, str], message: tuple[str, str],
          explanation: tuple[str, str], citation: str, url: str | None,
          variants: dict[str, tuple[str, str]] | None = None) -> Rule:
    return Rule(id, category, Severity(severity), Text(sv=title[0], en=title[1]), Text(sv=message[0], en=message[1]),
                Text(sv=explanation[0], en=explanation[1]), citation, url,
                {name: Text(sv=sv, en=en) for name, (sv, en) in (variants or {}).items()})


RULES: dict[str, Rule] = {r.id: r for r in [
    # -- overreach: the table "Checks procura can run" in law.md ------------------------------------------
    _rule("OVR-001", "overreach", "error", ("Omsättningskrav över taket", "Turnover above the cap"),
          ("{detail_sv}", "{detail_en}"),
          ("En lägsta årsomsättning får inte överstiga två gånger upphandlingens uppskattade värde, om inte "
           "särskilda skäl kopplade till kontraktets art anges i upphandlingsdokumenten. För ramavtal räknas taket "
           "på de största kontrakt som väntas löpa samtidigt, annars på ramavtalets uppskattade värde.",
           "A minimum yearly turnover may not exceed twice the estimated value of the procurement unless special "
           "reasons tied to the nature of the contract are stated in the documents. For framework agreements the cap "
           "is computed on the largest contracts expected to run at once, or else on the framework's estimated value."),
          "LOU 14 kap. 4 §", "https://frageportalen.upphandlingsmyndigheten.se/org/upphandlingsmyndigheten/d/krav-pa-omsattning/"),
    _rule("OVR-002", "overreach", "error", ("Kreditbetyg som grind", "Credit rating as a gate"),
          ("En riskklass eller ett kreditbetyg används som godkänt/underkänt ({match}) utan individuell bedömning.",
           "A credit rating or risk class is used as pass/fail ({match}) without an individual assessment."),
          ("Att automatiskt utesluta leverantörer på en riskklass utan individuell bedömning av varje leverantörs "
           "ekonomi är oförenligt med LOU. Ett kreditbetyg får vara bevis men aldrig det enda provet; annan bevisning, "
           "t.ex. moderbolagsgaranti, ska godtas.",
           "Excluding suppliers automatically on a rating class without an individual assessment of each supplier's "
           "finances is incompatible with LOU. A rating may be evidence, never the sole test; other evidence such as a "
           "parent-company guarantee must be accepted."),
          "RÅ 2005 ref. 47; KamR Göteborg 2020", "https://lagen.nu/dom/ra/2005:47"),
    _rule("OVR-003", "overreach", "error", ("Fabrikat eller varumärke", "Make or trademark"),
          ("Kravet anger fabrikat, modell eller varumärke ({match}) utan \"eller likvärdigt\".",
           "The requirement names a make, model or trademark ({match}) without \"or equivalent\"."),
          ("Tekniska specifikationer får inte hänvisa till fabrikat, varumärke, typ, ursprung eller leverantör om det "
           "inte motiveras av föremålet eller inte går att beskriva på annat sätt — och då följt av \"eller likvärdigt\" "
           "och med skriftlig motivering (t.ex. kompatibilitet med ett befintligt system).",
           "Technical specifications may not name a make, trademark, type, origin or supplier unless justified by the "
           "subject or impossible to describe otherwise — then followed by \"or equivalent\" and justified in writing "
           "(e.g. compatibility with an existing system)."),
          "LOU 9 kap. 6 §; C-359/93",
          "http://www.husbyggaren.se/far-bestallaren-krava-ett-specifikt-fabrikat-i-en-offentlig-upphandling/",
          variants={
              # a warning: the make is opened to equivalents, but the written justification the law also asks for
              # is not in the requirement (it may stand elsewhere in the documents)
              "unjustified": (
                  "Kravet anger fabrikat eller leverantör ({match}) med \"eller likvärdigt\" men utan skriftlig motivering "
                  "till varför fabrikatet nämns (t.ex. kompatibilitet med ett befintligt system); lägg till motiveringen "
                  "eller beskriv funktionen i stället.",
                  "The requirement names a make or supplier ({match}) with \"or equivalent\" but gives no written "
                  "justification for naming it (e.g. compatibility with an existing system); add the justification or "
                  "describe the function instead."),
              "supplier": (
                  "Kravet anger vilken leverantör ({match}) som ska leverera.",
                  "The requirement names the supplier ({match}) that is to deliver."),
          }),
    _rule("OVR-004", "overreach", "error", ("Standard utan \"eller likvärdigt\"", "Standard without \"or equivalent\""),
          ("Standarden {match} anges utan \"eller likvärdigt\".", "The standard {match} is named without \"or equivalent\"."),
          ("Varje hänvisning till en standard ska följas av \"eller likvärdigt\".",
           "Every reference to a standard must be followed by \"or equivalent\"."),
          "LOU 9 kap. 3–5 §§",
          "https://www.upphandlingsmyndigheten.se/upphandla/Processen-for-LOU/upphandlingen/Utforma-upphandlingsdokument/krav-pa-foremalet/"),
    _rule("OVR-005", "overreach", "error", ("Certifikat utan likvärdig väg", "Certificate without an equivalent route"),
          ("Ett certifikat krävs ({match}) utan att likvärdiga certifikat eller annan bevisning om likvärdiga åtgärder godtas.",
           "A certificate is demanded ({match}) without accepting equivalent certificates or other evidence of equivalent measures."),
          ("Certifikat för ledningssystem (ISO 9001, ISO 14001, ISO/IEC 27001) får krävas, men likvärdiga certifikat och, "
           "om leverantören inte kunnat få ett i tid, annan bevisning om likvärdiga åtgärder ska godtas.",
           "Management-system certificates may be required, but equivalent certificates and, where the supplier could "
           "not obtain one in time, other evidence of equivalent measures must be accepted."),
          "LOU 15 kap. 14–15 §§; direktiv 2014/24/EU art. 62",
          "https://frageportalen.upphandlingsmyndigheten.se/org/upphandlingsmyndigheten/d/kvalitets-och-miljostyrning/"),
    _rule("OVR-006", "overreach", "error", ("Lokal närvaro", "Local presence"),
          ("Kravet ställer krav på lokal närvaro ({match}) — kontor, butik, personal eller lager på en viss ort.",
           "The requirement demands local presence ({match}) — an office, store, staff or warehouse in a place."),
          ("Ett lokalt kontor, butik eller personal i kommunen eller regionen vid anbudstidpunkten får inte krävas; "
           "ställ i stället funktionskrav, t.ex. inställelsetid.",
           "A local office, store or staff in the municipality or region at tender time may not be required; set a "
           "functional demand instead, such as a response time on site."),
          "EU-domstolen C-234/03 Contse; KamR Stockholm 2222-16", UHM_PROPORTIONALITY),
    _rule("OVR-007", "overreach", "error", ("Begränsade referenser", "Restricted references"),
          ("Referenserna begränsas till {match}.", "References are restricted to {match}."),
          ("Att kräva att referenskunden är en offentlig aktör, en svensk kommun eller en snäv miljö kan vara "
           "oproportionerligt när syftet är erfarenhet av samma slags leverans.",
           "Requiring the reference customer to be a public body, a Swedish municipality or a narrow environment can be "
           "disproportionate when the aim is experience of the kind of delivery."),
          "Upphandlingsmyndigheten frågeportalen 2729428; KamR Stockholm 6065-04", UHM_CAPACITY),
    _rule("OVR-008", "overreach", "warning", ("Antal och ålder på referenser", "Reference count and age"),
          ("Referenskravet är strängare än vad som normalt kontrolleras ({match}).",
           "The reference demand is stricter than what is normally checked ({match})."),
          ("Tio referenser när en kontrollerades, och referenser inom stela värdeintervall, har underkänts som "
           "oproportionerliga. Bevis på kapacitet får avse leveranser under högst de senaste tre åren.",
           "Ten references when only one was checked, and references within rigid value bands, were struck down as "
           "disproportionate. Evidence of capacity may be deliveries during at most the last three years."),
          "KamR Göteborg 2974-18; LOU 15 kap. 11 §", UHM_CAPACITY),
    _rule("OVR-009", "overreach", "error", ("I drift hos alla kunder", "Live at all customers"),
          ("Kravet kräver att funktionen redan är i drift hos alla kunder ({match}).",
           "The requirement demands that the function is already live at all customers ({match})."),
          ("Att kräva att en funktion redan vid anbudstidpunkten är i drift hos samtliga leverantörens kunder har "
           "bedömts oproportionerligt.",
           "Requiring a function to be live at all of the supplier's customers at tender time was held disproportionate."),
          "FR Uppsala (Upplands Väsby)", "https://upphandlingsjuristen.se/blogs/nyheter/krav-pa-app-var-for-langtgaende"),
    _rule("OVR-010", "overreach", "warning", ("Önskemål som ska-krav", "Wishes as mandatory requirements"),
          ("{detail_sv}", "{detail_en}"),
          ("Ska-krav tillämpas bokstavligt: ett anbud som missar ett ska-krav måste förkastas. Varje onödigt ska-krav är "
           "en fälla; önskemål hör hemma i bör-krav (utvärdering) eller kontraktsvillkor.",
           "Mandatory requirements are enforced literally: a tender that misses one must be rejected. Every unnecessary "
           "mandatory requirement is a trap; wishes belong in desirable requirements or contract terms."),
          "HFD 2016 ref. 37", "https://lagen.nu/dom/hfd/2016:37"),
    _rule("OVR-011", "overreach", "warning", ("Strängare än risken motiverar", "Stricter than the risk justifies"),
          ("{detail_sv}", "{detail_en}"),
          ("Ett krav får inte vara strängare än nödvändigt för att nå syftet; en nivå eller parameter utöver vad "
           "upphandlingens klassning motiverar behöver en skriftlig motivering.",
           "A requirement may not be stricter than needed to reach its aim; a level or parameter beyond what the "
           "procurement's classification justifies needs a written motive."),
          "LOU 4 kap. 1 §", UHM_PROPORTIONALITY),
    _rule("OVR-012", "overreach", "error", ("Märkning utan likvärdig märkning", "Label without an equivalent label"),
          ("En viss märkning krävs ({match}) utan att likvärdig märkning eller annan bevisning om att kriterierna "
           "uppfylls godtas.",
           "A specific label is demanded ({match}) without accepting an equivalent label or other evidence that its "
           "criteria are met."),
          ("Miljö- och sociala märkningar (Svanen, EU Ecolabel, Fairtrade, TCO Certified) får bara krävas på strikta "
           "villkor, och likvärdiga märkningar ska godtas. Skriv \"Svanenmärkt eller likvärdig märkning\", eller ställ "
           "krav på de kriterier märkningen bygger på och godta märkningen som ett bevis bland andra.",
           "Environmental and social labels (Nordic Swan, EU Ecolabel, Fairtrade, TCO Certified) may be demanded only "
           "under strict conditions, and equivalent labels must be accepted. Write \"Nordic Swan ecolabel or "
           "equivalent\", or demand the criteria the label stands on and accept the label as one proof among others."),
          "direktiv 2014/24/EU art. 43",
          "https://frageportalen.upphandlingsmyndigheten.se/org/upphandlingsmyndigheten/d/kvalitets-och-miljostyrning/"),
    # -- vague: quality.md (INCOSE R7-R9, Smella) and Swedish verifiability guidance ----------------------
    _rule("VAG-001", "vague", "warning", ("Subjektivt eller vagt ord", "Subjective or vague term"),
          ("\"{match}\" är subjektivt och går inte att verifiera; ange ett mätbart värde eller en metod.",
           "\"{match}\" is subjective and cannot be verified; give a measurable value or a method."),
          ("Subjektiva och vaga ord (användarvänlig, modern, flexibel, snabb, enkel, hög säkerhet) kan inte följas upp. "
           "Varje krav behöver en verifiering.",
           "Subjective and vague words (user-friendly, modern, flexible, fast, easy, high security) cannot be followed up. "
           "Each requirement needs a verification."),
          "INCOSE R7; SKR: varje krav behöver en verifiering", SKR_REQUIREMENTS),
    _rule("VAG-002", "vague", "warning", ("Undanflykt", "Escape clause"),
          ("\"{match}\" gör kravet villkorat och går inte att följa upp.",
           "\"{match}\" makes the requirement conditional and impossible to follow up."),
          ("Undanflykter (vid behov, i möjligaste mån, på lämpligt sätt, where possible, as appropriate, if necessary) "
           "låter leverantören själv avgöra om kravet gäller.",
           "Escape clauses let the supplier decide whether the requirement applies."),
          "INCOSE R8", SMELLA),
    _rule("VAG-003", "vague", "warning", ("Öppen uppräkning", "Open-ended list"),
          ("\"{match}\" lämnar uppräkningen öppen; räkna upp det som krävs.",
           "\"{match}\" leaves the list open; list what is required."),
          ("Öppna uppräkningar (m.m., etc., bl.a., including but not limited to) gör kravets omfattning oklar. "
           "\"t.ex.\" före konkreta exempel är däremot ett förtydligande.",
           "Open-ended lists make the scope unclear. \"e.g.\" before concrete examples is a clarification, not a problem."),
          "INCOSE R9", SMELLA),
    _rule("VAG-004", "vague", "warning", ("Hänvisning utan källa", "Catch-all without a reference"),
          ("\"{match}\" anges utan hänvisning till en bestämd lag, föreskrift eller standard.",
           "\"{match}\" is given without a reference to a specific law, regulation or standard."),
          ("\"Gällande lagstiftning\" eller \"branschstandard\" utan hänvisning är oklart för nationella och "
           "internationella anbudsgivare och går inte att verifiera.",
           "\"Applicable law\" or \"industry standard\" without a reference is unclear to national and international "
           "tenderers and cannot be verified."),
          "Upphandlingsmyndighetens checklista för egna krav", UHM_OWN_REQUIREMENTS),
    _rule("VAG-005", "vague", "warning", ("Ska-krav utan mätbart innehåll", "Mandatory requirement with nothing measurable"),
          ("Ska-kravet \"{match}\" säger inte vad som ska uppnås eller hur det verifieras.",
           "The mandatory requirement \"{match}\" does not say what must be achieved or how it is verified."),
          ("Ett krav ska kunna verifieras och följas upp; ett ska-krav som bara säger att något ska vara bra, "
           "tillfredsställande eller motsvara behoven kan inte prövas.",
           "A requirement must be verifiable; a mandatory requirement that only says something shall be good, "
           "satisfactory or meet the needs cannot be tested."),
          "SKR: krav ska vara möjliga att följa upp", SKR_REQUIREMENTS),
    _rule("VAG-006", "vague", "warning", ("Vag mängd", "Vague quantity"),
          ("\"{match}\" anger ingen bestämd mängd.", "\"{match}\" gives no definite quantity."),
          ("Vaga mängdord (några, flera, många, cirka, ungefär, some, several, many, about, approximately) gör "
           "kravet omätbart.",
           "Vague quantifiers (some, several, many, about, approximately, almost) make the requirement unmeasurable."),
          "INCOSE R7", SMELLA),
    # -- consistency ----------------------------------------------------------------------------------------
    _rule("CON-001", "consistency", "warning", ("Nära dubblett", "Near-duplicate"),
          ("Kravet är nästan likadant som {other} ({score} % lika).",
           "The requirement is nearly the same as {other} ({score} % similar)."),
          ("Dubbletter gör specifikationen svår att besvara och följa upp och kan ge motstridiga svar.",
           "Duplicates make the specification hard to answer and follow up, and invite conflicting answers."),
          "Upphandlingsmyndighetens checklista: konsekvent med resten av underlaget", UHM_OWN_REQUIREMENTS),
    _rule("CON-002", "consistency", "error", ("Motsägelse", "Contradiction"),
          ("{detail_sv}", "{detail_en}"),
          ("Samma sak får inte krävas med olika värden på olika ställen, t.ex. data inom Sverige på ett ställe och inom "
           "EU/EES på ett annat.",
           "The same thing may not be demanded with different values in different places, e.g. data inside Sweden in "
           "one place and inside the EU/EEA in another."),
          "Upphandlingsmyndighetens checklista: konsekvent med resten av underlaget", UHM_OWN_REQUIREMENTS),
    _rule("CON-003", "consistency", "error", ("Både ska och bör", "Both mandatory and desirable"),
          ("Samma krav står både som ska-krav och bör-krav ({other}).",
           "The same requirement appears both as mandatory and as desirable ({other})."),
          ("Ett krav är antingen obligatoriskt eller utvärderas; båda samtidigt gör utvärderingen omöjlig att förutse.",
           "A requirement is either mandatory or evaluated; both at once makes the evaluation unpredictable."),
          "HFD 2016 ref. 37", "https://lagen.nu/dom/hfd/2016:37"),
    _rule("CON-004", "consistency", "error", ("Viktning summerar inte till 100", "Award weights do not sum to 100"),
          ("{detail_sv}", "{detail_en}"),
          ("Tilldelningskriteriernas vikter ska gå att utvärdera och summera till 100, och bara bör-krav kan viktas.",
           "Award weights must be possible to evaluate and sum to 100, and only desirable requirements can be weighted."),
          "Upphandlingsmyndighetens checklista: tilldelningskriterier som kan utvärderas", UHM_OWN_REQUIREMENTS),
    _rule("CON-005", "consistency", "error", ("Oifylld platshållare", "Unresolved placeholder"),
          ("Texten innehåller en oifylld platshållare: {match}.", "The text holds an unresolved placeholder: {match}."),
          ("En platshållare (XX, [ange], {{{{namn}}}}, TBD) i ett publicerat krav gör kravet obestämt.",
           "A placeholder (XX, [insert], {{{{name}}}}, TBD) in a published requirement leaves it undefined."),
          "SKR: krav ska vara tydliga och fristående", SKR_REQUIREMENTS),
    _rule("CON-006", "consistency", "error", ("Okänt ID", "Unknown ID"),
          ("Hänvisning till okänt ID {match}.", "Reference to an unknown ID {match}."),
          ("En hänvisning till ett krav eller en regel som inte finns gör underlaget motsägelsefullt.",
           "A reference to a requirement or rule that does not exist makes the documents inconsistent."),
          "Upphandlingsmyndighetens checklista: konsekvent med resten av underlaget", UHM_OWN_REQUIREMENTS),
    _rule("CON-007", "consistency", "warning", ("Översättning saknas", "Missing translation"),
          ("Texten saknas på {missing_sv}.", "The text is missing in {missing_en}."),
          ("Krav ska vara tydliga för nationella och internationella anbudsgivare; procura håller varje text på "
           "svenska och engelska.",
           "Requirements must be clear to national and international tenderers; procura keeps every text in Swedish "
           "and English."),
          "Upphandlingsmyndighetens checklista: tydligt för nationella och internationella anbudsgivare", UHM_OWN_REQUIREMENTS),
    _rule("CON-008", "consistency", "warning", ("Godtagen utan motivering", "Accepted without justification"),
          ("Profilen godtar {match} för detta krav utan skriftlig motivering; fyndet gäller därför fortfarande.",
           "The profile accepts {match} for this requirement without a written justification, so the finding stands."),
          ("Ett godtaget fynd behöver en skriftlig motivering i profilen (`justification`); den skrivs ut i dokumentet.",
           "An accepted finding needs a written justification in the profile (`justification`); it is printed in the document."),
          "LOU 4 kap. 1 §", UHM_PROPORTIONALITY),
    # -- completeness (profiles) ------------------------------------------------------------------------------
    _rule("CMP-001", "completeness", "warning", ("Personuppgiftsbiträdesavtal saknas", "No data processing agreement"),
          ("Personuppgifter behandlas men inget krav på personuppgiftsbiträdesavtal finns.",
           "Personal data is processed but no requirement for a data processing agreement is present."),
          ("När leverantören behandlar personuppgifter för kommunens räkning krävs ett personuppgiftsbiträdesavtal.",
           "When the supplier processes personal data on the municipality's behalf, a data processing agreement is required."),
          "GDPR art. 28", None),
    _rule("CMP-002", "completeness", "warning", ("Konsekvensbedömning saknas", "No impact assessment"),
          ("Känsliga personuppgifter eller kameror men inget krav som stöder en konsekvensbedömning avseende dataskydd.",
           "Sensitive personal data or cameras but no requirement supporting a data protection impact assessment."),
          ("En konsekvensbedömning krävs före högriskbehandling, t.ex. kameratillsyn i hemmet eller känsliga uppgifter.",
           "An impact assessment is required before high-risk processing such as camera supervision in homes."),
          "GDPR art. 35", None),
    _rule("CMP-003", "completeness", "error", ("Tillgänglighet saknas", "No accessibility requirement"),
          ("Människor ska använda lösningen men inget tillgänglighetskrav finns.",
           "People will use the solution but no accessibility requirement is present."),
          ("När människor ska använda det som köps ska de tekniska specifikationerna ta hänsyn till alla användares "
           "behov, inklusive tillgänglighet; lagen om tillgänglighet till digital offentlig service gäller även köpta tjänster.",
           "When people will use what is bought, specifications shall take account of all users' needs including "
           "accessibility; the act on accessible digital public services also covers bought services."),
          "LOU 9 kap. 2 §; lag (2018:1937)",
          "https://www.upphandlingsmyndigheten.se/hallbarhet/socialt-ansvarsfull-upphandling/Tillganglighet-och-samtliga-anvandares-behov/"),
    _rule("CMP-004", "completeness", "warning", ("SCAIP saknas", "No SCAIP requirement"),
          ("Trygghetslarm upphandlas men inget krav på SCAIP (SS 91100) eller likvärdigt finns.",
           "Safety alarms are bought but no requirement for SCAIP (SS 91100) or equivalent is present."),
          ("SCAIP (SS 91100) ger interoperabilitet mellan larm av olika fabrikat; RISE certifierar larmsändare och "
           "mottagare mot SEK TS 50134-9 och SS 91100.",
           "SCAIP (SS 91100) gives interoperability between brands of alarms; RISE certifies alarm senders and receivers."),
          "SS 91100 (SCAIP); SEK TS 50134-9", "https://ri.se/en/what-we-do/services/digital-social-alarms"),
    _rule("CMP-005", "completeness", "warning", ("Tillgänglighet och larmkedja", "Availability and alarm chain"),
          ("Tjänsten är livskritisk men {missing_sv} saknas.", "The service is life-critical but {missing_en} is missing."),
          ("SS-EN 50134-5 ger minimikrav på prestanda, driftsäkerhet och IT-säkerhet för larmöverföring, med "
           "tillgänglighet enligt SS-EN 50136-1; en livskritisk tjänst behöver krav på tillgänglighet och övervakning av larmkedjan.",
           "SS-EN 50134-5 gives minimum performance, dependability and IT-security demands for alarm transmission, with "
           "availability per SS-EN 50136-1; a life-critical service needs availability and alarm-chain monitoring."),
          "SS-EN 50134-5; SS-EN 50136-1", "https://nyheter.elstandard.se/posts/news/trygghetslarm-bygger-pa-standarder"),
    _rule("CMP-006", "completeness", "warning", ("Exit och återlämning av data", "Exit and data return"),
          ("Inget krav på exit och export av data i öppet, maskinläsbart format finns.",
           "No requirement on exit and export of data in an open, machine-readable format is present."),
          ("Säkra organisationens rätt till sina data och kräv strukturerad, maskinläsbar export i öppna, dokumenterade format.",
           "Secure the organisation's rights to its data; require structured, machine-readable export in open, documented formats."),
          "DIGG: rekommendationer för upphandling av data",
          "https://digg.se/kunskap-och-stod/oppna-och-delade-data/offentliga-aktorer/rekommendationer-for-upphandling-av-data"),
    _rule("CMP-007", "completeness", "warning", ("Incidentrapportering saknas", "No incident notification"),
          ("Inget krav på att leverantören rapporterar säkerhetsincidenter finns.",
           "No requirement that the supplier reports security incidents is present."),
          ("Cybersäkerhetslagen omfattar alla kommuner, som ska hantera risker i leverantörskedjan; det motiverar "
           "proportionerliga villkor om säkerhet och incidentrapportering.",
           "The Cybersecurity Act covers all municipalities, which must manage supply-chain risk; this justifies "
           "proportionate terms on security and incident notification."),
          "Cybersäkerhetslag (2025:1506)", "http://rkrattsbaser.gov.se/sfst?bet%25u2009=%25u20092010%3A800&page=1&post_id=6"),
]}


def get_rule(rule_id: str) -> Rule:
    try:
        return RULES[rule_id.strip().upper()]
    except KeyError:
        raise InputError(f"unknown rule {rule_id!r}", hint=f"use one of {', '.join(RULES)}") from None
