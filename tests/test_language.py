"""Language: the documented rule on stubbed evidence, the evaluation set's targets, the pipeline."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest

from aggregator.items import Article
from aggregator.pipelines.language import (
    LanguagePipeline,
    detect_language,
    detect_text_language,
    language_code,
    page_language,
)

EVAL = Path(__file__).with_name("data") / "language_eval.tsv"
LONG_EN = (
    "This article will soon be translated into French. Local and regional governments met in "
    "Brussels to discuss how the next EU budget can support towns facing the energy crisis."
)


def _eval_rows() -> list[tuple[str, str, dict[str, str], str]]:
    with EVAL.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return [
        (kind, lang, {} if hints == "-" else dict(h.split("=", 1) for h in hints.split(",")), text)
        for kind, lang, hints, text in (
            r for r in rows if r and r[0] in {"title", "summary", "body"}
        )
    ]


def _accuracy(kinds: set[str], *, with_signals: bool) -> float:
    rows = [r for r in _eval_rows() if r[0] in kinds]
    if with_signals:
        right = sum(detect_language(hints, text).lang == lang for _, lang, hints, text in rows)
    else:
        right = sum(detect_text_language(text)[0] == lang for _, lang, _, text in rows)
    return right / len(rows)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fr-FR", "fr"),
        ("fr_FR", "fr"),
        ("EN", "en"),
        ("en-US", "en"),
        ("es", "es"),
        ("https://www.opengovpartnership.org/fr/news/x/", "fr"),
        ("/es/media/news", "es"),
        ("https://www.opengovpartnership.org/news/x/", None),
        ("x-default", None),
        ("", None),
        (None, None),
        # one tag reader (aggregator.urls.language_of_tag) for pages, sitemaps and this vote
        ("pt_BR", "pt"),
        ("zh-Hant-TW", "zh"),
        ("fil", "fil"),
        ("fra", "fr"),
        ("English", None),
    ],
)
def test_language_code(value, expected):
    assert language_code(value) == expected


def test_page_language_is_a_weighted_vote_and_ignores_the_listing():
    assert page_language({"html_lang": "fr-FR", "url": "fr", "listing": "en"})[0] == "fr"
    assert page_language({"html_lang": "fr-FR", "jsonld": "en-US"})[0] == "en"
    assert page_language({"listing": "fr"}) == (None, 0.0)
    agreed = page_language({"html_lang": "fr", "og_locale": "fr_FR", "url": "fr"})[1]
    split = page_language({"html_lang": "fr", "og_locale": "en_US", "url": "fr"})[1]
    assert agreed > split


def _stub(lang, prob):
    return lambda text: (lang, prob)


@pytest.mark.parametrize(
    ("hints", "text", "text_says", "expected"),
    [
        # agreement
        ({"html_lang": "fr-FR"}, "Liens cassés", ("fr", 0.9), ("fr", "page+text")),
        # long, clear text beats the page: untranslated English under /fr/
        ({"html_lang": "fr-FR", "url": "fr"}, LONG_EN, ("en", 0.9999), ("en", "text")),
        # short text does not, however sure the detector claims to be
        ({"html_lang": "fr", "url": "fr"}, "À propos de CGLU", ("pt", 0.9997), ("fr", "page")),
        # long but unclear text does not either
        ({"html_lang": "fr", "url": "fr"}, LONG_EN, ("en", 0.80), ("fr", "page")),
        # listing page: weakest signal, used only when the text is unsure
        ({"listing": "fr"}, "Discover VNG International's toolkit", ("en", 0.57), ("en", "text")),
        ({"listing": "fr"}, "Liens cassés", ("fr", 0.99), ("fr", "listing+text")),
        ({"listing": "fr"}, "Liens", ("it", 0.30), ("fr", "listing")),
        ({}, "Liens", ("it", 0.30), ("it", "text")),
        # another language is stored as what it is
        ({"html_lang": "fr-FR"}, LONG_EN, ("es", 0.999), ("es", "text")),
        ({}, "", (None, 0.0), (None, "none")),
        ({"og_locale": "en_US"}, "", (None, 0.0), ("en", "page")),
    ],
)
def test_rule(hints, text, text_says, expected):
    decision = detect_language(hints, text, detector=_stub(*text_says))
    assert (decision.lang, decision.source) == expected
    assert decision.confidence is None or 0.0 < decision.confidence <= 1.0


def test_untranslated_english_article_under_fr_is_english_with_the_real_detector():
    decision = detect_language({"html_lang": "fr-FR", "og_locale": "fr_FR", "url": "fr"}, LONG_EN)
    assert (decision.lang, decision.source, decision.is_disagreement) == ("en", "text", True)


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("PLATFORMA, NALAS & VNG International become members of Team Europe Democracy", "en"),
        ("EU-CELAC Summit: local governments want a seat at the table", "en"),
        ("Partenariat Afrique-Europe : Connecter les jeunes leaders locaux !", "fr"),
        ("La justicia abierta avanza en las Américas", "es"),
    ],
)
def test_hard_titles_with_only_the_french_listing_as_page_signal(title, lang):
    assert detect_language({"listing": "fr"}, title).lang == lang


def test_detection_is_deterministic():
    text = "Cinq conseils pour intégrer la participation citoyenne"
    assert len({detect_text_language(text) for _ in range(5)}) == 1


def test_evaluation_set_size_and_mix():
    rows = _eval_rows()
    assert len(rows) >= 300
    assert {kind for kind, *_ in rows} == {"title", "summary", "body"}
    assert sum(lang == "es" for _, lang, _, _ in rows) >= 20


def test_target_summaries_and_bodies_at_least_99_percent():
    assert _accuracy({"summary", "body"}, with_signals=True) >= 0.99
    assert _accuracy({"summary", "body"}, with_signals=False) >= 0.99


def test_target_titles_alone_at_least_97_percent_with_their_pages_signals():
    assert _accuracy({"title"}, with_signals=True) >= 0.97


def _pipeline():
    values: dict[str, int] = {}
    stats = SimpleNamespace(
        inc_value=lambda key, n=1: values.__setitem__(key, values.get(key, 0) + n)
    )
    return LanguagePipeline.from_crawler(SimpleNamespace(stats=stats)), values


def test_pipeline_decides_from_the_whole_item_and_counts():
    item = Article(
        source="cemr",
        url="https://ccre-cemr.org/fr/news/energy/",
        fetched_at="2025-08-01T12:00:00+00:00",
        title="Energy crisis: towns need direct access to EU funds",
        summary="Local and regional governments met in Brussels.",
        body=LONG_EN,
        lang_hints={"html_lang": "fr-FR", "url": "fr"},
    )
    pipeline, stats = _pipeline()
    assert pipeline.process_item(item) is item
    assert (item.lang, item.lang_source) == ("en", "text")
    assert 0.5 < item.lang_confidence <= 1.0
    assert stats == {
        "language/decided_by/text": 1,
        "language/lang/en": 1,
        "language/disagreement": 1,
    }


def test_pipeline_on_an_item_without_text_or_signals_leaves_lang_empty():
    item = Article(source="x", url="u", fetched_at="t")
    pipeline, stats = _pipeline()
    pipeline.process_item(item)
    assert (item.lang, item.lang_confidence, item.lang_source) == (None, None, "none")
    assert stats == {"language/decided_by/none": 1, "language/lang/none": 1}
