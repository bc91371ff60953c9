"""Word lists and patterns the text rules read — data, kept apart from the rule logic.

Swedish words are matched with their inflections (användarvänlig, -t, -a, -are, -ast, -het),
built by :func:`inflect`; English with its common forms. Context patterns (equivalence,
negation, measurement, examples) decide when a match is not a problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from re import _constants as sre_constants
from re import _parser as sre_parser

import ahocorasick

I = re.IGNORECASE  # noqa: E741


def inflect(stem: str, forms: str = "|t|a|are|ast|aste|het|heten") -> str:
    """``användarvänlig`` -> ``användarvänlig(?:|t|a|...)`` — a Swedish adjective and its forms."""
    return f"{stem}(?:{forms})"


def words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", I)


# -- obligations ------------------------------------------------------------------------------------------
SKA = words("ska", "skall", "måste", "får inte", "får ej", "krävs", "shall", "must", "is required to",
            "are required to", "shall not", "must not", "obligatorisk\\w*", "mandatory", "(?:det\\s+)?är\\s+ett\\s+krav\\s+att",
            "it\\s+is\\s+a\\s+(?:mandatory\\s+)?requirement\\s+that")
# a requirement laid out as a form, "Krav: … Svar: Ja/Nej" or "Ska-krav: …", is mandatory without a modal verb
SKA_LABEL = re.compile(r"^\s*(?:[\w.]+\s+)?(?:ska-?krav|skall-?krav|obligatoriskt\s+krav|krav|mandatory\s+requirement|"
                       r"requirement)\s*:|\bsvar\s*:\s*ja\s*/\s*nej\b|\banswer\s*:\s*yes\s*/\s*no\b", I)
# "desirable, but not mandatory", "inte obligatoriskt": the adjective under a negation states that nothing is mandatory
NOT_MANDATORY = re.compile(r"\b(?:not|never|inte|ej|icke|aldrig)\s+(?:\w+\s+)?(?:mandatory|obligatory|obligatorisk\w*|"
                           r"(?:ett\s+)?(?:ska-?|skall-?)krav)\b", I)
BOR = words("bör", "önskvärt", "meriterande", "should", "desirable", "is desired")
MODAL = words("ska", "skall", "måste", "bör", "får inte", "får ej", "krävs", "kravet", "shall", "must", "should",
              "is required", "are required", "required to")

# -- context ----------------------------------------------------------------------------------------------
EQUIVALENT = re.compile(
    r"\b(?:eller|or)\s+(?:\w+\s+)?(?:likvärdig\w*|motsvarande|jämförbar\w*|equivalent|equal|comparable)"
    r"|likvärdig\w*\s+(?:\w+\s+){0,3}(?:godtas|accepteras|godkänns)"
    r"|equivalent\s+(?:\w+\s+){0,3}(?:is|are|will\s+be)\s+accepted"
    r"|annan\s+(?:likvärdig\s+)?(?:bevisning|dokumentation|redovisning)|andra\s+bevis"
    r"|other\s+(?:equivalent\s+)?(?:evidence|proof|documentation)|or\s+evidence\s+of\s+equivalent"
    r"|(?:likvärdig\w*|motsvarande|equivalent)\s+(?:\w+\s+)?(?:certifi\w+|certificat\w*|intyg\w*|rutiner|åtgärder|"
    r"ledningssystem\w*|bevis\w*|procedures|measures|management\s+systems?)\b"
    # "or carry an equivalent label", "ha likvärdig miljömärkning"
    r"|(?:likvärdig\w*|motsvarande|equivalent)\s+(?:\w+\s+)?(?:\w*märkning\w*|\w*märke|labels?|ecolabels?)\b",
    I,
)
# "eller motsvarande modell från samma tillverkare": an equivalent limited to the same make, brand or supplier opens
# nothing to competitors, so it is not the equivalence LOU 9 kap. 6 § asks for
SAME_MAKER = re.compile(
    r"\b(?:från|av|hos|inom)\s+samma\s+(?:tillverkare|fabrikat|märke|leverantör|produktfamilj|varumärke|serie)\w*"
    r"|\b(?:from|by|of)\s+the\s+same\s+(?:manufacturer|make|brand|vendor|supplier|product\s+(?:family|line|range)|"
    r"series|trademark)",
    I,
)
# "Careium GO eller motsvarande produkt från Careium": the named maker again after the equivalent
EQUIVALENT_FROM = re.compile(
    r"\b(?:eller|or)\s+(?:\w+\s+){0,2}?(?:likvärdig\w*|motsvarande|jämförbar\w*|equivalent|equal|comparable)"
    r"(?:\s+\w+){0,2}?\s+(?:från|av|hos|by|from|made\s+by|tillverkad\s+av)\s+([A-ZÅÄÖ][\w-]+)", I)
SPECIAL_REASONS = words("särskilda skäl", "särskilt skäl", "special reasons?", "particular reasons?")
# a negation that lifts a demand ("need not", "inget krav på") — a prohibition ("får inte") does not
LIFTING_NEGATION = re.compile(
    r"\b(?:behöver|måste|krävs|kräver|ställs|ställer|kommer|need|needs|is|are|does|do|will)\s+(?:\w+\s+)?(?:inte|ej|not)\b"
    r"|\b(?:inget|inga|ingen|no)\s+(?:\w+\s+)?(?:krav|requirement|demand)s?\b|\bnot\s+required\b|\binte\s+(?:ett\s+)?krav\b"
    r"|\b(?:utan|without)\s+(?:krav|att\s+kräva|requiring|any\s+requirement)\b|\bneed\s+not\b|\binte\s+nödvändig\w*"
    r"|\b(?:inte|ej|not)\s+(?:kräva|krävas|förutsätta|require|assume|presuppose)\b",
    I,
)
EXAMPLE = words("t\\.ex\\.?", "t\\.?\\s?ex\\.?", "tex", "till exempel", "exempelvis", "såsom", "e\\.g\\.?", "for example", "for instance",
                "such as")
COMPATIBILITY = words("integr\\w+", "kompatib\\w+", "compatib\\w+", "kommunicera\\w*", "communicat\\w+", "interface\\w*",
                      "gränssnitt\\w*", "kopp?la\\w*", "anslut\\w*", "connect\\w*", "befintlig\\w*", "existing",
                      "nuvarande", "kommunens\\s+(?:system|verksamhetssystem|plattform)", "the municipality's\\s+system")
# the written justification LOU 9 kap. 6 § asks for when a make is named with "eller likvärdigt": a reason in the
# same requirement ("för kompatibilitet med …", "eftersom …", "due to …")
JUSTIFICATION = words("eftersom", "därför att", "på grund av", "med anledning av", "med hänsyn till", "för att", "i syfte att",
                      "motiver\\w*", "skälet", "skäl(?:et)? är", "since", "because", "due to", "owing to", "in order to",
                      "so that", "justif\\w+", "the reason", "given that", "to (?:suit|fit|match|ensure|support|allow)", "för (?:kompatibilitet|driftsäkerhet|enhetlighet|"
                      "igenkänning|service|underhåll|reservdelsförsörjning)", "for (?:compatibility|consistency|maintenance)")
# "ska levereras av Vitalcare AB": a company (known by its legal form) named as the one who delivers
SUPPLIER_NAME = re.compile(
    r"\b(?:levereras|levereras\s+och\s+installeras|tillhandahållas|tillhandahålls|utföras|utförs|installeras|tillverkas|"
    r"tillverkad\w*|köpas|köps|avropas|beställas|upphandlas|supplied|delivered|provided|manufactured|made|installed|"
    r"performed|purchased|sourced)\s+(?:av|från|hos|by|from)\s+"
    r"([A-ZÅÄÖ][\w&.-]*(?:\s+[A-ZÅÄÖ0-9][\w&.-]*){0,3}\s+(?:AB|Aktiebolag|HB|KB|Oy|Oyj|AS|ASA|A/S|ApS|GmbH|Ltd\.?|Limited|"
    r"Inc\.?|LLC|B\.?V\.?|S\.?A\.?|AG|plc|Corp\.?|Corporation))(?![\w-])")
# fixed terms of the law, blanked before the vague rules read a text: "professional" in the selection criteria of
# LOU 14 kap. / directive Art. 58 ("technical and professional ability", "professional or trade registers") is a
# category of evidence, not a subjective adjective
LEGAL_TERMS = words("lämpliga tekniska och organisatoriska åtgärder", "appropriate technical and organi[sz]ational measures",
                    "utan onödigt dröjsmål", "without undue delay",
                    "(?:technical and )?professional (?:capacity|ability|abilities)",
                    "(?:professional|trade) (?:or|and) (?:professional|trade) registers?", "professional registers?",
                    "(?:educational (?:and|or) )?professional qualifications?", "professional misconduct")
QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{1,200})[\"“”«»„]")
UNIT = (r"%|procent|percent|ms|millisekund\w*|sekund\w*|seconds?|sek\b|s\b|minut\w*|minutes?|min\b|tim(?:me|mar|marna)\b|"
        r"hours?|h\b|dygn\w*|dag(?:ar)?\b|arbetsdag\w*|days?|working days?|veck\w*|weeks?|månad\w*|months?|år\b|years?|"
        r"gb|mb|tb|kb|mbit/s|mbit|gbit|dpi|px|pixlar|pixels|km|meter|m\b|db\b|lux|klick|clicks|steg\b|steps|tecken|"
        r"characters|användare|users|samtidiga|concurrent|gånger|times|larm\b|alarms|språk|languages|punkter|pt\b|"
        r"mm\b|millimet\w*|cm\b|centimet\w*|kg\b|kilogram\w*|gram\b|mah\b|kwh\b|watt\b|volt\b|hz\b|°c|grader\b|degrees\b")
NUMBER = r"(?<![\w.])\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?"
SV_NUMBERS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
              "elva": 11, "tolv": 12, "femton": 15, "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "hundra": 100,
              "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100}
NUMBER_WORDS = [w for w in SV_NUMBERS if w not in ("en", "ett", "one")]
MEASURE = re.compile(
    r"(?:" + NUMBER + r"|\b(?:" + "|".join(NUMBER_WORDS) + r"))\s*(?:" + UNIT + r")"
    r"|(?:minst|högst|maximalt|max|minimum|maximum|at least|at most|no more than|less than|under|inom|within|senast)\s+\d"
    r"|\bWCAG\s*\d|\bnivå\s+AA?\b|\blevel\s+AA?\b|\bTLS\s*\d|\bAES[- ]?\d|\bSHA-?\d|\bMFA\b|\btvåfaktor\w*|\bmultifaktor\w*"
    r"|\bverifieras\s+(?:genom|med|enligt)|\bverified\s+(?:by|through|with)|\bmäts\s+(?:som|enligt|med)|\bmeasured\s+(?:as|by)"
    r"|\bSUS\b|System Usability Scale|\banvändartest\w*|\busability test\w*",
    I,
)
STANDARD = re.compile(
    r"(?<![\w/-])(?:SS[- ]EN[- ]ISO(?:/IEC)?|SS[- ]ISO(?:/IEC)?|SS[- ]EN|EN[- ]ISO(?:/IEC)?|ISO/IEC|ISO|IEC|SS|EN|"
    r"ETSI\s+(?:EN|TS|ES)|SEK\s+TS|ITU-T\s+[A-Z]\.?)\s?\d{2,5}(?:[-–]\d+)*(?::\d{4})?(?:\s+V\d+(?:\.\d+)+)?"
    r"|\bSCAIP\b|\bWCAG(?:\s*\d(?:\.\d)?)?(?:\s+(?:nivå|level)\s+AA?A?)?"
)
# what every match of STANDARD contains (a number, or SCAIP or WCAG): the gate the prefilter reads for it
STANDARD_GATE = re.compile(r"\d|SCAIP|WCAG")
STANDARD_WORD = words("ISO-?(?:standard\\w*|certifi\\w*|certifikat\\w*)")
# compounds count: "miljöcertifikat", "ISO 27001-certifierad" (a technical compound is set aside below)
CERTIFICATE = words("[\\w-]*certifi\\w+", "[\\w-]*certifikat\\w*", "certified", "certificates?", "certification\\w*", "ackrediter\\w*",
                    "accredit\\w*")
# LOU 15 kap. 14-15 §§ (Art. 62) concern certificates from independent bodies that a supplier meets a quality or
# environmental management standard; a technical certificate (X.509: a device's or server's identity) and an
# authority's attestation that an exclusion ground does not apply (taxes paid, registration) are something else
CERT_NOT_CONFORMITY = re.compile(
    r"\b(?:device|client|server|host|root|intermediate|TLS|SSL|X\.?509|digital|public[- ]key|signing|code[- ]signing|"
    r"identity|PKI|CA|web)\s+certificates?\b"
    r"|(?<![\w-])(?:TLS|SSL|X\.?509|server|klient|enhets?|rot|mellan|signerings?|kodsignerings?|webb|e-legitimations?|"
    r"PKI|funktions)-?certifikat\w*"
    r"|\bcertifikat(?:utfärdare|kedj|baserad|spärr|pinning|hantering|förnyelse|byte)\w*"
    r"|\b(?:digitala?|elektroniska?|tekniska?)\s+certifikat\w*"
    r"|\bcertificates?\s+(?:chains?|authorit\w+|revocation|pinning|based\s+authentication)\b"
    r"|\b(?:tax|registration|residence|police|criminal[- ]record)\s+certificates?\b"
    r"|\bcertificates?\s+(?:of|from|issued\s+by)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:tax\w*|social\s+security|registration|"
    r"incorporation|good\s+standing|Tax\s+Agency|Companies\s+Registration\s+Office|Enforcement\s+Authority|competent\s+authorit\w+)",
    I,
)
CERT_CONTEXT_OPTIONAL = words("eventuell\\w*", "if any", "ange vilka", "state which", "redovisa vilka", "list any")

# -- overreach --------------------------------------------------------------------------------------------
TURNOVER = words("\\w*omsättning\\w*", "omsätta", "omsätter", "turnover", "annual revenue", "revenue",
                 "intäkter")
COUNT = r"(\d+|" + "|".join(SV_NUMBERS) + r")"
# "fyra (4)", "4 (fyra)": the same count spelled twice, as Swedish contracts often write it
COUNT_ECHO = r"(?:\s*\((?:\d+|" + "|".join(SV_NUMBERS) + r")\))?"
AMOUNT = re.compile(
    r"(?:(?:SEK|kr\.?|kronor)\s*)?(" + NUMBER + r"|" + "|".join(SV_NUMBERS) + r")\s*"
    r"(miljarder|miljard|billion|bn|miljoner|miljon|million|mn|mkr|mnkr|msek|mio|m\b|tkr|tsek|tusen|thousand|k\b)?"
    r"\s*(?:kronor|kr\b|sek\b)?",
    I,
)
SCALE = {"miljard": 1e9, "miljarder": 1e9, "billion": 1e9, "bn": 1e9, "miljon": 1e6, "miljoner": 1e6, "million": 1e6,
         "mn": 1e6, "mkr": 1e6, "mnkr": 1e6, "msek": 1e6, "mio": 1e6, "m": 1e6, "tkr": 1e3, "tsek": 1e3, "tusen": 1e3,
         "thousand": 1e3, "k": 1e3}
# an amount in another currency than the estimated value (SEK): procura holds no exchange rate, so it cannot
# compare the two and asks for a manual comparison instead of guessing
FOREIGN_CURRENCY = re.compile(
    r"€|\$|£|(?<![\w-])(?:EUR|euro|euros|USD|US[- ]dollars?|dollars?|GBP|pund|pounds?(?:\s+sterling)?|NOK|DKK|CHF|"
    r"norska\s+kronor|danska\s+kronor|isländska\s+kronor|Norwegian\s+kroner?|Danish\s+kroner?)(?![\w-])", I)
TURNOVER_MULTIPLE = re.compile(
    COUNT + r"\s+(?:gånger|times)\s+(?:\w+\s+){0,4}(?:värde\w*|value|kontraktsvärde\w*|avtalsvärde\w*|ordervärde\w*)", I)
RATING = words("riskklass\\w*", "risk class\\w*", "kreditvärdighet\\w*", "kreditbetyg\\w*", "kreditrating\\w*",
               "ratingklass\\w*", "credit rating\\w*", "credit score", "creditsafe", "bisnode", "dun & bradstreet",
               "dun and bradstreet", "kreditupplysningsföretag\\w*", "UC-?(?:klass|rating|betyg)\\w*")
# a bare "rating" is a credit rating only next to a credit or financial word: "an equivalent rating" of a
# vulnerability (CVSS severity) or of a product is not the rating class RÅ 2005 ref. 47 is about
RATING_BARE = words("rating", "betyg")
FINANCIAL = words("kredit\\w*", "credit\\w*", "ekonomisk\\w*", "finansiell\\w*", "financial\\w*", "economic\\w*",
                  "UC", "creditsafe", "bisnode", "dun (?:&|and) bradstreet", "moody'?s", "fitch", "standard (?:&|and) poor'?s",
                  "S&P", "soliditet\\w*", "likviditet\\w*", "solvency", "liquidity")
RATING_UC = re.compile(r"(?<!\w)UC(?!\w)")
RATING_LEVEL = re.compile(
    r"\b(?:minst|lägst|högst|at least|minimum|no lower than|lower than|lägre än|eller högre|or higher|or better|eller bättre|"
    r"klass|class|nivå|level)\b|(?<!\w)(?:AAA|AA|A|B|C)(?!\w)|(?<![\w.,])\d(?![\w.,])", I)
RATING_ASSESSMENT = words("samlad bedömning", "samlad prövning", "individuell\\w* bedömning", "individuell\\w* prövning",
                          "individuellt", "annan bevisning", "annat underlag", "other evidence", "overall assessment",
                          "individual\\w* assessment", "assessed individually", "ensam avgörande", "ensamt avgörande",
                          "inte ensam", "never decisive", "not decisive", "sole test", "moderbolagsgaranti\\w*",
                          "parent[- ]company guarantee", "förklar\\w*", "explanation", "explain", "redovisa skäl")
BRANDS = re.compile(
    r"(?<![\w-])(?:Apple|iPhone|iPad|Samsung(?:\s+Galaxy)?|Microsoft(?:\s+\w+)?|Office\s*365|Google(?:\s+\w+)?|Cisco|Dell|"
    r"Lenovo|HP|Oracle|SAP|Citrix|VMware|IBM|Huawei|Ericsson|Nokia|Sony|Philips|Siemens|Bosch|Axis|Hikvision|Tunstall|"
    r"Careium|Doro|Phoniro|Tele\s?Alarm|Legrand|Neat|Evondos|ASSA\s+ABLOY|Assa\s+Abloy|Abloy|Yale|Glue|Teltonika|Lifecare|"
    r"Treserva|Procapita|Pulsen|Visma|Tieto(?:EVRY)?|Telia|Tele2|Telenor|BankID|Freja\s+eID|Zoom|Skype|Salesforce|Garmin|"
    r"Fitbit|Tena|Zebra|Motorola|Intel|AMD|Chromebook|MacBook|Mac|Windows|Azure|AWS|Amazon\s+Web\s+Services)(?!\w)"
    r"(?:\s+[A-Z0-9][A-Za-z0-9-]*\d[A-Za-z0-9-]*)?"
)
BRAND_MARKERS = re.compile(
    r"(?:\bav\s+(?:fabrikat(?:et)?|märke[t]?|modell(?:en)?)|\bfabrikat(?:et)?|\bmärket|\bmodell(?:en)?|\bof\s+(?:the\s+)?(?:make|brand)|"
    r"\bmake|\bbrand|\bmodel)\s+[\"“]?([A-Z][\w-]+(?:\s+[A-Z0-9][\w-]*)?)|(\b[A-Z][\w-]+)\s*[®™]"
    # "av typen ASSA Connect 7000", "of type Axis M3106": a type is a make when a model number follows the name
    r"|\b(?:av\s+typ(?:en)?|of\s+(?:the\s+)?type)\s+[\"“]?([A-Z][\w-]+(?:\s+[A-Z][\w-]*){0,2}\s+[\w-]*\d[\w-]*)")
PLATFORMS = words("iOS", "Android", "Windows(?:\\s+\\d+)?", "macOS", "Chrome", "Edge", "Firefox", "Safari")
LOCAL_PHRASE = words("lokalt kontor", "lokala kontor", "lokalkontor", "lokal närvaro", "lokalt förankrad\\w*", "lokalt etablerad\\w*",
                     "lokalt baserad\\w*", "local office\\w*", "local presence", "locally based", "locally established",
                     "lokal\\w* (?:butik|verkstad|lager|servicekontor)", "local (?:store|warehouse|workshop|branch)")
LOCAL_PLACE = re.compile(
    r"\b(?:kontor\w*|filial\w*|butik\w*|verkstad\w*|lager\b|lagret|serviceställe\w*|servicekontor\w*|driftställe\w*|"
    r"personal|tekniker\w*|representant\w*|säte|office\w*|store|warehouse\w*|branch\w*|depot|staff|workshop|premises|"
    r"etablera\w*|placera\w*|stationera\w*|lokalisera\w*|belägen|beläget|located|based|established|situated|registrerad|"
    r"registered|fysiskt|physically|supportfunktion\w*|supportcent\w*|servicecent\w*|kundcent\w*|kundtjänst\w*|"
    r"(?:service|support|customer\s+service|contact|call)\s+cent(?:re|er)s?|help\s*desk)\b"
    r"[^.;]{0,50}?\b(?:i|inom|in|within|på)\s+(?:(?:\w+\s+)?kommunen|kommun\w*|länet|regionen|the municipality|the region|"
    r"the county|sverige|sweden|norden|(?!(?:EU|EES|EEA|EU/EES|EU/EEA|Europa|Europe|Europeiska|European)\b)"
    r"[A-ZÅÄÖ][\wåäö]+(?:s)?(?:\s+(?:kommun|län|region|stad|county|municipality|region))?|"
    r"(?:en\s+)?(?:radie|radius)\s+(?:av|om|of)\s+\d+|\d+\s*(?:km|kilometer|mil|miles))\b",
)
# personnel required to live in a place ("konsulten ska vara bosatt i Västerbotten"): local presence of people
LOCAL_RESIDENCE = re.compile(r"\b(?:bosatt\w*|folkbokförd\w*|boende|resident|reside|living)\s+(?:i|inom|in|within)\s+"
                             r"(?:\w+\s+){0,2}?(?:kommun\w*|län\w*|region\w*|[A-ZÅÄÖ][\wåäö-]+|the\s+(?:municipality|region|"
                             r"county)|\d+\s*(?:km|mil))", I)
# demands that differ by the size of the supplier ("företag med färre än 50 anställda ska …")
COMPANY_SIZE = re.compile(
    r"\b(?:företag|leverantörer|anbudsgivare|bolag|suppliers|companies|tenderers|firms)\s+med\s+(?:(?:fler|färre|mer|mindre)"
    r"\s+än|minst|högst|över|under)\s+\d[\d\s]*\s*(?:anställda|medarbetare|årsanställda|MSEK|miljoner\s+kronor)"
    r"|\b(?:companies|suppliers|firms|tenderers)\s+with\s+(?:more|fewer|less)\s+than\s+\d[\d,]*\s+(?:employees|staff)"
    r"|\b(?:små|mindre|stora|större|medelstora)\s+(?:företag|leverantörer|bolag)\s+(?:ska|skall|måste|behöver\s+inte|"
    r"undantas|får)"
    r"|\b(?:small|large|smaller|larger)\s+(?:companies|suppliers|firms)\s+(?:shall|must|are\s+exempt|need\s+not)", I)
PRESENCE_VERB = words("ha", "har", "inneha\\w*", "finnas", "finns", "disponera", "bedriva", "have", "has", "maintain\\w*",
                      "be based", "be located", "vara (?:placerad|stationerad|etablerad|lokaliserad|belägen|registrerad)",
                      "be (?:established|situated|registered)", "etablera\\w*", "operate", "run", "driva", "bemanna\\w*")
LATER_PRESENCE = words("vid avtalsstart", "senast vid avtalsstart", "från avtalsstart", "under avtalstiden",
                       "at contract start", "from the start of the contract", "during the contract", "at the start of the contract")
REFERENCE_WORD = words("referens\\w*", "references?", "erfarenhet\\w*", "experience", "tidigare uppdrag", "levererat",
                       "leveranser", "delivered", "deliveries", "uppdragsgivare", "customers?")
RESTRICTED_CUSTOMER = re.compile(
    r"\b(?:från|hos|åt|till|med|inom|i|from|with|for|to|at|in|within)\s+(?:(?:minst|at\s+least|no\s+fewer\s+than)\s+)?"
    r"(?!the\s+(?:municipality|region|county\s+council|authority|contracting\s+authority)\b)"
    r"(?:(?:\d+|" + "|".join(SV_NUMBERS) + r")" + COUNT_ECHO + r"\s+|a\s+|an\s+|the\s+)?"
    r"(?:annan\s+)?(?:(?:svensk\w*|swedish|[a-zåäö]+ländsk\w*|länets|regionens|skånsk\w*|småländsk\w*)\s+)?"
    r"(?:offentlig\w*\s+(?:sektor|verksamhet\w*|myndighet\w*|organisation\w*|aktör\w*|förvaltning\w*|beställare|kund\w*|uppdragsgivare)|"
    r"kommun(?:er(?:na)?|al\w*)?(?![\wåäö])|region(?:er(?:na)?)?(?![\wåäö])|landsting(?!et\b)\w*|statlig\w*\s+myndighet\w*|myndighet(?:er)?(?![\wåäö])|"
    r"public[- ]sector\w*|public\s+(?:authorit\w+|bod(?:y|ies)|organi[sz]ations?|entit\w+|clients?|customers?|buyers?)|"
    r"(?:swedish\s+)?municipalit\w+|local\s+authorit\w+|county\s+councils?|"
    r"svensk\w*\s+(?:kund\w*|uppdragsgivare|organisation\w*|företag\w*)|swedish\s+(?:customers?|clients?|organi[sz]ations?))"
    # "ska uteslutande avse kommunala uppdrag", "relate only to public-sector contracts"
    r"|\b(?:uteslutande|endast|enbart|bara|only|exclusively|solely|avse|avser|gälla|gäller|concern|relate\s+to)\s+"
    r"(?:\w+\s+){0,2}?(?:kommunal\w*|offentlig\w*|statlig\w*|municipal|public[- ]sector|public|governmental)\s+"
    r"(?:uppdrag\w*|kund\w*|beställare|uppdragsgivare|verksamhet\w*|upphandling\w*|avtal\w*|sektor(?:n)?|assignments?|"
    r"contracts?|clients?|customers?|engagements?|projects?|bodies|organi[sz]ations?|sector)\b",
    I,
)
RESTRICTION_KIND = re.compile(r"offentlig|kommun|region|landsting|statlig|myndighet|public|municipal|local\s+authorit|"
                              r"county\s+council|governmental|svensk|swedish", I)
RESTRICTION_OPEN = words("eller privat\\w*", "or private\\w*", "offentlig eller privat\\w*", "public or private",
                         "eller motsvarande", "eller liknande", "or comparable", "or similar", "or equivalent",
                         "eller annan", "or other", "oavsett", "regardless", "privat eller offentlig", "private or public")
REFERENCE_COUNT = re.compile(
    COUNT + COUNT_ECHO + r"\s+(?:st\.?\s+|olika\s+|separata\s+|different\s+|separate\s+)?"
    # "eight customer references", "fyra skriftliga referenser", "fem kundreferenser"
    r"(?:(?:customer|client|kund|relevant\w*|tidigare|previous|written|skriftliga|comparable|jämförbara|liknande|similar|"
    r"godkända|verifierbara|verifiable|satisfied|nöjda|completed|genomförda|slutförda|avslutade)\s+){0,2}"
    r"(?:\w*referens\w*|references?|reference\s+\w+|"
    r"tidigare\s+uppdrag|uppdrag|kunduppdrag|liknande\s+uppdrag|(?:similar|comparable)\s+(?:assignments|contracts|projects)|"
    r"assignments|contracts|projects)", I)
# "ska ha genomfört minst fem (5) förstudier", "have completed at least six implementations": a count of past
# deliveries of any kind, read like a count of references
DELIVERY_COUNT = re.compile(
    r"\b(?:genomfört|levererat|slutfört|utfört|lett|drivit|implementerat|completed|delivered|carried\s+out|led)\s+"
    r"(?:minst\s+|at\s+least\s+|no\s+fewer\s+than\s+)" + COUNT + COUNT_ECHO + r"\s+(?:[\w-]+\s+){0,2}?[\w-]+", I)
_AT_LEAST = (r"(?:minst|i\s+minst|lägst|mer\s+än|inte\s+mindre\s+än|åtminstone|at\s+least|more\s+than|for\s+at\s+least|over|"
             r"no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|(?:a\s+)?minimum(?:\s+of)?)")
YEARS_IN_BUSINESS = re.compile(
    r"(?:verksam\w*|funnits|bedrivit\s+verksamhet|varit\s+(?:verksam|etablerad|aktiv)\w*|registrerad\w*|in\s+business|"
    r"been\s+(?:trading|operating|active|established)|in\s+operation|erfarenhet|experience|(?:stiftad|founded|established)|"
    r"track\s+record|historik|history)"
    r"[^.;]{0,40}?\b" + _AT_LEAST + r"\s+" + COUNT + COUNT_ECHO + r"\s*(?:år|years)"
    r"|\b" + _AT_LEAST + r"\s+" + COUNT + COUNT_ECHO + r"\s*(?:års|years'?|år)\s+(?:of\s+)?(?:[\wåäö-]+\s+){0,2}?"
    r"(?:erfarenhet|experience|verksamhet|track\s+record)", I)
VALUE_BAND = re.compile(
    r"(?:värde|värd|value|worth|omfattning|storlek|size|ordervärde|kontraktsvärde|contract value)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:mellan|between)\s+(?:SEK|EUR|kr\.?|€|\$)?\s*\d[\d\s.,]*\s*\w*\s+(?:och|and|till|to)\s+(?:SEK|EUR|kr\.?|€|\$)?\s*\d", I)
# "referensuppdragen ska ha pågått i minst åtta år": the length of each reference assignment (read with a reference word)
REFERENCE_DURATION = re.compile(
    r"\b(?:pågått|löpt|varat|lasted|(?:has|have)\s+run|been\s+(?:running|ongoing|in\s+progress))\b[^.;]{0,40}?\b"
    + _AT_LEAST + r"\s+" + COUNT + COUNT_ECHO + r"\s*(?:år|years)\b", I)
_LIVE = (r"(?:i\s+(?:skarp\s+|full\s+|aktiv\s+)?(?:drift|produktion)|driftsatt\w*|implementera[dt]\w*|används|användas|"
         r"använts|använd|in\s+(?:\w+\s+)?(?:production|operation|use)|live|deployed|used|installera[dt]\w*|installed|"
         r"running|körs|fungerande)")
_ALL_CUSTOMERS = (r"(?:samtliga|alla|all|every(?:\s+single)?|each\s+and\s+every|varje|var\s+och\s+en|varenda(?:\s+en)?|"
                  r"vartenda(?:\s+ett)?)\s+(?:(?:one\s+)?of\s+|av\s+)?(?:[\w'’]+\s+){0,4}?"
                  r"(?:\w*(?:kund|kommun)(?:er(?:na)?|siter(?:na)?|sajter(?:na)?|anläggningar(?:na)?|installationer(?:na)?|"
                  r"miljöer(?:na)?)?|uppdragsgivare|installationer(?:na)?|(?:customer|client)\s+(?:sites?|installations?|"
                  r"deployments?|environments?)|customers?|municipalit(?:y|ies)|clients?|installations?)(?![\wåäö])"
                  r"(?!['’]s?\b)")  # not a possessor
# "i alla kommuner där leverantören har avtal": every place the supplier serves, named by the supplier's contracts
_ALL_SUPPLIER_PLACES = (r"(?:samtliga|alla|all|every|varje|varenda)\s+(?:\w+\s+){0,2}?(?:kommuner|regioner|orter|municipalit(?:y|ies)|"
                        r"regions|places|sites)\s+(?:där|som|i\s+vilka|med\s+vilka|where|that|which|in\s+which|with\s+which)\s+"
                        r"(?:\w+\s+){0,2}?(?:leverantören|anbudsgivaren|ni|företaget|the\s+(?:supplier|tenderer|vendor|provider)|"
                        r"you|it)\s+(?:\w+\s+)?(?:har|levererar|is|has|have|supplies|serves|delivers)\b")
# "samtliga kunder till anbudsgivaren ska … använda den offererade versionen": customers named as the supplier's
_SUPPLIERS_CUSTOMERS = (r"(?:samtliga|alla|all|every|varje|varenda)\s+(?:\w+\s+)?(?:kunder(?:na)?|customers|clients)\s+"
                        r"(?:till|hos|av|of|to)\s+(?:leverantören|anbudsgivaren|utföraren|the\s+(?:supplier|tenderer|vendor|provider))")
LIVE_EVERYWHERE = re.compile(
    _SUPPLIERS_CUSTOMERS + r"[^.;]{0,100}?(?:" + _LIVE + r"|använd(?:a|er)|use)\b|"
    + _LIVE + r"\b[^.;]{0,60}?\b(?:hos|at|by|in|for|av|på|on)\s+(?:leverantörens\s+|the\s+supplier's\s+|its\s+|dess\s+)?" + _ALL_CUSTOMERS
    + r"|" + _ALL_CUSTOMERS + r"[^.;]{0,60}?" + _LIVE + r"\b"
    + r"|" + _LIVE + r"\b[^.;]{0,60}?\b(?:i|in|hos|at|within)\s+" + _ALL_SUPPLIER_PLACES, I)
# "önskemål" marks a wish only when the text says it is one ("det är ett önskemål att", "Önskemål: …"); "efter
# verksamhetens önskemål" names someone's wishes as the object of the requirement
WISH = words("gärna", "(?<!som )helst", "önskvärt", "(?:är|som)\\s+(?:ett\\s+)?(?:starkt\\s+)?önskemål",
             "önskemål(?:et)?\\s+(?:är\\s+)?att", "^\\s*önskemål(?=\\s*:)", "meriterande", "ett plus", "en fördel", "preferably", "ideally",
             "nice to have", "would be an advantage", "is an advantage", "is a plus", "it is desirable", "desirably",
             "i bästa fall", "företrädesvis", "med fördel", "in the best case", "if at all possible")

# "Samtliga 248 krav i bilaga 3 är ska-krav", "All requirements in this document are mandatory": every requirement
# declared mandatory at once, whatever its weight (HFD 2016 ref. 37)
ALL_MANDATORY = re.compile(
    r"\b(?:samtliga|alla|all(?:\s+(?:of\s+)?the)?|every|each|varje)\s+(?:\d+\s+|(?:" + "|".join(NUMBER_WORDS) + r")\s+)?"
    r"(?:\w+\s+)?(?:krav(?:en)?|kravpunkter(?:na)?|requirements?)\b[^.;]{0,80}?\b"
    r"(?:är|utgör|räknas\s+som|betraktas\s+som|ska\s+(?:betraktas|räknas|ses)\s+som|are|is|constitute|"
    r"shall\s+be\s+(?:treated|regarded|considered|deemed)\s+(?:as\s+)?|will\s+be\s+(?:treated|regarded)\s+as)\s+"
    r"(?:\w+\s+)?(?:ska-?krav|skall-?krav|obligatorisk\w*|absoluta\s+krav|mandatory|obligatory|must[- ]have\s+requirements|"
    r"minimum\s+requirements|minimikrav)\b", I)
# "alla krav markerade med 'ska' är obligatoriska" explains the notation of the document, it declares nothing mandatory
ALL_MANDATORY_EXPLAINED = words("markera\\w*", "märkt\\w*", "betecknad\\w*", "angiv\\w+", "anges", "benämn\\w*",
                                "som innehåller", "uttryckta", "formulerade", "marked", "labell?ed", "denoted", "indicated",
                                "identified", "containing", "expressed", "worded", "written", "using", "with the words?")
# a classification stated in the text (KLASSA: K, R, T 0-4; "klassats som K1", "classified as C2") and a level
# demanded of the solution ("ska uppfylla samtliga krav för nivå 3", "shall meet level 3") — a level above the class
# the text itself states needs a written motive (LOU 4 kap. 1 §)
STATED_CLASS = re.compile(
    r"\b(?:klassa(?:ts|d|de|t)?|klassificera(?:ts|d|de|t)|bedöm(?:ts|d|da)|classified|rated|assessed)\s+"
    r"(?:\w+\s+){0,2}?(?:(?:som|till|på|i|as|at|in)\s+)?"
    r"(?:(?:nivå|level|klass|class|skyddsnivå|säkerhetsklass)\s*(?P<letter>[KRTC])?\s?|(?P<letter2>[KRTC])\s?)(?P<level>[0-4])\b"
    r"|(?<![\w-])(?P<letter3>[KRT])(?P<level3>[0-4])\s+(?:enligt|i|according\s+to|under)\s+KLASSA\b", I)
# more classes listed right after the first: "klassats som K2, R2 och T1"
CLASS_TOKEN = re.compile(r"(?<![\w-])(?P<letter>[KRT])(?P<level>[0-4])(?![\w-])")
DEMANDED_LEVEL = re.compile(
    r"(?:nivå|level|klass|class|skyddsnivå|säkerhetsnivå|säkerhetsklass)\s*(?P<letter>[KRTC])?\s?(?P<level>[0-4])\b"
    r"|(?<![\w-])(?P<letter2>[KRT])(?P<level2>[0-4])(?![\w-])")
# environmental and social labels (directive 2014/24/EU art. 43): demanded without an equivalent label accepted
LABEL = re.compile(
    r"(?<![\w-])(?:svanen-?(?:märk|licens)\w*|EU[- ]?Ecolabel|EU-blomman|EU[- ]blomm\w*|Bra\s+Miljöval|"
    r"TCO[- ]Certified|TCO[- ]?märk\w*|Blaue?\s+Engel|Blue\s+Angel|Fairtrade(?:[- ]?märk\w*)?|KRAV[- ]?märk\w*|"
    r"Nordic\s+Swan(?:\s+Ecolabel)?|Swan[- ]labell?ed|Energy\s+Star|FSC[- ]?(?:märk|certifi)\w*|"
    r"PEFC[- ]?(?:märk|certifi)\w*|Möbelfakta|Good\s+Environmental\s+Choice)(?![\w-])", I)
# demanding the label's criteria, or the label as one proof among others, is the lawful way
LABEL_CRITERIA = words("kriterier\\w*", "criteria", "som bevis", "as (?:proof|evidence)", "exempelvis", "t\\.ex\\.?",
                       "for example", "e\\.g\\.?", "such as")

# -- vague ------------------------------------------------------------------------------------------------
SUBJECTIVE = words(
    inflect("användarvänlig"), inflect("lättanvänd", "|a|t"), "lätt att (?:använda|förstå|lära|hantera|navigera)",
    inflect("lättförståelig"), inflect("intuitiv"), inflect("lättöverskådlig"), inflect("överskådlig"),
    inflect("lättnavigera", "d|t|de"), inflect("lättillgänglig"), inflect("lätthanterlig"), inflect("lättläst", "|a"),
    "tilltalande", "estetiskt tilltalande", inflect("erforderlig", "|t|a"), inflect("modern", "|t|a|are|ast|aste|itet"),
    "flexibel", "flexibelt", "flexibla", "flexiblare", "flexibilitet\\w*", inflect("snabb", "|t|a|are|ast|aste|het"),
    "enkel(?!\\s+inloggning)", "enkelt", "enkla", "enklare", "enklast\\w*", inflect("smidig"), inflect("effektiv", "|t|a|are|ast|itet"),
    inflect("kostnadseffektiv", "|t|a|itet"), inflect("robust", "|a|are|het"), inflect("tillförlitlig"), inflect("pålitlig"),
    inflect("framtidssäker"), inflect("skalbar", "|t|a|het"), inflect("ändamålsenlig"), inflect("optimal", "|t|a"),
    inflect("professionell", "|t|a|t"), inflect("attraktiv"), inflect("tillräcklig", "|t|a"), inflect("rimlig", "|t|a"),
    # degree phrases: "så snabbt som möjligt", "i så hög grad som möjligt", "as soon as practicable"
    "(?:i\\s+)?så\\s+(?:\\w+\\s+){1,2}?som\\s+möjligt", "as\\s+\\w+\\s+as\\s+(?:possible|practicable|feasible)",
    "bra", inflect("framgångsrik", "|t|a"), "påvisad framgång", inflect("välbalanser", "ad|ade|at"), "bästa möjliga", "bästa tänkbara", "senaste tekniken?", "modern teknik", "state[- ]of[- ]the[- ]art",
    "hög(?:a|t|re|sta)?\\s+(?:grad\\s+av\\s+)?(?:kvalitet|säkerhet|säkerhetsnivå|tillgänglighet|prestanda|driftsäkerhet|"
    "tillförlitlighet|kapacitet|nivå|standard|servicenivå|användbarhet|kompetens)",
    "god(?:a|tt)?\\s+(?:kvalitet|prestanda|tillgänglighet|service|kunskap\\w*|kännedom|förmåga|kompetens|erfarenhet|"
    "förståelse|insikt|vana|överblick|överskådlighet|"
    "svarstid\\w*|ljudkvalitet|bildkvalitet|säkerhet|funktion\\w*|användbarhet|standard)",
    "(?:lång|långa|gedigen|gedigna|stor|bred|omfattande)\\s+erfarenhet",
    "på ett säkert sätt", "säkert sätt", "snarast(?:\\s+möjligt)?", "så snart som möjligt", "omgående", "skyndsamt",
    "(?:inom|på|med)\\s+(?:en\\s+)?(?:rimlig|skälig)(?:a)?\\s+(?:tid|tidsrymd|tidsperiod|frist|varsel)\\w*",
    "skäligt varsel", "i god tid", "in good time", "user[- ]friendl\\w+", "easy to (?:use|understand|learn|navigate)", "ease of use", "easy", "easily",
    "intuitive\\w*", "(?:visually\\s+|aesthetically\\s+)?appealing", "visually pleasing", "easy-to-(?:use|read|understand)",
    "(?:good|clear|thorough|deep)\\s+understanding", "modern", "flexib\\w+", "quick\\w*", "rapid\\w*", "simple", "efficient\\w*", "robust\\w*",
    "reliable", "reliably", "seamless\\w*", "smooth\\w*", "high[- ](?:quality|security|availability|performance|level)",
    "good", "adequate\\w*", "sufficient\\w*", "reasonabl[ey]", "optimal\\w*", "best possible", "future[- ]proof",
    "scalable", "professional\\w*", "attractive", "securely", "in a secure (?:way|manner)",
    "(?:extensive|long|solid|broad|significant|considerable) experience", "as soon as possible", "asap", "promptly",
    "in a timely manner", "timely",
)
ESCAPE = words("vid behov", "efter behov", "vid eventuellt behov", "om (?:så\\s+)?möjligt", "om det är möjligt",
               "i möjligaste mån", "i mån av (?:tid|möjlighet)", "så långt (?:det är )?möjligt", "på (?:ett )?lämpligt sätt",
               "där (?:det är|så är) (?:lämpligt|möjligt)", "om (?:det är )?lämpligt", "i den mån", "om nödvändigt",
               "vid (?:behov|nödvändighet)", "i rimlig omfattning", "i förekommande fall", "sträva\\w* efter", "eftersträva\\w*",
               "ha som mål", "where possible", "if possible", "as far as possible", "to the extent possible",
               "as appropriate", "where appropriate", "if appropriate", "if necessary", "when necessary", "as necessary",
               "as needed", "when needed", "if needed", "as required", "to the extent necessary", "strive to", "endeavou?r\\w*",
               "best efforts?", "where applicable", "as far as practicable", "when feasible", "if feasible",
               "where feasible",
               # judgement-based: whether the requirement applies is left to a later, unstated judgement
               "(?:om|när|där|då|så\\s+länge(?:\\s+som)?|i\\s+den\\s+(?:mån|omfattning|utsträckning)(?:\\s+som)?)\\s+det\\s+"
               "(?:bedöm(?:s|es)|anses|befinns)",
               "det\\s+(?:bedöms|anses)\\s+(?:som\\s+)?(?:nödvändigt|lämpligt|motiverat|befogat|behövligt|relevant|rimligt)",
               # "i den utsträckning det behövs", "i nödvändig omfattning": to the extent necessary (INCOSE R8)
               "i\\s+den\\s+(?:utsträckning|omfattning)(?:\\s+som)?\\s+(?:det\\s+)?(?:är\\s+)?(?:behövs|krävs|nödvändigt|möjligt|"
               "lämpligt|erforderligt|motiverat|rimligt)",
               "i\\s+(?:nödvändig|erforderlig|behövlig|tillräcklig|rimlig|skälig|lämplig)\\s+(?:utsträckning|omfattning)",
               "(?:as|if|when|where)\\s+(?:it\\s+is\\s+)?considered\\s+(?:necessary|appropriate|relevant|reasonable)",
               "(?:enligt|efter)\\s+(?:leverantörens|anbudsgivarens|utförarens)\\s+(?:egen\\s+)?bedömning",
               "(?:om|när|då|där|så\\s+länge(?:\\s+som)?|i\\s+den\\s+(?:mån|omfattning)(?:\\s+som)?|i\\s+den\\s+utsträckning)\\s+"
               "(?:leverantören|anbudsgivaren|utföraren|denne)\\s+(?:själv\\s+)?(?:så\\s+)?(?:bedömer|anser|finner|tycker|önskar)",
               "i bästa fall",
               "(?:efter|enligt)\\s+(?:eget|leverantörens)\\s+gottfinnande",
               "(?:as|if|when|where)\\s+(?:it\\s+is\\s+)?deemed\\s+(?:necessary|appropriate|relevant|reasonable)",
               "(?:as|if|when|where|whenever|as\\s+long\\s+as|for\\s+as\\s+long\\s+as|to\\s+the\\s+extent)\\s+the\\s+"
               "(?:supplier|contractor|tenderer|vendor|provider)\\s+(?:deems|considers|finds|judges|sees\\s+fit|thinks)",
               "in the best case",
               "at\\s+(?:its|the\\s+(?:supplier|contractor|tenderer)'s)\\s+(?:own\\s+)?discretion",
               "in\\s+the\\s+(?:supplier|contractor|tenderer)'s\\s+(?:own\\s+)?(?:judge?ment|opinion)")
ESCAPE_NEED = words("vid behov", "efter behov", "vid eventuellt behov", "as needed", "when needed", "if needed",
                    "if necessary", "when necessary", "as necessary", "as required")
OPEN_ENDED = re.compile(
    r"(?<![\w-])(?:m\.m\.?|med mera|(?<!\d )(?<!\d\u00a0)(?<!\d)mm\.(?!\w)|etc\.?|etcetera|o\.s\.v\.?|osv\.?|och så vidare|bl\.a\.?|bland annat|och liknande|"
    r"och dylikt|o\.dyl\.?|med flera|m\.fl\.?|inklusive men inte begränsat till|including but not limited to|"
    r"and so on|and so forth|among other things|inter alia)(?![\w-])", I)
CATCH_ALL = words("gällande lag(?:ar|stiftning|krav|regler)?", "(?:aktuella|tillämpliga|relevanta|alla)\\s+lagkrav",
                  "(?:de\\s+)?(?:krav|regler|bestämmelser)\\s+som\\s+(?:ställs|finns|gäller)\\s+i\\s+(?:lag(?:ar|en)?|"
                  "författning\\w*|förordning\\w*|lagstiftning\\w*)",
                  "lag\\s+(?:och|eller)\\s+(?:annan\\s+)?(?:förordning|författning|föreskrift)\\w*",
                  "(?:relevanta|tillämpliga|gällande|aktuella)\\s+(?:föreskrifter|regler|bestämmelser|regelverk)",
                  "statutory requirements", "requirements (?:of|set (?:out )?(?:in|by)) (?:law|legislation|statute)s?", "gällande (?:regelverk|föreskrifter|bestämmelser)",
                  "tillämplig(?:a)? (?:lag(?:ar|stiftning)?|regelverk|föreskrifter)", "lagar och (?:regler|förordningar)",
                  "lagstadgade krav", "branschstandard\\w*", "branschpraxis", "vedertagen (?:standard|praxis)",
                  "etablerade standarder", "(?:relevanta|tillämpliga|gällande|aktuella)\\s+(?:standarder|normer|riktlinjer)",
                  "standarder(?:na)? (?:på|inom) området", "best practices?",
                  "(?:relevant|applicable|appropriate)\\s+standards", "standards in the field", "industry[- ]standards?", "applicable (?:laws?|legislation|"
                  "regulations?)", "current (?:laws?|legislation|regulations?)", "relevant (?:laws?|legislation|regulations?)",
                  "all laws", "laws and regulations", "generally accepted standards?", "accepted standards?")
CATCH_ALL_MORE = re.compile(
    r"\bgällande\s+[\w-]*(?:bestämmelser|regler|regelverk|föreskrifter|lagstiftning|lagar)\b(?!\s+(?:för|om)\s+[A-ZÅÄÖ])"
    r"|\blagar\s*(?:,|och|samt)\s*(?:förordningar|föreskrifter)|\bandra\s+bindande\s+regler", re.I)
LEGAL_REFERENCE = re.compile(
    r"\bGDPR\b|dataskyddsförordning\w*|\bSFS\b|\b\d{4}:\d+\b|\blag\s*\(|\bLOU\b|\bOSL\b|offentlighets- och sekretesslag\w*|"
    r"patientdatalag\w*|socialtjänstlag\w*|förordning\s*\(EU\)|Regulation\s*\(EU\)|\bart(?:\.|ikel|icle)\s*\d|\bkap\.|§|"
    r"\bNIS2?\b|cybersäkerhetslag\w*|\bMSBFS\b|\bHSLF-FS\b|\bSOSFS\b|\bDIGG\b" , I)
UNMEASURABLE = re.compile(
    r"\b(?:uppfylla|motsvara|tillgodose|möta|tillfredsställa|leva\s+upp\s+till)\s+(?:\w+\s+)?"
    r"(?:[\wåäö]+s\s+(?:och|samt|eller)\s+)?(?:kommunens|beställarens|verksamhetens|brukarnas|brukarens|användarnas|"
    r"användarens|anhörigas|närståendes|patienternas|invånarnas|personalens|medarbetarnas|kundernas|våra|kundens|"
    r"organisationens)\s+(?:\w+\s+)?(?:[\wåäö]*(?:behov|förväntningar|önskemål|ambitioner|ambitionsnivå|målsättningar|"
    r"intentioner|visioner)|krav)\b"
    # any owner of soft aims: "motsvara förvaltningens digitaliseringsambitioner" (not of krav: "GDPR:s krav" is precise)
    r"|\b(?:uppfylla|motsvara|tillgodose|möta|tillfredsställa|leva\s+upp\s+till)\s+(?:\w+\s+)?[\wåäö:]+s\s+(?:\w+\s+)?"
    r"[\wåäö]*(?:behov|förväntningar|önskemål|ambitioner|ambitionsnivå|målsättningar|intentioner|visioner)\b"
    # a feeling as the requirement: "personalen ska uppleva att …", "users shall feel that …"
    r"|\b(?:brukar\w*|användar\w*|kunder\w*|anhöriga|närstående|personal\w*|medarbetar\w*|patient\w*|invånar\w*|alla)\s+"
    r"(?:ska|skall|bör|måste)\s+(?:\w+\s+)?(?:uppleva|känna)\s+(?:sig\s+)?(?:att\b|trygg\w*|nöjd\w*|bekväm\w*)"
    r"|\b(?:users?|customers?|clients?|residents?|patients?|relatives|staff|employees|everyone)\s+(?:shall|must|should|will)\s+"
    r"(?:\w+\s+)?(?:feel|experience|perceive)\s+(?:that\b|safe|comfortable|satisfied)"
    r"|\b(?:users?|customers?|clients?|residents?|patients?|relatives|staff|everyone)\s+(?:are|is|will\s+be|feel|remain)\s+"
    r"(?:\w+\s+)?(?:satisfied|happy|content)\b|\b(?:brukar\w*|användar\w*|kunder\w*|anhöriga|personalen|alla)\s+"
    r"(?:är|blir|känner\s+sig|upplever\s+sig)\s+(?:\w+\s+)?nöjd\w*"
    r"|\b(?:meet|satisfy|fulfil+|live\s+up\s+to)\s+(?:all\s+)?(?:the\s+)?(?:[\w'’]+\s+)?(?:\w+\s+)?"
    r"(?:needs|expectations|wishes|ambitions|aspirations)\b"
    r"|\bfungera\w*\s+(?:väl|bra|tillfredsställande|felfritt|smidigt|problemfritt|som\s+avsett|som\s+förväntat|korrekt)\b"
    r"|\b(?:work|function|operate|perform)s?\s+(?:well|properly|satisfactorily|smoothly|seamlessly|flawlessly|as\s+intended|as\s+expected|correctly)\b"
    r"|\btillfreds?ställande\b|\bsatisfactor(?:y|ily)\b|\btill\s+(?:kommunens|beställarens)\s+belåtenhet\b|\bto\s+the\s+satisfaction\s+of\b"
    r"|\bfit\s+for\s+(?:the\s+)?purpose\b|\bändamålsenlig\w*\s+sätt\b"
    # a relationship as the requirement: "ha ett gott samarbete med", "maintain a good working relationship"
    # (not the manner of another demand: "tas fram i nära samarbete med kommunen", "in close cooperation with")
    r"|(?<!\bi\s)(?<!\bin\s)(?<!\bthrough\s)\b(?:gott|bra|nära|väl\s+fungerande|välfungerande|förtroendefullt|konstruktivt|"
    r"smidigt|öppet)\s+samarbete\b"
    r"|(?<!\bin\s)(?<!\bthrough\s)\b(?:good|close|constructive|smooth|effective|trustful|positive)\s+(?:cooperation|"
    r"co-operation|collaboration|working\s+relationship|partnership)\b"
    # a feeling in the passive: "ska upplevas som tryggt", "shall be perceived as secure"
    r"|\b(?:ska|skall|bör|måste)\s+(?:\w+\s+)?upplevas\s+(?:som\s+)?\w+"
    r"|\b(?:shall|must|should)\s+be\s+(?:perceived|experienced)\s+as\b", I)
# a misspelt subjective word ("Användarvänlgt") is still subjective: long words of the list are also matched at one
# edit (insertion, deletion, substitution or swap), measured on the corpora; short words are left out, where one edit
# makes another real word (snabb/snabba, modern/moderna)
FUZZY_MIN_LENGTH = 10
FUZZY_SUBJECTIVE = tuple(
    stem + ending
    for stems, endings in (
        (("användarvänlig", "lättförståelig", "tillförlitlig", "ändamålsenlig", "framtidssäker"),
         ("", "t", "a", "are", "ast", "het", "heten")),
        (("kostnadseffektiv",), ("", "t", "a", "itet")),
        (("professionell",), ("", "t", "a")),
        (("flexibilitet", "user-friendly", "user-friendliness", "state-of-the-art", "future-proof"), ("",)),
    )
    for stem in stems
    for ending in endings
)
FUZZY_TOKEN = re.compile(rf"(?<![\w-])[\w-]{{{FUZZY_MIN_LENGTH - 1},}}(?![\w-])")  # one deletion from the shortest
# English words that are other, precise words in Swedish ("fast anslutning" is a fixed line): read in English text only
SUBJECTIVE_EN_ONLY = words("fast", "faster", "fastest")
QUANTITY = re.compile(
    r"(?<![\w-])(?:några|flera|många|ett\s+flertal|ett\s+(?:(?:stort|större|mindre|litet|visst|begränsat|betydande)\s+)?antal|"
    r"en\s+(?:stor|större|viss|betydande)\s+(?:mängd|andel|del)|a\s+(?:large|great|small|significant|substantial|limited|"
    r"certain|reasonable)\s+(?:number|amount|share|proportion)\s+of|a\s+lot\s+of|lots\s+of|ett\s+par|merparten|de\s+flesta|majoriteten\s+av|"
    r"i\s+stort\s+sett|nästan|cirka|ca\.?|ungefär|omkring|some|several|many|a\s+number\s+of|a\s+few|various|numerous|"
    r"most|almost|nearly|approximately|approx\.?|about(?=\s+(?:half|a\s+(?:third|quarter|dozen)|a\s+few|"
    + "|".join(NUMBER_WORDS) + r")\b))(?![\w-])(?!\s*\d)", I)
# Swedish "några" under a negation means "any" (inte ... några = none): a definite zero, not a vague quantity
NEGATION = words("inte", "ej", "icke", "aldrig", "utan", "inga", "ingen", "inget")
QUANTITY_OK = re.compile(r"\b(?:en|ett|one)\s+eller\s+flera|\bone\s+or\s+more|\b(?:en|ett)\s+av\s+(?:flera|många)\b|"
                         r"\bone\s+of\s+(?:several|many)\b|\bbland\s+(?:flera|många)\b|\bamong\s+(?:several|many)\b|\bhow\s+many|\bat\s+most|\bmost\s+recent|"
                         r"\binformation\s+about|\babout\s+(?:the|a|an|its|their|how|what|which)\b|\bdata\s+about", I)
PLACEHOLDER = re.compile(
    r"\{\{\s*\w+\s*\}\}|\[(?:ange|fyll\s+i|infoga|insert|enter|xx+|tbd|namn|datum|belopp|antal|x)[^\]]{0,40}\]|"
    r"(?<![\w-])(?:XX+|TBD|TODO|FIXME|\?\?\?+)(?![\w-])|_{4,}|<(?:ange|insert|namn|name|x+)[^>]{0,30}>", I)
DATA_SWEDEN = re.compile(r"(?:inom|i)\s+Sverige|within\s+Sweden|in\s+Sweden|på\s+svensk\s+mark|on\s+Swedish\s+soil", I)
DATA_EU = re.compile(r"(?:inom|i)\s+(?:EU|EES|EU/EES|EU\s*/\s*EES|EU\s+eller\s+EES|EU-/EES)|within\s+the\s+(?:EU|EEA|EU/EEA)|"
                     r"in\s+the\s+(?:EU|EEA|EU/EEA)", I)
DATA_WORD = words("data", "uppgifter\\w*", "personuppgifter\\w*", "information", "lagr\\w+", "stored", "store", "hosted",
                  "behandl\\w+", "processed", "driftmiljö\\w*", "servrar", "servers")
AVAILABILITY_PCT = re.compile(r"(?:tillgänglighet\w*|availability|upptid|uptime)\D{0,40}?(\d{2}(?:[.,]\d+)?)\s*%", I)


# -- what real tenders say (families read from the real-document corpus' tuning split) -------------------------------
# Swedish adjectives are matched in all their forms (god, gott, goda; gedigen, gediget, gedigna) and Swedish nouns as
# compound heads ("IT-kunskaper", "samarbetsförmåga", "systemkunskaperna"): the test is structural — a level word on
# a competence word with no measure in the same clause — not a list of phrases.
_LEVEL = (r"(?:(?:mycket|väldigt|särskilt|riktigt|synnerligen|dokumenterat|bevisat)\s+)?"
          r"(?:god|gott|goda|bra|utmärkt\w*|förträfflig\w*|gedigen|gediget|gedigna|djup|djupt|djupa|djupgående|"
          r"fördjupad\w*|bred|brett|breda|stor|stort|stora|mångårig\w*|flerårig\w*|långvarig\w*|lång|långt|långa|"
          r"omfattande|grundlig\w*|grundläggande|ingående|hög|högt|höga|högsta|avancerad\w*|solid\w*|stark\w*|"
          r"fullgod\w*|betydande|gott\s+om|expert\w*)")
_COMPETENCE = (r"[\w-]*(?:kunskap|kännedom|erfarenhet|kompetens|förmåga|färdighet|förståelse|vana|insikt|expertis|"
               r"skicklighet|kunnande|behärskning|förtrogenhet|bakgrund)\w*")
UNMEASURED_LEVEL = re.compile(
    r"(?<![\w-])" + _LEVEL + r"(?:\s*(?:,|och|samt|&)\s*" + _LEVEL + r")?"
    r"(?:\s+(?!och\b|av\b|om\b|i\b|inom\b)[\w/-]+(?:\s+(?:och|samt|&)\s+[\w/-]+)?){0,2}?\s+"
    + _COMPETENCE + r"(?![\w-])"
    # "expertkunskaper", "spetskompetens": the level inside the compound
    r"|(?<![\w-])(?:expert|spets|specialist|fördjupnings)(?:kunskap|kompetens|erfarenhet)\w*"
    # "Självständighet – mycket stor", "Kunskap – hög kompetens": the level after a heading word
    r"|(?:självständighet|kunskap|kompetens|erfarenhet|förmåga|ledning|samarbete)\w*"
    r"\s*[–—:-]\s*(?:mycket\s+)?(?:stor|god|hög|gedigen|djup)\w*"
    r"|(?:kompetens|kunskap\w*)\s+av\s+högsta\s+(?:rang|klass|nivå)|\bexpert\s*/\s*guru\b"
    r"|\b(?:good|very\s+good|excellent|extensive|solid|deep|strong|broad|thorough|profound|advanced|sound|in-depth|"
    r"significant|considerable)\s+(?:\w+\s+)?(?:knowledge|experience|understanding|skills?|command|expertise|abilit(?:y|ies)|"
    r"familiarity)\b", I)
# a language demanded without a level on a scale ("svenska i tal och skrift", "flytande svenska", "behärska engelska")
LANGUAGE_LEVEL = re.compile(
    r"\b(?:svenska|engelska|svenska\s+språket|engelska\s+språket)\b[^.;]{0,40}?\b(?:i\s+(?:både\s+)?tal\s+och\s+skrift|"
    r"flytande|obehindrat|väl)\b"
    r"|\b(?:flytande|obehindrad\w*|god|goda|mycket\s+goda?|utmärkt\w*|fullgod\w*)\s+(?:\w+\s+){0,3}?(?:svenska|engelska)\b"
    r"|\bbehärska\w*\s+(?:\w+\s+){0,2}?(?:svenska|engelska)\b|\b(?:fluent|good|excellent)\s+(?:spoken\s+and\s+written\s+)?"
    r"(?:swedish|english)\b", I)
LANGUAGE_SCALE = re.compile(r"\b(?:CEFR|GERS|[ABC][12])\b|\bnivå\s+[ABC]?\d|\bmodersmål\w*|\bnative\b", I)
# a certification demanded by field, not by name ("certifierad inom förändringsledning"): which certificate?
CERTIFIED_FIELD = re.compile(r"\b[Cc]ertifierad\w*\s+(?:inom|i)\s+[\wåäö-]+")
CERTIFIED_NAMED = re.compile(r"\bcertifierad\w*\s+(?:inom|i)\s+[\w-]*[A-ZÅÄÖ0-9]{2}")
# a measure of competence: years, a level of a scale, a count of assignments, a named certificate or degree
COMPETENCE_MEASURE = re.compile(
    r"\d+\s*(?:års?|år|years?|månader|months)\b|\b(?:minst|högst|at\s+least)\s+(?:" + "|".join(NUMBER_WORDS) + r"|\d)"
    r"|\bnivå\s*\d|\blevel\s*\d|\bkompetensnivå|\b[ABC][12]\b|\bCEFR\b|\bhögskole|\buniversitet|\bexamen\b|\bcertifi", I)
# personal traits as requirements: whether a consultant is "drivande" or "flexibel" cannot be verified
TRAIT = words(
    "drivande", "självgående", inflect("självständig", "|t|a|het"), "självständigt", inflect("lyhörd", "|a|het"), "lyhört",
    inflect("kommunikativ", "|t|a"), inflect("kreativ", "|t|a|itet"), "social kompetens", "sociala förmågor",
    "(?:vara|är)\\s+(?:\\w+,\\s+)*social", "pedagogisk förmåga", "(?:vara|är)\\s+(?:\\w+,\\s+)*pedagogisk",
    "(?:,|och)\\s+pedagogisk(?=\\s|$|[.,])", inflect("lösningsorienter", "ad|ade|at"), inflect("resultatorienter", "ad|ade|at"),
    inflect("prestigelös", "|a|t"), "ansvarstagande", "initiativrik\\w*", "initiativtagande", "på eget initiativ",
    inflect("engager", "ad|ade|at"), "engagemang", inflect("nyfiken", "|t"), "nyfikna", inflect("noggrann", "|a"),
    "noggrant", inflect("serviceinrikt", "ad|ade|at"), "serviceminded", inflect("stresstålig", "|t|a|het"),
    inflect("förtroendeingivande"), "personlighet\\w*", "personliga egenskaper", "samarbetsförmåga\\w*",
    "förmåga att (?:samarbeta|motivera|engagera|inspirera|skapa förtroende|bygga (?:starka )?(?:relationer|arbetsrelationer))",
    "motivera och engagera", "skapa (?:ett )?förtroende", "utan större styrning", "leda sig själv", "en aktiv del",
    "agera\\s+i\\s+(?:[\\w-]+\\s+){1,3}?bästa\\s+intresse", "strävan att",
    "self-motivated", "self-starter", "proactive", "team player", "outgoing", "personal (?:qualities|traits|attributes)",
    "interpersonal skills", "driven", "works? independently")
# "strukturerad data", "flexibla format": a trait word that describes a thing
TRAIT_OF_THING = re.compile(
    r"\b(?:flexib\w+|självständig\w*)\s+(?:data|format\w*|lösning\w*|system\w*|gränssnitt\w*|konfiguration\w*|"
    r"arkitektur\w*|prissättning|avtal\w*|licens\w*|skalning|integration\w*|modul\w*|tjänst\w*|plattform\w*|"
    r"drift\w*|enhet\w*|enheter|funktion\w*)\b", I)
# comparisons with nothing to compare against: "liknande uppdrag", "av liknande karaktär", "större organisationer"
UNDEFINED_COMPARISON = re.compile(
    r"(?<![\w-])liknande(?![\w-])(?!\s+(?:sätt|villkor)\b)"
    r"|(?<![\w-])(?<!eller\s)(?<!eller\si\s)(?<!eller\sen\s)(?<!eller\sett\s)(?<!minst\s)motsvarande\s+(?:innehåll|karaktär|"
    r"omfattning|storlek|inriktning|komplexitet|arbete\w*|erfarenhet\w*|uppdrag\w*|projekt\w*|verksamhet\w*|"
    r"organisation\w*|(?-i:[A-ZÅÄÖ][a-zåäö]+\s+(?:kommun|region|stad)))\b"
    r"|\blik\s+(?-i:[A-ZÅÄÖ][\w-]+)"
    r"|\bi\s+(?:samma\s+)?storlek\s+med\b|\bav\s+samma\s+(?:storlek|omfattning|karaktär)\b"
    r"|(?<![\w-])relevant[a]?\s+(?:erfarenhet\w*|uppdrag\w*|referens\w*|kompetens\w*|bakgrund\w*|kunskap\w*|projekt\w*)"
    r"(?!\s+(?:av|inom|för|avseende|gällande|från|i|med)\s)"
    r"|\b(?:som\s+(?:är|bedöms)|bedöms|anses)\s+(?:\w+\s+)?relevant\w*"
    r"|(?<![\w-])(?:större|stora|mindre|komplex\w*|storskalig\w*|längre|kortare|omfattande|tyngre|avancerad\w*)"
    r"(?:\s*(?:,|och|eller|/)\s*(?:större|stora|komplex\w*|dynamisk\w*|storskalig\w*|längre|omfattande|avancerad\w*))?"
    r"\s+(?:[\w-]+\s+)?(?:organisation\w*|projekt\w*|uppdrag\w*|[\w-]*system\w*|nätverk\w*|"
    r"grupp(?:er)?\b|miljö\w*|verksamhet\w*|kommun\w*|samverkan|lösning\w*|inställelsetid\w*|team\b|"
    r"förändringsarbete\w*|förändringsprojekt\w*|införande\w*)"
    r"|\b(?:similar|comparable|relevant)\s+(?:assignments?|projects?|experience|engagements?|contracts?|references?)\b"
    r"|\b(?:large|larger|complex|major|small(?:er)?)\s+(?:and\s+complex\s+)?(?:organi[sz]ations?|projects?|systems?|"
    r"programmes?|environments?)\b", I)
# "motsvarande" in the evidence of a requirement refers back to what the requirement states ("bifogar en beskrivning
# av tre motsvarande uppdrag", "visa att motsvarande åtgärder har vidtagits")
EVIDENCE_OF = re.compile(r"\b(?:visa|visar|påvisa\w*|styrk\w*|beskrivning\w*\s+av|redovis\w*|intyg\w*|bevis\w*|"
                         r"dokumentation\s+som\s+visar)\s+(?:att\s+)?(?:\w+\s+){0,3}$", re.I)
# a ban's "eller liknande" widens what is banned ("får inte ta ut expeditionsavgift eller liknande avgifter")
PROHIBITION = words("får inte", "får ej", "must not", "shall not", "may not")
# the comparison is defined: "liknande uppdrag, dvs. ...", "med liknande avses ..."
COMPARISON_DEFINED = words("dvs\\.?", "d\\.v\\.s\\.?", "det vill säga", "med (?:liknande|motsvarande|relevant\\w*) avses",
                           "(?:avses|definieras)\\s+(?:här\\s+)?(?:som|med)", "i\\s+fråga\\s+om", "avseende", "i\\s+termer\\s+av",
                           "that is", "i\\.e\\.?", "defined as", "in terms of")
# timing without a time: "löpande", "kontinuerligt", "regelbundna avstämningar", "på kort varsel"
UNTIMED = words(
    "löpande(?!\\s+(?:räkning|avtal\\w*|timpris\\w*|arvode\\w*|pris\\w*|år\\w*|kostnad\\w*|månad\\w*|tolvmånadersperiod\\w*|"
    "\\d|text|förvaltning\\w*|drift\\w*|underhåll\\w*|support\\w*|ärenden|mätdata|mätvärden|data|information))",
    "fortlöpande", inflect("kontinuerlig", "|t|a"), "regelbund(?:en|et|na)", "på kort varsel", "med kort varsel", "inom kort",
    "snarast möjligt", "tidigast möjliga", "regularly", "continuously", "on an ongoing basis",
    "at short notice", "periodically", "on a regular basis")
FREQUENCY = re.compile(
    r"\b(?:varje|var|en\s+gång\s+(?:per|i|om)|\d+\s+gånger\s+(?:per|i|om)|per|i)\s+(?:\w+\s+)?"
    r"(?:dag|vecka|veckan|månad|månaden|kvartal|år|året|arbetsdag|timme)\b|\b(?:dagligen|veckovis|varannan\s+vecka|"
    r"månadsvis|kvartalsvis|årligen|halvårsvis)\b|\b(?:daily|weekly|monthly|quarterly|annually|every\s+\w+)\b|\d", I)

# -- overreach in real tenders -----------------------------------------------------------------------------------------
# experience restricted to the public sector, municipalities, regions or politically governed bodies, without a
# reference word before it (a list item under "Erfarenhet av:" carries none)
SECTOR = re.compile(
    r"\b(?:inom|i|för|hos|från|på|åt|mot|med)\s+(?:en\s+|ett\s+|någon\s+|annan\s+|andra\s+|olika\s+(?:typer\s+av\s+)?|"
    r"både\s+|större\s+)?(?:kommunal\w*|offentlig\w*|regional\w*|statlig\w*|politiskt\s+styrd\w*)\s+(?:[\w-]+\s+)?"
    r"(?:sektor\w*|[\w-]*verksamhet\w*|[\w-]*förvaltning\w*|organisation\w*|myndighet\w*|miljö\w*|bolag\w*|aktör\w*|"
    r"uppdragsgivare|beställare|kund\w*|[\w-]*vård\w*|[\w-]*sammanhang)"
    r"|(?<![\w-])(?:kommunal\w*|offentlig\w*)\s+(?:verksamhet|förvaltning|sektor)\w*\s+(?:och/eller|eller|och)\s+"
    r"(?:offentlig|kommunal)\w*"
    r"|(?:erfarenhet|kunskap|kännedom|uppdrag|projekt|arbete)\w*\s+(?:\w+\s+){0,4}?(?:inom|i|hos|från|för)\s+"
    r"(?:en\s+|någon\s+|annan\s+)?(?:kommun(?:er)?|region(?:er)?|myndighet(?:er)?|landsting|samhällsbyggnadsförvaltning|"
    r"kommunal\w*\s+förvaltning\w*)(?![\wåäö])"
    r"|\bRegion\s+[A-ZÅÄÖ]\w+\s+eller\s+annan\s+region\b"
    r"|(?<![\w-])(?:olika\s+(?:typer\s+av\s+)?)(?:kommunal|offentlig|regional|statlig)\w*\s+(?:förvaltning|verksamhet|sektor|"
    r"organisation|myndighet)\w*"
    r"|\b(?:politiskt\s+styrd\w*)\s+organisation\w*"
    r"|\b(?:in|for|within|with)\s+(?:the\s+)?(?:public[- ]sector|public\s+(?:authorit\w+|bodies|administration|organi[sz]ations?)|"
    r"(?:swedish\s+)?municipalities|municipal\s+(?:sector|organi[sz]ations?|clients?|customers?)|local\s+government|"
    r"regional\s+authorit\w+)", I)
# "kännedom om arkitekturkrav inom offentlig förvaltning": knowledge of a field, not experience restricted to a sector
SECTOR_KNOWLEDGE = re.compile(r"\b(?:kännedom|kunskap\w*|förståelse|insikt)\s+om\b", re.I)
SECTOR_OPEN = words("offentlig upphandling\\w*", "offentlighets\\w*", "offentliga upphandling\\w*", "offentlig\\w* sektorns? regel\\w*",
                    "privat\\w*", "private", "oavsett", "regardless", "eller motsvarande", "or equivalent")
# experience of the buyer's own organisation or systems favours the incumbent
OWN_ORGANISATION = re.compile(
    r"\b(?i:kunskap|kännedom|erfarenhet|förståelse|insikt|vana|knowledge|experience)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:om|av|från|kring|inom|i|med|of|with)\s+"
    r"(?:(?:[A-ZÅÄÖ][\w-]+\s+)(?:kommun|region|stad|län)(?:s\s+(?:egna?\s+)?[\w-]+)?(?![\wåäö])(?!\s+som\b)"
    r"|Region\s+[A-ZÅÄÖ][\w-]+"
    r"|[A-ZÅÄÖ][\w-]+s\s+(?:egna?\s+)?(?:[\w-]*system\w*|[\w-]*infrastruktur\w*|[\w-]*miljö\w*|organisation\w*|"
    r"verksamhet\w*|förvaltning\w*|plattform\w*|processer|rutiner|stödsystem\w*)"
    r"|(?i:beställarens|kommunens|regionens|myndighetens|köparens|vår|våra|er|era)\s+(?:egna?\s+)?(?:[\w-]*system\w*|"
    r"[\w-]*infrastruktur\w*|[\w-]*miljö\w*|organisation\w*|verksamhet\w*|förvaltning\w*|plattform\w*|processer|rutiner))")
# citizenship: LOU forbids discrimination on nationality; security vetting is the exception, and it is stated
CITIZENSHIP = words("medborgarskap\\w*", "(?:svensk|svenska)\\s+medborgare", "medborgare\\s+i\\s+sverige", "citizenship",
                    "swedish\\s+citizens?", "citizens?\\s+of\\s+sweden", "nationality", "nationalitet")
SECURITY_REASON = words("säkerhetsskydd\\w*", "säkerhetsklass\\w*", "säkerhetsprövning\\w*", "registerkontroll\\w*",
                        "säkerhetsskyddslag\\w*", "security\\s+clearance", "security[- ]classified", "security\\s+vetting",
                        "Protective Security Act")
# the buyer keeps an unlimited freedom to judge: nothing a tenderer can foresee or a court review
DISCRETION = words(
    "tolkningsföreträde\\w*", "saknar förtroende", "inte har förtroende", "(?:efter|enligt)\\s+(?:beställarens|kommunens|regionens|"
    "köparens|myndighetens|kundens)\\s+(?:egen\\s+|fria\\s+)?(?:bedömning|gottfinnande|skön)",
    "(?:är\\s+)?upp\\s+till\\s+(?:beställaren|kommunen|regionen|köparen|myndigheten|kunden)\\s+att\\s+(?:avgöra|bedöma|besluta)",
    "(?:förbehåller\\s+sig\\s+(?:rätten|rätt)|äger\\s+rätt|har\\s+rätt)\\s+att\\s+(?:fritt\\s+|ensidigt\\s+)?(?:avgöra|bedöma|"
    "underkänna|avvisa|byta\\s+ut|välja\\s+bort)",
    "at\\s+the\\s+(?:buyer|authority|municipality|contracting\\s+authority)'s\\s+(?:sole\\s+|own\\s+|absolute\\s+)?discretion",
    "reserves\\s+the\\s+right\\s+to\\s+(?:reject|decide|assess|judge)")
# subcontractors banned outright (the law lets a supplier rely on others, and lets the buyer reserve critical tasks)
NO_SUBCONTRACTORS = re.compile(
    r"\b(?:underleverantör|underkonsult|underentreprenör)\w*\s+(?:\w+\s+){0,3}?(?:(?:inte|ej)\s+(?:\w+\s+)?(?:accepteras|"
    r"godtas|tillåtas|tillåts|godkännas|godkänns|anlitas|användas|förekomma)|(?:accepteras|godtas|tillåts|godkänns)\s+"
    r"(?:inte|ej))"
    r"|\b(?:inga|ej|inte)\s+(?:\w+\s+)?(?:underleverantör|underkonsult|underentreprenör)\w*"
    r"|\bfår\s+(?:inte|ej)\s+(?:anlita|använda|nyttja)\s+(?:\w+\s+)?(?:underleverantör|underkonsult|underentreprenör)\w*"
    r"|\bsubcontract\w*\s+(?:is|are|will)\s+not\s+(?:be\s+)?(?:permitted|allowed|accepted)|\bno\s+subcontract\w*", I)
# "får inte anlita underleverantörer utan kommunens godkännande": approval, not a ban
SUBCONTRACTOR_APPROVAL = words("utan\\s+(?:\\w+\\s+){0,3}?(?:godkännande|medgivande|samtycke|tillstånd)", "without\\s+(?:\\w+\\s+){0,3}?(?:approval|consent)")
SUBCONTRACTOR_ALLOWED = re.compile(r"(?:underleverantör|underkonsult|underentreprenör)\w*\s+(?:\w+\s+){0,3}?(?:accepteras|"
                                   r"godtas|tillåts|godkänns)(?!\s+(?:inte|ej))\b", I)
# a named method, model, tool or partner status where any equivalent would do ("förvaltningsmodellen PM3",
# "designverktyget Figma", "partnerskap med Struct PIM")
NAMED_METHOD = re.compile(
    r"(?<![\w-])(?:PM3|pm3|PROPS|PRINCE2|Prince2|XLPM|PPS|SAFe|IPMA|PMP|PM²|pm²)(?![\w-])"
    r"|\b(?:förvaltnings|projekt|projektlednings|projektstyrnings|styr|utvecklings|process|verksamhets)modell(?:en)?\s+"
    r"[A-ZÅÄÖ0-9][\w-]+"
    r"|\b(?:programvaran|programsviten|[a-zåäö]*verktyget|stödsystem(?:et)?|systemen|metoden|ramverket)\s+[A-ZÅÄÖ0-9][\w-]+")
# widely taught public frameworks named as a field of knowledge are not a make: ITIL, TOGAF, COBIT are left out above
PARTNER = re.compile(r"\b(?:[Pp]artnerskap|[Pp]artnerstatus|[Pp]artneravtal|[Cc]ertifierad\s+partner|[Åå]terförsäljar\w*)"
                     r"\s+(?:\w+\s+)?(?:med|hos|till|av|för|with|of)\s+[A-ZÅÄÖ][\w-]+|\b[A-Z][\w-]*[- ][Pp]artner(?:status)?\b")
# the brand, standard or method named as what someone knows or has done is the buyer's environment, not a demand on
# the product ("erfarenhet av UiPath", "kunskap om Microsoft 365")
EXPERIENCE_CONTEXT = words("\\w*erfarenhet\\w*", "\\w*kunskap\\w*", "\\w*kompetens\\w*", "kännedom", "vana", "förståelse",
                           "utbildning\\w*", "arbetat", "arbeta", "arbete", "genomfört", "ansvarat", "experience\\w*",
                           "knowledge", "skills?", "familiar\\w*", "proficien\\w*", "training")
ADMIN_PLATFORM = words("tendsign", "e-avrop", "kommers", "mercell", "opic", "upphandlingssystem\\w*", "frågefunktion\\w*",
                       "anbud ska lämnas", "anbudet ska lämnas", "frågor ska ställas")
# the buyer's own premises: being there is an execution condition, not local presence
BUYER_PREMISES = re.compile(r"\b(?:på\s+plats|infinna\s+sig|närvar\w*|(?:beställarens|kundens|kommunens|regionens|"
                            r"myndighetens|köparens)\s+(?:kontor|lokaler)|[A-ZÅÄÖ][\w-]+s\s+(?:kontor|lokaler)|on[- ]site|"
                            r"at\s+the\s+(?:buyer|municipality|authority)'s\s+(?:premises|office))", re.I)
# a standard that is sold, not free to read (ISO, IEC, CEN/CENELEC and SIS publications); WCAG and ETSI are free
PAID_STANDARD = re.compile(
    r"(?<![\w/-])(?:SS[- ]EN[- ]ISO(?:/IEC)?|SS[- ]ISO(?:/IEC)?|SS[- ]EN|EN[- ]ISO(?:/IEC)?|ISO/IEC|ISO|IEC|SS|EN|SEK\s+TS)"
    r"\s?(?!301\s?549)\d{2,5}(?:[-–]\d+)*(?::\d{4})?")
# second gates: what a family needs besides its first gate (a count; a word for "all")
COUNT_GATE = re.compile(r"\d|(?<![\w-])(?:" + "|".join(NUMBER_WORDS) + r")(?![\w-])", I)
ALL_GATE = words("samtliga", "alla", "all", "every", "each", "varje", "var", "varenda", "vartenda")
LIVE_GATE = re.compile(_LIVE + r"|använd|use", I)
PERSONAL_EXPERIENCE = words("erfarenhet\\w*", "experience", "track record")
COMPANY_SUBJECT = words("leverantör\\w*", "anbudsgivar\\w*", "företag\\w*", "konsultföretag\\w*", "ramavtalsleverantör\\w*",
                        "bolag\\w*", "supplier\\w*", "tenderer\\w*", "bidder\\w*", "company", "vendor\\w*", "provider\\w*",
                        "contractor\\w*", "firm")


# -- pattern tools -----------------------------------------------------------------------------------------------
# The literal strings one of which every match of a pattern must contain are read off the pattern itself (its parse
# tree), so the prefilter and the guarded patterns below can never fall out of step with the patterns.

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}


def required_literals(pattern: re.Pattern[str] | Guarded) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None when no such set is known."""
    return _sequence(sre_parser.parse(pattern.pattern, pattern.flags).data)


