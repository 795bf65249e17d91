"""Every place a page states a date, each read where it is written, strongest first.

Publication, in the order `ArticlePage._stated_dates()` yields them (each value raw, with
where it was found). A statement that does not read as a date, or reads as one after the
fetch (`pipelines.dates.is_future`), passes the turn to the next:

1. `jsonld`: `datePublished` of the page's Article node;
2. `og`: `article:published_time`, written with `property=` or `name=`;
3. `microdata`: `itemprop="datePublished"` (a `<meta>`, a `<time>`, any element);
4. `jsonld:<Type>`: `datePublished`, `dateCreated` or `uploadDate` of any other node that
   stands for the page (`WebPage`, `CreativeWork`, `VideoObject`...; not comments or reviews);
5. `meta:<name>`: the other spellings (Dublin Core, `date`, `pubdate`, `sailthru.date`...);
6. the site's own selectors (`css:...`);
7. what the page shows, nearest the main heading first: `time` (`<time>`; WordPress's
   `entry-date published updated` is a publication date, one that says only "updated" is
   not), `abbr` (hAtom's `<abbr class="published" title>`) and `near_title` (a line that is
   mostly a date: "Posted on June 28th, 2018 by ...", "19. Juli 2014"; not the main heading,
   whose date is its subject's);
8. `dateline`: a press release's "Brussels, 23 March 2022 –" opening one of the body's first
   paragraphs;
9. `url`: the date path of the URL (/2023/11/08/);
10. `updated:<where>`: a date the page shows only as an update ("Aktualisiert: 30.12.2016").

The first that reads is not taken blindly: `ArticlePage._published()` cross-checks it with
the others. The URL's date path, when it contradicts it by more than a day, picks the first
statement that agrees with it; a date shown near the heading beats a metadata date it
contradicts when another page-level statement confirms the shown day; a time written in
UTC gives way to the same instant written with the site's offset. When none reads,
htmldate's reading of the page's markup (`htmldate`) is the last resort.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lxml import etree
from lxml.html import HtmlElement

from aggregator.dateshapes import MAX_DATE_LINE, WORD_RE, find_full_date, is_date_text
from aggregator.pages.common import Found
from aggregator.pages.layout import HEADINGS, Layout, short_text, squeeze
from aggregator.pages.metadata import FOREIGN_KEYS, JsonLdNode, MetaTags

PUBLISHED_KEYS = ("datePublished", "dateCreated", "uploadDate")
OG_PUBLISHED = ("article:published_time", "og:article:published_time", "og:published_time")
# Other meta spellings of a publication date, most specific first.
META_PUBLISHED = (
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article:published",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "dc.created",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
)
META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
)
MAX_DATELINE_PLACE = 50  # characters before the date of a dateline ("Washington, DC, le ")
MAX_DATELINE_WORDS = 5
MAX_DATELINE_PARAGRAPHS = 4  # a subheading, a lead, a byline, then the dateline
# What sets a dateline apart from the text after it, past the body's first paragraph.
_DATELINE_BREAK = re.compile(r"[-–—:|]|[\"'„“”«»‚‘’]")
NOT_TEXT_TAGS = frozenset({"script", "style", "title", "option", "textarea"})
_UPDATED_ONLY = re.compile(r"updated|modified|changed", re.IGNORECASE)
# A date line that gives an update, not the publication.
_UPDATE_LINE = re.compile(
    r"updated|last modified|modified on|mis à jour|mise à jour|actualisé|aktualisiert"
    r"|geändert|letzte änderung|actualizado|actualización|aggiornat|bijgewerkt",
    re.IGNORECASE,
)
_PUBLISHED_CLASS = re.compile(r"published|entry-date|pubdate|posted|post-date", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ITEMPROP = etree.XPath("//*[@itemprop]")
# A full day in a URL's path: /2023/11/08/, /2023-11-08-slug, /20231108_slug, /23-01-2022-.
_URL_DATE_RES = (
    re.compile(r"/(?P<y>199\d|20\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$)"),
    re.compile(
        r"(?<!\d)(?P<y>199\d|20\d\d)(?P<s>[-_.]?)(?P<m>0[1-9]|1[0-2])(?P=s)"
        r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
    ),
    # Day first with separators: /23-01-2022-slug
    re.compile(
        r"(?<![\d.])(?P<d>0[1-9]|[12]\d|3[01])(?P<s>[-_.])(?P<m>0[1-9]|1[0-2])(?P=s)"
        r"(?P<y>199\d|20\d\d)(?!\d)"
    ),
)


def _text(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or ""
    return "" if value is None else str(value).strip()


def jsonld_dates(
    nodes: Sequence[JsonLdNode], keys: Sequence[str], *, articles: bool
) -> list[Found]:
    """Dates of the page's Article nodes (`articles`), or of any other node that stands for
    the page; nodes nested under comments, reviews or list items are not the page."""
    found: list[Found] = []
    for node in nodes:
        if node.is_article != articles or node.under in FOREIGN_KEYS:
            continue
        for key in keys:
            if value := _text(node.data.get(key)):
                where = "jsonld" if articles else f"jsonld:{min(node.types, default='?')}"
                found.append(Found(value, where))
    return found


def meta_dates(meta: MetaTags, og_keys: Sequence[str], other_keys: Sequence[str]) -> list[Found]:
    found = [Found(v, "og") for key in og_keys for v in meta.values.get(key, ()) if v]
    found += [Found(v, f"meta:{key}") for key in other_keys for v in meta.values.get(key, ()) if v]
    return found


def _attribute_date(element: HtmlElement) -> str:
    for attribute in ("content", "datetime", "title"):
        if value := (element.get(attribute) or "").strip():
            return value
    return squeeze(element.text_content())[:MAX_DATE_LINE]


def microdata_dates(layout: Layout, props: Sequence[str]) -> list[Found]:
    """`itemprop` dates, nearest the main heading first (a `<meta>` in the head counts too)."""
    wanted = set(props)
    elements = [e for e in _ITEMPROP(layout.root) if wanted & set(e.get("itemprop").split())]
    heads = [e for e in elements if e.tag == "meta"]
    body = layout.by_proximity(e for e in elements if e.tag != "meta")
    return [Found(v, "microdata") for e in (*body, *heads) if (v := _attribute_date(e))]


def _is_update(says: str) -> bool:
    return bool(_UPDATED_ONLY.search(says)) and not _PUBLISHED_CLASS.search(says)


def _time_value(element: HtmlElement) -> str:
    """A `<time>`'s machine date, unless the date its text shows is another day: readers see
    the text ("Publié le 29 juin 2019" over datetime="2019-07-03T10:18:46Z")."""
    stamp = (element.get("datetime") or "").strip()
    text = squeeze(element.text_content())
    if not stamp or (is_date_text(text) and not _same_day_numbers(stamp, text)):
        return text
    return stamp


def _same_day_numbers(stamp: str, text: str) -> bool:
    """True when the text holds the day and the year of an ISO stamp ("2019-06-29...")."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", stamp)
    if not m:
        return True
    numbers = {int(n) for n in re.findall(r"\d+", text)}
    return int(m[1]) in numbers | {n + 2000 for n in numbers if n < 100} and int(m[3]) in numbers


