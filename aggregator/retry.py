"""Scrapy's retries, with the wait a site asks for: `Retry-After` within a cap, else back-off.

Scrapy's RetryMiddleware retries 5xx answers, timeouts and dropped connections at once and
sends the retry to the back of the queue; a site that said "come back in 30 s" then gets
the retry a few ms later, or minutes later. Here the retry waits what the site asked (at
most `AGGREGATOR_RETRY_AFTER_MAX` seconds), or a short exponential back-off when it asked
nothing; `RETRY_PRIORITY_ADJUST = 0` (settings.py) keeps the request's priority.
"""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import reactor
from twisted.internet.task import deferLater

from aggregator.dateshapes import parse_machine_date


def retry_after_seconds(value: bytes | None, now: datetime) -> float | None:
    """The wait a Retry-After header asks for (seconds or an HTTP date), None if unreadable."""
    text = (value or b"").decode("latin-1").strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    when = parse_machine_date(text)
    return max(0.0, (when - now).total_seconds()) if when else None


class PatientRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits between tries, as the site asks or with back-off."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("AGGREGATOR_RETRY_AFTER_MAX")
        self.backoff = settings.getfloat("AGGREGATOR_RETRY_BACKOFF")

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        asked = retry_after_seconds(response.headers.get(b"Retry-After"), datetime.now(UTC))
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await self._wait(request, asked)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            await self._wait(request, None)
        return retry

    async def _wait(self, request: Request, asked: float | None) -> None:
        """What the site asked, else back-off doubling with each try; never above the cap."""
        tries = request.meta.get("retry_times", 0)
        wait = min(self.max_wait, asked if asked is not None else self.backoff * 2**tries)
        if wait > 0:
            await maybe_deferred_to_future(deferLater(reactor, wait))  # type: ignore[arg-type]