def _sequence(items: Iterable[tuple]) -> frozenset[str] | None:
    options = list(_parts(items, _item))
    return min(options, key=_hit_rate) if options else None


def _parts(items: Iterable[tuple], item: Callable[[object, object], Condition | None]) -> Iterator[Condition]:
    """What each element of a sequence needs: a run of literal characters one string, any other element what
    ``item`` reads off it (None — nothing known — is left out)."""
    run: list[str] = []
    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            yield frozenset({"".join(run)})
            run = []
        needed = item(op, av)
        if needed is not None:
            yield needed
    if run:
        yield frozenset({"".join(run)})


# Ordinary requirement prose, written for this purpose (no sentence of a real tender): how often a trigger string occurs
# in it estimates how often it would let a statement in. Only speed depends on this estimate, never a finding.
_SAMPLE = """
Leverantören ska tillhandahålla en tjänst för larmhantering i enlighet med kraven i denna bilaga.
Anbudsgivaren ska bifoga en beskrivning av hur kravet uppfylls och ange pris per månad i svenska kronor.
Konsulten ska ha minst fem års erfarenhet av projektledning inom IT och kunskap om informationssäkerhet.
Offererad konsult bör ha erfarenhet av att arbeta i team med verksamheten och med externa leverantörer.
Systemet ska kunna exportera all data i ett öppet format och kommunen ska äga sina uppgifter.
Uppdraget utförs huvudsakligen på distans, men vissa möten sker på plats hos beställaren.
Kravet styrks genom att ramavtalsleverantören till anbudet bifogar CV för den offererade konsulten.
Lösningen ska integreras med kommunens verksamhetssystem via ett dokumenterat gränssnitt.
Avtalet gäller i två år med möjlighet till förlängning i ytterligare ett år.
Personuppgifter får endast behandlas inom EU/EES och leverantören ska teckna ett biträdesavtal.
Frågor under anbudstiden ska ställas skriftligen och besvaras senast sex dagar före sista anbudsdag.
Leverantören ansvarar för att personalen har den utbildning som krävs för uppdraget.
The supplier shall provide the service for the whole contract period and report incidents to the municipality.
The tenderer shall describe how the requirement is met and state the price per month.
The consultant should have experience of working with the public organisation and its systems.
The system shall store all data in a format that can be exported by the buyer at any time.
Uppdraget omfattar analys, planering, genomförande och uppföljning av införandet av det nya systemet.
Beställaren kommer att utvärdera anbuden utifrån pris och kvalitet enligt avsnitt fyra.
Ska-krav: IT-konsulten ska ha erfarenhet av e-tjänster – se bilaga 2, punkt 3.1.
Svar: Ja/Nej. Kommentar: beskriv hur kravet uppfylls (max 2 000 tecken).
"""
_SAMPLE_LINES = [line.lower() for line in _SAMPLE.strip().splitlines()]


