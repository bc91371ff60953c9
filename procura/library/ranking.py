"""Ranking library requirements against what an officer types or a tender says.

BM25-style scoring over normalised words, with field weights (ID, title, tags, requirement text,
motive) in both languages. Swedish inflects and compounds, so a query word also matches

- an inflected form with the same stem ("loggning" ~ "loggar", "åtkomst" ~ "åtkomsten"),
- the tail of a compound ("uppgifter" ~ "personuppgifter", "larm" ~ "trygghetslarm"),
- a near miss of a long word ("autentisiering" ~ "autentisering"),

each with less weight than the word itself. Rare words weigh more than common ones (inverse document
frequency), and a query found as a whole phrase in a title or text gets a bonus. Scores are 0–100:
100 is every query word found in a title, as a phrase.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from procura.models import Requirement

WORD = re.compile(r"[^\W_]+(?:[-–][^\W_]+)*", re.U)
STOP_WORDS = frozenset("""
av och i på för till att som med om en ett den det de är eller samt vid från ska skall bör kan får inte ej
vara ha har alla all varje även enligt när där hur vad vilka vilken sin sina sitt dess deras man vi ni
the of and to in for a an on at by or with from as is are be shall should must can may not all each any
this that these those its their it which when where how
bra god goda gott mycket stor stora sätt samtliga alltid minst lägst högst enkel enkelt snabbt väl ny nya exempel
good well way very high low least most new any every
""".split())  # with the evaluative words a tender adds ("på ett bra sätt"), which name no need
FIELD_WEIGHTS = {"id": 6.0, "title": 3.0, "tags": 2.0, "text": 1.0, "overreach": 0.6, "motive": 0.4}
K1 = 1.2
B = 0.5
PHRASE_TITLE_BONUS = 0.5  # share of the score added when the whole query is a phrase of the title
PHRASE_TEXT_BONUS = 0.2


def words(text: str) -> list[str]:
    """Lower-case words, hyphenated compounds kept whole and also split ("IT-konsult" -> it-konsult, it, konsult)."""
    found = WORD.findall(text.lower().replace("–", "-"))
    if "-" not in text and "–" not in text:
        return found
    out: list[str] = []
    for token in found:
        out.append(token)
        if "-" in token:
            out += [part for part in token.split("-") if part]
    return out


def terms(text: str) -> list[str]:
    """The words that carry meaning: no stop words, no bare numbers (a level or count names no need)."""
    return [w for w in words(text) if w not in STOP_WORDS and len(w) > 1 and not w.isdigit()]


@lru_cache(maxsize=200_000)
def similarity(query: str, word: str) -> float:
    """How well a document word stands for a query word: 1 the same, less for inflection, compounds, typos."""
    if query == word:
        return 1.0
    short, long_ = sorted((query, word), key=len)
    if len(short) < 4:
        return 0.0
    prefix = 0
    for a, b in zip(query, word, strict=False):
        if a != b:
            break
        prefix += 1
    if prefix >= 4 and len(short) - prefix <= 3 and len(long_) - prefix <= 4:
        return 0.9 if prefix == len(short) else 0.8  # inflection: "logg"/"loggen", "loggning"/"loggar"
    if prefix == len(query):
        return 0.5  # the head of a compound in the text: "åtkomst" in "åtkomstkontroll"
    if word.endswith(query) and len(word) - len(query) >= 3:
        return 0.6  # the tail of a compound in the text: "uppgifter" in "personuppgifter"
    if prefix == len(word):
        return 0.3  # a part of the query's compound: "risk" for "riskklass"
    if query.endswith(word) and len(word) >= 5:
        return 0.4  # "uppgifter" for "personuppgifter"
    if len(query) >= 6 and len(word) >= 6 and Levenshtein.normalized_similarity(query, word) >= 0.85:
        return 0.7
    return 0.0


REMEMBERED_WORDS = 20_000  # query words whose document frequencies are kept (a bound on memory)

@dataclass
class _Doc:
    key: str
    fields: dict[str, Counter[str]]
    length: float
    phrases: dict[str, str]  # field -> normalised text, for the phrase bonus
    prior: float = 1.0  # below 1 for what applies only to some procurements (a product area's requirement)


@dataclass
class Index:
    """An index of texts by key, each with weighted fields; see :func:`requirement_fields`."""

    docs: list[_Doc] = field(default_factory=list)
    vocabulary: Counter[str] = field(default_factory=Counter)  # word -> number of documents holding it
    _by_prefix: dict[str, set[str]] = field(default_factory=dict)  # first 2 letters -> words
    _by_suffix: dict[str, set[str]] = field(default_factory=dict)  # every tail of 4+ letters -> words
    _matches: dict[str, dict[str, float]] = field(default_factory=dict)
    postings: dict[str, dict[int, float]] = field(default_factory=dict)  # word -> document -> weighted count
    _frequencies: dict[str, dict[int, tuple[float, float]]] = field(default_factory=dict)  # see frequencies()
    _df: dict[str, float] = field(default_factory=dict)  # see frequency()

    @classmethod
    def of(cls, items: Iterable[tuple[str, dict[str, str]]], priors: dict[str, float] | None = None) -> Index:
        index = cls()
        for key, texts in items:
            fields = {name: Counter(terms(text)) for name, text in texts.items() if text}
            length = sum(sum(c.values()) * FIELD_WEIGHTS.get(name, 1.0) for name, c in fields.items())
            phrases = {name: " ".join(words(text)) for name, text in texts.items() if name in ("title", "text")}
            index.docs.append(_Doc(key, fields, length, phrases, (priors or {}).get(key, 1.0)))
            index.vocabulary.update({w for c in fields.values() for w in c})
        for position, doc in enumerate(index.docs):
            for name, counts in doc.fields.items():
                weight = FIELD_WEIGHTS.get(name, 1.0)
                for word, count in counts.items():
                    postings = index.postings.setdefault(word, {})
                    postings[position] = postings.get(position, 0.0) + weight * count
        for word in index.vocabulary:
            index._by_prefix.setdefault(word[:2], set()).add(word)
            for start in range(1, len(word) - 3):
                index._by_suffix.setdefault(word[start:], set()).add(word)
        return index

    def matches(self, query: str) -> dict[str, float]:
        """The words of the index that stand for ``query``, with their weight."""
        found = self._matches.get(query)
        if found is None:
            candidates = {w for w in self._by_prefix.get(query[:2], ()) if abs(len(w) - len(query)) <= 12}
            candidates |= self._by_suffix.get(query, set())
            candidates |= {query[-n:] for n in range(5, len(query)) if query[-n:] in self.vocabulary}
            found = {w: score for w in candidates if (score := similarity(query, w)) > 0}
            if len(self._matches) >= REMEMBERED_WORDS:  # words of a national check: forget, keep memory bounded
                self._matches.clear()
                self._df.clear()
                self._frequencies.clear()
            self._matches[query] = found
        return found

    def frequency(self, query: str) -> float:
        """How many documents hold the query word, counting a near match by its weight (remembered, as matches)."""
        found = self._df.get(query)
        if found is None:
            found = self._df[query] = sum(self.vocabulary[w] * weight for w, weight in self.matches(query).items())
        return found

    def frequencies(self, query: str) -> dict[int, tuple[float, float]]:
        """Per document holding a word that stands for the query word: its weighted term frequency and the best match
        (remembered: a word recurs in many queries — every sentence of a national check asks for suggestions)."""
        found = self._frequencies.get(query)
        if found is None:
            per_doc: dict[int, list[float]] = {}
            for w, sim in self.matches(query).items():
                for position, weighted in self.postings.get(w, {}).items():
                    entry = per_doc.setdefault(position, [0.0, 0.0])
                    entry[0] += weighted * sim
                    entry[1] = max(entry[1], sim)
            found = self._frequencies[query] = {position: (tf, best) for position, (tf, best) in per_doc.items()}
        return found

    def rank(self, query: str, limit: int = 10, keys: Collection[str] | None = None,
             min_coverage: float = 0.0, unknown_words_count: bool = False,
             strong_match: bool = False) -> list[tuple[str, float]]:
        """The best ``limit`` keys for ``query`` with scores 0–100, best first; ``keys`` restricts the
        candidates; ``min_coverage`` is the share of the query's weight that must be found at all, where
        words the index never uses count too if ``unknown_words_count`` (a tender's sentence, not a search);
        ``strong_match`` keeps only documents holding a less common query word itself or inflected."""
        query_terms = list(dict.fromkeys(terms(query)))
        if not query_terms or not self.docs:
            return []
        n = len(self.docs)
        average = sum(d.length for d in self.docs) / n or 1.0
        # each query word: the document words it matches, with the match's weight, and its idf
        matches: dict[str, dict[str, float]] = {}
        idf: dict[str, float] = {}
        share: dict[str, float] = {}  # of the documents holding the word
        unknown = 0.0
        for q in query_terms:
            found = self.matches(q)
            if not found:
                # a word the library never uses says nothing about which requirement fits, but a sentence
                # made mostly of such words ("Cisco Catalyst switchar") has no counterpart in the library
                unknown += math.log(1 + (n - 0.5) / 1.5)
                continue
            matches[q] = found
            df = min(n, self.frequency(q))
            idf[q] = math.log(1 + (n - df + 0.5) / (df + 0.5))
            share[q] = df / n
        query_terms = [q for q in query_terms if q in matches]
        if not query_terms:
            return []
        total_idf = sum(idf.values()) or 1.0
        phrase = " ".join(words(query))
        allowed = None if keys is None else keys if isinstance(keys, (set, frozenset)) else set(keys)
        scored: list[tuple[str, float]] = []
        best_possible = total_idf * (K1 + 1) * (1 + PHRASE_TITLE_BONUS)
        # word by word over the documents holding it (sparse), each document's sums added in query order
        sums: dict[int, list] = {}  # position -> [score, covered, strong]
        for q in query_terms:
            weight, common = idf[q], share[q] > 0.5
            for position, (tf, best) in self.frequencies(q).items():
                if not tf:
                    continue
                entry = sums.get(position)
                if entry is None:
                    if allowed is not None and self.docs[position].key not in allowed:
                        continue
                    entry = sums[position] = [0.0, 0.0, not strong_match]
                entry[0] += weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.docs[position].length / average))
                entry[1] += weight * best  # a compound's tail covers a word less than the word itself
                entry[2] = entry[2] or (best >= 0.8 and not common)
        for position in sorted(sums):
            doc = self.docs[position]
            score, covered, strong = sums[position]
            if not score or not strong or covered / (total_idf + (unknown if unknown_words_count else 0.0)) < min_coverage:
                continue
            if len(query_terms) > 1 or len(phrase) > 3:
                if phrase and phrase in doc.phrases.get("title", ""):
                    score *= 1 + PHRASE_TITLE_BONUS
                elif phrase and phrase in doc.phrases.get("text", ""):
                    score *= 1 + PHRASE_TEXT_BONUS
            # a document that holds every query word beats one that repeats some of them
            score *= math.sqrt(covered / total_idf) * doc.prior
            scored.append((doc.key, min(100.0, 100.0 * score / best_possible)))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:limit]


def requirement_fields(req: Requirement) -> dict[str, str]:
    texts = [spec.text.sv or "" for spec in req.levels.values()] + [spec.text.en or "" for spec in req.levels.values()]
    return {
        "id": req.id,
        "title": f"{req.title.sv or ''} {req.title.en or ''}",
        "tags": " ".join(t.replace("_", " ") for t in req.tags),
        "text": " ".join(dict.fromkeys(texts)),
        "motive": f"{req.motive.sv or ''} {req.motive.en or ''}",
        # what the requirement warns against demanding: where a tender's overreach finds its right-sized form
        "overreach": f"{req.overreach.sv or ''} {req.overreach.en or ''}" if req.overreach else "",
    }


PRODUCT_PRIOR = 0.93  # a requirement for one product area yields to an equally good general one


def requirement_index(requirements: Iterable[Requirement]) -> Index:
    reqs = list(requirements)
    return Index.of(((req.id, requirement_fields(req)) for req in reqs),
                    {req.id: PRODUCT_PRIOR for req in reqs if req.products})
