"""Stories: the items that tell one piece of news (aliases, cross-posts, translations) grouped.

Pure and Scrapy-free, so every decision is testable on hand-built items. Items are compared
only with the few candidates an index proposes, never with the whole store:

- explicit links first: hreflang / "Lire en français" URLs (`translations`), or the same
  slug under another language path of the same site -> translation;
- same language: MinHash of word 3-shingles of the normalised title and body, candidates from
  datasketch's LSH -> alias (same site) or cross-post (another site) above `NEAR_DUP_JACCARD`;
- other language, nothing linking them: shared evidence (numbers, months, names, acronyms,
  the same image) in the same order, proposed by an inverted index of those tokens.

Hard negatives stay apart: titles with different numbers or months ("Local Roundup | April
2022" vs "| May 2022", "2023 edition" vs "2024 edition") never join, and neither do items more
than `WINDOW_DAYS` apart (`TRANSLATION_DAYS` for evidence alone) unless a link names them.
Items are grouped in (published_at, canonical_url) order, each joining the story of its best
match or founding one, so a rebuild from the same items gives the same stories.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from aggregator.dateshapes import MONTHS as MONTH_TABLES
from aggregator.urls import slug_key, url_key

NUM_PERM = 128
SHINGLE_WORDS = 3
LSH_THRESHOLD = 0.4  # recall of the candidate step; the decision uses NEAR_DUP_JACCARD
NEAR_DUP_JACCARD = 0.55
SAME_TITLE_JACCARD = 0.3  # enough when the titles match word for word (4 words or more)
WINDOW_DAYS = 60  # near-duplicates and slug links: at most this far apart
TRANSLATION_DAYS = 42  # translations found by evidence alone: "within a few weeks"
MAX_POSTING = 400  # evidence tokens shared by more items than this in the window carry nothing
MIN_SHARED_TOKENS = 4
TRANSLATION_SCORE = 0.62  # shared-evidence score from which two items are translations

ORIGINAL, ALIAS, CROSSPOST, TRANSLATION = "original", "alias", "cross-post", "translation"
RELATIONS = (ORIGINAL, ALIAS, CROSSPOST, TRANSLATION)


_COMBINING_RE = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Lower case without accents: the spelling both languages and all sites share."""
    if text.isascii():
        return text.casefold()
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text)).casefold()