def _hit_rate(literals: frozenset[str]) -> float:
    """A rough chance that a statement holds one of the strings: the share of the sample lines that hold it, or, for
    a string the sample lacks, a chance that shrinks with its length; the most selective option of a sequence wins."""
    rate = 0.0
    for literal in literals:
        hits = sum(literal in line for line in _SAMPLE_LINES)
        if hits:
            rate += hits / len(_SAMPLE_LINES)
            continue
        chance = 1.0
        for char in literal:
            chance *= 0.9 if char.isspace() else 0.5 if char.isalpha() else 0.2 if char.isdigit() else 0.1
        rate += chance / len(_SAMPLE_LINES)
    return rate


def _item(op: object, av: object) -> frozenset[str] | None:
    if op is sre_constants.SUBPATTERN:
        return _sequence(av[-1])  # type: ignore[index]
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence(av)  # type: ignore[arg-type]
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            needed = _sequence(branch)
            if needed is None:
                return None
            union |= needed
        return _minimal(union)
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _sequence(av[2])  # type: ignore[index]
    if op is sre_constants.IN and all(kind is sre_constants.LITERAL for kind, _ in av):  # type: ignore[attr-defined]
        return frozenset(chr(code).lower() for _, code in av)  # type: ignore[attr-defined]
    if op is sre_constants.IN and av == [(sre_constants.CATEGORY, sre_constants.CATEGORY_DIGIT)]:
        return frozenset("0123456789")
    return None


