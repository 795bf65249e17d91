"""URL helpers, one home for each: same site, language from a path (and from the language
tag a link or a page carries), home pages, canonical form, loose keys.

`canonical_url` puts a URL in the one spelling used as an article's key: on the site's own
host the scheme and host are the configured ones (so http/https and `www.` variants
collapse), default ports and fragments go, tracking parameters (utm_*, fbclid, gclid, mc_cid,
...) are removed and the remaining query parameters sorted (w3lib), and the trailing slash
follows the site's convention when one is given (`trailing_slash`), else stays as written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

# Language segments the sites put at the start of a path (/fr/..., /es/..., /en/...).
LANGUAGE_SEGMENTS = frozenset({"en", "fr", "es", "de", "it", "pt", "ar", "ru"})
DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that name one page (a WordPress shortlink, a page of a listing, a
# language); any other parameter re-filters or re-sorts a listing, or tracks a visit.
PAGE_PARAMETERS = frozenset({"p", "page_id", "page", "paged", "lang"})

_TRACKING_RE = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid"
    r"|_ga|_gl|_hsenc|_hsmi|__hs\w+|hsctatracking|mkt_tok|oly_anon_id|oly_enc_id|vero_\w+"
    r"|pk_\w+|piwik_\w+|mtm_\w+|matomo_\w+|ref_src|s_cid|spm)$",
    re.IGNORECASE,
)
_PATH_LANG_RE = re.compile(r"^/([a-z]{2})(?:[-_][a-zA-Z]{2})?(?:/|$)", re.IGNORECASE)
# ISO 639-2 codes that pages write where BCP 47 wants the two-letter code, for the languages
# the sites use: "fra" and "fr" must be one language in a vote or a set of translations.
_THREE_LETTER_CODES = {
    "eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "deu": "de", "ger": "de", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "ara": "ar", "rus": "ru",
}  # fmt: skip
# The path of a home page once its language segments are left out (`/`, `/fr/accueil`).
HOME_PATHS = frozenset({"", "home", "accueil", "inicio", "index.html", "index.php", "index.htm"})


def bare_host(host: str) -> str:
    """A host name in lower case, without a trailing dot or a leading `www.`."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def is_same_site(url: str, host: str) -> bool:
    """True when the URL (or netloc) is on `host` up to case, `www.` and default ports."""
    netloc = urlsplit(url).netloc if "//" in url else url
    return _site_netloc(netloc) == _site_netloc(host)


def _site_netloc(netloc: str) -> str:
    parts = urlsplit(f"//{netloc}")
    port = parts.port if parts.port not in DEFAULT_PORTS.values() else None
    return bare_host(parts.hostname or "") + (f":{port}" if port else "")


def lang_of_path(path_or_url: str, languages: Iterable[str] = LANGUAGE_SEGMENTS) -> str | None:
    """The language named by a URL's first path segment (/fr/..., /en-gb/...), if one of these."""
    path = urlsplit(path_or_url).path if "//" in path_or_url else path_or_url
    match = _PATH_LANG_RE.match(path)
    if match and match.group(1).lower() in set(languages):
        return match.group(1).lower()
    return None


def language_of_tag(value: str) -> str | None:
    """The primary language of a language tag (`hreflang`, `lang`, `og:locale`, `inLanguage`,
    a sitemap's alternates): "fr-BE", "fr_FR", "FR" -> "fr". A tag's primary subtag has two or
    three letters (BCP 47): a three-letter one stays ("fil"), unless it names a language that
    has a two-letter code ("fra" -> "fr"). None for "x-default", a language's name, anything
    else."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3):
        return None
    return _THREE_LETTER_CODES.get(code, code)


def is_home_page(url: str) -> bool:
    """A site's home page, in any language: `/`, `/fr/`, `/en-gb/`, `/fr/accueil/`, `/home`,
    `/index.php`, `/?lang=fr`. Not when its query names something else (`/?p=123`,
    `/index.php?id=12`: a post); tracking parameters say nothing. Listings do not read it as
    a teaser, and a language switcher that links to it offers no translation."""
    parts = urlsplit(url.strip())
    for name, _ in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() != "lang" and not _TRACKING_RE.match(name):
            return False
    segments = [s for s in parts.path.lower().split("/") if s]
    while segments and _PATH_LANG_RE.match(f"/{segments[0]}"):
        segments.pop(0)
    return len(segments) <= 1 and (segments[0] if segments else "") in HOME_PATHS


def _netloc(scheme: str, host: str, port: int | None) -> str:
    if port is None or DEFAULT_PORTS.get(scheme) == port:
        return host
    return f"{host}:{port}"


def canonical_url(
    url: str,
    *,
    site_host: str | None = None,
    site_scheme: str | None = None,
    trailing_slash: bool | None = None,
) -> str:
    """The one spelling of a URL used as an article's key (ValueError when it is not http(s)).

    `site_host` is the site's configured host (netloc, port allowed): a URL on that site, up to
    case, `www.` and default ports, gets exactly that host and `site_scheme`. `trailing_slash`
    True/False adds/removes the slash after the last path segment of an on-site URL (never after
    a file name such as `x.pdf`); None keeps the path as written.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    try:
        host, port = parts.hostname.lower().rstrip("."), parts.port
    except ValueError as exc:  # a port that is not a number
        raise ValueError(f"not an http(s) URL: {url!r}") from exc
    on_site = site_host is None
    if site_host and is_same_site(parts.netloc, site_host):
        site = urlsplit(f"//{site_host.lower()}")
        scheme = site_scheme or scheme
        host, port = site.hostname or host, site.port
        on_site = True
    path = parts.path or "/"
    if trailing_slash is not None and on_site and path != "/":
        is_file = "." in posixpath.basename(path.rstrip("/"))
        path = path.rstrip("/") + ("/" if trailing_slash and not is_file else "")
    tracking = [key for key, _ in parse_qsl(parts.query, keep_blank_values=True)]
    tracking = [key for key in tracking if _TRACKING_RE.match(key)]
    rebuilt = urlunsplit((scheme, _netloc(scheme, host, port), path, parts.query, ""))
    if tracking:
        rebuilt = url_query_cleaner(rebuilt, tracking, remove=True, unique=False)
    return canonicalize_url(rebuilt, keep_fragments=False)


def home_url(base_url: str) -> str:
    """A site's home page in the one spelling feeds compare (`https://host/`): written
    with the source's row, so that the digest names sites without loading this module."""
    try:
        return canonical_url(base_url) if base_url else ""
    except ValueError:
        return base_url


def url_key(url: str) -> str:
    """A URL without scheme, `www.`, fragment, trailing slash or query parameters other than
    those naming a page: links match loosely, and `?page=2` or `?p=123` stay apart."""
    parts = urlsplit(url.strip())
    key = f"{_site_netloc(parts.netloc)}{parts.path.rstrip('/').lower()}"
    if not parts.query:
        return key
    pages = sorted(
        (name.lower(), value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() in PAGE_PARAMETERS
    )
    return f"{key}?{urlencode(pages)}" if pages else key


def slug_key(url: str) -> str | None:
    """The URL with its language path segments removed: /fr/news/x and /news/x share one."""
    parts = urlsplit(url.strip())
    segments = [s for s in parts.path.lower().split("/") if s]
    if not segments:
        return None
    kept = [s for s in segments if s not in LANGUAGE_SEGMENTS]
    return f"{_site_netloc(parts.netloc)}/" + "/".join(kept)
