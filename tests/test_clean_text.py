"""Clean text: the sites' entities, spaces, trailers and truncation marks, field by field."""

from __future__ import annotations

import pytest

from aggregator.items import Article
from aggregator.pipelines.clean_text import CleanTextPipeline, clean_text, strip_read_more


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Soutenez l&rsquo;appel pour la d&eacute;mocratie", "Soutenez l’appel pour la démocratie"),
        ("PLATFORMA, NALAS &amp; VNG International", "PLATFORMA, NALAS & VNG International"),
        (
            "Maires d’Europe et au-delà,\u00a0participez !",
            "Maires d’Europe et au-delà, participez !",
        ),
        ("Partenariat Afrique-Europe\u202f: Connecter", "Partenariat Afrique-Europe : Connecter"),
        ("  Démocratie\tlocale \n ", "Démocratie locale"),
        ("Cite\u0301s et Gouvernements", "Cités et Gouvernements"),  # NFC
        ("Liens\u200b cassés\x07", "Liens cassés"),
        ("soft\u00adhyphen\ufeff", "softhyphen"),
        ("« Guide on decentralised cooperation »", "« Guide on decentralised cooperation »"),
        ("“We live in a hyper-connected world”", "“We live in a hyper-connected world”"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_body_keeps_paragraphs_and_list_lines_but_unwraps_hard_breaks():
    raw = (
        "En 2007, le Conseil des Communes et Régions d’Europe (CCRE) a pris l’initiative de \n"
        "rassembler une large gamme d’associations. \n\n \n"
        "Objectifs :\n- Renforcer le rôle officiel ;\n- Stimuler l'action locale\r\n\r\nFin."
    )
    assert clean_text(raw, paragraphs=True) == (
        "En 2007, le Conseil des Communes et Régions d’Europe (CCRE) a pris l’initiative de "
        "rassembler une large gamme d’associations.\n\n"
        "Objectifs :\n- Renforcer le rôle officiel ;\n- Stimuler l'action locale\n\nFin."
    )


@pytest.mark.parametrize(
    ("teaser", "expected", "truncated"),
    [
        (
            "peer exchange took place on 29 J... Lire plus",
            "peer exchange took place on 29 J…",
            True,
        ),
        (
            "700 maires se sont unis aux côtés de l’Ukraine... Lire plus",
            "700 maires se sont unis aux côtés de l’Ukraine…",
            True,
        ),
        ("CEMR welcomes the strategy… Read More", "CEMR welcomes the strategy…", True),
        ("CEMR welcomes the strategy… Read more", "CEMR welcomes the strategy…", True),
        ("le réseau a lancé un appel... (+)", "le réseau a lancé un appel…", True),
        ("Suite de l’article Lire la suite »", "Suite de l’article", False),
        (
            "Explore five ways to support civil society.",
            "Explore five ways to support civil society.",
            False,
        ),
        (
            "Explore five ways to support civil society. Read More",
            "Explore five ways to support civil society.",
            False,
        ),
        ("A summary cut here […]", "A summary cut here…", True),
        ("Waste, water, schools... and more.", "Waste, water, schools... and more.", False),
    ],
)
def test_strip_read_more(teaser, expected, truncated):
    text, was_truncated = strip_read_more(clean_text(teaser))
    assert text == expected
    assert was_truncated is truncated


def test_pipeline_cleans_every_text_field_and_counts():
    class Stats:
        def __init__(self):
            self.values = {}

        def inc_value(self, key, count=1):
            self.values[key] = self.values.get(key, 0) + count

    class Crawler:
        stats = Stats()

    item = Article(
        source="platforma",
        url="https://platforma-dev.eu/2023/07/x/",
        fetched_at="2025-08-01T12:00:00+00:00",
        title="  EU-CELAC Summit&nbsp;: local governments ",
        summary="In a joint letter sent yesterday (6 July), PLATFORMA and ...\nLire plus",
        body="First paragraph\nwrapped.\n\nSecond one.\nRead more",
        tags=[" Démocratie&nbsp;locale", "Démocratie locale", ""],
    )
    pipeline = CleanTextPipeline.from_crawler(Crawler())
    assert pipeline.process_item(item) is item
    assert item.title == "EU-CELAC Summit : local governments"
    assert item.summary == "In a joint letter sent yesterday (6 July), PLATFORMA and…"
    assert item.summary_truncated is True
    assert item.body == "First paragraph wrapped.\n\nSecond one."
    assert item.tags == ["Démocratie locale"]
    assert Crawler.stats.values == {
        "clean_text/items": 1,
        "clean_text/trailer_removed": 2,
        "clean_text/summary_truncated": 1,
    }


def test_pipeline_without_crawler_keeps_untruncated_summary_flag_false():
    item = Article(source="ogp", url="u", fetched_at="t", summary="Discover our new report.")
    CleanTextPipeline().process_item(item)
    assert item.summary == "Discover our new report."
    assert item.summary_truncated is False


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("[EXPIRED] Call for local partners", "Call for local partners"),
        ("[CLOSED] Appel à projets", "Appel à projets"),
        ("[Video] Mayors speak", "[Video] Mayors speak"),  # not a status label
        ("Local Roundup [June 2023]", "Local Roundup [June 2023]"),
    ],
)
def test_a_status_label_before_a_title_is_not_part_of_it(title: str, expected: str) -> None:
    item = Article(source="platforma", url="u", fetched_at="t", title=title)
    CleanTextPipeline().process_item(item)
    assert item.title == expected


def test_escaped_line_breaks_a_migration_left_at_paragraph_edges_go() -> None:
    body = "rnThe Policy Committee met.rn\n\nrn«Les villes» ont voté.rn\n\nA turn in the return."
    item = Article(source="cemr", url="u", fetched_at="t", body=body)
    CleanTextPipeline().process_item(item)
    expected = "The Policy Committee met.\n\n«Les villes» ont voté.\n\nA turn in the return."
    assert item.body == expected