# A pattern's condition on a text: strings the text must hold for the pattern to match anywhere in it, read off the
# parse tree like required_literals but kept whole — every element of a sequence ("god|hög", then "kunskap|…") and every
# branch. A condition is a frozenset of strings (one of them must occur), ("all", conditions) or ("any", conditions);
# None is "no condition known". One Aho–Corasick pass finds every string of every pattern's condition in a text, so a
# condition costs a few set tests to evaluate.
Condition = frozenset | tuple


def condition(pattern: re.Pattern[str]) -> Condition | None:
    """The pattern's condition, kept three levels deep (deeper parts weakened to one set of strings, as
    :func:`required_literals` does) so that it is cheap to test; a set holding a single character (a digit, a
    bracket: in almost every text) or two counts as no condition."""
    return _shallow(_all(sre_parser.parse(pattern.pattern, pattern.flags).data), 3)


def _shallow(cond: Condition | None, depth: int) -> Condition | None:
    if cond is None:
        return None
    if isinstance(cond, frozenset):
        return None if any(len(string) < 3 for string in cond) else cond
    if depth <= 1:
        return _shallow(_weak(cond), 1)
    kind, parts = cond
    kept = [_shallow(part, depth - 1) for part in parts]
    if kind == "all":
        kept = sorted((k for k in kept if k is not None), key=_rate)[:3]  # the most selective three
        return None if not kept else kept[0] if len(kept) == 1 else ("all", tuple(kept))
    if any(k is None for k in kept):
        return None
    leaves = [k for k in kept if isinstance(k, frozenset)]
    others = tuple(k for k in kept if not isinstance(k, frozenset))
    union = frozenset().union(*leaves) if leaves else None
    return union if not others else ("any", ((union,) if union else ()) + others)


