"""What grouping reads of one item: its text features and evidence tokens, computed once.

Pure functions of a single item, so a pair decision built on them is a function of the pair.
The bilingual word tables (names spelled differently in English and French, sentence
furniture) are data (`words.toml`); month names come from `aggregator.dateshapes`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from importlib.resources import files

import numpy as np
from datasketch import LeanMinHash, MinHash

from aggregator.dateshapes import MONTHS as MONTH_TABLES
from aggregator.folding import fold
from aggregator.urls import slug_key, url_key

NUM_PERM = 128
SHINGLE_WORDS = 3


def _load_words() -> tuple[frozenset[str], dict[str, str]]:
    data = tomllib.loads(files("aggregator.stories").joinpath("words.toml").read_text("utf-8"))
    return frozenset(data["stopwords"].split()), dict(data["equivalents"])


# Capitalised words that are not names; names spelled differently in the two languages.
STOPWORDS, EQUIVALENTS = _load_words()
_EQUIVALENT_WORDS = frozenset(EQUIVALENTS)
# Month names of both languages, folded, as evidence sees them.
MONTHS = {fold(name): month for lang in ("en", "fr") for name, month in MONTH_TABLES[lang].items()}
FULL_MONTHS = frozenset(m for m in MONTHS if len(m) > 3 or m in ("may", "mai"))

_WORD_RE = re.compile(r"\w+")
_NUMBER = r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?"
_TOKEN_RE = re.compile(rf"{_NUMBER}|[^\W\d_]+(?:-[^\W\d_]+)*")
# Numbers, capitalised words and month names: the only tokens evidence is made of.
_EVIDENCE = (
    rf"{_NUMBER}"
    r"|(?<![^\W\d_])[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:-[^\W\d_]+)*"
    r"|(?<!\w)(?:janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
    r"|novembre|d[eé]cembre)(?!\w)"
)
# Every first character a token can have, looked ahead: the same matches in half the time,
# as the three alternatives are no longer tried at every position of the text.
_EVIDENCE_RE = re.compile(rf"(?=[\dA-ZÀ-ÖØ-ÞĀ-Žjfmasond])(?:{_EVIDENCE})")


@dataclass(frozen=True)
class StoryItem:
    """What grouping needs of an item: text, language, date, site, links and image.

    `translations` are the language links the item's page declares (language -> URL) and
    `translation_sources` where each was found (hreflang, jsonld, switcher, anchor, sitemap).
    """

    canonical_url: str
    source: str
    lang: str | None
    title: str
    body: str
    published_at: str | None = None
    image: str | None = None
    translations: Mapping[str, str] = field(default_factory=dict)
    translation_sources: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    signature: bytes | None = None  # stored MinHash hash values, to skip recomputing them


# -- text features ---------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


# A run asks for the same URLs' keys several times (indexes, links, the store's tables).
cached_url_key = lru_cache(maxsize=65536)(url_key)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of the folded text: what near-duplicates share even when edited."""
    return _shingles(_WORD_RE.findall(fold(text)), size)


def _shingles(words: list[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    # (w0, w1, w2), (w1, w2, w3), ...: the shorter tails end the runs
    runs = zip(*(words[i:] for i in range(size)), strict=False)
    return set(map(str.encode, map(" ".join, runs)))


# Permutations are drawn once; crc32 keeps hashing fast and the same in every process.
_EMPTY_MINHASH = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)


def _minhash_of_words(words: list[str]) -> np.ndarray:
    mh = _EMPTY_MINHASH.copy()
    mh.update_batch(list(_shingles(words)))
    return mh.hashvalues.astype(np.uint32)


def lean_minhash(signature: np.ndarray) -> LeanMinHash:
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
    out: list[str] = []
    for match in _EVIDENCE_RE.finditer(text):
        unless_sentence_start, values = _read_token(match.group())
        if values and not (unless_sentence_start and _is_sentence_start(text, match.start())):
            out += values
    return tuple(out)


@lru_cache(maxsize=65536)
def _read_token(token: str) -> tuple[bool, tuple[str, ...]]:
    """What one evidence token stands for, and whether a sentence start makes it nothing."""
    if token[0].isdigit():
        return False, (_number(token),)
    folded = _fold_word(token)
    if folded in FULL_MONTHS and (folded != "may" or token[0].isupper()):
        return False, (f"m{MONTHS[folded]}",)
    if not token[0].isupper() or folded in STOPWORDS:
        return False, ()
    parts = tuple(
        EQUIVALENTS.get(part, part)
        for part in folded.split("-")
        if len(part) > 2 and part not in STOPWORDS
    )
    is_acronym = len(token) > 1 and token.isupper()
    return not is_acronym, parts


def _is_sentence_start(text: str, start: int) -> bool:
    """Whether a capital is only there because a sentence (or title, or line) starts."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0«»\"'(“‘":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n|–—"


def _with_equivalents(words: frozenset[str]) -> frozenset[str]:
    """The words, names spelled the other language's way replaced by the one spelling."""
    other = words & _EQUIVALENT_WORDS
    return words - other | {EQUIVALENTS[w] for w in other} if other else words


def _text_words(item: StoryItem) -> list[str]:
    return _WORD_RE.findall(fold(f"{item.title}\n{item.body}"))


def day_number(published_at: str | None) -> int | None:
    """The publication day as an ordinal, None when there is no readable date."""
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


@dataclass(frozen=True)
class Ends:
    """What a declared language link needs of an item, kept for every item a run has seen."""

    canonical_url: str
    source: str
    lang: str | None
    day: int | None
    marks: frozenset[str]
    keys: frozenset[str]  # url_key of its canonical URL and aliases
    links: tuple[tuple[str, str, str], ...]  # (language, URL, where found), other languages

    @classmethod
    def of(cls, item: StoryItem) -> Ends:
        links = tuple(  # links stored before their sources were read came from the head
            (lang, url, item.translation_sources.get(lang, "hreflang"))
            for lang, url in sorted(item.translations.items())
            if lang != item.lang
        )
        return cls(
            item.canonical_url,
            item.source,
            item.lang,
            day_number(item.published_at),
            title_marks(item.title),
            frozenset(cached_url_key(u) for u in (item.canonical_url, *item.aliases)),
            links,
        )


@dataclass
class Features:
    """Everything a comparison reads of one item, computed once."""

    item: StoryItem
    ends: Ends
    signature: np.ndarray
    tokens: tuple[str, ...]
    length: int
    title_key: str  # the title's words, folded, when it has four or more
    slug: str | None

    @property
    def day(self) -> int | None:
        return self.ends.day

    @property
    def marks(self) -> frozenset[str]:
        return self.ends.marks

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of the text, folded, in one spelling: read only to weigh shared evidence."""
        return _with_equivalents(frozenset(_text_words(self.item)))

    @classmethod
    def of(cls, item: StoryItem) -> Features:
        if item.signature:  # stored by an earlier run: the text need not be read again
            signature = np.frombuffer(item.signature, dtype=np.uint32)
        else:
            signature = _minhash_of_words(_text_words(item))
        title_words = _WORD_RE.findall(fold(item.title))
        return cls(
            item,
            Ends.of(item),
            signature,
            evidence_tokens(f"{item.title}.\n{item.body}"),
            len(item.body or item.title),
            " ".join(title_words) if len(title_words) >= 4 else "",
            slug_key(item.canonical_url),
        )
