"""Decide each item's language from its page's signals and its own text, keeping the evidence.

Evidence:
- page signals (`item.lang_hints`), weighted: JSON-LD `inLanguage` 3, `hreflang_self` 2,
  `og_locale` 2, `<html lang>` 1.5, the URL's language segment 1.5. Their weighted vote gives the
  page language and its confidence (share of the weight, scaled by how much weight there is).
- the listing page's language (`listing`): the weakest signal, since a French-interface listing
  carries English items; used only when the page and the text say nothing clear.
- the text: title + summary + body (its first MAX_TEXT characters), detected once per item by
  langdetect (seeded, so the result never changes between runs) with profiles restricted to
  the languages these sites use or could quote (en, fr, es, de, it, pt, nl); the best of them
  is kept, whatever it is, so Spanish is stored as "es".

Rule (`lang_source` in brackets):
1. page and text agree: that language [page+text], confidence 1 - (1 - page) * (1 - text).
2. they disagree: the text wins when it is long and clear (at least LONG_TEXT letters and a
   probability of at least CLEAR_TEXT): an untranslated English article under /fr/ [text];
   otherwise the page wins [page]. Either way the disagreement is counted.
3. no page signal: the text when it is reasonably sure (at least SURE_TEXT) [text, or
   listing+text when the listing agrees]; else the listing's language [listing]; else the
   text's best guess [text]. Nothing at all: lang stays None [none].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from aggregator import stats as names
from aggregator.items import Article
from aggregator.pipelines import CountingPipeline
from aggregator.urls import lang_of_path, language_of_tag

DETECTED_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl")
SIGNAL_WEIGHTS = {
    "jsonld": 3.0,
    "hreflang_self": 2.0,
    "og_locale": 2.0,
    "html_lang": 1.5,
    "url": 1.5,
}
LONG_TEXT = 100  # letters
CLEAR_TEXT = 0.98
SURE_TEXT = 0.50
# Detector budget, measured in bench/bench_normalise.py (1,000 items/s for the whole normalisation):
# the first 200 characters of title + summary + body, 3 seeded trials (langdetect's default is 7)
# stopping at 0.999 (default 0.99999). On tests/data/language_eval.tsv this cost one title with
# text alone (153 -> 152 of 157) and nothing with page signals or on summaries and bodies.
MAX_TEXT = 200
N_TRIAL = 3
CONVERGENCE = 0.999

# Acronyms and codes (CEMR, NALAS, COP28, EU-CELAC) and links say nothing about the language.
_NEUTRAL_RE = re.compile(r"https?://\S+|\S+@\S+|\b[A-Z][A-Z0-9]+(?:[-–][A-Z0-9]+)*s?\b|\d+")
_LETTER_RE = re.compile(r"[^\W\d_]")

TextDetector = Callable[[str], tuple[str | None, float]]


@dataclass(frozen=True)
class LanguageDecision:
    """The language decided for an item, with its confidence and the evidence behind it."""

    lang: str | None
    confidence: float | None
    source: str
    page_lang: str | None = None
    text_lang: str | None = None
    text_confidence: float = 0.0

    @property
    def is_disagreement(self) -> bool:
        return bool(self.page_lang and self.text_lang and self.page_lang != self.text_lang)


def language_code(value: str | None) -> str | None:
    """A hint's language: a URL or a path ("https://site/fr/news/x", "/fr/...") by its
    language segment, anything else as a language tag ("fr-FR", "fr_FR", "FR":
    `aggregator.urls.language_of_tag`, the one tag reader); None if it names none."""
    if not value:
        return None
    value = value.strip()
    return lang_of_path(value) if "/" in value else language_of_tag(value)


def page_language(hints: Mapping[str, str]) -> tuple[str | None, float]:
    """Weighted vote of the page's own signals (the listing's language is not one of them)."""
    votes: dict[str, float] = {}
    for key, value in hints.items():
        code = language_code(value)
        if code and key in SIGNAL_WEIGHTS:
            votes[code] = votes.get(code, 0.0) + SIGNAL_WEIGHTS[key]
    if not votes:
        return None, 0.0
    lang, weight = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "en"))
    share = weight / sum(votes.values())
    return lang, round(share * min(0.95, 0.6 + 0.1 * weight), 3)


@lru_cache(maxsize=1)
def _factory():
    """langdetect profiles for DETECTED_LANGUAGES only: faster, and no Danish for English."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    profiles = [Path(PROFILES_DIRECTORY, code).read_text("utf-8") for code in DETECTED_LANGUAGES]
    factory.load_json_profile(profiles)
    return factory