def _weak(cond: Condition) -> frozenset[str]:
    """One set of strings that every text meeting ``cond`` holds one of."""
    if isinstance(cond, frozenset):
        return cond
    kind, parts = cond
    if kind == "all":
        return min((_weak(part) for part in parts), key=_hit_rate)
    return frozenset().union(*(_weak(part) for part in parts))


def _rate(cond: Condition) -> float:
    return _hit_rate(_weak(cond))


def _all(items: Iterable[tuple]) -> Condition | None:
    parts = list(_parts(items, _condition_of))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


def _condition_of(op: object, av: object) -> Condition | None:
    if op is sre_constants.SUBPATTERN:
        return _all(av[-1])  # type: ignore[index]
    if op is sre_constants.ATOMIC_GROUP:
        return _all(av)  # type: ignore[arg-type]
    if op is sre_constants.BRANCH:
        branches = []
        for branch in av[1]:  # type: ignore[index]
            needed = _all(branch)
            if needed is None:
                return None  # a branch that can match anything
            branches.append(needed)
        leaves = [b for b in branches if isinstance(b, frozenset)]
        others = tuple(b for b in branches if not isinstance(b, frozenset))
        union = frozenset().union(*leaves) if leaves else None
        if not others:
            return union
        return ("any", ((union,) if union else ()) + others)
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _all(av[2])  # type: ignore[index]
    return _item(op, av) if op is sre_constants.IN else None


