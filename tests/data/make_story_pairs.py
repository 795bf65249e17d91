"""Build tests/data/story_pairs.jsonl, the labelled pairs, from the hand-written articles.

Run `python -m tests.data.make_story_pairs` after editing story_articles.py. The variations are
the ones the sites produce: another URL and a footer for an alias, a new lead sentence, other
title casing and a "first published on" line for a cross-post, a French version with or without
hreflang or a shared slug for a translation, a French version on a partner site (linked by an
anchor, or reached through the French cross-post of the original site, given as `context`);
and the hard negatives: template editions one month or one year apart, a statement repeated a
year later, another article on the same subject, unrelated news of the same day on two sites.

A pair's `context` holds the other items the grouping sees with the pair: the labels say
whether the pair's two items end up in one story.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.data.story_articles import BILINGUAL, CITIES, SIBLINGS, TEMPLATES

OUT = Path(__file__).with_name("story_pairs.jsonl")
HOSTS = {
    "cemr": "https://cemr.eu/news/{slug}/",
    "platforma": "https://platforma-dev.eu/{ym}/{slug}/",
    "uclg": "https://uclg.org/en/media/news/{slug}",
    "ogp": "https://www.opengovpartnership.org/news/{slug}/",
}
OTHER_SOURCE = {"cemr": "platforma", "platforma": "cemr", "uclg": "ogp", "ogp": "uclg"}
MONTHS_EN = "January February March April May June July August September October November December"
MONTHS_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def url(source: str, slug: str, day: str, lang: str = "en") -> str:
    """The article's URL in the site's pattern; French under /fr/."""
    path = HOSTS[source].format(slug=slug, ym=day[:7].replace("-", "/"))
    if lang == "fr":
        return path.replace("/en/", "/fr/") if "/en/" in path else path.replace(".eu/", ".eu/fr/")
    return path


def fr_url(source: str, slug: str, day: str) -> str:
    base = url(source, slug, day)
    if "/en/" in base:
        return base.replace("/en/", "/fr/")
    host_end = base.index("/", 8)
    return base[:host_end] + "/fr" + base[host_end:]


def shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def item(source: str, link: str, lang: str, day: str, title: str, body: str, **extra) -> dict:
    return {
        "canonical_url": link,
        "source": source,
        "lang": lang,
        "published_at": f"{day}T10:00:00+00:00",
        "title": title,
        "body": body,
        **extra,
    }


def sentences(body: str) -> list[str]:
    parts, current = [], ""
    for chunk in body.split(". "):
        current = f"{current}. {chunk}" if current else chunk
        if not chunk[-1:].isdigit() and not chunk.endswith(("Dr", "St")):
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return [p if p.endswith(".") else p + "." for p in parts]


def translations() -> list[dict]:
    pairs = []
    for i, (key, source, day, image, t_en, b_en, t_fr, b_fr) in enumerate(BILINGUAL):
        en_url = url(source, key, day)
        fr_day = shift(day, i % 9)
        route = ("hreflang", "slug", "evidence")[i % 3]
        fr_link = (
            fr_url(source, key, fr_day) if route == "slug" else fr_url(source, key + "-fr", fr_day)
        )
        links = {"en": en_url, "fr": fr_link} if route == "hreflang" else {}
        img = f"https://{source}.example{image}" if image else None
        a = item(source, en_url, "en", day, t_en, b_en, translations=links, image=img)
        b = item(source, fr_link, "fr", fr_day, t_fr, b_fr, translations=links, image=img)
        pairs.append({"relation": "translation", "note": route, "a": a, "b": b})
        if i < 14:  # the French version on the partner site, reached through the French one
            other = OTHER_SOURCE[source]
            c = item(other, fr_url(other, key + "-relai", day), "fr", shift(day, 3 + i), t_fr, b_fr)
            pairs.append(
                {
                    "relation": "translation",
                    "note": "other site, through the cross-post of the French version",
                    "a": a,
                    "b": c,
                    "context": [b],
                }
            )
        elif i < 24:  # the partner's French version, named by a "Lire en français" anchor
            other = OTHER_SOURCE[source]
            c_url = fr_url(other, key + "-version-fr", day)
            c = item(other, c_url, "fr", shift(day, 1), t_fr, b_fr)
            linked = {
                **a,
                "translations": {"fr": c_url},
                "translation_sources": {"fr": "anchor"},
            }
            pairs.append(
                {"relation": "translation", "note": "other site, anchor link", "a": linked, "b": c}
            )
    return pairs


FOOTERS = [
    "Read more news on our website.",
    "Contact: press office, +32 2 511 74 77.",
    "Photo credits: the organisers.",
    "Update: the presentation is now online.",
]


def aliases() -> list[dict]:
    pairs = []
    for i, (key, source, day, _image, t_en, b_en, t_fr, b_fr) in enumerate(BILINGUAL):
        lang, title, body = ("en", t_en, b_en) if i % 2 == 0 else ("fr", t_fr, b_fr)
        first = url(source, key, day) if lang == "en" else fr_url(source, key, day)
        second = first.rstrip("/") + "-2/" if i % 2 else first.replace("/news/", "/category/news/")
        if second == first:
            second = first + "-0"
        variant = i % 4
        body2 = body
        title2 = title
        if variant == 0:
            body2 = f"{body}\n\n{FOOTERS[i % len(FOOTERS)]}"
        elif variant == 1:
            title2 = title.replace(":", " –", 1).rstrip(".")
            body2 = " ".join(sentences(body)[:-1]) or body
        elif variant == 2:
            body2 = f"{body} {FOOTERS[3]}"
        else:
            body2 = body.replace(" the ", " the ", 3).replace("  ", " ") + "\n\nShare this page."
        a = item(source, first, lang, day, title, body)
        b = item(source, second, lang, shift(day, i % 2), title2, body2)
        pairs.append({"relation": "alias", "note": f"variant {variant}", "a": a, "b": b})
    for key, of, days, title, body in SIBLINGS:
        source = next(b[1] for b in BILINGUAL if b[0] == of)
        day = shift(next(b[2] for b in BILINGUAL if b[0] == of), days)
        first = url(source, key, day)
        a = item(source, first, "en", day, title, body)
        b = item(
            source,
            first + "?amp=1".replace("?", "amp/"),
            "en",
            day,
            title.upper()[:1] + title[1:],
            f"{body}\n\n{FOOTERS[0]}",
        )
        pairs.append({"relation": "alias", "note": "sibling, amp page", "a": a, "b": b})
    return pairs


def crossposts() -> list[dict]:
    pairs = []
    for i, (key, source, day, _image, t_en, b_en, t_fr, b_fr) in enumerate(BILINGUAL):
        lang, title, body = ("en", t_en, b_en) if i % 3 else ("fr", t_fr, b_fr)
        other = OTHER_SOURCE[source]
        parts = sentences(body)
        variant = i % 3
        if variant == 0:
            lead = (
                "Cet article a d’abord été publié par nos partenaires."
                if lang == "fr"
                else "Our partners published the following article this week."
            )
            body2 = " ".join([lead, *parts[1:]]) + f"\n\nSource: {source.upper()}"
            title2 = title
        elif variant == 1:
            body2 = f"{body}\n\nThis article was first published on the {source.upper()} website."
            title2 = title[:1] + title[1:].lower()
        else:
            body2 = " ".join(parts[1:] + parts[:1])
            title2 = title.replace(":", " –").replace("’", "'")
        a = item(source, url(source, key, day, lang), lang, day, title, body)
        b = item(
            other,
            url(other, key + "-x", shift(day, i % 6), lang),
            lang,
            shift(day, i % 6),
            title2,
            body2,
        )
        pairs.append({"relation": "cross-post", "note": f"variant {variant}", "a": a, "b": b})
    for j, (key, of, days, title, body) in enumerate(SIBLINGS):
        source = next(b[1] for b in BILINGUAL if b[0] == of)
        other = OTHER_SOURCE[source]
        day = shift(next(b[2] for b in BILINGUAL if b[0] == of), days)
        parts = sentences(body)
        body2 = " ".join(parts[:-1]) + f"\n\nFirst published by {source.upper()}."
        a = item(source, url(source, key, day), "en", day, title, body)
        b = item(
            other, url(other, key, shift(day, j % 4)), "en", shift(day, j % 4), title.title(), body2
        )
        pairs.append({"relation": "cross-post", "note": "sibling, last line cut", "a": a, "b": b})
    return pairs


def fill(pattern: str, lang: str, month: int, year: int, k: int) -> str:
    months = (MONTHS_FR if lang == "fr" else MONTHS_EN).split()
    return pattern.format(
        month=months[month - 1],
        year=year,
        city=CITIES[k % len(CITIES)],
        city2=CITIES[(k * 5 + 3) % len(CITIES)],
        n=7 + (k * 13) % 60,
    )


def negatives() -> list[dict]:
    pairs = []
    for t, (source, lang, title, body, *_rest) in enumerate(TEMPLATES):
        monthly = "{month}" in title
        for step in range(3):
            month, year = 3 + step + t, 2022 + t % 3
            months_apart, years_apart = (1, 0) if monthly else (0, 1)
            m2, y2 = month + months_apart, year + years_apart
            day1 = date(year, month, 20 + step).isoformat()
            day2 = date(y2, m2, 18 + step).isoformat()
            k = t * 3 + step
            slug1, slug2 = f"roundup-{year}-{month}", f"roundup-{y2}-{m2}"
            a = item(
                source,
                url(source, slug1, day1, lang),
                lang,
                day1,
                fill(title, lang, month, year, k),
                fill(body, lang, month, year, k),
            )
            b = item(
                source,
                url(source, slug2, day2, lang),
                lang,
                day2,
                fill(title, lang, m2, y2, k + 1),
                fill(body, lang, m2, y2, k + 1),
            )
            pairs.append({"relation": "different", "note": "template edition", "a": a, "b": b})
    en_news, fr_news = TEMPLATES[1], TEMPLATES[2]
    for step in range(3):
        day1, day2 = date(2024, 3 + step, 14).isoformat(), date(2024, 4 + step, 16).isoformat()
        a = item(
            "platforma",
            url("platforma", "newsletter", day1),
            "en",
            day1,
            fill(en_news[2], "en", 3 + step, 2024, step),
            fill(en_news[3], "en", 3 + step, 2024, step),
        )
        b = item(
            "platforma",
            url("platforma", "lettre", day2, "fr"),
            "fr",
            day2,
            fill(fr_news[2], "fr", 4 + step, 2024, step + 1),
            fill(fr_news[3], "fr", 4 + step, 2024, step + 1),
        )
        pairs.append(
            {
                "relation": "different",
                "note": "newsletter, other month and language",
                "a": a,
                "b": b,
            }
        )
    by_key = {b[0]: b for b in BILINGUAL}
    for key, of, days, title, body in SIBLINGS:
        _k, source, day, _img, t_en, b_en, t_fr, b_fr = by_key[of]
        sday = shift(day, days)
        s = item(source, url(source, key, sday), "en", sday, title, body)
        pairs.append(
            {
                "relation": "different",
                "note": "same subject, same language",
                "a": item(source, url(source, of, day), "en", day, t_en, b_en),
                "b": s,
            }
        )
        pairs.append(
            {
                "relation": "different",
                "note": "same subject, other language",
                "a": item(source, fr_url(source, of, day), "fr", day, t_fr, b_fr),
                "b": s,
            }
        )
    for i, (key, source, day, _image, t_en, b_en, *_fr) in enumerate(BILINGUAL[:10]):
        later = shift(day, 364 + i)
        year, next_year = day[:4], str(int(day[:4]) + 1)
        a = item(source, url(source, key, day), "en", day, t_en, b_en)
        b = item(
            source,
            url(source, key + "-" + next_year, later),
            "en",
            later,
            t_en.replace(year, next_year),
            b_en.replace(year, next_year),
        )
        pairs.append({"relation": "different", "note": "statement a year apart", "a": a, "b": b})
    for i, (of_key, source, day, _img, t_en, b_en, t_fr, b_fr) in enumerate(BILINGUAL[:16]):
        # the same day on another site, in the other language: different news
        other = OTHER_SOURCE[source]
        if i < len(SIBLINGS):  # the same subject: a sibling article, told by the partner
            key, _of, _days, s_title, s_body = next(
                (x for x in SIBLINGS if x[1] == of_key), SIBLINGS[i]
            )
            a = item(source, fr_url(source, of_key, day), "fr", day, t_fr, b_fr)
            b = item(other, url(other, key + "-partner", day), "en", day, s_title, s_body)
            note = "same day, other site, other language, same subject"
        else:  # another piece of news of that day
            two = BILINGUAL[(i + 5) % len(BILINGUAL)]
            a = item(source, url(source, of_key, day), "en", day, t_en, b_en)
            b = item(other, fr_url(other, two[0], day), "fr", day, two[6], two[7])
            note = "same day, other site, other language"
        pairs.append({"relation": "different", "note": note, "a": a, "b": b})
    for i in range(10):
        one, two = BILINGUAL[i], BILINGUAL[(i + 7) % len(BILINGUAL)]
        day = one[2]
        a = item(one[1], url(one[1], one[0], day), "en", day, one[4], one[5])
        b = item(two[1], fr_url(two[1], two[0], day), "fr", shift(day, i % 5), two[6], two[7])
        pairs.append({"relation": "different", "note": "unrelated, same weeks", "a": a, "b": b})
    return pairs


def build() -> list[dict]:
    return translations() + aliases() + crossposts() + negatives()


def write_pairs(pairs: list[dict], out: Path) -> None:
    """Number the pairs and write them one JSON object a line."""
    counts: dict[str, int] = {}
    with out.open("w", encoding="utf-8") as handle:
        for n, pair in enumerate(pairs, 1):
            pair["id"] = n
            handle.write(json.dumps(pair, ensure_ascii=False, sort_keys=True) + "\n")
            counts[pair["relation"]] = counts.get(pair["relation"], 0) + 1
    print(f"{len(pairs)} pairs -> {out}: {counts}")


def main() -> None:
    write_pairs(build(), OUT)


if __name__ == "__main__":
    main()
