"""Every text rule: a positive and a negative, in Swedish and English where the rule reads both."""

import pytest

from procura.checks import RULES, get_rule
from procura.checks.findings import Location
from procura.checks.statements import Context, Statement, analyse
from procura.errors import InputError

CASES = [
    # rule, positive, negative, estimated value
    ("OVR-001", "Leverantören ska ha en årsomsättning om minst 20 miljoner kronor.",
     "Leverantören ska ha en årsomsättning om minst 8 miljoner kronor.", 5_000_000),
    ("OVR-001", "The supplier's turnover shall be at least three times the estimated contract value.",
     "Leverantörens omsättning ska vara minst 25 miljoner kronor, av särskilda skäl som anges i avsnitt 3.", 5_000_000),
    ("OVR-002", "Leverantören ska ha lägst riskklass 3 enligt UC.",
     "Kommunen gör en samlad bedömning; en kreditupplysning med riskklass är aldrig ensam avgörande.", None),
    ("OVR-003", "Surfplattorna ska vara av fabrikat Apple iPad.",
     "Enheten ska vara Teltonika FMM-880 4G eller likvärdig, för kompatibilitet med befintligt system.", None),
    ("OVR-003", "The staff phones shall be Apple iPhone 14.", "The app shall run on iOS and Android.", None),
    ("OVR-004", "Larmöverföringen ska uppfylla SS-EN 50134-5.", "Larmöverföringen ska uppfylla SS-EN 50134-5 eller likvärdigt.", None),
    ("OVR-004", "The web interface shall conform to WCAG 2.1 level AA.",
     "The web interface shall conform to WCAG 2.1 level AA or equivalent.", None),
    ("OVR-005", "Leverantören ska vara certifierad enligt ISO 9001.", "Leverantören ska vara certifierad enligt ISO/IEC 27001 eller likvärdigt.", None),
    ("OVR-005", "The supplier must be ISO 14001 certified.", "The supplier shall list any certifications, if any.", None),
    ("OVR-006", "Leverantören ska ha ett kontor i Umeå kommun.", "Leverantören ska kunna vara på plats inom fyra timmar.", None),
    ("OVR-006", "The supplier shall have an office in the municipality.", "Leverantören behöver inte ha kontor i kommunen.", None),
    ("OVR-007", "Leverantören ska redovisa två referensuppdrag från svenska kommuner.",
     "Leverantören ska redovisa två referensuppdrag från offentlig eller privat verksamhet.", None),
    ("OVR-008", "Leverantören ska lämna tio referenser.", "Leverantören ska redovisa två referensuppdrag från de senaste tre åren.", None),
    ("OVR-009", "Funktionen ska vara i drift hos samtliga leverantörens kunder vid anbudstidpunkten.",
     "Funktionen ska vara i drift hos minst en kund vid anbudstidpunkten.", None),
    ("OVR-010", "Larmet ska gärna ha en inbyggd rökdetektor.", "Larmet bör ha en inbyggd rökdetektor.", None),
    ("VAG-001", "Lösningen ska vara användarvänlig.", "Systemet ska ha svarstider under 2 sekunder för 95 % av anropen.", None),
    ("VAG-001", "Gränssnitten ska vara användarvänliga.", "Det ställs inget krav på att gränssnittet ska vara modernt.", None),
    ("VAG-001", "The system shall be user-friendly.", "The supplier shall notify breaches without undue delay and within 24 hours.", None),
    ("VAG-002", "Leverantören ska i möjligaste mån använda förnybar energi.", "Leverantören ska använda förnybar energi.", None),
    ("VAG-002", "The supplier shall provide training where possible.", "The supplier shall provide two hours of training.", None),
    ("VAG-003", "Lösningen ska stödja notifieringar via SMS, e-post m.m.", "Lösningen ska kunna skicka notifieringar, t.ex. SMS och e-post.", None),
    ("VAG-004", "Leverantören ska följa gällande lagstiftning.",
     "Leverantören ska följa gällande lagstiftning, särskilt dataskyddsförordningen (GDPR).", None),
    ("VAG-005", "Lösningen ska uppfylla kommunens behov.", "Lösningen ska uppfylla kraven i bilaga 2.", None),
    ("VAG-006", "Lösningen ska stödja flera språk.", "Lösningen ska kunna koppla ett eller flera tillbehör till varje larm.", None),
    ("CON-005", "Leverantören ska leverera inom [ange antal] dagar.", "Leverantören ska leverera inom 10 dagar.", None),
    # context found by dogfooding the shipped library: the negatives are good text the rule once flagged
    ("OVR-002", "The supplier's financial rating shall be at least B.",
     "Vulnerabilities of critical severity (CVSS 9.0–10.0 or an equivalent rating) shall be remedied within 14 days.", None),
    ("OVR-005", "The supplier shall hold a valid ISO 27001 certificate.",
     "Each camera shall have its own identity (e.g. a device certificate) that the service verifies.", None),
    ("OVR-005", "Leverantören ska ha ett certifierat ledningssystem för informationssäkerhet.",
     "The supplier must not be subject to exclusion; the municipality requests certificates of paid taxes only from the winner.", None),
    ("OVR-007", "The tenderer shall provide references from Swedish municipalities.",
     "The incident report shall be delivered within 5 days. The supplier shall report the lessons to the municipality.", None),
    ("OVR-007", "Referenserna ska komma från kommunerna i länet.",
     "Leverantören ska rapportera levererade uppdateringar till kommunen varje månad.", None),
    ("OVR-009", "Appen ska redan användas av alla leverantörens kommunkunder.",
     "Lösningen ska hantera antal användare i personalen och samtidiga användare samt en ökning av varje volym med 30 %.", None),
    ("OVR-010", "Lösningen ska helst stödja röstmeddelanden.", "Kommunen ska när som helst kunna exportera all sin data.", None),
    ("VAG-001", "The login shall be fast.", "Tjänsten ska fungera över mobilt bredband utan fast anslutning.", None),
    ("VAG-001", "The supplier shall provide professional support.",
     "The supplier shall be registered in the corresponding professional or trade register.", None),
    ("VAG-006", "About half of the staff shall be trained in the first month.",
     "The municipality shall be able to extract all personal data about one individual.", None),
    ("VAG-006", "Lösningen ska stödja några olika språk.", "Simuleringen får inte påverka några beslut.", None),
    # gaps found by the independent corpus, closed with general wordings (other sentences than that corpus's)
    ("OVR-009", "Modulen ska vara i full drift hos samtliga av anbudsgivarens kundkommuner.",
     "Modulen ska vara i full drift hos minst en av anbudsgivarens kundkommuner.", None),
    ("OVR-009", "The portal shall be installed and running at all of the vendor's existing Nordic clients.",
     "The portal shall be installed and running at all of the municipality's care units by contract start.", None),
    ("OVR-008", "Anbudet ska innehålla sex (6) referenser.", "Anbudet ska innehålla två (2) referenser.", None),
    ("OVR-008", "Leverantören ska ha minst åtta (8) års erfarenhet av larmmottagning.",
     "Leverantören ska ha minst två (2) års erfarenhet av larmmottagning.", None),
    ("OVR-007", "The supplier shall submit references from at least four Swedish municipalities.",
     "The supplier shall submit references from at least four public or private organisations.", None),
    ("OVR-003", "Larmen ska vara Tunstall Lifeline eller motsvarande produkt från samma tillverkare.",
     "Larmen ska vara Tunstall Lifeline eller likvärdigt, för kompatibilitet med befintlig larmmottagning.", None),
    ("OVR-005", "Anbudsgivaren ska bifoga ett giltigt kvalitetscertifikat.",
     "Webbservern ska ha ett giltigt SSL-certifikat från en betrodd certifikatutfärdare.", None),
    ("OVR-005", "Leverantören ska vara ISO 14001-certifierad.",
     "Leverantören ska vara ISO 14001-certifierad eller redovisa annan bevisning om likvärdiga miljöåtgärder.", None),
    ("VAG-001", "Gränssnittet ska vara anvädarvänligt.",
     "Tjänsten ska inte kräva att brukaren har en snabb bredbandsuppkoppling.", None),
    ("VAG-001", "Leverantören ska aviseras om prisändringar i god tid.",
     "Leverantören ska avisera prisändringar i god tid, dock senast 60 dagar i förväg.", None),
    ("VAG-002", "Behörigheter ska ses över när det bedöms nödvändigt.", "Behörigheter ska ses över var sjätte månad.", None),
    ("VAG-002", "The supplier shall restart the service at its own discretion.",
     "The supplier shall restart the service within 15 minutes of an outage.", None),
    ("VAG-005", "Tjänsten ska motsvara användarnas och personalens förväntningar.",
     "Tjänsten ska motsvara kraven i bilaga 4.", None),
    ("VAG-005", "The supplier shall ensure that patients are happy with the visits.",
     "The supplier shall ensure that at least 85 % of patients rate the visits 4 or higher in the yearly survey.", None),
    ("VAG-006", "Tjänsten ska klara ett stort antal samtidiga videosamtal.",
     "Tjänsten ska klara 200 samtidiga videosamtal.", None),
    ("VAG-006", "The service shall handle a large number of concurrent calls.",
     "The service shall handle 200 concurrent calls.", None),
    # gaps found by the blind2 corpus, closed with general wordings (other sentences than that corpus's)
    ("OVR-006", "Anbudsgivarens servicefunktion ska finnas fysiskt i Gävle.",
     "Anbudsgivarens larmcentral ska vara lokaliserad inom EU/EES.", None),
    ("OVR-006", "The vendor shall operate a customer service centre in Norrbotten county.",
     "The vendor's operations centre shall be situated within the EU/EEA.", None),
    ("OVR-009", "Funktionen ska vara i drift i samtliga kommuner där anbudsgivaren har avtal.",
     "Funktionen ska vara i drift i samtliga kommuner som deltar i den gemensamma upphandlingen.", None),
    ("OVR-009", "Systemet ska vara installerat hos varenda en av leverantörens nuvarande kunder.",
     "Systemet ska vara installerat hos minst två av leverantörens nuvarande kunder.", None),
    # the company's years in the trade (issue 9: a person's years of experience are not read as reference age)
    ("OVR-008", "The bidder shall have at least nine (9) years of proven experience in alarm reception.",
     "The bidder shall have at least two (2) years of proven experience in alarm reception.", None),
    ("OVR-008", "The bidder shall demonstrate a track record of not less than 15 years.",
     "The bidder shall demonstrate a track record of not less than 2 years.", None),
    ("OVR-007", "Referensuppdragen ska enbart avse offentliga uppdragsgivare.",
     "Referensuppdragen ska avse larmmottagning för offentliga eller privata uppdragsgivare.", None),
    ("OVR-010", "Det är ett krav att tjänsten med fördel kan integreras mot journalsystemet.",
     "Det är inte ett krav att tjänsten kan integreras mot journalsystemet.", None),
    ("OVR-010", "Surfplattan ska i bästa fall ha ett utbytbart batteri.", "Surfplattan ska ha ett utbytbart batteri.", None),
    ("OVR-003", "The alarms shall be Tunstall Lifeline Vi or an equivalent model from Tunstall.",
     "The alarms shall be Tunstall Lifeline Vi or an equivalent model from any manufacturer, since the staff are trained on "
     "its keypad.", None),
    ("OVR-003", "Passerkortläsaren ska vara av typen Danalock V3.",
     "Passerkortläsaren ska vara av typen Danalock V3 eller likvärdig, för kompatibilitet med befintligt passersystem.", None),
    ("OVR-003", "Trygghetslarmen ska vara Careium Ease 1 eller likvärdig produkt från Careium.",
     "Trygghetslarmen ska vara Careium Ease 1 eller likvärdig produkt från annan tillverkare, eftersom brukarna redan "
     "känner igen dess larmknapp.", None),
    ("OVR-005", "Krav: Miljöledningssystem certifierat av ackrediterat organ. Svar: Ja/Nej.",
     "Krav: Miljöledningssystem enligt ISO 14001, likvärdigt certifikat eller beskrivning av motsvarande åtgärder.", None),
    ("OVR-005", "It is a requirement that the supplier is certified to ISO 9001.",
     "The supplier's ISO 9001 certificate, an equivalent certificate or a description of equivalent measures is accepted.",
     None),
    ("VAG-002", "Rapporter ska skickas när anbudsgivaren finner det motiverat.", "Rapporter ska skickas varje vecka.", None),
    ("VAG-002", "Logs shall be retained for as long as the contractor considers necessary.",
     "Logs shall be retained for 12 months.", None),
    ("VAG-001", "Leverantören ska tillhandahålla erforderlig utbildning.", "Leverantören ska tillhandahålla fyra timmars utbildning.",
     None),
    ("VAG-001", "Användarvyn ska vara lättöverskådlig.",
     "Användarvyn ska vara lättöverskådlig; minst 85 % av testpersonerna ska hitta larmlistan inom 10 sekunder.", None),
    ("VAG-001", "Supervisors shall have a good understanding of the alarm chain.",
     "Supervisors shall pass the two-hour alarm-chain course.", None),
    ("VAG-004", "Leverantören ska följa relevanta standarder inom informationssäkerhet.",
     "Leverantören ska följa ISO/IEC 27002 eller likvärdigt.", None),
    ("VAG-005", "Anhöriga ska uppleva att kontakten med hemtjänsten blir enklare.",
     "Minst 80 % av de anhöriga ska i den årliga enkäten svara att kontakten blivit enklare.", None),
    ("VAG-005", "Tjänsten ska leva upp till nämndens digitaliseringsambitioner.",
     "Tjänsten ska leva upp till kraven i bilaga 3.", None),
    ("VAG-006", "Tjänsten ska stödja flera språk.", "Intervjun är ett av flera underlag för bedömningen.", None),
    # gaps found by the blind3 corpus, closed with general wordings (other sentences than that corpus's)
    ("OVR-010", "Samtliga 95 krav i kravspecifikationen utgör ska-krav.",
     "Alla krav markerade med \"ska\" är obligatoriska; krav markerade med \"bör\" utvärderas.", None),
    ("OVR-010", "All 60 requirements in annex B are mandatory.", "Ideally, but not mandatory, the tablet has a stylus.", None),
    ("OVR-010", "Det är ett önskemål att larmet ska ha inbyggd GPS.",
     "Kommunen ska kunna ändra menyernas ordning efter personalens önskemål.", None),
    ("OVR-011", "Informationen i schemaläggningen har klassats som K2 enligt KLASSA, men tjänsten ska uppfylla kraven för nivå 4.",
     "Informationen har klassats som K3 enligt KLASSA och tjänsten ska uppfylla kraven för nivå 3.", None),
    ("OVR-011", "The visitor log is classified as K1 under KLASSA; nevertheless the service shall meet the level 3 controls.",
     "Journaluppgifterna är klassade som K3, R3 och T2 och tjänsten ska uppfylla skyddsnivå 3.", None),
    ("OVR-008", "The tenderer shall provide six client references from the past three years.",
     "The tenderer shall provide two client references from the past three years.", None),
    ("OVR-008", "Referensuppdragen ska ha ett kontraktsvärde mellan SEK 500 000 och SEK 900 000.",
     "Referensuppdragen ska ha ett kontraktsvärde om minst 500 000 kr.", None),
    ("OVR-008", "Varje referensuppdrag ska ha löpt i minst sex år.", "Varje referensuppdrag ska ha löpt i minst ett år.", None),
    ("OVR-007", "Only references from public clients will be accepted.",
     "References from public or private clients will be accepted.", None),
    ("OVR-007", "Samtliga referensuppdrag ska avse offentlig sektor.",
     "Referensuppdragen ska avse offentlig eller privat sektor.", None),
    ("OVR-009", "The module shall be live on all existing customer sites at the time of tender.",
     "Systemet ska vara i drift på samtliga av kommunens enheter vid avtalsstart.", None),
    ("OVR-009", "Alla kunder hos anbudsgivaren ska redan i dag använda den erbjudna appen.",
     "Alla brukare i kommunen ska kunna använda den erbjudna appen.", None),
    ("OVR-003", "Hjälpmedlen ska tillhandahållas av Nordic Care Supply AB.",
     "Leverantören ska ange vilket företag som tillhandahåller hjälpmedlen.", None),
    ("OVR-003", "The laptops shall be Lenovo ThinkPad T14 or equivalent.",
     "The door controllers shall be Axis A1601 or equivalent, due to the door hardware already fitted in the buildings.", None),
    ("OVR-012", "Rengöringsmedlen ska vara märkta med EU Ecolabel.",
     "Rengöringsmedlen ska vara märkta med EU Ecolabel eller likvärdig märkning.", None),
    ("OVR-012", "All printed matter shall carry the Nordic Swan Ecolabel.",
     "Textilierna ska uppfylla kriterierna för Svanenmärkning; märkningen godtas som ett bevis.", None),
    ("VAG-005", "Projektledaren ska upprätthålla ett nära samarbete med förvaltningens verksamhetsutvecklare.",
     "Projektledaren ska delta i ett samarbetsmöte med förvaltningen varje månad.", None),
    ("VAG-005", "Gränssnittet ska upplevas som lugnt av brukarna.",
     "Minst 80 % av brukarna ska i enkäten svara att appen upplevs som trygg.", None),
    ("VAG-004", "Leveransen ska följa de bestämmelser som finns i lag och annan författning.",
     "Leveransen ska följa de krav som ställs i lagen (2018:1937) om tillgänglighet till digital offentlig service.", None),
    ("VAG-004", "The service shall comply with all statutory requirements.",
     "The service shall comply with the requirements of GDPR art. 32.", None),
    ("VAG-002", "Säkerhetskopior ska tas i den utsträckning som behövs.", "Säkerhetskopior ska tas varje natt.", None),
    ("VAG-002", "Backups shall be tested if considered necessary.", "Backups shall be tested every quarter.", None),
    ("VAG-001", "Reklamerade produkter ska ersättas inom en rimlig tidsperiod.",
     "Felanmälningar ska åtgärdas inom skälig tid, dock senast inom 48 timmar.", None),
    ("VAG-001", "The search shall be quick.", "The search shall be quick, i.e. return results within 1 second.", None),
    ("VAG-001", "Inloggningen ska vara snabb.", "Inloggningen ska vara snabb, dvs. klar inom 3 sekunder.", None),
    ("VAG-003", "Appen ska visa besök, insatser mm.", "Displayens teckenhöjd ska vara minst 8 mm.", None),
    # families real tenders contain most (the real-document corpus), each with its false alarm stopped; the sentences
    # are written here, not taken from the documents
    ("VAG-001", "Felen ska rättas så snabbt som möjligt.", "Felen ska rättas inom fyra timmar.", None),
    ("VAG-007", "Arkitekten ska ha gediget kunnande inom molntjänster.",
     "Arkitekten ska ha minst sex års erfarenhet av molntjänster.", None),
    ("VAG-007", "Mycket goda kunskaper i SQL.", "Kunskaper i SQL motsvarande kompetensnivå 4 i ramavtalet.", None),
    ("VAG-007", "Testledaren ska behärska engelska i tal och skrift.",
     "Testledaren ska behärska engelska i tal och skrift på lägst nivå C1 enligt CEFR.", None),
    ("VAG-007", "The analyst shall have extensive experience of data warehousing.",
     "The analyst shall have at least four years of experience of data warehousing.", None),
    ("VAG-008", "Utvecklaren ska vara självgående och lyhörd.", "Utvecklaren ska kunna driftsätta en release utan stöd från beställaren.",
     None),
    ("VAG-008", "Vi söker en prestigelös och drivande förvaltningsledare.",
     "Förvaltningsledaren ska leda veckovisa avstämningar med systemägaren.", None),
    ("VAG-009", "Anbudsgivaren ska redovisa två uppdrag av liknande karaktär.",
     "Anbudsgivaren ska redovisa två uppdrag med minst 500 användare vardera.", None),
    ("VAG-009", "Konsulten ska ha arbetat i större organisationer.",
     "Konsulten ska ha arbetat i organisationer med minst 1 000 anställda.", None),
    ("VAG-010", "Projektledaren ska rapportera status löpande.", "Projektledaren ska rapportera status varje vecka.", None),
    ("VAG-010", "Konsulten ska kunna ställa upp på kort varsel.",
     "Konsulten ska kunna ställa upp inom två arbetsdagar från beställning.", None),
    ("VAG-004", "Leverantören ska följa gällande arkivbestämmelser.",
     "Leverantören ska följa arkivlagen (1990:782).", None),
    ("OVR-007", "Erfarenhet av uppdrag inom kommunal verksamhet.",
     "Erfarenhet av uppdrag inom vård och omsorg, hos offentliga eller privata utförare.", None),
    ("OVR-007", "Konsulten ska ha kännedom om Storby kommuns ärendehanteringssystem.",
     "Konsulten ska ha kännedom om ärendehanteringssystem med e-arkiv.", None),
    ("OVR-007", "The consultant shall have experience from assignments in the public sector.",
     "The consultant shall have experience from assignments with requirements of public access to records.", None),
    ("OVR-003", "Leverantören ska vara certifierad partner till Acme Cloud.",
     "Leverantören ska vara certifierad partner till Acme Cloud eller likvärdig tillverkare.", None),
    ("OVR-003", "Projektet ska drivas enligt projektmodellen XLPM.",
     "Projektet ska drivas enligt en dokumenterad projektmodell med beslutspunkter.", None),
    ("OVR-013", "Konsulten ska ha svenskt medborgarskap.",
     "Konsulten ska ha svenskt medborgarskap, eftersom uppdraget är placerat i säkerhetsklass 2 enligt "
     "säkerhetsskyddslagen.", None),
    ("OVR-014", "Beställaren har tolkningsföreträde vid bedömningen av om kraven uppfylls.",
     "Beställaren bedömer kraven enligt bedömningsgrunderna i bilaga 2.", None),
    ("OVR-017", "Företag med färre än 50 anställda ska dessutom lämna en bankgaranti.",
     "Alla anbudsgivare ska lämna samma intyg om skatter och avgifter.", None),
    ("OVR-006", "Konsulten ska vara bosatt i Jämtlands län.", "Konsulten ska kunna vara på plats inom tre timmar.", None),
    ("OVR-008", "Anbudsgivaren ska ha genomfört minst sex (6) implementeringar av e-arkiv.",
     "Anbudsgivaren ska ha genomfört minst två (2) implementeringar av e-arkiv.", None),
    ("OVR-007", "Referenserna ska komma från norrländska kommuner.",
     "Referenserna ska komma från kunder med minst 5 000 brukare.", None),
    ("OVR-015", "Underkonsulter accepteras inte i detta avrop.",
     "Underkonsulter får anlitas efter beställarens skriftliga godkännande.", None),
]