def holds(condition: Condition, present: set[str] | frozenset[str]) -> bool:
    """Whether a text holding the strings ``present`` meets ``condition``."""
    return test(condition)(present)


def test(condition: Condition) -> Callable[[set[str] | frozenset[str]], bool]:
    """``condition`` as a function of the strings a text holds (made once per pattern: testing it is then a few calls)."""
    if isinstance(condition, frozenset):
        return lambda present: not condition.isdisjoint(present)
    kind, parts = condition
    tests = tuple(test(part) for part in parts)
    if kind == "all":
        return lambda present: all(t(present) for t in tests)
    return lambda present: any(t(present) for t in tests)


def condition_strings(condition: Condition | None) -> Iterator[str]:
    if condition is None:
        return
    if isinstance(condition, frozenset):
        yield from condition
        return
    for part in condition[1]:
        yield from condition_strings(part)


def _minimal(strings: set[str]) -> frozenset[str]:
    """Drop a string that contains another of the set: the shorter one is found wherever the longer is."""
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for string in ordered:
        if not any(k in string for k in kept):
            kept.append(string)
    return frozenset(kept)


# Characters that Python's case-insensitive matching equates with a letter other than their lower case (dotless i and
# long s with i and s, the Greek and Cyrillic variants of re._casefix) or whose lower case is longer (İ): in a text
# holding one, the lower-cased text is not an exact stand-in for case-insensitive matching, so the pattern itself runs.
_FOLD_UNSAFE = re.compile("[^\x00-\u024f]|[\u0130\u0131\u017f\u00b5]")
_ESCAPE = re.compile(r"\\.|\(\?P(?:<\w+>|=\w+\))", re.DOTALL)  # kept as written: escapes, group names


