"""Near-duplicate requirements without comparing all pairs.

Prefix filtering (the AllPairs / PPJoin family of set-similarity joins): order every text's
tokens from rarest to most common; two texts with token-set Jaccard similarity >= t must share
a token among the first ``len - ceil(t * len) + 1`` of each. Only those candidate pairs, which
also pass a length filter, are scored with rapidfuzz. The work grows with the number of
candidates, not with n².
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

from rapidfuzz import fuzz

TOKEN = re.compile(r"[a-zåäöéü0-9]+")
# modal verbs and the most common function words carry no meaning for "the same requirement"
STOP = frozenset("""ska skall bör måste får kan the shall should must may will och att en ett i på av för som med till är
den det de om eller and or a an of to in on for with be is are that this by as""".split())
JACCARD = 0.7  # candidate threshold, deliberately below the final score threshold
SCORE = 90.0  # rapidfuzz token_sort_ratio, 0-100
# a token shared by more texts than this is too common to block on (unless a text has nothing rarer):
# it keeps the work per text bounded, so the total grows linearly with the number of texts
MAX_POSTING = 30


def tokens(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP]


def normalise(text: str) -> str:
    return " ".join(tokens(text))


@lru_cache(maxsize=1 << 16)
def _token_set(text: str) -> tuple[tuple[str, ...], str]:
    """A text's distinct tokens, sorted, and them joined: remembered, as the same text recurs across documents."""
    toks = tuple(sorted(set(tokens(text))))
    return toks, " ".join(toks)


def near_duplicates(texts: Sequence[str], score: float = SCORE, jaccard: float = JACCARD) -> list[tuple[int, int, float]]:
    """Pairs (i, j, similarity) with i < j whose texts are near-duplicates.

    Texts with the same tokens are one text to the join: a text that occurs k times is paired with
    its first occurrence (k - 1 pairs at 100), not with every other copy, and a near-duplicate of
    the group is paired with that first occurrence. So boilerplate repeated in every section costs
    linear time and gives linear output.
    """
    first_of: dict[tuple[str, ...], int] = {}
    unique: list[int] = []
    repeats: list[tuple[int, int, float]] = []
    for i, text in enumerate(texts):
        key = _token_set(text)[0]
        j = first_of.setdefault(key, i)
        if j == i:
            unique.append(i)
        elif key:
            repeats.append((j, i, 100.0))
    pairs = [(unique[a], unique[b], sim) for a, b, sim in _join([texts[i] for i in unique], score, jaccard)]
    return sorted(pairs + repeats)


def _join(texts: Sequence[str], score: float, jaccard: float) -> list[tuple[int, int, float]]:
    prepared = [_token_set(t) for t in texts]
    sets = [p[0] for p in prepared]
    frequency = Counter(chain.from_iterable(sets))
    rarity = {tok: n for n, tok in enumerate(sorted(frequency, key=lambda tok: (frequency[tok], tok)))}
    ordered = [sorted(s, key=rarity.__getitem__) for s in sets]  # rarest first
    normal = [p[1] for p in prepared]  # sorted distinct tokens: token_sort_ratio is ratio on them
    sizes = [len(o) for o in ordered]
    order = sorted(range(len(texts)), key=lambda i: len(ordered[i]))
    index: dict[str, list[int]] = {}
    postings = index.get
    pairs: list[tuple[int, int, float]] = []
    for i in order:  # by size, so every earlier set is no larger than this one
        toks = ordered[i]
        if not toks:
            continue
        prefix = toks[:len(toks) - math.ceil(jaccard * len(toks)) + 1]
        minimum = jaccard * len(toks)
        blocking = [tok for tok in prefix if len(postings(tok, ())) <= MAX_POSTING] or prefix[:1]
        candidates: set[int] = set()
        for tok in blocking:
            candidates.update(postings(tok, ())[-MAX_POSTING:])
        for j in candidates:
            if sizes[j] < minimum:
                continue
            similarity = fuzz.ratio(normal[i], normal[j], score_cutoff=score)
            if similarity:
                pairs.append((min(i, j), max(i, j), similarity))
        for tok in prefix:
            if tok in index:
                index[tok].append(i)
            else:
                index[tok] = [i]
    return sorted(pairs)