def test_false_alarms_real_tenders_showed_are_quiet():
    # a person's years of experience are not years in business
    assert "OVR-008" not in rules_in("Minst tio års erfarenhet av systemförvaltning.")
    assert "OVR-008" in rules_in("Leverantören ska ha minst tio års erfarenhet av systemförvaltning.")
    # experience of a product names the buyer's environment, not a demand on the product
    assert "OVR-003" not in rules_in("Konsulten ska ha erfarenhet av Microsoft Azure och Citrix.")
    assert "OVR-003" in rules_in("Klienterna ska vara Dell Latitude 5440.")
    # "eller likvärdig" removes the brand problem; a deadline in days or a date is not vague
    assert "OVR-003" not in rules_in("Projektet ska drivas enligt projektmodellen XLPM eller likvärdig modell.")
    assert not rules_in("Anbudet ska vara bindande till och med 2025-03-31.") & {"VAG-001", "VAG-010"}
    # working on site at the buyer's premises is an execution condition
    assert "OVR-006" not in rules_in("Konsulten ska arbeta på plats på beställarens kontor i Luleå tre dagar i veckan.")
    # a platform named for submitting the tender is administration
    assert "OVR-003" not in rules_in("Anbud ska lämnas via Visma Tendsign.")


def test_a_paid_standard_is_noted_and_a_free_one_is_not():
    def notes(text):
        return [f for f in analyse(Statement.of(text, Location())) if f.rule == "OVR-016"]
    [note] = notes("Leverantören ska vara certifierad enligt ISO/IEC 27001 eller likvärdigt.")
    assert note.severity.value == "info" and "10 kap. 7 §" in note.citation and note.url
    assert notes("Webbplatsen ska uppfylla WCAG 2.1 nivå AA eller likvärdigt.") == []
    assert notes("Tjänsten ska uppfylla EN 301 549 eller likvärdigt.") == []


