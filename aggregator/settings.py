"""Scrapy settings: the pipeline order is the whole normalisation story, read top to bottom."""

from __future__ import annotations

BOT_NAME = "localgov-news-aggregator"

SPIDER_MODULES = ["aggregator.spiders"]
NEWSPIDER_MODULE = "aggregator.spiders"
# Sources in sources.toml without a module of their own get the generic spider.
SPIDER_LOADER_CLASS = "aggregator.spiderloader.SourceSpiderLoader"

ITEM_PIPELINES = {
    # entities, whitespace, NFC, read-more trailers
    "aggregator.pipelines.clean_text.CleanTextPipeline": 100,
    # page signals first, then langdetect
    "aggregator.pipelines.language.LanguagePipeline": 200,
    # needs the language decided above
    "aggregator.pipelines.dates.DatePipeline": 300,
    # --since only: drop what is older
    "aggregator.pipelines.window.SinceWindowPipeline": 350,
    # one URL form per article
    "aggregator.pipelines.canonical.CanonicalUrlPipeline": 400,
    # same canonical URL or same content: one item
    "aggregator.pipelines.dedup.DedupPipeline": 500,
    # upsert into SQLite, record the crawl run
    "aggregator.pipelines.store.StorePipeline": 900,
}

# The database side of a crawl: one store, the site's memory, page notes, the crawl_runs row.
EXTENSIONS = {"aggregator.crawldb.CrawlDatabase": 500}
# A dropped duplicate is normal, counted in the stats: not a warning.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"

# Politeness towards the live sites; the demo and the tests lift it for 127.0.0.1.
USER_AGENT = "localgov-news-aggregator/0.1 (news digest for local-government networks)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# A page gives one item or a few requests; Scrapy starts this many tasks for the output of
# every callback (100 by default: 4% of the crawl's CPU, bench/bench_crawl.py).
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30  # seconds for a whole response, slow drips included
RETRY_TIMES = 2  # transient errors (5xx, timeouts, resets), in every mode
RETRY_PRIORITY_ADJUST = 0  # a retry keeps its place, not sent to the back of the queue
AGGREGATOR_RETRY_AFTER_MAX = 60.0  # seconds: the longest Retry-After honoured
AGGREGATOR_RETRY_BACKOFF = 2.0  # seconds before the first retry when the site says nothing
# Limits: no news page is this large; a larger or over-expanding (gzip bomb) response is
# cancelled, recorded as an error with its URL, and backed off.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
# Feeds, sitemaps and listings are kept in Scrapy's HTTP cache and revalidated every run
# (a 304 costs no download and their pages are read again); article pages get their own
# conditional requests from the pages table (see aggregator/conditional.py).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_STORAGE = "aggregator.conditional.ChannelCacheStorage"
HTTPCACHE_GZIP = True
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's retries, waiting what Retry-After asks (capped) or backing off
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "aggregator.retry.PatientRetryMiddleware": 550,
    # next to the downloader: validators for article pages, counts of 304s on the wire
    "aggregator.conditional.ConditionalRequests": 950,
}
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# The aggregator's own settings (overridden by the CLI and by `scrapy crawl -s`).
AGGREGATOR_DB = None  # absolute path of the database: required (see crawldb.database_path)
AGGREGATOR_SOURCES_FILE = None  # None: the packaged aggregator/sources.toml
AGGREGATOR_BASE_URLS: dict[str, str] = {}  # source key -> base URL (or "k=url,k=url")
AGGREGATOR_FULL = False  # full backfill instead of recent items
AGGREGATOR_SINCE = None  # YYYY-MM-DD
AGGREGATOR_CHECK_SAMPLE = 0  # > 0: smoke-check mode, fetch this many articles per source
AGGREGATOR_RUN_ID = None  # shared by the sources of one `aggregator crawl`
AGGREGATOR_READERS = None  # processes that read pages: None one per core, 0 in the crawl's own

# Settings for a crawl of a server on this machine (the mirror): no politeness delays.
LOCAL_CRAWL_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "AGGREGATOR_RETRY_AFTER_MAX": 5.0,
    "AGGREGATOR_RETRY_BACKOFF": 0.2,
    "DOWNLOAD_TIMEOUT": 10,
}