def _lower_source(source: str) -> str | None:
    """``source`` with its letters lower-cased (escapes such as ``\\W`` or ``\\B`` and group names kept), to be run
    case-sensitively over a lower-cased text; or None when lower-casing could change what it means (a character given
    by code, such as ``\\x41`` for "A"). A case-sensitive group ``(?-i:…)`` becomes a plain one: over the lower-cased
    text it then matches wherever the group could (and more), so the pre-scan still never misses a match."""
    if re.search(r"\\[UN0-9]|\(\?[a-zA-Z]*-[a-zA-Z]*i(?<!\(\?-i)|\(\?-i(?!:)", source):
        return None
    for code in re.findall(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})", source):
        if chr(int(code[0] or code[1], 16)).lower() != chr(int(code[0] or code[1], 16)):  # an upper-case letter by code
            return None
    def lower(segment: str) -> str:
        return segment.lower().replace("(?-i:", "(?:")

    parts, last = [], 0
    for m in _ESCAPE.finditer(source):
        parts += [lower(source[last:m.start()]), m.group(0)]
        last = m.end()
    return "".join(parts) + lower(source[last:])


class Triggers:
    """Which of a fixed set of lower-case strings occur in a lower-cased text: every occurrence of every string found
    in one pass of an Aho–Corasick automaton (C code, pyahocorasick), however many strings there are."""

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings = frozenset(s for s in strings if s)
        self._automaton = ahocorasick.Automaton()
        for string in self.strings:
            self._automaton.add_word(string, string)
        if self.strings:
            self._automaton.make_automaton()

    def found(self, lower: str) -> set[str]:
        return {string for _, string in self._automaton.iter(lower)} if self.strings else set()