def test_prefilter_changes_no_finding():
    # the fast path (a statement meets only the families it can trigger) against the straightforward one, on every
    # labelled corpus: the same findings in the same order
    import csv
    from pathlib import Path
    corpora = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.csv"))
    assert corpora
    for path in corpora:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                statement = Statement.of(row["text"], Location())
                value = float(row["estimated_value_sek"]) if row.get("estimated_value_sek") else None
                fast = list(analyse(statement, Context(value)))
                slow = list(analyse(statement, Context(value), prefilter=False))
                assert fast == slow, (path.name, row["text"])


def test_prefilter_triggers_are_read_off_the_patterns():
    import re

    from procura.checks import lexicon as lx
    # every match of a pattern holds one of the strings read off it; a pattern with an optional start has none
    pattern = re.compile(r"(?<![\w-])(?:god(?:a|tt)?\s+kunskap|snabb(?:t|a)?)(?![\w-])", re.I)
    assert lx.required_literals(pattern) in ({"kunskap", "snabb"}, {"god", "snabb"})
    assert lx.required_literals(re.compile(r"\w*")) is None
    guarded = lx.guarded(pattern)
    for text in ("Goda kunskaper i SQL.", "Snabbt svar.", "Inget här."):
        assert bool(guarded.search(text)) == bool(pattern.search(text)), text
    # the whole condition, every part of a sequence: a level word alone does not let a text in
    cond = lx.condition(re.compile(r"(?:god|hög)\s+kunskap|snabb\w*", re.I))
    assert lx.holds(cond, {"god", "kunskap"}) and lx.holds(cond, {"snabb"})
    assert not lx.holds(cond, {"god"}) and not lx.holds(cond, set())



