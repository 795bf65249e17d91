"""Pair rules: whether two items tell the same news, how they relate, and the evidence.

Every rule reads the two items only (never what else is in memory), and a pair is always
looked at in one order, so a pair's link is the same whenever and however its items arrive:

- a declared link (hreflang, a JSON-LD translation, a language switcher, a "Lire en
  français" anchor, a sitemap alternate) from one to the other -> translation, at any
  distance in time and across sites;
- the same slug under another language path of the same site -> translation;
- same language, near-identical text (MinHash of word 3-shingles) within `WINDOW_DAYS` ->
  alias (same site) or cross-post (another site);
- other language on the same site, nothing linking them: the same numbers, months, names and
  image in the same order, within `TRANSLATION_DAYS` -> translation. Across sites the shared
  evidence alone never decides: two sites report the same day on the same subjects, so a
  translation between sites needs a declared link or a chain through a cross-post.

Titles with other numbers or months ("Local Roundup | April 2022" vs "| May 2022") never
link, whatever else they share.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from aggregator.stories.features import (
    Ends,
    Features,
    cached_url_key,
    jaccard,
    titles_conflict,
)

SAME_TITLE_JACCARD = 0.3  # enough when the titles match word for word (4 words or more)
NEAR_DUP_JACCARD = 0.55
WINDOW_DAYS = 60  # near-duplicates and slug links: at most this far apart
TRANSLATION_DAYS = 42  # translations found by evidence alone: "within a few weeks"
MIN_SHARED_TOKENS = 4
TRANSLATION_SCORE = 0.62  # shared-evidence score from which two items are translations
DECLARED_SCORE, SLUG_SCORE = 3.0, 2.5
# Between declared links: where the link was found, and whether both pages name each other.
LINK_STRENGTH = {"hreflang": 0.05, "jsonld": 0.04, "switcher": 0.03, "anchor": 0.02}
BOTH_WAYS = 0.1

ORIGINAL, ALIAS, CROSSPOST, TRANSLATION = "original", "alias", "cross-post", "translation"
RELATIONS = (ORIGINAL, ALIAS, CROSSPOST, TRANSLATION)


@dataclass(frozen=True)
class Link:
    """Why two items belong together: the relation, the evidence that decided it, its weight."""

    relation: str
    evidence: dict[str, Any]
    score: float


def _days_apart(a: Ends, b: Ends) -> int | None:
    if a.day is None or b.day is None:
        return None
    return abs(a.day - b.day)


def within(a: Ends, b: Ends, days: int) -> bool:
    """At most `days` apart (or undated, when nothing says they are far apart)."""
    apart = _days_apart(a, b)
    return apart is None or apart <= days


def _other_languages(a: Ends, b: Ends) -> bool:
    return bool(a.lang and b.lang and a.lang != b.lang)


def declared_link(a: Ends, b: Ends) -> Link | None:
    """A language link one item's page declares to the other, read in either direction.

    Links named by both pages, then links from the stronger signal (head hreflang first, a
    sitemap's alternate last), win when two pages claim the same translation.
    """
    if not _other_languages(a, b) or titles_conflict(a.marks, b.marks):
        return None
    found = [
        (LINK_STRENGTH.get(where, 0.0), url, where, x.canonical_url)
        for x, y in ((a, b), (b, a))
        for lang, url, where in x.links
        if lang == y.lang and cached_url_key(url) in y.keys
    ]
    if not found:
        return None
    strength, url, where, link_from = max(found)
    evidence = {"link": url, "found_in": where, "link_from": link_from}
    if len({f[3] for f in found}) == 2:
        evidence["both_ways"] = True
        strength += BOTH_WAYS
    return Link(TRANSLATION, evidence, DECLARED_SCORE + strength)


def same_slug(a: Features, b: Features) -> Link | None:
    """One site, other languages, the same slug under another language path, weeks apart."""
    ea, eb = a.ends, b.ends
    if (
        ea.source != eb.source
        or not _other_languages(ea, eb)
        or not a.slug
        or a.slug != b.slug
        or not within(ea, eb, WINDOW_DAYS)
        or titles_conflict(ea.marks, eb.marks)
        or cached_url_key(ea.canonical_url) == cached_url_key(eb.canonical_url)
    ):
        return None
    return Link(TRANSLATION, {"slug": a.slug}, SLUG_SCORE)


def near_duplicate(a: Features, b: Features) -> Link | None:
    """Same language, near-identical text within the window: alias or cross-post."""
    if a.ends.lang != b.ends.lang or titles_conflict(a.marks, b.marks):
        return None
    if not within(a.ends, b.ends, WINDOW_DAYS):
        return None
    similarity = jaccard(a.signature, b.signature)
    same_title = bool(a.title_key) and a.title_key == b.title_key
    if similarity < (SAME_TITLE_JACCARD if same_title else NEAR_DUP_JACCARD):
        return None
    relation = ALIAS if a.ends.source == b.ends.source else CROSSPOST
    evidence: dict[str, Any] = {"minhash_jaccard": round(similarity, 3)}
    if same_title:
        evidence["same_title"] = True
    return Link(relation, evidence, 1.0 + similarity + (0.2 if same_title else 0.0))


def shared_evidence(a: Features, b: Features) -> Link | None:
    """One site, other languages, no link: the same numbers and names in the same order."""
    ea, eb = a.ends, b.ends
    if ea.source != eb.source or not _other_languages(ea, eb):
        return None
    if titles_conflict(ea.marks, eb.marks) or not within(ea, eb, TRANSLATION_DAYS):
        return None
    if not 0.5 <= (a.length + 1) / (b.length + 1) <= 2.0:
        return None
    seq_a = [t for t in a.tokens if t in b.words or t in b.tokens]
    seq_b = [t for t in b.tokens if t in a.words or t in a.tokens]
    total = len(a.tokens) + len(b.tokens)
    if not total or min(len(seq_a), len(seq_b)) < MIN_SHARED_TOKENS:
        return None
    coverage = (len(seq_a) + len(seq_b)) / total
    order = SequenceMatcher(None, seq_a, seq_b, autojunk=False).ratio()
    numbers_a = {t for t in a.tokens if t[0].isdigit()}
    numbers_b = {t for t in b.tokens if t[0].isdigit()}
    numbers = (
        len(numbers_a & numbers_b) / len(numbers_a | numbers_b) if numbers_a | numbers_b else 0.5
    )
    same_image = bool(a.item.image) and a.item.image == b.item.image
    score = 0.45 * coverage + 0.35 * order + 0.2 * numbers + (0.25 if same_image else 0.0)
    if score < TRANSLATION_SCORE:
        return None
    evidence: dict[str, Any] = {
        "shared": sorted(set(seq_a) & set(seq_b))[:20],
        "coverage": round(coverage, 3),
        "order": round(order, 3),
        "numbers": round(numbers, 3),
        "days_apart": _days_apart(ea, eb),
    }
    if same_image:
        evidence["same_image"] = a.item.image
    return Link(TRANSLATION, evidence, score)


def link_between(a: Features, b: Features) -> Link | None:
    """The strongest link between two items, or None: the same whichever comes first."""
    if b.ends.canonical_url < a.ends.canonical_url:
        a, b = b, a
    return (
        declared_link(a.ends, b.ends)
        or same_slug(a, b)
        or near_duplicate(a, b)
        or shared_evidence(a, b)
    )
