"""One key per article: every URL a page is reached by maps to a single canonical form.

`canonical_url` puts a URL in that form: on the site's own host the scheme and host are the
configured ones (so http/https and `www.` variants collapse), default ports and fragments go,
tracking parameters (utm_*, fbclid, gclid, mc_cid, ...) are removed and the remaining query
parameters sorted (w3lib), and the trailing slash follows the site's convention when one is
given (`trailing_slash`), else stays as written. The pipeline prefers the page's own
`<link rel=canonical>` (its path kept as declared) when it points to the same site, and keeps
every other URL seen for the article as an alias.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from aggregator.items import Article

_TRACKING_RE = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid"
    r"|_ga|_gl|_hsenc|_hsmi|__hs\w+|hsctatracking|mkt_tok|oly_anon_id|oly_enc_id|vero_\w+"
    r"|pk_\w+|piwik_\w+|mtm_\w+|matomo_\w+|ref_src|s_cid|spm)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _netloc(scheme: str, host: str, port: int | None) -> str:
    if port is None or _DEFAULT_PORTS.get(scheme) == port:
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
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host, port = parts.hostname.lower().rstrip("."), parts.port
    on_site = site_host is None
    if site_host:
        site = urlsplit(f"//{site_host.lower()}")
        url_port = None if port == _DEFAULT_PORTS[scheme] else port
        site_port = None if site.port in _DEFAULT_PORTS.values() else site.port
        if _bare_host(host) == _bare_host(site.hostname or "") and url_port == site_port:
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


def slash_convention(article_paths: tuple[str, ...]) -> bool | None:
    """The site's trailing-slash habit read from its article path regexes ("/$" or "[^/]+$")."""
    endings = {p.endswith("/$") for p in article_paths if p.endswith("$") and ".pdf" not in p}
    return endings.pop() if len(endings) == 1 else None


def canonicalise_article(
    item: Article,
    *,
    site_host: str | None = None,
    site_scheme: str | None = None,
    trailing_slash: bool | None = None,
) -> str:
    """Fill item.canonical_url and item.aliases; returns where the key came from (for stats)."""
    try:
        from_url = canonical_url(
            item.url, site_host=site_host, site_scheme=site_scheme, trailing_slash=trailing_slash
        )
    except ValueError:
        item.canonical_url = item.url  # kept raw (and counted): the store still needs a key
        return "unparsable"
    source, canonical = "url", from_url
    if item.canonical_raw:
        try:
            declared = canonical_url(
                item.canonical_raw, site_host=site_host, site_scheme=site_scheme
            )
        except ValueError:
            declared = None
        if declared is None:
            source = "url_bad_link"
        elif site_host is None or urlsplit(declared).netloc == urlsplit(from_url).netloc:
            source, canonical = "link", declared
        else:
            source = "url_foreign_link"
    item.canonical_url = canonical
    seen = [*item.aliases, item.url, from_url]
    if source == "link":
        seen.append(item.canonical_raw)
    item.aliases = [url for url in dict.fromkeys(seen) if url and url != canonical]
    return source


class CanonicalUrlPipeline:
    """Scrapy shell around `canonicalise_article`, configured from the spider's Source."""

    def __init__(self, crawler=None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> CanonicalUrlPipeline:
        return cls(crawler)

    def _site(self) -> tuple[str | None, str | None, bool | None]:
        source = getattr(getattr(self.crawler, "spider", None), "source", None)
        if source is None:
            return None, None, None
        base = urlsplit(source.base_url)
        return source.host, base.scheme, slash_convention(source.article_paths)

    def process_item(self, item: Article) -> Article:
        site_host, site_scheme, slash = self._site()
        outcome = canonicalise_article(
            item, site_host=site_host, site_scheme=site_scheme, trailing_slash=slash
        )
        stats = getattr(self.crawler, "stats", None)
        if stats is not None:
            stats.inc_value(f"canonical/from/{outcome}")
            if item.aliases:
                stats.inc_value("canonical/with_aliases")
        return item