def _texts_with_digits(root: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """Text pieces holding a digit, each with the element that holds it."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in NOT_TEXT_TAGS:
            continue
        if element.text and _DIGIT.search(element.text):
            yield element, element.text
        parent = element.getparent()
        if element.tail and parent is not None and _DIGIT.search(element.tail):
            yield parent, element.tail


def _date_line(element: HtmlElement, piece: str) -> str | None:
    """The date line a text piece belongs to: the piece itself (a line between <br>s), its
    element's whole text ("June 28<sup>th</sup>, 2018"), or its parent's."""
    if is_date_text(piece):
        return squeeze(piece)
    if element.tag in HEADINGS:
        return None  # a title that names a month ("Newsletter | April 2024") is no date line
    for holder in (element, element.getparent()):
        if holder is None:
            return None
        for sep in ("", " "):  # inline markup joins without a space, blocks with one
            text = short_text(holder, MAX_DATE_LINE, sep)
            if text is None:
                break
            if is_date_text(text):
                return text
    return None


def visible_dates(layout: Layout) -> tuple[list[Found], list[Found]]:
    """Dates shown on the page, nearest the main heading first, whatever their markup:
    `<time>` (`time`), hAtom's `<abbr class="published" title="...">` (`abbr`) and short
    lines that are mostly a date (`near_title`: "Posted on June 28th, 2018 by ...").

    Returned as (publication dates, update dates): a `<time>` whose class says "updated"
    only, or a line that says so ("Article mis à jour le 7 janvier 2020"), is an update.
    """
    found: dict[HtmlElement, tuple[Found, bool]] = {}
    # The title's own words are no date line: a date it names is its subject's ("Results of
    # the regional championship, 19.5.2007"), not the page's.
    title_parts = set(layout.heading.iter()) if layout.heading is not None else set()
    for element in layout.root.iter("time"):
        if value := _time_value(element):
            says = f"{element.get('class', '')} {element.get('itemprop', '')}"
            found[element] = (Found(value, "time"), _is_update(says))
    for element in layout.root.iter("abbr"):
        if _DIGIT.search(title := (element.get("title") or "").strip()):
            found[element] = (Found(title, "abbr"), _is_update(element.get("class") or ""))
    for element, piece in _texts_with_digits(layout.root):
        if (
            element in title_parts
            or element in found
            or any(a in found for a in element.iterancestors())
        ):
            continue
        if line := _date_line(element, piece):
            found[element] = (Found(line, "near_title"), bool(_UPDATE_LINE.search(line)))
    ordered = [found[e] for e in layout.by_proximity(found)]
    return [f for f, update in ordered if not update], [f for f, update in ordered if update]


def body_dateline(body: str, title: str) -> Found | None:
    """A date opening the body, after a place at most: a press release's dateline
    ("Washington, DC, le 16 avril 2024 – ...", "Karlsruhe, (12.11.2021). Traditionell ...").
    The body often repeats the title (`title`, whose date is its subject's: skipped), a
    subheading, a lead or a byline first, so one of its first paragraphs may open with it,
    then only when a dash, a colon or a quote sets it apart ("02.05.2024 „The councils ...",
    "2.5.2024 - The councils ..."). A sentence that opens with an event's date ("On 6 May
    2023, mayors met") is no dateline."""
    paragraphs = body.strip().split("\n\n", MAX_DATELINE_PARAGRAPHS)[:MAX_DATELINE_PARAGRAPHS]
    text = [p for p in paragraphs if squeeze(p) != title]
    for index, paragraph in enumerate(text):
        opening = paragraph.lstrip()[:MAX_DATE_LINE]
        span = find_full_date(opening)
        if span is None or span[0] > MAX_DATELINE_PLACE:
            continue
        if len(WORD_RE.findall(opening[: span[0]])) > MAX_DATELINE_WORDS:
            continue
        rest = opening[span[1] :].lstrip()
        if rest.startswith(","):
            continue  # "On 6 May 2023, mayors met": a sentence about an event goes on
        if index == 0 or _DATELINE_BREAK.match(rest):
            return Found(opening[: span[1]].strip(), "dateline")
    return None


def url_date(url: str) -> Found | None:
    """The full day in a URL's path (/2023/11/08/), as YYYY-MM-DD."""
    path = "/" + url.split("?", 1)[0].split("#", 1)[0].split("://", 1)[-1].partition("/")[2]
    for pattern in _URL_DATE_RES:
        if m := pattern.search(path):
            return Found(f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}", "url")
    return None