class _Text:
    """A text as the pre-scans read it: lower-cased (None when that is not an exact stand-in for case-insensitive
    matching) and, found on first need, which of the registered patterns' trigger strings it holds."""

    __slots__ = ("lower", "_present")

    def __init__(self, text: str) -> None:
        lower = text.lower()
        self.lower = lower if len(lower) == len(text) and not _FOLD_UNSAFE.search(text) else None
        self._present: set[str] | None = None

    def present(self) -> set[str]:
        if self._present is None:
            assert self.lower is not None and _Texts.triggers is not None
            self._present = _Texts.triggers.found(self.lower)
        return self._present


class _Texts:
    """The texts read lately (the rules read a statement, its plain form and parts of them in turn), and the trigger
    strings of every pattern of this module, found in a text all at once."""

    LIMIT = 64
    recent: dict[str, _Text] = {}
    triggers: Triggers | None = None

    @classmethod
    def of(cls, text: str) -> _Text:
        found = cls.recent.get(text)
        if found is None:
            if len(cls.recent) >= cls.LIMIT:
                cls.recent.clear()
            found = cls.recent[text] = _Text(text)
        return found


class Guarded:
    """A pattern with two cheap ways of knowing that a text cannot match, tried before the pattern itself runs:

    * its :func:`condition` — the strings a text must hold for it to match — tested against the strings one
      Aho–Corasick pass found in the text for every pattern of this module at once (a pattern made elsewhere tests
      its own strings with one search);
    * for a case-insensitive pattern, the same pattern compiled case-sensitively over the lower-cased text, which
      Python's regex engine scans several times faster. Where it finds nothing the pattern finds nothing; where it
      finds a match at a position, the pattern itself is run from that position, so every match, group and span
      returned is the pattern's own (the lower-cased text only says where to start).

    The results are the pattern's in every case (a test holds them equal on every corpus); only time is saved."""

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled = compiled
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        literals = required_literals(compiled)
        self.literals = tuple(sorted(literals, key=len)) if literals else None
        # one search for all the (lower-case) strings in the lower-cased text, in C, instead of a loop of "in" tests
        self.gate = re.compile(trie(self.literals), re.DOTALL) if self.literals else None
        self.condition = condition(compiled)
        self.holds = test(self.condition) if self.condition is not None else None
        self.registered = False  # its condition's strings are in the shared scan (_Texts.triggers)
        self.folded = None
        source = _lower_source(compiled.pattern) if compiled.flags & re.IGNORECASE else None
        if source is not None:
            try:
                self.folded = re.compile(source, compiled.flags & ~re.IGNORECASE)
            except re.error:
                self.folded = None

    prescan = True  # False: every search runs the bare pattern (the straightforward path the tests compare with)

    def _start(self, text: str, pos: int = 0, endpos: int | None = None) -> int | None:
        """Where a match can begin at the earliest (``pos`` when unknown), or None when the text cannot match."""
        if not Guarded.prescan or (self.gate is None and self.folded is None and not self.registered):
            return pos
        read = _Texts.of(text)
        lower = read.lower
        if lower is None:  # a character that folds otherwise: neither pre-scan is exact, the pattern runs
            return pos
        if self.registered:
            if not self.holds(read.present()):  # its strings, found with every other pattern's at once
                return None
        elif self.gate is not None and self.gate.search(lower) is None:
            return None
        if self.folded is None:
            return pos
        found = self.folded.search(lower, pos, len(text) if endpos is None else endpos)
        return None if found is None else found.start()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        start = self._start(text, pos, endpos)
        if start is None:
            return None
        return self.compiled.search(text, start) if endpos is None else self.compiled.search(text, start, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        start = self._start(text, pos, endpos)
        if start is None:
            return iter(())
        return self.compiled.finditer(text, start) if endpos is None else self.compiled.finditer(text, start, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list:
        start = self._start(text, pos, endpos)
        if start is None:
            return []
        return self.compiled.findall(text, start) if endpos is None else self.compiled.findall(text, start, endpos)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.compiled.match(text, *args)

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, *args)

    def sub(self, repl, text: str, count: int = 0) -> str:  # type: ignore[no-untyped-def]
        return text if self._start(text) is None else self.compiled.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return [text] if self._start(text) is None else self.compiled.split(text, maxsplit)


def trie(strings: Iterable[str]) -> str:
    """A pattern matching any of ``strings``, shaped as a trie (one branch per next character) so that the regex engine
    follows a single path; at a position it matches the longest of the strings that starts there."""
    root: dict = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def guarded(compiled: re.Pattern[str]) -> Guarded:
    return Guarded(compiled)


# Every pattern of this module is guarded: the rules read them through the same methods, and a pattern's results
# never change (only the time it takes to find that a text does not match).
for _name, _value in list(globals().items()):
    if isinstance(_value, re.Pattern) and not _name.startswith("_"):
        globals()[_name] = guarded(_value)
del _name, _value
_Texts.triggers = Triggers(chain.from_iterable(condition_strings(p.condition) for p in globals().values()
                                               if isinstance(p, Guarded)))
for _pattern in list(globals().values()):
    if isinstance(_pattern, Guarded) and _pattern.condition is not None:
        _pattern.registered = True
del _pattern