def _corpus_texts():
    import csv
    from pathlib import Path
    for path in sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            yield from (row["text"] for row in csv.DictReader(handle, delimiter=";"))


def test_guarded_patterns_find_exactly_what_the_patterns_find():
    # every pattern of the lexicon is searched through a cheap pre-scan (its required strings; for a case-insensitive
    # one the lower-cased text); on every corpus text, in other cases and with the characters Python folds
    # differently (dotless i, long s, İ), the guarded pattern returns the pattern's own matches
    import re

    from procura.checks import lexicon as lx
    texts = list(_corpus_texts())
    texts += [t.upper() for t in texts[::7]] + [t.swapcase() for t in texts[3::11]]
    texts += ["Leverantören ſka vara certıfierad enligt ISO 27001.", "İnga krav på SKALL-krav, Användarvänligt.",
              "LEVERANTÖREN SKA VARA LÄTTANVÄND OCH FLEXIBEL.", ""]
    patterns = {name: p for name, p in vars(lx).items() if isinstance(p, lx.Guarded)}
    assert sum(p.folded is not None for p in patterns.values()) > len(patterns) / 2  # the pre-scan is in use
    for name, guarded in patterns.items():
        for text in texts:
            want = [(m.span(), m.groups()) for m in guarded.compiled.finditer(text)]
            assert [(m.span(), m.groups()) for m in guarded.finditer(text)] == want, (name, text)
            first = guarded.search(text)
            assert (first.span() if first else None) == (want[0][0] if want else None), (name, text)
            assert guarded.sub("#", text) == guarded.compiled.sub("#", text), (name, text)
    assert re.compile(lx._lower_source(r"\bGDPR\W(?P<Name>[A-Z])") or "").pattern == r"\bgdpr\W(?P<Name>[a-z])"


