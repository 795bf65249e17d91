"""Build tests/data/story_heldout.jsonl, the held-out labelled pairs, and render their pages.

Run `python -m tests.data.make_story_heldout` after editing story_heldout_articles.py. Written
after the grouping thresholds were fixed, and never used to set them: the held-out set only
measures. Each side of a pair is an article page as a site would serve it (`render_page`), so
the measure covers reading the page's language links too. How a translation is linked varies
the way the sites vary: head hreflang, a CMS language switcher (WPML on CEMR, Polylang on
PLATFORMA, Drupal on UCLG, plain `lang` links on OGP), a visible "Lire en français" anchor,
JSON-LD `workTranslation`, a sitemap alternate, the same slug under `/fr/` (OGP's machine
translations), or nothing but the text (translated slugs). Pages without a translation have a
switcher pointing at the other language's home page, and UCLG's related links carry `hreflang`
as Drupal writes them: neither may link anything.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

from aggregator.dateshapes import MONTH_NAMES
from aggregator.mirror.render import longdate
from tests.data.make_story_pairs import shift, write_pairs
from tests.data.story_heldout_articles import ARTICLES, FOLLOW_UPS, ROUNDUP, ROUNDUP_CITIES

OUT = Path(__file__).with_name("story_heldout.jsonl")
SITES = {
    "cemr": ("CEMR", "https://ccre-cemr.org", "/policy/{slug}", "/fr/politique/{slug}"),
    "platforma": ("PLATFORMA", "https://platforma-dev.eu", "/{slug}/", "/fr/{slug}/"),
    "uclg": ("UCLG", "https://www.uclg.org", "/new/{slug}/", "/fr/new/{slug}/"),
    "ogp": ("Open Government Partnership", "https://www.opengovpartnership.org",
            "/news/{slug}/", "/fr/news/{slug}/"),
}  # fmt: skip
PARTNER = {"cemr": "platforma", "platforma": "cemr", "uclg": "ogp", "ogp": "uclg"}
# How each article's translation is linked, in turn, per site.
STYLES = {
    "cemr": ("switcher", "anchor", "hreflang", "none", "jsonld", "sitemap", "switcher"),
    "platforma": ("switcher", "slug", "anchor", "hreflang", "none", "switcher"),
    "uclg": ("switcher", "none", "anchor", "hreflang", "sitemap", "switcher"),
    "ogp": ("switcher", "slug", "hreflang", "anchor", "slug", "jsonld", "switcher"),
}
LINK_TEXTS = {
    "fr": ("Lire en français", "Version française", "Read this article in French"),
    "en": ("Read in English", "English version", "Cet article en anglais"),
}
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:7])


def url_of(source: str, lang: str, slug: str) -> str:
    _name, base, en_path, fr_path = SITES[source]
    return base + (fr_path if lang == "fr" else en_path).format(slug=slug)


def home_of(source: str, lang: str) -> str:
    return SITES[source][1] + ("/fr/" if lang == "fr" else "/")


def side(source: str, url: str, lang: str, day: str, title: str, body: str, **extra) -> dict:
    """One page: what the site serves at `url`, and how it links its other language."""
    return {
        "url": url,
        "source": source,
        "lang": lang,
        "ui": extra.pop("ui", lang),
        "published_at": f"{day}T09:30:00+00:00",
        "title": title,
        "body": body,
        "style": extra.pop("style", "none"),
        "links": extra.pop("links", {}),
        **extra,
    }


def pair(relation: str, note: str, a: dict, b: dict, context: list[dict] | None = None) -> dict:
    return {"relation": relation, "note": note, "a": a, "b": b, "context": context or []}


def translations() -> list[dict]:
    pairs = []
    turn = dict.fromkeys(SITES, 0)
    for i, (key, source, day, t_en, b_en, t_fr, b_fr) in enumerate(ARTICLES):
        style = STYLES[source][turn[source] % len(STYLES[source])]
        turn[source] += 1
        en_url = url_of(source, "en", key)
        same_slug = style == "slug" or (source == "platforma" and style == "switcher")
        fr_slug = key if same_slug else slugify(t_fr)
        if source == "platforma" and not same_slug:
            fr_slug = key + "-fr"
        fr_url = url_of(source, "fr", fr_slug)
        fr_day = shift(day, i % 4)
        en = side(source, en_url, "en", day, t_en, b_en, style=style, links={"fr": fr_url})
        fr = side(source, fr_url, "fr", fr_day, t_fr, b_fr, style=style, links={"en": en_url})
        if style == "anchor" and i % 2:  # only one of the two pages shows the link
            en["style"], en["links"] = "none", {}
        if style in ("jsonld", "sitemap") and i % 2 == 0:
            fr["style"], fr["links"] = "none", {}
        pairs.append(pair("translation", f"{style}, {source}", en, fr))
        partner = PARTNER[source]
        if i % 5 == 1:  # the partner reposts the French version: a chain through it
            copy = side(partner, url_of(partner, "fr", fr_slug + "-relais"), "fr",
                        shift(fr_day, 2), t_fr, b_fr)  # fmt: skip
            note = "other site, through the partner's copy of the French version"
            pairs.append(pair("translation", note, en, copy, [fr]))
        elif i % 5 == 3:  # the English page sends French readers to the partner's version
            partner_fr = side(partner, url_of(partner, "fr", slugify(t_fr)), "fr",
                              shift(day, 1), t_fr, b_fr)  # fmt: skip
            linked = {**en, "url": en_url, "style": "anchor", "links": {"fr": partner_fr["url"]}}
            pairs.append(pair("translation", "other site, anchor link", linked, partner_fr))
    return pairs


def crossposts() -> list[dict]:
    pairs = []
    for i, (key, source, day, t_en, b_en, t_fr, b_fr) in enumerate(ARTICLES[:16]):
        lang, title, body = ("fr", t_fr, b_fr) if i % 3 == 2 else ("en", t_en, b_en)
        own_url = url_of(source, lang, key if lang == "en" else slugify(t_fr))
        partner = PARTNER[source]
        paragraphs = body.split("\n\n")
        variant = i % 4
        if variant == 0:
            lead = (
                f"{SITES[source][0]} published this news on its website."
                if lang == "en"
                else f"Le {SITES[source][0]} a publié cette information sur son site."
            )
            body2, title2 = "\n\n".join([lead, *paragraphs]), title
        elif variant == 1:
            body2 = body + f"\n\nSource: {SITES[source][0]}"
            title2 = title.upper() if len(title) < 60 else title.lower().capitalize()
        elif variant == 2:
            body2, title2 = paragraphs[0], title.replace(":", " -")
        else:
            body2, title2 = "\n\n".join(paragraphs[::-1]), title
        original = side(source, own_url, lang, day, title, body)
        copy = side(partner, url_of(partner, lang, key + "-repost"), lang,
                    shift(day, i % 5), title2, body2)  # fmt: skip
        pairs.append(pair("cross-post", f"variant {variant}", original, copy))
    return pairs


def aliases() -> list[dict]:
    pairs = []
    for i, (key, source, day, t_en, b_en, _t_fr, _b_fr) in enumerate(ARTICLES):
        en_url = url_of(source, "en", key)
        original = side(source, en_url, "en", day, t_en, b_en)
        if source == "platforma" and len(pairs) < 12:  # /fr/ serving the English text
            copy = side(source, url_of(source, "fr", key), "en", day, t_en, b_en, ui="fr",
                        style="switcher", links={"en": en_url})  # fmt: skip
            pairs.append(pair("alias", "English text under /fr/", original, copy))
        elif source == "cemr" and i % 2 == 0:  # the same post under a second category
            copy = side(source, en_url.replace("/policy/", "/press/"), "en", day, t_en,
                        b_en + "\n\nShare this article.")  # fmt: skip
            pairs.append(pair("alias", "second category", original, copy))
        elif source == "ogp" and i % 2 == 1:  # /stories/ and /news/
            copy = side(source, en_url.replace("/news/", "/stories/"), "en", day,
                        t_en.replace(":", " –"), b_en)  # fmt: skip
            pairs.append(pair("alias", "/stories/ and /news/", original, copy))
    return pairs


def negatives() -> list[dict]:
    pairs = []
    by_key = {a[0]: a for a in ARTICLES}
    for i, (key, source, day, t_en, b_en, *_fr) in enumerate(ARTICLES[:10]):
        other = next(a for a in ARTICLES[i + 7 :] + ARTICLES if PARTNER[source] == a[1])
        a = side(source, url_of(source, "en", key), "en", day, t_en, b_en)
        b = side(other[1], url_of(other[1], "fr", slugify(other[5])), "fr", day, other[5], other[6])
        pairs.append(pair("different", "same day, other site, other language", a, b))
    for f_key, of, days, lang, title, body in FOLLOW_UPS:
        _k, source, day, t_en, b_en, t_fr, b_fr = by_key[of]
        o_lang, o_title, o_body = ("fr", t_fr, b_fr) if lang == "en" else ("en", t_en, b_en)
        original = side(source, url_of(source, o_lang, of if o_lang == "en" else slugify(t_fr)),
                        o_lang, day, o_title, o_body)  # fmt: skip
        later = side(source, url_of(source, lang, f_key), lang, shift(day, days), title, body)
        pairs.append(pair("different", "same subject, later, other language", original, later))
        partner = PARTNER[source]
        same_day = side(partner, url_of(partner, lang, f_key + "-partner"), lang, day, title, body)
        note = "same day, other site, other language, same subject"
        pairs.append(pair("different", note, original, same_day))
    for i in range(6):  # the same day on one site, the other language, other news
        one = ARTICLES[i * 4 % len(ARTICLES)]
        two = next(a for a in ARTICLES if a[1] == one[1] and a[0] != one[0])
        a = side(one[1], url_of(one[1], "en", one[0]), "en", one[2], one[3], one[4])
        b = side(two[1], url_of(two[1], "fr", slugify(two[5])), "fr", one[2], two[5], two[6])
        pairs.append(pair("different", "same day, same site, other language", a, b))
    source, t_en, b_en, t_fr, b_fr = ROUNDUP
    for n, (lang1, lang2) in enumerate([("en", "fr"), ("en", "fr"), ("en", "en"), ("fr", "fr"),
                                        ("en", "fr"), ("fr", "en")]):  # fmt: skip
        month, year = 2 + n, 2025 + n % 2
        editions = []
        for step, lang in enumerate((lang1, lang2)):
            m = month + step
            names = MONTH_NAMES[lang]
            values = {
                "month": names[m - 1],
                "year": year,
                "city": ROUNDUP_CITIES[(n + step) % 6],
                "city2": ROUNDUP_CITIES[(n + step + 3) % 6],
                "n": 3 + n + step,
            }
            title, body = (t_fr, b_fr) if lang == "fr" else (t_en, b_en)
            slug = f"local-roundup-{MONTH_NAMES['en'][m - 1].lower()}-{year}"
            editions.append(side(source, url_of(source, lang, slug), lang,
                                 f"{year}-{m:02d}-25", title.format(**values),
                                 body.format(**values)))  # fmt: skip
        pairs.append(pair("different", "roundup, next month's edition", *editions))
    return pairs


def build() -> list[dict]:
    return translations() + crossposts() + aliases() + negatives()


# -- pages ----------------------------------------------------------------------------------


def _switcher(page: dict, other_url: str | None) -> str:
    """The site's language switcher: to the translation if it links it, else the home page."""
    source, ui = page["source"], page["ui"]
    o = "fr" if ui == "en" else "en"
    href = html.escape(other_url or home_of(source, o))
    if source == "cemr":
        return (
            f'<li class="menu-item wpml-ls-item wpml-ls-item-{o}"><a href="{href}" '
            f'class="wpml-ls-link"><span class="wpml-ls-native" lang="{o}">'
            f"{LANGUAGE_NAMES[o]}</span></a></li>"
        )
    if source == "platforma":
        return (
            f'<ul class="pll-switcher"><li class="lang-item lang-item-{o}">'
            f'<a lang="{o}" hreflang="{o}" href="{href}">{o.upper()}</a></li></ul>'
        )
    if source == "uclg":
        own = html.escape(page["url"])
        return (
            '<ul class="links language-switcher-language-url">'
            f'<li hreflang="{ui}" class="is-active"><a href="{own}" class="language-link '
            f'is-active" hreflang="{ui}">{ui.upper()}</a></li>'
            f'<li hreflang="{o}"><a href="{href}" class="language-link" hreflang="{o}">'
            f"{o.upper()}</a></li>"
            '<li hreflang="es"><a href="https://www.uclg.org/es/" class="language-link" '
            'hreflang="es">ES</a></li></ul>'
        )
    return (
        f'<div class="site-langs"><a href="{href}" lang="{o}">{LANGUAGE_NAMES[o]}</a> '
        '<a href="https://www.opengovpartnership.org/es/" lang="es">Español</a></div>'
    )