# Month names of both languages, folded (lower case, no accents), as evidence sees them.
MONTHS = {fold(name): month for lang in ("en", "fr") for name, month in MONTH_TABLES[lang].items()}
FULL_MONTHS = frozenset(m for m in MONTHS if len(m) > 3 or m in ("may", "mai"))
# Names and acronyms spelled differently in English and French: one spelling for both.
EQUIVALENTS = {
    "ccre": "cemr",
    "cglu": "uclg",
    "ue": "eu",
    "onu": "un",
    "odd": "sdg",
    "odds": "sdg",
    "sdgs": "sdg",
    "ocde": "oecd",
    "jesl": "edls",
    "fphn": "hlpf",
    "pekin": "beijing",
    "bruxelles": "brussels",
    "tbilissi": "tbilisi",
    "londres": "london",
    "lisbonne": "lisbon",
    "varsovie": "warsaw",
    "vienne": "vienna",
    "geneve": "geneva",
    "seville": "seville",
    "afrique": "africa",
    "amerique": "america",
    "ameriques": "americas",
    "asie": "asia",
    "ukrainiens": "ukraine",
    "ukrainiennes": "ukraine",
    "ukrainian": "ukraine",
    "kiev": "kyiv",
    "kharkiv": "kharkiv",
    "mexique": "mexico",
    "maroc": "morocco",
    "tunisie": "tunisia",
    "senegal": "senegal",
    "colombie": "colombia",
    "bresil": "brazil",
    "allemagne": "germany",
    "espagne": "spain",
    "italie": "italy",
    "pologne": "poland",
    "suede": "sweden",
    "grece": "greece",
    "moldavie": "moldova",
    "georgie": "georgia",
    "armenie": "armenia",
    "lettonie": "latvia",
    "europeenne": "european",
    "europeen": "european",
    "europeens": "european",
    "europeennes": "european",
    "mondial": "world",
    "mondiale": "world",
    "celac": "celac",
}
# Capitalised words that are sentence furniture rather than names, in either language.
STOPWORDS = frozenset(
    """the a an and of in on for to with by at from this that these those its it their our we
    they he she his her as is are was were be been will would can could should may also after
    before during under over between while when where how what which who why not all new more
    le la les l un une des du de d et en au aux pour par sur dans avec ce cet cette ces son sa
    ses leur leurs notre nos nous ils elles il elle est sont a ont été sera lors plus tout tous
    après avant pendant entre comme mais ou où qui que quoi dont selon depuis
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_WORD_RE = re.compile(r"\w+")
_NUMBER_RE = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_TOKEN_RE = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?|[^\W\d_]+(?:-[^\W\d_]+)*")
# Numbers, capitalised words and month names: the only tokens evidence is made of.
_EVIDENCE_RE = re.compile(
    r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?"
    r"|(?<![^\W\d_])[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:-[^\W\d_]+)*"
    r"|(?<!\w)(?:janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
    r"|novembre|d[eé]cembre)(?!\w)"
)


@dataclass(frozen=True)
class StoryItem:
    """What grouping needs of an item: text, language, date, site, links and image."""

    canonical_url: str
    source: str
    lang: str | None
    title: str
    body: str
    published_at: str | None = None
    image: str | None = None
    translations: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    signature: bytes | None = None  # stored MinHash hash values, to skip recomputing them


@dataclass(frozen=True)
class Link:
    """Why one item belongs with another: the relation and the evidence that decided it."""

    relation: str
    evidence: dict[str, Any]
    score: float


@dataclass(frozen=True)
class Assignment:
    """An item's place: its story, its relation to it, the evidence and its MinHash."""

    canonical_url: str
    story_id: str
    relation: str
    evidence: dict[str, Any]
    signature: bytes
    published_at: str | None
    source: str
    lang: str | None


# -- text features ---------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of the folded text: what near-duplicates share even when edited."""
    return _shingles(_WORD_RE.findall(fold(text)), size)


def _shingles(words: list[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


# Permutations are drawn once; crc32 keeps hashing fast and the same in every process.
_EMPTY_MINHASH = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)


def minhash_values(text: str) -> np.ndarray:
    """MinHash signature (uint32 hash values) of the text's shingles."""
    return _minhash_of_words(_WORD_RE.findall(fold(text)))


def _minhash_of_words(words: list[str]) -> np.ndarray:
    mh = _EMPTY_MINHASH.copy()
    mh.update_batch(list(_shingles(words)))
    return mh.hashvalues.astype(np.uint32)


def _lean(signature: np.ndarray) -> LeanMinHash:
    """The datasketch object LSH wants, from stored hash values (cheap, no permutations)."""
    return LeanMinHash(seed=1, hashvalues=signature, scheme=_EMPTY_MINHASH.scheme)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def _number(token: str) -> str:
    """One spelling of a number: 1,200 / 1 200 / 1.200 -> 1200; 2,5 / 2.5 -> 2.5."""
    token = re.sub(r"[.,\u00a0\u202f ](?=\d{3}(?!\d))", "", token)
    return token.replace(",", ".").lstrip("0") or "0"


def title_marks(title: str) -> frozenset[str]:
    """Numbers and months of a title: what tells one edition of a periodic item from another."""
    marks = set()
    for token in _TOKEN_RE.findall(fold(title)):
        if token[0].isdigit():
            marks.add(_number(token))
        elif token in FULL_MONTHS:
            marks.add(f"m{MONTHS[token]}")
    return frozenset(marks)


def titles_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both titles carry numbers or months and neither set contains the other."""
    return bool(a and b and not (a <= b or b <= a))


def evidence_tokens(text: str) -> tuple[str, ...]:
    """Language-neutral tokens in text order: numbers, months, names and acronyms."""
    out = []
    for match in _EVIDENCE_RE.finditer(text):
        token = match.group()
        if token[0].isdigit():
            out.append(_number(token))
            continue
        folded = _fold_word(token)
        if folded in FULL_MONTHS and (folded != "may" or token[0].isupper()):
            out.append(f"m{MONTHS[folded]}")
        elif token[0].isupper() and folded not in STOPWORDS:
            is_acronym = len(token) > 1 and token.isupper()
            if not is_acronym and _is_sentence_start(text, match.start()):
                continue
            for part in folded.split("-"):
                if len(part) > 2 and part not in STOPWORDS:
                    out.append(EQUIVALENTS.get(part, part))
    return tuple(out)


def _is_sentence_start(text: str, start: int) -> bool:
    """Whether a capital is only there because a sentence (or title, or line) starts."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0«»\"'(“‘":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n|–—"


def _day(published_at: str | None) -> int | None:
    if not published_at:
        return None
    try:
        return datetime.fromisoformat(published_at.replace("Z", "+00:00")).toordinal()
    except ValueError:
        try:
            return date.fromisoformat(published_at[:10]).toordinal()
        except ValueError:
            return None


def story_id_for(canonical_url: str) -> str:
    """A story's id, derived from its first item's URL: the same after every rebuild."""
    return "s" + hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:15]


@dataclass
class Features:
    """Everything a comparison reads of one item, computed once."""

    item: StoryItem
    day: int | None
    marks: frozenset[str]
    signature: np.ndarray
    tokens: tuple[str, ...]
    words: frozenset[str]
    length: int
    title_key: str  # the title's words, folded, when it has four or more

    @classmethod
    def of(cls, item: StoryItem) -> Features:
        text_words = _WORD_RE.findall(fold(f"{item.title}\n{item.body}"))
        if item.signature:
            signature = np.frombuffer(item.signature, dtype=np.uint32)
        else:
            signature = _minhash_of_words(text_words)
        tokens = evidence_tokens(f"{item.title}.\n{item.body}")
        words = frozenset(EQUIVALENTS.get(w, w) for w in text_words)
        title_words = _WORD_RE.findall(fold(item.title))
        return cls(
            item,
            _day(item.published_at),
            title_marks(item.title),
            signature,
            tokens,
            words,
            len(item.body or item.title),
            " ".join(title_words) if len(title_words) >= 4 else "",
        )


# -- pair decisions ----------------------------------------------------------------------


def _days_apart(a: Features, b: Features) -> int | None:
    if a.day is None or b.day is None:
        return None
    return abs(a.day - b.day)


def _within(a: Features, b: Features, days: int) -> bool:
    apart = _days_apart(a, b)
    return apart is None or apart <= days


def explicit_link(a: Features, b: Features) -> Link | None:
    """hreflang / visible language links, or the same slug under another language path."""
    if a.item.lang == b.item.lang or not a.item.lang or not b.item.lang:
        return None
    keys_b = {url_key(u) for u in (b.item.canonical_url, *b.item.aliases)}
    keys_a = {url_key(u) for u in (a.item.canonical_url, *a.item.aliases)}
    for x, keys in ((a, keys_b), (b, keys_a)):
        for url in x.item.translations.values():
            if url_key(url) in keys:
                return Link(TRANSLATION, {"hreflang": url}, 3.0)
    if (
        a.item.source == b.item.source
        and _within(a, b, WINDOW_DAYS)
        and not titles_conflict(a.marks, b.marks)
        and slug_key(a.item.canonical_url) == slug_key(b.item.canonical_url)
        and url_key(a.item.canonical_url) != url_key(b.item.canonical_url)
    ):
        return Link(TRANSLATION, {"slug": slug_key(a.item.canonical_url)}, 2.5)
    return None


def near_duplicate(a: Features, b: Features) -> Link | None:
    """Same language, near-identical text within the window: alias or cross-post."""
    if a.item.lang != b.item.lang or titles_conflict(a.marks, b.marks):
        return None
    if not _within(a, b, WINDOW_DAYS):
        return None
    similarity = jaccard(a.signature, b.signature)
    same_title = bool(a.title_key) and a.title_key == b.title_key
    if similarity < (SAME_TITLE_JACCARD if same_title else NEAR_DUP_JACCARD):
        return None
    relation = ALIAS if a.item.source == b.item.source else CROSSPOST
    evidence: dict[str, Any] = {"minhash_jaccard": round(similarity, 3)}
    if same_title:
        evidence["same_title"] = True
    return Link(relation, evidence, 1.0 + similarity + (0.2 if same_title else 0.0))


def shared_evidence(a: Features, b: Features) -> Link | None:
    """Other language, no link: the same numbers and names in the same order, weeks apart."""
    if a.item.lang == b.item.lang or not a.item.lang or not b.item.lang:
        return None
    if titles_conflict(a.marks, b.marks) or not _within(a, b, TRANSLATION_DAYS):
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
        "days_apart": _days_apart(a, b),
    }
    if same_image:
        evidence["same_image"] = a.item.image
    return Link(TRANSLATION, evidence, score)