def rules_in(text, value=None):
    return {f.rule for f in analyse(Statement.of(text, Location()), Context(value))}


@pytest.mark.parametrize("rule, positive, negative, value", CASES)
def test_rule_positive_and_negative(rule, positive, negative, value):
    assert rule in rules_in(positive, value), positive
    assert rule not in rules_in(negative, value), negative


def test_swedish_inflections_are_matched():
    for word in ("användarvänlig", "användarvänligt", "användarvänliga", "användarvänligare"):
        assert "VAG-001" in rules_in(f"Systemet ska vara {word}."), word


def test_quoted_title_is_not_vague():
    assert "VAG-001" not in rules_in('Leverantören ska följa vägledningen "Enkel och säker e-tjänst" i sin helhet.')


def test_turnover_without_value_is_not_guessed():
    assert "OVR-001" not in rules_in("Leverantören ska ha en årsomsättning om minst 20 miljoner kronor.")


def turnover_findings(text, value):
    return [f for f in analyse(Statement.of(text, Location()), Context(value)) if f.rule == "OVR-001"]


def test_turnover_in_another_currency_asks_for_a_manual_comparison():
    # no exchange rate is invented: a euro amount against a SEK value is a warning that says so, never an error
    found = turnover_findings("Anbudsgivaren ska ha en årlig omsättning om minst 1,2 miljoner euro.", 1_000_000)
    assert [f.severity.value for f in found] == ["warning"]
    assert "euro" in found[0].message.sv and "2\u00a0000\u00a0000 kr" in found[0].message.sv
    assert "does not convert currencies" in found[0].message.en
    # the same demand in kronor is compared as before, and no value means nothing to compare against
    assert [f.severity.value for f in turnover_findings("Omsättningen ska vara minst 1,2 miljoner kronor.", 1_000_000)] == []
    assert [f.severity.value for f in turnover_findings("Omsättningen ska vara minst 3 miljoner kronor.", 1_000_000)] == ["error"]
    assert turnover_findings("The annual turnover shall be at least EUR 400,000.", None) == []