def render_page(page: dict) -> str:
    """The article page as its site would serve it, linking its other language per `style`."""
    style, links, ui = page["style"], page["links"], page["ui"]
    name = SITES[page["source"]][0]
    title, url = html.escape(page["title"]), html.escape(page["url"])
    head = [
        f'<link rel="canonical" href="{url}">',
        f'<meta property="og:title" content="{title} | {name}">',
        '<meta property="og:type" content="article">',
        f'<meta property="article:published_time" content="{page["published_at"]}">',
    ]
    if style == "hreflang" and links:
        head.append(f'<link rel="alternate" hreflang="{page["lang"]}" href="{url}">')
        head += [
            f'<link rel="alternate" hreflang="{lang}" href="{html.escape(u)}">'
            for lang, u in links.items()
        ]
    if style == "jsonld" and links:
        node = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page["title"],
            "datePublished": page["published_at"],
            "inLanguage": page["lang"],
            "workTranslation": [{"@id": u, "inLanguage": lang} for lang, u in links.items()],
        }
        head.append(f'<script type="application/ld+json">{json.dumps(node)}</script>')
    switch_to = next(iter(links.values())) if style == "switcher" and links else None
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in page["body"].split("\n\n"))
    after = ""
    if style == "anchor" and links:
        lang, target = next(iter(links.items()))
        text = LINK_TEXTS[lang][len(page["title"]) % 3]
        after = f'<p class="entry-note"><a href="{html.escape(target)}">{text}</a></p>'
    related = ""
    if page["source"] == "uclg":  # Drupal marks every node link with its language
        o = "fr" if ui == "en" else "en"
        related = (
            '<div class="views-element-container"><h2>Related</h2><div class="field__item">'
            f'<a href="{home_of("uclg", o)}new/related-{len(page["title"])}/" hreflang="{o}">'
            "Cities and regions at the World Urban Forum</a></div></div>"
        )
    return (
        f'<!DOCTYPE html><html lang="{ui}"><head><meta charset="utf-8">'
        f"<title>{title} | {name}</title>{''.join(head)}</head>"
        f'<body class="single lang-{ui}"><header><nav><ul class="menu">'
        f'<li><a href="{home_of(page["source"], ui)}">Home</a></li>'
        f"{_switcher(page, switch_to)}</ul></nav></header>"
        f'<main><article><h1>{title}</h1><p class="date">{longdate(page["published_at"], ui)}'
        f"</p>{paragraphs}{after}</article>{related}</main>"
        f"<footer><p>© {name}</p></footer></body></html>"
    )


def main() -> None:
    write_pairs(build(), OUT)


if __name__ == "__main__":
    main()