def compare(a: Features, b: Features) -> Link | None:
    """The strongest link between two items, or None when they are not the same story."""
    return explicit_link(a, b) or near_duplicate(a, b) or shared_evidence(a, b)


def relation_between(a: StoryItem, b: StoryItem) -> Link | None:
    """`compare` on two items: the pair classifier the labelled set measures."""
    return compare(Features.of(a), Features.of(b))


# -- grouping ----------------------------------------------------------------------------


@dataclass
class _Known:
    """What is kept of every item seen, even after it leaves the candidate window."""

    story_id: str
    source: str
    lang: str | None


class StoryGrouper:
    """Assigns items to stories, one at a time, against a sliding window of recent items.

    `lookup(url)` answers for items outside memory (the store): the canonical URL and story id
    an hreflang URL leads to.
    """

    def __init__(self, lookup: Callable[[str], tuple[str, str] | None] | None = None) -> None:
        self.lookup = lookup
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.features: dict[str, Features] = {}
        self.known: dict[str, _Known] = {}
        self.by_url: dict[str, str] = {}  # url_key of every URL -> canonical URL
        self.linked_from: dict[str, list[str]] = {}  # url_key -> items whose hreflang names it
        self.by_slug: dict[str, list[str]] = {}
        self.by_title: dict[str, set[str]] = {}  # title_key -> items in the window
        self.postings: dict[str, set[str]] = {}
        self.window: list[tuple[int, str]] = []  # (day, canonical URL) heap of indexed items
        self.members: dict[str, list[str]] = {}

    # context: items grouped in earlier runs
    def add_context(self, item: StoryItem, story_id: str) -> None:
        """Index an already grouped item so that new items can join its story."""
        self._index(Features.of(item), story_id)

    def group(self, items: Iterable[StoryItem]) -> list[Assignment]:
        """Assign every item, in (published_at, canonical_url) order."""
        ordered = sorted(items, key=lambda i: (i.published_at or "", i.canonical_url))
        return [self.assign(item) for item in ordered]

    def assign(self, item: StoryItem) -> Assignment:
        """The item's story: the best match's, or a new one founded by it."""
        features = Features.of(item)
        if features.day is not None:
            self._evict_before(features.day - WINDOW_DAYS)
        best = self._best_match(features)
        if best is None:
            story_id, relation, evidence = story_id_for(item.canonical_url), ORIGINAL, {}
        else:
            other, link = best
            story_id = self.known[other].story_id
            relation, evidence = link.relation, {"matched": other, **link.evidence}
        self._index(features, story_id)
        return Assignment(
            item.canonical_url,
            story_id,
            relation,
            evidence,
            features.signature.astype(np.uint32).tobytes(),
            item.published_at,
            item.source,
            item.lang,
        )

    def _best_match(self, f: Features) -> tuple[str, Link] | None:
        found = self._explicit(f)
        if found:
            return found
        candidates: list[tuple[float, str, Link]] = []
        keys = set(self.lsh.query(_lean(f.signature))) | self.by_title.get(f.title_key, set())
        for key in sorted(keys):
            link = near_duplicate(f, self.features[key])
            if link and self._may_join(f, key, link):
                candidates.append((-link.score, key, link))
        if not candidates:
            for key in self._evidence_candidates(f):
                link = shared_evidence(f, self.features[key])
                if link and self._may_join(f, key, link):
                    candidates.append((-link.score, key, link))
        if not candidates:
            return None
        _score, key, link = min(candidates, key=lambda c: (c[0], c[1]))
        return key, link

    def _explicit(self, f: Features) -> tuple[str, Link] | None:
        """An hreflang or slug link, to an item in memory or (through `lookup`) in the store."""
        urls = [u for lang, u in sorted(f.item.translations.items()) if lang != f.item.lang]
        own = {url_key(u) for u in (f.item.canonical_url, *f.item.aliases)}
        for url in urls:
            key = url_key(url)
            if key in own:
                continue
            target = self.by_url.get(key)
            if target is None and self.lookup is not None:
                found = self.lookup(url)
                if found and found[0] != f.item.canonical_url:
                    target = found[0]
                    self.known.setdefault(target, _Known(found[1], "", None))
            if target and target in self.known and self.known[target].lang != f.item.lang:
                return target, Link(TRANSLATION, {"hreflang": url}, 3.0)
        for key in sorted(own):
            for target in self.linked_from.get(key, ()):
                if self.known[target].lang != f.item.lang:
                    return target, Link(TRANSLATION, {"hreflang_from": target}, 3.0)
        slug = slug_key(f.item.canonical_url)
        for target in self.by_slug.get(slug or "", ()):
            other = self.features.get(target)
            if other is not None and (link := explicit_link(f, other)):
                return target, link
        return None

    def _evidence_candidates(self, f: Features) -> list[str]:
        counts: Counter[str] = Counter()
        for token in set(f.tokens):
            posting = self.postings.get(token)
            if posting and len(posting) <= MAX_POSTING:
                counts.update(posting)
        return sorted(k for k, n in counts.items() if n >= MIN_SHARED_TOKENS)

    def _may_join(self, f: Features, key: str, link: Link) -> bool:
        """A story holds one article per site and language, apart from that article's aliases."""
        if link.relation == ALIAS:
            return True
        story = self.known[key].story_id
        return not any(
            self.known[m].source == f.item.source and self.known[m].lang == f.item.lang
            for m in self.members.get(story, ())
        )

    def _index(self, f: Features, story_id: str) -> None:
        item = f.item
        key = item.canonical_url
        if key in self.known and self.known[key].source:
            return
        self.known[key] = _Known(story_id, item.source, item.lang)
        self.members.setdefault(story_id, []).append(key)
        for url in (key, *item.aliases):
            self.by_url[url_key(url)] = key
        for url in item.translations.values():
            self.linked_from.setdefault(url_key(url), []).append(key)
        if slug := slug_key(key):
            self.by_slug.setdefault(slug, []).append(key)
        self.features[key] = f
        self.lsh.insert(key, _lean(f.signature), check_duplication=False)
        for token in set(f.tokens):
            self.postings.setdefault(token, set()).add(key)
        if f.title_key:
            self.by_title.setdefault(f.title_key, set()).add(key)
        if f.day is not None:
            heapq.heappush(self.window, (f.day, key))

    def _evict_before(self, day: int) -> None:
        """Forget the text features of items too old to match anything still to come."""
        while self.window and self.window[0][0] < day:
            _day_, key = heapq.heappop(self.window)
            f = self.features.pop(key, None)
            if f is None:
                continue
            self.lsh.remove(key)
            if f.title_key and (titled := self.by_title.get(f.title_key)) is not None:
                titled.discard(key)
                if not titled:
                    del self.by_title[f.title_key]
            for token in set(f.tokens):
                posting = self.postings.get(token)
                if posting is not None:
                    posting.discard(key)
                    if not posting:
                        del self.postings[token]