def test_misspelt_subjective_word_is_read_only_for_long_words():
    assert "VAG-001" in rules_in("Appen ska vara användarvänlgi.")
    assert "VAG-001" in rules_in("The portal shall be user-frinedly.")
    # one edit from a short word is often another word: not read
    assert "VAG-001" not in rules_in("Larmet ska ha en snabbknapp och en modem-anslutning.")


def test_make_with_equivalent_but_no_justification_is_a_warning():
    # LOU 9 kap. 6 §: a make needs "eller likvärdigt" and must be justified by the subject of the contract; writing
    # the reason down is advice and it may stand elsewhere, so a missing one is a warning, a missing equivalent an error
    def found(text):
        return [(f.severity.value, f.message.en) for f in analyse(Statement.of(text, Location())) if f.rule == "OVR-003"]
    [(severity, message)] = found("Hörlurarna ska vara av modell Jabra Evolve2 65 eller likvärdig.")
    assert severity == "warning" and "justified by the subject of the contract" in message
    assert [s for s, _ in found("Hörlurarna ska vara av modell Jabra Evolve2 65.")] == ["error"]
    assert found("Hörlurarna ska vara av modell Jabra Evolve2 65 eller likvärdig, eftersom de ska passa kommunens "
                 "mötesrum.") == []
    assert found("Hörlurarna ska vara av modell Jabra Evolve2 65 eller likvärdig, för kompatibilitet med befintligt "
                 "telefonisystem.") == []
    # a product name that reads like a compatibility word ("Connect") is no justification
    assert [s for s, _ in found("Låset ska vara av typen Lockly Connect 500 eller likvärdigt.")] == ["warning"]


