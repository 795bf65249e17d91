"""robots.txt read once per source and run: Scrapy's parser, which also keeps the Sitemap lines.

Scrapy's RobotsTxtMiddleware downloads robots.txt to obey it; the spider needs the same
file for its `Sitemap:` lines. Plugged in as ROBOTSTXT_PARSER, this parser keeps them, and
the spider asks the middleware for the parser instead of downloading the file again.
"""

from __future__ import annotations

from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.sitemap import sitemap_urls_from_robots


class SitemapAwareRobotParser(ProtegoRobotParser):
    """Protego's rules, plus the sitemap URLs the file names (absolute, in file order)."""

    def __init__(self, robotstxt_body: bytes, spider: object | None) -> None:
        super().__init__(robotstxt_body, spider)  # type: ignore[arg-type]
        self.sitemaps: tuple[str, ...] = tuple(sitemap_urls_from_robots(robotstxt_body))