# -- the step after a crawl --------------------------------------------------------------


@dataclass(frozen=True)
class GroupingSummary:
    """What one grouping run did: counts for the crawl summary and the tests."""

    items_grouped: int
    stories_new: int
    by_relation: Mapping[str, int]

    def line(self) -> str:
        """One line for the crawl summary."""
        relations = ", ".join(f"{r} {self.by_relation.get(r, 0)}" for r in RELATIONS)
        return f"stories: {self.stories_new} new, {self.items_grouped} items grouped ({relations})"


def story_item(row: Mapping[str, Any]) -> StoryItem:
    """A StoryItem from a store row (`Store.ungrouped_items` / `grouped_items_between`)."""
    return StoryItem(
        canonical_url=row["canonical_url"],
        source=row["source"],
        lang=row.get("lang"),
        title=row.get("title") or "",
        body=row.get("body") or "",
        published_at=row.get("published_at"),
        image=row.get("image"),
        translations=row.get("translations") or {},
        aliases=tuple(row.get("aliases") or ()),
        signature=row.get("signature"),
    )


def group_stored_items(store: Any, *, rebuild: bool = False, at: str = "") -> GroupingSummary:
    """Group the store's items that have no story yet (all of them with `rebuild`).

    Only grouped items published within `WINDOW_DAYS` of the new ones are loaded as context,
    with their stored MinHash, so a daily run reads weeks of items, not the archive.
    """
    if rebuild:
        store.clear_stories()
    new_rows = store.ungrouped_items()
    if not new_rows:
        return GroupingSummary(0, 0, {})
    grouper = StoryGrouper(lookup=store.story_of)
    days = [d for r in new_rows if (d := _day(r["published_at"])) is not None]
    if days:
        start = date.fromordinal(min(days) - WINDOW_DAYS).isoformat()
        end = date.fromordinal(max(days) + WINDOW_DAYS).isoformat() + "T23:59:59"
        for row in store.grouped_items_between(start, end):
            grouper.add_context(story_item(row), row["story_id"])
    assignments = grouper.group(story_item(r) for r in new_rows)
    store.save_story_members(
        (
            {
                "canonical_url": a.canonical_url,
                "story_id": a.story_id,
                "relation": a.relation,
                "evidence": a.evidence,
                "signature": a.signature,
            }
            for a in assignments
        ),
        at or datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    by_relation = Counter(a.relation for a in assignments)
    return GroupingSummary(len(assignments), by_relation[ORIGINAL], dict(by_relation))
