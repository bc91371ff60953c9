"""The sources checklist steps cite: each stated in /work/shared/domain/*.md with its address, or
verified there (standstill period, ESPD) — never a paragraph nobody has seen stated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceRef:
    citation: str
    url: str


GDPR = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"

LOU_9_2 = SourceRef("LOU 9 kap. 2 §", "https://www.upphandlingsmyndigheten.se/hallbarhet/socialt-ansvarsfull-upphandling/"
                    "Tillganglighet-och-samtliga-anvandares-behov/")
LOU_4_1 = SourceRef("LOU 4 kap. 1 §", "https://www.upphandlingsmyndigheten.se/frageportalen/1761985/krav-pa-sprak/")
HFD_2016_37 = SourceRef("HFD 2016 ref. 37", "https://lagen.nu/dom/hfd/2016:37")
KLASSA_GUIDE = SourceRef("SKR, KLASSA: vägledning", "https://klassa-info.skr.se/stodmaterial/page/vagledning")
KLASSA_REQS = SourceRef("SKR, KLASSA: utformning av krav", "https://klassa.skr.se/sidor/stodmaterial/utformning-av-krav")
GDPR_9_35 = SourceRef("GDPR (EU) 2016/679 art. 9, art. 35", GDPR)
GDPR_28 = SourceRef("GDPR (EU) 2016/679 art. 28", GDPR)
GDPR_CH5 = SourceRef("GDPR (EU) 2016/679 kap. V (art. 44–50)", GDPR)
ESAM_CLOUD = SourceRef("eSam, molnfrågan", "https://www.esamverka.se/vad-vi-gor/molnfragan.html")
SKR_WELFARE_TECH = SourceRef("SKR, Upphandling av välfärdsteknik – en vägledning",
                             "https://rapporter.skr.se/upphandling-av-valfardsteknik.html?notabs")
SKR_REQUIREMENTS = SourceRef("SKR, Upphandlingsdokument och krav",
                             "https://skr.se/skr/demokratiledningstyrning/upphandlinginkop/"
                             "upphandlingsprocessenupphandlingsdokument/upphandlingsdokumentkrav.10279.html")
UHM_OWN_REQUIREMENTS = SourceRef("Upphandlingsmyndigheten, Utforma egna hållbarhetskrav",
                                 "https://www.upphandlingsmyndigheten.se/om-hallbar-upphandling/stall-hallbarhetskrav/"
                                 "utforma-egna-hallbarhetskrav/")
# verified with the search tool, not (yet) in the domain brief: the 10-day standstill after an electronic notice
STANDSTILL = SourceRef("LOU 12 kap. 12 §, 20 kap. 1 § (avtalsspärr)",
                       "https://www.upphandlingsmyndigheten.se/frageportalen/1372299/avtalssparr-lag-20161145-om-offentlig-upphandling/")
# verified with the search tool: ESPD is preliminary evidence for the exclusion grounds (LOU 13 kap.) and the
# qualification requirements (14 kap.); no source was seen that puts this in "15 kap. 1-2 §§" (docs/sources.md)
ESPD = SourceRef("Upphandlingsmyndigheten, frågeportalen 2881923 (ESPD som preliminärt bevis, LOU 13–14 kap.)",
                 "https://www.upphandlingsmyndigheten.se/frageportalen/2881923/espd-xtjn/")
# the statute in Riksdagen's Svensk författningssamling (in force 15 January 2026); the address was seen cited
# in public repositories, the text itself in Regeringskansliets rättsdatabaser (docs/sources.md, "Library v2")
CYBERSECURITY_ACT = SourceRef("Cybersäkerhetslag (2025:1506)",
                              "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/cybersakerhetslag-20251506_sfs-2025-1506/")
DOS_ACT = SourceRef("Lag (2018:1937) om tillgänglighet till digital offentlig service",
                    "https://www.digg.se/kunskap-och-stod/digital-tillganglighet/rattslig-vagledning/7.-ataganden---vilka-ar-kraven")
DIGG_DATA = SourceRef("DIGG, Rekommendationer för upphandling av data",
                      "https://digg.se/kunskap-och-stod/oppna-och-delade-data/offentliga-aktorer/rekommendationer-for-upphandling-av-data")
SKI_ALARMS = (
    SourceRef("RISE, digitala trygghetslarm", "https://ri.se/en/what-we-do/services/digital-social-alarms"),
    SourceRef("Elstandard, Trygghetslarm bygger på standarder (SKI 2015)",
              "https://nyheter.elstandard.se/posts/news/trygghetslarm-bygger-pa-standarder"),
)
SKR_LOCKS = SourceRef("SKR, Digitala lås", "https://skr.se/valfardsteknik/exempelpavalfardsteknik/digitalalas.64225.html")
