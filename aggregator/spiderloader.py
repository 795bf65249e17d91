"""A spider loader that knows every configured source, with or without a module."""

from __future__ import annotations

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from aggregator.config import load_sources
from aggregator.spiders.base import NewsSpider


class SourceSpiderLoader(SpiderLoader):
    """Spiders from `spiders/`, plus the generic NewsSpider for sources that need no code."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        for key in load_sources(settings.get("AGGREGATOR_SOURCES_FILE")):
            if key not in self._spiders:
                self._spiders[key] = type(key.title(), (NewsSpider,), {"name": key})