def test_supplier_named_as_deliverer_is_an_error():
    [finding] = [f for f in analyse(Statement.of("The alarm receivers shall be supplied by Northwind Systems Ltd.",
                                                 Location())) if f.rule == "OVR-003"]
    assert finding.severity.value == "error" and "Northwind Systems Ltd" in finding.message.en


def test_not_mandatory_is_no_obligation():
    from procura.checks.statements import obligation_of
    assert obligation_of("Det är önskvärt men inte obligatoriskt att appen finns på finska.") == "bor"
    assert obligation_of("It is a mandatory requirement that reports are signed.") == "ska"


def test_t_ex_without_dots_is_an_example_as_t_ex_is():
    for text in ("Larmet ska kunna skicka notiser via t.ex. sms och e-post.",
                 "Larmet ska kunna skicka notiser via t ex sms och e-post.",
                 "Larmet ska kunna skicka notiser via tex sms och e-post."):
        assert "VAG-003" not in rules_in(text), text
    for text in ("Appen ska fungera på surfplattor, t ex Samsung Galaxy Tab.",
                 "Appen ska fungera på surfplattor, tex Samsung Galaxy Tab."):
        assert "OVR-003" not in rules_in(text), text


def test_every_rule_cites_a_source_and_has_both_languages():
    for rule in RULES.values():
        assert rule.citation and rule.message.sv and rule.message.en and rule.explanation.sv and rule.explanation.en
        assert rule.category in ("overreach", "vague", "consistency", "completeness")


def test_unknown_rule_is_an_input_error():
    with pytest.raises(InputError, match="unknown rule"):
        get_rule("NOPE-1")