def detector_text(text: str) -> str:
    """The part of an item's text worth showing a detector: no acronyms, codes, links or digits."""
    return _NEUTRAL_RE.sub(" ", text[:MAX_TEXT])


def detect_text_language(text: str) -> tuple[str | None, float]:
    """The text's most probable language among DETECTED_LANGUAGES and its probability."""
    from langdetect.lang_detect_exception import LangDetectException

    cleaned = detector_text(text)
    if not _LETTER_RE.search(cleaned):
        return None, 0.0
    detector = _factory().create()
    detector.set_max_text_length(MAX_TEXT)
    detector.n_trial = N_TRIAL
    detector.CONV_THRESHOLD = CONVERGENCE
    detector.append(cleaned)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return best.lang, round(best.prob, 4)


def has_letters(text: str, count: int) -> bool:
    """True when the text holds at least `count` letters (counted no further than that)."""
    return next(islice(_LETTER_RE.finditer(text), count - 1, None), None) is not None


def detect_language(
    hints: Mapping[str, str],
    text: str,
    *,
    detector: TextDetector = detect_text_language,
) -> LanguageDecision:
    """Apply the module's rule to the page signals and the item's whole text."""
    page_lang, page_conf = page_language(hints)
    listing = language_code(hints.get("listing"))
    text_lang, text_conf = detector(text) if text.strip() else (None, 0.0)
    long_text = has_letters(_NEUTRAL_RE.sub(" ", text[:2000]), LONG_TEXT)
    evidence = {"page_lang": page_lang, "text_lang": text_lang, "text_confidence": text_conf}

    def decided(lang: str | None, conf: float | None, source: str) -> LanguageDecision:
        return LanguageDecision(lang, None if conf is None else round(conf, 4), source, **evidence)

    if page_lang and text_lang == page_lang:
        return decided(page_lang, 1 - (1 - page_conf) * (1 - text_conf), "page+text")
    if page_lang and text_lang:
        if long_text and text_conf >= CLEAR_TEXT:
            return decided(text_lang, text_conf * (1 - page_conf / 2), "text")
        return decided(page_lang, page_conf * (1 - text_conf / 2), "page")
    if page_lang:
        return decided(page_lang, page_conf, "page")
    if text_lang and text_conf >= SURE_TEXT:
        if listing == text_lang:
            return decided(text_lang, 1 - (1 - text_conf) * 0.8, "listing+text")
        return decided(text_lang, text_conf, "text")
    if listing:
        return decided(listing, 0.5, "listing")
    if text_lang:
        return decided(text_lang, text_conf, "text")
    return decided(None, None, "none")


def item_text(item: Article) -> str:
    """Title, summary and body as one text: the detector is surest on all of it at once."""
    return " \n".join(part for part in (item.title, item.summary, item.body) if part)


class LanguagePipeline(CountingPipeline):
    """Scrapy shell around `detect_language`: fills lang, lang_confidence, lang_source."""

    def process_item(self, item: Article) -> Article:
        decision = detect_language(item.lang_hints, item_text(item))
        item.lang = decision.lang
        item.lang_confidence = decision.confidence
        item.lang_source = decision.source
        self.stats.inc_value(names.language_decided_by(decision.source))
        self.stats.inc_value(names.language(decision.lang or "none"))
        if decision.is_disagreement:
            self.stats.inc_value(names.LANGUAGE_DISAGREEMENT)
        return item
