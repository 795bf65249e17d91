"""The bare Scrapy baseline: title, date and language of every article a sitemap names.

    python bench/bare_spider.py SITEMAP_URL [--trafilatura]

What a Scrapy user writes first for one site: a `SitemapSpider` that follows the post
sitemaps and reads three fields with CSS selectors; with `--trafilatura`, the article's
main text as well, as the aggregator extracts it. No storage and no pipelines. Its
concurrency is the aggregator's with `--local` (8 requests at a time to one host, no delay),
so the two are compared on the same footing. Prints one JSON line: items and pages.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    name = "bare"
    sitemap_follow = ["/post-sitemap"]
    with_body = False
    complete = 0  # items with a title, a date and a language

    def parse(self, response: Response) -> Any:
        item = {
            "url": response.url,
            "title": response.css("h1::text").get(),
            "date": response.css('meta[property="article:published_time"]::attr(content)').get(),
            "lang": response.css("html::attr(lang)").get(),
        }
        BareSpider.complete += all(item.values())
        if self.with_body:
            import trafilatura

            item["body"] = trafilatura.extract(
                response.text, url=response.url, favor_precision=True, deduplicate=False
            )
        yield item


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sitemap")
    parser.add_argument("--trafilatura", action="store_true", help="extract the body too")
    args = parser.parse_args()
    process = CrawlerProcess(
        {
            "LOG_LEVEL": "WARNING",
            "ROBOTSTXT_OBEY": False,
            "CONCURRENT_REQUESTS": 8,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    crawler = process.create_crawler(BareSpider)
    BareSpider.sitemap_urls = [args.sitemap]
    BareSpider.with_body = args.trafilatura
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    print(
        json.dumps(
            {
                "items": stats.get("item_scraped_count", 0),
                "complete": BareSpider.complete,
                "pages": stats.get("response_received_count", 0),
                "finish_reason": stats.get("finish_reason"),
            }
        )
    )


if __name__ == "__main__":
    main()
