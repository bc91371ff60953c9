"""Every check rule as data: stable ID, category, severity, bilingual message and its source.

Sources and addresses are those stated in the shared domain notes (law.md, guidance.md,
quality.md) or verified with the search tool when a rule was added or corrected (the addresses are
listed in docs/checks.md); a rule cites nothing not seen stated in its source. Where a practice is
procura's own (a written motive, weights summing to 100) the text says so. Messages are ``str.format``
templates filled with the values a check found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from procura.checks.findings import Finding, Location, Severity, Suggestion
from procura.errors import InputError
from procura.models import Text

CATEGORIES = ("overreach", "vague", "consistency", "completeness")

UHM_PROPORTIONALITY = "https://www.upphandlingsmyndigheten.se/frageportalen/1761985/krav-pa-sprak/"
UHM_WEIGHTING = "https://frageportalen.upphandlingsmyndigheten.se/org/upphandlingsmyndigheten/d/viktning-av-tilldelningskriterier/"
UHM_OWN_REQUIREMENTS = "https://www.upphandlingsmyndigheten.se/om-hallbar-upphandling/stall-hallbarhetskrav/utforma-egna-hallbarhetskrav/"
SKR_REQUIREMENTS = (
    "https://skr.se/skr/demokratiledningstyrning/upphandlinginkop/upphandlingsprocessenupphandlingsdokument/"
    "upphandlingsdokumentkrav.10279.html"
)
UHM_CAPACITY = "https://www.upphandlingsmyndigheten.se/frageportalen/2729428/krav-pa-teknisk-och-yrkesmassig-kapacitet/"
# verified with the search tool (addresses recorded in docs/checks.md, "Sources")
UHM_GEOGRAPHY = ("https://frageportalen.upphandlingsmyndigheten.se/org/upphandlingsmyndigheten/d/"
                 "far-man-stalla-krav-som-innebar-en-geografisk-begr/")
UHM_LABELS = "https://www.upphandlingsmyndigheten.se/regler-och-lagstiftning/hallbarhet-i-upphandlingsreglerna/regler-for-anvandning-av-markning/"
AMBIGUOUS_TERMS = "https://effective-analysis.com/textbook/part-2/chapter-2/13-terms.html"
UHM_FOREIGN_CITIZENS = ("https://www.upphandlingsmyndigheten.se/regler-och-lagstiftning/andra-regler-som-kan-bli-aktuella/"
                        "sakerhetsskyddad-upphandling/deltagande-utlandska-medborgare-och-leverantorer/")
UHM_SUBCONTRACTORS = "https://www.upphandlingsmyndigheten.se/frageportalen/1487678/ar-det-foretaget-eller-uppdraget-som-omfattas-luo/"
EVN_WIENSTROM = "https://open.karnovgroup.se/offentlig-upphandling/CELEX62001CJ0448"
KKV_FREE_ACCESS = ("https://www.konkurrensverket.se/informationsmaterial/nyhetsarkiv/"
                   "stallningstagande-om-kostnadsfri-tillgang-till-upphandlingsdokument/")


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
           "inte motiveras av det som upphandlas eller inte går att beskriva på annat sätt — och då följt av \"eller "
           "likvärdigt\". Det rättsliga provet är om hänvisningen motiveras av föremålet för kontraktet; att skriva ned "
           "skälet (t.ex. kompatibilitet med ett befintligt system) är procuras råd, så att provet kan följas.",
           "Technical specifications may not name a make, trademark, type, origin or supplier unless justified by the "
           "subject of the contract or impossible to describe otherwise — then followed by \"or equivalent\". The legal "
           "test is whether the subject of the contract justifies the reference; writing the reason down (e.g. "
           "compatibility with an existing system) is procura's advice, so that the test can be followed."),
          "LOU 9 kap. 6 §; C-359/93",
          "http://www.husbyggaren.se/far-bestallaren-krava-ett-specifikt-fabrikat-i-en-offentlig-upphandling/",
          variants={
              # a warning: the make is opened to equivalents, but the written justification the law also asks for
              # is not in the requirement (it may stand elsewhere in the documents)
              "unjustified": (
                  "Kravet anger fabrikat eller leverantör ({match}) med \"eller likvärdigt\" men säger inte varför "
                  "fabrikatet nämns; hänvisningen måste motiveras av det som upphandlas — skriv skälet (t.ex. "
                  "kompatibilitet med ett befintligt system) eller beskriv funktionen i stället.",
                  "The requirement names a make or supplier ({match}) with \"or equivalent\" but does not say why; the "
                  "reference must be justified by the subject of the contract — state the reason (e.g. compatibility "
                  "with an existing system) or describe the function instead."),
              "partner": (
                  "Kravet kräver partnerstatus eller återförsäljaravtal ({match}) med en viss tillverkare utan att "
                  "likvärdigt godtas.",
                  "The requirement demands partner or reseller status ({match}) with one maker without accepting an "
                  "equivalent."),
              "method": (
                  "Kravet anger en namngiven metod, modell eller ett verktyg ({match}) utan \"eller likvärdigt\"; beskriv "
                  "vad metoden ska åstadkomma eller godta likvärdiga.",
                  "The requirement names a method, model or tool ({match}) without \"or equivalent\"; describe what it "
                  "must achieve or accept equivalents."),
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
          ("Ett lokalt kontor, butik eller personal i kommunen eller regionen vid anbudstidpunkten får inte krävas, och "
           "ett krav på avstånd eller radie måste klara en proportionalitetsprövning; ställ i stället funktionskrav, "
           "t.ex. inställelsetid. Att arbeta på plats hos beställaren är ett utförandevillkor, inte lokal närvaro.",
           "A local office, store or staff in the municipality or region at tender time may not be required, and a "
           "distance or radius must pass a proportionality test; set a functional demand instead, such as a response "
           "time on site. Working on site at the buyer's premises is an execution condition, not local presence."),
          "EU-domstolen C-234/03 Contse; KamR Stockholm 2222-16; KamR Jönköping 3274-10; LOU 4 kap. 1 §", UHM_GEOGRAPHY),
    _rule("OVR-007", "overreach", "error", ("Begränsade referenser", "Restricted references"),
          ("Referenserna begränsas till {match}.", "References are restricted to {match}."),
          ("Att kräva att referenskunden eller erfarenheten är från offentlig sektor, en kommun, en region, en snäv miljö "
           "eller beställarens egen organisation och egna system kan vara oproportionerligt när syftet är erfarenhet av "
           "samma slags leverans, och gynnar den som redan arbetat där.",
           "Requiring the reference customer or the experience to be from the public sector, a municipality, a region, a "
           "narrow environment or the buyer's own organisation and systems can be disproportionate when the aim is "
           "experience of the kind of delivery, and favours whoever has worked there before."),
          "Upphandlingsmyndigheten frågeportalen 2729428; KamR Stockholm 6065-04; LOU 4 kap. 1 §", UHM_CAPACITY,
          variants={
              "sector": ("Erfarenheten begränsas till {match}; ange vilken erfarenhet som behövs, oavsett kundens sektor.",
                         "The experience is restricted to {match}; state the experience needed, whatever the customer's "
                         "sector."),
              "own": ("Kravet gäller kunskap om beställarens egen organisation eller egna system ({match}), vilket gynnar "
                      "den som redan arbetat där; beskriv den kunskap som behövs i allmänna termer.",
                      "The requirement asks for knowledge of the buyer's own organisation or systems ({match}), which "
                      "favours whoever has worked there; describe the knowledge needed in general terms."),
          }),
    _rule("OVR-008", "overreach", "warning", ("Antal och ålder på referenser", "Reference count and age"),
          ("Referenskravet är strängare än vad som normalt kontrolleras ({match}).",
           "The reference demand is stricter than what is normally checked ({match})."),
          ("Fler referenser än vad som behövs för att visa förmågan, referenser inom stela värdeintervall och krav på "
           "många års verksamhet stänger ute nya och mindre leverantörer utan att säga mer om förmågan. Bevis på "
           "kapacitet får avse leveranser under högst de senaste tre åren. (Antal års yrkeserfarenhet hos en person är "
           "en annan sak och läses inte här.)",
           "More references than are needed to show the ability, references within rigid value bands and demands of "
           "many years in business shut out new and smaller suppliers without saying more about the ability. Evidence "
           "of capacity may be deliveries during at most the last three years. (A person's years of experience are "
           "another matter and are not read here.)"),
          "LOU 15 kap. 11 §; Upphandlingsmyndigheten frågeportalen 2729428", UHM_CAPACITY),
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
          ("Ett krav får inte vara strängare än nödvändigt för att nå syftet (proportionalitet). Att en nivå utöver vad "
           "upphandlingens klassning motiverar ska motiveras skriftligt är procuras praxis, inte en skyldighet i lagen: "
           "motiveringen visar att nivån klarar proportionalitetsprövningen.",
           "A requirement may not be stricter than needed to reach its aim (proportionality). That a level beyond what "
           "the procurement's classification justifies gets a written motive is procura's practice, not a duty in the "
           "law: the motive shows that the level passes the proportionality test."),
          "LOU 4 kap. 1 § (proportionalitet); skriftlig motivering: procuras praxis", UHM_PROPORTIONALITY),
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
          "LOU 9 kap. 14 §; direktiv 2014/24/EU art. 43", UHM_LABELS),
    _rule("OVR-013", "overreach", "error", ("Krav på medborgarskap", "Citizenship demanded"),
          ("Kravet ställer krav på medborgarskap ({match}) utan att ett säkerhetsskydd anges som skäl.",
           "The requirement demands a citizenship ({match}) without stating security protection as the reason."),
          ("Leverantörer och deras personal får inte diskrimineras på grund av nationalitet. Säkerhetsskyddslagstiftningen "
           "hindrar inte generellt att utländska medborgare anlitas för säkerhetsskyddade uppdrag; krav på svenskt "
           "medborgarskap gäller säkerhetsklassade anställningar i stat, kommun och region. Ange säkerhetsskyddet som "
           "skäl, eller ställ krav på säkerhetsprövning i stället.",
           "Suppliers and their staff may not be discriminated against on nationality. Security-protection law does not "
           "in general prevent foreign citizens from working on security-protected assignments; Swedish citizenship is "
           "a demand for security-classified employment in central and local government. State the security "
           "protection as the reason, or demand security vetting instead."),
          "LOU 4 kap. 1 § (icke-diskriminering); Upphandlingsmyndigheten: deltagande av utländska medborgare",
          UHM_FOREIGN_CITIZENS),
    _rule("OVR-014", "overreach", "error", ("Fri bedömning", "Unlimited discretion"),
          ("Beställaren förbehåller sig en fri bedömning ({match}) som ingen anbudsgivare kan förutse.",
           "The buyer keeps a free judgement ({match}) that no tenderer can foresee."),
          ("Krav och bedömningsgrunder ska vara kända i förväg och gå att kontrollera; en bedömning som helt lämnas åt "
           "beställarens tolkning eller förtroende ger en frihet som strider mot likabehandling och öppenhet. Ange "
           "vad som bedöms och hur.",
           "Requirements and assessment criteria must be known in advance and possible to verify; an assessment left "
           "wholly to the buyer's interpretation or trust is a freedom at odds with equal treatment and transparency. "
           "State what is assessed and how."),
          "LOU 4 kap. 1 §; EU-domstolen C-448/01 EVN och Wienstrom (kriterier som går att kontrollera)", EVN_WIENSTROM),
    _rule("OVR-015", "overreach", "warning", ("Underleverantörer förbjudna", "Subcontractors banned"),
          ("Kravet utesluter underleverantörer ({match}).", "The requirement excludes subcontractors ({match})."),
          ("Huvudregeln är att leverantören fritt får anlita underleverantörer och åberopa andra företags kapacitet; "
           "beställaren får kräva att vissa kritiska uppgifter utförs av leverantören själv, om det är proportionerligt. "
           "Ange vilka uppgifter och varför, i stället för ett generellt förbud.",
           "The main rule is that a supplier may use subcontractors and rely on other companies' capacity; the buyer "
           "may demand that certain critical tasks are performed by the supplier itself, if proportionate. Name those "
           "tasks and why, instead of a general ban."),
          "LOU 14 kap. 6 § och 8 §; Upphandlingsmyndigheten frågeportalen 1487678", UHM_SUBCONTRACTORS),
    _rule("OVR-017", "overreach", "error", ("Krav efter företagets storlek", "Demands by company size"),
          ("Kravet skiljer sig efter leverantörens storlek ({match}).",
           "The requirement differs by the size of the supplier ({match})."),
          ("Alla leverantörer ska behandlas lika: samma krav för samma uppdrag, oavsett antal anställda eller omsättning. "
           "Ställ krav på det som uppdraget behöver, så att också små och nya leverantörer kan lämna anbud.",
           "Every supplier must be treated alike: the same demands for the same assignment, whatever the number of "
           "employees or the turnover. Demand what the assignment needs, so that small and new suppliers can bid too."),
          "LOU 4 kap. 1 § (likabehandling)", UHM_PROPORTIONALITY),
    _rule("OVR-016", "overreach", "info", ("Standard som inte är fritt tillgänglig", "Standard not free to read"),
          ("Standarden {match} säljs och är inte fritt tillgänglig; den ingår i upphandlingsdokumenten och ska gå att "
           "läsa kostnadsfritt.",
           "The standard {match} is sold, not free to read; it is part of the procurement documents, which must be "
           "available free of charge."),
          ("Upphandlingsdokumenten ska vara fritt, direkt, fullständigt och kostnadsfritt tillgängliga. Konkurrensverket "
           "bedömer att hänvisningar till underlag som ingår i dokumenten men inte finns att tillgå kostnadsfritt, t.ex. "
           "köpta standarder, strider mot kravet (tillämpas i tillsynen från den 1 november 2024). Ge fri tillgång till "
           "standarden eller beskriv de krav i den som gäller.",
           "The procurement documents must be freely, directly, fully and free of charge available. Konkurrensverket "
           "holds that references to material that forms part of the documents but is not available free of charge, "
           "such as purchased standards, breach that duty (applied in its supervision from 1 November 2024). Give free "
           "access to the standard or describe the demands in it that apply."),
          "LOU 10 kap. 7 §; Konkurrensverkets ställningstagande 2024:1 (dnr 232/2024)", KKV_FREE_ACCESS),
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
          "INCOSE R8; tvetydiga termer: \"when necessary, where appropriate\"", AMBIGUOUS_TERMS),
    _rule("VAG-003", "vague", "warning", ("Öppen uppräkning", "Open-ended list"),
          ("\"{match}\" lämnar uppräkningen öppen; räkna upp det som krävs.",
           "\"{match}\" leaves the list open; list what is required."),
          ("Öppna uppräkningar (m.m., etc., bl.a., including but not limited to) gör kravets omfattning oklar. "
           "\"t.ex.\" före konkreta exempel är däremot ett förtydligande.",
           "Open-ended lists make the scope unclear. \"e.g.\" before concrete examples is a clarification, not a problem."),
          "INCOSE R9; tvetydiga termer: \"including but not limited to, and so on, etc.\"", AMBIGUOUS_TERMS),
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
          "INCOSE R7; tvetydiga termer: \"several: state how many\"", AMBIGUOUS_TERMS),
    _rule("VAG-007", "vague", "warning", ("Omätbar kunskapsnivå", "Unmeasured level of knowledge"),
          ("\"{match}\" anger en nivå på kunskap eller erfarenhet som inte går att mäta; ange år, antal uppdrag, "
           "en nivå på en skala eller ett namngivet bevis.",
           "\"{match}\" states a level of knowledge or experience that cannot be measured; give years, a number of "
           "assignments, a level on a scale or a named proof."),
          ("Nivåord på kunskap och erfarenhet (god, mycket god, gedigen, djup, bred, stor, mångårig, omfattande) och "
           "språkkrav utan nivå (\"svenska i tal och skrift\") kan inte prövas lika för alla anbudsgivare. Varje krav "
           "behöver en verifiering.",
           "Level words on knowledge and experience (good, very good, solid, deep, broad, extensive) and language "
           "demands without a level (\"Swedish, spoken and written\") cannot be assessed alike for every tenderer. "
           "Each requirement needs a verification."),
          "INCOSE R7; SKR: varje krav behöver en verifiering", SKR_REQUIREMENTS),
    _rule("VAG-008", "vague", "warning", ("Personlig egenskap som krav", "Personal trait as a requirement"),
          ("\"{match}\" är en personlig egenskap som inte går att verifiera; beskriv vad personen ska göra eller har "
           "gjort.",
           "\"{match}\" is a personal trait that cannot be verified; describe what the person must do or has done."),
          ("Egenskaper som drivande, självgående, flexibel, lyhörd eller social kan inte mätas eller följas upp. Ställ "
           "krav på erfarenhet och uppgifter, eller bedöm egenskapen i en intervju med angivna bedömningsgrunder.",
           "Traits such as driven, self-motivated, flexible, attentive or outgoing cannot be measured or followed up. "
           "Demand experience and tasks, or assess the trait in an interview with stated criteria."),
          "INCOSE R7; SKR: varje krav behöver en verifiering", SKR_REQUIREMENTS),
    _rule("VAG-009", "vague", "warning", ("Odefinierad jämförelse", "Undefined comparison"),
          ("\"{match}\" jämför med något som inte anges; säg vad som räknas som liknande, relevant eller stort.",
           "\"{match}\" compares with something that is not stated; say what counts as similar, relevant or large."),
          ("\"Liknande uppdrag\", \"relevant erfarenhet\", \"större organisationer\" eller \"komplexa projekt\" utan "
           "kriterier lämnar bedömningen åt läsaren; ange omfattning, innehåll eller storlek.",
           "\"Similar assignments\", \"relevant experience\", \"larger organisations\" or \"complex projects\" without "
           "criteria leave the judgement to the reader; state scope, content or size."),
          "INCOSE R7; tvetydiga termer: \"improved, better, faster: quantify\"", AMBIGUOUS_TERMS),
    _rule("VAG-010", "vague", "warning", ("Tid utan tidpunkt", "Timing without a time"),
          ("\"{match}\" anger ingen tidpunkt eller frekvens; ange när eller hur ofta.",
           "\"{match}\" gives no time or frequency; say when or how often."),
          ("\"Löpande\", \"kontinuerligt\", \"regelbundet\" och \"på kort varsel\" kan inte följas upp; en frist i "
           "dagar, ett datum eller en frekvens (varje vecka) kan.",
           "\"On an ongoing basis\", \"continuously\", \"regularly\" and \"at short notice\" cannot be followed up; a "
           "deadline in days, a date or a frequency (every week) can."),
          "INCOSE R7; SKR: krav ska vara möjliga att följa upp", SKR_REQUIREMENTS),
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
          ("Ett krav är antingen obligatoriskt eller utvärderas; båda samtidigt gör underlaget motsägelsefullt och "
           "utvärderingen omöjlig att förutse.",
           "A requirement is either mandatory or evaluated; both at once makes the documents inconsistent and the "
           "evaluation unpredictable."),
          "Upphandlingsmyndighetens checklista: konsekvent med resten av underlaget", UHM_OWN_REQUIREMENTS),
    _rule("CON-004", "consistency", "error", ("Viktning summerar inte till 100", "Award weights do not sum to 100"),
          ("{detail_sv}", "{detail_en}"),
          ("Tilldelningskriterierna ska gå att utvärdera, och bara bör-krav kan viktas. Att vikterna anges i procent och "
           "summerar till 100 är procuras konvention, så att viktningen går att läsa och kontrollera.",
           "Award criteria must be possible to evaluate, and only desirable requirements can be weighted. Weights given "
           "in per cent summing to 100 is procura's convention, so that the weighting can be read and checked."),
          "Upphandlingsmyndighetens checklista: tilldelningskriterier som kan utvärderas; summan 100: procuras konvention",
          UHM_OWN_REQUIREMENTS),
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
          ("Ett godtaget fynd behöver en skriftlig motivering i profilen (`justification`); den skrivs ut i dokumentet. "
           "Det är procuras praxis, ingen skyldighet i lagen: motiveringen visar varför kravet ändå är proportionerligt.",
           "An accepted finding needs a written justification in the profile (`justification`); it is printed in the "
           "document. This is procura's practice, not a duty in the law: the justification shows why the requirement "
           "is proportionate all the same."),
          "procuras praxis (ingen lagstadgad skyldighet)", None),
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
          ("Cybersäkerhetslagen kräver att verksamhetsutövare inom utpekade sektorer skyddar sina nätverks- och "
           "informationssystem och rapporterar betydande incidenter; omfattas kommunen motiverar det "
           "proportionerliga villkor om säkerhet och incidentrapportering.",
           "The Cybersecurity Act requires operators in designated sectors to protect their network and information "
           "systems and to report significant incidents; where the municipality is covered, this justifies "
           "proportionate terms on security and incident notification."),
          "Cybersäkerhetslag (2025:1506)", "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/cybersakerhetslag-20251506_sfs-2025-1506/"),
    # -- the award model (issue 11) -----------------------------------------------------------------------------
    _rule("AWD-001", "completeness", "warning", ("Graderat bör-krav utan vikt", "Graded desirable requirement without weight"),
          ("Bör-kravet har en poängsättning ({scale} poäng) men ingen vikt i utvärderingsmodellen; dess poäng räknas inte.",
           "The desirable requirement has a scoring ({scale} points) but no weight in the award model; its points count for nothing."),
          ("Tilldelningskriterierna ska viktas inbördes och viktningen anges i upphandlingsdokumenten; ett poängsatt "
           "bör-krav utan vikt ger leverantörerna fel bild av vad som utvärderas.",
           "The award criteria shall be weighted and the weighting stated in the procurement documents; a scored "
           "desirable requirement without a weight misleads tenderers about what is evaluated."),
          "LOU 16 kap. 6 §", UHM_WEIGHTING),
    # a warning: LOU lets the weighting be stated in any of the procurement documents, not only this one
    _rule("AWD-002", "completeness", "warning", ("Utvärderingsmodell saknas", "No award model"),
          ("Specifikationen har {count} bör-krav men profilen anger ingen utvärderingsmodell (evaluation).",
           "The specification has {count} desirable requirements but the profile states no award model (evaluation)."),
          ("Myndigheten ska i något av upphandlingsdokumenten ange hur kriterierna ska viktas eller vilken "
           "prioritetsordning som ska tillämpas; utan modell kan bör-kraven inte utvärderas förutsebart.",
           "The authority shall state in one of the procurement documents how the criteria are weighted or which "
           "priority order applies; without a model the desirable requirements cannot be evaluated predictably."),
          "LOU 16 kap. 6 §", UHM_WEIGHTING),
    _rule("AWD-003", "consistency", "error", ("Vikt på krav som inte kan viktas", "Weight on a requirement that cannot be weighted"),
          ("{detail_sv}", "{detail_en}"),
          ("Bara bör-krav som ingår i specifikationen kan vara tilldelningskriterier; en vikt på ett uteslutet krav, "
           "ett ska-krav eller ett kontraktsvillkor skrivs inte ut och gör den angivna viktningen fel.",
           "Only desirable requirements in the specification can be award criteria; a weight on an excluded "
           "requirement, a mandatory requirement or a contract term is not printed and makes the stated weighting wrong."),
          "LOU 16 kap. 6 §", UHM_WEIGHTING),
    _rule("AWD-004", "consistency", "warning", ("Poängskalan är oklar", "Unclear points scale"),
          ("{detail_sv}", "{detail_en}"),
          ("Poängsättningen ska ange skalans högsta poäng lika på svenska och engelska, så att anbud kan poängsättas "
           "förutsebart och viktningen får den betydelse som anges.",
           "The scoring shall state the scale's highest points alike in Swedish and English, so that tenders can be "
           "scored predictably and the weighting has the stated effect."),
          "LOU 16 kap. 6 §", UHM_WEIGHTING),
]}


def get_rule(rule_id: str) -> Rule:
    try:
        return RULES[rule_id.strip().upper()]
    except KeyError:
        raise InputError(f"unknown rule {rule_id!r}", hint=f"use one of {', '.join(RULES)}") from None
